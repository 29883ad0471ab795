"""Reported-speech rules and speech-verb subjects, for :mod:`recoupe.annotate.quotes`.

* :func:`subject_of` — the subject token of a speech verb: the parsed subject,
  else the inverted subject after the verb (``…, a indiqué mardi à l'AFP la
  préfecture``: adverbials and prepositional phrases are skipped), else a name
  near the verb; a participle clause (``…, ajoutant que``) takes its main
  verb's subject.
* :func:`indirect_items` — reported speech without quotation marks: ``X a
  déclaré que …``, ``X a dit vouloir …``, ``selon X, …`` / ``…, selon X`` and
  ``clause, a déclaré X.`` (only when the clause has its own finite verb and
  nothing but the speaker follows the verb).
* ``selon X`` sources (X, the agent of ``selon un bilan communiqué par la
  préfecture``) are read by :mod:`.quote_sources`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .quote_inversion import ALL_MARKS, OPENERS, QUE, SCAN_STOP, inverted_subject, scan
from .quote_sources import is_time, source_agent, source_object, speaks
from .speaker_phrases import (
    GROUP_WORDS,
    adjectival,
    clitic_subject,
    finite,
    incise_clitic,
    object_clitic,
    past_light_noun,
)
from .speakers import RELATIVES, Speaker, pronoun_gender
from .speech import (
    FR_INFINITIVE_REPORTING,
    cue_lemma,
    has_inverted_clitic,
    is_reporting,
    source_prep,
)

log = logging.getLogger(__name__)

SUBJECT_DEPS = ("nsubj", "nsubj:pass", "nsubjpass", "csubj")
WINDOW = 8


@dataclass
class Item:
    """One quote found, before its speaker is resolved.

    ``governed`` is True when the cue is tied to the quote (a speech verb above
    it in the parse, an incise right after it, a ``selon`` phrase), False when
    it is only the nearest speech verb of the sentence.
    """

    span: Span
    direct: bool
    cue: str | None
    subject: Token | None
    speaker: Speaker | None = None
    governed: bool = True


# -- subjects ----------------------------------------------------------------
def subject_of(
    verb: Token, excluded: AbstractSet[int] = frozenset(), depth: int = 0
) -> Token | None:
    """The subject token of a speech verb: parsed subject, inverted subject, agent, nearby name."""
    doc = verb.doc
    if not doc.has_annotation("DEP"):
        return _window_subject(verb, excluded)
    main = _participle_head(verb)
    if main is not None and depth < 2:
        return subject_of(main, excluded, depth + 1)
    parsed = _parsed_subject(verb, excluded, depth=0)
    if parsed is not None and object_clitic(parsed) and inverted_position(verb):
        inverted = inverted_subject(verb, excluded | {parsed.i})
        if inverted is not None:
            return inverted
    incise = parsed is not None and doc.lang_ == "fr" and _after_quote(verb, parsed)
    if parsed is not None and (parsed.i < verb.i or doc.lang_ == "en") and not incise:
        return parsed
    if (parsed is None or incise) and (clitic := clitic_subject(verb)) is not None:
        return clitic
    if inverted_position(verb):
        inverted = inverted_subject(verb, excluded)
        if inverted is not None:
            return inverted
    if parsed is not None:
        return parsed
    return _window_subject(verb, excluded)


def _after_quote(verb: Token, parsed: Token) -> bool:
    """The verb opens an incise after a comma, and a quote closes right before that comma
    (``Le fait que …, « … », a déclaré X``) or anywhere after the subject the parser found
    (``La France compte « 30 % de touristes en moins » à cause de l'épidémie, a estimé le
    ministre``): that subject is not the verb's."""
    doc = verb.doc
    start = group_start(verb)
    if start < 2 or doc[start - 1].text != "," or not cue_lemma(verb):
        return False
    first = min(parsed.i + 1, start - 2) if parsed.i < start else start - 2
    return any(doc[i].text in _CLOSING for i in range(first, start - 1))


_CLOSING = (ALL_MARKS - OPENERS) | {'"'}


def _participle_head(verb: Token) -> Token | None:
    """The finite verb a present participle hangs from (``a-t-il dit, ajoutant que``)."""
    forms = verb.morph.get("VerbForm", [])
    if "Part" not in forms or "Pres" not in verb.morph.get("Tense", []) or verb.dep_ == "ROOT":
        return None
    previous = _cue_before_comma(verb)
    if previous is not None:
        return previous
    tok = verb.head
    for _ in range(3):
        if tok.pos_ in ("VERB", "AUX") and tok.i != verb.i:
            return tok
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return None


