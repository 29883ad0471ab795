"""The Dask batch path gives the same corpus as the single-process ingest."""

from __future__ import annotations

from pathlib import Path

import pytest

from recoupe.corpus import Corpus
from recoupe.store import open_store

pytest.importorskip(
    "distributed", reason="the dask extra is not installed (pip install 'recoupe[dask]')"
)

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def _snapshot(corpus: Corpus) -> tuple[list[tuple[str, int, tuple[str, ...]]], list[str]]:
    stories = []
    for s in corpus.stories(limit=100):
        record = corpus.story(s.id)
        stories.append((s.id, s.size, tuple(sorted(record.article_ids))))
    articles = sorted(a.id for a in corpus.store.iter_articles())
    return sorted(stories), articles


def test_dask_local_cluster_matches_single_process(
    tmp_path: Path, example_pair: list[Path]
) -> None:
    from recoupe.batch import run_batch

    items = [
        str(ROOT / "examples" / "crue-argens"),
        *(str(p) for p in example_pair),
        str(tmp_path / "absent.txt"),
    ]
    local = Corpus(open_store(str(tmp_path / "local.sqlite3")))
    local_report = local.ingest(items)
    dask = Corpus(open_store(str(tmp_path / "dask.sqlite3")))
    dask_report = run_batch(items, dask, workers=2, partition_size=2)
    assert sorted(dask_report.added) == sorted(local_report.added)
    assert [f.item for f in dask_report.failures] == [f.item for f in local_report.failures]
    assert _snapshot(dask) == _snapshot(local)
    a = local.store.get_article(local_report.added[0])
    b = dask.store.get_article(local_report.added[0])
    assert (a.text, a.title, a.published, a.meta["entities"]) == (
        b.text,
        b.title,
        b.published,
        b.meta["entities"],
    )
    local.close()
    dask.close()
