"""Find date expressions and resolve them to ISO dates.

The French model has no DATE label, so expressions are found with regular
expressions over the text (French first, English too) and resolved here,
against the publication date when they are relative::

    "12 avril 2017"   -> 2017-04-12  (day)
    "le 4 avril"      -> 2017-04-04  (day, year from the publication date)
    "mardi"           -> 2017-04-11  (day, last Tuesday on or before it)
    "début février"   -> 2017-02     (month)
    "il y a six ans"  -> 2011        (year)

Each expression becomes a token-aligned ``Span`` in ``doc.spans["dates"]``
with ``_.date_value`` and ``_.date_granularity``. Relative expressions are
skipped when there is no publication date; durations ("pendant six ans",
"depuis six ans") and vague periods ("la semaine dernière") are not dates.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from spacy.tokens import Doc, Span, Token

from ..model import DATES, Article

log = logging.getLogger(__name__)

DAY, MONTH, YEAR = "day", "month", "year"
#: how far after the publication date a day-month without a year may fall
FUTURE_SLACK = timedelta(days=7)

_FR_MONTHS = {
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2,
    "mars": 3, "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7,
    "août": 8, "aout": 8, "septembre": 9, "sept": 9, "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11, "décembre": 12, "decembre": 12, "déc": 12, "dec": 12,
}  # fmt: skip
_EN_MONTHS = {
    "January": 1, "Jan": 1, "February": 2, "Feb": 2, "March": 3, "Mar": 3, "April": 4,
    "Apr": 4, "May": 5, "June": 6, "Jun": 6, "July": 7, "Jul": 7, "August": 8, "Aug": 8,
    "September": 9, "Sept": 9, "Sep": 9, "October": 10, "Oct": 10, "November": 11,
    "Nov": 11, "December": 12, "Dec": 12,
}  # fmt: skip
_FR_WEEKDAYS = {
    "lundi": 0,
    "mardi": 1,
    "mercredi": 2,
    "jeudi": 3,
    "vendredi": 4,
    "samedi": 5,
    "dimanche": 6,
}
_EN_WEEKDAYS = {
    "Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4, "Saturday": 5, "Sunday": 6,
}  # fmt: skip
_SMALL_NUMBERS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30,
}  # fmt: skip


_SHORT_FULL = {"mars", "mai", "juin", "août", "aout", "May", "June", "July"}


def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_MONTH_DOT = r"(?:\.(?=\s*\d))?"  # "avr. 2017"; never a sentence's full stop
_FR_MONTH = rf"(?i:(?P<month>{_alt(_FR_MONTHS)})){_MONTH_DOT}"
_EN_MONTH = rf"(?P<month>{_alt(_EN_MONTHS)}){_MONTH_DOT}"
# months without a day or a year: full names only ("sept ans" is not September)
_FULL_MONTHS = {
    k: v for k, v in {**_FR_MONTHS, **_EN_MONTHS}.items() if len(k) > 4 or k in _SHORT_FULL
}
_FR_MONTH_FULL = (
    rf"(?i:(?P<month>{_alt({k: v for k, v in _FULL_MONTHS.items() if k in _FR_MONTHS})}))"
)
_EN_MONTH_FULL = rf"(?P<month>{_alt({k: v for k, v in _FULL_MONTHS.items() if k in _EN_MONTHS})})"
_FR_WD = rf"(?i:{_alt(_FR_WEEKDAYS)})"
_EN_WD = _alt(_EN_WEEKDAYS)
_DAY = r"(?P<day>1er|1st|[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|2[01]\d\d)"
_B = r"(?<![\w/.,:-])"  # left boundary: no digit, letter or separator before
_E = r"(?![\w/:]|[.,]\d)"  # right boundary
_NUM_WORD = rf"\d{{1,3}}|{_alt(_SMALL_NUMBERS)}"
_PART_OF_DAY = r"(?:\s+(?i:matin|soir|midi|après-midi|apres-midi|morning|afternoon|evening|night))?"


@dataclass(frozen=True)
class DateMatch:
    """One date expression found in the text (character offsets)."""

    start: int
    end: int
    value: str
    granularity: str
    absolute: bool


@dataclass(frozen=True)
class _Ctx:
    published: date | None
    future: Callable[[int], bool]  # is the clause at this offset in the future tense?


_Resolver = Callable[["re.Match[str]", _Ctx], tuple[str, str] | None]
_RULES: list[tuple[re.Pattern[str], _Resolver, bool]] = []


def one_line(pattern: str) -> str:
    """``pattern`` with ``\\s`` narrowed to spaces that are not line breaks."""
    return pattern.replace(r"\s", r"[^\S\n]")


def _rule(pattern: str, absolute: bool = False) -> Callable[[_Resolver], _Resolver]:
    def register(fn: _Resolver) -> _Resolver:
        _RULES.append((re.compile(one_line(pattern)), fn, absolute))
        return fn

    return register


# -- helpers ---------------------------------------------------------------------------------


def _iso(d: date, granularity: str) -> tuple[str, str]:
    if granularity == YEAR:
        return f"{d.year:04d}", YEAR
    if granularity == MONTH:
        return f"{d.year:04d}-{d.month:02d}", MONTH
    return d.isoformat(), DAY


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def is_month_name(word: str) -> bool:
    """Whether ``word`` is a French or English month name ("avril", "April")."""
    return word.lower() in _FR_MONTHS or word in _EN_MONTHS


def _month_of(m: re.Match[str]) -> int:
    name = m.group("month")
    return _FR_MONTHS.get(name.lower()) or _EN_MONTHS[name]


def _day_of(m: re.Match[str]) -> int:
    return int(re.sub(r"\D", "", m.group("day")))


def _add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _word_number(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return _SMALL_NUMBERS.get(word)


def _day_month(m: re.Match[str], ctx: _Ctx) -> tuple[str, str] | None:
    """Day and month, with the year written or taken from the publication date."""
    month, day = _month_of(m), _day_of(m)
    if m.group("year"):
        found = _make(int(m.group("year")), month, day)
    elif ctx.published is None:
        return None
    else:
        pub = ctx.published
        found = _make(pub.year, month, day)
        if _upcoming(m, ctx):  # "le 6 décembre prochain", "se tiendra jusqu'au 25 novembre"
            if found is None or found < pub:
                found = _make(pub.year + 1, month, day)
        elif found is None or found > pub + FUTURE_SLACK:
            found = _make(pub.year - 1, month, day)
    return _iso(found, DAY) if found else None


def _upcoming(m: re.Match[str], ctx: _Ctx) -> bool:
    """Whether the expression points forward: "prochain"/"next", or a verb in the future."""
    mod = (m.groupdict().get("mod") or "").lower()
    if mod in ("prochain", "next"):
        return True
    return mod not in ("dernier", "passé", "last") and ctx.future(m.start())


def _recent_month(month: int, pub: date, upcoming: bool = False) -> date:
    """The most recent ``month`` not after the publication month (the next one if upcoming)."""
    if upcoming:
        year = pub.year if month >= pub.month else pub.year + 1
    else:
        year = pub.year if month <= pub.month else pub.year - 1
    return date(year, month, 1)


def _weekday(wd: int, pub: date, which: str) -> date:
    if which == "last":
        return pub - timedelta(days=(pub.weekday() - wd) % 7 or 7)
    if which == "next":
        return pub + timedelta(days=(wd - pub.weekday()) % 7 or 7)
    return pub - timedelta(days=(pub.weekday() - wd) % 7)


# -- absolute dates --------------------------------------------------------------------------


@_rule(
    rf"{_B}(?:(?i:le|ce)\s+)?(?:{_FR_WD}\s+)?{_DAY}\s+{_FR_MONTH}(?:\s+{_YEAR})?{_E}"
    r"(?:\s+(?P<mod>prochain|dernier)\b)?",
    absolute=True,
)
def _fr_day_month(m: re.Match[str], ctx: _Ctx) -> tuple[str, str] | None:
    return _day_month(m, ctx)


@_rule(
    rf"{_B}(?:(?:on\s+)?{_EN_WD},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_EN_MONTH}(?:,?\s+{_YEAR})?{_E}",
    absolute=True,
)
def _en_day_month(m: re.Match[str], ctx: _Ctx) -> tuple[str, str] | None:
    return _day_month(m, ctx)


@_rule(rf"{_B}(?:(?:on\s+)?{_EN_WD},?\s+)?{_EN_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?{_E}", absolute=True)
def _en_month_day(m: re.Match[str], ctx: _Ctx) -> tuple[str, str] | None:
    return _day_month(m, ctx)


@_rule(
    r"(?<![\w/.,:-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|(?<=/)\d{2})(?![\w/:]|[.,]\d)",
    absolute=True,
)
def _numeric(m: re.Match[str], ctx: _Ctx) -> tuple[str, str] | None:
    a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if y < 100:
        y += 2000 if y < 50 else 1900
    found = _make(y, b, a) or _make(y, a, b)  # day first (French), month first as fallback
    return _iso(found, DAY) if found else None


@_rule(r"(?<![\w/.,:-])(?P<y>[12]\d{3})-(?P<mo>\d{2})-(?P<d>\d{2})(?![\w/:]|[.,]\d)", absolute=True)
def _iso_date(m: re.Match[str], ctx: _Ctx) -> tuple[str, str] | None:
    found = _make(int(m.group("y")), int(m.group("mo")), int(m.group("d")))
    return _iso(found, DAY) if found else None


_FR_MONTH_PREFIX = r"(?i:(?:(?:en|depuis|dès|jusqu'en|jusqu’en|courant|début|fin|au\s+mois\s+de|(?:à\s+la\s+)?mi)(?:\s+|-)))"


@_rule(rf"{_B}(?:{_FR_MONTH_PREFIX})?{_FR_MONTH}\s+{_YEAR}{_E}", absolute=True)
@_rule(rf"{_B}(?:(?:in|since|early|late|mid-?)\s+)?{_EN_MONTH}\s+{_YEAR}{_E}", absolute=True)
def _month_year(m: re.Match[str], ctx: _Ctx) -> tuple[str, str] | None:
    return _iso(date(int(m.group("year")), _month_of(m), 1), MONTH)


@_rule(
    rf"{_B}(?i:en|depuis|dès|jusqu'en|jusqu’en|l'année|l’année|in|since)\s+{_YEAR}{_E}",
    absolute=True,
)
def _year(m: re.Match[str], ctx: _Ctx) -> tuple[str, str] | None:
    return m.group("year"), YEAR


# -- dates relative to the publication -------------------------------------------------------


@_rule(rf"{_B}{_FR_MONTH_PREFIX}{_FR_MONTH_FULL}(?!\s+\d)(?![\w-])")
@_rule(rf"{_B}(?:in|since|early|late|mid-?)\s+{_EN_MONTH_FULL}(?!\s+\d)(?![\w-])")
def _bare_month(m: re.Match[str], ctx: _Ctx) -> tuple[str, str] | None:
    if ctx.published is None:
        return None
    return _iso(_recent_month(_month_of(m), ctx.published, _upcoming(m, ctx)), MONTH)


def _starts_clause(m: re.Match[str]) -> bool:
    before = m.string[: m.start()].rstrip(" \t\u00a0")
    return not before or before[-1] in '.!?:;,(«"“—–-\n' or before.endswith(("(", "ce", "Ce"))


@_rule(
    rf"(?<![\w-])(?:(?i:ce|dès|depuis)\s+)?(?P<wd>{_FR_WD}){_PART_OF_DAY}"
    r"(?:\s+(?P<mod>dernier|passé|prochain))?(?![\w-])"
)
@_rule(rf"\b(?:(?:on|this|(?P<mod>last|next))\s+)?(?P<wd>{_EN_WD}){_PART_OF_DAY}\b")
def _weekday_rule(m: re.Match[str], ctx: _Ctx) -> tuple[str, str] | None:
    if ctx.published is None:
        return None
    name = m.group("wd")
    if name[0].isupper() and name.lower() in _FR_WEEKDAYS and not _starts_clause(m):
        return None  # "le Journal du Dimanche", "Vivement Dimanche": a name
    wd = _FR_WEEKDAYS.get(name.lower(), _EN_WEEKDAYS.get(name, -1))
    mod = (m.group("mod") or "").lower()
    if mod in ("dernier", "passé", "last"):
        which = "last"
    elif _upcoming(m, ctx):
        which = "next"
    else:
        which = "recent"
    return _iso(_weekday(wd, ctx.published, which), DAY)


_DAY_OFFSETS = {
    "avant-hier": -2, "avant hier": -2, "hier": -1, "aujourd'hui": 0, "aujourd’hui": 0,
    "ce matin": 0, "ce soir": 0, "cet après-midi": 0, "demain": 1, "après-demain": 2,
    "yesterday": -1, "today": 0, "tomorrow": 1, "this morning": 0, "tonight": 0,
}  # fmt: skip


@_rule(rf"(?<![\w'’-])(?i:(?P<word>{_alt(_DAY_OFFSETS)})){_PART_OF_DAY}(?![\w-])")
def _day_offset(m: re.Match[str], ctx: _Ctx) -> tuple[str, str] | None:
    if ctx.published is None:
        return None
    return _iso(ctx.published + timedelta(days=_DAY_OFFSETS[m.group("word").lower()]), DAY)


@_rule(
    rf"\b(?i:il\s+y\s+a|voici|voilà)\s+(?P<n>{_NUM_WORD})\s+(?i:(?P<unit>jours?|semaines?|mois|ans?|années?))"
    r"(?!\s+(?:de|d'|d’)\b|\w)"
)
@_rule(rf"\b(?P<n>{_NUM_WORD})\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b")
def _ago(m: re.Match[str], ctx: _Ctx) -> tuple[str, str] | None:
    n = _word_number(m.group("n"))
    if ctx.published is None or n is None:
        return None
    unit, pub = m.group("unit").lower(), ctx.published
    if unit.startswith(("jour", "day")):
        return _iso(pub - timedelta(days=n), DAY)
    if unit.startswith(("semaine", "week")):
        return _iso(pub - timedelta(weeks=n), DAY)
    if unit.startswith(("mois", "month")):
        return _iso(_add_months(pub, -n), MONTH)
    return _iso(date(pub.year - n, 1, 1), YEAR)


_PERIODS = {
    "l'an dernier": (YEAR, -1), "l'année dernière": (YEAR, -1), "l'an passé": (YEAR, -1),
    "l'année passée": (YEAR, -1), "cette année": (YEAR, 0), "l'an prochain": (YEAR, 1),
    "l'année prochaine": (YEAR, 1), "le mois dernier": (MONTH, -1), "le mois passé": (MONTH, -1),
    "ce mois-ci": (MONTH, 0), "le mois prochain": (MONTH, 1), "last year": (YEAR, -1),
    "this year": (YEAR, 0), "next year": (YEAR, 1), "last month": (MONTH, -1),
    "this month": (MONTH, 0), "next month": (MONTH, 1),
}  # fmt: skip


def _apostrophes(words: dict[str, tuple[str, int]]) -> str:
    return _alt(words).replace("'", "['’]")


@_rule(rf"(?<![\w-])(?i:(?P<period>{_apostrophes(_PERIODS)}))(?![\w-])")
def _period(m: re.Match[str], ctx: _Ctx) -> tuple[str, str] | None:
    if ctx.published is None:
        return None
    granularity, offset = _PERIODS[m.group("period").lower().replace("’", "'")]
    if granularity == YEAR:
        return _iso(date(ctx.published.year + offset, 1, 1), YEAR)
    return _iso(_add_months(ctx.published, offset), MONTH)


# -- driver ----------------------------------------------------------------------------------


def _as_date(published: date | datetime | None) -> date | None:
    if isinstance(published, datetime):
        return published.date()
    return published


def find_dates(
    text: str,
    published: date | None,
    future: Callable[[int], bool] | None = None,
) -> list[DateMatch]:
    """All non-overlapping date expressions in ``text``, longest first, in text order.

    ``future(offset)`` tells whether the clause at a character offset is in
    the future tense (a bare weekday then means the next one, not the last).
    """
    ctx = _Ctx(_as_date(published), future or (lambda _offset: False))
    found: list[DateMatch] = []
    for pattern, resolve, absolute in _RULES:
        for m in pattern.finditer(text):
            resolved = resolve(m, ctx)
            if resolved is not None:
                found.append(DateMatch(m.start(), m.end(), *resolved, absolute=absolute))
    kept: list[DateMatch] = []
    for cand in sorted(found, key=lambda d: (d.start - d.end, d.start)):
        if all(cand.end <= k.start or cand.start >= k.end for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda d: d.start)


def absolute_date_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of absolute dates ("4 avril 2017", "12/04/2017", "en 2011")."""
    anchor = date(2000, 6, 15)  # any date: only where the expressions are matters here
    return [(d.start, d.end) for d in find_dates(text, anchor) if d.absolute]


