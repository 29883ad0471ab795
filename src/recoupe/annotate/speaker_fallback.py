"""A learned second opinion on speakers the rules could not read from a name.

The rules of :mod:`recoupe.annotate.quotes` read a speaker from the text: a
cue's subject, a pronoun's antecedent, a passage that continues. Their answer
is *weak* when it is not a name: no speaker at all (an *orphan*), a pronoun
they resolved, or a role phrase they could not tie to anyone (``le
chanteur``). For each French quote with a weak answer this module ranks the
people and organisations of the article, the *candidates*, with a logistic
model over a few features (who spoke just before and just after, how near and
how often the candidate is named, whether it is the rules' answer, whether the
quote has a cue) and gives the quote the best candidate when the model's
probability reaches the fitted threshold; otherwise the rules' answer stays.

A speaker changed this way is marked ``span._.speaker_inferred = True`` and its
``speaker_span`` is the candidate's nearest mention. Features only read the
answers the rules gave, so the order of the quotes does not matter.

The weights live in ``speaker_fallback.json`` beside this module. They are
fitted by ``benchmarks/train_speaker_fallback.py`` on the tuning splits of
the French quote gold (never on the test splits).
"""

from __future__ import annotations

import json
import logging
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span

from ..model import QUOTES
from ..text import doc_text, strip_accents
from .entity_names import initials, is_acronym
from .quote_links import line_of
from .speaker_genders import given_name_gender
from .speech import is_media, wordset

log = logging.getLogger(__name__)

PARAMS_PATH = Path(__file__).with_name("speaker_fallback.json")
SPEAKING = frozenset({"PER", "PERSON", "ORG"})
FAR_CHARS = 3000.0

FEATURES: tuple[str, ...] = (
    "prev_speaker",
    "next_speaker",
    "quote_share",
    "near_before",
    "near_after",
    "same_sentence",
    "same_paragraph",
    "mentions",
    "first_person",
    "person",
    "media",
    "in_title",
    "nearest_before",
    "nearest_after",
    "direct",
    "has_cue",
    "quote_in_title",
    "n_candidates",
    "n_speakers",
    "sentence_subject",
    "echo",
    "rule_pick",
    "rule_pronoun",
    "rule_role",
)
KINDS: tuple[str, ...] = ("none", "pronoun", "role", "name")
PRONOUNS: frozenset[str] = wordset(
    "il elle ils elles lui eux qui celui celle celui-ci celle-ci"
) | {"ce dernier", "cette dernière"}
DETERMINERS: frozenset[str] = wordset(
    "le la les l un une des ce cet cette ces son sa ses leur leurs"
)


@dataclass
class Candidate:
    """One person or organisation of the article, with its mentions outside quotes."""

    name: str
    person: bool
    mentions: list[tuple[int, int]] = field(default_factory=list)
    quotes: list[int] = field(default_factory=list)
    """Start offsets of the quotes the rules gave to this candidate."""
    said: dict[int, frozenset[str]] = field(default_factory=dict)
    """The content words of each of those quotes, by start offset."""


def name_key(name: str) -> str:
    """Names that share their last word (``Macron``, ``Emmanuel Macron``) are one candidate."""
    words = [w for w in strip_accents(name.casefold()).replace("-", " ").split() if len(w) > 1]
    return words[-1] if words else name.casefold()


def kind(span: Span) -> str:
    """How the rules named this quote's speaker: ``none``, ``pronoun``, ``role`` or ``name``."""
    name = span._.speaker
    if name is None:
        return "none"
    if span._.speaker_span is not None:
        start, end = span._.speaker_span
        mention = (
            strip_accents(doc_text(span.doc)[start:end].casefold()).lstrip("-").replace("t-", "")
        )
        if mention.strip() in PRONOUNS:
            return "pronoun"
    first = strip_accents(str(name).casefold()).replace("'", " ").replace("’", " ").split()
    if not first or first[0] in DETERMINERS or not str(name)[:1].isupper():
        return "role"
    return "name"


def candidates(doc: Doc) -> list[Candidate]:
    """People and organisations named outside quotes, and the rules' speakers."""
    quotes = list(doc.spans.get(QUOTES, []))
    inside = [(q.start_char, q.end_char) for q in quotes]
    found: dict[str, Candidate] = {}

    def add(name: str, person: bool) -> Candidate:
        key = name_key(name)
        cand = found.get(key)
        if cand is None:
            cand = found[key] = Candidate(name, person)
        elif len(name) > len(cand.name):
            cand.name = name
        cand.person = cand.person or person
        return cand

    for ent in doc.ents:
        if ent.label_ not in SPEAKING or not ent.text[:1].isupper():
            continue
        if any(s <= ent.start_char < e for s, e in inside):
            continue
        name = str(ent._.entity or ent.text).strip()
        add(name, ent.label_ != "ORG").mentions.append((ent.start_char, ent.end_char))
    for q in quotes:
        if q._.speaker is None or q._.speaker_inferred:
            continue
        cand = add(str(q._.speaker), False)
        cand.quotes.append(q.start_char)
        cand.said[q.start_char] = content_words(q.text)
        if q._.speaker_span is not None:
            cand.mentions.append(tuple(q._.speaker_span))
    _merge_acronyms(found)
    for cand in found.values():
        cand.mentions.sort()
    return [c for c in found.values() if c.mentions or c.quotes]


