"""French quotes with no cue that continue the last speaker of a one-speaker passage, and
cues kept inside the quote's own sentence, on real text (silver review round 10)."""

from __future__ import annotations

import pytest

from .conftest import Parse, quote_speakers


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        pytest.param(
            "« Il n'y a aucun médecin au chômage », explique le docteur Christophe Le Gal, chef "
            "du service des urgences. Des intérims leur permettraient de toucher jusqu'à 2.000 "
            "euros la nuit. « Le fait de pouvoir vivre de l'intérim médical fait naître des "
            "convoitises. »",
            "Le fait de pouvoir vivre de l'intérim médical fait naître des convoitises.",
            "Christophe Le Gal",
            id="after-a-narrative-sentence",
        ),
        pytest.param(
            "« On a frôlé la catastrophe », confirme David Létendart, du comité d'hygiène, de "
            "sécurité et des conditions de travail (CHSCT) du port. « Il y a eu un problème de "
            "communication. La consigne a été mal comprise. » Le CHSCT demande aujourd'hui des "
            "comptes.",
            "Il y a eu un problème de communication. La consigne a été mal comprise.",
            "David Létendart",
            id="after-a-long-incise",
        ),
        pytest.param(
            "« Les comparaisons ADN ont confirmé qu'ils provenaient du même homme », a expliqué "
            "à la presse le commissaire Paul Fehon. « Nous pensons qu'ils appartiennent à Erwan "
            "Ferrieux. »Un os plus petit a été retrouvé dimanche. D'après le groupe de médias "
            "ABC, les deux amis voyageaient depuis novembre.",
            "Nous pensons qu'ils appartiennent à Erwan Ferrieux.",
            "Paul Fehon",
            id="no-cue-from-the-next-sentence",
        ),
    ],
)
def test_passage_continues(fr_doc: Parse, text: str, quote: str, speaker: str) -> None:
    assert quote_speakers(fr_doc, text).get(quote) == speaker


def test_someone_else_named_in_between(fr_doc: Parse) -> None:
    """A person named between the two quotes may be the new speaker: the rules do not
    continue the passage (the learned fallback may still infer a speaker, flagged as such)."""
    text = (
        "« Il n'y a aucun médecin au chômage », explique le docteur Christophe Le Gal. Le "
        "ministre Olivier Véran a réuni les directeurs d'hôpitaux. « Le fait de pouvoir vivre "
        "de l'intérim médical fait naître des convoitises. »"
    )
    speaker = quote_speakers(fr_doc, text, rerank=False).get(
        "Le fait de pouvoir vivre de l'intérim médical fait naître des convoitises."
    )
    assert speaker != "Christophe Le Gal"


def test_intertitle_is_not_a_continuation(fr_doc: Parse) -> None:
    """A quote glued to the next capitalised word, with no final stop, is an intertitle:
    the rules do not continue the passage into it."""
    text = (
        "« Les éléments du délit ne sont pas caractérisés », a déclaré la présidente Christine "
        "Mée. « Le plus beau jour de sa vie »Une relaxe générale a été prononcée. « C'est le "
        "plus beau jour de sa vie », a commenté son épouse Dominique Tapie."
    )
    speakers = quote_speakers(fr_doc, text, rerank=False)
    assert speakers.get("Le plus beau jour de sa vie") != "Christine Mée"


def test_quote_after_a_sentence_about_its_speaker(fr_doc: Parse) -> None:
    """A quote with no cue after a sentence whose main subject is a person (``Il`` = the
    ``Pour le député X,`` of the sentence before) is that person's."""
    text = (
        '"Il y a des gens qui ont des limites physiques", a poursuivi Jean-Luc Mélenchon. Pour '
        "le député François Ruffin, ce calendrier résulte d'une stratégie du groupe La "
        "République en marche. Il a cité en exemple la procédure d'adoption de la loi, dans "
        "un billet publié sur son site. \"Après sept jours de cette guerre d'usure, le "
        'président décide de prolonger les débats."'
    )
    quote = "Après sept jours de cette guerre d'usure, le président décide de prolonger les débats."
    assert quote_speakers(fr_doc, text).get(quote) == "François Ruffin"
