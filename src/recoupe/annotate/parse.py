"""The first annotation stage: parse the article text with its language's spaCy pipeline."""

from __future__ import annotations

from ..model import Article
from .nlp import load_nlp


class ParseStage:
    """Creates ``article.doc`` (tokens, sentences, NER where the model has it)."""

    name = "parse"
    requires: tuple[str, ...] = ("text",)
    provides: tuple[str, ...] = ("doc",)

    def __init__(self, default_language: str = "fr") -> None:
        self.default_language = default_language

    def __call__(self, article: Article) -> None:
        lang = article.language or self.default_language
        doc = load_nlp(lang)(article.text)
        doc._.article_id = article.id
        article.doc = doc
