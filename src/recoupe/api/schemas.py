"""Request bodies of the REST API (pydantic models) and response helpers."""

from __future__ import annotations

import math
from datetime import date
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..store import StorySummary
from .service import TextInput

MAX_ARTICLES = 20


class ArticleIn(BaseModel):
    """One article given as text."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="The article text (plain text or Markdown).")
    title: str | None = Field(None, max_length=1000)
    source: str | None = Field(None, max_length=200, description="Outlet name.")
    published: date | None = Field(None, description="ISO date (YYYY-MM-DD).")
    language: str | None = Field(None, pattern=r"^[a-z]{2}$", description="ISO 639-1 code.")

    def to_input(self) -> TextInput:
        return TextInput(self.text, self.title, self.source, self.published, self.language)


class ArticlesIn(BaseModel):
    """Articles as text, or http(s) URLs to fetch: exactly one of the two."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "articles": [
                        {"text": "Le bilan s'alourdit à quatre morts…", "source": "var-info"},
                        {"text": "Trois morts dans le Var…", "source": "radio-provence"},
                    ]
                }
            ]
        },
    )

    articles: list[ArticleIn] | None = Field(None, max_length=MAX_ARTICLES)
    urls: list[str] | None = Field(None, max_length=MAX_ARTICLES)

    @model_validator(mode="after")
    def one_kind(self) -> Self:
        if (self.articles is None) == (self.urls is None):
            raise ValueError("give either 'articles' or 'urls'")
        for url in self.urls or ():
            if not url.lower().startswith(("http://", "https://")):
                raise ValueError(f"not an http(s) URL: {url[:100]!r}")
        return self


class SimilarityText(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    title: str | None = Field(None, max_length=1000)
    language: str | None = Field(None, pattern=r"^[a-z]{2}$")

    def to_input(self) -> TextInput:
        return TextInput(self.text, self.title, None, None, self.language)


class SimilarityIn(BaseModel):
    """Two texts to score on the SemEval-2022 Task 8 scale."""

    model_config = ConfigDict(extra="forbid")

    a: SimilarityText
    b: SimilarityText
    second_stage: bool = Field(False, description="Add multilingual-e5 features.")


def story_summary(s: StorySummary) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "size": s.size,
        "sources": s.sources,
        "languages": s.languages,
        "first_seen": s.first_seen.isoformat() if s.first_seen else None,
        "last_seen": s.last_seen.isoformat() if s.last_seen else None,
        "url": f"/api/stories/{s.id}",
    }


def finite(values: dict[str, float]) -> dict[str, float | None]:
    """Features as JSON numbers (NaN and infinities become null)."""
    return {k: (float(v) if math.isfinite(float(v)) else None) for k, v in values.items()}
