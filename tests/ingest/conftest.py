"""Fixtures for the ingest tests: a realistic French article page."""

from __future__ import annotations

from collections.abc import Callable

import pytest

PARAGRAPHS = [
    "Le président russe Vladimir Poutine a reçu mercredi au Kremlin le secrétaire d'État "
    "américain Rex Tillerson, après plusieurs heures de discussions tendues avec Sergueï Lavrov.",
    "Les deux pays se livrent depuis plusieurs jours une guerre des mots au sujet de l'attaque "
    "chimique présumée de Khan Cheikhoun, dans la province syrienne d'Idleb.",
    "« Il y a un faible niveau de confiance entre nos deux pays », a déclaré Rex Tillerson lors "
    "d'une conférence de presse commune avec son homologue russe.",
]


def make_page(
    *,
    title: str = "Rex Tillerson reçu par Vladimir Poutine",
    site: str = "Le Quotidien du Soir",
    published: str = "2017-04-12T18:30:00+02:00",
    paragraphs: list[str] | None = None,
) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in (paragraphs or PARAGRAPHS))
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>{title} - {site}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{published}">
</head><body>
<nav><a href="/">Accueil</a> <a href="/monde">Monde</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>
{body}
</article>
<footer>© {site} — Mentions légales — Contact</footer>
</body></html>"""


@pytest.fixture
def article_page() -> Callable[..., str]:
    """Build an HTML article page (title, og:site_name, published_time, <article>)."""
    return make_page
