"""Plain text and Markdown inputs.

Plain text is taken as it is (cleanup happens later). Markdown loses its
markup: heading marks, emphasis, links (their text stays), images and
horizontal rules; a leading ``# Heading`` becomes the title.
"""

from __future__ import annotations

import re

from .build import Draft

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\w)")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_LIST_MARK = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+")
_BLOCKQUOTE = re.compile(r"^\s{0,3}>\s?(?!>)")


def _emphasis(m: re.Match[str]) -> str:
    return m.group(2) if m.group(2) is not None else m.group(3)


def strip_markdown(text: str) -> tuple[str, str]:
    """``(plain_text, title)``: Markdown markup removed, title from a leading heading."""
    lines: list[str] = []
    title = ""
    for line in text.splitlines():
        if _RULE.match(line):
            continue
        heading = _HEADING.match(line)
        if heading:
            line = heading.group(1)
            if not title and not any(ln.strip() for ln in lines):
                title = line
        line = _BLOCKQUOTE.sub("", line)
        line = _LIST_MARK.sub("", line)
        line = _IMAGE.sub("", line)
        line = _LINK.sub(r"\1", line)
        line = _EMPHASIS.sub(_emphasis, line)
        lines.append(line)
    return "\n".join(lines), title


def text_draft(text: str, *, origin: str, id_hint: str, source: str, markdown: bool) -> Draft:
    """A draft from plain text (or Markdown when ``markdown``)."""
    title = ""
    if markdown:
        text, title = strip_markdown(text)
    return Draft(
        raw_text=text,
        origin=origin,
        id_hint=id_hint,
        source=source,
        title=title,
        meta={"format": "markdown" if markdown else "text"},
    )
