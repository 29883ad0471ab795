"""A polite, bounded HTTP client for every URL recoupe reads (httpx, synchronous).

:class:`Fetcher` adds to a plain GET:

* connect/read timeouts and a total time budget per fetch (retries and
  redirects included);
* retries with exponential backoff on connection errors, 429 and 5xx
  (``Retry-After`` honoured; a wait longer than ``max_wait`` is not made and
  the fetch fails instead); read timeouts are not retried;
* a minimum delay between two requests to the same host (``delay``, default
  1 s, or the site's robots.txt ``Crawl-delay`` when larger, up to ``max_wait``),
  counted from the moment the previous answer's headers arrived;
* robots.txt, fetched once per site and cached (a disallowed URL is a
  :class:`~recoupe.errors.FetchError` "disallowed by robots.txt"); the
  robots.txt request itself does not wait for the politeness delay;
* conditional requests: ETag/Last-Modified remembered per URL in a
  :class:`ValidatorCache` that callers can save as JSON; a 304 answer is a
  :class:`Fetched` with ``not_modified=True`` and an empty body;
* a size cap while streaming (:class:`~recoupe.errors.InputTooLarge`), a
  redirect cap ("too many redirects"), truncated bodies detected;
* content-type sniffing (HTML, RSS/Atom served as ``text/plain`` or
  ``application/octet-stream``).

>>> with Fetcher(delay=0.5) as fetcher:                      # doctest: +SKIP
...     page = fetcher.fetch("https://example.org/article")
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx

from .. import __version__
from ..errors import FetchError, IngestError
from .decode import too_large
from .robots import MAX_ROBOTS_BYTES, RobotsCache, Rules, robots_url, rules_from_response

log = logging.getLogger(__name__)

AGENT_TOKEN = "recoupe"
USER_AGENT = f"{AGENT_TOKEN}/{__version__} (news cross-checking; +https://pypi.org/project/recoupe)"
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_CHUNK = 65536
_GENERIC_TYPES = frozenset(
    {"", "text/plain", "application/octet-stream", "binary/octet-stream", "text/xml"}
    | {"application/xml", "application/x-unknown", "application/unknown"}
)
_FEED_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:rdf)[\s>]", re.I | re.S
)
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]", re.I | re.S
)
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})


def is_url(item: str) -> bool:
    return item.lower().startswith(("http://", "https://"))


def looks_like_feed(head: bytes) -> bool:
    """True when the bytes start (after an XML prolog) with ``<rss``, ``<feed`` or ``<rdf:RDF``."""
    return bool(_FEED_START.match(head[:4096].lstrip(b"\xef\xbb\xbf")))


def sniff_type(body: bytes, declared: str) -> str:
    """The content type to trust: the declared one unless it is generic or XML."""
    head = body[:4096].lstrip(b"\xef\xbb\xbf")
    if declared in _GENERIC_TYPES or declared in FEED_TYPES or declared.endswith("+xml"):
        if looks_like_feed(head):
            return (
                "application/atom+xml" if b"<feed" in head[:2048].lower() else "application/rss+xml"
            )
        if _HTML_START.match(head):
            return "text/html"
    return declared or "application/octet-stream"


@dataclass
class Fetched:
    """A fetched response body and what the server said about it."""

    url: str
    body: bytes
    content_type: str
    charset: str | None
    status: int = 200
    requested_url: str = ""
    not_modified: bool = False
    declared_type: str = ""

    @property
    def is_feed(self) -> bool:
        return self.content_type in FEED_TYPES


class ValidatorCache:
    """ETag / Last-Modified per URL, for conditional requests; JSON-serialisable."""

    def __init__(
        self, entries: Mapping[str, Mapping[str, str]] | None = None, *, max_entries: int = 10_000
    ) -> None:
        self.max_entries = max_entries
        self._entries: dict[str, dict[str, str]] = {}
        for url, entry in (entries or {}).items():
            kept = {k: v for k, v in entry.items() if k in ("etag", "last_modified") and v}
            if kept:
                self._entries[url] = kept

    def headers(self, url: str) -> dict[str, str]:
        """The ``If-None-Match``/``If-Modified-Since`` headers for ``url`` (may be empty)."""
        entry = self._entries.get(url, {})
        out: dict[str, str] = {}
        if "etag" in entry:
            out["If-None-Match"] = entry["etag"]
        if "last_modified" in entry:
            out["If-Modified-Since"] = entry["last_modified"]
        return out

    def remember(self, url: str, headers: Mapping[str, str]) -> None:
        entry = {"etag": headers.get("etag", ""), "last_modified": headers.get("last-modified", "")}
        kept = {k: v for k, v in entry.items() if v}
        self._entries.pop(url, None)
        if kept:
            self._entries[url] = kept
            while len(self._entries) > self.max_entries:
                del self._entries[next(iter(self._entries))]

    def forget(self, url: str) -> None:
        self._entries.pop(url, None)

    def __contains__(self, url: object) -> bool:
        return url in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def to_json(self) -> dict[str, dict[str, str]]:
        return {url: dict(entry) for url, entry in self._entries.items()}

    @classmethod
    def load(cls, path: Path) -> ValidatorCache:
        """The cache saved at ``path`` (empty when the file is missing or unreadable)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.debug("no validator cache at %s: %s", path, exc)
            return cls()
        return cls(data if isinstance(data, dict) else None)

    def save(self, path: Path) -> None:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(self.to_json(), indent=1), encoding="utf-8")
        tmp.replace(path)


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _mime(headers: httpx.Headers) -> str:
    return headers.get("content-type", "").split(";")[0].strip().lower()


