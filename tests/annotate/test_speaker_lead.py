"""French speakers named apart from their cue's subject (silver review round 4):
lead roles named in the body, a name parsed as a second subject, a name in
apposition to a compound role, first names over titles for gender."""

from __future__ import annotations

from collections.abc import Callable

import pytest
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


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        pytest.param(
            "L'ancien Premier ministre a appelé à ne pas « cacher » les sujets qui fâchent.\n\n"
            "Invité de la radio mercredi, Manuel Valls a défendu la laïcité. "
            "« Il ne faut jamais cacher les sujets », a-t-il déclaré.",
            "cacher",
            "Manuel Valls",
            id="lead-role-takes-the-first-person-the-body-quotes",
        ),
        pytest.param(
            "Le ministre des Comptes publics a dénoncé la « situation absurde » du cuisinier.\n\n"
            "« Je suis très heureux », a déclaré le cuisinier Arnaud Bloquel. "
            "« Oui, situation absurde issue d'une règle obsolète ! », a tweeté Gérald Darmanin.",
            "situation absurde",
            "Gérald Darmanin",
            id="lead-role-takes-the-speaker-of-the-body-quote-it-echoes",
        ),
        pytest.param(
            "Le procureur a dénoncé un « acte odieux » commis dans la nuit.\n\n"
            "L'enquête a été confiée à la police judiciaire de Lyon.",
            "acte odieux",
            "Le procureur",
            id="lead-role-stays-when-the-body-quotes-nobody",
        ),
        pytest.param(
            "La maire de Paris Anne Hidalgo promet un « sursaut collectif » face aux violences.",
            "sursaut collectif",
            "Anne Hidalgo",
            id="name-parsed-as-a-second-subject-after-a-role",
        ),
        pytest.param(
            "Le débat a tourné court dimanche. Ce à quoi Cohn-Bendit a répliqué : « Va te faire voir ».",
            "Va te faire voir",
            "Cohn-Bendit",
            id="hyphenated-name-after-ce-a-quoi",
        ),
        pytest.param(
            "Selon le procureur de Rouen, Pascal Prache, les faits ont duré une heure. "
            "« Le couple a été séquestré sans violence », a déclaré de son côté à l'AFP "
            "le procureur-adjoint Étienne Thieffry.",
            "Le couple",
            "Étienne Thieffry",
            id="name-in-apposition-to-a-hyphenated-role",
        ),
        pytest.param(
            "Le ministre de l'Intérieur Christophe Castaner a réagi mardi. "
            "Il « n'est pas au-dessus des lois », avait déjà affirmé la secrétaire d'Etat "
            "auprès du ministre de l'Economie Agnès Pannier-Runacher. "
            "« Il faut qu'on comprenne exactement ce qu'il s'est passé », a-t-elle ajouté.",
            "Il faut qu'on",
            "Agnès Pannier-Runacher",
            id="first-name-gender-wins-over-a-title-in-a-complement",
        ),
        pytest.param(
            "« La question est très grave », a déclaré le pape François dans un livre. "
            "« Il n'y a pas de place pour ce type d'affection », explique le pontife argentin.",
            "Il n'y a pas",
            "François",
            id="pontife-is-a-role-resolved-to-the-pope",
        ),
    ],
)
def test_speaker_named_apart_from_the_cue(
    fr_doc: Parse, text: str, quote: str, speaker: str | None
) -> None:
    assert speaker_of(fr_doc, text, quote) == speaker
