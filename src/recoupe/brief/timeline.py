"""A dated timeline of the story, from resolved date expressions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.tokens import Doc, Span

from ..model import DATES, Article
from .model import TimelineEntry
from .textnorm import shorten
from .units import Unit

Key = tuple[str, int]

_PRECISION = {"year": 0, "month": 1, "day": 2}
# `depuis son entrée en fonction début février`: the date belongs to the noun after
# `depuis` (when a period began), not to what the sentence reports.
_SINCE = frozenset({"depuis", "since"})
_SINCE_REACH = 8


def build_timeline(
    articles: Sequence[Article],
    units: Sequence[Unit],
    fact_of: dict[Key, int],
) -> list[TimelineEntry]:
    """One entry per (date, fact): the sentence that dates it and every source that does."""
    order = [a.id for a in articles]
    by_article: dict[str, list[Unit]] = {}
    for u in units:
        by_article.setdefault(u.article, []).append(u)
    entries: dict[tuple[str, object], tuple[str, str, set[str]]] = {}
    for article in articles:
        doc = article.require_doc()
        units_here = by_article.get(article.id, [])
        for unit, span in _one_date_per_sentence(doc, units_here, article.reference_date):
            group: object = fact_of.get(unit.key, unit.key)
            key = (str(span._.date_value), group)
            if key in entries:
                entries[key][2].add(article.id)
            else:
                entries[key] = (
                    str(span._.date_granularity or "day"),
                    shorten(unit.text),
                    {article.id},
                )
    rows = [
        TimelineEntry(date=date, granularity=gran, text=text, sources=sorted(src, key=order.index))
        for (date, _), (gran, text, src) in entries.items()
    ]
    rows.sort(key=lambda r: (r.date, -len(r.sources), r.text))
    return _dedupe(rows)


def _one_date_per_sentence(
    doc: Doc, units: Sequence[Unit], reference: date | None
) -> list[tuple[Unit, Span]]:
    """Each sentence's main date: the most precise one, and among those the latest on or
    before the reference date (the event being reported), else the earliest."""
    spans = [s for s in doc.spans.get(DATES, []) if s._.date_value and not _dates_a_period_start(s)]
    out: list[tuple[Unit, Span]] = []
    for unit in units:
        here = [s for s in spans if unit.start <= s.start_char < unit.end]
        if not here:
            continue
        best = max(_PRECISION.get(str(s._.date_granularity), 0) for s in here)
        here = sorted(
            (s for s in here if _PRECISION.get(str(s._.date_granularity), 0) == best), key=_value
        )
        ref = reference.isoformat()[: len(_value(here[0]))] if reference else None
        past = [s for s in here if ref is None or _value(s) <= ref]
        out.append((unit, past[-1] if past else here[0]))
    return out


def _dates_a_period_start(span: Span) -> bool:
    """Is the date inside `depuis <noun phrase> <date>`, dating the noun rather than the
    sentence's event? `depuis le 4 avril` alone still dates the sentence."""
    noun = False
    start = span.sent.start if span.doc.has_annotation("SENT_START") else 0
    for tok in reversed(span.doc[max(start, span.start - _SINCE_REACH) : span.start]):
        if tok.lower_ in _SINCE:
            return noun
        if tok.is_punct or tok.pos_ in ("VERB", "AUX"):
            return False
        noun = noun or tok.pos_ in ("NOUN", "PROPN")
    return False


def _value(span: Span) -> str:
    return str(span._.date_value)


def _dedupe(rows: list[TimelineEntry]) -> list[TimelineEntry]:
    out: list[TimelineEntry] = []
    for row in rows:
        if out and out[-1].date == row.date and out[-1].text == row.text:
            continue
        out.append(row)
    return out
