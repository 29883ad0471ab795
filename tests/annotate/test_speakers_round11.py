"""French speakers fixed on the dev-b gold errors (round 11), on hand-written real text."""

from __future__ import annotations

from .conftest import Parse, quote_speakers


def test_complement_noun_gives_no_gender_to_the_name(fr_doc: Parse) -> None:
    found = quote_speakers(
        fr_doc,
        "La star américaine du hip-hop Beyonce a salué les diplômés. "
        '"Nous sommes si fiers de vous", a déclaré Beyonce. '
        "L'artiste a ensuite évoqué les manifestations dans le monde. "
        '"Le vrai changement a commencé avec vous", a-t-elle dit.',
    )
    assert found["Le vrai changement a commencé avec vous"] == "Beyonce"


def test_person_complement_keeps_its_gender(fr_doc: Parse) -> None:
    found = quote_speakers(
        fr_doc,
        "L'ancien député Noël Mamère a quitté la chaîne. Il est d'abord revenu sur "
        "l'éviction de la journaliste Aude Rossigneux, qui avait dénoncé un « traitement "
        "violent ». « C'est une télé militante », a estimé l'ancien député.",
    )
    assert found["C'est une télé militante"] == "Noël Mamère"


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
