"""What the API and the web pages do: read stories, compare and ingest articles.

One :class:`Service` wraps a :class:`~recoupe.corpus.Corpus`. Model work
(annotation, embeddings, briefs) runs under one lock, since the spaCy
pipeline and the embedders are shared by the server's worker threads; story
briefs are cached (keyed by the story's article ids, so a story that gains an
article gets a fresh brief).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from ..brief import Brief
from ..corpus import Corpus, IngestReport
from ..engine import build_brief_or_none, compare_articles, default_aligner
from ..errors import ConfigError, IngestError, NotEnoughArticles, NotFound
from ..ingest.build import Draft, finish
from ..ingest.http import is_url
from ..ingest.metadata import slugify, unique_ids
from ..ingest.readers import read_inputs
from ..model import Article
from ..pipeline import Failure
from ..store import StoryRecord, StorySummary

log = logging.getLogger(__name__)

BRIEF_CACHE_SIZE = 32
MAX_TEXT_BYTES = 5_000_000


@dataclass(frozen=True)
class TextInput:
    """One pasted article."""

    text: str
    title: str | None = None
    source: str | None = None
    published: date | None = None
    language: str | None = None


@dataclass
class StoryView:
    """A stored story, its annotated articles and its brief (None with one source)."""

    record: StoryRecord
    articles: list[Article]
    brief: Brief | None
    error: str | None = None


@dataclass
class ReadResult:
    articles: list[Article] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


def article_from_text(item: TextInput, index: int) -> Article:
    """An :class:`Article` from pasted text, cleaned like a ``.txt`` file."""
    hint = slugify(item.source or item.title or "", default=f"article-{index + 1}")
    draft = Draft(
        raw_text=item.text,
        origin=f"input-{index + 1}",
        id_hint=hint,
        source=item.source or hint,
        title=item.title or "",
        published=item.published,
        language=item.language or "",
        meta={"format": "text"},
    )
    return finish(draft)


def read_texts(items: Sequence[TextInput]) -> ReadResult:
    """Pasted texts as articles (unique ids); unusable ones become failures."""
    out = ReadResult()
    for i, item in enumerate(items):
        if len(item.text.encode("utf-8")) > MAX_TEXT_BYTES:
            out.failures.append(Failure(f"input-{i + 1}", "ingest", "input over the size limit"))
            continue
        try:
            out.articles.append(article_from_text(item, i))
        except IngestError as exc:
            out.failures.append(Failure(exc.source, "ingest", exc.detail))
    for article, new_id in zip(out.articles, unique_ids(a.id for a in out.articles), strict=True):
        article.id = new_id
    return out


def read_urls(urls: Sequence[str]) -> ReadResult:
    """Fetch http(s) URLs only: a path on the server's disk is never read."""
    bad = [u for u in urls if not is_url(u)]
    if bad:
        raise ConfigError(f"only http(s) URLs are accepted, not {bad[0]!r}")
    read = read_inputs(list(urls), max_bytes=MAX_TEXT_BYTES)
    return ReadResult(list(read.articles), list(read.failures))


class Service:
    """Corpus reads, ad-hoc comparisons and ingestion for the API and the pages."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.lock = threading.RLock()
        self._briefs: OrderedDict[tuple[str, ...], tuple[Brief | None, str | None]] = OrderedDict()

    # ---------------------------------------------------------------- stories
    def stories(
        self,
        *,
        since: datetime | None = None,
        lang: str | None = None,
        source: str | None = None,
        query: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> tuple[list[StorySummary], int]:
        """One page of stories and the number of stories matching the filters."""
        lang, source, query = lang or None, source or None, query or None
        page = self.corpus.stories(
            since=since, lang=lang, source=source, query=query, limit=limit, offset=offset
        )
        if len(page) < limit and (page or offset == 0):
            return page, offset + len(page)
        return page, self.corpus.count_stories(since=since, lang=lang, source=source, query=query)

    def facets(self, limit: int = 500) -> tuple[list[str], list[str]]:
        """Languages and sources of the most recent stories (for the filters)."""
        rows = self.corpus.stories(limit=limit)
        langs = sorted({lang for s in rows for lang in s.languages if lang})
        sources = sorted({src for s in rows for src in s.sources if src})
        return langs, sources

    def story(self, story_id: str) -> StoryView:
        """A story with its articles (stored annotations) and its brief (cached)."""
        record = self.corpus.story(story_id)
        if not record.article_ids:
            raise NotFound(f"story {story_id} has no article")
        with self.lock:
            articles = [self.corpus.article(a) for a in record.article_ids]
            key = (record.id, *record.article_ids)
            if key not in self._briefs:
                self._briefs[key] = self._brief(articles)
                while len(self._briefs) > BRIEF_CACHE_SIZE:
                    self._briefs.popitem(last=False)
            self._briefs.move_to_end(key)
            brief, error = self._briefs[key]
        return StoryView(record, articles, brief, error)

    def _brief(self, articles: list[Article]) -> tuple[Brief | None, str | None]:
        from ..annotate.entities import merge_across

        if len(articles) < 2:
            return None, "one article only"
        merge_across([a.require_doc() for a in articles])
        return build_brief_or_none(articles, default_aligner())

    def article(self, article_id: str) -> tuple[Article, str | None]:
        """A stored article with its annotations, and its story id."""
        with self.lock:
            article = self.corpus.article(article_id)
        return article, self.corpus.store.get_article(article_id).story_id

    # ----------------------------------------------------------- ad hoc work
    def compare(self, read: ReadResult) -> tuple[Brief, list[Article], list[Failure]]:
        """The brief of ad-hoc articles; raises NotEnoughArticles under two."""
        _require_two(read)
        with self.lock:
            result = compare_articles(read.articles)
        failures = read.failures + result.failures
        if result.brief is None:
            raise NotEnoughArticles(_why(result.error or "fewer than two articles", failures))
        return result.brief, result.articles, failures

    def ingest(self, read: ReadResult) -> IngestReport:
        """Store articles in the corpus and update its stories."""
        with self.lock:
            return self.corpus.add_articles(read.articles, failures=read.failures)

    def story_of(self, article_id: str) -> str | None:
        return self.corpus.store.get_article(article_id).story_id

    def similarity(
        self, a: TextInput, b: TextInput, *, second_stage: bool = False
    ) -> tuple[float, dict[str, float]]:
        """SemEval-scale score (1 = same event … 4 = unrelated) and its features."""
        from ..cluster.similarity import similarity_from_texts

        with self.lock:
            result = similarity_from_texts(
                a.text,
                b.text,
                title_a=a.title or "",
                title_b=b.title or "",
                lang_a=a.language,
                lang_b=b.language,
                second_stage=second_stage,
            )
        return result.score, dict(result.features)


def _require_two(read: ReadResult) -> None:
    if len(read.articles) < 2:
        raise NotEnoughArticles(
            _why(f"{len(read.articles)} usable article(s), at least two needed", read.failures)
        )


def _why(message: str, failures: Sequence[Failure]) -> str:
    if not failures:
        return message
    return message + "; rejected: " + "; ".join(str(f) for f in failures)
