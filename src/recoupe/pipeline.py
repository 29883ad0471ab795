"""A pipeline of small stages that declare what they need and what they add.

A stage is any object with ``name``, ``requires``, ``provides`` and
``__call__(article)``. :class:`Pipeline` checks at construction that every
requirement is provided by an earlier stage, and at run time records one
article's failure (with its reason) and goes on with the batch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from .errors import ConfigError, RecoupeError
from .model import Article

log = logging.getLogger(__name__)

# What a stage may raise on one bad article; anything else is a bug and propagates.
_STAGE_ERRORS = (RecoupeError, ValueError, KeyError, IndexError, TypeError, AttributeError)


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]

    def __call__(self, article: Article) -> None: ...


@dataclass(frozen=True)
class Failure:
    """One input or article that was rejected, and why."""

    item: str
    stage: str
    reason: str

    def __str__(self) -> str:
        return f"{self.item}: {self.reason} [{self.stage}]"


@dataclass
class RunResult:
    articles: list[Article] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


class Pipeline:
    """Runs stages in order over articles; failures are recorded, not raised."""

    def __init__(self, stages: Sequence[Stage], given: Iterable[str] = ("text",)) -> None:
        have = set(given)
        for stage in stages:
            missing = [r for r in stage.requires if r not in have]
            if missing:
                raise ConfigError(
                    f"stage {stage.name!r} needs {missing} which no earlier stage provides"
                )
            have.update(stage.provides)
        self.stages = list(stages)
        self.provides = frozenset(have)

    def run_one(self, article: Article) -> Failure | None:
        for stage in self.stages:
            failure = self.run_stage(stage, article)
            if failure is not None:
                return failure
        return None

    def run_batch(self, articles: Sequence[Article]) -> list[Failure | None]:
        """Like :meth:`run_one` on each article, but a stage with a ``batch`` method
        (parsing with ``nlp.pipe``) gets the articles still alive all at once.
        A batch that fails falls back to one article at a time."""
        failures: list[Failure | None] = [None] * len(articles)
        for stage in self.stages:
            alive = [i for i, f in enumerate(failures) if f is None]
            batch = getattr(stage, "batch", None)
            if batch is not None and len(alive) > 1:
                try:
                    batch([articles[i] for i in alive])
                    continue
                except _STAGE_ERRORS as exc:
                    log.info(
                        "batch of stage %s failed (%s); one article at a time", stage.name, exc
                    )
            for i in alive:
                failures[i] = self.run_stage(stage, articles[i])
        return failures

    def run_stage(self, stage: Stage, article: Article) -> Failure | None:
        """Run one stage on one article; its failure, with the reason, if it raised one of
        the errors a bad article may cause."""
        try:
            stage(article)
        except _STAGE_ERRORS as exc:
            log.info("article %s failed in stage %s: %s", article.id, stage.name, exc)
            return Failure(article.origin or article.id, stage.name, f"{type(exc).__name__}: {exc}")
        return None

    def run(
        self,
        articles: Iterable[Article],
        progress: Callable[[Article], None] | None = None,
    ) -> RunResult:
        result = RunResult()
        for article in articles:
            failure = self.run_one(article)
            if failure is None:
                result.articles.append(article)
            else:
                result.failures.append(failure)
            if progress is not None:
                progress(article)
        return result