def _cue_before_comma(verb: Token) -> Token | None:
    """``« … », a-t-il confié au Monde, ajoutant que``: the speech verb of the incise
    the participle continues (the parser often hangs it from the quoted verb)."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text != ",":
        return None
    for tok in reversed(doc[max(verb.sent.start, verb.i - 10) : verb.i - 1]):
        if tok.text in ALL_MARKS or tok.text in (".", ";", ":"):
            return None
        if tok.pos_ in ("VERB", "AUX", "X", "NOUN") and cue_lemma(tok):
            return tok
    return None


def group_start(verb: Token) -> int:
    doc = verb.doc
    start = verb.i
    while start > verb.sent.start:
        if _possessive_locution(doc, start):
            start -= 3
        elif start == verb.i and _causative(verb):
            start -= 1  # ``a fait savoir``
        elif (
            doc[start - 1].pos_ in ("AUX", "ADV")
            or doc[start - 1].lower_ in GROUP_WORDS
            or incise_clitic(doc, start - 1)
            or _adverbial_locution(doc, start)
        ):
            start -= 1
        else:
            break
    return start


def _causative(verb: Token) -> bool:
    """An infinitive right after a form of ``faire`` (``Matignon a fait savoir``): the
    subject and auxiliary are those of ``faire``."""
    return (
        verb.i > 0
        and "Inf" in verb.morph.get("VerbForm", [])
        and verb.doc[verb.i - 1].lemma_ == "faire"
    )


def _possessive_locution(doc: Doc, start: int) -> bool:
    """``a pour sa part commenté``, ``a de son côté estimé``: a preposition, a possessive and
    a noun inside the verb group, after its auxiliary (``doc[start - 3 : start]``)."""
    if start < 4 or doc[start].pos_ != "VERB":
        return False
    prep, det, noun, aux = doc[start - 3], doc[start - 2], doc[start - 1], doc[start - 4]
    return (
        prep.pos_ == "ADP"
        and "Yes" in det.morph.get("Poss", [])
        and noun.pos_ == "NOUN"
        and (aux.pos_ == "AUX" or aux.lower_ in GROUP_WORDS)
    )


def in_verb_group(tok: Token) -> bool:
    """``tok`` is a word of such a locution (``pour``, ``sa``, ``part`` in ``a pour sa part
    commenté``)."""
    doc = tok.doc
    return any(
        j < len(doc) and j - 3 <= tok.i and _possessive_locution(doc, j)
        for j in range(tok.i + 1, tok.i + 4)
    )


def _adverbial_locution(doc: Doc, start: int) -> bool:
    """``a par ailleurs ironisé``, ``a d'abord expliqué``: a preposition + adverb inside the
    verb group, after its auxiliary."""
    aux = doc[start - 2] if start - 2 >= 0 else None
    if aux is None or doc[start - 1].pos_ != "ADP" or doc[start].pos_ != "ADV":
        return False
    return aux.pos_ == "AUX" or aux.lower_ in GROUP_WORDS


def inverted_position(verb: Token) -> bool:
    """The verb opens an incise: after a comma, a quote mark or the sentence start, or ``-t-il``."""
    doc = verb.doc
    if has_inverted_clitic(verb):
        return True
    start = group_start(control_head(verb) or verb)
    if start == verb.sent.start:
        return True
    before = doc[start - 1]
    return before.is_punct or before.text in ALL_MARKS


def control_head(verb: Token) -> Token | None:
    """The finite verb group an infinitive complements right after it (``a tenu à
    rassurer``, ``a voulu rappeler``; not ``Pressé de commenter``), else None."""
    head = verb.head
    if verb.dep_ != "xcomp" or "Inf" not in verb.morph.get("VerbForm", []) or head.i > verb.i:
        return None
    between = verb.doc[head.i + 1 : verb.i]
    if not all(t.lower_ in _CONTROL_MARKS for t in between):
        return None
    finite = "Fin" in head.morph.get("VerbForm", [])
    return head if finite or any(c.dep_ == "aux:tense" for c in head.children) else None


_CONTROL_MARKS = frozenset({"à", "de", "d'", "d’"})


def _parsed_subject(verb: Token, excluded: AbstractSet[int], depth: int) -> Token | None:
    group = [verb] + [c for c in verb.children if c.dep_.startswith("aux")]
    if _causative(verb):
        group.append(verb.doc[verb.i - 1])
    if any(c.dep_ == "aux:pass" for c in verb.children):  # ``a été qualifié de … par X``
        agent = next((c for c in verb.children if _agent(c) and c.i not in excluded), None)
        if agent is not None:
            return agent
    for tok in group:
        for child in tok.children:
            if child.dep_ not in SUBJECT_DEPS or child.i in excluded:
                continue
            if child.lower_ in ("-t", "t"):
                clitic = next(  # ``explique-t-on``: ``on`` may name its source
                    (c for c in child.children if pronoun_gender(c)[0] or c.lower_ == "-on"),
                    None,
                )
                if clitic is not None:
                    return clitic
                continue
            if (
                child.lower_ in RELATIVES
                and verb.dep_.startswith("acl")
                and verb.head.pos_ in ("NOUN", "PROPN", "PRON")
            ):
                return past_light_noun(verb.head, child.i)
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
        agent = scan(doc, range(verb.i + 2, min(verb.i + 5, verb.sent.end)), excluded)
        if agent is not None:
            return agent
    if verb.dep_ == "acl" and verb.head.i < verb.i and verb.head.pos_ in ("PROPN", "NOUN"):
        between = doc[verb.head.i + 1 : verb.i]
        allowed = all(t.pos_ in ("AUX", "PUNCT", "PRON", "PROPN", "ADV") for t in between)
        if allowed and any(t.pos_ == "AUX" or t.lower_ in ("a", "avait") for t in between):
            return verb.head
    return None


def _agent(tok: Token) -> bool:
    """The agent of a passive verb: ``obl:agent``, or an oblique after ``par``."""
    by = any(c.lower_ == "par" for c in tok.children)
    return tok.dep_ == "obl:agent" or (
        tok.dep_.startswith("obl") and by and tok.pos_ in ("NOUN", "PROPN")  # not ``par ailleurs``
    )


def _window_subject(verb: Token, excluded: AbstractSet[int]) -> Token | None:
    """Inverted subject right after the verb, else the subject just before it."""
    doc = verb.doc
    start = group_start(verb)
    before = doc[start - 1] if start > verb.sent.start else None
    if before is None or before.is_punct or before.text in ALL_MARKS:
        if doc.has_annotation("TAG") or doc.has_annotation("POS"):
            found = inverted_subject(verb, excluded)
        else:
            found = scan(doc, range(verb.i + 1, min(verb.i + WINDOW, verb.sent.end)), excluded)
        if found is not None:
            return found
    if _participle_head(verb) is not None:
        return None
    return scan(
        doc,
        range(start - 1, max(verb.sent.start - 1, start - WINDOW - 1), -1),
        excluded,
    )


# -- reported speech -----------------------------------------------------------
def indirect_items(doc: Doc, inside: set[int]) -> Iterator[Item]:
    """Reported speech outside quotation marks (``inside``: token indices within marks)."""
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
        verb, lemma = climb_cue(tok)
        if verb is not tok:
            continue
        clause_start = _reported_start(verb, lemma or "", doc.lang_)
        if clause_start is None:
            item = _parenthetical_item(verb, lemma, inside)
            if item is not None:
                yield item
            continue
        span = clause(doc, clause_start, tok.sent.end)
        if span is not None:
            yield Item(span, False, lemma, subject_of(verb, set(range(span.start, span.end))))


def climb_cue(tok: Token) -> tuple[Token, str | None]:
    """``a dit vouloir`` -> the speech verb ``dit`` above an xcomp speech verb."""
    lemma = cue_lemma(tok)
    while tok.dep_ == "xcomp" and tok.head.i != tok.i and cue_lemma(tok.head):
        tok = tok.head
        lemma = cue_lemma(tok)
    return tok, lemma


def _reported_start(verb: Token, lemma: str, lang: str) -> int | None:
    """First token of the reported clause after ``verb``: after ``que``, or an infinitive."""
    doc = verb.doc
    for i in range(verb.i + 1, min(verb.i + WINDOW, verb.sent.end)):
        tok = doc[i]
        if tok.lower_ in QUE and is_reporting(lemma, lang):
            return i + 1
        if tok.text in ALL_MARKS or tok.text in SCAN_STOP:
            return None
        if tok.pos_ in ("VERB", "AUX") and "Inf" in tok.morph.get("VerbForm", []):
            return i if lemma in FR_INFINITIVE_REPORTING and lang != "en" else None
        if tok.pos_ in ("VERB", "SCONJ") or tok.lower_ in ("qui", "dont", "si", "if", "whether"):
            return None
    return None


def has_own_finite_verb(doc: Doc, start: int, end: int) -> bool:
    """Whether ``doc[start:end]`` is a clause: a finite verb outside relative clauses.

    Without a tagger (English blank pipeline) any clause of 3+ words passes.
    """
    if not doc.has_annotation("POS"):
        return end - start >= 3
    for tok in doc[start:end]:
        if not finite(tok):
            continue
        head = tok.head if tok.dep_.startswith(("aux", "cop")) else tok
        relative = any(
            c.lower_ in RELATIVES or c.lower_ in ("dont", "où")
            for c in head.children
            if c.i < head.i
        )
        if not head.dep_.startswith("acl") and not relative:
            return True
    return False


def _parenthetical_item(verb: Token, lemma: str | None, inside: set[int]) -> Item | None:
    """``La situation est grave, a déclaré le ministre.`` / ``…, John Smith said.``

    The clause before the comma must have its own finite verb; in French the
    verb must follow the comma directly and have no object: only its inverted
    subject and adverbials come after it, up to the next comma.
    """
    doc = verb.doc
    sent = verb.sent
    comma = None
    for i in range(verb.i - 1, max(sent.start, verb.i - 7) - 1, -1):
        if doc[i].text == ",":
            comma = i
            break
        if doc[i].text in ALL_MARKS or doc[i].text in SCAN_STOP or doc[i].pos_ in ("VERB", "SCONJ"):
            return None
    if (
        comma is None
        or comma - sent.start < 3
        or any(i in inside for i in range(sent.start, sent.end))
        or not has_own_finite_verb(doc, sent.start, comma)
    ):
        return None
    tail_end = next((t.i for t in doc[verb.i + 1 : sent.end] if t.text == ","), sent.end)
    tail = doc[verb.i + 1 : tail_end]
    if any(
        (t.pos_ == "VERB" and not adjectival(t)) or t.lower_ in QUE or t.text in ALL_MARKS
        for t in tail
    ):
        return None
    if doc.lang_ != "en" and doc.has_annotation("POS") and not _incise(verb, comma, tail_end):
        return None
    span = clause(doc, sent.start, comma)
    if span is None:
        return None
    return Item(span, False, lemma, subject_of(verb, set(range(span.start, span.end))))


def _incise(verb: Token, comma: int, tail_end: int) -> bool:
    """``, a indiqué mardi la préfecture``: verb right after the comma, subject after it, no object."""
    if group_start(verb) != comma + 1:
        return False
    subject = inverted_subject(verb, set(range(verb.sent.start, comma + 1)))
    if subject is None:
        return False
    objects = [
        c
        for c in verb.children
        if c.dep_ in ("obj", "ccomp", "xcomp")
        and verb.i < c.i < tail_end
        and c.i != subject.i
        and c.i > subject.i
        and not is_time(c)
    ]
    return not objects


def clause(doc: Doc, start: int, end: int) -> Span | None:
    """doc[start:end] trimmed of edge punctuation (quote marks kept when paired), cut at a
    sentence end the sentencizer missed (``national.Dans``)."""
    end = next(
        (
            t.i
            for t in doc[start : end - 1]
            if t.text in (".", "!", "?")
            and not t.whitespace_
            and doc[t.i + 1].is_title
            and doc[t.i + 1].is_alpha
        ),
        end,
    )
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


def prep_cue(prep: str) -> str:
    return "according to" if prep == "according to" else "selon"


def _selon_item(tok: Token, inside: set[int]) -> Item | None:
    """``Selon X, clause.`` / ``clause, selon X.``: the clause, reported by X."""
    doc = tok.doc
    sent = tok.sent
    obj = source_object(tok)
    if obj is None or not speaks(obj):
        return None
    phrase_end = obj.i + 1
    while (
        phrase_end < sent.end
        and doc[phrase_end].text != ","
        and doc[phrase_end].text not in SCAN_STOP
    ):
        if doc[phrase_end].text in ALL_MARKS or phrase_end - obj.i > 8:
            return None
        phrase_end += 1
    opens = tok.i == sent.start or doc[tok.i - 1].text == ","
    closes = (
        phrase_end >= sent.end or doc[phrase_end].text in (",", ".") or doc[phrase_end].is_punct
    )
    if not (opens and closes):
        return None
    left = clause(doc, sent.start, tok.i)
    right = clause(doc, phrase_end, sent.end)
    best = max((s for s in (left, right) if s is not None), key=len, default=None)
    if best is None:
        return None
    return Item(best, False, prep_cue(source_prep(tok) or "selon"), source_agent(obj) or obj)
