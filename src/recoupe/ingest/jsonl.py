"""JSON Lines inputs: one article per line.

Fields: ``text`` (required; ``article``, ``body`` or ``content`` also accepted),
``title``, ``source``/``outlet``, ``published``/``date``, ``url``,
``language``/``lang``, ``id``. Blank lines are skipped. A bad line is an error
for that line only (``file.jsonl:3``); the file is streamed, so the size limit
applies to each line rather than to the whole file.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import IngestError, MalformedInput
from .build import Draft
from .decode import decode_bytes, too_large
from .metadata import parse_date_field

log = logging.getLogger(__name__)

TEXT_FIELDS = ("text", "article", "body", "content")
SOURCE_FIELDS = ("source", "outlet", "sitename")
DATE_FIELDS = ("published", "date", "published_at", "pubdate")
LANGUAGE_FIELDS = ("language", "lang")
_KNOWN = {*TEXT_FIELDS, *SOURCE_FIELDS, *DATE_FIELDS, *LANGUAGE_FIELDS, "title", "url", "id"}


def _first_str(record: dict[str, Any], names: tuple[str, ...]) -> str:
    for name in names:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
    return ""


def _first_value(record: dict[str, Any], names: tuple[str, ...]) -> object:
    return next((record[n] for n in names if record.get(n) not in (None, "")), None)


def _text(record: dict[str, Any], where: str, origin: str) -> str:
    for name in TEXT_FIELDS:
        value = record.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise MalformedInput(
                origin, f"{where}: field {name!r} is {type(value).__name__}, not text"
            )
        if value.strip():
            return value
        raise MalformedInput(origin, f"{where}: field {name!r} is empty")
    expected = ", ".join(TEXT_FIELDS)
    raise MalformedInput(origin, f"{where}: no text field (expected one of {expected})")


def record_draft(record: object, *, line_no: int, item: str, stem: str) -> Draft:
    """A draft from one parsed JSON line; :class:`MalformedInput` when unusable."""
    origin = f"{item}:{line_no}"
    where = f"line {line_no}"
    if not isinstance(record, dict):
        raise MalformedInput(
            origin, f"{where}: expected a JSON object, got {type(record).__name__}"
        )
    text = _text(record, where, origin)
    published_raw = _first_value(record, DATE_FIELDS)
    published = parse_date_field(published_raw)
    if published_raw is not None and published is None:
        log.info("%s: unreadable date %r ignored", origin, published_raw)
    extra = {k: v for k, v in record.items() if k not in _KNOWN}
    return Draft(
        raw_text=text,
        origin=origin,
        id_hint=_first_str(record, ("id",)) or f"{stem}-{line_no}",
        source=_first_str(record, SOURCE_FIELDS) or stem,
        title=_first_str(record, ("title",)),
        published=published,
        language=_first_str(record, LANGUAGE_FIELDS),
        url=_first_str(record, ("url",)) or None,
        meta={"format": "jsonl", "line": line_no, **({"fields": extra} if extra else {})},
    )


def _parse_line(raw: bytes, *, line_no: int, item: str, stem: str, max_bytes: int) -> Draft:
    origin = f"{item}:{line_no}"
    if len(raw) > max_bytes:
        raise too_large(origin, len(raw), max_bytes, what=f"line {line_no}")
    line, _enc = decode_bytes(raw, origin, what=f"line {line_no}")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise MalformedInput(
            origin, f"line {line_no}: invalid JSON: {exc.msg} (column {exc.colno})"
        ) from exc
    return record_draft(record, line_no=line_no, item=item, stem=stem)


def _lines(fh: BinaryIO, cap: int) -> Iterator[tuple[int, bytes | None, int]]:
    """``(line_no, raw, size)``; ``raw`` is None for a line over ``cap`` (skipped unread)."""
    line_no = 0
    while raw := fh.readline(cap + 1):
        line_no += 1
        size = len(raw)
        if size <= cap or raw.endswith(b"\n"):
            yield line_no, raw, size
            continue
        while raw and not raw.endswith(b"\n"):
            raw = fh.readline(1 << 20)
            size += len(raw)
        yield line_no, None, size


def read_jsonl(
    path: Path, *, item: str, stem: str, max_bytes: int
) -> Iterator[Draft | IngestError]:
    """One draft (or the line's error) per non-blank line of ``path``."""
    with path.open("rb") as fh:
        for line_no, raw, size in _lines(fh, max_bytes):
            if raw is None:
                yield too_large(f"{item}:{line_no}", size, max_bytes, what=f"line {line_no}")
                continue
            if line_no == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            if not raw.strip():
                continue
            try:
                yield _parse_line(
                    raw.strip(), line_no=line_no, item=item, stem=stem, max_bytes=max_bytes
                )
            except IngestError as exc:
                yield exc
