"""RSS/Atom feeds (feedparser): items, their pages as articles, and a polling watcher.

:func:`read_feed` reads a feed from a URL (through a
:class:`~recoupe.ingest.http.Fetcher`, conditional requests included) or a
local file; :func:`feed_articles` fetches each item's page and turns it into an
:class:`~recoupe.model.Article`; :func:`watch` polls feeds and hands only new
articles to a callback, remembering what it has seen in a JSON state file.

The outlet of a feed article is the page's declared site name
(``og:site_name`` / JSON-LD publisher) when it has one, else the feed's title;
title and date come from the feed when the page lacks them.
"""

from __future__ import annotations

import html as htmllib
import json
import logging
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from ..errors import IngestError, MalformedInput, MissingDependency, SourceNotFound
from ..model import Article
from ..pipeline import Failure
from .build import finish
from .decode import read_limited
from .fetch import page_draft
from .http import Fetched, Fetcher, ValidatorCache, is_url, looks_like_feed
from .metadata import parse_date_field

log = logging.getLogger(__name__)

STAGE = "ingest"
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
DEFAULT_MAX_BYTES = 5_000_000
MAX_ITEMS = 200
MAX_ATTEMPTS = 3
MAX_SEEN = 20_000
_DECLARED_OUTLET = frozenset({"og:site_name", "json-ld publisher"})
_TAG = re.compile(r"<[^>]+>")

__all__ = [
    "FeedItem",
    "FeedResult",
    "WatchState",
    "feed_articles",
    "item_article",
    "looks_like_feed",
    "parse_feed",
    "poll",
    "read_feed",
    "watch",
]


@dataclass(frozen=True)
class FeedItem:
    """One feed entry."""

    link: str
    title: str = ""
    published: date | None = None
    summary: str = ""
    guid: str = ""

    @property
    def key(self) -> str:
        """What identifies the item across polls: its GUID, else its link."""
        return self.guid or self.link


@dataclass
class FeedResult:
    """A parsed feed: its items and the entries that could not be used."""

    url: str
    title: str = ""
    items: list[FeedItem] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    not_modified: bool = False


def _feedparser() -> Any:
    try:
        import feedparser
    except ImportError as exc:  # a core dependency, but say so clearly
        raise MissingDependency("feedparser", "pip install feedparser") from exc
    return feedparser


def _plain(value: object) -> str:
    """Text of a feed field that may hold HTML."""
    if not isinstance(value, str):
        return ""
    return " ".join(htmllib.unescape(_TAG.sub(" ", value)).split())


