"""Small metadata helpers: dates written in text, titles, ids.

Dates are read without a heavy parser: the formats found in news bylines are
few (``12/04/2017``, ``12 avril 2017``, ``April 12, 2017``, ISO). French and
other day-first bylines are read day-first; English ``Published:`` lines are
read month-first for numeric dates (``04/12/2017``).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date

log = logging.getLogger(__name__)

MONTHS: dict[str, int] = {
    # French (with and without accents, common abbreviations)
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "fév": 2,
    "mars": 3, "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7,
    "août": 8, "aout": 8, "septembre": 9, "sept": 9, "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11, "décembre": 12, "decembre": 12, "déc": 12, "dec": 12,
    # English
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sep": 9, "october": 10,
    "november": 11, "december": 12,
}  # fmt: skip

_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_NUMERIC = re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})\b")
_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:er|st|nd|rd|th)?\.?\s+({_MONTH})\.?,?\s+(\d{{4}})\b", re.I
)
_MONTH_DAY = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)

# A byline that carries the publication (rank 0) or update (rank 1) date.
_DATE_LINE = re.compile(
    r"^(?P<label>"
    r"premi[eè]re publication|publi[ée]e?(?:\s+le)?|mis\s+[àa]\s+jour(?:\s+le)?|"
    r"mise\s+[àa]\s+jour(?:\s+le)?|derni[eè]re\s+mise\s+[àa]\s+jour(?:\s+le)?|modifi[ée]e?\s+le|"
    r"first published|published(?:\s+on)?|posted(?:\s+on)?|last updated(?:\s+on)?|updated(?:\s+on)?"
    r")\s*[:\-–—]?\s*(?P<rest>.+)$",
    re.I,
)
_ENGLISH_LABEL = re.compile(r"^(first published|published|posted|last updated|updated)", re.I)
_UPDATE_LABEL = re.compile(r"(mis|mise|updated|modifi)", re.I)
MAX_DATE_LINE = 160
MAX_BYLINE_WORDS = 6
_BYLINE_NOISE = re.compile(
    rf"\d{{1,2}}[h:]\d{{0,2}}|\d+|\b(?:{_MONTH})\b|\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|"
    r"dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mis|mise|jour|updated|"
    r"modifi[ée]e?|le|à|a|at|on|et|and|am|pm|gmt|utc|cet|cest|heure|heures)\b",
    re.I,
)


def _make_date(year: int, month: int, day: int) -> date | None:
    if year < 100:
        year += 2000 if year < 70 else 1900
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _numeric(m: re.Match[str], day_first: bool) -> date | None:
    a, b, year = int(m[1]), int(m[2]), int(m[3])
    day, month = (a, b) if day_first else (b, a)
    return _make_date(year, month, day) or _make_date(year, day, month)


def parse_date(text: str, *, day_first: bool = True) -> date | None:
    """The first calendar date written in ``text``, or None."""
    readers: list[tuple[re.Pattern[str], Callable[[re.Match[str]], date | None]]] = [
        (_ISO, lambda m: _make_date(int(m[1]), int(m[2]), int(m[3]))),
        (_NUMERIC, lambda m: _numeric(m, day_first)),
        (_DAY_MONTH, lambda m: _make_date(int(m[3]), MONTHS[m[2].lower()], int(m[1]))),
        (_MONTH_DAY, lambda m: _make_date(int(m[3]), MONTHS[m[1].lower()], int(m[2]))),
    ]
    found: list[tuple[int, date]] = []
    for pattern, read in readers:
        m = pattern.search(text)
        d = read(m) if m else None
        if m and d:
            found.append((m.start(), d))
    return min(found, key=lambda x: x[0])[1] if found else None


def parse_date_field(value: object) -> date | None:
    """A date from a metadata field (ISO string, ``12/04/2017``, ``12 avril 2017``)."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return parse_date(value, day_first=True)


def _only_dates(rest: str) -> bool:
    """True when ``rest`` says little besides dates and times (a byline, not prose)."""
    words = re.findall(r"[^\W\d_]{2,}", _BYLINE_NOISE.sub(" ", rest))
    return len(words) <= MAX_BYLINE_WORDS


def date_line(line: str) -> tuple[date, bool] | None:
    """``(date, is_update)`` when ``line`` is a byline such as "Publié le 12 avril 2017"."""
    if len(line) > MAX_DATE_LINE:
        return None
    m = _DATE_LINE.match(line.strip())
    if not m:
        return None
    day_first = not _ENGLISH_LABEL.match(m["label"])
    found = parse_date(m["rest"], day_first=day_first)
    if found is None or not _only_dates(m["rest"]):
        return None
    label = m["label"].lower()
    is_update = bool(_UPDATE_LABEL.search(label)) and "publication" not in label
    return found, is_update


