"""From a format reader's :class:`Draft` to a clean :class:`~recoupe.model.Article`."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..errors import EmptyInput
from ..model import Article
from .cleanup import clean_text
from .language import detect_language
from .metadata import derive_title
from .tweets import find_embedded_tweets

log = logging.getLogger(__name__)


@dataclass
class Draft:
    """What a format reader found, before cleanup and defaults."""

    raw_text: str
    origin: str
    id_hint: str
    source: str = ""
    title: str = ""
    published: date | None = None
    language: str = ""
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def finish(draft: Draft, *, source: str | None = None) -> Article:
    """Clean the text and fill title, outlet, date and language.

    ``source`` (the caller's outlet name) wins over anything the input says.
    Raises :class:`EmptyInput` when nothing but boilerplate is left.
    """
    cleaned = clean_text(draft.raw_text)
    if not cleaned.text.strip():
        detail = "no text left after removing boilerplate" if cleaned.dropped else "no text"
        raise EmptyInput(draft.origin, detail)
    published = draft.published or cleaned.published or cleaned.updated
    meta = dict(draft.meta)
    meta["dropped_lines"] = cleaned.dropped
    meta["embedded_quotes"] = find_embedded_tweets(cleaned.text)
    if cleaned.updated is not None:
        meta["updated"] = cleaned.updated.isoformat()
    return Article(
        id=draft.id_hint,
        text=cleaned.text,
        title=" ".join(draft.title.split()) or derive_title(cleaned.text),
        source=(source or draft.source).strip(),
        published=published,
        language=draft.language.strip().lower() or detect_language(cleaned.text),
        url=draft.url,
        origin=draft.origin,
        meta=meta,
    )
