"""Sources of ``selon X`` / ``d'après X`` reports, for :mod:`recoupe.annotate.quote_rules`.

* :func:`source_object` — X in ``selon X``;
* :func:`source_agent` — for ``selon un bilan communiqué par la préfecture`` the agent
  (``préfecture``);
* :func:`speaks` — False for data sources that do not speak (``selon un sondage``).
"""

from __future__ import annotations

import logging

from spacy.tokens import Token

from .speaker_phrases import DOC_NORMS, PERSON_NORMS, lemma_norm, norm
from .speech import NON_SPEAKING_SOURCES, wordset

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
    """A time word, a number or a date entity (``mardi``, ``la veille``)."""
    return tok.lower_ in _TIME_WORDS or tok.like_num or tok.ent_type_ == "DATE"


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
