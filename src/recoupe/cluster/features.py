"""Per-article views and pairwise features for :mod:`recoupe.cluster.similarity`.

An :class:`ArticleView` holds what the pair features need from one article:
its sentences' embeddings (title, lead, full text, each sentence) per
embedder, and lexical keys (canonical PER/ORG/LOC entities, places,
capitalised tokens, numbers). Views are built once per article and compared
many times.

``ent_jaccard``/``ent_overlap`` compare canonical NER entities when both
articles have them (French), else capitalised tokens (languages without an
NER model, cross-lingual pairs). ``place_overlap`` is reported, not scored.

Embeddings cover a window: the body's first ``WINDOW_CHARS`` characters of
sentences (whole sentences), not the whole article. The SemEval training
texts the similarity model is fitted on are cut at ~1,000 characters; full
articles (the French 72: median 1,900, up to 4,000+) pushed ``full`` and
``align`` (and e5's one-pass ``full``) out of that range. Measured on the
French 72 (``benchmarks/eval_similarity.py``), the window lifts zero-shot
Pearson 0.756 -> 0.774 (USE) and 0.747 -> 0.788 (USE + e5); 1,200-2,500
characters all do about as well for USE. Lexical keys still use the whole text.

Every pair feature is a *similarity* (higher = closer), in [0, 1] or [-1, 1],
except ``days_apart`` (absolute distance between publication dates, -1 when
either date is unknown).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from ..annotate.nlp import has_ner, load_nlp
from ..embed import Embedder, Vectors
from ..model import Article
from ..text import strip_accents

log = logging.getLogger(__name__)

LEAD_SENTENCES = 3
MAX_SENTENCES = 60
WINDOW_CHARS = 1500
MIN_SENTENCE_CHARS = 15
MAX_TITLE_CHARS = 300
ENTITY_LABELS = {"PER", "PERSON", "ORG", "LOC", "GPE", "NORP", "FAC"}
PLACE_LABELS = {"LOC", "GPE", "FAC"}

_NUMBER = re.compile(r"\d+(?:[.,\s\u202f\u00a0]\d{3})*(?:[.,]\d+)?")
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Embedded:
    """One embedder's vectors for an article (all rows L2-normalised)."""

    title: Vectors | None
    lead: Vectors
    full: Vectors
    sents: Vectors


@dataclass
class ArticleView:
    """What pair features need from one article."""

    lang: str
    title: str
    sentences: list[str]
    entities: frozenset[str]
    places: frozenset[str]
    caps: frozenset[str]
    numbers: frozenset[str]
    published: date | None = None
    has_ner: bool = False
    vectors: dict[str, Embedded] = field(default_factory=dict)


def fold(text: str) -> str:
    """Lower-case, accent-less, whitespace-normalised key."""
    return " ".join(_WORD.findall(strip_accents(text.casefold())))


_PIPELINES: dict[str, Language] = {}


def _pipeline(lang: str) -> Language:
    """``load_nlp`` pinned per language (its own cache is small; reloading is slow)."""
    if lang not in _PIPELINES:
        _PIPELINES[lang] = load_nlp(lang)
    return _PIPELINES[lang]


def _canonical_doc(article: Article) -> Doc:
    """The article's annotated doc, or a fresh parse with canonical entities if possible."""
    if article.doc is not None:
        return article.doc
    nlp = _pipeline(article.language or "xx")
    doc = nlp(article.text)
    try:
        from ..annotate import entities as ent_mod
    except ImportError:
        return doc
    annotate = getattr(ent_mod, "annotate_entities", None)
    if annotate is not None and has_ner(nlp):
        try:
            annotate(doc)
        except Exception as exc:  # canonicalisation is a bonus, never fatal here
            log.debug("annotate_entities failed on %s: %s", article.id, exc)
    return doc


def _entity_keys(doc: Doc) -> tuple[frozenset[str], frozenset[str]]:
    ents: set[str] = set()
    places: set[str] = set()
    for span in doc.ents:
        if span.label_ not in ENTITY_LABELS:
            continue
        name = fold(span._.entity or span.text)
        if len(name) < 2:
            continue
        ents.add(name)
        if span.label_ in {"PER", "PERSON"} and " " in name:
            ents.add(name.rsplit(" ", 1)[1])  # surname: "rex tillerson" ~ "tillerson"
        if span.label_ in PLACE_LABELS:
            places.add(name)
    return frozenset(ents), frozenset(places)


def _caps_keys(doc: Doc) -> frozenset[str]:
    """Capitalised tokens not at a sentence start: a language-agnostic name proxy."""
    keys = set()
    for tok in doc:
        text = tok.text
        if len(text) < 3 or not text[0].isupper() or tok.is_sent_start:
            continue
        if tok.i > 0 and doc[tok.i - 1].text in {".", "!", "?", ":", '"', "«", "»"}:
            continue
        keys.add(fold(text))
    return frozenset(keys)


def _number_keys(text: str) -> frozenset[str]:
    out = set()
    for match in _NUMBER.finditer(text):
        digits = re.sub(r"[\s\u202f\u00a0]", "", match.group()).replace(",", ".")
        if len(digits.replace(".", "")) >= 2:
            out.add(digits.rstrip("0").rstrip(".") if "." in digits else digits)
    return frozenset(out)


