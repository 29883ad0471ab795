"""Contradictions: the same quantity, date or attribution reported differently."""

from __future__ import annotations

from collections.abc import Sequence

from .align import Link
from .model import Claim, Contradiction, QuoteRow
from .quotes import same_quote
from .textnorm import fold, shorten
from .units import Unit

Key = tuple[str, int]

_UNIT_LABELS = {
    "mort": "nombre de morts",
    "blessé": "nombre de blessés",
    "personne": "nombre de personnes",
    "victime": "nombre de victimes",
    "%": "pourcentage",
    "euro": "montant en euros",
    "dollar": "montant en dollars",
    "an": "durée en années",
}


# Sentence lemmas that report a figure as revised (French, English).
_REVISION = frozenset(
    {"alourdir", "réviser", "actualiser", "revoir", "grimper", "revise", "update", "climb"}
)


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _quantity(value: float, unit: str) -> str:
    """`4 morts`, `1 mort`, `12 %`: the unit is a singular lemma, plural from 2 on."""
    plural = abs(value) >= 2 and unit.isalpha() and not unit.endswith(("s", "x", "z"))
    return f"{_fmt(value)} {unit}{'s' if plural else ''}"


def _numbers(a: Unit, b: Unit) -> list[Contradiction]:
    out: list[Contradiction] = []
    units_a = {u for _, u in a.numbers if u}
    for unit in sorted(units_a & {u for _, u in b.numbers if u}):
        va = sorted({v for v, u in a.numbers if u == unit})
        vb = sorted({v for v, u in b.numbers if u == unit})
        if len(va) != 1 or len(vb) != 1 or abs(va[0] - vb[0]) <= 0.01 * max(abs(va[0]), abs(vb[0])):
            continue
        out.append(
            Contradiction(
                about=_UNIT_LABELS.get(unit, f"nombre ({unit})"),
                kind="number",
                claims=[
                    Claim(a.article, shorten(a.text), _quantity(va[0], unit)),
                    Claim(b.article, shorten(b.text), _quantity(vb[0], unit)),
                ],
                revised_in=next((u.article for u in (a, b) if u.lemmas & _REVISION), None),
            )
        )
    return out


def _dates(a: Unit, b: Unit) -> list[Contradiction]:
    if len(set(a.dates)) != 1 or len(set(b.dates)) != 1:
        return []
    da, db = a.dates[0], b.dates[0]
    if da == db or len(da) != len(db):
        return []
    return [
        Contradiction(
            about="date",
            kind="date",
            claims=[Claim(a.article, shorten(a.text), da), Claim(b.article, shorten(b.text), db)],
        )
    ]


def _attributions(quotes: Sequence[QuoteRow], names: frozenset[str]) -> list[Contradiction]:
    out: list[Contradiction] = []
    seen: set[tuple[str, str]] = set()
    for q in quotes:
        for other in quotes:
            if (
                other.article == q.article
                or other.article not in q.sources
                or not same_quote(q.text, other.text)
            ):
                continue
            if (
                q.speaker not in names
                or other.speaker not in names
                or q.inferred
                or other.inferred
                or fold(q.speaker) == fold(other.speaker)
            ):
                continue
            pair = (min(q.article, other.article), max(q.article, other.article))
            key = (fold(q.text)[:60], pair[0] + pair[1])
            if key in seen:
                continue
            seen.add(key)
            out.append(
                Contradiction(
                    about=f"qui a dit « {shorten(q.text, 80)} »",
                    kind="attribution",
                    claims=[
                        Claim(q.article, q.text, q.speaker),
                        Claim(other.article, other.text, other.speaker),
                    ],
                )
            )
    return out


def find_contradictions(
    units: Sequence[Unit],
    aligned: Sequence[Link],
    quotes: Sequence[QuoteRow],
    names: frozenset[str] = frozenset(),
) -> list[Contradiction]:
    """Contradictions between aligned sentences of different sources, and between quotes.

    An attribution differs only when both speakers are named entities (``names``):
    "le préfet" in one outlet and "Hugues Verdier" in another is not a contradiction.
    """
    by_key = {u.key: u for u in units}
    out: list[Contradiction] = []
    seen: set[tuple[str, str]] = set()
    for link in sorted(aligned, key=lambda lk: -lk.score):
        a, b = by_key[link.a], by_key[link.b]
        for c in _numbers(a, b) + _dates(a, b):
            key = (c.about, "|".join(sorted(cl.value for cl in c.claims)))
            if key not in seen:
                seen.add(key)
                out.append(c)
    return out + _attributions(quotes, names)
