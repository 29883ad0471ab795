"""Speakers carried between quotes, for :mod:`recoupe.annotate.quotes`.

Once each quote has the speaker of its own cue, quotes with none borrow one:

* :func:`inside_reported` — a quoted fragment inside a reported clause takes the
  clause's source;
* :func:`echo_headlines` — a quote in a headline takes the speaker of the next
  lines' quote repeating its words;
* :func:`continue_paragraphs` — a quote standing alone (its own paragraph, or a
  quoted sentence right after an attributed one) continues the previous speaker;
* :func:`previous_statement`, :func:`colon_subject` — a quote after a sentence or a
  colon takes that clause's subject;
* :func:`name_before` — the name right before a verb the parser hung elsewhere;
* :func:`closes_sentence` — a quote that ends its sentence (cues after it are another
  sentence's).

One-speaker passages (a quote continuing a speaker across the journalist's sentences)
are in :mod:`recoupe.annotate.quote_passages`.
"""

from __future__ import annotations

import logging
from collections.abc import Set as AbstractSet

from spacy.tokens import Doc, Span, Token

from ..text import doc_text
from .quote_rules import (
    ALL_MARKS,
    OPENERS,
    Item,
    climb_cue,
    group_start,
    subject_of,
)
from .speaker_phrases import finite
from .speakers import Speaker, norm
from .speech import cue_lemma, is_media

log = logging.getLogger(__name__)

MAX_INCISE_WORDS = 14
"""Most words in the incise between an attributed quote and the quoted sentence it continues."""
MIN_COLON_WORDS = 5
"""Fewest words of a verbless quoted phrase after a colon that takes the clause's subject."""
_ENDS = ".!?"
_OPEN = "".join(OPENERS) + " \xa0\u202f"
_CLOSE = "".join(ALL_MARKS - OPENERS) + '" \xa0\u202f'


def line_of(doc: Doc, char: int) -> tuple[int, int]:
    """Char bounds of the line (paragraph) holding ``char``."""
    text = doc_text(doc)
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    return start, len(text) if end < 0 else end


def _words(span: Span) -> set[str]:
    return {norm(t.text)[:4] for t in span if t.is_alpha and len(t.text) >= 4}


def inside_reported(items: list[Item]) -> None:
    """A quoted fragment with no speaker of its own inside a reported clause takes the
    clause's source (``le chef assure se nourrir « comme le reste de son équipe »``)."""
    clauses = [it for it in items if not it.direct and it.speaker is not None]
    clauses = [it for it in clauses if not _outlet(it)]
    for item in items:
        if not item.direct or item.speaker is not None:
            continue
        span = item.span
        for clause in clauses:
            if clause.span.start <= span.start and span.end <= clause.span.end:
                item.speaker, item.cue = clause.speaker, clause.cue
                break


def _outlet(item: Item) -> bool:
    """French: a clause a news outlet reports (``…, selon Le Figaro``) lends no speaker."""
    name = item.speaker.name if item.speaker is not None else None
    return item.span.doc.lang_ == "fr" and name is not None and is_media(name)


def echo_headlines(doc: Doc, items: list[Item]) -> None:
    """An unattributed quote in a headline takes the speaker of the next lines repeating it."""
    for item in items:
        if not item.direct or item.speaker is not None:
            continue
        text = doc_text(doc)
        start, end = line_of(doc, item.span.start_char)
        line = text[start:end].rstrip()
        if not line or line[-1] in ".!?…:" or item.span.text.rstrip()[-1:] in (".", "!", "?"):
            continue
        limit = text.find("\n", text.find("\n", end + 1) + 1) if end < len(text) else end
        limit = len(text) if limit < 0 else limit
        words = _words(item.span)
        for other in items:
            if other.speaker is None or not end < other.span.start_char <= limit:
                continue
            if words & _words(other.span):
                item.speaker = Speaker(
                    other.speaker.name, other.speaker.span, other.speaker.gender, False
                )
                item.cue = item.cue or other.cue
                break


def continue_paragraphs(doc: Doc, items: list[Item]) -> None:
    """An unattributed quote that stands alone continues the previous quote's speaker: a
    paragraph that is nothing but the quote, or a quoted sentence right after an
    attributed quote of the same paragraph (``« … », a-t-il ajouté. « … »``)."""
    previous: Item | None = None
    said: Item | None = None  # the last quote with a speaker
    english = doc.lang_ == "en"
    for item in items:
        if not item.direct:
            if english and item.speaker is not None:
                previous = item
            continue
        if previous is not None and (
            _alone_in_line(doc, item, previous) or _next_sentence(doc, item, previous)
        ):
            _continue(item, previous.speaker, previous.cue)
        # ``Et d'ajouter qu'il « … »``: the last speaker, even across an unattributed quote
        if (
            said is not None
            and _narrative_infinitive(doc, item)
            and "\n" not in _gap(doc, said, item)
        ):
            _continue(item, said.speaker, said.cue)
        previous = item
        said = item if item.speaker is not None else said


