"""English person names for speaker resolution: persons, surnames, gender.

* :func:`person_spans` — PERSON mentions of an English doc. When the entity
  annotator left no person (its labels are French: ``PERSON`` mentions are
  dropped), the English NER is run again on a copy of the doc to get them back;
  a single-word entity or proper noun equal to a known person's surname
  (``Lonechild`` tagged ORG) is that person.
* :func:`learned_genders` — gender of each person from the first-name lists,
  ``Mr./Ms.`` before the name, and the first ``he``/``she`` after the person is
  mentioned (before anyone else is).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from .speech import wordset

log = logging.getLogger(__name__)

EN_MASC_NAMES: frozenset[str] = wordset(
    """
    aaron adam adrian alan albert alex alexander andrew andy anthony arthur
    barry ben bernie bill blaine bob brad bradley brandon brendan brent brett
    brian bruce bryan calvin cameron carl carlos chad charles charlie chris
    christian christopher chuck clint colin conrad craig dale dan daniel darren
    dave david dean dennis derek doug douglas dominic don donald drew dustin
    dwayne dylan ed eddie edward eric erik ernie ethan evan frank fred gary
    gavin geoff geoffrey george gerald glen glenn gord gordon graham grant greg
    gregory harold harry henry howard ian isaac jack jacob jake james jamie
    jared jason jay jeff jeffrey jeremy jerry jesse jim jimmy joe joel john
    johnny jon jonathan jordan jose joseph josh joshua justin keith ken kenneth
    kevin kyle larry lee leo leonard liam luke marc marcus mark martin matt
    matthew max michael mike mitch mohammed nathan neil nick nicholas noah
    norm oliver omar patrick paul pete peter phil philip ralph randy ray
    raymond richard rick ricky rob robert rod roger ron ronald ross roy russell
    ryan sam samuel scott sean seth shane shawn simon stan stephen steve steven
    stuart ted terry thomas tim timothy todd tom tony travis trevor troy tyler
    vince walter wayne will william zach jagmeet andrew doug jason blaine kody
    nino hussein wang xi vladimir rex donald barack boris emmanuel
    """
)
EN_FEM_NAMES: frozenset[str] = wordset(
    """
    abby alice alicia alison allison amanda amber amy andrea angela anita ann
    anna anne annie april ashley barbara beth betty brenda brittany caitlin
    carol caroline carolyn catherine cathy charlotte cheryl chloe christina
    christine chrystia cindy claire claudia colleen courtney crystal cynthia
    dana danielle darian debbie deborah debra denise diana diane donna doris
    dorothy elaine elizabeth ellen emily emma erin eva evelyn fiona frances
    gail grace hannah heather helen holly irene jackie jane janet janice jean
    jennifer jenny jessica jill joan joanne jodie jody joyce judy julia julie
    karen kate katherine kathleen kathy katie katy kayla kelly kim kimberly
    kristen kristin laura lauren leah linda lindsay lisa liz lori louise lucy
    lynn madison margaret maria marie marilyn marise martha mary megan melanie
    melissa michelle monica nadia nancy natalie nicole nina olivia pamela
    patricia patty paula rachel rebecca rita rose ruth sally samantha sandra
    sara sarah sharon shannon sheila shirley sophie stephanie sue susan tamara
    tara teresa theresa tiffany tina tracy valerie vanessa victoria virginia
    wendy whitney yvonne zoe mary-ann catherine kathleen rachel hillary kamala
    melania ivanka theresa jody jacinda tasmeen
    """
)
EN_TITLES: frozenset[str] = wordset(
    """
    mr mr. mrs mrs. ms ms. dr dr. prof prof. premier minister president
    senator sen. sen rep. rep mayor chief sgt. sgt cpl. cpl const. insp.
    supt. lt. gov. gov governor judge justice rev. father sister
    """
)
_MASC_TITLES = frozenset({"mr", "mr.", "father", "sir"})
_FEM_TITLES = frozenset({"mrs", "mrs.", "ms", "ms.", "sister"})
_HE = frozenset({"he", "him", "his"})
_SHE = frozenset({"she", "her", "hers"})
_PERSON_LABELS = ("PER", "PERSON")


def first_name_gender(word: str) -> str | None:
    """``Masc``/``Fem`` for a known English first name, else None."""
    low = word.lower()
    if low in EN_MASC_NAMES:
        return "Masc"
    if low in EN_FEM_NAMES:
        return "Fem"
    return None


def title_gender(word: str) -> str | None:
    low = word.lower()
    return "Masc" if low in _MASC_TITLES else "Fem" if low in _FEM_TITLES else None


# -- persons ---------------------------------------------------------------------
def person_spans(doc: Doc, ents: list[Span]) -> list[Span]:
    """``ents`` with PERSON mentions recovered and surnames tied to persons (English)."""
    persons = [e for e in ents if e.label_ in _PERSON_LABELS]
    if not persons and doc.has_annotation("ENT_IOB"):
        persons = _rerun_ner(doc)
        if persons:
            taken = {i for p in persons for i in range(p.start, p.end)}
            ents = [e for e in ents if not any(i in taken for i in range(e.start, e.end))]
            ents = sorted(ents + persons, key=lambda e: e.start)
    persons = [p for p in persons if not _place_suffix(p)]
    ents = [e for e in ents if e.label_ not in _PERSON_LABELS or not _place_suffix(e)]
    surnames = {p[-1].lower_ for p in persons if len(p) > 1}
    out: list[Span] = []
    for ent in ents:
        if ent.label_ not in _PERSON_LABELS and len(ent) == 1 and ent[0].lower_ in surnames:
            ent = Span(doc, ent.start, ent.end, label="PERSON")
        out.append(ent)
    taken = {i for e in out for i in range(e.start, e.end)}
    for tok in doc:
        if tok.i not in taken and tok.pos_ == "PROPN" and tok.lower_ in surnames:
            out.append(Span(doc, tok.i, tok.i + 1, label="PERSON"))
    return sorted(out, key=lambda e: e.start)


def _place_suffix(ent: Span) -> bool:
    """``Mississauga, Ont.``: a one-word "person" right after ``Place,`` is a province."""
    doc = ent.doc
    return (
        len(ent) == 1
        and ent.start >= 2
        and doc[ent.start - 1].text == ","
        and doc[ent.start - 2].pos_ == "PROPN"
    )


def _rerun_ner(doc: Doc) -> list[Span]:
    """PERSON spans from the English NER run on a copy of ``doc`` (the doc is unchanged)."""
    from .nlp import has_ner, load_nlp

    try:
        nlp = load_nlp("en")
    except Exception as exc:  # no English model: keep what the doc has
        log.debug("no English pipeline to recover persons: %s", exc)
        return []
    if not has_ner(nlp):
        return []
    copy = nlp.get_pipe("ner")(doc.copy())
    return [
        Span(doc, e.start, e.end, label="PERSON")
        for e in copy.ents
        if e.label_ == "PERSON" and e[0].text[:1].isupper()
    ]


def learned_genders(
    doc: Doc,
    persons: list[Span],
    canonical: Callable[[Span], str],
    quoted: Callable[[int], bool],
) -> dict[str, str]:
    """Gender per canonical name: title, first name, then the pronouns that follow it."""
    found: dict[str, str] = {}
    votes: dict[str, Counter[str]] = {}
    starts = sorted(p.start for p in persons)
    for person in persons:
        name = canonical(person)
        gender = _name_gender(doc, person, name)
        if gender is not None:
            found.setdefault(name, gender)
            continue
        if quoted(person.start_char):
            continue
        nxt = next((s for s in starts if s >= person.end), len(doc))
        for tok in doc[person.end : min(nxt, person.end + 40)]:
            if quoted(tok.idx):
                continue
            low = tok.lower_
            if low in _HE or low in _SHE:
                votes.setdefault(name, Counter())["Masc" if low in _HE else "Fem"] += 1
                break
    for name, counter in votes.items():
        if name not in found:
            found[name] = counter.most_common(1)[0][0]
    return found


def _name_gender(doc: Doc, person: Span, name: str) -> str | None:
    if person.start > 0:
        gender = title_gender(doc[person.start - 1].text)
        if gender is not None:
            return gender
    return first_name_gender(name.split()[0]) if name.split() else None


def skip_title(token: Token) -> Token:
    """``Dr. Matthew Bowes`` / ``Premier Doug Ford``: the name after a title word."""
    doc = token.doc
    i = token.i
    while i + 1 < len(doc) and doc[i].lower_ in EN_TITLES and doc[i + 1].pos_ == "PROPN":
        i += 1
    return doc[i]


_DOCUMENT_NOUNS: frozenset[str] = wordset(
    "statement release email e-mail letter post tweet message report note memo news"
)


def is_document_noun(token: Token) -> bool:
    """``statement``, ``email``, ``release``: words through which someone speaks."""
    return (token.lemma_ or token.lower_).lower() in _DOCUMENT_NOUNS


def subject_mention(ent: Span) -> bool:
    """The mention is (in apposition to) the subject of a clause, not an object or possessor."""
    tok = ent.root
    for _ in range(4):
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return True
        if tok.dep_ not in ("compound", "appos", "flat", "conj") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False
