"""The page language: ``?lang=fr|en``, else the browser's Accept-Language, else French."""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.requests import Request

LANGUAGES = ("fr", "en")
DEFAULT = "fr"


def parse_accept_language(header: str) -> list[str]:
    """Primary language tags of an Accept-Language header, best first."""
    ranked: list[tuple[float, int, str]] = []
    for n, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        if tag and q > 0:
            ranked.append((-q, n, tag.split("-")[0].strip().lower()))
    return [tag for _, _, tag in sorted(ranked)]


def ui_lang(request: Request) -> str:
    asked = request.query_params.get("lang", "").lower()
    if asked in LANGUAGES:
        return asked
    for tag in parse_accept_language(request.headers.get("accept-language", "")):
        if tag in LANGUAGES:
            return tag
    return DEFAULT


def explicit_lang(request: Request) -> str | None:
    asked = request.query_params.get("lang", "").lower()
    return asked if asked in LANGUAGES else None


def with_params(path: str, **params: object) -> str:
    """``path`` with the non-empty ``params`` as a query string."""
    clean = {k: str(v) for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(clean)}" if clean else path
