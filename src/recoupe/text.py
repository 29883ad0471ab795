"""Text helpers shared by every stage."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc


class _Unmarked(dict[int, str]):
    """``str.translate`` table: each character seen so far -> itself without combining marks.

    A character's NFKD decomposition does not depend on its neighbours, and the
    marks it drops (non-zero combining class) are the ones canonical reordering
    moves, so folding character by character equals folding the whole text.
    """

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(code))
        value = self[code] = "".join(c for c in decomposed if not unicodedata.combining(c))
        return value


_UNMARKED = _Unmarked()


def strip_accents(text: str) -> str:
    """``text`` without combining marks after NFKD decomposition (``"État"`` -> ``"Etat"``).

    Callers fold case first or after, as their keys need.
    """
    return text.translate(_UNMARKED)


_TEXT_KEY = "recoupe.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, read from the cache :func:`cached_text` holds while a stage runs.

    ``Doc.text`` joins every token on each access, so a stage that looks at the
    text around many spans reads it once instead.
    """
    text = doc.user_data.get(_TEXT_KEY)
    return text if isinstance(text, str) else doc.text


@contextmanager
def cached_text(doc: Doc) -> Iterator[str]:
    """Hold ``doc.text`` for :func:`doc_text` inside the block; removed after it, so
    the serialised Doc does not carry a second copy of its text."""
    doc.user_data[_TEXT_KEY] = text = doc.text
    try:
        yield text
    finally:
        doc.user_data.pop(_TEXT_KEY, None)
