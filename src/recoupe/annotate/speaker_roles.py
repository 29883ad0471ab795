"""Roles and genders learned from how an article names people.

:class:`~recoupe.annotate.speakers.SpeakerResolver` remembers, for each person
named in the article, the role it was given (``le président russe Vladimir
Poutine`` -> ``président`` {russe}) and the gender a title or first name shows.
A later role phrase (``le président``) or pronoun then resolves to that person.

Roles are read three ways:

* the words before a name (:func:`apposition_role`);
* the apposition after it (``Anthony Fauci, directeur de l'Institut``,
  :func:`trailing_role`);
* the parse, when a role noun governs the name as an apposition or a
  comma-joined conjunct across a parenthesis (``le maire (PS) de Fameck,
  Michel Liebgott``, :func:`parsed_role`).

:func:`glued_persons` recovers people the recogniser glued to the complement of
their role (one ORG entity ``Education Jean-Michel Blanquer``).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .speaker_genders import FEM_WORDS, MASC_WORDS, given_name_gender
from .speaker_phrases import (
    DET_LIKE,
    MARKS,
    PERSON_NORMS,
    after_preposition,
    is_agent_noun,
    lemma_norm,
    merged_name,
    norm,
    noun_phrase,
    short_phrase,
)

log = logging.getLogger(__name__)

PERSON_LABELS: frozenset[str] = frozenset({"PER", "PERSON"})
_ROLE_DEPS: frozenset[str] = frozenset({"appos", "conj"})
MAX_PARSED_GAP = 8
"""Most tokens between a role noun and the name it governs (``maire (PS) de Fameck ,``)."""


@dataclass(frozen=True)
class Role:
    """A role noun with its modifiers, tied to the person an apposition named."""

    head: str
    attrs: frozenset[str]
    name: str
    start: int


def attr_words(toks: Span | list[Token]) -> frozenset[str]:
    return frozenset(
        lemma_norm(t)
        for t in toks
        if t.pos_ in ("ADJ", "NOUN", "PROPN") or (not t.pos_ and t.is_alpha)
    )


_INDEFINITE: frozenset[str] = frozenset({"un", "une", "a", "an"})
_FORMER: frozenset[str] = frozenset({"ancien", "ancienne", "ex", "futur", "future"})
FORMER = "ancien"
"""The attribute a role phrase carries when it names a past or future office."""


def former_words(toks: Span | list[Token], head: Token) -> frozenset[str]:
    """``{"ancien"}`` for ``l'ancien ministre``, ``l'ex-ministre``, ``le futur président``."""
    before = [t for t in toks if t.i < head.i]
    if head.lower_.startswith("ex-") or any(norm(t.text) in _FORMER for t in before):
        return frozenset({FORMER})
    return frozenset()


def same_head_names(roles: list[Role], head: str, attrs: frozenset[str], pos: int) -> set[str]:
    """Names earlier appositions tie to ``head``, whatever the other words; a former office
    (``l'ancien ministre``) only those tied to a former one (not ``le ministre de
    l'Intérieur X``)."""
    return {
        r.name
        for r in roles
        if r.start < pos and r.head == head and (FORMER not in attrs or FORMER in r.attrs)
    }


def latest_role(
    roles: list[Role], head: str, attrs: frozenset[str], pos: int, det: str
) -> Role | None:
    """The last role before ``pos`` with that head and at least those words; none for an
    indefinite phrase (``confesse un conseiller`` is not ``le conseiller politique X``)."""
    if det in _INDEFINITE:
        return None
    for role in reversed(roles):
        if role.start < pos and role.head == head and attrs <= role.attrs:
            return role
    return None


def fuller_mention(token: Token, head: str) -> str | None:
    """``Pour le tribunal, « … »`` after ``Le tribunal correctionnel de Paris a relaxé``:
    the last earlier subject with the same head noun, when it carries its complements."""
    doc = token.doc
    for tok in reversed(doc[: token.i]):
        if tok.pos_ != "NOUN" or lemma_norm(tok) != head or not tok.dep_.startswith("nsubj"):
            continue
        np = noun_phrase(tok)
        if np[0].lower_ not in _DEFINITE_ARTICLES or not any(
            t.i > tok.i and t.pos_ in ("ADJ", "NOUN", "PROPN") for t in np
        ):
            return None
        return short_phrase(np, tok, _FULLER_WORDS).text
    return None


_DEFINITE_ARTICLES: frozenset[str] = frozenset({"le", "la", "l'", "l’"})
_FULLER_WORDS = 6


def of_person(token: Token) -> bool:
    """``l'avocat de l'ancien patron de Matignon``, ``la fille de Jean Dupont``: a role a
    ``de`` complement defines by another person (a name or a person noun), so it is not
    that sentence's subject."""
    for child in token.children:
        if child.dep_ != "nmod" or child.i < token.i:
            continue
        person = child.ent_type_ in PERSON_LABELS or lemma_norm(child) in PERSON_NORMS
        if person and any(c.dep_ == "case" and norm(c.text) in _OF for c in child.children):
            return True
    return False


_OF: frozenset[str] = frozenset({"de", "d'", "d’", "du", "des"})


def complement_names(
    token: Token, ent_of: Mapping[int, Span], canonical: Callable[[Span], str]
) -> frozenset[str] | None:
    """Names of the people a ``de`` complement ties a role to (``le mari de Raquel
    Garrido``); None when the complement is a person noun without a name."""
    names = {
        canonical(ent)
        for child in token.children
        if child.dep_ == "nmod"
        and child.i > token.i
        and (ent := ent_of.get(child.i)) is not None
        and ent.label_ in PERSON_LABELS
    }
    return frozenset(names) if names else None


OFFICES: dict[str, str] = {
    "ministre": "ministre",
    "maire": "maire",
    "edile": "maire",
    "depute": "depute",
    "senateur": "senateur",
    "prefet": "prefet",
    "procureur": "procureur",
    "juge": "juge",
    "avocat": "avocat",
    "eurodepute": "eurodepute",
}
"""Offices one person rarely holds together, by role noun (``l'édile`` is a ``maire``)."""


def office_conflict(roles: list[Role], name: str, head: str) -> bool:
    """``le maire EELV de Bordeaux`` is not ``le Premier ministre Jean Castex``: the phrase
    names an office and every role the article gave that person is another office."""
    office = OFFICES.get(head)
    held = [OFFICES.get(r.head) for r in roles if r.name == name]
    return office is not None and bool(held) and all(h not in (None, office) for h in held)


def tied_name(
    roles: list[Role], head: str, pos: float = math.inf, attrs: frozenset[str] = frozenset()
) -> str | None:
    """The one name appositions before ``pos`` (anywhere by default) tie to ``head`` with at
    least the words ``attrs`` (``L'association de protection animale L214`` … ``relève
    l'association``; ``le Premier ministre X``)."""
    names = {r.name for r in roles if r.start < pos and r.head == head and attrs <= r.attrs}
    return names.pop() if len(names) == 1 else None


def trailing_role(ent: Span, name: str, ent_of: Mapping[int, Span]) -> Role | None:
    """``Anthony Fauci, directeur de l'Institut …`` / ``X, l'avocat du suspect``:
    the role in apposition after the name."""
    doc = ent.doc
    i = ent.end
    if doc.lang_ != "fr" or i + 1 >= ent.sent.end or doc[i].text != ",":
        return None
    i += 1
    if doc[i].pos_ == "DET" and doc[i].lower_ in DET_LIKE:
        i += 1
    head = doc[i] if i < ent.sent.end else None
    if head is None or head.pos_ != "NOUN" or ent_of.get(head.i) is not None:
        return None
    attrs: set[str] = set()
    for tok in doc[head.i + 1 : min(head.i + 8, ent.sent.end)]:
        if tok.is_punct or tok.pos_ in ("VERB", "AUX", "PRON", "SCONJ", "CCONJ"):
            break
        if tok.pos_ in ("ADJ", "NOUN", "PROPN"):
            attrs.add(lemma_norm(tok))
    return Role(lemma_norm(head), frozenset(attrs), name, ent.start_char)


def apposition_role(ent: Span, name: str, ent_of: Mapping[int, Span]) -> Role | None:
    """``le président russe Vladimir Poutine`` -> Role(président, {russe}) for that name."""
    if after_preposition(ent):
        return None  # ``l'avocat de Jonathann``: a complement, not an apposition
    doc = ent.doc
    toks: list[Token] = []
    i = ent.start - 1
    sent_start = ent.sent.start
    if i > sent_start and doc[i].text == "," and doc[i - 1].pos_ in ("NOUN", "PROPN", "ADJ"):
        i -= 1  # ``le maire de Nantes, Jean Morel``
    while i >= sent_start and len(toks) < 7:
        tok = doc[i]
        tok_ent = ent_of.get(tok.i)
        if (
            (tok_ent is not None and tok_ent.label_ in PERSON_LABELS)
            or tok.is_punct
            or tok.pos_ in ("VERB", "AUX", "CCONJ", "SCONJ", "PRON")
        ):
            break
        toks.insert(0, tok)
        after_prep = i > sent_start and doc[i - 1].pos_ == "ADP"
        if (
            tok.lower_ in DET_LIKE
            and not after_prep
            and (tok.pos_ == "DET" or tok.lower_ in ("au", "aux", "du"))
        ):
            break
        i -= 1
    nouns = [
        t
        for t in toks
        if t.pos_ == "NOUN" or (not t.pos_ and t.is_lower and t.lower_ not in DET_LIKE)
    ]
    if not nouns:
        return None
    head = nouns[0]
    attrs = attr_words([t for t in toks if t.i > head.i]) | former_words(toks, head)
    return Role(lemma_norm(head), attrs, name, ent.start_char)


def parsed_role(ent: Span, name: str) -> Role | None:
    """``le maire (PS) de Fameck, Michel Liebgott``: a role noun shortly before the name
    that the parse makes govern it (``appos``, or ``conj`` across a comma), with only
    its complements between. Catches what :func:`apposition_role` stops at
    (parentheses, a comma after a complement)."""
    doc = ent.doc
    if doc.lang_ != "fr" or not doc.has_annotation("DEP") or after_preposition(ent):
        return None
    root = next((t for t in ent if t.head.i < ent.start and t.dep_ in _ROLE_DEPS), None)
    if root is None:
        return None
    head = root.head
    if root.dep_ == "conj" and doc[ent.start - 1].text != ",":
        return None  # ``le maire et Jean Morel``: two people
    between = doc[head.i + 1 : ent.start]
    if head.pos_ != "NOUN" or len(between) > MAX_PARSED_GAP or head.i < ent.sent.start:
        return None
    if any(t.pos_ in ("VERB", "AUX", "CCONJ", "SCONJ", "PRON") or t.text in MARKS for t in between):
        return None
    lemma = lemma_norm(head)
    if not is_agent_noun(lemma):
        return None
    return Role(lemma, attr_words([t for t in between if not t.is_punct]), name, ent.start_char)


def glued_persons(ents: list[Span], ent_of: Mapping[int, Span]) -> list[Span]:
    """``le ministre de l'Education Jean-Michel Blanquer`` read as one ORG entity
    ``Education Jean-Michel Blanquer``: the person spans inside such entities."""
    found: list[Span] = []
    for ent in ents:
        if ent.label_ in PERSON_LABELS or ent.doc.lang_ != "fr":
            continue
        for tok in ent:
            head = tok.head
            if tok.dep_ == "appos" and head.i < ent.start and head.pos_ == "NOUN":
                split = merged_name(head, ent_of)
                if split is not None and split.end == ent.end:
                    found.append(split)
                break
    return found


def gender_near(ent: Span) -> str | None:
    """Gender ``M.``/``Mme``, a listed first name, or a title or determiner before the
    name shows, in that order (``la secrétaire d'Etat auprès du ministre de l'Economie
    Agnès Pannier-Runacher`` is Fem: the title nearest the name is not hers)."""
    doc = ent.doc
    prev = doc[ent.start - 1] if ent.start > 0 else None
    if prev is not None and prev.lower_ in MASC_WORDS:
        return "Masc"
    if prev is not None and prev.lower_ in FEM_WORDS:
        return "Fem"
    if (named := given_name_gender(ent[0].text)) is not None:
        return named
    role = _governing_title(ent)
    if role is not None:
        return _title_gender(role)
    if prev is not None and _complement(prev):
        return _complement_title_gender(prev)
    if prev is not None and (
        prev.pos_ in ("NOUN", "ADJ", "DET")
        and prev.morph.get("Gender", [])
        and prev.dep_ != "case"
        and not _opens_incise(prev)
    ):
        return _title_gender(prev)
    return None


def _complement(tok: Token) -> bool:
    """A French noun in a ``de`` complement that is no person's role (``du hip-hop``, ``de
    la banque``; not ``l'éviction de la journaliste X``)."""
    return (
        tok.doc.lang_ == "fr"
        and tok.pos_ == "NOUN"
        and tok.dep_ == "nmod"
        and any(c.dep_ == "case" and c.i < tok.i for c in tok.children)
        and not is_agent_noun(lemma_norm(tok))
    )


def _complement_title_gender(prev: Token) -> str | None:
    """``La star américaine du hip-hop Beyonce``, ``le patron de la banque X``: the name
    takes the gender of the role noun the complement hangs from, not the complement's;
    None when that noun is no person's role."""
    head = prev.head
    if head.pos_ != "NOUN" or head.i >= prev.i or not is_agent_noun(lemma_norm(head)):
        return None
    return _title_gender(head)


def _governing_title(ent: Span) -> Token | None:
    """``le ministre de la Santé Olivier Véran``: the role noun the name is in apposition
    to, when a complement stands between them (the complement's gender is not the
    name's)."""
    first = ent[0]
    head = first.head
    if first.dep_ != "appos" or head.pos_ != "NOUN" or not 1 < ent.start - head.i <= 6:
        return None
    if not head.morph.get("Gender", []) or ent.doc.lang_ != "fr":
        return None
    if any(t.is_punct for t in ent.doc[head.i + 1 : ent.start]):
        return None
    return head if is_agent_noun(lemma_norm(head)) else None


def _title_gender(prev: Token) -> str | None:
    """Gender of the title before a name, read on its determiner when it has one
    (``la vice-procureur Caroline Parizel`` -> Fem); None when neither shows one."""
    doc = prev.doc
    i = prev.i
    while i > max(prev.i - 4, 0) and doc[i].pos_ in ("NOUN", "ADJ"):
        i -= 1
    det = doc[i].morph.get("Gender", []) if doc[i].pos_ == "DET" else []
    genders = det or prev.morph.get("Gender", [])
    return str(genders[0]) if genders else None


def _opens_incise(tok: Token) -> bool:
    """A noun right after a comma or quote mark (``« … », avance X``): a verb the tagger
    misread, not a title whose gender the name takes."""
    if tok.pos_ == "DET" or tok.i == 0 or tok.doc.lang_ != "fr":
        return False
    before = tok.doc[tok.i - 1]
    return before.is_punct or before.text in MARKS


def ent_end(doc: Doc, i: int) -> int:
    """First token after the entity starting at ``i``."""
    i += 1
    while i < len(doc) and doc[i].ent_iob_ == "I":
        i += 1
    return i


def appositive_name(token: Token, ent_of: Mapping[int, Span]) -> Span | None:
    """``le préfet du Var, Hugues Verdier, a dit`` / ``le pêcheur, Nicolas Loquin``: the name."""
    np = noun_phrase(token)
    doc = token.doc
    i = _comma_after(token, np.end)
    if i + 2 < token.sent.end and doc[i].pos_ == "ADP" and doc[i + 1].ent_iob_ == "B":
        i = ent_end(doc, i + 1) if doc[i + 1].ent_type_ == "LOC" else i  # ``… à Dijon, X``
    if i + 2 < token.sent.end and doc[i].text == "(" and doc[i + 2].text == ")":
        i += 3  # ``L'ancienne porte-parole de La France Insoumise (LFI), Raquel Garrido``
    if i >= token.sent.end or doc[i].text != ",":
        return None
    i += 1
    while i < token.sent.end and doc[i].lower_ in MASC_WORDS | FEM_WORDS | {"me", "dr"}:
        i += 1
    ent = ent_of.get(i)
    if ent is None or ent.start != i or ent.label_ not in ("PER", "PERSON"):
        return None
    after = doc[ent.end] if ent.end < len(doc) else None
    if after is None or after.is_punct or after.pos_ in ("AUX", "VERB"):
        return ent
    return None


def _comma_after(token: Token, end: int) -> int:
    """English: past the subject's own prepositional tail (``Keeper of the Ruler's Seal,
    X, said``), the comma that opens an apposition; else ``end``."""
    doc = token.doc
    if doc.lang_ != "en" or token.head.i <= end:
        return end
    tail = {t.i for t in token.subtree}
    for i in range(end, min(token.head.i, end + 8)):
        if doc[i].text == ",":
            return i
        if i not in tail:
            break
    return end
