"""Who said what: every quote with its speaker and the sources that carry it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..model import QUOTES, Article
from .model import QuoteRow
from .textnorm import fold, overlap

SAME_QUOTE = 0.7


def same_quote(a: str, b: str) -> bool:
    """Whether two quote texts are the same words (case, accents, punctuation aside)."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    if fa == fb or (len(fa.split()) >= 3 and (fa in fb or fb in fa)):
        return True
    return min(len(fa.split()), len(fb.split())) >= 4 and overlap(a, b) >= SAME_QUOTE


def collect_quotes(articles: Sequence[Article]) -> list[QuoteRow]:
    """All quotes in article order, each listing every article that carries it."""
    raw: list[QuoteRow] = []
    for article in articles:
        doc = article.require_doc()
        if QUOTES not in doc.spans:
            continue
        for span in sorted(doc.spans[QUOTES], key=lambda s: s.start_char):
            raw.append(
                QuoteRow(
                    speaker=span._.speaker,
                    text=span.text,
                    article=article.id,
                    start=span.start_char,
                    end=span.end_char,
                    direct=bool(span._.direct),
                    cue=span._.cue,
                    inferred=bool(span._.speaker_inferred),
                )
            )
    rank = {a.id: i for i, a in enumerate(articles)}
    rows: list[QuoteRow] = []
    for row in raw:
        carriers = sorted(
            {
                other.article
                for other in raw
                if other.article != row.article and same_quote(row.text, other.text)
            }
            | {row.article},
            key=rank.__getitem__,
        )
        rows.append(replace(row, sources=tuple(carriers)))
    return rows


def by_speaker(rows: Sequence[QuoteRow]) -> list[tuple[str, list[QuoteRow]]]:
    """Quotes grouped by speaker, most quoted first; unattributed last. A quote an
    article repeats (headline, then body) is listed once for that speaker."""
    groups: dict[str, list[QuoteRow]] = {}
    for row in rows:
        group = groups.setdefault(row.speaker or "", [])
        if not any(r.article == row.article and same_quote(r.text, row.text) for r in group):
            group.append(row)
    named = sorted(((k, v) for k, v in groups.items() if k), key=lambda kv: (-len(kv[1]), kv[0]))
    if "" in groups:
        named.append(("", groups[""]))
    return named
