"""Sources of ``selon X`` / ``d'après X`` reports, for :mod:`recoupe.annotate.quote_rules`.

* :func:`source_object` — X in ``selon X``;
* :func:`source_agent` — for ``selon un bilan communiqué par la préfecture`` the agent
  (``préfecture``);
* :func:`speaks` — False for data sources that do not speak (``selon un sondage``);
* :func:`pour_source` — ``Pour X, « … »``: X is the source of the quote;
* :func:`outlet`, :func:`beside` — X is a news outlet, and stands right beside the quote
  (``« … », selon France Bleu``: the outlet is the speaker).
"""

from __future__ import annotations

import logging

from spacy.tokens import Span, Token

from .speaker_phrases import (
    DOC_NORMS,
    MARKS,
    PERSON_NORMS,
    institution,
    lemma_norm,
    norm,
    noun_phrase,
)
from .speech import NON_SPEAKING_SOURCES, is_media, wordset

log = logging.getLogger(__name__)

EN_DETS = frozenset({"the", "a", "an", "his", "her", "its", "their"})
_TIME_WORDS: frozenset[str] = wordset(
    """
    lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril
    mai juin juillet août septembre octobre novembre décembre matin soir midi
    après-midi soirée matinée nuit hier aujourd'hui demain semaine mois année an
    jour journée week-end fois veille lendemain heure heures minute minutes
    dernier dernière prochain prochaine
    """
)
_NON_SPEAKING_NORMS: frozenset[str] = frozenset(norm(w) for w in NON_SPEAKING_SOURCES)


def is_time(tok: Token) -> bool:
    """A time word, a number or a date entity (``mardi``, ``la veille``); a lowercase word
    tagged as a name right after a number is a misspelt month (``mercredi 22 juiller``)."""
    if tok.lower_ in _TIME_WORDS or tok.like_num or tok.ent_type_ == "DATE":
        return True
    doc = tok.doc
    return tok.pos_ == "PROPN" and tok.is_lower and tok.i > 0 and doc[tok.i - 1].like_num


def source_object(tok: Token) -> Token | None:
    """X in ``selon X`` / ``d'après X`` / ``according to X`` / ``pour X,``."""
    doc = tok.doc
    start = tok.i + 1
    if tok.lower_ in ("d'", "d’", "according"):
        start += 1
    if tok.dep_ == "case" and tok.head.i >= start and tok.head.pos_ in ("PROPN", "NOUN", "PRON"):
        return tok.head
    for cand in doc[start : min(start + 5, tok.sent.end)]:
        if cand.is_punct:
            return None
        if cand.pos_ in ("PROPN", "NOUN", "PRON"):
            return cand
        if not cand.pos_ and cand.is_alpha and cand.lower_ not in EN_DETS:
            return cand
    return None


def source_agent(obj: Token) -> Token | None:
    """Who speaks through ``selon un bilan communiqué par la préfecture``: ``préfecture``.

    Only for report nouns (bilan, communiqué, rapport, source…): the noun
    phrase after ``par``, or after a ``de`` right behind the noun when it names
    a person or organisation. None when there is no such agent.
    """
    if lemma_norm(obj) not in DOC_NORMS:
        return None
    doc = obj.doc
    end = min(obj.sent.end, obj.i + 10)
    i = obj.i + 1
    while i < end and doc[i].pos_ in ("ADJ", "NOUN", "VERB", "ADV", "NUM") and doc[i].text != ",":
        if doc[i].lower_ == "par":
            break
        if doc[i].pos_ == "NOUN" and not is_time(doc[i]) and doc[i].dep_ != "nmod":
            break
        i += 1
    if i >= end or doc[i].lower_ not in ("par", "de", "d'", "d’", "du", "des"):
        return None
    by = doc[i].lower_ == "par"
    for tok in doc[i + 1 : end]:
        if tok.is_punct:
            return None
        if tok.pos_ in ("NOUN", "PROPN"):
            named = tok.ent_type_ in ("PER", "ORG") or lemma_norm(tok) in PERSON_NORMS
            return tok if by or named else None
    return None


def speaks(obj: Token) -> bool:
    """False for data sources that do not speak (``selon un sondage``, ``selon l'étude``)."""
    return lemma_norm(obj) not in _NON_SPEAKING_NORMS


def pour_source(tok: Token) -> bool:
    """``Pour X, …`` with X a person, a pronoun (``pour lui,``) or a definite organisation or
    person noun (``Pour le tribunal, « … »``)."""
    doc = tok.doc
    if tok.lower_ != "pour" or not (
        tok.is_sent_start or (tok.i > 0 and doc[tok.i - 1].text == ",")
    ):
        return False
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is None:
        return False
    if nxt.lower_ in ("lui", "elle", "eux", "elles"):
        end = nxt.i + 1
    elif nxt.lower_ in _DEFINITE and nxt.i + 1 < len(doc) and _speaking_noun(doc[nxt.i + 1]):
        end = noun_phrase(doc[nxt.i + 1]).end
    else:
        ents = [e for e in doc.ents if e.start == nxt.i and e.label_ in ("PER", "PERSON")]
        if not ents:
            return False
        end = ents[0].end
    return end < len(doc) and doc[end].text == ","


_DEFINITE = frozenset({"le", "la", "l'", "l’"})


def _speaking_noun(tok: Token) -> bool:
    """``tribunal``, ``parquet``, ``association``: a noun naming who may speak."""
    return tok.pos_ == "NOUN" and (lemma_norm(tok) in PERSON_NORMS or institution(tok) is not None)


def beside(span: Span, prep: Token, obj: Token) -> bool:
    """Only punctuation between the quote and the ``selon X`` phrase, on either side."""
    doc = span.doc
    between = doc[span.end : prep.i] if prep.i >= span.end else doc[obj.i + 1 : span.start]
    return all(t.is_punct or t.text in MARKS or t.ent_iob_ == "I" for t in between)


def outlet(tok: Token) -> bool:
    """``selon Le Dauphiné Libéré``: the source is a news outlet."""
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    return is_media(ent.text if ent is not None else tok.text) or is_media(noun_phrase(tok).text)
