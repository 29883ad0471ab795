"""Quotes and who said them, over a parsed spaCy ``Doc`` (French first, English too).

:func:`annotate_quotes` fills ``doc.spans["quotes"]`` with one ``Span`` per
quote, in text order:

* ``_.direct`` — True for text inside quotation marks (``"…"``, ``« … »``,
  ``“…”``, ``„…“``; the span covers the inner text, without the marks), False
  for reported speech (``X a déclaré que …``,
  ``selon X, …``, ``clause, a indiqué X``; the span covers the reported clause);
* ``_.speaker`` — canonical speaker name (``ent._.entity`` when set, else the
  entity text), a short role phrase when nobody is named, or None;
* ``_.cue`` — the speech-verb lemma (``déclarer``, ``say``), ``"selon"`` /
  ``"according to"`` for source prepositions, ``"tweet"`` for embedded quotes;
* ``_.speaker_span`` — ``(start_char, end_char)`` of the mention the speaker was
  read from in this sentence (the name, role phrase or pronoun), or None.

A direct quote is attributed through an incise right after its closing mark
(``», a déclaré X``), else the speech verb that governs it (its dependency
ancestors), else a ``selon X`` in its sentence, else the nearest speech verb of
its sentence(s); the speaker is that verb's subject, inverted subjects and
passive agents included. A quoted fragment inside the journalist's sentence
with no speech verb takes the subject of the verb it hangs from
(``X a jugé ces propos « ridicules »``). Single-word quotes nobody is said to
have said, titles (``l'émission « … »``) and repeated labels (``les « gilets
jaunes »``) are dropped; an unattributed quote in a headline takes the speaker
of the next lines' statement that repeats its words. Reported-speech rules and
subjects live in :mod:`recoupe.annotate.quote_rules`, speaker resolution in
:mod:`recoupe.annotate.speakers`, the lexicons in :mod:`recoupe.annotate.speech`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..model import QUOTES, Article
from ..text import cached_text, doc_text
from .quote_filters import not_a_quote
from .quote_links import (
    closes_sentence,
    colon_subject,
    continue_paragraphs,
    echo_headlines,
    inside_reported,
    name_before,
    previous_statement,
)
from .quote_marks import quote_marks
from .quote_passages import continue_passage
from .quote_rules import (
    ALL_MARKS,
    Item,
    climb_cue,
    control_head,
    group_start,
    in_verb_group,
    indirect_items,
    inverted_position,
    inverted_subject,
    prep_cue,
    subject_of,
)
from .quote_sources import beside, outlet, pour_source, source_agent, source_object, speaks
from .quotes_en import reported_items
from .speaker_fallback import reconsider
from .speaker_lead import resolve_lead_roles
from .speaker_mentions import sentence_start, sentence_stop
from .speaker_phrases import lemma_norm
from .speakers import Speaker, SpeakerResolver, norm
from .speech import TITLE_NOUNS, cue_lemma, form_lemma, is_media, source_prep

log = logging.getLogger(__name__)

SPACES = " \t\xa0\u202f\u2009\u2007"
_TRAILING = ",;"
_CLITICS = frozenset({"ne", "n'", "n’", "se", "s'", "s’"})
SHORT_TERM_WORDS = 4
"""A quoted span of at most this many words, verbless and with no speaker, is a term."""
_TITLE_NORMS = frozenset(norm(w) for w in TITLE_NOUNS)

__all__ = ["Item", "QuoteStage", "annotate_quotes", "quote_marks", "subject_of"]


def annotate_quotes(
    doc: Doc, embedded: Sequence[Mapping[str, Any]] = (), rerank: bool = True
) -> None:
    """Set ``doc.spans["quotes"]``: direct and reported quotes with their speakers.

    ``embedded`` holds quotes the ingest step kept in the text (a tweet):
    dicts ``{"start", "end", "speaker", "kind"}`` with char offsets into
    ``doc.text``; they become direct quotes with that speaker and cue ``"tweet"``
    (or their ``kind``), and replace any quote found overlapping them. ``rerank``: French
    quotes left without a speaker get one from :mod:`recoupe.annotate.speaker_fallback`.
    """
    with cached_text(doc):
        _annotate(doc, embedded)
        if rerank:
            reconsider(doc)


def _annotate(doc: Doc, embedded: Sequence[Mapping[str, Any]]) -> None:
    marks = quote_marks(doc_text(doc))
    inside = _inside_marks(doc, marks)
    directs = [item for item in _direct_items(doc, marks, inside) if item is not None]
    indirect = list(indirect_items(doc, inside))
    if doc.lang_ == "en":
        indirect += _new_only(reported_items(doc, inside, frozenset()), indirect)
    items = directs + indirect
    items.sort(key=lambda it: (it.span.start_char, -it.span.end_char))
    reported = [(it.span.start_char, it.span.end_char) for it in indirect]
    quoted = [(o, c) for o, c, _ in marks]
    resolver = SpeakerResolver(doc, quoted=quoted, reported=reported)
    for item in items:
        if item.subject is not None:
            item.speaker = resolver.resolve(item.subject)
            if item.speaker is not None:
                resolver.remember(item.span.start_char, item.speaker)
            if _media_report(item):  # a fact an outlet reports: its subjects are narrated
                key = (item.span.start_char, item.span.end_char)
                resolver.reported = [r for r in resolver.reported if r != key]
    resolve_lead_roles(doc, items, resolver)
    inside_reported(items)
    echo_headlines(doc, items)
    continue_paragraphs(doc, items)
    continue_passage(doc, items)
    items = [it for it in items if not not_a_quote(it, quoted)]
    directs = [it for it in items if it.direct]
    kept = [it for it in items if _keep(it, directs) and not _media_report(it)]
    if doc.lang_ == "en":
        kept = _english_spans(kept)
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


def _new_only(found: Iterable[Item], known: list[Item]) -> list[Item]:
    """Items of ``found`` that overlap none of ``known``."""
    return [
        it
        for it in found
        if not any(it.span.start < k.span.end and k.span.start < it.span.end for k in known)
    ]


# -- quotation marks ---------------------------------------------------------
def _inside_marks(doc: Doc, marks: list[tuple[int, int, bool]]) -> set[int]:
    inside: set[int] = set()
    for open_char, close_char, _ in marks:
        span = doc.char_span(open_char, close_char + 1, alignment_mode="expand")
        if span is not None:
            inside.update(range(span.start, span.end))
    return inside


def _inner_span(doc: Doc, start: int, end: int) -> Span | None:
    """Tokens between the marks; a word glued to a mark (``locales".``) is kept whole."""
    text = doc_text(doc)
    while start < end and text[start] in SPACES:
        start += 1
    while end > start and (text[end - 1] in SPACES or text[end - 1] in _TRAILING):
        end -= 1
    if start >= end:
        return None
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or len(span) == 0:
        span = doc.char_span(start, end, alignment_mode="expand")
    elif any(c.isalnum() for c in text[start : span.start_char] + text[span.end_char : end]):
        span = _glued(doc, span, start, end)
    if span is None or len(span) == 0 or all(t.is_punct or t.is_space for t in span):
        return None
    return span


def _glued(doc: Doc, span: Span, start: int, end: int) -> Span:
    """Take back a word glued to a mark (``"Cette``, ``locales".``) unless it also holds
    words outside the marks (``RFI."Je``)."""
    lo, hi = span.start, span.end
    if lo > 0 and doc[lo - 1].idx < start < doc[lo - 1].idx + len(doc[lo - 1].text):
        outside = doc_text(doc)[doc[lo - 1].idx : start]
        lo -= 0 if any(c.isalnum() for c in outside) else 1
    if hi < len(doc) and doc[hi].idx < end < doc[hi].idx + len(doc[hi].text):
        outside = doc_text(doc)[end : doc[hi].idx + len(doc[hi].text)]
        hi += 0 if any(c.isalnum() for c in outside) else 1
    return doc[lo:hi]


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, min(char + 1, len(doc_text(doc))), alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


# -- direct quotes -------------------------------------------------------------
def _direct_items(
    doc: Doc, marks: list[tuple[int, int, bool]], inside: set[int]
) -> Iterator[Item | None]:
    for open_char, close_char, closed in marks:
        span = _inner_span(doc, open_char + 1, close_char)
        if span is None:
            continue
        open_tok = _token_at(doc, open_char)
        close_tok = _token_at(doc, close_char) if closed else None
        first = open_tok if open_tok is not None else span[0]
        last = close_tok if close_tok is not None else span[-1]
        excluded = set(range(min(first.i, span.start), max(last.i + 1, span.end)))
        if _is_title(doc, first, span):
            continue
        inner = _inner_incise(span)
        if inner is not None:
            verb, parts = inner
            lemma = climb_cue(verb)[1]
            incise_end = parts[1].start if len(parts) > 1 else span.end
            skip = set(range(span.start, span.end)) - set(range(verb.i, incise_end))
            subject = subject_of(verb, skip | (inside - excluded))
            for part in parts:
                yield Item(part, True, lemma, subject)
            continue
        bounds = _context(doc, first, last, span, close_char if close_tok else None)
        incise = _incise_cue(doc, last) if close_tok is not None else None
        cue, subject, governed = _attribute(doc, span, excluded | inside, bounds, incise)
        introduced = None if governed else colon_subject(doc, span, inside)
        if introduced is not None:
            cue, subject = None, introduced
        if subject is None:
            subject = _fragment_subject(span, excluded, bounds[2])
            cue = None if subject is not None else cue
        if subject is None:
            subject = previous_statement(doc, span, inside)
        yield Item(span, True, cue, subject, governed=governed)


def _context(
    doc: Doc, first: Token, last: Token, span: Span, close_char: int | None
) -> tuple[int, int, int, int]:
    """Token range a direct quote's cue is looked for in, its parsed sentence(s) cut after
    a quote that ends its sentence (French: a cue after ``… Ferrieux. »Un os`` belongs to
    another sentence), then the quote's own sentence read on the characters (``…tour
    ».Sur Twitter, X``): ``selon X`` / ``Pour X,`` and a fragment's subject are looked for
    there only."""
    start, end = first.sent.start, last.sent.end
    if doc.lang_ != "fr":
        return start, end, start, end
    if close_char is not None and closes_sentence(doc, span, close_char):
        end = min(end, last.i + 1)
    text = doc_text(doc)
    opened = doc.char_span(sentence_start(text, first.idx), first.idx + 1, alignment_mode="expand")
    after = last.idx + len(last.text)
    closed = doc.char_span(last.idx, sentence_stop(text, after) + 1, alignment_mode="expand")
    own_start = max(start, opened.start) if opened is not None else start
    return start, end, own_start, min(end, closed.end) if closed is not None else end


def _inner_incise(span: Span) -> tuple[Token, list[Span]] | None:
    """``« Vois, dit-il, quel monstre ! »`` / ``« …, a confié X, à côté de Y. On ne … »``:
    the incise verb and the quoted parts around it."""
    doc = span.doc
    if not doc.has_annotation("POS") or doc.lang_ == "en":
        return None
    for tok in span[2:]:
        if not cue_lemma(tok) or not inverted_position(tok):
            continue
        start = group_start(tok)
        if doc[start - 1].text != "," or start - 1 <= span.start + 1:
            continue
        subject = inverted_subject(tok, frozenset())
        if subject is None or subject.i >= span.end:
            continue
        before = doc[span.start : start - 1]
        resume = _resume(doc, subject, span.end)
        parts = [before] + ([doc[resume : span.end]] if resume is not None else [])
        return tok, parts
    return None


def _resume(doc: Doc, subject: Token, end: int) -> int | None:
    """Where the quote resumes after an incise ending with ``subject``'s phrase."""
    i = subject.i + 1
    while i < end and doc[i].text not in (",", ".", "!", "?", ";", ":"):
        i += 1
    if i >= end - 1:
        return None
    after = doc[i + 1]
    appos = after.dep_ == "appos" and subject.i <= after.head.i < i  # ``X, vice-président de``
    if doc[i].text == "," and after.pos_ != "ADP" and after.lower_ != "lors" and not appos:
        return i + 1
    while i < end and doc[i].text not in (".", "!", "?"):
        i += 1
    return i + 1 if i < end - 1 else None


def _is_title(doc: Doc, first: Token, span: Span) -> bool:
    """``l'émission « Dimanche en politique »``: a capitalised span right after a title noun."""
    if not span.text[:1].isupper() or len(span) > 10:
        return False
    i = first.i - 1
    if i >= 0 and _title_preposition(doc[i]) and sum(1 for t in span if t.is_alpha) <= 6:
        return True
    while i >= 0 and doc[i].pos_ in ("DET", "ADJ", "ADP") and first.i - i < 3:
        i -= 1
    return i >= 0 and lemma_norm(doc[i]) in _TITLE_NORMS


def _title_preposition(tok: Token) -> bool:
    """French: a preposition right before a capitalised quote opens a name, not speech
    (``dans « On n'est pas couché »``, ``du « Courier-Journal »``, ``d'« En Marche ! »``)."""
    return tok.doc.lang_ == "fr" and (
        tok.pos_ == "ADP" or tok.lower_ in ("d'", "d’", "du", "des", "au", "aux")
    )


def _incise_cue(doc: Doc, close: Token) -> Token | None:
    """``« … », a déclaré X`` / ``« … », estime-t-il`` / ``« … », s'est exclamé X``: the
    speech verb right after the mark. In French any finite verb or participle there with
    an inverted subject opens an incise (``« … », a décrit X``, ``sourit-elle``)."""
    for tok in doc[close.i + 1 : min(close.i + 7, len(doc))]:
        if tok.text in (",", "-") or tok.pos_ in ("AUX", "ADV") or tok.lower_ in _CLITICS:
            continue
        if in_verb_group(tok):  # ``« … », a pour sa part commenté X``
            continue
        if tok.pos_ == "PRON" and tok.text[:1] in "-‑":  # ``a-t-il dit``: the clitic
            continue
        if cue_lemma(tok) or _incise_verb(tok) or _mistagged_incise(tok):
            return tok
        return _controlled_cue(tok)
    return None


def _controlled_cue(tok: Token) -> Token | None:
    """``« … », a tenu à rassurer X``: the speech verb in the infinitive a verb of the
    incise governs."""
    return next((c for c in tok.children if control_head(c) is tok and cue_lemma(c)), None)


def _mistagged_incise(tok: Token) -> bool:
    """``« … », avance Alain Lecompte``: a speech verb the tagger read as a noun, right after
    the comma and followed by a name; right after a closing mark and its comma, followed by
    any inverted subject (``« … », confesse l'acteur``, ``« … », note par exemple L214``)."""
    doc = tok.doc
    if not (
        doc.lang_ != "en"
        and tok.pos_ in ("NOUN", "PROPN", "X")
        and 1 < tok.i < len(doc) - 1
        and doc[tok.i - 1].text == ","
        and form_lemma(tok) is not None
    ):
        return False
    if doc[tok.i + 1].pos_ == "PROPN":
        return True
    return doc[tok.i - 2].text in ("»", "”", '"') and inverted_subject(tok, frozenset()) is not None


def _incise_verb(tok: Token) -> bool:
    """A French verb outside the lexicon used as an incise: finite or a past participle,
    followed by its inverted subject (``« … », a décrit Bruce Springsteen``)."""
    if tok.doc.lang_ == "en" or tok.pos_ != "VERB":
        return False
    forms = tok.morph.get("VerbForm", [])
    if "Inf" in forms or ("Part" in forms and "Pres" in tok.morph.get("Tense", [])):
        return False
    return inverted_subject(tok, frozenset()) is not None


def _attribute(
    doc: Doc,
    span: Span,
    excluded: set[int],
    bounds: tuple[int, int, int, int],
    incise: Token | None,
) -> tuple[str | None, Token | None, bool]:
    """Cue, subject token and whether the cue governs the quote, for a direct quote;
    ``bounds`` are the start and end of the quote's context, then of its own sentence
    (:func:`_context`)."""
    context = bounds[:2]
    tied = [incise] if incise is not None else []
    tied += [c for c in _governing_cues(doc, span, excluded, context) if c not in tied]
    tied += [c for c in _source_cues(doc, excluded, bounds[2:]) if c not in tied]
    near = sorted(
        (t for t in doc[context[0] : context[1]] if t.i not in excluded and cue_lemma(t)),
        key=lambda t: min(abs(t.i - span.start), abs(t.i - span.end)),
    )
    candidates = tied + [t for t in near if t not in tied]
    own_subject = _fragment_subject(span, excluded, bounds[2])
    if own_subject is not None and own_subject.i < span.start and own_subject.pos_ == "PROPN":
        own = range(bounds[2], bounds[3])  # ``X, …, se présente comme « … »``: X beats a cue
        # the parser glued from another sentence
        candidates = [t for t in candidates if t is incise or t.i in own]
    fallback: str | None = None
    for cue_tok in candidates:
        prep = source_prep(cue_tok) or ("selon" if pour_source(cue_tok) else None)
        if prep:
            obj = source_object(cue_tok)
            lemma: str | None = prep_cue(prep)
            if obj is not None and doc.lang_ == "fr" and outlet(obj):
                # ``« … », selon France Bleu``; not ``Selon Le Dauphiné, il aurait sollicité « … »``
                return lemma, obj if beside(span, cue_tok, obj) else None, False
            subject = None if obj is None or not speaks(obj) else source_agent(obj) or obj
        else:
            verb, lemma = climb_cue(cue_tok)
            if lemma is None and cue_tok is incise and _mistagged_incise(cue_tok):
                lemma = form_lemma(cue_tok)
            subject = subject_of(verb, excluded)
        if subject is not None:
            return lemma, subject, cue_tok in tied
        fallback = fallback or lemma
    return fallback, None, False


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


def _fragment_subject(span: Span, excluded: set[int], start: int = 0) -> Token | None:
    """Subject of the verb a quoted fragment hangs from (``X juge ces propos « ridicules »``).

    The subject must lie outside the marks (a whole quoted sentence has its own
    subject inside) and from ``start`` on (the quote's sentence, however the parser glued
    it to the one before); the resolver keeps it only if it is a person or organisation.
    """
    doc = span.doc
    if not doc.has_annotation("DEP"):
        return None
    node = next((t for t in span if t.head.i == t.i or not span.start <= t.head.i < span.end), None)
    for _ in range(6):
        if node is None:
            return None
        for child in node.children:
            if (
                child.dep_ in ("nsubj", "nsubj:pass")
                and child.i not in excluded
                and child.i >= start
                and not any(c.dep_ == "case" for c in child.children)  # ``Sur Twitter``
            ):
                return child if child.pos_ in ("PROPN", "NOUN", "PRON") else None
        if node.i not in excluded and (named := name_before(node, start)) is not None:
            return named
        if node.head.i == node.i or (
            node.i not in excluded and node.pos_ not in ("VERB", "AUX", "ADJ", "NOUN")
        ):
            return None
        node = node.head
    return None


def _source_cues(doc: Doc, excluded: set[int], context: tuple[int, int]) -> Iterator[Token]:
    for tok in doc[context[0] : context[1]]:
        if tok.i not in excluded and (source_prep(tok) or pour_source(tok)):
            yield tok


# -- post-processing ---------------------------------------------------------
def _keep(item: Item, directs: list[Item]) -> bool:
    """Drop scare quotes, repeated labels, reported clauses nobody is found to say and those
    that are mostly a direct quote (French: over a third of the clause quoted; English: all
    of it). A short verbless quote with no speaker is a term in marks (``« gilets jaunes »``,
    a show's title), not speech."""
    if item.direct:
        words = [t for t in item.span if t.is_alpha]
        if len(words) <= 1:
            return item.speaker is not None and item.cue is not None
        if item.speaker is None and len(words) <= SHORT_TERM_WORDS and not _has_verb(item.span):
            return False
        return not _label(item, directs)
    if item.speaker is None:
        return False
    covered = {i for d in directs for i in range(d.span.start, d.span.end)}
    own = [t for t in item.span if not t.is_punct and t.text not in ALL_MARKS]
    if item.span.doc.lang_ == "en":
        return any(t.i not in covered for t in own)
    if any(_spoken_fragment(d.span, item.span) for d in directs):
        return False
    return sum(1 for t in own if t.i in covered) <= len(own) / 3


def _spoken_fragment(fragment: Span, clause: Span) -> bool:
    """French fragment rule: a quoted fragment inside a reported clause that is not a noun
    phrase (``est « pratiquement consommé »``, ``puisse « récupérer »``) is the speaker's
    words, so only the fragment is the quote; a quoted noun (``des « gilets jaunes »``)
    may be a term, and the clause stays."""
    if not (clause.start <= fragment.start and fragment.end <= clause.end) or fragment == clause:
        return False
    return fragment.root.pos_ not in ("NOUN", "PROPN", "PUNCT", "X")


def _has_verb(span: Span) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in span)


