"""Helpers shared by the annotation tests (real spaCy model, hand-written text)."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from recoupe.annotate.entities import annotate_entities
from recoupe.annotate.quotes import annotate_quotes
from recoupe.model import QUOTES

Parse = Callable[[str], Doc]


def quote_speakers(fr_doc: Parse, text: str, rerank: bool = True) -> dict[str, str | None]:
    """``{quote text: speaker}`` of ``text`` after entities and quotes are annotated
    (``rerank=False``: the rules' speakers, without the learned fallback)."""
    doc = fr_doc(text)
    annotate_entities(doc)
    annotate_quotes(doc, rerank=rerank)
    return {q.text: q._.speaker for q in doc.spans[QUOTES]}
