"""French speaker rules found on the dev-b gold errors (rounds 11-13), on hand-written real text."""

from __future__ import annotations

import pytest

from .conftest import Parse, quote_speakers


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        pytest.param(
            "La star américaine du hip-hop Beyonce a salué les diplômés. "
            '"Nous sommes si fiers de vous", a déclaré Beyonce. '
            "L'artiste a ensuite évoqué les manifestations dans le monde. "
            '"Le vrai changement a commencé avec vous", a-t-elle dit.',
            "Le vrai changement a commencé avec vous",
            "Beyonce",
            id="complement-noun-gives-no-gender-to-the-name",
        ),
        pytest.param(
            "L'ancien député Noël Mamère a quitté la chaîne. Il est d'abord revenu sur "
            "l'éviction de la journaliste Aude Rossigneux, qui avait dénoncé un « traitement "
            "violent ». « C'est une télé militante », a estimé l'ancien député.",
            "C'est une télé militante",
            "Noël Mamère",
            id="person-complement-keeps-its-gender",
        ),
        pytest.param(
            # ``le Théâtre de Paris`` is tagged a place; as a cue subject it is the institution.
            "Muriel Robin a été victime d'un malaise sur scène. "
            '"Les représentations reprendront dès que son état le lui permettra", a précisé le '
            "Théâtre de Paris dans un communiqué.",
            "Les représentations reprendront dès que son état le lui permettra",
            "le Théâtre de Paris",
            id="theatre-named-as-cue-subject-speaks",
        ),
        pytest.param(
            # ``a-t-il fait valoir``: read on ``valoir`` after ``faire``, like ``a fait savoir``.
            "Le directeur du musée, Yves Delhommeau, a annoncé que la statue serait refaite. "
            "Le directeur de l'établissement s'est justifié. \"La photo diffusée rend le "
            "personnage caricatural. Il n'était pas terminé au moment du reportage\", "
            "a-t-il fait valoir.",
            "La photo diffusée rend le personnage caricatural. "
            "Il n'était pas terminé au moment du reportage",
            "Yves Delhommeau",
            id="fait-valoir-is-a-cue",
        ),
        pytest.param(
            'Jean Dupont s\'est défendu. Il a fait valoir que "la réforme est juste".',
            "la réforme est juste",
            "Jean Dupont",
            id="fait-valoir-que-reports-a-named-subject",
        ),
    ],
)
def test_speaker(fr_doc: Parse, text: str, quote: str, speaker: str) -> None:
    assert quote_speakers(fr_doc, text)[quote] == speaker


def test_subject_of_a_pronoun_sourced_sentence_is_not_the_speaker(fr_doc: Parse) -> None:
    found = quote_speakers(
        fr_doc,
        "La présidente de région Valérie Pécresse a répondu mardi sur LCI. "
        "La société gestionnaire des transports est « dans une situation catastrophique », "
        "selon elle. Les millions promis par l'État représentent « 15 % des pertes », "
        "a-t-elle expliqué.",
    )
    assert found["dans une situation catastrophique"] == "Valérie Pécresse"
    assert found["15 % des pertes"] == "Valérie Pécresse"


def test_named_subject_of_own_sentence_beats_a_glued_cue(fr_doc: Parse) -> None:
    # The stray closing mark makes the parser glue the sentences: the fragment's own named
    # subject (``François Fillon, …, se présente comme « … »``) must win over the cue of a
    # sentence around it, whose ``il`` is the singer.
    found = quote_speakers(
        fr_doc,
        "Le chanteur Renaud a longtemps hésité. Il avait fait marche-arrière en assurant sur "
        "RTL qu'il n'avait \"jamais soutenu la candidature de François Fillon\" et qu'il "
        'n\'avait "pas dit" qu\'il irait voter pour lui". SOUTIEN AFFICHÉ Son soutien est '
        'désormais plus explicite : "Fillon, c\'est un mec bien", a-t-il déclaré dimanche au '
        "Figaro. Le candidat à la primaire de la droite l'a remercié sur sa page Facebook : "
        '"Ces mots me vont droit au cœur", a-t-il écrit. François Fillon, à la traîne derrière '
        "Alain Juppé et Nicolas Sarkozy dans les sondages à droite, se présente comme le "
        "candidat \"le plus libéral\". Mardi, il a notamment proposé, devant l'université d'été "
        'du Medef, de "sortir l\'État de toute une partie de la sphère économique".',
    )
    assert found["le plus libéral"] == "François Fillon"
    assert found["sortir l'État de toute une partie de la sphère économique"] == "François Fillon"
    assert found["Fillon, c'est un mec bien"] == "Renaud"
