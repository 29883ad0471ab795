"""Small text normalisation helpers shared by the brief builders."""

from __future__ import annotations

import re

from ..text import strip_accents

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def fold(text: str) -> str:
    """Lowercase, strip accents, collapse punctuation and spaces."""
    return _NON_WORD.sub(" ", strip_accents(text.lower())).strip()


def words(text: str) -> list[str]:
    return fold(text).split()


def overlap(a: str, b: str) -> float:
    """Share of the shorter text's words found in the longer one."""
    wa, wb = set(words(a)), set(words(b))
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def shorten(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + " …"
