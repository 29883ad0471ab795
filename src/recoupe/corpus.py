"""A corpus that lives: ingest articles into a store, keep stories up to date, build briefs.

Each article goes read → annotate → embed → dedup → cluster → store, and is
committed on its own, so an interrupted ingest loses nothing that was reported
as stored and the next run resumes (an article stored without a story is
clustered again). Wire copies are linked to the article they copy and join
its story, but are not counted as independent sources in briefs.

Clustering is incremental and time-local: only stored articles within the
clusterer's time window of the new ones are loaded to decide where the new
ones go; their stored story ids are kept, and a new article that bridges two
stored stories merges them.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import numpy as np

from .annotate.nlp import load_nlp
from .brief import Brief
from .cluster import ClusterItem, LinkedClusterer, config_for, story_id
from .dedup import DuplicateIndex
from .embed import Embedder, get_embedder
from .engine import annotation_pipeline, build_brief_or_none, default_aligner
from .errors import AnnotationError, NotEnoughArticles, NotFound
from .ingest import read_inputs
from .model import Article
from .pipeline import Failure
from .store import Store, StoredArticle, StoryRecord, StorySummary, doc_from_bytes, doc_to_bytes

log = logging.getLogger(__name__)

ANNOTATOR_VERSION = "recoupe-annotate/1"
LEAD_CHARS = 600
PREPARE_CHUNK = 16  # articles parsed and embedded together; each is still stored on its own


def vector_text(article: Article) -> str:
    """What an article's story vector is computed from: its title and lead."""
    body = article.text
    if article.title and body.startswith(article.title):
        body = body[len(article.title) :]
    lead = " ".join(body.split())[:LEAD_CHARS]
    return f"{article.title}. {lead}" if article.title else lead


def _entities(article: Article) -> list[str]:
    doc = article.require_doc()
    return sorted({e._.entity or e.text for e in doc.ents if e.label_ in ("PER", "LOC", "ORG")})


def _as_datetime(value: date | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def corpus_id(article: Article) -> str:
    """Corpus ids come from the content, so the same text always gets the same id."""
    return f"a-{article.hash[:12]}"


@dataclass
class Prepared:
    """An article after the per-article work (annotate + embed), ready to commit.

    Picklable (the Doc travels as bytes), so Dask workers can prepare articles.
    """

    article: Article
    doc_bytes: bytes | None
    vector: np.ndarray | None
    failure: Failure | None
    stored_id: str | None = None


def prepare_article(article: Article, embedder: str = "use") -> Prepared:
    """Annotate and embed one article (the part of ingest that can run anywhere)."""
    return prepare_articles([article], embedder)[0]


def prepare_articles(articles: Sequence[Article], embedder: str = "use") -> list[Prepared]:
    """Annotate and embed articles, parsing with ``nlp.pipe`` and embedding in one call."""
    for article in articles:
        if article.id and "slug" not in article.meta:
            article.meta["slug"] = article.id
        article.id = corpus_id(article)
    failures = annotation_pipeline().run_batch(articles)
    ok = [a for a, f in zip(articles, failures, strict=True) if f is None]
    vectors = get_embedder(embedder).encode([vector_text(a) for a in ok])
    vector_of = {id(a): v for a, v in zip(ok, vectors, strict=True)}
    out: list[Prepared] = []
    for article, failure in zip(articles, failures, strict=True):
        if failure is not None:
            out.append(Prepared(article, None, None, failure))
            continue
        article.meta["entities"] = _entities(article)
        doc_bytes = doc_to_bytes(article.require_doc())
        article.doc = None
        out.append(Prepared(article, doc_bytes, vector_of[id(article)], None))
    return out


# An article to dedup and cluster, with its vector when it was just computed.
Pending = tuple[Article, np.ndarray | None]


@dataclass
class IngestReport:
    """What one ingest run did, item by item."""

    run_id: str
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    revisions: list[str] = field(default_factory=list)
    duplicates: dict[str, str] = field(default_factory=dict)
    stories: dict[str, str] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)

    @property
    def stored(self) -> int:
        return len(self.added) + len(self.revisions)