def _entry_date(entry: Any) -> date | None:
    """The entry's date in the publisher's own time zone (not converted to UTC)."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not isinstance(raw, str) or not raw.strip():
            continue
        try:
            return parsedate_to_datetime(raw).date()
        except (TypeError, ValueError, IndexError):
            pass
        try:
            return datetime.fromisoformat(raw.strip()).date()
        except ValueError:
            pass
        found = parse_date_field(raw)
        if found is not None:
            return found
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(*parsed[:3]) if parsed else None


def _item(entry: Any, base: str) -> FeedItem | None:
    link = entry.get("link") or ""
    if not link:
        links = [x.get("href", "") for x in entry.get("links", []) if isinstance(x, dict)]
        link = next((h for h in links if h), "")
    link = urljoin(base, link.strip()) if link else ""
    if not is_url(link):
        return None
    return FeedItem(
        link=link,
        title=_plain(entry.get("title")),
        published=_entry_date(entry),
        summary=_plain(entry.get("summary")),
        guid=str(entry.get("id") or "").strip(),
    )


def parse_feed(
    data: bytes, origin: str, *, base_url: str | None = None, content_type: str = ""
) -> FeedResult:
    """Items of an RSS/Atom document.

    Raises :class:`MalformedInput` for broken XML with no entries (or a document
    that is no feed); broken XML with entries keeps them and logs a warning.
    """
    headers = {
        "content-location": base_url or "",
        "content-type": content_type if "xml" in content_type else "application/xml",
    }
    parsed = _feedparser().parse(data, response_headers=headers)
    entries = list(parsed.get("entries", []))
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not entries and problem is not None:
        raise MalformedInput(origin, f"broken feed XML: {problem}")
    if not entries and not parsed.get("version") and not looks_like_feed(data):
        raise MalformedInput(origin, "not an RSS/Atom feed")
    if problem is not None:
        log.warning(
            "%s: feed XML is broken (%s); keeping its %d entries", origin, problem, len(entries)
        )
    result = FeedResult(url=origin, title=_plain(parsed.get("feed", {}).get("title")))
    base = base_url or (origin if is_url(origin) else "")
    for n, entry in enumerate(entries[:MAX_ITEMS], start=1):
        item = _item(entry, base)
        if item is None:
            reason = "feed item without an http(s) link"
            result.failures.append(Failure(f"{origin}#item-{n}", STAGE, reason))
        else:
            result.items.append(item)
    if len(entries) > MAX_ITEMS:
        log.warning("%s: only the first %d of %d items read", origin, MAX_ITEMS, len(entries))
    return result


def read_feed(
    url_or_path: str,
    fetcher: Fetcher | None = None,
    *,
    conditional: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> FeedResult:
    """A feed from a URL (conditional GET: a 304 gives ``not_modified=True``) or a file."""
    if not is_url(url_or_path):
        path = Path(url_or_path).expanduser()
        if not path.is_file():
            raise SourceNotFound(url_or_path, "no such file")
        return parse_feed(read_limited(path, url_or_path, max_bytes), url_or_path)
    own = fetcher is None
    active = fetcher if fetcher is not None else Fetcher(max_bytes=max_bytes)
    try:
        fetched = active.fetch(url_or_path, conditional=conditional)
    finally:
        if own:
            active.close()
    if fetched.not_modified:
        return FeedResult(url=url_or_path, not_modified=True)
    return parse_feed(
        fetched.body, url_or_path, base_url=fetched.url, content_type=_header_type(fetched)
    )


def _header_type(fetched: Fetched) -> str:
    kind = fetched.declared_type if "xml" in fetched.declared_type else fetched.content_type
    return f"{kind}; charset={fetched.charset}" if fetched.charset else kind


def item_article(
    item: FeedItem, feed: FeedResult, fetcher: Fetcher, *, source: str | None = None
) -> Article:
    """The article behind one feed item (its page fetched and read with trafilatura)."""
    fetched = fetcher.fetch(item.link, conditional=False)
    draft = page_draft(fetched, origin=item.link)
    draft.title = draft.title or item.title
    if item.published is not None and not _structured_date(draft.meta.get("date_from")):
        draft.published = item.published  # the feed's date beats htmldate's guess
        draft.meta["date_from"] = "feed"
    if feed.title and draft.meta.get("outlet_from") not in _DECLARED_OUTLET:
        draft.source = feed.title
    draft.meta.update(feed=feed.url, feed_title=feed.title or None, guid=item.guid or None)
    if item.published is not None:
        draft.meta["feed_published"] = item.published.isoformat()
    return finish(draft, source=source)


def _structured_date(where: object) -> bool:
    return isinstance(where, str) and where.startswith(("json-ld", "meta "))


def feed_articles(
    feed: FeedResult, fetcher: Fetcher, *, source: str | None = None
) -> Iterator[Article | IngestError]:
    """Each item's article, or the error that kept it out (the batch goes on)."""
    for item in feed.items:
        try:
            yield item_article(item, feed, fetcher, source=source)
        except IngestError as exc:
            yield exc


# -- watching -----------------------------------------------------------------


