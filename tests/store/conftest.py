"""Hand-made articles for the store tests (the ``store`` fixture is in tests/conftest.py)."""

from __future__ import annotations

from datetime import date, datetime

from recoupe.model import Article


def make_article(
    n: int,
    *,
    text: str | None = None,
    source: str = "rts",
    language: str = "fr",
    published: date | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Article:
    """A small hand-written French article, distinct for each ``n``."""
    return Article(
        id=f"art-{n}",
        text=text
        or f"Article {n}. Rex Tillerson a rencontré Sergueï Lavrov à Moscou, le {n} avril.",
        title=title if title is not None else f"Tillerson à Moscou ({n})",
        source=source,
        published=published if published is not None else datetime(2017, 4, 1 + n % 28, 9, 30),
        language=language,
        url=url if url is not None else f"https://example.org/{source}/{n}",
        origin=f"feed:{source}/{n}",
        meta={"n": n, "tags": ["russie", "états-unis"]},
    )
