"""Find quantities ("87 morts", "1,5 million d'euros", "3,5 %", "six ans").

Numbers are found with regular expressions over the text — digits with
French separators ("1 200", "50 000" with a thin space, "1.200", "3,5") and
French number words ("six", "vingt-trois", "une dizaine") — and what they
count is read from the parse: the noun that follows (after "de" for
"million de", "dizaine de"), or a percent or currency sign. Each quantity
becomes a ``Span`` in ``doc.spans["numbers"]`` covering the number and its
unit, with ``_.num_value`` (float) and ``_.unit`` (lowercase lemma, ``"%"``
for percentages, ``None`` when nothing counted could be read).

Not quantities: parts of absolute dates ("4 avril 2017", "12/04/2017"),
times ("10h05"), ordinals ("1er", "deuxième"), numbers inside a name
("Mir 24"), bare years ("2017"), a determiner "un"/"une" ("un accord") and
word numbers that count nothing ("les deux ont refusé").

:func:`normalise_unit` and :func:`quantity_key` map units onto comparable
kinds, so that "87 morts" and "86 personnes tuées" are both counts of
``"mort"``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..model import NUMBERS, Article
from .dates import absolute_date_ranges, is_month_name, one_line

log = logging.getLogger(__name__)

_UNITS = {
    "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
    "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30,
    "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100, "cents": 100, "mille": 1000,
}  # fmt: skip
_EN_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
}  # fmt: skip
_MULTIPLIERS = {
    "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9, "billion": 1e9,
    "billions": 1e9, "thousand": 1e3, "mille": 1e3, "m": 1e6, "md": 1e9, "mds": 1e9,
    "mrd": 1e9, "mrds": 1e9,
}  # fmt: skip
#: approximate collective nouns: "une dizaine de morts" = 10
_APPROX = {
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
    "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000,
}  # fmt: skip
_CURRENCIES = {"€": "euro", "$": "dollar", "£": "livre", "chf": "franc", "¥": "yen"}
_MEASURES = {
    "m²": "m²", "m2": "m²", "km²": "km²", "km2": "km²", "km": "km", "m": "m", "cm": "cm",
    "mm": "mm", "kg": "kg", "g": "g", "t": "tonne", "ha": "hectare", "l": "litre",
    "km/h": "km/h", "°c": "°c", "mw": "mw", "gw": "gw", "kwh": "kwh",
}  # fmt: skip
_SEP = "[ \u00a0\u202f\u2009]"
_WORDS = "|".join(sorted({*_UNITS, *_EN_UNITS}, key=len, reverse=True))
_DIGITS_FR = rf"\d{{1,3}}(?:{_SEP}\d{{3}})+|\d{{1,3}}(?:\.\d{{3}})+(?!\d)|\d+(?:[.,]\d+)?"
_DIGITS_EN = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
_WORD_RUN = rf"(?:{_WORDS})(?:(?:-et-|\s+et\s+)(?:un|une|onze)|(?:-|\s+)(?:{_WORDS}))*"
_MULT_RE = (
    r"\s+(?P<mult>millions?|milliards?|billions?|thousand)\b|\s?(?P<abbr>M|Mds?|Mrds?)(?=\s?€)"
)
_APPROX_RE = rf"\s+(?P<approx>(?:{'|'.join(_APPROX)})s?)\b"
_TAIL = rf"(?:{_MULT_RE}|{_APPROX_RE})?"


def _number_pattern(digits: str) -> re.Pattern[str]:
    number = rf"(?P<digits>{digits})(?![\w/:]|[.,]\d)|(?i:(?P<words>{_WORD_RUN}))(?![\w-])"
    return re.compile(one_line(rf"(?<![\w/.,:°-])(?:{number}){_TAIL}"))


_NUMBER_FR = _number_pattern(_DIGITS_FR)
_NUMBER_EN = _number_pattern(_DIGITS_EN)
_TIME = re.compile(r"(?<![\w])\d{1,2}\s?[hH:]\s?(?:\d{2})?(?![\w])")
_NOT_BEFORE = {
    "n°",
    "no",
    "numéro",
    "article",
    "page",
    "chapitre",
    "tome",
    "saison",
    "épisode",
    "version",
}
_PERSONS = {"personne", "gens", "individu"}  # general counts, refined by their predicate
_KILLED = {"tuer", "tué", "mourir", "mort", "périr", "décéder", "décédé", "succomber"}
_WOUNDED = {"blesser", "blessé"}
_UNIT_SYNONYMS = {
    "mort": "mort", "morts": "mort", "tué": "mort", "tuer": "mort", "victime": "mort",
    "décès": "mort", "décédé": "mort", "blessé": "blessé", "blesser": "blessé",
    "an": "an", "année": "an", "ans": "an", "personne": "personne", "gens": "personne",
    "individu": "personne", "pourcent": "%", "pour cent": "%", "pourcentage": "%",
    "€": "euro", "euros": "euro", "$": "dollar", "dollars": "dollar", "jour": "jour",
    "journée": "jour", "mois": "mois", "semaine": "semaine",
}  # fmt: skip
_NOUN_PARTICIPLES = {"blessé", "mort", "tué", "disparu", "décédé", "otage", "blesser", "tuer"}


@dataclass(frozen=True)
class _Number:
    start: int
    end: int
    value: float
    words: bool  # written in words
    vague: bool  # a collective noun ("dizaine") that needs "de" + noun


def normalise_unit(lemma: str) -> str:
    """Map a unit lemma onto a comparable kind (tué/victime/décès -> "mort")."""
    key = lemma.strip().lower()
    return _UNIT_SYNONYMS.get(key, key)


def quantity_key(span: Span) -> str | None:
    """What ``span`` counts, normalised and refined by its predicate.

    "87 morts" and "86 personnes tuées" both give ``"mort"``;
    "trois personnes blessées" gives ``"blessé"``; "six ans" gives ``"an"``.
    """
    unit = span._.unit
    if unit is None:
        return None
    key = normalise_unit(unit)
    if key != "personne" and unit not in _PERSONS:
        return key
    for tok in _predicates(span):
        lemma = tok.lemma_.lower()
        if lemma in _KILLED or tok.lower_.startswith(("tué", "mort")):
            return "mort"
        if lemma in _WOUNDED or tok.lower_.startswith("blessé"):
            return "blessé"
    return key


def _predicates(span: Span) -> Iterator[Token]:
    """The verb or adjective that says what happened to the counted noun."""
    noun = span[-1]
    yield from (c for c in noun.children if c.pos_ in ("ADJ", "VERB") and c.i > noun.i)
    if noun.head is not noun and noun.dep_.startswith("nsubj"):
        yield noun.head


# -- values ----------------------------------------------------------------------------------


def _digits_value(text: str, lang: str) -> float:
    text = re.sub(_SEP, "", text)
    if lang == "en":
        return float(text.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        return float(text.replace(".", ""))
    return float(text.replace(",", "."))


def _words_value(text: str) -> float | None:
    """Value of a French (or English) number written in words."""
    total, current, previous = 0, 0, ""
    for word in re.split(r"[\s-]+", text.lower()):
        if word == "et":
            continue
        value = _UNITS.get(word, _EN_UNITS.get(word))
        if value is None:
            return None
        if value == 1000:
            total += max(current, 1) * 1000
            current = 0
        elif value == 100:
            current = max(current, 1) * 100
        elif value == 20 and previous == "quatre":
            current += 80 - 4
        else:
            current += value
        previous = word
    return float(total + current)


def _find_numbers(text: str, lang: str) -> Iterator[_Number]:
    pattern = _NUMBER_EN if lang == "en" else _NUMBER_FR
    for m in pattern.finditer(text):
        if m.group("digits"):
            value: float | None = _digits_value(m.group("digits"), lang)
        else:
            value = _words_value(m.group("words"))
        if value is None:
            continue
        mult, approx = m.group("mult") or m.group("abbr"), m.group("approx")
        if mult:
            value *= _MULTIPLIERS[mult.lower()]
        if approx:
            value *= _APPROX[approx.lower().rstrip("s")]
        yield _Number(m.start(), m.end(), value, words=not m.group("digits"), vague=bool(approx))


# -- filters ---------------------------------------------------------------------------------


def _excluded_ranges(text: str) -> list[tuple[int, int]]:
    ranges = absolute_date_ranges(text)
    ranges += [(m.start(), m.end()) for m in _TIME.finditer(text)]
    return ranges


def _overlaps(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start < r_end and r_start < end for r_start, r_end in ranges)


def _in_entity(tokens: Span) -> bool:
    """Part of a named entity ("Mir 24")."""
    return any(t.ent_type_ for t in tokens)


def _after_name(tokens: Span) -> bool:
    """Right after a capitalised name ("Mir 24" when the model missed the entity)."""
    doc = tokens.doc
    if tokens.start == 0:
        return False
    prev = doc[tokens.start - 1]
    if prev.pos_ == "PROPN":
        return True
    capitalised = prev.is_title or (prev.is_upper and len(prev) > 1)
    return capitalised and prev.is_alpha and not prev.is_sent_start


def _is_year(num: _Number, text: str) -> bool:
    raw = text[num.start : num.end]
    return raw.isdigit() and len(raw) == 4 and 1800 <= num.value <= 2100


# -- units -----------------------------------------------------------------------------------


def _next_token(doc: Doc, i: int) -> Token | None:
    while i < len(doc) and doc[i].is_space:
        i += 1
    return doc[i] if i < len(doc) else None


def _unit_after(doc: Doc, end: int, number_tokens: Span, after_de: bool) -> tuple[str, int] | None:
    """The counted unit after token ``end``: ``(unit, end token)`` or None."""
    tok = _next_token(doc, end)
    if tok is None:
        return None
    low = tok.lower_
    if low in ("%", "pourcent", "pourcents"):
        return "%", tok.i + 1
    if low == "pour" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "cent":
        return "%", tok.i + 2
    if low in _CURRENCIES:
        return _CURRENCIES[low], tok.i + 1
    if low in _MEASURES:
        return _MEASURES[low], tok.i + 1
    if low in ("de", "d'", "d’"):
        return _unit_after(doc, tok.i + 1, number_tokens, False) if after_de else None
    i = tok.i
    while (
        i < len(doc)
        and i - tok.i < 2
        and doc[i].pos_ == "ADJ"
        and doc[i].lemma_.lower() not in _NOUN_PARTICIPLES
    ):
        i += 1  # "87 nouveaux cas", "trois autres personnes"
    noun = doc[i] if i < len(doc) else None
    if noun is None or not _is_unit_noun(noun, number_tokens):
        return None
    return noun.lemma_.lower() or noun.lower_, noun.i + 1


def _is_unit_noun(tok: Token, number_tokens: Span) -> bool:
    if not tok.is_alpha or is_month_name(tok.text):
        return False
    if tok.pos_ == "NOUN" or tok.lemma_.lower() in _NOUN_PARTICIPLES:
        return True
    governs = any(t.head.i == tok.i for t in number_tokens)
    return governs and tok.pos_ in ("PROPN", "ADJ") and not tok.ent_type_


def _currency_before(doc: Doc, start: int) -> str | None:
    if start > 0 and doc[start - 1].lower_ in _CURRENCIES:
        return _CURRENCIES[doc[start - 1].lower_]
    return None


# -- driver ----------------------------------------------------------------------------------


def _to_span(doc: Doc, text: str, num: _Number, excluded: list[tuple[int, int]]) -> Span | None:
    """The quantity's span (number and unit) in ``doc``, whose text is ``text`` (read once:
    ``Doc.text`` rebuilds the string on every access)."""
    if _overlaps(num.start, num.end, excluded):
        return None
    tokens = doc.char_span(num.start, num.end, alignment_mode="expand")
    if tokens is None:
        return None
    if tokens.start > 0 and doc[tokens.start - 1].lower_ in _NOT_BEFORE:
        return None
    raw = text[num.start : num.end]
    if num.words and raw.lower() in ("un", "une"):
        return None  # "un accord": the article, not a count
    if (
        num.words
        and raw.lower() == "cent"
        and tokens.start > 0
        and doc[tokens.start - 1].lower_ == "pour"
    ):
        return None
    if _in_entity(tokens):
        return None
    unit_end = _unit_after(doc, tokens.end, tokens, after_de=num.vague or _has_multiplier(tokens))
    before = _currency_before(doc, tokens.start) or _currency_inside(tokens)
    unit = before or (unit_end[0] if unit_end else None)
    if unit is None and (num.words or num.vague or _is_year(num, text) or _after_name(tokens)):
        return None
    end = unit_end[1] if unit_end and not before else tokens.end
    start = tokens.start - 1 if before and _currency_before(doc, tokens.start) else tokens.start
    span = doc[start:end]
    if unit is not None and unit_end and _overlaps(span.start_char, span.end_char, excluded):
        span, unit = tokens, None  # the "noun" is a date ("2 avril" was caught as a date)
    span._.num_value = num.value
    span._.unit = unit
    return span


def _currency_inside(tokens: Span) -> str | None:
    last = tokens[-1].text.lower()
    return next((name for sign, name in _CURRENCIES.items() if last.endswith(sign)), None)


def _has_multiplier(tokens: Span) -> bool:
    return tokens[-1].lower_ in _MULTIPLIERS


def annotate_numbers(doc: Doc) -> None:
    """Add ``doc.spans["numbers"]``: quantities with value and unit (see the module doc)."""
    text = doc.text
    excluded = _excluded_ranges(text)
    spans: list[Span] = []
    taken: set[int] = set()
    for num in _find_numbers(text, doc.lang_):
        span = _to_span(doc, text, num, excluded)
        if span is None or taken.intersection(range(span.start, span.end)):
            continue
        taken.update(range(span.start, span.end))
        spans.append(span)
    doc.spans[NUMBERS] = spans
    log.debug("%d quantities", len(spans))


class NumberStage:
    """Pipeline stage: quantities and what they count."""

    name = "numbers"
    requires: tuple[str, ...] = ("doc",)
    provides: tuple[str, ...] = ("numbers",)

    def __call__(self, article: Article) -> None:
        annotate_numbers(article.require_doc())
