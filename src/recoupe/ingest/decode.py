"""Bytes to text: size limit, binary detection, encoding.

Encodings are tried in this order: a BOM (UTF-8/16/32), strict UTF-8, then
cp1252 when the result reads like Western text (few non-ASCII letters: French
or English with accents), then ``charset_normalizer`` when installed, and
latin-1 last (it never fails). cp1252 goes before ``charset_normalizer``
because the latter labels short French cp1252 text as cp1250 ("à" -> "ŕ").
"""

from __future__ import annotations

import codecs
import logging
from pathlib import Path

from ..errors import BinaryInput, EmptyInput, InputTooLarge

log = logging.getLogger(__name__)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed file"),
    (b"BZh", "bzip2-compressed file"),
    (b"\xfd7zXZ", "xz-compressed file"),
    (b"7z\xbc\xaf", "7z archive"),
    (b"\x7fELF", "executable"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"\xd0\xcf\x11\xe0", "Office document"),
    (b"SQLite format 3", "SQLite database"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
MAX_CONTROL_RATIO = 0.02
MAX_NON_ASCII_LETTERS = 0.3


def human_size(n: int) -> str:
    """``12_300_000`` -> ``"12.3 MB"``."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f} kB"
    return f"{n} bytes"


def too_large(item: str, size: int, max_bytes: int, what: str = "file") -> InputTooLarge:
    return InputTooLarge(
        item, f"{what} is {human_size(size)}, over the {human_size(max_bytes)} limit"
    )


def read_limited(path: Path, item: str, max_bytes: int) -> bytes:
    """The bytes of ``path``; the size is checked before reading."""
    size = path.stat().st_size
    if size > max_bytes:
        raise too_large(item, size, max_bytes)
    with path.open("rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:  # grew while we looked
        raise too_large(item, len(data), max_bytes)
    return data


def _bom(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def check_binary(data: bytes, item: str, what: str = "file") -> None:
    """Raise :class:`BinaryInput` for known binary formats and NUL bytes."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            raise BinaryInput(item, f"binary {what} ({name}, not text)")
    if _bom(data) is None and b"\x00" in data[:65536]:
        raise BinaryInput(item, f"binary {what} (not text)")


def _control_ratio(text: str) -> float:
    sample = text[:65536]
    if not sample:
        return 0.0
    controls = sum(1 for ch in sample if ch < " " and ch not in _ALLOWED_CONTROLS)
    controls += sum(1 for ch in sample if "\x7f" <= ch <= "\x9f")
    return controls / len(sample)


def _reads_western(text: str) -> bool:
    letters = [ch for ch in text[:65536] if ch.isalpha()]
    if not letters:
        return True
    non_ascii = sum(1 for ch in letters if not ch.isascii())
    return non_ascii / len(letters) <= MAX_NON_ASCII_LETTERS


def _charset_normalizer(data: bytes) -> tuple[str, str] | None:
    try:
        import charset_normalizer
    except ImportError:  # optional
        return None
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return None
    return str(best), best.encoding


def _decode(data: bytes) -> tuple[str, str]:
    bom = _bom(data)
    if bom is not None:
        return data.decode(bom, errors="replace").lstrip("\ufeff"), bom
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        if _reads_western(text):
            return text, "cp1252"
    except UnicodeDecodeError:
        pass
    guess = _charset_normalizer(data)
    if guess is not None:
        return guess
    return data.decode("latin-1"), "latin-1"


def decode_bytes(data: bytes, item: str, what: str = "file") -> tuple[str, str]:
    """``(text, encoding)``; raises EmptyInput or BinaryInput for unusable bytes."""
    if not data:
        raise EmptyInput(item, f"empty {what}")
    check_binary(data, item, what)
    text, encoding = _decode(data)
    if _control_ratio(text) > MAX_CONTROL_RATIO:
        raise BinaryInput(item, f"binary {what} (not text)")
    if not text.strip():
        raise EmptyInput(item, f"{what} has only whitespace")
    log.debug("%s decoded as %s", item, encoding)
    return text, encoding


def decode_declared(data: bytes, charset: str | None, item: str) -> tuple[str, str]:
    """Decode with a declared charset (HTTP header) when it works, else like a file."""
    if charset and data and _bom(data) is None:
        try:
            text = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            log.debug("%s: declared charset %s does not decode, guessing", item, charset)
        else:
            check_binary(data, item, "response")
            if not text.strip():
                raise EmptyInput(item, "response has only whitespace")
            return text, charset
    return decode_bytes(data, item, "response")
