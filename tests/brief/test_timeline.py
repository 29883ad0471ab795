"""Which date a sentence is put under in the timeline (hand-written French, real model)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from spacy.tokens import Doc

from recoupe.annotate.dates import annotate_dates
from recoupe.brief.timeline import _dates_a_period_start
from recoupe.model import DATES

WED = date(2017, 4, 12)


@pytest.mark.parametrize(
    ("text", "date_text", "period_start"),
    [
        (
            "Rex Tillerson est à Moscou depuis son entrée en fonction début février.",
            "début février",
            True,
        ),
        ("Le régime est visé depuis le début du conflit il y a six ans.", "il y a six ans", True),
        ("Les cheminots sont en grève depuis le 4 avril.", "le 4 avril", False),
        ("Le ministre a été reçu mercredi au Kremlin.", "mercredi", False),
        ("Il a déclaré depuis Moscou que la visite aurait lieu mardi.", "mardi", False),
    ],
)
def test_a_date_after_depuis_and_a_noun_dates_the_noun(
    fr_doc: Callable[[str], Doc], text: str, date_text: str, period_start: bool
) -> None:
    doc = fr_doc(text)
    annotate_dates(doc, WED)
    span = next(s for s in doc.spans[DATES] if s.text == date_text)
    assert _dates_a_period_start(span) is period_start
