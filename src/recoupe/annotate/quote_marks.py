"""Pairing quotation marks into quotes, for :mod:`recoupe.annotate.quotes`.

:func:`quote_marks` returns the outermost pairs. Two repairs on top of a plain
stack:

* a straight ``"`` that can only close (glued to the word before it, followed by a
  space or punctuation) while no quote is open is a stray closer the journalist
  left (``…refusé la fouille des sacs", explique France Bleu``); it is skipped, so
  the marks after it keep their pairing instead of being read inside out;
* a quote still open at the end of a paragraph runs on into the next paragraph
  when that paragraph's first mark closes it (the annotation guide: a quote over a
  paragraph break stays one quote); otherwise it ends at the line end.
"""

from __future__ import annotations

import logging

from .quote_rules import ALL_MARKS, OPENERS

log = logging.getLogger(__name__)

CLOSERS: dict[str, str] = {"«": "»", "“": "”", "„": "“”", '"': '"', "‹": "›"}
_AFTER_CLOSER = " \t\n\xa0\u202f,.;:!?)…"

__all__ = ["CLOSERS", "quote_marks"]


def quote_marks(text: str) -> list[tuple[int, int, bool]]:
    """Outermost quotation-mark pairs as (open_char, close_char, closed).

    Nested marks are skipped (the outer pair is the quote); a quote still open
    at the end of a line ends there (``close_char`` is the line end) unless the
    next paragraph's first mark closes it.
    """
    found: list[tuple[int, int, bool]] = []
    stack: list[tuple[str, int]] = []
    line_start = 0
    for pos, ch in enumerate(text):
        if ch == "\n":
            if stack and not _closed_in_next_paragraph(text, pos, stack[0][0]):
                found.append((stack[0][1], line_start + len(text[line_start:pos].rstrip()), False))
                stack = []
            line_start = pos + 1
            continue
        if ch not in ALL_MARKS:
            continue
        if stack and ch in CLOSERS[stack[-1][0]]:
            _, start = stack.pop()
            if not stack:
                found.append((start, pos, True))
        elif ch == '"' and not stack and _only_closes(text, pos):
            log.debug("stray closing mark at %d", pos)
        elif ch in OPENERS:
            stack.append((ch, pos))
        elif stack:
            depth = next(
                (k for k in range(len(stack) - 1, -1, -1) if ch in CLOSERS[stack[k][0]]), None
            )
            if depth is not None:
                start = stack[depth][1]
                del stack[depth:]
                if not stack:
                    found.append((start, pos, True))
    if stack:
        found.append((stack[0][1], line_start + len(text[line_start:].rstrip()), False))
    return found


def _only_closes(text: str, pos: int) -> bool:
    """A straight mark glued to the text before it and followed by a space or punctuation."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return not before.isspace() and before not in "([{" and after in _AFTER_CLOSER


def _closed_in_next_paragraph(text: str, newline: int, opener: str) -> bool:
    """Whether the first mark of the next non-empty line closes a quote opened by ``opener``."""
    rest = text[newline:].lstrip("\n \t\xa0")
    end = rest.find("\n")
    line = rest if end < 0 else rest[:end]
    pos = next((i for i, c in enumerate(line) if c in ALL_MARKS), None)
    if pos is None or line[pos] not in CLOSERS[opener]:
        return False
    return opener != '"' or _only_closes(line, pos)