_PROSPECTIVE = {"devoir", "aller", "compter", "prévoir", "envisager", "espérer"}


def _looks_ahead(verb: Token) -> bool:
    """Future or conditional tense, or "doit/va/prévoit de + infinitive" (what is to come)."""
    auxes = [c for c in verb.children if c.dep_.startswith("aux")]
    tenses = [*verb.morph.get("Tense", [])] + [t for c in auxes for t in c.morph.get("Tense", [])]
    moods = [*verb.morph.get("Mood", [])] + [m for c in auxes for m in c.morph.get("Mood", [])]
    if "Fut" in tenses or "Cnd" in moods:
        return True
    if verb.lemma_ in _PROSPECTIVE and any(
        c.morph.get("VerbForm", []) == ["Inf"] for c in verb.children
    ):
        return True
    head = verb.head
    return bool(
        verb.morph.get("VerbForm", []) == ["Inf"]
        and head is not verb
        and head.lemma_ in _PROSPECTIVE
        and head.morph.get("VerbForm", []) != ["Inf"]
    )


def _future_tense(doc: Doc) -> Callable[[int], bool]:
    """Whether the verb governing the token at a character offset is in the future."""

    def future(offset: int) -> bool:
        span = doc.char_span(offset, offset + 1, alignment_mode="expand")
        if span is None:
            return False
        token = span[0]
        for _ in range(4):
            if token.pos_ in ("VERB", "AUX"):
                break
            if token.head is token:
                return False
            token = token.head
        return _looks_ahead(token)

    return future


def _iter_spans(doc: Doc, matches: list[DateMatch]) -> Iterator[Span]:
    seen: set[tuple[int, int]] = set()
    for match in matches:
        span = doc.char_span(match.start, match.end, alignment_mode="expand")
        if span is None or (span.start, span.end) in seen:
            continue
        seen.add((span.start, span.end))
        span._.date_value = match.value
        span._.date_granularity = match.granularity
        yield span


def annotate_dates(doc: Doc, published: date | None) -> None:
    """Add ``doc.spans["dates"]``: resolved date expressions (see the module doc)."""
    matches = find_dates(doc.text, published, _future_tense(doc))
    doc.spans[DATES] = list(_iter_spans(doc, matches))
    log.debug("%d date expressions", len(doc.spans[DATES]))


class DateStage:
    """Pipeline stage: date expressions, resolved against ``article.reference_date``
    (the publication date, or the story's date for an undated article)."""

    name = "dates"
    requires: tuple[str, ...] = ("doc",)
    provides: tuple[str, ...] = ("dates",)

    def __call__(self, article: Article) -> None:
        annotate_dates(article.require_doc(), article.reference_date)
