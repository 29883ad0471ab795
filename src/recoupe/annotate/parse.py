"""The first annotation stage: parse the article text with its language's spaCy pipeline."""

from __future__ import annotations

from collections.abc import Sequence

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

    def batch(self, articles: Sequence[Article], batch_size: int = 16) -> None:
        """Parse many articles with ``nlp.pipe`` (same result, less overhead per article)."""
        by_lang: dict[str, list[Article]] = {}
        for article in articles:
            by_lang.setdefault(article.language or self.default_language, []).append(article)
        for lang, group in by_lang.items():
            docs = load_nlp(lang).pipe((a.text for a in group), batch_size=batch_size)
            for article, doc in zip(group, docs, strict=True):
                doc._.article_id = article.id
                article.doc = doc
