"""Clean the text recoupe stores: boilerplate lines out, whitespace normalised.

The cleaned text is what annotation offsets point into, so characters are kept
as they are (``’``, ``“ ”``, ``« »`` included); only whitespace is normalised
(runs of spaces, tabs and no-break spaces inside a line become one space, blank
lines disappear, lines are joined by one ``\\n``) and invisible characters
(zero-width spaces, soft hyphens, BOM) are removed.

Dropped lines: "Lire aussi"/"Read more" teasers, agency signatures
("agences/tmun", "afp/ab", "(AFP)", "Reuters"), bylines with a date
("Première publication : 12/04/2017", read into ``published`` first), share
buttons ("Partager", "Tweeter") and cookie banners.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from .metadata import date_line

log = logging.getLogger(__name__)

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")

_TEASER = (
    r"(?:[>»›•\-–—*]+\s*)?(?:[àa]\s+lire\s+(?:aussi|également|egalement)|"
    r"lire\s+(?:aussi|également|egalement|la\s+suite)|"
    r"voir\s+aussi|(?:[àa]\s+)?(?:voir|lire)\s+notre\s+dossier|read\s+more|read\s+also|see\s+also|"
    r"related(?:\s*:|\s+(?:articles?|stories|story|content|coverage)\b))"
)
_AGENCIES = (
    "afp|ats|reuters|ap|ansa|dpa|efe|belga|keystone-ats|keystone|agences|agence|upi|"
    "bloomberg|anp|apa|sda|aps|xinhua|tass|ria|interfax|associated press|agence france-presse"
)
_AGENCY = "|".join(
    (
        # "AFP", "(AFP)", "avec AFP", "Source : Reuters"
        rf"[(\[]?\s*(?:avec\s+|with\s+|source\s*:\s*)?(?:{_AGENCIES})\s*[)\]]?\.?$",
        # "AFP, Reuters et AP"
        rf"(?:avec\s+)?(?:{_AGENCIES})(?:\s*(?:,|et|and|/)\s*(?:{_AGENCIES}))+\.?$",
        # "ats/afp/jfe", "AFP/ab"
        rf"(?:{_AGENCIES})(?:\s?/\s?[\w\-]{{1,12}}){{1,4}}$",
        # RTS-style initials signature, lowercase only: "agences/tmun", "jpr/gma"
        r"(?=.{0,40}$)(?-i:[a-zà-ÿ]{2,12}(?:\s?/\s?[a-zà-ÿ\-]{2,12}){1,4})$",
    )
)
_SHARE = (
    r"(?:partager(?:\s+sur\s+\w+)?|tweeter|tweet|share(?:\s+on\s+\w+)?|imprimer|print|envoyer|"
    r"e-?mail|facebook|twitter|linkedin|whatsapp|messenger|copier le lien|copy link|"
    r"publicité|advertisement|abonnez-vous|s'abonner|subscribe|commenter|réagir)[\s.:!]*$"
)
_BOILERPLATE = re.compile(rf"(?P<teaser>{_TEASER})|(?P<agency>{_AGENCY})|(?P<share>{_SHARE})", re.I)
_COOKIES = re.compile(
    r"nous utilisons|ce site (?:web )?utilise|notre site utilise|we use|this (?:web)?site uses|"
    r"our (?:web)?site uses|en poursuivant (?:votre )?navigation|by continuing to (?:browse|use)|"
    r"accepte[rz]? (?:tous )?les cookies|accept (?:all )?cookies|g[ée]rer (?:mes |les )?cookies|"
    r"manage cookies|param[ée]trer les cookies|cookie settings|politique (?:de|relative aux) cookies|"
    r"cookie policy",
    re.I,
)
_MAX_BOILERPLATE = 300


@dataclass
class Cleaned:
    """The cleaned text, what was dropped, and the byline dates read on the way."""

    text: str
    dropped: list[str] = field(default_factory=list)
    published: date | None = None
    updated: date | None = None


def normalise_line(line: str) -> str:
    """One line with whitespace runs (no-break spaces included) collapsed to one space."""
    return " ".join(line.split())


def boilerplate_kind(line: str) -> str | None:
    """Why ``line`` is boilerplate ("teaser", "agency", "share", "cookies"), or None."""
    if len(line) > _MAX_BOILERPLATE:
        return None
    m = _BOILERPLATE.match(line)
    if m:
        return m.lastgroup
    lower = line.lower()
    if ("cookie" in lower or "traceurs" in lower) and _COOKIES.search(line):
        return "cookies"
    return None


def clean_text(raw: str) -> Cleaned:
    """Drop boilerplate lines and normalise whitespace (see the module docstring)."""
    out = Cleaned(text="")
    kept: list[str] = []
    for raw_line in _INVISIBLE.sub("", unicodedata.normalize("NFC", raw)).splitlines():
        line = normalise_line(raw_line)
        if not line:
            continue
        byline = date_line(line)
        if byline is not None:
            found, is_update = byline
            if is_update:
                out.updated = out.updated or found
            else:
                out.published = out.published or found
            out.dropped.append(line)
            continue
        kind = boilerplate_kind(line)
        if kind is not None:
            log.debug("dropping %s line: %r", kind, line)
            out.dropped.append(line)
            continue
        kept.append(line)
    out.text = "\n".join(kept)
    return out
