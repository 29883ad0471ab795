"""`recoupe batch` (Dask) and `recoupe similarity`."""

from __future__ import annotations

import json

import click

from ..corpus import Corpus
from ..errors import RecoupeError
from ..ingest import read_inputs
from ..store import open_store
from .common import ingest_summary, report_failures
from .corpus_cmds import db_option


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--workers", default=2, show_default=True, help="Local Dask worker processes.")
@click.option(
    "--scheduler", help="tcp://HOST:PORT of a running Dask scheduler (instead of local workers)."
)
@click.option("--partition-size", default=50, show_default=True, help="Files per Dask task.")
@click.option("--source", help="Outlet name for every input.")
def batch_cmd(
    inputs: tuple[str, ...],
    db: str | None,
    workers: int,
    scheduler: str | None,
    partition_size: int,
    source: str | None,
) -> None:
    """Ingest a large batch: read+annotate+embed on Dask workers, then cluster and store."""
    from ..batch import run_batch

    corpus = Corpus(open_store(db))
    try:
        report = run_batch(
            list(inputs),
            corpus,
            workers=workers,
            scheduler=scheduler,
            partition_size=partition_size,
            source=source,
        )
    except RecoupeError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        corpus.close()
    report_failures(report.failures)
    click.echo(ingest_summary(report))


@click.command("similarity")
@click.argument("first")
@click.argument("second")
@click.option("--json", "as_json", is_flag=True, help="Score and features as JSON.")
@click.option(
    "--second-stage",
    is_flag=True,
    help="Add multilingual-e5 features: slower, better (French SemEval Pearson 0.817 vs 0.786).",
)
def similarity_cmd(first: str, second: str, as_json: bool, second_stage: bool) -> None:
    """Similarity of two articles on the SemEval-2022 scale (1 = same event … 4 = unrelated)."""
    from ..cluster.similarity import pair_similarity

    read = read_inputs([first, second])
    report_failures(read.failures)
    if len(read.articles) != 2:
        raise click.ClickException("similarity needs exactly two readable articles")
    result = pair_similarity(read.articles[0], read.articles[1], second_stage=second_stage)
    if as_json:
        click.echo(
            json.dumps(
                {"score": round(result.score, 3), "features": result.features}, ensure_ascii=False
            )
        )
    else:
        verdict = (
            "same event"
            if result.score < 1.75
            else "related"
            if result.score < 2.5
            else "different"
            if result.score < 3.25
            else "unrelated"
        )
        click.echo(f"{result.score:.2f}  ({verdict}; 1 = same event … 4 = unrelated)")
