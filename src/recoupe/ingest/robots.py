"""robots.txt rules per site (``scheme://host:port``), parsed with :mod:`urllib.robotparser`.

Following RFC 9309: a robots.txt answered with 4xx means "no rules" (all
allowed); 5xx means the whole site is treated as disallowed. The fetching is
done by :class:`~recoupe.ingest.http.Fetcher`; this module only parses and
caches.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

log = logging.getLogger(__name__)

DEFAULT_TTL = 24 * 3600.0
MAX_ROBOTS_BYTES = 500_000


def site_of(url: str) -> str:
    """``https://www.example.org:8443`` for any URL on that site (robots.txt scope)."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def robots_url(url: str) -> str:
    return f"{site_of(url)}/robots.txt"


@dataclass
class Rules:
    """What one site's robots.txt says (or why it is treated as all-allowed/all-denied)."""

    parser: RobotFileParser
    note: str = ""
    fetched_at: float = 0.0

    def allows(self, url: str, agent: str) -> bool:
        return self.parser.can_fetch(agent, url)

    def crawl_delay(self, agent: str) -> float | None:
        delay = self.parser.crawl_delay(agent)
        return float(delay) if delay is not None else None


def rules_from_response(status: int, text: str) -> Rules:
    """Rules from the robots.txt answer: 2xx parsed, 4xx allow all, 5xx deny all."""
    parser = RobotFileParser()
    if 200 <= status < 300:
        parser.parse(text.splitlines())
        return Rules(parser, fetched_at=time.monotonic())
    if 400 <= status < 500:
        parser.parse([])
        return Rules(parser, note=f"no robots.txt (HTTP {status})", fetched_at=time.monotonic())
    parser.parse(["User-agent: *", "Disallow: /"])
    note = f"robots.txt unavailable (HTTP {status}), site treated as disallowed"
    return Rules(parser, note=note, fetched_at=time.monotonic())


class RobotsCache:
    """Rules per site, kept for ``ttl`` seconds."""

    def __init__(self, ttl: float = DEFAULT_TTL) -> None:
        self.ttl = ttl
        self._rules: dict[str, Rules] = {}

    def get(self, url: str) -> Rules | None:
        rules = self._rules.get(site_of(url))
        if rules is None or time.monotonic() - rules.fetched_at > self.ttl:
            return None
        return rules

    def put(self, url: str, rules: Rules) -> None:
        if rules.note:
            log.info("%s: %s", site_of(url), rules.note)
        self._rules[site_of(url)] = rules
