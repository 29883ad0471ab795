"""French pronoun antecedents the person-centred resolver misses.

:class:`recoupe.annotate.speakers.SpeakerResolver` sends a pronoun to the last
person who spoke or was a subject. Two French cases go wrong that way:

* a plural pronoun (``dénoncent-ils``, ``selon eux``) stands for a plural subject
  (``les signataires``, ``les syndicats``), never for one person: it takes the last
  plural subject before it, or nothing;
* a singular pronoun right after an organisation subject (``Le parquet de Lyon a
  ouvert une enquête, « … », a-t-il indiqué``; ``La police nationale a salué …
  « … », a-t-elle ajouté``) stands for that organisation.

Both look back over the pronoun's sentence and the ones just before it, outside
quotes, and only at clause subjects (a noun before its verb, or a noun after a
plural speech verb in an incise: ``estiment les signataires``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from spacy.tokens import Token

from .speaker_phrases import (
    SPEAKING_PLACES,
    compatible,
    institution,
    is_agent_noun,
    lemma_norm,
    norm,
    noun_phrase,
    np_gender,
)
from .speech import cue_lemma, is_media

log = logging.getLogger(__name__)

PLURAL_PRONOUNS: frozenset[str] = frozenset({"ils", "elles", "eux"})
BACK_SENTENCES = 2
"""How many sentences before the pronoun's own the subjects are looked for in."""


def plural_pronoun(token: Token) -> bool:
    """``ils``, ``-elles``, ``eux`` (French)."""
    return token.doc.lang_ == "fr" and token.lower_.lstrip("-") in PLURAL_PRONOUNS


def _window(token: Token) -> list[Token]:
    """Tokens of the pronoun's sentence before it and of the sentences just before, latest first."""
    doc = token.doc
    start = token.sent.start
    for _ in range(BACK_SENTENCES):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return list(reversed(doc[start : token.i]))


def _plural(tok: Token) -> bool:
    return "Plur" in tok.morph.get("Number", [])


def _inverted_subject(tok: Token) -> bool:
    """``estiment les signataires``: the noun after a speech verb in an incise, parsed as
    its object, is its subject when the verb agrees with it in number."""
    verb = tok.head
    return (
        tok.dep_ == "obj"
        and verb.i < tok.i
        and verb.pos_ == "VERB"
        and cue_lemma(verb) is not None
        and _plural(verb) == _plural(tok)
        and not any(c.dep_.startswith("nsubj") for c in verb.children)
    )


def _subject(tok: Token) -> bool:
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    return tok.dep_.startswith("nsubj") or _inverted_subject(tok)


def plural_subject(token: Token, gender: str | None, quoted: Callable[[int], bool]) -> Token | None:
    """The last plural noun subject before the plural pronoun ``token``, else None.

    ``quoted(char)`` tells whether a character offset lies inside quotation marks."""
    for tok in _window(token):
        if quoted(tok.idx) or not _subject(tok):
            continue
        if _plural(tok) and not any(c.dep_ == "conj" for c in tok.children):
            return tok
    return None


def organisation_subject(
    token: Token, gender: str | None, quoted: Callable[[int], bool]
) -> Token | None:
    """The organisation a singular pronoun stands for: the nearest earlier clause subject
    of its gender, when that subject names an organisation (an ORG entity, ``le parquet``,
    ``la police``; not a news outlet). A person subject met first (``le policier``, a
    name) stops the search: the usual rules handle it."""
    for tok in _window(token):
        if quoted(tok.idx) or not _subject(tok) or _plural(tok) or _subordinate(tok.head):
            continue
        if _pronoun_sourced(tok):
            continue
        if not compatible(gender, np_gender(noun_phrase(tok))):
            continue
        if _organisation(tok):
            log.debug("pronoun %r -> organisation subject %r", token.text, tok.text)
            return tok
        if tok.ent_type_ == "PER" or is_agent_noun(lemma_norm(tok)):
            return None
    return None


def _pronoun_sourced(tok: Token) -> bool:
    """The subject's sentence reports someone's words through a pronoun source (``La
    société … est « en quasi faillite », selon elle.``): it is what is talked about, not
    who talks."""
    sent = tok.sent
    return any(
        t.lower_ in _SOURCE_WORDS
        and t.i + 1 < sent.end
        and t.doc[t.i + 1].lower_ in _SOURCE_PRONOUNS
        for t in sent
    )


_SOURCE_WORDS = frozenset({"selon", "après"})
_SOURCE_PRONOUNS = frozenset({"lui", "elle", "eux", "elles"})


def _subordinate(verb: Token) -> bool:
    """The verb heads a subordinate clause (``pour que le gouvernement supprime``, a
    relative or complement clause); ``advcl`` without a conjunction is left in, the parser
    uses it to join sentences it failed to split."""
    return verb.dep_.startswith(("acl", "ccomp", "csubj", "xcomp")) or any(
        c.dep_ == "mark" for c in verb.children
    )


def _organisation(tok: Token) -> bool:
    if tok.ent_type_ == "ORG":
        return not is_media(tok.text) and not is_media(noun_phrase(tok).text)
    return tok.pos_ == "NOUN" and institution(tok) is not None


def impersonal(token: Token) -> bool:
    """French impersonal ``il`` (``Il leur est conseillé de …``, ``il a été décidé que …``):
    the subject of a passive verb whose complement is a ``de`` infinitive or a ``que``
    clause; it stands for nobody. (The parser's ``expl`` is no guide: it also tags the
    clitic of ``a-t-il ajouté``.)"""
    if token.doc.lang_ != "fr" or token.lower_.lstrip("-") != "il":
        return False
    verb = token.head
    if token.dep_ != "nsubj:pass" or not any(c.dep_ == "aux:pass" for c in verb.children):
        return False
    if any(t.lower_ in ("se", "s'", "s’") for t in token.doc[token.i + 1 : verb.i]):
        return False  # ``Il s'est proposé de …``: reflexive, not passive
    return any(
        c.dep_ in ("xcomp", "ccomp", "csubj")
        and any(m.dep_ == "mark" and m.lower_ in _COMPLEMENTISERS for m in c.children)
        for c in verb.children
    )


_COMPLEMENTISERS = frozenset({"de", "d'", "d’", "que", "qu'", "qu’"})


def on_source(token: Token) -> Token | None:
    """French ``on`` whose verb names where the words came from: ``a-t-on appris auprès du
    ministère`` -> ``ministère``, ``explique-t-on du côté de la police`` -> ``police``,
    ``a-t-on précisé à l'Élysée`` -> ``Élysée``."""
    if token.doc.lang_ != "fr" or token.lower_.lstrip("-") != "on":
        return None
    doc, verb = token.doc, token.head
    end = min(verb.sent.end, verb.i + 12)
    for i in range(max(verb.i, token.i) + 1, end):
        tok = doc[i]
        if tok.is_punct or tok.pos_ in ("VERB", "SCONJ", "CCONJ"):
            return None
        after_de = i + 1 < end and doc[i + 1].lower_ in ("de", "du", "des", "d'")
        side = tok.lower_ == "côté" and doc[i - 1].lower_ == "du"
        if (tok.lower_ == "auprès" or side) and after_de:  # ``auprès du``, ``du côté de``
            return next((t for t in doc[i + 2 : end] if t.pos_ in ("NOUN", "PROPN")), None)
        if tok.lower_ in ("à", "au") and i + 2 < end:
            place = doc[i + 2] if doc[i + 1].lower_ in ("l'", "l’", "la", "le") else doc[i + 1]
            if norm(place.text) in SPEAKING_PLACES:
                return place
    return None