class Corpus:
    """Articles, stories and briefs on top of a :class:`~recoupe.store.Store`."""

    def __init__(self, store: Store, *, embedder: str = "use") -> None:
        self.store = store
        self.embedder_name = embedder
        self.cluster_config = config_for(embedder)
        self._embedder: Embedder | None = None

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = get_embedder(self.embedder_name)
        return self._embedder

    # ------------------------------------------------------------------ ingest
    def ingest(
        self,
        items: Sequence[str],
        *,
        source: str | None = None,
        max_bytes: int = 5_000_000,
        progress: Callable[[Article], None] | None = None,
    ) -> IngestReport:
        """Read files/URLs and add them (see :meth:`add_articles`)."""
        read = read_inputs(items, source=source, max_bytes=max_bytes)
        return self.add_articles(read.articles, failures=read.failures, progress=progress)

    def add_articles(
        self,
        articles: Sequence[Article],
        *,
        failures: Iterable[Failure] = (),
        progress: Callable[[Article], None] | None = None,
    ) -> IngestReport:
        """Annotate, embed, dedup, cluster and store articles; record every reject.

        Articles whose text is already stored are not annotated again.
        """

        def prepared() -> Iterable[Prepared]:
            for start in range(0, len(articles), PREPARE_CHUNK):
                chunk = articles[start : start + PREPARE_CHUNK]
                stored = [self._stored_version(a) for a in chunk]
                fresh = prepare_articles(
                    [a for a, s in zip(chunk, stored, strict=True) if s is None], self.embedder_name
                )
                for article, known in zip(chunk, stored, strict=True):
                    if known is not None:
                        yield Prepared(known.to_article(), None, None, None, stored_id=known.id)
                    else:
                        yield fresh.pop(0)
                    if progress is not None:
                        progress(article)

        return self.commit(prepared(), failures=failures, items=len(articles))

    def commit(
        self, prepared: Iterable[Prepared], *, failures: Iterable[Failure] = (), items: int = 0
    ) -> IngestReport:
        """Store prepared articles one transaction each, then dedup and cluster the new ones.

        The single-process ingest and the Dask batch both end here, so they give
        the same corpus for the same input.
        """
        run_id = self.store.start_run(params={"items": items})
        report = IngestReport(run_id=run_id)
        for failure in failures:
            self._reject(report, failure, run_id)
        pending: list[Pending] = []
        for item in prepared:
            if item.failure is not None:
                self._reject(report, item.failure, run_id)
            elif item.stored_id is not None:
                self._resume(item.stored_id, report, pending)
            elif item.vector is not None and self._store(item, report, run_id):
                pending.append((item.article, item.vector))
        self._dedup_and_cluster(pending, report)
        self.store.finish_run(run_id)
        return report

    def _resume(self, stored_id: str, report: IngestReport, pending: list[Pending]) -> None:
        """An article already stored: unchanged, or stored without a story by an interrupted run."""
        stored = self.store.get_article(stored_id)
        if stored.story_id is not None:
            report.unchanged.append(stored.id)
            return
        pending.append((stored.to_article(), None))  # its stored vector is read when clustering

    def _stored_version(self, article: Article) -> StoredArticle | None:
        try:
            stored = self.store.get_article(corpus_id(article))
        except NotFound:
            return None
        return stored if stored.content_hash == article.hash else None

    def _store(self, item: Prepared, report: IngestReport, run_id: str) -> bool:
        article = item.article
        assert item.vector is not None
        result = self.store.add_article(
            article,
            doc_bytes=item.doc_bytes,
            vectors={self.embedder_name: item.vector},
            annotator=ANNOTATOR_VERSION,
            run_id=run_id,
        )
        if result.status == "unchanged":
            report.unchanged.append(result.article_id)
            return False
        (report.revisions if result.status == "revision" else report.added).append(
            result.article_id
        )
        article.id = result.article_id
        return True

    def _reject(self, report: IngestReport, failure: Failure, run_id: str) -> None:
        report.failures.append(failure)
        self.store.add_reject(failure.item, failure.stage, failure.reason, run_id=run_id)

    # -------------------------------------------------------- dedup + cluster
    def _window_start(self, articles: Sequence[Article]) -> datetime | None:
        dates = [_as_datetime(a.published) for a in articles if a.published is not None]
        if len(dates) < len(articles) or not dates:
            return None
        return min(d for d in dates if d is not None) - timedelta(
            days=self.cluster_config.window_days
        )

    def _neighbours(self, since: datetime | None, exclude: set[str]) -> list[StoredArticle]:
        return [
            s for s in self.store.iter_articles(since=since) if s.id not in exclude and s.story_id
        ]

    def _dedup_and_cluster(self, pending: list[Pending], report: IngestReport) -> None:
        if not pending:
            return
        new_ids = {a.id for a, _ in pending}
        since = self._window_start([a for a, _ in pending])
        old = self._neighbours(since, new_ids)
        dedup = DuplicateIndex()
        for stored in sorted(old, key=lambda s: s.id):
            dedup.add(stored.id, stored.text)
        ids, matrix = self.store.get_vectors(self.embedder_name, since=since)
        row = {i: n for n, i in enumerate(ids)}
        clusterer = LinkedClusterer(self.embedder_name, self.cluster_config)
        stored_story: dict[str, str] = {}
        items: list[ClusterItem] = []
        for stored in old:
            if stored.id in row:
                items.append(self._item(stored.to_article(), matrix[row[stored.id]]))
                stored_story[stored.id] = str(stored.story_id)
        texts = {a.id: a.text for a, _ in pending}
        new_items = [self._item(a, self._vector(a, v, row, matrix)) for a, v in pending]
        for item in sorted(new_items, key=_cluster_key):
            copy_of = dedup.add(item.id, texts[item.id])
            if copy_of is not None:
                self.store.set_duplicate(item.id, copy_of)
                report.duplicates[item.id] = copy_of
        clusterer.extend(sorted(items + new_items, key=_cluster_key))
        self._sync_stories(clusterer.stories(), stored_story, new_ids, report)

    def _vector(
        self, article: Article, vector: np.ndarray | None, row: dict[str, int], matrix: np.ndarray
    ) -> np.ndarray:
        """The article's vector: just computed, else stored, else computed now."""
        if vector is not None:
            return vector
        if article.id in row:
            return np.asarray(matrix[row[article.id]])
        return self.embedder.encode([vector_text(article)])[0]

    def _item(self, article: Article, vector: np.ndarray) -> ClusterItem:
        return ClusterItem(
            id=article.id,
            vector=np.asarray(vector, dtype=np.float32),
            published=_as_datetime(article.published),
            language=article.language,
            entities=frozenset(article.meta.get("entities", ())),
            title=article.title,
            text=vector_text(article),
        )

    def _sync_stories(
        self,
        clusters: dict[str, list[str]],
        stored_story: dict[str, str],
        new_ids: set[str],
        report: IngestReport,
    ) -> None:
        for members in clusters.values():
            old_stories = Counter(stored_story[m] for m in members if m in stored_story)
            if old_stories:
                ranked = sorted(old_stories.items(), key=lambda kv: (-kv[1], kv[0]))
                target = ranked[0][0]
                if any(m in new_ids for m in members):
                    for other, _ in ranked[1:]:
                        self.store.merge_stories(other, target)
            else:
                target = story_id(members[0])
            for member in members:
                if member in new_ids:
                    self.store.assign_story(member, target)
                    report.stories[member] = target

    # ------------------------------------------------------------------ reads
    def stories(
        self,
        *,
        since: datetime | None = None,
        lang: str | None = None,
        source: str | None = None,
        query: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[StorySummary]:
        return self.store.list_stories(since, lang, source, query, limit, offset)

    def count_stories(
        self,
        *,
        since: datetime | None = None,
        lang: str | None = None,
        source: str | None = None,
        query: str | None = None,
    ) -> int:
        """How many stories :meth:`stories` lists for these filters, all pages together."""
        return self.store.count_stories(since, lang, source, query)

    def story(self, story_id_: str) -> StoryRecord:
        return self.store.get_story(story_id_)

    def article(self, article_id: str) -> Article:
        """A stored article with its stored annotations (no re-annotation)."""
        stored = self.store.get_article(article_id)
        article = stored.to_article()
        if stored.duplicate_of:
            article.meta["duplicate_of"] = stored.duplicate_of
        data = self.store.get_doc_bytes(article_id)
        if data is not None:
            article.doc = doc_from_bytes(data, load_nlp(article.language or "fr").vocab)
        else:
            failure = annotation_pipeline().run_one(article)
            if failure is not None:
                raise AnnotationError(article_id, failure.stage, failure.reason)
        return article

    def articles_of(self, story_id_: str) -> list[Article]:
        return [self.article(a) for a in self.story(story_id_).article_ids]

    def brief(self, story_id_: str) -> Brief:
        """The brief of a stored story (annotations come from the store)."""
        from .annotate.entities import merge_across

        articles = self.articles_of(story_id_)
        merge_across([a.require_doc() for a in articles])
        brief, error = build_brief_or_none(articles, default_aligner())
        if brief is None:
            raise NotEnoughArticles(f"story {story_id_}: {error}")
        return brief

    def close(self) -> None:
        self.store.close()


def _cluster_key(item: ClusterItem) -> tuple[bool, datetime, str]:
    published = item.published or datetime.max.replace(tzinfo=UTC)
    return (item.published is None, published, item.id)