def _merge_acronyms(found: dict[str, Candidate]) -> None:
    """An acronym (``GE``, ``NKM``) and the name it abbreviates are one candidate."""
    for key, cand in list(found.items()):
        short = cand.name.strip()
        if not is_acronym(short):
            continue
        full = [c for k, c in found.items() if k != key and len(c.name.split()) > 1]
        match = [c for c in full if initials(c.name) == strip_accents(short)]
        if len(match) == 1:
            match[0].mentions += cand.mentions
            match[0].quotes += cand.quotes
            match[0].said.update(cand.said)
            match[0].person = match[0].person or cand.person
            del found[key]


def content_words(text: str) -> frozenset[str]:
    """Accent-free lower-case words of four letters or more."""
    folded = strip_accents(text.casefold())
    return frozenset(w for w in re.findall(r"\w+", folded) if len(w) >= 4)


def _echo(words: frozenset[str], cand: Candidate, own: int) -> float:
    """Largest share of the quote's words found in one quote the rules gave this candidate
    (an intertitle or lead repeating what the candidate says in the body)."""
    if not words:
        return 0.0
    shares = [len(words & w) / len(words) for s, w in cand.said.items() if s != own]
    return max(shares, default=0.0)


def _nearness(dist: float | None) -> float:
    if dist is None:
        return 0.0
    return 1.0 - min(1.0, math.log1p(max(dist, 0.0)) / math.log1p(FAR_CHARS))


def _bounds(doc: Doc, span: Span) -> tuple[tuple[int, int], tuple[int, int]]:
    """(sentence, paragraph) char bounds around the quote."""
    start = min(span[0].sent.start_char, span.start_char)
    end = max(doc[span.end - 1].sent.end_char, span.end_char)
    return (start, end), (line_of(doc, span.start_char)[0], line_of(doc, span.end_char)[1])


@dataclass(frozen=True)
class _Context:
    prev: str | None
    next: str | None
    n_quotes: int
    first_person: str | None
    title_end: int
    nearest_before: str | None
    nearest_after: str | None


def _context(doc: Doc, span: Span, cands: list[Candidate]) -> _Context:
    spoken = sorted((s, name_key(c.name)) for c in cands for s in c.quotes if s != span.start_char)
    before = [k for s, k in spoken if s < span.start_char]
    after = [k for s, k in spoken if s > span.start_char]
    persons = [(c.mentions[0][0], name_key(c.name)) for c in cands if c.person and c.mentions]
    last = [(m[1], name_key(c.name)) for c in cands for m in c.mentions if m[1] <= span.start_char]
    nxt = [(m[0], name_key(c.name)) for c in cands for m in c.mentions if m[0] >= span.end_char]
    text = doc_text(doc)
    title_end = text.find("\n")
    return _Context(
        before[-1] if before else None,
        after[0] if after else None,
        len(spoken),
        min(persons)[1] if persons else None,
        title_end if title_end >= 0 else len(text),
        max(last)[1] if last else None,
        min(nxt)[1] if nxt else None,
    )


def _mentions(cand: Candidate, span: Span) -> list[tuple[int, int]]:
    """The candidate's mentions, less the one the rules read this quote's speaker from."""
    own = span._.speaker_span
    return [m for m in cand.mentions if own is None or tuple(own) != m]


def _subject(doc: Doc, mention: tuple[int, int]) -> bool:
    """Is this mention a verb's subject (``X a jugé …``, ``a indiqué X``)?"""
    found = doc.char_span(mention[0], mention[1], alignment_mode="expand")
    return found is not None and found.root.dep_.startswith("nsubj")


