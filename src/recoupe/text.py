"""Text helpers shared by every stage."""

from __future__ import annotations

import unicodedata


def strip_accents(text: str) -> str:
    """``text`` without combining marks after NFKD decomposition (``"État"`` -> ``"Etat"``).

    Callers fold case first or after, as their keys need.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