def _sentences(doc: Doc, title: str) -> list[str]:
    """Body sentences in the window: skip the ones inside a leading title, drop tiny
    fragments, stop once ``WINDOW_CHARS`` characters (or ``MAX_SENTENCES``) are in."""
    skip_until = 0
    text = doc.text
    stripped = text.lstrip()
    if title and stripped.startswith(title.strip()):
        skip_until = len(text) - len(stripped) + len(title.strip())
    out: list[str] = []
    chars = 0
    for sent in doc.sents:
        if sent.end_char <= skip_until:
            continue
        s = sent.text.strip()
        if len(s) >= MIN_SENTENCE_CHARS:
            out.append(s)
            chars += len(s)
        if len(out) >= MAX_SENTENCES or chars >= WINDOW_CHARS:
            break
    return out


def guess_title(article: Article) -> str:
    """The article's title, else its first line when it looks like a headline."""
    if article.title.strip():
        return article.title.strip()
    first = article.text.strip().split("\n", 1)[0].strip()
    return first if 0 < len(first) <= MAX_TITLE_CHARS else ""


def build_view(article: Article, embedders: Sequence[Embedder] = ()) -> ArticleView:
    """Parse (if needed) and embed one article."""
    doc = _canonical_doc(article)
    title = guess_title(article)
    sentences = _sentences(doc, title) or [s for s in [article.text.strip()[:1000]] if s]
    ents, places = _entity_keys(doc)
    view = ArticleView(
        lang=article.language or "",
        title=title,
        sentences=sentences,
        entities=ents,
        places=places,
        caps=_caps_keys(doc),
        numbers=_number_keys(article.text),
        published=article.published,
        has_ner=bool(doc.has_annotation("ENT_IOB")) and len(doc.ents) > 0,
    )
    for emb in embedders:
        add_vectors(view, emb)
    return view


def _unit(v: Vectors) -> Vectors:
    norm = float(np.linalg.norm(v))
    return (v / norm).astype(np.float32) if norm > 0 else v


def add_vectors(view: ArticleView, embedder: Embedder, *, sentences: bool = True) -> None:
    """Embed title, lead, full text (mean of sentences) and sentences with ``embedder``.

    With ``sentences=False`` (cheaper, for slow embedders) the full-text vector
    is one embedding of the body text and the sentence matrix is just the lead.
    """
    sents = view.sentences
    lead_text = " ".join(sents[:LEAD_SENTENCES])
    texts = [lead_text] + ([view.title] if view.title else [])
    if sentences:
        vecs = embedder.encode([*texts, *sents])
        sent_vecs = vecs[len(texts) :]
        full = _unit(sent_vecs.mean(axis=0))
    else:
        vecs = embedder.encode([*texts, " ".join(sents)])
        sent_vecs = vecs[:1]
        full = vecs[len(texts)]
    view.vectors[embedder.name] = Embedded(
        title=vecs[1:2] if view.title else None,
        lead=vecs[0],
        full=full,
        sents=sent_vecs,
    )


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    small = min(len(a), len(b))
    return len(a & b) / small if small else 0.0


def _alignment(sa: Vectors, sb: Vectors) -> tuple[float, float]:
    """Symmetric max-alignment: mean (and top-quartile mean) of best matches."""
    sims = sa @ sb.T
    best = np.concatenate([sims.max(axis=1), sims.max(axis=0)])
    top = np.sort(best)[-max(1, len(best) // 4) :]
    return float(best.mean()), float(top.mean())


def embedding_features(a: ArticleView, b: ArticleView, name: str) -> dict[str, float]:
    ea, eb = a.vectors[name], b.vectors[name]
    lead = float(ea.lead @ eb.lead)
    if ea.title is not None and eb.title is not None:
        title = float((ea.title @ eb.title.T)[0, 0])
    else:
        title = lead  # no title on one side: the lead stands in for it
    align, align_top = _alignment(ea.sents, eb.sents)
    # Each title (its lead when there is none) against the other's full text.
    ta = ea.title[0] if ea.title is not None else ea.lead
    tb = eb.title[0] if eb.title is not None else eb.lead
    return {
        f"{name}_title": title,
        f"{name}_lead": lead,
        f"{name}_full": float(ea.full @ eb.full),
        f"{name}_align": align,
        f"{name}_align_top": align_top,
        f"{name}_title_full": float(ta @ eb.full + ea.full @ tb) / 2,
    }


def lexical_features(a: ArticleView, b: ArticleView) -> dict[str, float]:
    """Shared names and numbers; ``ent_*`` fall back to capitalised tokens without NER."""
    ner = a.has_ner and b.has_ner
    ents_a, ents_b = (a.entities, b.entities) if ner else (a.caps, b.caps)
    return {
        "ner_both": float(ner),
        "ent_jaccard": _jaccard(ents_a, ents_b),
        "ent_overlap": _overlap(ents_a, ents_b),
        "place_overlap": _overlap(a.places, b.places),
        "caps_jaccard": _jaccard(a.caps, b.caps),
        "caps_overlap": _overlap(a.caps, b.caps),
        "num_jaccard": _jaccard(a.numbers, b.numbers),
        "same_lang": float(bool(a.lang) and a.lang == b.lang),
    }


def days_apart(a: ArticleView, b: ArticleView) -> float:
    if a.published is None or b.published is None:
        return -1.0
    return float(abs((a.published - b.published).days))


def pair_features(a: ArticleView, b: ArticleView, names: Iterable[str]) -> dict[str, float]:
    """All features of a pair, for the embedders ``names`` present in both views."""
    feats: dict[str, float] = {}
    for name in names:
        feats.update(embedding_features(a, b, name))
    feats.update(lexical_features(a, b))
    feats["days_apart"] = days_apart(a, b)
    return feats
