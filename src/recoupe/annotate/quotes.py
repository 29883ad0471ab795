"""Quotes and who said them, over a parsed spaCy ``Doc`` (French first, English too).

:func:`annotate_quotes` fills ``doc.spans["quotes"]`` with one ``Span`` per
quote, in text order:

* ``_.direct`` — True for text inside quotation marks (``"…"``, ``« … »``,
  ``“…”``, ``„…“``; the span covers the inner text, without the marks), False
  for reported speech (``X a déclaré que …``, ``X a dit vouloir …``,
  ``selon X, …``; the span covers the reported clause);
* ``_.speaker`` — canonical speaker name (``ent._.entity`` when set, else the
  entity text), a role phrase when nobody is named, or None;
* ``_.cue`` — the speech-verb lemma (``déclarer``, ``say``), ``"selon"`` /
  ``"according to"`` for source prepositions, ``"tweet"`` for embedded quotes;
* ``_.speaker_span`` — ``(start_char, end_char)`` of the mention the speaker was
  read from in this sentence (the name, role phrase or pronoun), or None.

A direct quote is attributed through the speech verb that governs it (its
dependency ancestors), else a ``selon X`` in its sentence, else the nearest
speech verb of its sentence(s); the speaker is that verb's subject, inverted
subjects (``", a déclaré X"``, ``estime-t-il``) and passive agents included.
Single-word quotes nobody is said to have said are taken as scare quotes and
dropped; an unattributed quote in a headline takes the speaker of the next
lines' statement that repeats its words. Speaker resolution (pronouns, roles,
names) lives in :mod:`recoupe.annotate.speakers`, the lexicons in
:mod:`recoupe.annotate.speech`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..model import QUOTES, Article
from .speakers import RELATIVES, Speaker, SpeakerResolver, norm, pronoun_gender
from .speech import FR_INFINITIVE_REPORTING, cue_lemma, is_reporting, source_prep

log = logging.getLogger(__name__)

OPENERS = frozenset('«“„"‹')
CLOSERS: dict[str, str] = {"«": "»", "“": "”", "„": "“”", '"': '"', "‹": "›"}
ALL_MARKS = frozenset('«»“”„"‹›')
SPACES = " \t\xa0\u202f\u2009\u2007"
SUBJECT_DEPS = ("nsubj", "nsubj:pass", "nsubjpass", "csubj")
_SCAN_STOP = frozenset(".;:!?")
_WINDOW = 8
_EN_DETS = frozenset({"the", "a", "an", "his", "her", "its", "their"})
_TRAILING = ",;"


@dataclass
class Item:
    """One quote found, before its speaker is resolved."""

    span: Span
    direct: bool
    cue: str | None
    subject: Token | None
    speaker: Speaker | None = None


def annotate_quotes(doc: Doc, embedded: Sequence[Mapping[str, Any]] = ()) -> None:
    """Set ``doc.spans["quotes"]``: direct and reported quotes with their speakers.

    ``embedded`` holds quotes the ingest step kept in the text (a tweet):
    dicts ``{"start", "end", "speaker", "kind"}`` with char offsets into
    ``doc.text``; they become direct quotes with that speaker and cue ``"tweet"``
    (or their ``kind``), and replace any quote found overlapping them.
    """
    directs = [item for item in _direct_items(doc) if item is not None]
    inside = {i for item in directs for i in range(item.span.start, item.span.end)}
    items = directs + list(_indirect_items(doc, inside))
    items.sort(key=lambda it: (it.span.start_char, -it.span.end_char))
    resolver = SpeakerResolver(doc)
    for item in items:
        if item.subject is not None:
            item.speaker = resolver.resolve(item.subject)
            if item.speaker is not None:
                resolver.remember(item.span.start_char, item.speaker)
    _echo_headlines(doc, items)
    _continue_paragraphs(doc, items)
    kept = [it for it in items if _keep(it, directs)]
    kept = _with_embedded(doc, kept, embedded)
    spans: list[Span] = []
    seen: set[tuple[int, int]] = set()
    for item in sorted(kept, key=lambda it: (it.span.start_char, it.span.end_char)):
        key = (item.span.start_char, item.span.end_char)
        if key in seen:
            continue
        seen.add(key)
        span = item.span
        span._.direct = item.direct
        span._.cue = item.cue
        span._.speaker = item.speaker.name if item.speaker else None
        span._.speaker_span = item.speaker.span if item.speaker else None
        spans.append(span)
    doc.spans[QUOTES] = spans
    log.debug("%d quotes (%d direct)", len(spans), sum(1 for s in spans if s._.direct))


class QuoteStage:
    """Pipeline stage: quotes and speakers on ``article.doc``."""

    name = "quotes"
    requires: tuple[str, ...] = ("doc", "entities")
    provides: tuple[str, ...] = ("quotes",)

    def __call__(self, article: Article) -> None:
        annotate_quotes(article.require_doc(), article.meta.get("embedded_quotes", ()))


# -- quotation marks ---------------------------------------------------------
def quote_marks(text: str) -> list[tuple[int, int, bool]]:
    """Outermost quotation-mark pairs as (open_char, close_char, closed).

    Nested marks are skipped (the outer pair is the quote); a quote still open
    at the end of a line ends there (``close_char`` is the line end).
    """
    found: list[tuple[int, int, bool]] = []
    offset = 0
    for line in text.split("\n"):
        stack: list[tuple[str, int]] = []
        for pos, ch in enumerate(line):
            if ch not in ALL_MARKS:
                continue
            if stack and ch in CLOSERS[stack[-1][0]]:
                _, start = stack.pop()
                if not stack:
                    found.append((offset + start, offset + pos, True))
            elif ch in OPENERS:
                stack.append((ch, pos))
            elif stack:
                depth = next(
                    (k for k in range(len(stack) - 1, -1, -1) if ch in CLOSERS[stack[k][0]]), None
                )
                if depth is not None:
                    start = stack[depth][1]
                    del stack[depth:]
                    if not stack:
                        found.append((offset + start, offset + pos, True))
        if stack:
            found.append((offset + stack[0][1], offset + len(line.rstrip()), False))
        offset += len(line) + 1
    return found


def _inner_span(doc: Doc, start: int, end: int) -> Span | None:
    text = doc.text
    while start < end and text[start] in SPACES:
        start += 1
    while end > start and (text[end - 1] in SPACES or text[end - 1] in _TRAILING):
        end -= 1
    if start >= end:
        return None
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or len(span) == 0:
        span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0 or all(t.is_punct or t.is_space for t in span):
        return None
    return span


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, min(char + 1, len(doc.text)), alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


# -- direct quotes -------------------------------------------------------------
def _direct_items(doc: Doc) -> Iterator[Item | None]:
    for open_char, close_char, closed in quote_marks(doc.text):
        span = _inner_span(doc, open_char + 1, close_char)
        if span is None:
            continue
        open_tok = _token_at(doc, open_char)
        close_tok = _token_at(doc, close_char) if closed else None
        first = open_tok if open_tok is not None else span[0]
        last = close_tok if close_tok is not None else span[-1]
        excluded = set(range(min(first.i, span.start), max(last.i + 1, span.end)))
        context = (first.sent.start, last.sent.end)
        cue, subject = _attribute(doc, span, excluded, context)
        yield Item(span, True, cue, subject)


def _attribute(
    doc: Doc, span: Span, excluded: set[int], context: tuple[int, int]
) -> tuple[str | None, Token | None]:
    """Cue and subject token for a direct quote."""
    candidates = list(_governing_cues(doc, span, excluded, context))
    candidates += [c for c in _source_cues(doc, excluded, context) if c not in candidates]
    near = sorted(
        (t for t in doc[context[0] : context[1]] if t.i not in excluded and cue_lemma(t)),
        key=lambda t: min(abs(t.i - span.start), abs(t.i - span.end)),
    )
    candidates += [t for t in near if t not in candidates]
    fallback: str | None = None
    for cue_tok in candidates:
        prep = source_prep(cue_tok) or ("selon" if _pour_source(cue_tok) else None)
        lemma = _prep_cue(prep) if prep else _climb_cue(cue_tok)[1]
        subject = _source_object(cue_tok) if prep else subject_of(_climb_cue(cue_tok)[0], excluded)
        if subject is not None:
            return lemma, subject
        fallback = fallback or lemma
    return fallback, None


def _prep_cue(prep: str) -> str:
    return "according to" if prep == "according to" else "selon"


def _governing_cues(
    doc: Doc, span: Span, excluded: set[int], context: tuple[int, int]
) -> Iterator[Token]:
    """Speech verbs among the dependency ancestors of the quote."""
    tops = [t for t in span if t.head.i not in excluded or t.head.i == t.i]
    for top in tops:
        tok = top
        for _ in range(8):
            if tok.head.i == tok.i:
                break
            tok = tok.head
            if tok.i in excluded or not context[0] <= tok.i < context[1]:
                continue
            if cue_lemma(tok):
                yield tok
                break


def _climb_cue(tok: Token) -> tuple[Token, str | None]:
    """``a dit vouloir`` -> the speech verb ``dit`` above an xcomp speech verb."""
    lemma = cue_lemma(tok)
    while tok.dep_ == "xcomp" and tok.head.i != tok.i and cue_lemma(tok.head):
        tok = tok.head
        lemma = cue_lemma(tok)
    return tok, lemma


def _source_cues(doc: Doc, excluded: set[int], context: tuple[int, int]) -> Iterator[Token]:
    for tok in doc[context[0] : context[1]]:
        if tok.i not in excluded and (source_prep(tok) or _pour_source(tok)):
            yield tok


def _pour_source(tok: Token) -> bool:
    """``Pour X, …`` with X a person or a pronoun (``pour lui,``)."""
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
    else:
        ents = [e for e in doc.ents if e.start == nxt.i and e.label_ in ("PER", "PERSON")]
        if not ents:
            return False
        end = ents[0].end
    return end < len(doc) and doc[end].text == ","


def _source_object(tok: Token) -> Token | None:
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
        if not cand.pos_ and cand.is_alpha and cand.lower_ not in _EN_DETS:
            return cand
    return None


# -- subjects ----------------------------------------------------------------
def subject_of(verb: Token, excluded: AbstractSet[int] = frozenset()) -> Token | None:
    """The subject token of a speech verb: parsed subject, agent, or a nearby name."""
    parsed = _parsed_subject(verb, excluded, depth=0) if verb.doc.has_annotation("DEP") else None
    if parsed is not None:
        return parsed
    return _window_subject(verb, excluded)


def _parsed_subject(verb: Token, excluded: AbstractSet[int], depth: int) -> Token | None:
    group = [verb] + [c for c in verb.children if c.dep_.startswith("aux")]
    for tok in group:
        for child in tok.children:
            if (
                child.dep_ in SUBJECT_DEPS
                and child.i not in excluded
                and child.lower_ not in ("-t", "t")
            ):
                if child.lower_ in RELATIVES and verb.dep_.startswith("acl"):
                    return verb.head
                return child
    for child in verb.children:
        if child.dep_ in ("obl:agent", "agent") and child.i not in excluded:
            return child
    if depth < 2 and verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        return _parsed_subject(verb.head, excluded, depth + 1)
    doc = verb.doc
    if (
        verb.i + 2 < verb.sent.end
        and doc[verb.i + 1].lower_ in ("par", "by")
        and verb.tag_ != "VBG"
    ):
        agent = _scan(doc, range(verb.i + 2, min(verb.i + 5, verb.sent.end)), excluded)
        if agent is not None:
            return agent
    if verb.dep_ == "acl" and verb.head.i < verb.i and verb.head.pos_ in ("PROPN", "NOUN"):
        between = doc[verb.head.i + 1 : verb.i]
        allowed = all(t.pos_ in ("AUX", "PUNCT", "PRON", "PROPN", "ADV") for t in between)
        if allowed and any(t.pos_ == "AUX" or t.lower_ in ("a", "avait") for t in between):
            return verb.head
    return None


def _window_subject(verb: Token, excluded: AbstractSet[int]) -> Token | None:
    """Inverted subject right after the verb, else the subject just before it."""
    doc = verb.doc
    group_start = verb.i
    while group_start > verb.sent.start and (
        doc[group_start - 1].pos_ in ("AUX", "ADV")
        or doc[group_start - 1].lower_
        in ("a", "has", "had", "have", "was", "is", "ont", "avait", "n'", "ne")
    ):
        group_start -= 1
    before = doc[group_start - 1] if group_start > verb.sent.start else None
    inverted = before is None or before.is_punct or before.text in ALL_MARKS
    if inverted:
        found = _scan(doc, range(verb.i + 1, min(verb.i + _WINDOW, verb.sent.end)), excluded)
        if found is not None:
            return found
    return _scan(
        doc,
        range(group_start - 1, max(verb.sent.start - 1, group_start - _WINDOW - 1), -1),
        excluded,
    )


def _scan(doc: Doc, indices: range, excluded: AbstractSet[int]) -> Token | None:
    for i in indices:
        tok = doc[i]
        if i in excluded or tok.text in ALL_MARKS or tok.text in _SCAN_STOP:
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
            and doc[i - 1].lower_ in _EN_DETS
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


# -- reported speech -----------------------------------------------------------
def _indirect_items(doc: Doc, inside: set[int]) -> Iterator[Item]:
    for tok in doc:
        if tok.i in inside:
            continue
        if source_prep(tok) and tok.lower_ not in ("après",):
            item = _selon_item(tok, inside)
            if item is not None:
                yield item
            continue
        lemma = cue_lemma(tok)
        if lemma is None:
            continue
        verb, lemma = _climb_cue(tok)
        if verb is not tok:
            continue
        clause_start = _reported_start(verb, lemma or "", doc.lang_)
        if clause_start is None:
            item = _parenthetical_item(verb, lemma, inside)
            if item is not None:
                yield item
            continue
        span = _clause(doc, clause_start, tok.sent.end)
        if span is not None:
            yield Item(span, False, lemma, subject_of(verb, set(range(span.start, span.end))))


def _reported_start(verb: Token, lemma: str, lang: str) -> int | None:
    """First token of the reported clause after ``verb``: after ``que``, or an infinitive."""
    doc = verb.doc
    for i in range(verb.i + 1, min(verb.i + _WINDOW, verb.sent.end)):
        tok = doc[i]
        if tok.lower_ in ("que", "qu'", "qu’", "that") and is_reporting(lemma, lang):
            return i + 1
        if tok.text in ALL_MARKS or tok.text in _SCAN_STOP:
            return None
        if tok.pos_ in ("VERB", "AUX") and "Inf" in tok.morph.get("VerbForm", []):
            return i if lemma in FR_INFINITIVE_REPORTING and lang != "en" else None
        if tok.pos_ in ("VERB", "SCONJ") or tok.lower_ in ("qui", "dont", "si", "if", "whether"):
            return None
    return None


def _parenthetical_item(verb: Token, lemma: str | None, inside: set[int]) -> Item | None:
    """``La situation est grave, a déclaré le ministre.`` / ``…, John Smith said.``"""
    doc = verb.doc
    sent = verb.sent
    comma = None
    for i in range(verb.i - 1, max(sent.start, verb.i - 7) - 1, -1):
        if doc[i].text == ",":
            comma = i
            break
        if (
            doc[i].text in ALL_MARKS
            or doc[i].text in _SCAN_STOP
            or doc[i].pos_ in ("VERB", "SCONJ")
        ):
            return None
    if (
        comma is None
        or comma - sent.start < 3
        or any(i in inside for i in range(sent.start, sent.end))
    ):
        return None
    tail = doc[verb.i + 1 : sent.end]
    if any(
        t.pos_ == "VERB" or t.lower_ in ("que", "qu'", "that") or t.text in ALL_MARKS for t in tail
    ):
        return None
    span = _clause(doc, sent.start, comma)
    if span is None:
        return None
    return Item(span, False, lemma, subject_of(verb, set(range(span.start, span.end))))


def _clause(doc: Doc, start: int, end: int) -> Span | None:
    """doc[start:end] trimmed of edge punctuation (quote marks kept when paired)."""
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        tok = doc[end - 1]
        if tok.text in ALL_MARKS and any(t.text in OPENERS for t in doc[start : end - 1]):
            break
        end -= 1
    while (
        start < end
        and (doc[start].is_punct or doc[start].is_space)
        and doc[start].text not in OPENERS
    ):
        start += 1
    if end - start < 2:
        return None
    return doc[start:end]


def _selon_item(tok: Token, inside: set[int]) -> Item | None:
    """``Selon X, clause.`` / ``clause, selon X.``: the clause, reported by X."""
    doc = tok.doc
    sent = tok.sent
    obj = _source_object(tok)
    if obj is None:
        return None
    phrase_end = obj.i + 1
    while (
        phrase_end < sent.end
        and doc[phrase_end].text != ","
        and doc[phrase_end].text not in _SCAN_STOP
    ):
        if doc[phrase_end].text in ALL_MARKS or phrase_end - obj.i > 6:
            return None
        phrase_end += 1
    opens = tok.i == sent.start or doc[tok.i - 1].text == ","
    closes = (
        phrase_end >= sent.end or doc[phrase_end].text in (",", ".") or doc[phrase_end].is_punct
    )
    if not (opens and closes):
        return None
    left = _clause(doc, sent.start, tok.i)
    right = _clause(doc, phrase_end, sent.end)
    best = max((s for s in (left, right) if s is not None), key=len, default=None)
    if best is None:
        return None
    return Item(best, False, _prep_cue(source_prep(tok) or "selon"), obj)


# -- post-processing ---------------------------------------------------------
def _line_of(doc: Doc, char: int) -> tuple[int, int]:
    start = doc.text.rfind("\n", 0, char) + 1
    end = doc.text.find("\n", char)
    return start, len(doc.text) if end < 0 else end


def _words(span: Span) -> set[str]:
    return {norm(t.text)[:4] for t in span if t.is_alpha and len(t.text) >= 4}


def _echo_headlines(doc: Doc, items: list[Item]) -> None:
    """An unattributed quote in a headline takes the speaker of the next lines repeating it."""
    for item in items:
        if not item.direct or item.speaker is not None:
            continue
        start, end = _line_of(doc, item.span.start_char)
        line = doc.text[start:end].rstrip()
        if not line or line[-1] in ".!?…:":
            continue
        limit = (
            doc.text.find("\n", doc.text.find("\n", end + 1) + 1) if end < len(doc.text) else end
        )
        limit = len(doc.text) if limit < 0 else limit
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


def _continue_paragraphs(doc: Doc, items: list[Item]) -> None:
    """A paragraph that is nothing but an unattributed quote continues the previous quote's speaker."""
    previous: Item | None = None
    for item in items:
        if not item.direct:
            continue
        start, end = _line_of(doc, item.span.start_char)
        outside = doc.text[start : item.span.start_char] + doc.text[item.span.end_char : end]
        whole = not any(c.isalnum() for c in outside)
        if item.speaker is None and whole and previous is not None and previous.speaker is not None:
            gap = doc.text[previous.span.end_char : start]
            if sum(1 for line in gap.split("\n") if any(c.isalnum() for c in line)) <= 1:
                item.speaker = Speaker(previous.speaker.name, None, previous.speaker.gender, False)
                item.cue = previous.cue
        previous = item