def _continue(item: Item, speaker: Speaker | None, cue: str | None) -> None:
    """Give an unattributed quote the speaker (and cue) of an earlier one."""
    if item.speaker is None and speaker is not None:
        item.speaker = Speaker(speaker.name, None, speaker.gender, False)
        item.cue = cue


def _gap(doc: Doc, previous: Item, item: Item) -> str:
    return doc_text(doc)[previous.span.end_char : item.span.start_char]


def _alone_in_line(doc: Doc, item: Item, previous: Item) -> bool:
    text = doc_text(doc)
    start, end = line_of(doc, item.span.start_char)
    outside = text[start : item.span.start_char] + text[item.span.end_char : end]
    if any(c.isalnum() for c in outside):
        return False
    gap = text[previous.span.end_char : start]
    return sum(1 for line in gap.split("\n") if any(c.isalnum() for c in line)) <= 1


def _next_sentence(doc: Doc, item: Item, previous: Item) -> bool:
    """``item`` is a whole quoted sentence and only the previous quote's incise separates
    them (``« … », explique X, le responsable des ventes de Y. « … »``; ``"…," said
    Chairman Jerome Powell at a news conference. "…"``)."""
    if doc.lang_ == "fr":
        if not whole_sentence(doc, item.span):
            return False
    elif not (_fills_parsed_sentence(doc, item) or whole_sentence(doc, item.span)):
        return False
    gap = doc[previous.span.end : item.span.start]
    if "\n" in gap.text:
        return False
    words = sum(1 for t in gap if t.is_alpha)
    if words <= 6:
        return True
    other_verbs = any(t.pos_ == "VERB" and not cue_lemma(t) for t in gap)
    return words <= MAX_INCISE_WORDS and not other_verbs


def _fills_parsed_sentence(doc: Doc, item: Item) -> bool:
    """English: no word of the quote's parsed sentence lies outside the quote."""
    sent = item.span[0].sent
    outside = [t for t in doc[sent.start : sent.end] if not item.span.start <= t.i < item.span.end]
    return not any(t.is_alpha for t in outside)


def closes_sentence(doc: Doc, span: Span, close_char: int) -> bool:
    """The quote ends its sentence: its text ends with ``.``, ``!`` or ``?`` and a new
    sentence starts right after the closing mark (``« … à Erwan Ferrieux. »Un os …``), so
    cues after it belong to another sentence, however the parser glued them."""
    if span.text.rstrip()[-1:] not in (*_ENDS, "…"):
        return False
    after = doc_text(doc)[close_char + 1 :].lstrip(" \xa0\u202f")
    return not after or after[0] == "\n" or after[0].isupper() or after[0] in _OPEN


def whole_sentence(doc: Doc, span: Span) -> bool:
    """Nothing but the quote (and its marks) between the sentence ends around ``span``.

    Sentence ends are read on the characters (``.``, ``!``, ``?``), so a sentence glued
    to the next one (``».Un chef``) still ends at the mark."""
    start, end = line_of(doc, span.start_char)
    before = doc_text(doc)[start : span.start_char]
    cut = max(before.rfind(c) for c in _ENDS)
    if any(c.isalnum() for c in before[cut + 1 :]):
        return False
    after = doc_text(doc)[span.end_char : end]
    if span.text.rstrip()[-1:] in _ENDS and after.lstrip(_CLOSE)[:1].isupper():
        return True  # ``… Erwan Ferrieux."Un os …``
    stops = [i for i in (after.find(c) for c in _ENDS) if i >= 0]
    return not any(c.isalnum() for c in after[: min(stops, default=len(after))])


def _narrative_infinitive(doc: Doc, item: Item) -> bool:
    """``et d'ajouter : « … »``: the quote's cue is a subjectless infinitive of narration."""
    sent = item.span[0].sent
    ends = [t.i for t in doc[sent.start : item.span.start] if t.text in _ENDS]
    before = doc[max([sent.start, *ends]) : item.span.start]
    if any(t.dep_.startswith("nsubj") and not _relative(t) for t in before):
        return False
    return any(
        cue_lemma(t)
        and "Inf" in t.morph.get("VerbForm", [])
        and t.i > 0
        and doc[t.i - 1].lower_ in ("de", "d'", "d’")
        for t in before
    )


