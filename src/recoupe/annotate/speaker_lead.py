"""French speakers named apart from the role or subject a cue points at.

* :func:`resolve_lead_roles` — a role in the lead (``l'ancien Premier ministre a
  appelé à ne pas « cacher »``) that nothing before it names is the person the
  body names with the same role, else the first person the body quotes (the
  lead sums up the story its first speaker opens);
* :func:`person_sibling` — a verb with two parsed subjects, a role or pronoun and
  a name (``La maire de Paris Anne Hidalgo promet``, ``Ce à quoi Cohn-Bendit a
  répliqué``): the name is the speaker.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ..text import doc_text
from .speaker_phrases import (
    DEFINITE,
    ORG_NORMS,
    STATE_NORMS,
    compatible,
    institution,
    is_agent_noun,
    lemma_norm,
    name_like,
    norm,
    noun_phrase,
    np_gender,
    short_phrase,
)
from .speaker_roles import attr_words, tied_name

if TYPE_CHECKING:
    from .quote_rules import Item
    from .speakers import SpeakerResolver

log = logging.getLogger(__name__)

MAX_SIBLING_GAP = 6
"""Most tokens between a role subject and the name parsed as a second subject."""
_ROLE_WORDS = 6
MIN_ECHO_CHARS = 12
"""Shortest lead quote looked for in the body's quotes."""


def person_sibling(token: Token, ent_of: Mapping[int, Span]) -> Token | None:
    """The name parsed as a second subject of ``token``'s verb, right after ``token``.

    ``La maire de Paris Anne Hidalgo promet`` -> ``Anne``; ``Ce à quoi
    Cohn-Bendit a répliqué`` -> ``Bendit``; an inverted subject parsed as two objects
    (``a commenté son épouse Dominique Tapie``) -> ``Dominique``. None when ``token`` is
    itself a name.
    """
    dep = "nsubj" if token.dep_.startswith("nsubj") else token.dep_
    if token.doc.lang_ != "fr" or dep not in ("nsubj", "obj") or token.i in ent_of:
        return None
    for child in token.head.children:
        if child.i <= token.i or not child.dep_.startswith(dep):
            continue
        ent = ent_of.get(child.i)
        if ent is None or ent.label_ != "PER" or not name_like(ent.text):
            continue
        between = token.doc[token.i + 1 : ent.start]
        if len(between) <= MAX_SIBLING_GAP and not any(
            t.pos_ in ("VERB", "AUX") or t.text in (",", ".", ";", ":") for t in between
        ):
            return child
    return None


def resolve_lead_roles(doc: Doc, items: list[Item], resolver: SpeakerResolver) -> None:
    """Give a role left unnamed in the lead the person the body names for it."""
    if doc.lang_ != "fr":
        return
    lead_end = doc_text(doc).find("\n")
    if lead_end < 0:
        return
    body = [
        it
        for it in items
        if it.span.start_char > lead_end
        and it.speaker is not None
        and it.speaker.name in resolver.known
    ]
    for item in items:
        if item.span.start_char > lead_end:
            break
        key = _unnamed_role(item, resolver, lead_end)
        if key is None or item.speaker is None or item.subject is None:
            continue
        gender = np_gender(noun_phrase(item.subject))
        name = (
            _echoed(item, body)
            or _same_role(key, body)
            or tied_name(resolver.roles, key[0], attrs=key[1])
            or _first_speaker(body, resolver, gender, key[0])
        )
        if name is not None:
            log.debug("lead role %r -> %s", item.speaker.name, name)
            item.speaker = type(item.speaker)(
                name, item.speaker.span, resolver.gender_of.get(name), False
            )


def _role_key(token: Token) -> tuple[str, frozenset[str]] | None:
    """(head noun, words after it) of a definite singular person role, else None."""
    if token.pos_ != "NOUN" or "Plur" in token.morph.get("Number", []):
        return None
    np = noun_phrase(token)
    head = lemma_norm(token).removeprefix("ex-")
    if np[0].lower_ not in DEFINITE or institution(token) is not None:
        return None
    if not is_agent_noun(head):
        return None
    np = short_phrase(np, token, _ROLE_WORDS)
    return head, attr_words([t for t in np if t.i != token.i])


def _unnamed_role(
    item: Item, resolver: SpeakerResolver, lead_end: int
) -> tuple[str, frozenset[str]] | None:
    speaker, subject = item.speaker, item.subject
    if speaker is None or subject is None or speaker.span is None:
        return None
    if speaker.named or speaker.name in resolver.known or speaker.span[0] > lead_end:
        return None
    return _role_key(subject)


def _echoed(item: Item, body: list[Item]) -> str | None:
    """The speaker of a body quote repeating the lead quote's words (``« situation
    absurde »`` in the lead, ``« Oui, situation absurde … », a tweeté X`` below)."""
    words = norm(item.span.text).strip()
    if len(words) < MIN_ECHO_CHARS:
        return None
    for other in body:
        if other.speaker is not None and words in norm(other.span.text):
            return other.speaker.name
    return None


def _same_role(key: tuple[str, frozenset[str]], body: list[Item]) -> str | None:
    """The name a body quote with the same role phrase resolved to (``le chef de l'Etat``)."""
    for item in body:
        if item.subject is not None and item.speaker is not None and _role_key(item.subject) == key:
            return item.speaker.name
    return None


def _first_speaker(
    body: list[Item], resolver: SpeakerResolver, gender: str | None, head: str
) -> str | None:
    """The first person of compatible gender the body quotes (the lead sums up the story
    its first speaker opens), unless the article ties that person to another role (``le
    Premier ministre X`` is not ``le président``)."""
    for item in body:
        name = str(item.speaker.name) if item.speaker is not None else ""
        heads = {r.head for r in resolver.roles if r.name == name and _title(r.head)}
        if heads and head not in heads:
            continue
        if name and compatible(gender, resolver.gender_of.get(name)):
            return name
    return None


def _title(head: str) -> bool:
    """A role noun that is a person's title, not an organisation (``l'école``)."""
    return is_agent_noun(head) and head not in STATE_NORMS and head not in ORG_NORMS
