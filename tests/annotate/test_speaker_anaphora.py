"""French pronouns that stand for a plural subject or an organisation, on real text."""

from __future__ import annotations

from .conftest import Parse, quote_speakers


def test_plural_pronoun_after_unnamed_group_is_nobody(fr_doc: Parse) -> None:
    found = quote_speakers(
        fr_doc,
        "Le secrétaire national d'EELV Julien Bayou a présenté l'appel. "
        '"Il y a urgence", estiment les signataires. '
        '"Les forces politiques au pouvoir sont incapables d\'agir", dénoncent-ils.',
    )
    assert found["Les forces politiques au pouvoir sont incapables d'agir"] is None


def test_plural_role_is_not_one_person(fr_doc: Parse) -> None:
    found = quote_speakers(
        fr_doc,
        "À Paris, le candidat EELV David Belliard négocie avec la maire. "
        "À Nantes, les deux candidates affirment que l'accord porte « l'ambition » "
        "d'une rupture.",
    )
    assert found["l'ambition"] != "David Belliard"


def test_pronoun_after_organisation_subject(fr_doc: Parse) -> None:
    found = quote_speakers(
        fr_doc,
        "Un policier est mort du Covid-19. La police nationale a salué "
        '"un policier de très grande valeur". '
        '"Nous partageons le chagrin de ses proches", a-t-elle ajouté.',
    )
    assert found["Nous partageons le chagrin de ses proches"] == "La police nationale"


def test_pronoun_skips_organisation_in_subordinate_clause(fr_doc: Parse) -> None:
    found = quote_speakers(
        fr_doc,
        "Le Syndicat national des journalistes a déposé un recours pour que le "
        'gouvernement supprime la page. "C\'est une atteinte grave", a-t-il annoncé.',
    )
    assert found["C'est une atteinte grave"] != "le gouvernement"


def test_epicene_role_takes_no_gender_from_the_noun(fr_doc: Parse) -> None:
    from recoupe.annotate.speaker_phrases import np_gender

    doc = fr_doc("L'artiste se dit de centre-droit.")
    assert np_gender(doc[0:2]) is None


def test_analyser_is_a_speech_verb(fr_doc: Parse) -> None:
    found = quote_speakers(
        fr_doc,
        "Fabrice Luchini a dîné avec le président. "
        '"Il faut qu\'il arrête de dire que ça va mieux", analyse-t-il.',
    )
    assert found["Il faut qu'il arrête de dire que ça va mieux"] == "Fabrice Luchini"
