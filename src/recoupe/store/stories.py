"""Stories, rejects and ingest runs for the SQL backends.

A story holds latest article revisions; an article belongs to at most one
story. Each story row keeps denormalised ``size``/``first_seen``/``last_seen``
and its articles' folded titles (recomputed in the transaction that changes its
membership), so listings are an index scan and a title search reads one table. A merged story keeps its row with ``merged_into`` set, and lookups
of its id follow the merge (history: ``StoryRecord.merged_from``).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ..errors import NotFound, StoreError
from .base import RejectRecord, RunRecord, StoryRecord, StorySummary, fold, like_pattern, to_utc
from .sql import ArticleStoreBase, Row, utcnow

log = logging.getLogger(__name__)

_MAX_MERGE_CHAIN = 1000

_ARTICLE_IN_STORY = (
    "EXISTS (SELECT 1 FROM story_articles sx JOIN articles ax ON ax.id = sx.article_id "
    "WHERE sx.story_id = s.id AND {cond})"
)


class SQLStore(ArticleStoreBase):
    """Base of :class:`SQLiteStore` and :class:`PostgresStore`."""

    # ---- stories ---------------------------------------------------------
    def _resolve(self, story_id: str) -> str | None:
        """Follow ``merged_into`` to the live story; None if unknown."""
        current = story_id
        for _ in range(_MAX_MERGE_CHAIN):
            row = self._one("SELECT merged_into FROM stories WHERE id = ?", (current,))
            if row is None:
                return None
            if row[0] is None:
                return current
            current = str(row[0])
        raise StoreError(f"story merge chain from {story_id!r} does not end")

    def assign_story(self, article_id: str, story_id: str, title: str | None = None) -> str:
        """Put an article in a story (created when new; moved from its old story).

        Returns the live story id (``story_id``, or what it was merged into).
        The title of a new story defaults to the article's title.
        """
        with self._tx():
            row = self._one("SELECT title FROM articles WHERE id = ?", (article_id,))
            if row is None:
                raise NotFound(f"no article {article_id!r}")
            target = self._resolve(story_id)
            now = self._ts(utcnow())
            if target is None:
                target = story_id
                name = title if title is not None else str(row[0])
                self._exec(
                    "INSERT INTO stories (id, title, title_fold, created_at, updated_at, size) "
                    "VALUES (?, ?, ?, ?, ?, 0)",
                    (target, name, fold(name), now, now),
                )
            elif title is not None:
                self._exec(
                    "UPDATE stories SET title = ?, title_fold = ?, updated_at = ? WHERE id = ?",
                    (title, fold(title), now, target),
                )
            old = self._one(
                "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
            )
            if old is not None and old[0] == target:
                return target
            self._exec(
                "INSERT INTO story_articles (story_id, article_id) VALUES (?, ?) "
                "ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id",
                (target, article_id),
            )
            if old is not None:
                self._refresh_story(str(old[0]))
            self._refresh_story(target)
        return target

    def _refresh_story(self, story_id: str) -> None:
        """Recompute a story's size, first/last seen and searchable article titles."""
        rows = self._all(
            "SELECT a.seen_at, a.title_fold, a.published IS NOT NULL FROM story_articles sa "
            "JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ? ORDER BY a.seq",
            (story_id,),
        )
        # An undated article (seen_at = ingestion time) does not stretch a dated story.
        seen = [r[0] for r in rows if r[2]] or [r[0] for r in rows]
        titles = "\n".join(dict.fromkeys(str(r[1]) for r in rows if r[1]))
        self._exec(
            "UPDATE stories SET size = ?, first_seen = ?, last_seen = ?, titles_fold = ?, "
            "updated_at = ? WHERE id = ?",
            (
                len(rows),
                min(seen) if seen else None,
                max(seen) if seen else None,
                titles,
                self._ts(utcnow()),
                story_id,
            ),
        )

    def merge_stories(self, src: str, dst: str) -> None:
        """Move every article of ``src`` into ``dst``; ``src`` then points at ``dst``."""
        with self._tx():
            live_src, live_dst = self._resolve(src), self._resolve(dst)
            for wanted, live in ((src, live_src), (dst, live_dst)):
                if live is None:
                    raise NotFound(f"no story {wanted!r}")
            assert live_src is not None and live_dst is not None
            if live_src == live_dst:
                return
            now = self._ts(utcnow())
            self._exec(
                "UPDATE story_articles SET story_id = ? WHERE story_id = ?", (live_dst, live_src)
            )
            self._exec(
                "UPDATE stories SET merged_into = ?, merged_at = ? WHERE id = ? OR merged_into = ?",
                (live_dst, now, live_src, live_src),
            )
            self._refresh_story(live_src)
            self._refresh_story(live_dst)
        log.info("merged story %s into %s", live_src, live_dst)

    def list_stories(
        self,
        since: datetime | None = None,
        lang: str | None = None,
        source: str | None = None,
        query: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[StorySummary]:
        """Live, non-empty stories, most recent ``last_seen`` first.

        ``since`` keeps stories seen at or after it; ``lang``/``source`` keep
        stories with at least one such article; ``query`` matches story or
        article titles, ignoring case and accents.
        """
        conds, params = self._story_filters(since, lang, source, query)
        with self._tx(write=False):
            rows = self._all(
                "SELECT s.id, s.title, s.first_seen, s.last_seen, s.size FROM stories s "
                f"WHERE {' AND '.join(conds)} ORDER BY s.last_seen DESC, s.id LIMIT ? OFFSET ?",
                (*params, max(0, int(limit)), max(0, int(offset))),
            )
            facets = self._facets([str(r[0]) for r in rows])
        return [self._summary(r, facets.get(str(r[0]), (set(), set()))) for r in rows]

    def count_stories(
        self,
        since: datetime | None = None,
        lang: str | None = None,
        source: str | None = None,
        query: str | None = None,
    ) -> int:
        """How many stories :meth:`list_stories` lists for these filters, all pages."""
        conds, params = self._story_filters(since, lang, source, query)
        with self._tx(write=False):
            row = self._one(f"SELECT COUNT(*) FROM stories s WHERE {' AND '.join(conds)}", params)
        return int(row[0]) if row else 0

    def _story_filters(
        self,
        since: datetime | None,
        lang: str | None,
        source: str | None,
        query: str | None,
    ) -> tuple[list[str], list[Any]]:
        conds = ["s.merged_into IS NULL", "s.size > 0"]
        params: list[Any] = []
        if since is not None:
            conds.append("s.last_seen >= ?")
            params.append(self._ts(to_utc(since)))
        if lang:
            conds.append(_ARTICLE_IN_STORY.format(cond="ax.language = ?"))
            params.append(lang)
        if source:
            conds.append(_ARTICLE_IN_STORY.format(cond="ax.source = ?"))
            params.append(source)
        if query and query.strip():
            pattern = like_pattern(" ".join(query.split()))
            conds.append("(s.title_fold LIKE ? ESCAPE '\\' OR s.titles_fold LIKE ? ESCAPE '\\')")
            params += [pattern, pattern]
        return conds, params

    def _facets(self, story_ids: list[str]) -> dict[str, tuple[set[str], set[str]]]:
        """Sources and languages of the given stories."""
        out: dict[str, tuple[set[str], set[str]]] = {}
        if not story_ids:
            return out
        marks = ", ".join("?" for _ in story_ids)
        for story_id, src, lang in self._all(
            "SELECT sa.story_id, a.source, a.language FROM story_articles sa "
            f"JOIN articles a ON a.id = sa.article_id WHERE sa.story_id IN ({marks})",
            story_ids,
        ):
            sources, langs = out.setdefault(str(story_id), (set(), set()))
            if src:
                sources.add(str(src))
            if lang:
                langs.add(str(lang))
        return out

    def _summary(self, row: Row, facets: tuple[set[str], set[str]]) -> StorySummary:
        return StorySummary(
            id=str(row[0]),
            title=str(row[1]),
            sources=sorted(facets[0]),
            languages=sorted(facets[1]),
            first_seen=None if row[2] is None else self._from_ts(row[2]),
            last_seen=None if row[3] is None else self._from_ts(row[3]),
            size=int(row[4]),
        )

    def get_story(self, story_id: str, *, follow: bool = True) -> StoryRecord:
        """A story and its article ids (oldest first); merged ids lead to the live story."""
        with self._tx(write=False):
            live = self._resolve(story_id) if follow else story_id
            row = (
                None
                if live is None
                else self._one(
                    "SELECT id, title, created_at, updated_at, merged_into FROM stories WHERE id = ?",
                    (live,),
                )
            )
            if row is None:
                raise NotFound(f"no story {story_id!r}")
            ids = self._all(
                "SELECT sa.article_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
                "WHERE sa.story_id = ? ORDER BY a.seen_at, a.seq",
                (row[0],),
            )
            merged = self._all(
                "SELECT id FROM stories WHERE merged_into = ? ORDER BY id", (row[0],)
            )
        return StoryRecord(
            id=str(row[0]),
            title=str(row[1]),
            created_at=self._from_ts(row[2]),
            updated_at=self._from_ts(row[3]),
            article_ids=[str(r[0]) for r in ids],
            merged_into=None if row[4] is None else str(row[4]),
            merged_from=[str(r[0]) for r in merged],
        )

    # ---- rejects -----------------------------------------------------------
    def add_reject(self, item: str, stage: str, reason: str, run_id: str | None = None) -> int:
        """Record one rejected input; returns its id."""
        with self._tx():
            row = self._one(
                "INSERT INTO rejects (item, stage, reason, at, run_id) VALUES (?, ?, ?, ?, ?) RETURNING id",
                (item, stage, reason, self._ts(utcnow()), run_id),
            )
            if run_id is not None:
                self._record_item(run_id, item, "rejected", None)
        assert row is not None
        return int(row[0])

    def list_rejects(self, limit: int = 100, offset: int = 0) -> list[RejectRecord]:
        """Rejects, newest first."""
        with self._tx(write=False):
            rows = self._all(
                "SELECT id, item, stage, reason, at, run_id FROM rejects ORDER BY id DESC LIMIT ? OFFSET ?",
                (max(0, int(limit)), max(0, int(offset))),
            )
        return [
            RejectRecord(int(r[0]), str(r[1]), str(r[2]), str(r[3]), self._from_ts(r[4]), r[5])
            for r in rows
        ]

    # ---- ingest runs -----------------------------------------------------------
    def start_run(self, run_id: str | None = None, params: Mapping[str, Any] | None = None) -> str:
        """Start (or, given a known ``run_id``, resume) an ingest run; returns its id."""
        run_id = run_id or uuid.uuid4().hex
        with self._tx():
            exists = self._one("SELECT 1 FROM ingest_runs WHERE id = ?", (run_id,))
            if exists is None:
                self._exec(
                    "INSERT INTO ingest_runs (id, started_at, params) VALUES (?, ?, ?)",
                    (run_id, self._ts(utcnow()), self._json(params or {})),
                )
            else:
                self._exec("UPDATE ingest_runs SET finished_at = NULL WHERE id = ?", (run_id,))
        self._known_runs.add(run_id)  # committed: items need not create it
        return run_id

    def finish_run(self, run_id: str) -> None:
        with self._tx():
            cur = self._exec(
                "UPDATE ingest_runs SET finished_at = ? WHERE id = ?", (self._ts(utcnow()), run_id)
            )
            if cur.rowcount == 0:
                raise NotFound(f"no ingest run {run_id!r}")

    def _record_item(self, run_id: str, item: str, status: str, article_id: str | None) -> None:
        now = self._ts(utcnow())
        if run_id not in self._known_runs:
            self._exec(
                "INSERT INTO ingest_runs (id, started_at, params) VALUES (?, ?, ?) "
                "ON CONFLICT (id) DO NOTHING",
                (run_id, now, self._json({})),
            )
        self._exec(
            "INSERT INTO ingest_items (run_id, item, status, article_id, at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (run_id, item) DO UPDATE SET status = excluded.status, "
            "article_id = excluded.article_id, at = excluded.at",
            (run_id, item, status, article_id, now),
        )

    def run_items(self, run_id: str) -> dict[str, str]:
        """Item (article origin or id) -> status, for the items a run has committed."""
        with self._tx(write=False):
            rows = self._all("SELECT item, status FROM ingest_items WHERE run_id = ?", (run_id,))
        return {str(r[0]): str(r[1]) for r in rows}

    def get_run(self, run_id: str) -> RunRecord:
        with self._tx(write=False):
            row = self._one(
                "SELECT id, started_at, finished_at, params FROM ingest_runs WHERE id = ?",
                (run_id,),
            )
            if row is None:
                raise NotFound(f"no ingest run {run_id!r}")
            counts = self._all(
                "SELECT status, COUNT(*) FROM ingest_items WHERE run_id = ? GROUP BY status",
                (run_id,),
            )
        return RunRecord(
            id=str(row[0]),
            started_at=self._from_ts(row[1]),
            finished_at=None if row[2] is None else self._from_ts(row[2]),
            params=self._from_json(row[3]),
            counts={str(s): int(n) for s, n in counts},
        )
