"""An article's annotations as JSON spans with character offsets into its text."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

from ..model import DATES, NUMBERS, QUOTES, Article


def _span(span: Span) -> dict[str, Any]:
    return {"start": span.start_char, "end": span.end_char, "text": span.text}


def _group(doc: Doc, name: str) -> list[Span]:
    return (
        sorted(doc.spans[name], key=lambda s: (s.start_char, s.end_char))
        if name in doc.spans
        else []
    )


def _speaker_span(span: Span) -> dict[str, int] | None:
    value = span._.speaker_span
    if not value:
        return None
    start, end = value
    return {"start": int(start), "end": int(end)}


def spans_json(doc: Doc) -> dict[str, list[dict[str, Any]]]:
    """Sentences, entities, quotes, dates and numbers of ``doc``, in text order."""
    return {
        "sentences": [{"start": s.start_char, "end": s.end_char} for s in doc.sents],
        "entities": [
            {**_span(e), "label": e.label_, "entity": e._.entity or e.text} for e in doc.ents
        ],
        "quotes": [
            {
                **_span(q),
                "speaker": q._.speaker,
                "direct": bool(q._.direct),
                "cue": q._.cue,
                "speaker_span": _speaker_span(q),
                "speaker_inferred": bool(q._.speaker_inferred),
            }
            for q in _group(doc, QUOTES)
        ],
        "dates": [
            {**_span(d), "value": d._.date_value, "granularity": d._.date_granularity}
            for d in _group(doc, DATES)
        ],
        "numbers": [
            {**_span(n), "value": n._.num_value, "unit": n._.unit} for n in _group(doc, NUMBERS)
        ],
    }


def _metadata(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "published": article.published.isoformat() if article.published else None,
        "language": article.language,
        "url": article.url,
        "duplicate_of": article.meta.get("duplicate_of"),
    }


def article_json(article: Article, story_id: str | None) -> dict[str, Any]:
    """Metadata, text and annotations of a stored article."""
    return {
        **_metadata(article),
        "story_id": story_id,
        "meta": {k: v for k, v in article.meta.items() if k != "duplicate_of"},
        "text": article.text,
        "annotations": spans_json(article.require_doc()),
    }


def article_ref(article: Article) -> dict[str, Any]:
    return {**_metadata(article), "href": f"/api/articles/{article.id}"}
