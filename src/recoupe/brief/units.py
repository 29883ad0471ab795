"""Sentence units: the pieces of an article that facts are aligned from."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..annotate.numbers import quantity_key
from ..model import DATES, NUMBERS, QUOTES, Article

_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
_WORD = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class Unit:
    """One sentence of one article, with what it mentions."""

    article: str
    index: int
    start: int
    end: int
    text: str
    entities: frozenset[str]
    lemmas: frozenset[str]
    numbers: tuple[tuple[float, str], ...]
    dates: tuple[str, ...]
    quoted: bool
    headline: bool
    quotes: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, int]:
        return (self.article, self.index)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _inside(span: Span, start: int, end: int) -> bool:
    return bool(span.start_char >= start and span.end_char <= end)


def _group(doc: Doc, name: str) -> list[Span]:
    return list(doc.spans[name]) if name in doc.spans else []


def _is_headline(text: str, full: str, start: int, end: int) -> bool:
    """``text`` (``full[start:end]``) is a whole short line without final punctuation."""
    line_start = full.rfind("\n", 0, start) + 1
    line_end = full.find("\n", end)
    line_end = len(full) if line_end == -1 else line_end
    whole_line = full[line_start:line_end].strip() == text
    core = text.rstrip().rstrip('»"”').rstrip()
    return whole_line and len(text.split()) <= 16 and not core.endswith((".", "?", "!", "…"))


def sentence_units(article: Article, min_words: int = 3) -> list[Unit]:
    """The article's sentences as units (whitespace-only and tiny ones skipped)."""
    doc = article.require_doc()
    ents = list(doc.ents)
    numbers = _group(doc, NUMBERS)
    dates = _group(doc, DATES)
    quotes = _group(doc, QUOTES)
    units: list[Unit] = []
    full = doc.text  # Doc.text rebuilds the string on each access
    for sent in doc.sents:
        start, end = _trim(full, sent.start_char, sent.end_char)
        text = full[start:end]
        if len([w for w in text.split() if _WORD.search(w)]) < min_words:
            continue
        units.append(
            Unit(
                article=article.id,
                index=len(units),
                start=start,
                end=end,
                text=text,
                entities=frozenset(
                    e._.entity or e.text
                    for e in ents
                    if _inside(e, start, end) and e.label_ != "MISC"
                ),
                lemmas=frozenset(
                    t.lemma_.lower()
                    for t in sent
                    if t.pos_ in _CONTENT_POS and not t.is_stop and len(t.text) > 2
                ),
                numbers=tuple(
                    (float(n._.num_value), quantity_key(n) or "")
                    for n in numbers
                    if _inside(n, start, end) and n._.num_value is not None
                ),
                dates=tuple(
                    str(d._.date_value) for d in dates if _inside(d, start, end) and d._.date_value
                ),
                quoted=any(
                    _inside(q, start, end) or q.start_char < end <= q.end_char for q in quotes
                ),
                headline=_is_headline(text, full, start, end),
                quotes=tuple(q.text for q in quotes if q._.direct and _inside(q, start, end)),
            )
        )
    return units


def units_of(articles: Sequence[Article]) -> list[Unit]:
    out: list[Unit] = []
    for article in articles:
        out.extend(sentence_units(article))
    return out
