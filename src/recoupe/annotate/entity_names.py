"""Canonical entity names: folding, surface choice, person-name and acronym merging.

:func:`resolve_names` maps every ``(surface, label)`` of a document (or of a
set of documents, :func:`recoupe.annotate.entities.merge_across`) to one
canonical name: surfaces equal up to accents and case share one name, a person
named by a surname alone (``Poutine``) takes the one longer name ending with it
(``Vladimir Poutine``), and an acronym (``GE``) takes the one name whose
initials it spells (``Génération Écologie``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from ..text import strip_accents

__all__ = ["fold", "initials", "is_acronym", "name_tokens", "resolve_names"]

PER = "PER"

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"})
_NAME_SPLIT = re.compile(r"[\s\-]+")


def fold(text: str) -> str:
    """Accent-, case- and punctuation-insensitive key: ``"États-Unis"`` -> ``"etats-unis"``."""
    return " ".join(strip_accents(text.translate(_APOSTROPHES)).casefold().split())


def name_tokens(name: str) -> list[str]:
    """Folded words of a name, split on spaces and hyphens (``al-Assad`` -> al, assad)."""
    return [t for t in _NAME_SPLIT.split(fold(name)) if t]


_INITIAL_SKIPS = frozenset(["de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "pour"])


def initials(name: str) -> str:
    """``Génération Écologie`` -> ``GE``; ``Conseil français du culte musulman`` -> ``CFCM``."""
    words = strip_accents(name).replace("'", " ").replace("’", " ").replace("-", " ").split()
    return "".join(w[0] for w in words if w.casefold() not in _INITIAL_SKIPS).upper()


def is_acronym(name: str) -> bool:
    """``GE``, ``NKM``, ``CFCM``: two to six capital letters."""
    short = name.strip()
    return 2 <= len(short) <= 6 and short.isalpha() and short.isupper()


def _expand_acronyms(best: dict[tuple[str, str], str], target: dict[tuple[str, str], str]) -> None:
    """An acronym takes the one multi-word name (any label) whose initials it spells."""
    longer = [name for name in set(target.values()) if len(name.split()) > 1]
    for key in list(target):
        if not is_acronym(best[key]):
            continue
        match = {n for n in longer if initials(n) == strip_accents(best[key])}
        if len(match) == 1:
            target[key] = match.pop()


def _accents(text: str) -> int:
    return sum(1 for c in text if not c.isascii())


def _representative(forms: Counter[str], order: dict[str, int]) -> str:
    """Best surface form: not all-caps, accented, most frequent, first seen."""
    return max(
        forms,
        key=lambda s: (not s.isupper(), _accents(s), forms[s], -order.get(s, 0)),
    )


def resolve_names(items: Iterable[tuple[str, str, int]]) -> dict[tuple[str, str], str]:
    """Map each ``(surface, label)`` to a canonical name.

    ``items`` are ``(surface, label, count)``. Surfaces equal up to accents and
    case are merged; a person whose name words are the trailing words of exactly
    one longer person name takes that name; an acronym equal to the initials of exactly one
    longer name takes that name (``GE`` -> ``Génération Écologie``).
    """
    groups: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    order: dict[str, int] = {}
    for surface, label, count in items:
        groups[(fold(surface), label)][surface] += count
        order.setdefault(surface, len(order))
    best = {key: _representative(forms, order) for key, forms in groups.items()}
    persons = {key[0]: tuple(name_tokens(key[0])) for key in groups if key[1] == PER}
    target: dict[tuple[str, str], str] = {}
    for key in groups:
        target[key] = best[key]
        if key[1] != PER:
            continue
        longer = _longer_names(persons[key[0]], persons)
        if len(longer) == 1:
            target[key] = best[(longer[0], PER)]
    _expand_acronyms(best, target)
    out: dict[tuple[str, str], str] = {}
    for (folded, label), forms in groups.items():
        for surface in forms:
            out[(surface, label)] = target[(folded, label)]
    return out


def _longer_names(words: tuple[str, ...], persons: dict[str, tuple[str, ...]]) -> list[str]:
    """Maximal person names that end with ``words`` (and are longer)."""
    if not words:
        return []
    n = len(words)
    cands = [k for k, w in persons.items() if len(w) > n and w[-n:] == words]
    return [
        c for c in cands if not any(_ends_with(persons[o], persons[c]) for o in cands if o != c)
    ]


def _ends_with(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    return len(longer) > len(shorter) and longer[-len(shorter) :] == shorter
