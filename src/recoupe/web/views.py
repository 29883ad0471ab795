"""What the pages show: article columns with their highlights, and the brief's parts.

Highlights come from stored character offsets: the brief's fact evidence
(``start``/``end`` into the article text), the sentences its contradiction
claims were read from, and the article's own spans (quotes, entities, dates,
numbers). Facts are numbered by their index in ``brief.facts``, which is what
``data-fact`` holds in every column and in the brief's lists, so the page's
script can link a sentence to the matching sentences of the other columns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup
from spacy.tokens import Doc, Span

from ..brief import Brief
from ..brief.model import Fact, QuoteRow
from ..brief.quotes import by_speaker
from ..model import DATES, NUMBERS, QUOTES, Article
from .highlight import ENTITY, QUOTE, SENTENCE, VALUE, Mark, highlight

ENTITY_LABELS = frozenset({"PER", "LOC", "ORG", "MISC"})


@dataclass
class Column:
    """One article as a column of the side-by-side view."""

    id: str
    source: str
    title: str
    published: str | None
    language: str
    url: str | None
    duplicate_of: str | None
    html: Markup
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class _Sentence:
    classes: set[str] = field(default_factory=set)
    facts: set[int] = field(default_factory=set)
    contras: set[int] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)


def _find_sentence(doc: Doc, snippet: str) -> tuple[int, int] | None:
    """Offsets of the sentence of ``doc`` where ``snippet`` (maybe cut with …) starts."""
    words = snippet.rstrip(" …").split()[:12]
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    found = pattern.search(doc.text)
    if found is None:
        return None
    for sent in doc.sents:
        if sent.start_char <= found.start() < sent.end_char:
            return sent.start_char, sent.end_char
    return None


def _overlapping(
    found: dict[tuple[int, int], _Sentence], where: tuple[int, int]
) -> tuple[int, int]:
    """An already marked range overlapping ``where`` (one mark per sentence), else ``where``."""
    for start, end in found:
        if start < where[1] and where[0] < end:
            return start, end
    return where


def _sentence_marks(article: Article, brief: Brief | None, unknown: str) -> list[Mark]:
    if brief is None:
        return []
    doc = article.require_doc()
    found: dict[tuple[int, int], _Sentence] = {}
    for i, fact in enumerate(brief.facts):
        for ev in fact.evidence:
            if ev.article == article.id:
                s = found.setdefault((ev.start, ev.end), _Sentence())
                s.classes.add("s-shared" if fact.shared else "s-single")
                s.facts.add(i)
    for k, contra in enumerate(brief.contradictions):
        for claim in contra.claims:
            where = _find_sentence(doc, claim.text) if claim.article == article.id else None
            if where is not None:
                where = _overlapping(found, where)
                s = found.setdefault(where, _Sentence())
                s.classes.add("s-contra")
                s.contras.add(k)
                s.notes.append(f"{contra.about}: {claim.value or unknown}")
    marks = []
    for (start, end), s in sorted(found.items()):
        attrs = {}
        if s.facts:
            attrs["data-fact"] = " ".join(str(i) for i in sorted(s.facts))
        if s.contras:
            attrs["data-contra"] = " ".join(str(k) for k in sorted(s.contras))
            attrs["title"] = " · ".join(s.notes)
        marks.append(Mark(start, end, ("sent", *sorted(s.classes)), SENTENCE, attrs))
    return marks


def _quote_mark(q: Span, unknown: str, inferred: str) -> Mark:
    """A quote, its speaker as title; ``inferred`` (class, and the label in the title) when
    no cue named that speaker."""
    speaker = q._.speaker or unknown
    classes: tuple[str, ...] = ("quote", "direct" if q._.direct else "indirect")
    attrs = {"title": speaker, "data-speaker": speaker}
    if q._.speaker_inferred:
        classes += ("inferred",)
        attrs["data-inferred"] = "true"
        attrs["title"] = f"{speaker} ({inferred})" if inferred else speaker
    return Mark(q.start_char, q.end_char, classes, QUOTE, attrs)


def span_marks(doc: Doc, unknown: str, *, values: bool = True, inferred: str = "") -> list[Mark]:
    """Quotes (speaker as title), entities and, with ``values``, dates and numbers."""
    marks = [_quote_mark(q, unknown, inferred) for q in doc.spans.get(QUOTES, ())]
    for e in doc.ents:
        if e.label_ in ENTITY_LABELS:
            name = e._.entity or e.text
            attrs = {"title": f"{name} · {e.label_}", "data-entity": name}
            marks.append(Mark(e.start_char, e.end_char, ("ent", f"ent-{e.label_}"), ENTITY, attrs))
    if values:
        for d in doc.spans.get(DATES, ()):
            title = str(d._.date_value or d.text)
            marks.append(Mark(d.start_char, d.end_char, ("val", "date"), VALUE, {"title": title}))
        for n in doc.spans.get(NUMBERS, ()):
            title = (
                f"{n._.num_value:g} {n._.unit or ''}".strip()
                if n._.num_value is not None
                else n.text
            )
            marks.append(Mark(n.start_char, n.end_char, ("val", "num"), VALUE, {"title": title}))
    return marks


def column(article: Article, brief: Brief | None, unknown: str, inferred: str = "") -> Column:
    doc = article.require_doc()
    marks = _sentence_marks(article, brief, unknown) + span_marks(doc, unknown, inferred=inferred)
    counts = {
        "quotes": len(doc.spans[QUOTES]) if QUOTES in doc.spans else 0,
        "entities": len(doc.ents),
    }
    return Column(
        id=article.id,
        source=article.source or article.id,
        title=article.title,
        published=article.published.isoformat()[:10] if article.published else None,
        language=article.language,
        url=article.url,
        duplicate_of=article.meta.get("duplicate_of"),
        html=highlight(article.text, marks),
        counts=counts,
    )


def columns(
    articles: Sequence[Article], brief: Brief | None, unknown: str, inferred: str = ""
) -> list[Column]:
    """One column per article, in the brief's source order when there is a brief."""
    if brief is not None:
        order = {ref.id: n for n, ref in enumerate(brief.articles)}
        articles = sorted(articles, key=lambda a: order.get(a.id, len(order)))
    return [column(a, brief, unknown, inferred) for a in articles]


@dataclass(frozen=True)
class NumberedFact:
    index: int
    fact: Fact


@dataclass
class BriefView:
    """The brief's parts, ready for the template."""

    brief: Brief
    names: dict[str, str]
    shared: list[NumberedFact]
    single: list[NumberedFact]
    quotes: list[tuple[str, list[QuoteRow]]]


def brief_view(brief: Brief) -> BriefView:
    numbered = [NumberedFact(i, f) for i, f in enumerate(brief.facts)]
    return BriefView(
        brief=brief,
        names={a.id: a.source or a.id for a in brief.articles},
        shared=[n for n in numbered if n.fact.shared],
        single=[n for n in numbered if not n.fact.shared],
        quotes=by_speaker(brief.quotes),
    )
