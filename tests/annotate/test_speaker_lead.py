"""French speakers named apart from their cue's subject (silver review round 4):
lead roles named in the body, a name parsed as a second subject, a name in
apposition to a compound role, first names over titles for gender."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from recoupe.annotate.quotes import annotate_quotes
from recoupe.model import QUOTES

Parse = Callable[[str], Doc]


def speaker_of(fr_doc: Parse, text: str, quote: str) -> str | None:
    doc = fr_doc(text)
    annotate_quotes(doc)
    hits = [q for q in doc.spans[QUOTES] if q.text.startswith(quote)]
    assert hits, f"no quote {quote!r} in {[q.text for q in doc.spans[QUOTES]]}"
    value = hits[0]._.speaker
    return None if value is None else str(value)


def test_lead_role_takes_the_first_person_the_body_quotes(fr_doc: Parse) -> None:
    text = (
        "L'ancien Premier ministre a appelé à ne pas « cacher » les sujets qui fâchent.\n\n"
        "Invité de la radio mercredi, Manuel Valls a défendu la laïcité. "
        "« Il ne faut jamais cacher les sujets », a-t-il déclaré."
    )
    assert speaker_of(fr_doc, text, "cacher") == "Manuel Valls"


def test_lead_role_takes_the_speaker_of_the_body_quote_it_echoes(fr_doc: Parse) -> None:
    text = (
        "Le ministre des Comptes publics a dénoncé la « situation absurde » du cuisinier.\n\n"
        "« Je suis très heureux », a déclaré le cuisinier Arnaud Bloquel. "
        "« Oui, situation absurde issue d'une règle obsolète ! », a tweeté Gérald Darmanin."
    )
    assert speaker_of(fr_doc, text, "situation absurde") == "Gérald Darmanin"


def test_lead_role_stays_when_the_body_quotes_nobody(fr_doc: Parse) -> None:
    text = (
        "Le procureur a dénoncé un « acte odieux » commis dans la nuit.\n\n"
        "L'enquête a été confiée à la police judiciaire de Lyon."
    )
    assert speaker_of(fr_doc, text, "acte odieux") == "Le procureur"


def test_name_parsed_as_a_second_subject_after_a_role(fr_doc: Parse) -> None:
    text = "La maire de Paris Anne Hidalgo promet un « sursaut collectif » face aux violences."
    assert speaker_of(fr_doc, text, "sursaut collectif") == "Anne Hidalgo"


def test_hyphenated_name_after_ce_a_quoi(fr_doc: Parse) -> None:
    text = (
        "Le débat a tourné court dimanche. Ce à quoi Cohn-Bendit a répliqué : « Va te faire voir »."
    )
    assert speaker_of(fr_doc, text, "Va te faire voir") == "Cohn-Bendit"


def test_name_in_apposition_to_a_hyphenated_role(fr_doc: Parse) -> None:
    text = (
        "Selon le procureur de Rouen, Pascal Prache, les faits ont duré une heure. "
        "« Le couple a été séquestré sans violence », a déclaré de son côté à l'AFP "
        "le procureur-adjoint Étienne Thieffry."
    )
    assert speaker_of(fr_doc, text, "Le couple") == "Étienne Thieffry"


def test_first_name_gender_wins_over_a_title_in_a_complement(fr_doc: Parse) -> None:
    text = (
        "Le ministre de l'Intérieur Christophe Castaner a réagi mardi. "
        "Il « n'est pas au-dessus des lois », avait déjà affirmé la secrétaire d'Etat "
        "auprès du ministre de l'Economie Agnès Pannier-Runacher. "
        "« Il faut qu'on comprenne exactement ce qu'il s'est passé », a-t-elle ajouté."
    )
    assert speaker_of(fr_doc, text, "Il faut qu'on") == "Agnès Pannier-Runacher"


def test_pontife_is_a_role_resolved_to_the_pope(fr_doc: Parse) -> None:
    text = (
        "« La question est très grave », a déclaré le pape François dans un livre. "
        "« Il n'y a pas de place pour ce type d'affection », explique le pontife argentin."
    )
    assert speaker_of(fr_doc, text, "Il n'y a pas") == "François"
