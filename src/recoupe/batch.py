"""Large batches on Dask: workers read, annotate and embed; the client commits and clusters.

Partitions are lists of file paths, so only paths travel to the workers and
only picklable :class:`~recoupe.corpus.Prepared` results (text, Doc bytes,
vector) travel back. A :class:`ModelsPlugin` loads spaCy and the embedder once
per worker. The client then calls :meth:`Corpus.commit`, the same code the
single-process ingest ends in, so both paths give the same corpus.

Dask is optional: ``pip install 'recoupe[dask]'``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .corpus import Corpus, IngestReport, Prepared, prepare_articles
from .errors import ConfigError, MissingDependency
from .ingest import SUPPORTED_SUFFIXES, read_inputs
from .pipeline import Failure

log = logging.getLogger(__name__)

try:
    from distributed import WorkerPlugin as _WorkerPlugin
except ImportError:  # the dask extra is optional; run_batch says how to install it
    _WorkerPlugin = object  # type: ignore[misc,assignment]


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise MissingDependency("dask.distributed", "pip install 'recoupe[dask]'") from exc
    return distributed


def expand(items: Sequence[str]) -> list[str]:
    """Files to read: directories expanded to their supported files, sorted; URLs kept."""
    out: list[str] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            out.extend(
                str(p)
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
            )
        else:
            out.append(item)
    return out


def partitions(items: Sequence[str], size: int) -> list[list[str]]:
    if size < 1:
        raise ConfigError("partition size must be at least 1")
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def prepare_partition(
    paths: Sequence[str], source: str | None, max_bytes: int, embedder: str
) -> tuple[list[Prepared], list[Failure]]:
    """Worker task: read a partition of files and prepare every article in it."""
    read = read_inputs(paths, source=source, max_bytes=max_bytes)
    return prepare_articles(read.articles, embedder), list(read.failures)


def _load_models(embedder: str) -> None:
    from .annotate.nlp import load_nlp
    from .embed import get_embedder

    load_nlp("fr")
    get_embedder(embedder)


class ModelsPlugin(_WorkerPlugin):
    """A WorkerPlugin that loads spaCy and the embedder once, when a worker starts."""

    name = "recoupe-models"

    def __init__(self, embedder: str = "use") -> None:
        self.embedder = embedder

    def setup(self, worker: Any) -> None:
        _load_models(self.embedder)


def run_batch(
    items: Sequence[str],
    corpus: Corpus,
    *,
    workers: int = 2,
    scheduler: str | None = None,
    partition_size: int = 50,
    source: str | None = None,
    max_bytes: int = 5_000_000,
    progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Prepare ``items`` on Dask (a LocalCluster of ``workers`` processes, or ``scheduler``),
    then commit them into ``corpus`` on this process."""
    distributed = _distributed()
    files = expand(items)
    parts = partitions(files, partition_size)
    with _client(distributed, workers, scheduler) as client:
        client.register_plugin(ModelsPlugin(corpus.embedder_name))
        futures = client.map(
            prepare_partition,
            parts,
            source=source,
            max_bytes=max_bytes,
            embedder=corpus.embedder_name,
            pure=False,
        )
        results = _gather_in_order(distributed, client, futures, progress)
    prepared = [p for part, _ in results for p in part]
    failures = [f for _, part in results for f in part]
    log.info(
        "batch: %d files, %d partitions, %d articles prepared",
        len(files),
        len(parts),
        len(prepared),
    )
    return corpus.commit(prepared, failures=failures, items=len(files))


def _client(distributed: Any, workers: int, scheduler: str | None) -> Any:
    if scheduler:
        return distributed.Client(scheduler)
    cluster = distributed.LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        host="127.0.0.1",
    )
    return _OwnedClient(distributed.Client(cluster), cluster)


class _OwnedClient:
    """A client that also closes the LocalCluster it was made for."""

    def __init__(self, client: Any, cluster: Any) -> None:
        self.client = client
        self.cluster = cluster

    def __enter__(self) -> Any:
        return self.client

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        self.cluster.close()


def _gather_in_order(
    distributed: Any, client: Any, futures: list[Any], progress: Callable[[int], None] | None
) -> list[tuple[list[Prepared], list[Failure]]]:
    done: dict[int, tuple[list[Prepared], list[Failure]]] = {}
    index = {f.key: i for i, f in enumerate(futures)}
    for future in distributed.as_completed(futures):
        done[index[future.key]] = future.result()
        future.release()  # else the worker keeps every partition's result until the end
        if progress is not None:
            progress(len(done[index[future.key]][0]))
    return [done[i] for i in range(len(futures))]


def iter_prepared(results: Sequence[tuple[list[Prepared], list[Failure]]]) -> Iterator[Prepared]:
    for part, _ in results:
        yield from part
