"""Inverted subjects of French incise verbs (``…, a indiqué mardi à l'AFP la préfecture``)
and the plain scan for a subject near a verb, for :mod:`.quote_rules`."""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from spacy.tokens import Doc, Token

from .quote_sources import EN_DETS, is_time
from .speaker_phrases import (
    DEMONSTRATIVE,
    LATTER,
    adjectival,
    before_clitic,
    nominalised,
    partitive,
    same_name,
)
from .speakers import RELATIVES, pronoun_gender
from .speech import wordset

OPENERS = frozenset('«“„"‹')
ALL_MARKS = frozenset('«»“”„"‹›')
SCAN_STOP = frozenset(".;:!?")
QUE = frozenset({"que", "qu'", "qu’", "that"})
_DETS: frozenset[str] = wordset(
    "le la l' l’ les un une des son sa ses leur leurs ce cet cette ces notre votre"
)
_TITLES: frozenset[str] = wordset("m. mme mlle me maître dr docteur pr")


def _np_head(doc: Doc, start: int, end: int) -> Token | None:
    """First noun or name of the noun phrase starting at ``start`` (a determiner); else its
    last adjective used as a noun (``estime la scientifique``)."""
    adj = None
    for tok in doc[start:end]:
        if tok.pos_ in ("NOUN", "PROPN") or (tok.lower_ in ("un", "une") and tok.pos_ == "PRON"):
            return tok  # ``a raconté l'un des plaignants``: ``un``
        if tok.pos_ not in ("DET", "ADJ", "NUM", "ADV") and tok.lower_ not in _DETS:
            break
        adj = tok if nominalised(tok) else adj
    return adj


def inverted_subject(verb: Token, excluded: AbstractSet[int]) -> Token | None:
    """The subject after an incise verb, skipping adverbials and prepositional phrases.

    ``a indiqué mardi matin la préfecture`` -> ``préfecture``; ``a affirmé à l'AFP
    Me Durand`` -> ``Me``; ``a-t-il ajouté`` -> ``il``. None when a clause,
    ``que`` or a quote mark comes first.
    """
    doc = verb.doc
    end = min(verb.sent.end, verb.i + 16)
    in_pp = pp_head = False
    i = verb.i + 1
    while i < end:
        tok = doc[i]
        low = tok.lower_
        if i in excluded or tok.text in ALL_MARKS or tok.text in SCAN_STOP:
            return None
        if pronoun_gender(tok)[0] and (low.startswith("-") or doc[i - 1].text in ("-", "-t")):
            return tok
        if low in _TITLES and i + 1 < end and doc[i + 1].pos_ == "PROPN":
            return doc[i + 1]
        if low in ("-t", "-") or (low == "t" and before_clitic(doc, i)):
            i += 1
            continue
        if tok.pos_ == "CCONJ" and in_pp and pp_head and doc[i + 1].ent_iob_ == "B":
            pp_head = False  # ``a déclaré sur Radio Classique et Public Sénat X``
            i += 1
            continue
        if not in_pp and (member := _pronoun_phrase_at(doc, i, end)) is not None:
            return member  # ``a déclaré l'un d'eux``
        if low in QUE or low in RELATIVES or tok.pos_ in ("SCONJ", "CCONJ", "PRON"):
            return None
        if not in_pp and _name_particle(tok):
            return tok  # ``explique De Carolis``: a capitalised particle opens the name
        if in_pp and not pp_head and tok.pos_ == "VERB" and _pp_object(tok):
            pp_head = True  # ``à Numerama``, ``sur twitter``: a noun tagged VERB
        elif tok.pos_ in ("VERB", "AUX") and not adjectival(tok):
            return None
        elif tok.text == ",":
            in_pp = pp_head = False
        elif tok.pos_ == "ADP":
            in_pp, pp_head = True, False
        elif tok.pos_ == "ADV" and doc[i - 1].pos_ == "ADP":
            in_pp = False  # ``a par ailleurs ironisé la présidente``
        elif tok.pos_ == "DET" or low in _DETS:
            if not in_pp or pp_head:
                head = _np_head(doc, i, end)
                if head is None:
                    return None
                if not is_time(head):
                    return head
                i = head.i
                in_pp = pp_head = False
        elif (
            tok.pos_ in ("NOUN", "PROPN") or (tok.ent_type_ and tok.ent_iob_ == "B")
        ) and not is_time(tok):
            if not in_pp or (pp_head and not same_name(doc, i)):
                return tok
            pp_head = True
        i += 1
    return None


def _pronoun_phrase_at(doc: Doc, i: int, end: int) -> Token | None:
    """The subject token of ``cette dernière`` (``dernière``) or of ``l'un d'eux`` /
    ``l'une des victimes`` (``un``) starting at ``i``."""
    if doc[i].lower_ in DEMONSTRATIVE and i + 1 < end and doc[i + 1].lower_ in LATTER:
        return doc[i + 1]
    if doc[i].lower_ in ("l'", "l’") and i + 1 < end:
        i += 1
    return doc[i] if partitive(doc[i]) is not None else None


def _name_particle(tok: Token) -> bool:
    """A capitalised particle that opens a name entity (``De Carolis``), not a preposition."""
    return (
        tok.pos_ in ("ADP", "DET")
        and tok.text[:1].isupper()
        and tok.ent_iob_ == "B"
        and tok.ent_type_ in ("PER", "MISC")
        and tok.i + 1 < len(tok.doc)
        and tok.doc[tok.i + 1].ent_iob_ == "I"
    )


def _pp_object(tok: Token) -> bool:
    """A word tagged VERB that heads a prepositional phrase: a name, or ``sur twitter``."""
    before = tok.doc[tok.i - 1].lower_
    return tok.text[:1].isupper() or (before in ("sur", "via") and tok.is_alpha)


def scan(doc: Doc, indices: range, excluded: AbstractSet[int]) -> Token | None:
    for i in indices:
        tok = doc[i]
        if i in excluded or tok.text in ALL_MARKS or tok.text in SCAN_STOP:
            return None
        if tok.lower_ in ("-t", "lui", "eux", ",", "ne", "n'", "se", "s'", "-"):
            continue
        if pronoun_gender(tok)[0] or tok.ent_type_ or tok.pos_ in ("PROPN", "NOUN"):
            return tok
        if tok.pos_ in ("VERB", "SCONJ", "CCONJ", "ADP") and tok.lower_ != "de":
            return None
        if not tok.pos_ and tok.is_title and tok.lower_ not in ("the", "a", "an"):
            return tok
        if (
            not tok.pos_
            and tok.is_alpha
            and not tok.is_stop
            and i > 0
            and doc[i - 1].lower_ in EN_DETS
        ):
            return tok
        if not tok.pos_ and tok.lower_ in ("the", "a", "an") and i + 1 < len(doc):
            return _np_head_plain(doc, i + 1)
    return None


def _np_head_plain(doc: Doc, i: int) -> Token | None:
    """Last word of a lowercase noun phrase when no tagger ran (``the minister``)."""
    end = i
    while end + 1 < len(doc) and doc[end + 1].is_alpha and not doc[end + 1].is_stop:
        end += 1
    return doc[end] if doc[end].is_alpha else None
