"""English reported speech for :mod:`recoupe.annotate.quotes`.

:func:`reported_items` finds reported speech without ``that``: a speech verb
whose ``ccomp`` is a finite clause with its own subject, outside quotation
marks (``Lonechild said she started her work…``, ``X told CBC News the plan
would work``); the span is the clause, ``that`` left out.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from collections.abc import Set as AbstractSet

from spacy.tokens import Doc, Span, Token

from .quote_rules import ALL_MARKS, Item, clause, subject_of
from .speech import cue_lemma

log = logging.getLogger(__name__)


# -- reported speech ----------------------------------------------------------------
def reported_items(doc: Doc, inside: AbstractSet[int], seen: AbstractSet[int]) -> Iterator[Item]:
    """``X said (that) <finite clause>`` outside quotation marks; ``seen``: verbs already used."""
    if not doc.has_annotation("DEP"):
        return
    for verb in doc:
        if verb.i in inside or verb.i in seen:
            continue
        lemma = cue_lemma(verb)
        if lemma is None or lemma in ("think", "feel", "ask", "wonder", "call"):
            continue
        comp = _finite_complement(verb, inside)
        if comp is None:
            continue
        span = _clause_span(comp, verb)
        if span is None:
            continue
        subject = subject_of(verb, set(range(span.start, span.end)))
        if subject is None:
            continue
        yield Item(span, False, lemma, subject)


def _finite_complement(verb: Token, inside: AbstractSet[int]) -> Token | None:
    """The verb's ``ccomp`` after it, finite and with its own subject, outside the marks."""
    for child in verb.children:
        if child.dep_ != "ccomp" or child.i < verb.i or child.i in inside:
            continue
        if _finite(child) and any(
            c.dep_.startswith("nsubj") or c.dep_ == "expl" for c in child.children
        ):
            return child
    return None


def _finite(tok: Token) -> bool:
    finite = ("VBD", "VBP", "VBZ", "MD")
    return tok.tag_ in finite or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in finite for c in tok.children
    )


def _clause_span(comp: Token, verb: Token) -> Span | None:
    doc = comp.doc
    toks = sorted(t.i for t in comp.subtree)
    start, end = toks[0], toks[-1] + 1
    while start < end and (doc[start].dep_ == "mark" or doc[start].lower_ == "that"):
        start += 1
    if start <= verb.i:
        return None
    quoted = [t for t in doc[start:end] if t.text in ALL_MARKS]
    if len(quoted) % 2:
        end = _closing_mark(doc, end, quoted[-1].i)
    return clause(doc, start, end)


def _closing_mark(doc: Doc, end: int, opened: int) -> int:
    """The clause ends inside a quote opened at ``opened``: run on to its closing mark in
    the same paragraph, else stop before the opening mark."""
    for tok in doc[end : min(end + 80, len(doc))]:
        if "\n" in tok.text:
            break
        if tok.text in ALL_MARKS:
            return tok.i + 1
    return opened
