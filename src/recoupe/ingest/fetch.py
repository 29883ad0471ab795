"""Fetch http(s) URLs with httpx: timeout, redirects followed, size cap while streaming."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx

from ..errors import FetchError
from .decode import too_large

log = logging.getLogger(__name__)

USER_AGENT = "recoupe/0.1 (news cross-checking; +https://pypi.org/project/recoupe)"
_CHUNK = 65536


@dataclass
class Fetched:
    """A fetched response body and what the server said about it."""

    url: str
    body: bytes
    content_type: str
    charset: str | None


def is_url(item: str) -> bool:
    return item.lower().startswith(("http://", "https://"))


def _check_status(item: str, response: httpx.Response) -> None:
    if response.status_code >= 400:
        phrase = response.reason_phrase or "error"
        raise FetchError(item, f"HTTP {response.status_code} {phrase}")


def _read_capped(item: str, response: httpx.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_large(item, int(declared), max_bytes, what="page")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise too_large(item, size, max_bytes, what="page (at least)")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch(item: str, *, timeout: float, max_bytes: int) -> Fetched:
    """Download ``item``; :class:`FetchError` on network errors and 4xx/5xx."""
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,text/plain;q=0.9,*/*;q=0.5"}
    try:
        with (
            httpx.Client(timeout=timeout, follow_redirects=True, headers=headers) as client,
            client.stream("GET", item) as response,
        ):
            _check_status(item, response)
            body = _read_capped(item, response, max_bytes)
            content_type = response.headers.get("content-type", "")
            mime = content_type.split(";")[0].strip().lower()
            return Fetched(str(response.url), body, mime, response.charset_encoding)
    except httpx.TimeoutException as exc:
        raise FetchError(item, f"timed out after {timeout:g} s") from exc
    except httpx.TooManyRedirects as exc:
        raise FetchError(item, "too many redirects") from exc
    except httpx.InvalidURL as exc:
        raise FetchError(item, f"invalid URL: {exc}") from exc
    except httpx.HTTPError as exc:
        raise FetchError(item, f"network error: {exc}") from exc