def features(doc: Doc, span: Span, cands: list[Candidate]) -> list[list[float]]:
    """One feature row (in :data:`FEATURES` order) per candidate for one quote."""
    ctx = _context(doc, span, cands)
    (s0, s1), (p0, p1) = _bounds(doc, span)
    speakers = {name_key(c.name) for c in cands if set(c.quotes) - {span.start_char}}
    how = kind(span)
    words = content_words(span.text)
    rule = name_key(str(span._.speaker)) if span._.speaker is not None else None
    rows = []
    for cand in cands:
        key = name_key(cand.name)
        mentions = _mentions(cand, span)
        own = [q for q in cand.quotes if q != span.start_char]
        before = [span.start_char - e for _, e in mentions if e <= span.start_char]
        after = [s - span.end_char for s, _ in mentions if s >= span.end_char]
        subject = float(any(_subject(doc, m) for m in mentions if s0 <= m[0] < s1))
        rows.append(
            [
                float(ctx.prev == key),
                float(ctx.next == key),
                len(own) / max(1, ctx.n_quotes),
                _nearness(min(before) if before else None),
                _nearness(min(after) if after else None),
                float(
                    any(
                        s0 <= s < s1 and not span.start_char <= s < span.end_char
                        for s, _ in mentions
                    )
                ),
                float(
                    any(
                        p0 <= s < p1 and not span.start_char <= s < span.end_char
                        for s, _ in mentions
                    )
                ),
                math.log1p(len(mentions)) / math.log(10),
                float(ctx.first_person == key),
                float(cand.person),
                float(is_media(cand.name)),
                float(any(s < ctx.title_end for s, _ in mentions)),
                float(ctx.nearest_before == key),
                float(ctx.nearest_after == key and bool(after) and span.end_char + min(after) < p1),
                float(bool(span._.direct)),
                float(span._.cue is not None),
                float(span.start_char < ctx.title_end),
                math.log1p(len(cands)) / math.log(10),
                math.log1p(len(speakers)) / math.log(10),
                subject,
                _echo(words, cand, span.start_char),
                float(rule == key),
                float(how == "pronoun"),
                float(how == "role"),
            ]
        )
    return rows


@dataclass(frozen=True)
class Model:
    """Logistic weights over :data:`FEATURES`, the probability a pick must reach, and the
    kinds of rule answers (:data:`KINDS`) it reconsiders."""

    weights: tuple[float, ...]
    bias: float
    threshold: float
    kinds: frozenset[str] = frozenset({"none"})

    def probability(self, row: list[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, row, strict=True))
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def load_model(path: Path = PARAMS_PATH) -> Model | None:
    """The fitted model, or None (rules only) when the file is absent or for other features."""
    if not path.exists():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    if tuple(raw["features"]) != FEATURES:
        log.warning("%s was fitted on other features; rules' speakers only", path.name)
        return None
    return Model(
        tuple(raw["weights"]), float(raw["bias"]), float(raw["threshold"]), frozenset(raw["kinds"])
    )


def nearest_mention(cand: Candidate, span: Span) -> tuple[int, int]:
    """The candidate's mention nearest to the quote (before it on ties)."""
    return min(
        cand.mentions,
        key=lambda m: (span.start_char - m[1]) if m[1] <= span.start_char else m[0] - span.end_char,
    )


_INCISE_PRONOUN = re.compile(r"[\s\"»”]*,?\s*[\w'’]+(?:-t)?-(il|elle)\b", re.IGNORECASE)
"""An incise with a subject pronoun right after a quote (``", a-t-elle expliqué``)."""


def cue_gender(doc: Doc, span: Span) -> str | None:
    """The gender of the pronoun in the incise right after ``span``, if there is one."""
    found = _INCISE_PRONOUN.match(doc_text(doc), span.end_char, span.end_char + 40)
    return None if found is None else "Fem" if found.group(1).lower() == "elle" else "Masc"


def pick(model: Model, rows: list[list[float]], allowed: list[bool] | None = None) -> int | None:
    """Index of the candidate the model gives the quote, or None to keep the rules' answer;
    ``allowed`` rules candidates out (a man for ``a-t-elle dit``)."""
    if not rows:
        return None
    probs = [
        model.probability(row) if allowed is None or allowed[i] else 0.0
        for i, row in enumerate(rows)
    ]
    best = max(range(len(rows)), key=lambda i: (probs[i], -i))
    return best if probs[best] >= model.threshold else None


def reconsider(doc: Doc, model: Model | None = None) -> int:
    """Re-rank the speakers of French quotes with a weak rule answer; the number changed."""
    model = model or load_model()
    if model is None or doc.lang_ != "fr":
        return 0
    spans = [s for s in doc.spans.get(QUOTES, []) if kind(s) in model.kinds]
    cands = candidates(doc)  # the rules' answers only: a change below never feeds another
    changed = 0
    for span in spans:
        gender = cue_gender(doc, span)
        allowed = [given_name_gender(c.name) in (None, gender) for c in cands] if gender else None
        best = pick(model, features(doc, span, cands), allowed)
        if best is None or not cands[best].mentions:
            continue
        if span._.speaker is not None and name_key(str(span._.speaker)) == name_key(
            cands[best].name
        ):
            continue
        span._.speaker = cands[best].name
        span._.speaker_span = nearest_mention(cands[best], span)
        span._.speaker_inferred = True
        changed += 1
    return changed