def _keep(item: Item, directs: list[Item]) -> bool:
    if item.direct:
        words = [t for t in item.span if t.is_alpha]
        return not (item.speaker is None and len(words) <= 1)
    covered = {i for d in directs for i in range(d.span.start, d.span.end)}
    return any(t.i not in covered and not t.is_punct for t in item.span)


def _with_embedded(
    doc: Doc, items: list[Item], embedded: Sequence[Mapping[str, Any]]
) -> list[Item]:
    extra: list[Item] = []
    for quote in embedded:
        try:
            start, end = int(quote["start"]), int(quote["end"])
        except (KeyError, TypeError, ValueError):
            log.warning("ignoring malformed embedded quote %r", quote)
            continue
        span = _inner_span(doc, max(start, 0), min(end, len(doc.text)))
        if span is None:
            continue
        speaker = quote.get("speaker")
        kind = quote.get("kind")
        cue = "tweet" if kind in (None, "", "tweet") else str(kind)
        name = str(speaker) if speaker else None
        extra.append(Item(span, True, cue, None, Speaker(name, None) if name else None))
    if not extra:
        return items

    def overlaps(item: Item) -> bool:
        return any(item.span.start < e.span.end and e.span.start < item.span.end for e in extra)

    return [it for it in items if not overlaps(it)] + extra
