"""Find embedded tweets kept in an article's text.

A pasted tweet reads ``<words> pic.twitter.com/… — Name (@handle) 12 avril 2017``
on one line, or its words on one line and the ``— Name (@handle) date``
signature on the next. The line stays in the text; this module records where
the tweet's own words are (char offsets, without links or signature) and whose
account it is, for the quotes annotator.
"""

from __future__ import annotations

import re
from typing import Any

from .metadata import parse_date

_LINKS = r"(?:\s*(?:pic\.twitter\.com/\S+|https?://\S+))*"
_SIGNATURE = r"(?P<speaker>[^—–\n]{1,80}?\(@(?P<handle>\w{1,30})\))\s*(?P<when>[^()]{0,40})"
_ONE_LINE = re.compile(rf"^(?P<words>\S.*?)(?P<links>{_LINKS})\s+[—–]\s*{_SIGNATURE}$")
_SIGNATURE_LINE = re.compile(rf"^[—–]\s*{_SIGNATURE}$")
_TRAILING_LINKS = re.compile(rf"{_LINKS}\s*$")


def _is_tweet_date(when: str) -> bool:
    when = when.strip()
    return not when or parse_date(when) is not None


def _record(start: int, words: str, speaker: str, handle: str) -> dict[str, Any]:
    stripped = words.rstrip()
    return {
        "start": start,
        "end": start + len(stripped),
        "speaker": speaker.strip(),
        "handle": "@" + handle,
        "kind": "tweet",
    }


def _words_end(line: str) -> int:
    """Length of ``line`` without its trailing tweet links."""
    m = _TRAILING_LINKS.search(line)
    return m.start() if m else len(line)


def find_embedded_tweets(text: str) -> list[dict[str, Any]]:
    """``[{"start", "end", "speaker", "handle", "kind": "tweet"}]`` for each tweet in ``text``."""
    found: list[dict[str, Any]] = []
    offset = 0
    prev: tuple[int, str] | None = None
    for line in text.split("\n"):
        m = _ONE_LINE.match(line) if "(@" in line else None
        if m and _is_tweet_date(m["when"]) and m["words"].strip():
            found.append(_record(offset + m.start("words"), m["words"], m["speaker"], m["handle"]))
        else:
            sig = _SIGNATURE_LINE.match(line) if line.startswith(("—", "–")) else None
            if sig and prev is not None and _is_tweet_date(sig["when"]):
                start, words = prev
                words = words[: _words_end(words)]
                if words.strip():
                    found.append(_record(start, words, sig["speaker"], sig["handle"]))
        prev = (offset, line)
        offset += len(line) + 1
    return found