class Fetcher:
    """Synchronous, polite HTTP GET with retries, robots.txt and conditional requests.

    Not thread-safe: use one per thread. Close it (or use ``with``) when done.
    """

    def __init__(
        self,
        *,
        timeout: float = 20.0,
        connect_timeout: float = 10.0,
        max_total: float = 120.0,
        max_bytes: int = 5_000_000,
        max_redirects: int = 10,
        retries: int = 3,
        backoff: float = 0.5,
        max_wait: float = 30.0,
        delay: float = 1.0,
        respect_robots: bool = True,
        robots_ttl: float = 24 * 3600.0,
        validators: ValidatorCache | None = None,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.timeout = timeout
        self.connect_timeout = connect_timeout
        self.max_total = max_total
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.delay = delay
        self.respect_robots = respect_robots
        self.validators = validators if validators is not None else ValidatorCache()
        self.user_agent = user_agent
        self.robots = RobotsCache(robots_ttl)
        self._last_request: dict[str, float] = {}
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=connect_timeout),
            follow_redirects=False,
            headers={"User-Agent": user_agent, "Accept": ACCEPT},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- public ---------------------------------------------------------------

    def fetch(self, url: str, *, conditional: bool = True, max_bytes: int | None = None) -> Fetched:
        """GET ``url``; raises :class:`FetchError` / :class:`InputTooLarge`.

        With ``conditional`` the validators known for ``url`` are sent and the
        new ones remembered; a 304 gives ``Fetched(not_modified=True)``.
        """
        if not is_url(url):
            raise FetchError(url, "unsupported URL (only http and https)")
        limit = self.max_bytes if max_bytes is None else max_bytes
        deadline = time.monotonic() + self.max_total
        headers = self.validators.headers(url) if conditional else {}
        final, response = self._follow(
            url, url, headers, deadline, robots=self.respect_robots, polite=True
        )
        try:
            return self._result(url, final, response, limit, deadline, conditional=conditional)
        finally:
            response.close()

    def _result(
        self,
        url: str,
        final: str,
        response: httpx.Response,
        limit: int,
        deadline: float,
        *,
        conditional: bool,
    ) -> Fetched:
        if response.status_code == 304:
            log.info("%s: not modified", url)
            return Fetched(final, b"", "", None, 304, url, not_modified=True)
        self._check_status(url, response)
        body = self._read_body(url, response, limit, deadline)
        if conditional:
            self.validators.remember(url, response.headers)
        declared = _mime(response.headers)
        return Fetched(
            final,
            body,
            sniff_type(body, declared),
            response.charset_encoding,
            response.status_code,
            url,
            declared_type=declared,
        )

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets recoupe fetch ``url`` (fetches robots.txt if needed)."""
        rules = self._rules(url, url, time.monotonic() + self.max_total)
        return rules.allows(url, AGENT_TOKEN)

    # -- redirects, robots, politeness ---------------------------------------

    def _follow(
        self,
        url: str,
        origin: str,
        headers: dict[str, str],
        deadline: float,
        *,
        robots: bool,
        polite: bool,
    ) -> tuple[str, httpx.Response]:
        """Follow redirects by hand (robots.txt and politeness apply to each hop)."""
        current = url
        for _hop in range(self.max_redirects + 1):
            if robots:
                self._check_robots(current, origin, deadline)
            response = self._send(current, origin, headers, deadline, polite=polite)
            location = response.headers.get("location")
            if not (response.is_redirect and location):
                return current, response
            response.close()
            current = urljoin(current, location)
            headers = {}
            if not is_url(current):
                raise FetchError(origin, f"redirect to an unsupported URL: {current}")
            log.debug("%s: redirected to %s", origin, current)
        raise FetchError(origin, "too many redirects")

    def _check_robots(self, url: str, origin: str, deadline: float) -> None:
        rules = self._rules(url, origin, deadline)
        if not rules.allows(url, AGENT_TOKEN):
            detail = "disallowed by robots.txt"
            raise FetchError(origin, f"{detail} ({rules.note})" if rules.note else detail)

    def _rules(self, url: str, origin: str, deadline: float) -> Rules:
        rules = self.robots.get(url)
        if rules is not None:
            return rules
        target = robots_url(url)
        try:
            _, response = self._follow(target, origin, {}, deadline, robots=False, polite=False)
            try:
                body = b""
                if response.status_code < 300:
                    body = self._read_body(target, response, MAX_ROBOTS_BYTES, deadline)
                rules = rules_from_response(response.status_code, body.decode("utf-8", "replace"))
            finally:
                response.close()
        except IngestError as exc:
            if isinstance(exc, FetchError) and exc.detail.startswith(
                ("network error", "timed out")
            ):
                raise FetchError(origin, exc.detail) from exc
            rules = rules_from_response(500, "")  # unreadable robots.txt: RFC 9309 says deny
            rules.note = f"robots.txt unreadable: {exc.detail}"
        self.robots.put(url, rules)
        return rules

    def _host_delay(self, url: str) -> float:
        rules = self.robots.get(url)
        crawl = rules.crawl_delay(AGENT_TOKEN) if rules is not None else None
        return min(max(self.delay, crawl or 0.0), max(self.max_wait, self.delay))

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        last = self._last_request.get(host)
        if last is not None:
            wait = last + self._host_delay(url) - time.monotonic()
            if wait > 0:
                time.sleep(wait)

    def _send_once(self, url: str, headers: dict[str, str], *, polite: bool) -> httpx.Response:
        """One GET; the host's clock restarts when its answer (or failure) comes back."""
        if polite:
            self._wait_turn(url)
        try:
            request = self._client.build_request("GET", url, headers=headers)
            return self._client.send(request, stream=True)
        finally:
            if polite:
                self._last_request[urlsplit(url).netloc.lower()] = time.monotonic()

    # -- one request, with retries -------------------------------------------

    def _send(
        self, url: str, origin: str, headers: dict[str, str], deadline: float, *, polite: bool
    ) -> httpx.Response:
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                response = self._send_once(url, headers, polite=polite)
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                detail = self._network_detail(exc)
                if last:
                    raise FetchError(origin, detail) from exc
                self._pause(self._backoff(attempt), origin, detail, deadline)
                continue
            except httpx.TimeoutException as exc:
                raise FetchError(origin, f"timed out after {self.timeout:g} s") from exc
            except httpx.InvalidURL as exc:
                raise FetchError(origin, f"invalid URL: {exc}") from exc
            except httpx.HTTPError as exc:
                raise FetchError(origin, self._network_detail(exc)) from exc
            if response.status_code not in RETRY_STATUSES or last:
                return response
            response.close()
            self._pause(
                self._retry_wait(origin, response, attempt),
                origin,
                self._status(response),
                deadline,
            )
        raise AssertionError("unreachable")  # pragma: no cover

    def _network_detail(self, exc: httpx.HTTPError) -> str:
        if isinstance(exc, httpx.ConnectTimeout):
            return f"timed out after {self.connect_timeout:g} s (connect)"
        return f"network error: {exc}"

    def _backoff(self, attempt: int) -> float:
        return min(self.backoff * (2**attempt), self.max_wait)

    def _retry_wait(self, origin: str, response: httpx.Response, attempt: int) -> float:
        asked = retry_after_seconds(response.headers.get("retry-after"))
        if asked is None:
            return self._backoff(attempt)
        if asked > self.max_wait:
            raise FetchError(
                origin,
                f"{self._status(response)} (Retry-After {asked:g} s is over the {self.max_wait:g} s limit)",
            )
        return asked

    def _pause(self, seconds: float, origin: str, why: str, deadline: float) -> None:
        if time.monotonic() + seconds > deadline:
            raise FetchError(origin, f"{why} (gave up: over {self.max_total:g} s in total)")
        log.info("%s: %s; retrying in %.2f s", origin, why, seconds)
        time.sleep(seconds)

    # -- status and body -----------------------------------------------------

    @staticmethod
    def _status(response: httpx.Response) -> str:
        return f"HTTP {response.status_code} {response.reason_phrase or 'error'}"

    def _check_status(self, origin: str, response: httpx.Response) -> None:
        if response.status_code >= 400:
            raise FetchError(origin, self._status(response))
        if response.is_redirect:
            raise FetchError(origin, f"{self._status(response)} without a Location header")

    def _read_body(
        self, origin: str, response: httpx.Response, limit: int, deadline: float
    ) -> bytes:
        declared = response.headers.get("content-length", "")
        expected = int(declared) if declared.isdigit() else None
        if expected is not None and expected > limit:
            raise too_large(origin, expected, limit, what="page")
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_bytes(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise too_large(origin, size, limit, what="page (at least)")
                if time.monotonic() > deadline:
                    raise FetchError(origin, f"timed out (over {self.max_total:g} s in total)")
                chunks.append(chunk)
        except httpx.TimeoutException as exc:
            raise FetchError(origin, f"timed out after {self.timeout:g} s") from exc
        except (httpx.RemoteProtocolError, httpx.ReadError) as exc:
            raise FetchError(origin, self._truncated(response, expected)) from exc
        if expected is not None and response.num_bytes_downloaded < expected:
            raise FetchError(origin, self._truncated(response, expected))
        return b"".join(chunks)

    @staticmethod
    def _truncated(response: httpx.Response, expected: int | None) -> str:
        got = response.num_bytes_downloaded
        if expected is None:
            return f"truncated body (connection closed after {got} bytes)"
        return f"truncated body ({got} of {expected} bytes received)"
