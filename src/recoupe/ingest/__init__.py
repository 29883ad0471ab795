"""Turn inputs (files, directories, http(s) URLs) into :class:`~recoupe.model.Article` objects.

Formats: plain text (``.txt``, no extension), Markdown (``.md``), HTML
(``.html``/``.htm`` or content starting with ``<!doctype``/``<html``; read with
trafilatura), JSON Lines (``.jsonl``: one article per line). The stored text is
cleaned (boilerplate lines dropped, whitespace normalised; see
:mod:`recoupe.ingest.cleanup`) and ``article.meta`` records
``dropped_lines`` and ``embedded_quotes`` (pasted tweets, with char offsets).

>>> result = read_inputs(["rts.txt", "france24.txt"])   # doctest: +SKIP
>>> [a.id for a in result.articles], result.failures     # doctest: +SKIP
(['rts', 'france24'], [])
"""

from __future__ import annotations

from .cleanup import clean_text
from .language import detect_language
from .metadata import derive_title, parse_date
from .readers import SUPPORTED_SUFFIXES, IngestResult, read_inputs, read_one
from .tweets import find_embedded_tweets

__all__ = [
    "SUPPORTED_SUFFIXES",
    "IngestResult",
    "clean_text",
    "derive_title",
    "detect_language",
    "find_embedded_tweets",
    "parse_date",
    "read_inputs",
    "read_one",
]