_HEADLINE_MAX_CHARS = 140
_HEADLINE_MAX_WORDS = 22
_TITLE_CUT = 100
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"«“A-ZÀ-Ý0-9])")


def looks_like_headline(line: str) -> bool:
    line = line.strip()
    return (
        0 < len(line) <= _HEADLINE_MAX_CHARS
        and len(line.split()) <= _HEADLINE_MAX_WORDS
        and not line.endswith((".", ",", ";", ":"))
    )


def cut_at_word(text: str, limit: int = _TITLE_CUT) -> str:
    """``text`` cut at a word boundary to at most ``limit`` chars, with "…" when cut."""
    text = text.strip()
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    space = head.rfind(" ")
    head = head[:space] if space > limit // 2 else text[:limit]
    return head.rstrip(" ,;:-–—") + "…"


def derive_title(text: str) -> str:
    """A title for plain text: the first line if it is a headline, else the first sentence."""
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    if not first:
        return ""
    if looks_like_headline(first) and "\n" in text.strip():
        return first
    sentence = _SENTENCE_END.split(first, maxsplit=1)[0].strip()
    if len(sentence) <= _TITLE_CUT:
        return sentence.rstrip(".").rstrip()
    return cut_at_word(sentence)


def slugify(value: str, default: str = "article") -> str:
    """A short ASCII slug: ``"France 24.txt"`` -> ``"france-24-txt"``."""
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug[:60].rstrip("-") or default


def unique_ids(hints: Iterable[str]) -> list[str]:
    """Make ids unique in order: the second ``rts`` becomes ``rts-2``."""
    seen: set[str] = set()
    out: list[str] = []
    for hint in hints:
        base = hint or "article"
        candidate, n = base, 1
        while candidate in seen:
            n += 1
            candidate = f"{base}-{n}"
        seen.add(candidate)
        out.append(candidate)
    return out


# -- authors ------------------------------------------------------------------

_AUTHOR_SPLIT = re.compile(r"\s*(?:\||•|·|—|–|\s-\s|\n|/)\s*")
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\bet\b|\band\b)\s*", re.I)
_AUTHOR_PREFIX = re.compile(
    r"^(?:propos recueillis par|texte|textes|auteur|auteurs|author|written by|par|by|de|from)"
    r"\s*[:\-–]?\s+",
    re.I,
)
_AUTHOR_AFTER = re.compile(r"(?:^|\s)(?:par|by)\s+(?P<rest>\S.*)$", re.I)
_AUTHOR_TAIL = re.compile(
    r"\s*(?:\b(?:publi[ée]e?|mis\s+[àa]\s+jour|mise\s+[àa]\s+jour|modifi[ée]e?|updated|published|"
    r"posted)\b|\b(?:le|on|du)\s+\d|\d).*$",
    re.I,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LINK = re.compile(r"\b(?:https?://|www\.)\S+", re.I)
_NAME_CHARS = re.compile(r"^[^\W\d_][\w.'’ -]*$")
MAX_AUTHOR_WORDS = 6


def _author_part(part: str, junk: set[str]) -> str:
    part = _EMAIL.sub(" ", part)
    part = re.sub(r"\(\s*\)|\[\s*\]", " ", part)
    m = _AUTHOR_AFTER.search(part)
    if m and _AUTHOR_PREFIX.match(part) is None:
        part = m["rest"]
    part = _AUTHOR_PREFIX.sub("", part.strip())
    part = _AUTHOR_TAIL.sub("", part)
    part = " ".join(part.strip(" \t,;:()[]\"'«»").split())
    if not part or part.casefold() in junk or len(part.split()) > MAX_AUTHOR_WORDS:
        return ""
    return part if _NAME_CHARS.match(part) else ""


def clean_author(raw: str | None, *, site_names: Iterable[str] = ()) -> str | None:
    """Author names without byline junk, joined with ", ".

    ``"Par Jean Dupont | 12 mars 2024"`` -> ``"Jean Dupont"``. Drops "Par"/"By",
    dates, "Publié le …", e-mail addresses and the outlet's own name.
    """
    if not raw or not raw.strip():
        return None
    junk = {s.casefold().strip() for s in site_names if s and s.strip()}
    junk |= {s.removeprefix("www.") for s in junk}
    names: list[str] = []
    for segment in _AUTHOR_SPLIT.split(_LINK.sub(" ", raw).strip()):
        for part in _NAME_SPLIT.split(segment):
            name = _author_part(part, junk)
            if name and name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
    return ", ".join(names) or None
