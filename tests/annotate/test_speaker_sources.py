"""French speaker rules from the session-7 round on the training split: name particles and
platforms after an incise, outlets called back by a common noun, ``on`` with its source,
a name that hangs from a role subject."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from recoupe.annotate.speaker_mentions import subject_like

from .conftest import Parse, quote_speakers

ROUSSEL_LE_MAIRE = (
    "Fabien Roussel veut taxer les plus riches. « Je retourne la question aux députés », "
    "a-t-il ajouté, citant le rétablissement de l'ISF, la taxation des dividendes et la "
    "suppression de la flat tax, « ce bouclier fiscal pour les plus riches ».Lundi 11 mai au "
    "micro de BFM Business, le ministre de l'Economie Bruno Le Maire s'est montré bien "
    "sceptique sur le sujet. « Moi je me méfie de cette réaction », a-t-il fait savoir."
)


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        pytest.param(
            "Patrick de Carolis a quitté France Télévisions. « J'ai refusé parce que, "
            "humainement, ce n'est pas comme ça que je gère ma vie », explique De Carolis "
            "dans un entretien au Parisien.",
            "J'ai refusé parce que, humainement, ce n'est pas comme ça que je gère ma vie",
            "De Carolis",
            id="capitalised-particle-opens-the-name",
        ),
        pytest.param(
            "Le CFCM a un nouveau président. « J'ai décidé de retirer ma candidature pour la "
            "présidence du CFCM », a écrit sur twitter Chems-Eddine Hafiz, qui avait "
            "également émis le souhait de prendre la tête du CFCM.",
            "J'ai décidé de retirer ma candidature pour la présidence du CFCM",
            "Chems-Eddine Hafiz",
            id="platform-tagged-verb-after-incise",
        ),
        pytest.param(
            "Le Parisien révèle l'affaire. L'infirmière aurait décidé « de détruire sa vie "
            "professionnelle en allant voir ses employeurs », détaille le quotidien.",
            "de détruire sa vie professionnelle en allant voir ses employeurs",
            "Parisien",  # the entity as recognised
            id="newspaper-noun-calls-back-the-paper",
        ),
        pytest.param(
            "Emmanuel Macron a reçu un gilet jaune. Le président « est passé le saluer et a "
            "eu un court échange avec lui », a-t-on précisé à l'Élysée.",
            "est passé le saluer et a eu un court échange avec lui",
            "Élysée",
            id="on-with-its-source",
        ),
        pytest.param(
            "La France compte « 30 à 40% de touristes en moins » à cause de l'épidémie, a "
            "estimé le ministre de l'Economie et des finances dimanche soir.",
            "30 à 40% de touristes en moins",
            "le ministre de l'Economie",
            id="incise-after-a-quote-inside-the-sentence",
        ),
        pytest.param(
            ROUSSEL_LE_MAIRE,
            "Moi je me méfie de cette réaction",
            "Bruno Le Maire",
            id="name-hanging-from-role-subject",
        ),
    ],
)
def test_speaker(fr_doc: Parse, text: str, quote: str, speaker: str) -> None:
    assert quote_speakers(fr_doc, text, rerank=False).get(quote) == speaker


def test_name_hanging_from_a_role_subject_is_a_subject(nlp_fr: Language) -> None:
    # the parse of the article (not of this sentence alone) hung the name from the
    # role noun: ``ministre`` nsubj, ``Bruno`` flat:name, ``Maire`` nmod
    words = [
        "Lundi",
        ",",
        "le",
        "ministre",
        "de",
        "l'",
        "Economie",
        "Bruno",
        "Le",
        "Maire",
        "s'",
        "est",
        "montré",
        "sceptique",
        ".",
    ]
    heads = [12, 12, 3, 12, 6, 6, 3, 3, 9, 3, 12, 12, 12, 12, 12]
    deps = "obl:mod punct det nsubj case det nmod flat:name det nmod expl:comp aux:tense ROOT xcomp punct"
    pos = "NOUN PUNCT DET NOUN ADP DET NOUN PROPN DET NOUN PRON AUX VERB ADJ PUNCT"
    doc = Doc(
        nlp_fr.vocab,
        words=words,
        heads=heads,
        deps=deps.split(),
        pos=pos.split(),
        morphs=[""] * 11
        + ["Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", "VerbForm=Part", "", ""],
        ents=["O"] * 7 + ["B-PER", "I-PER", "I-PER"] + ["O"] * 5,
    )
    (name,) = doc.ents
    assert name.text == "Bruno Le Maire" and subject_like(name)