@dataclass
class WatchState:
    """What :func:`watch` remembers between polls (and runs): seen items, validators."""

    seen: dict[str, None] = field(default_factory=dict)
    attempts: dict[str, int] = field(default_factory=dict)
    validators: ValidatorCache = field(default_factory=ValidatorCache)

    @classmethod
    def load(cls, path: Path | None) -> WatchState:
        if path is None or not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("watch state %s unreadable (%s); starting afresh", path, exc)
            return cls()
        return cls(
            seen=dict.fromkeys(str(k) for k in data.get("seen", [])),
            attempts={str(k): int(v) for k, v in data.get("attempts", {}).items()},
            validators=ValidatorCache(data.get("validators", {})),
        )

    def save(self, path: Path | None) -> None:
        if path is None:
            return
        while len(self.seen) > MAX_SEEN:
            del self.seen[next(iter(self.seen))]
        data = {
            "version": 1,
            "seen": list(self.seen),
            "attempts": self.attempts,
            "validators": self.validators.to_json(),
        }
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(path)

    def mark_seen(self, keys: Sequence[str]) -> None:
        for key in keys:
            self.seen[key] = None
            self.attempts.pop(key, None)


@dataclass
class PollResult:
    articles: list[Article] = field(default_factory=list)
    done: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


def _failure(exc: IngestError) -> Failure:
    log.warning("skipping %s: %s", exc.source, exc.detail)
    return Failure(exc.source, STAGE, exc.detail)


def _poll_feed(
    url: str, fetcher: Fetcher, state: WatchState, out: PollResult, source: str | None
) -> None:
    feed = read_feed(url, fetcher, conditional=True)
    if feed.not_modified:
        return
    out.failures.extend(feed.failures)
    retry_later = False
    for item in feed.items:
        if item.key in state.seen or item.key in out.done:
            continue
        try:
            out.articles.append(item_article(item, feed, fetcher, source=source))
            out.done.append(item.key)
        except IngestError as exc:
            out.failures.append(_failure(exc))
            state.attempts[item.key] = state.attempts.get(item.key, 0) + 1
            if state.attempts[item.key] >= MAX_ATTEMPTS:
                out.done.append(item.key)
            else:
                retry_later = True
    if retry_later:  # poll the whole feed again next time, not a 304
        fetcher.validators.forget(url)


def poll(
    feeds: Sequence[str], fetcher: Fetcher, state: WatchState, *, source: str | None = None
) -> PollResult:
    """One pass over ``feeds``: articles for items not in ``state.seen`` (not marked yet)."""
    out = PollResult()
    for url in feeds:
        try:
            _poll_feed(url, fetcher, state, out, source)
        except IngestError as exc:
            out.failures.append(_failure(exc))
    return out


def watch(
    feeds: Sequence[str],
    *,
    interval: float,
    iterations: int | None = None,
    on_articles: Callable[[list[Article]], None],
    state_path: Path | None = None,
    fetcher: Fetcher | None = None,
    source: str | None = None,
    on_failures: Callable[[list[Failure]], None] | None = None,
) -> int:
    """Poll ``feeds`` every ``interval`` seconds; returns the number of articles handed over.

    ``on_articles`` gets each poll's new articles (never an empty list); items
    are marked seen (and the state saved) only after it returns. An item whose
    page fails is retried on the next polls, up to 3 attempts. Stops after
    ``iterations`` polls, or on KeyboardInterrupt.
    """
    state = WatchState.load(state_path)
    own = fetcher is None
    active = fetcher if fetcher is not None else Fetcher()
    merged = {**state.validators.to_json(), **active.validators.to_json()}
    state.validators = active.validators = ValidatorCache(merged)
    delivered, done, polling = 0, 0, False
    try:
        while iterations is None or done < iterations:
            if done:
                time.sleep(interval)
            polling = True
            result = poll(feeds, active, state, source=source)
            if result.failures and on_failures is not None:
                on_failures(result.failures)
            if result.articles:
                on_articles(result.articles)
                delivered += len(result.articles)
            state.mark_seen(result.done)
            state.save(state_path)
            polling = False
            done += 1
            log.info("watch poll %d: %d new articles", done, len(result.articles))
    except KeyboardInterrupt:
        log.info("watch interrupted after %d polls", done)
        if polling:  # items of this poll were not handed over: poll the feeds in full next time
            for url in feeds:
                state.validators.forget(url)
        state.save(state_path)
    finally:
        if own:
            active.close()
    return delivered
