"""Article text as HTML with highlighted spans, built from character offsets.

The text is cut at every span boundary; each piece is HTML-escaped and
wrapped in the ``<span>`` elements of the marks that cover it. Marks nest in
a fixed order (by ``layer``, then start, then longest first, then position in
the input), so sentence-level marks are outer elements and entity/quote marks
inner ones; a mark that straddles the edge of an outer one is cut into
several elements carrying the same attributes (``data-part`` counts them).
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

SENTENCE = 0
QUOTE = 1
ENTITY = 2
VALUE = 3


@dataclass(frozen=True)
class Mark:
    """One span to highlight: ``text[start:end]`` gets ``<span class=...>``."""

    start: int
    end: int
    classes: tuple[str, ...]
    layer: int = ENTITY
    attrs: Mapping[str, str] = field(default_factory=dict)


def _attr_html(mark: Mark, part: int) -> str:
    parts = [f'class="{html.escape(" ".join(mark.classes), quote=True)}"']
    for name, value in sorted(mark.attrs.items()):
        if not _safe_name(name):
            continue
        parts.append(f'{name}="{html.escape(value, quote=True)}"')
    if part:
        parts.append(f'data-part="{part}"')
    return " ".join(parts)


def _safe_name(name: str) -> bool:
    return name == "title" or (
        name.startswith("data-") and all(c.isalnum() or c == "-" for c in name)
    )


def clip(marks: Iterable[Mark], length: int) -> list[Mark]:
    """Marks clipped to ``[0, length]``; empty ones dropped."""
    out: list[Mark] = []
    for m in marks:
        start, end = max(0, m.start), min(length, m.end)
        if start < end:
            out.append(Mark(start, end, m.classes, m.layer, m.attrs))
    return out


def highlight(text: str, marks: Sequence[Mark]) -> Markup:
    """``text`` as escaped HTML with ``marks`` as nested ``<span>`` elements."""
    ordered = sorted(
        enumerate(clip(marks, len(text))),
        key=lambda im: (im[1].layer, im[1].start, -im[1].end, im[0]),
    )
    items = [m for _, m in ordered]
    bounds = sorted({0, len(text)} | {m.start for m in items} | {m.end for m in items})
    out: list[str] = []
    stack: list[int] = []
    parts = [0] * len(items)
    for left, right in itertools.pairwise(bounds):
        active = [r for r, m in enumerate(items) if m.start <= left and right <= m.end]
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep] == active[keep]:
            keep += 1
        out.append("</span>" * (len(stack) - keep))
        for r in active[keep:]:
            out.append(f"<span {_attr_html(items[r], parts[r])}>")
            parts[r] += 1
        stack = active
        out.append(html.escape(text[left:right], quote=True))
    out.append("</span>" * len(stack))
    return Markup("".join(out))
