"""Turn inputs (files, directories, http(s) URLs) into :class:`~recoupe.model.Article` objects.

Formats: plain text (``.txt``, no extension), Markdown (``.md``), HTML
(``.html``/``.htm`` or content starting with ``<!doctype``/``<html``; read with
trafilatura), JSON Lines (``.jsonl``: one article per line), RSS/Atom feeds
(``.rss``/``.atom``/``.xml`` files or feed URLs: each item's page becomes an
article; see :mod:`recoupe.ingest.feeds`, which also has :func:`watch`) and
WARC archives (``.warc``/``.warc.gz``, with warcio). URLs are fetched by a
:class:`~recoupe.ingest.http.Fetcher` (robots.txt, per-host delay, retries,
size cap, conditional requests). The stored text is
cleaned (boilerplate lines dropped, whitespace normalised; see
:mod:`recoupe.ingest.cleanup`) and ``article.meta`` records
``dropped_lines`` and ``embedded_quotes`` (pasted tweets, with char offsets).

>>> result = read_inputs(["rts.txt", "france24.txt"])   # doctest: +SKIP
>>> [a.id for a in result.articles], result.failures     # doctest: +SKIP
(['rts', 'france24'], [])
"""

from __future__ import annotations

from .cleanup import clean_text
from .feeds import FeedItem, FeedResult, read_feed, watch
from .http import Fetcher, ValidatorCache
from .language import detect_language
from .metadata import derive_title, parse_date
from .readers import SUPPORTED_SUFFIXES, IngestResult, read_inputs, read_one
from .tweets import find_embedded_tweets

__all__ = [
    "SUPPORTED_SUFFIXES",
    "FeedItem",
    "FeedResult",
    "Fetcher",
    "IngestResult",
    "ValidatorCache",
    "clean_text",
    "derive_title",
    "detect_language",
    "find_embedded_tweets",
    "parse_date",
    "read_feed",
    "read_inputs",
    "read_one",
    "watch",
]