def _media_report(item: Item) -> bool:
    """French reported speech whose source is a news outlet (``selon Le Point``): a fact the
    outlet reports, not a quote."""
    if item.direct or item.speaker is None or item.speaker.name is None:
        return False
    return item.span.doc.lang_ == "fr" and is_media(item.speaker.name)


def _english_spans(items: list[Item]) -> list[Item]:
    """English (GGT convention): a reported clause holding quoted words is one quote, so a
    quoted fragment inside a kept clause goes; a quoted span of 3 words or fewer (4 with no
    speech verb) inside the journalist's sentence is a term, not a quote."""
    clauses = [it.span for it in items if not it.direct]
    out = []
    for item in items:
        if item.direct:
            span = item.span
            if any(c.start <= span.start and span.end <= c.end for c in clauses):
                continue
            words = sum(1 for t in span if t.is_alpha)
            if words <= (3 if item.cue is not None else 4) and _embedded(span):
                continue
        out.append(item)
    return out


def _embedded(span: Span) -> bool:
    """A quoted span inside the journalist's sentence: lowercase, or right after a word."""
    before = doc_text(span.doc)[: span.start_char].rstrip(SPACES + "".join(ALL_MARKS))
    return span.text[:1].islower() or (before[-1:].isalnum() if before else False)


def _label(item: Item, directs: list[Item]) -> bool:
    """A short verbless quote repeated in the article: 3+ times, or twice with no speech
    verb tied to it (``les « gilets jaunes »``)."""
    span = item.span
    if len(span) > 5 or any(t.pos_ in ("VERB", "AUX") for t in span):
        return False
    key = norm(span.text)
    repeats = sum(1 for d in directs if norm(d.span.text) == key)
    return repeats >= 3 or (repeats >= 2 and not item.governed)


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
        span = _inner_span(doc, max(start, 0), min(end, len(doc_text(doc))))
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
