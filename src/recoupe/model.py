"""The document model: an :class:`Article` with a spaCy ``Doc`` annotated in place.

Every annotation is a ``Span`` over the article text, so it carries character
offsets (``span.start_char``/``span.end_char``) into ``Article.text``:

* ``doc.ents`` — named entities; ``span._.entity`` is the canonical name the
  mention was merged into (``"Poutine"`` -> ``"Vladimir Poutine"``).
* ``doc.spans["quotes"]`` — quotes (the text inside the marks for direct
  quotes, the reported clause for indirect ones); ``_.speaker`` (canonical
  name or None), ``_.direct``, ``_.cue`` (speech verb), ``_.speaker_span``
  (char offsets of the mention the speaker was read from), ``_.speaker_inferred``
  (True when no cue named the speaker and a learned ranking chose it).
* ``doc.spans["dates"]`` — date expressions; ``_.date_value`` (ISO date),
  ``_.date_granularity`` (``day``/``month``/``year``).
* ``doc.spans["numbers"]`` — quantities; ``_.num_value`` (float) and
  ``_.unit`` (lemma of what is counted: ``"mort"``, ``"an"``).

Sentences are ``doc.sents``; each sentence lies within one line of the text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.tokens import Doc, Span

QUOTES = "quotes"
DATES = "dates"
NUMBERS = "numbers"

_SPAN_EXTENSIONS: dict[str, Any] = {
    "entity": None,
    "speaker": None,
    "direct": True,
    "cue": None,
    "speaker_span": None,
    "speaker_inferred": False,
    "date_value": None,
    "date_granularity": None,
    "num_value": None,
    "unit": None,
}


def register_extensions() -> None:
    """Register recoupe's ``Span._`` attributes (idempotent)."""
    for name, default in _SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    if not Doc.has_extension("article_id"):
        Doc.set_extension("article_id", default=None)


register_extensions()


def content_hash(text: str) -> str:
    """Stable hash of the article text, whitespace-normalised."""
    norm = " ".join(text.split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


@dataclass
class Article:
    """One article: text, metadata and (after annotation) its spaCy ``Doc``."""

    id: str
    text: str
    title: str = ""
    source: str = ""
    published: date | None = None
    language: str = ""
    url: str | None = None
    origin: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    doc: Doc | None = None

    @property
    def hash(self) -> str:
        return content_hash(self.text)

    @property
    def reference_date(self) -> date | None:
        """The date relative expressions resolve against: the publication date, or for
        an undated article the date inferred from its story (``meta["reference_date"]``)."""
        if self.published is not None:
            return self.published
        ref = self.meta.get("reference_date")
        return date.fromisoformat(ref) if isinstance(ref, str) else None

    def require_doc(self) -> Doc:
        if self.doc is None:
            raise ValueError(f"article {self.id} is not annotated yet")
        return self.doc