def _relative(subject: Token) -> bool:
    """A subject inside a relative clause (``une anecdote qui a fait souffrir sa mère``)."""
    return subject.head.dep_.startswith("acl") or subject.lower_ in ("qui", "que", "qu'")


def previous_statement(doc: Doc, span: Span, inside: AbstractSet[int]) -> Token | None:
    """A quoted sentence right after a sentence whose speech verb has a subject and no quote
    of its own (``Marlène Schiappa s'est indignée. « Je trouve … »``): that subject; else
    the person subject of that sentence's main verb (:func:`_main_person`)."""
    if doc.lang_ != "fr" or not whole_sentence(doc, span):
        return None
    start, _ = line_of(doc, span.start_char)
    before = doc_text(doc)[start : span.start_char].rstrip(_OPEN)
    if not before or before[-1] not in ".:":
        return None
    head = before[:-1]
    sent_start = start + max(head.rfind(c) for c in _ENDS) + 1
    prev = doc.char_span(sent_start, start + len(head), alignment_mode="expand")
    if prev is None or any(t.i in inside or t.text in ALL_MARKS for t in prev):
        return None
    for tok in reversed(prev):
        if cue_lemma(tok) and not tok.dep_.startswith(("amod", "acl")):
            verb, _ = climb_cue(tok)
            subject = subject_of(verb, set(range(span.start, span.end)))
            if subject is not None and prev.start <= subject.i < prev.end:
                return subject
    return _main_person(prev)


def _main_person(sentence: Span) -> Token | None:
    """The person (a name or ``il``/``elle``) subject of the sentence's main verb, active
    voice (``Il a cité en exemple la procédure, dans un billet. « Après sept jours … »``)."""
    for tok in sentence:
        verb = tok.head
        if tok.dep_ != "nsubj" or not sentence.start <= verb.i < sentence.end:
            continue
        if verb.dep_.startswith(_SUBORDINATE) or any(c.dep_ == "mark" for c in verb.children):
            continue
        return tok if _person_like(tok) and tok.lower_ not in ("ils", "elles") else None
    return None


_SUBORDINATE = ("acl", "ccomp", "advcl", "xcomp", "csubj")


def colon_subject(doc: Doc, span: Span, inside: AbstractSet[int]) -> Token | None:
    """A quoted clause right after a colon that closes a clause with a person subject and
    no speech verb (``Yann Moix a fait une déclaration plutôt osée : « … »``, ``Elle a
    toutefois une appréhension : « … »``): that subject."""
    if doc.lang_ != "fr" or not statement(span, MIN_COLON_WORDS):
        return None
    start, _ = line_of(doc, span.start_char)
    before = doc_text(doc)[start : span.start_char].rstrip(_OPEN)
    if not before.endswith(":"):
        return None
    head = before[:-1]
    cut = max(head.rfind(c) for c in _ENDS)
    prev = doc.char_span(start + cut + 1, start + len(head), alignment_mode="expand")
    if prev is None:
        return None
    subjects = [t for t in prev if t.dep_ == "nsubj" and t.i not in inside and not _relative(t)]
    return next((t for t in subjects if _person_like(t)), None)


def statement(span: Span, min_words: int) -> bool:
    """A quoted clause, or a phrase of at least ``min_words`` words, long enough to be said
    (not ``: « le Boss »``)."""
    return any(finite(t) for t in span) or sum(1 for t in span if t.is_alpha) >= min_words


def _person_like(tok: Token) -> bool:
    """A named person or a personal pronoun (not ``Le sort``, ``un courrier``)."""
    if tok.ent_type_ == "PER" or tok.lower_ in _PERSONAL:
        return True
    return tok.pos_ == "PROPN" and tok.ent_type_ not in ("LOC", "ORG", "MISC")


_PERSONAL = frozenset({"il", "elle", "ils", "elles"})


def name_before(verb: Token, start: int) -> Token | None:
    """``Sur Twitter, Benjamin Griveaux a remercié X de « … »``: the name right before the
    verb group, after a comma or at ``start`` (the sentence start), when the parser hung it
    elsewhere."""
    doc = verb.doc
    i = group_start(verb) - 1
    if i < start or doc[i].ent_type_ not in ("PER", "PERSON") or verb.pos_ not in ("VERB", "AUX"):
        return None
    while i > start and doc[i].ent_iob_ == "I":
        i -= 1
    return doc[i] if i == start or doc[i - 1].text == "," else None
