"""One-speaker passages: a French quote with no cue continues the last speaker.

:func:`recoupe.annotate.quote_links.continue_paragraphs` carries a speaker to a quote
that stands right after an attributed one. News articles also let a speaker go on after
a sentence or two of the journalist's (``« … », explique le docteur X. Des intérims qui
… « Le fait de pouvoir vivre … »``) or an intertitle. :func:`continue_passage` gives
such a quote the last speaker when the words in between bring in nobody else: no
person or organisation named, no other speech verb, no person noun or institution as a
subject, no paragraph break.
"""

from __future__ import annotations

import logging

from spacy.tokens import Doc, Span, Token

from ..text import doc_text
from .quote_links import statement
from .quote_rules import Item
from .speaker_phrases import institution, is_agent_noun, lemma_norm, norm
from .speakers import Speaker
from .speech import cue_lemma, is_media

log = logging.getLogger(__name__)

MAX_PASSAGE_CHARS = 400
"""Most characters between the last attributed quote and the quote that continues it."""
MIN_WORDS = 5
"""Fewest words of a verbless quote that continues a speaker (shorter ones are terms)."""
_ENDS = ".!?"
_CLOSERS = frozenset('"»”')
_LOOKAHEAD = 15
_SPEAKING = frozenset({"PER", "ORG"})


def continue_passage(doc: Doc, items: list[Item]) -> None:
    """A direct quote that opens a sentence, with no speaker, takes the speaker of the last
    quote when only the journalist's own words lie between them."""
    if doc.lang_ != "fr" or not doc.has_annotation("DEP"):
        return
    said: Item | None = None
    last: Item | None = None  # the last direct quote or speaker: nothing may stand between
    for item in items:
        if said is not None and last is said and _open(doc, item) and _quiet_gap(doc, said, item):
            speaker = said.speaker
            if speaker is not None:
                log.debug("passage %r continues %s", item.span.text[:30], speaker.name)
                item.speaker = Speaker(speaker.name, None, speaker.gender, False)
                item.cue = said.cue
        if item.speaker is not None and not is_media(str(item.speaker.name)):
            said = item
        if item.direct or item is said:
            last = item


def _open(doc: Doc, item: Item) -> bool:
    """A direct quote with no speaker nor a cue of its own, that opens a sentence and says
    something."""
    if item.speaker is not None or not item.direct or (item.governed and item.cue):
        return False
    span = item.span
    if not (_opens_sentence(doc, span) and statement(span, MIN_WORDS)) or _intertitle(doc, span):
        return False
    return not any(cue_lemma(t) for t in _rest_of_sentence(doc, span))


def _intertitle(doc: Doc, span: Span) -> bool:
    """``… de ce délit. "Le plus beau jour de sa vie"Une relaxe …``: a quote with no final
    stop whose closing mark is glued to the next capitalised word is an intertitle (it
    echoes a quote further down, not the one before)."""
    text = doc_text(doc)
    after = text[span.end_char : span.end_char + _LOOKAHEAD]
    close = next((k for k, c in enumerate(after) if c in _CLOSERS), None)
    if close is None or close + 1 >= len(after):
        return False
    said = (text[span.start_char : span.end_char] + after[:close]).rstrip()
    return said[-1:] not in (*_ENDS, "…") and after[close + 1].isupper()


def _rest_of_sentence(doc: Doc, span: Span) -> Span:
    """The words after the quote up to its sentence's end (where an incise would be); none
    when the quote ends with a full stop."""
    text = doc_text(doc)
    if span.text.rstrip().endswith("."):
        return doc[span.end : span.end]
    stops = [i for i in (text.find(c, span.end_char) for c in _ENDS) if i >= 0]
    end = min(stops, default=len(text))
    rest = doc.char_span(span.end_char, end, alignment_mode="expand")
    return rest if rest is not None else doc[span.end : span.end]


def _opens_sentence(doc: Doc, span: Span) -> bool:
    """Only quote marks and spaces between the last sentence end (or line start) and
    ``span``."""
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, span.start_char) + 1
    before = text[line_start : span.start_char]
    cut = max(before.rfind(c) for c in _ENDS)
    return not any(c.isalnum() for c in before[cut + 1 :])


def _quiet_gap(doc: Doc, said: Item, item: Item) -> bool:
    """Nobody else comes in between ``said`` and ``item``."""
    start, end = said.span.end_char, item.span.start_char
    if end <= start:
        return False
    gap_text = doc_text(doc)[start:end]
    if "\n" in gap_text or len(gap_text) > MAX_PASSAGE_CHARS:
        return False
    gap = doc.char_span(start, end, alignment_mode="expand")
    if gap is None:
        return True
    name = norm(str(said.speaker.name if said.speaker else ""))
    incise_end = _sentence_end(doc, gap_text, start)
    for tok in gap:
        other = tok.ent_type_ in _SPEAKING and norm(tok.text) not in name
        if tok.idx < incise_end:  # the previous quote's incise: its speaker and apposition
            if other and tok.ent_type_ == "PER":
                return False
        elif other or cue_lemma(tok) or _speaking_subject(tok):
            return False
    return True


def _sentence_end(doc: Doc, gap_text: str, start: int) -> int:
    """Char offset where the sentence holding the previous quote (and its incise) ends;
    ``start`` when a new sentence starts right after that quote (no incise follows)."""
    if gap_text.lstrip("".join(_CLOSERS) + " \xa0\u202f")[:1].isupper():
        return start
    stops = [i for i in (gap_text.find(c) for c in _ENDS) if i >= 0]
    return start + min(stops, default=len(gap_text))


def _speaking_subject(tok: Token) -> bool:
    """A subject that could be a new speaker: a person noun or an institution."""
    if not tok.dep_.startswith("nsubj") or tok.pos_ != "NOUN":
        return False
    return is_agent_noun(lemma_norm(tok)) or institution(tok) is not None
