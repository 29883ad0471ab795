"""CLI plumbing: logging through rich, progress bars, error lines."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..pipeline import Failure

if TYPE_CHECKING:
    from ..corpus import IngestReport

err_console = Console(stderr=True)


def setup_logging(verbose: int) -> None:
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(
        level=max(level, logging.DEBUG),
        format="%(message)s",
        handlers=[RichHandler(console=err_console, show_path=False, rich_tracebacks=False)],
        force=True,
    )
    for noisy in ("httpx", "trafilatura", "htmldate", "urllib3"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, level))


def ingest_summary(report: IngestReport) -> str:
    """One line saying what an ingest did."""
    return (
        f"added {len(report.added)}, revisions {len(report.revisions)}, unchanged {len(report.unchanged)}, "
        f"wire copies {len(report.duplicates)}, rejected {len(report.failures)}, "
        f"stories touched {len(set(report.stories.values()))}"
    )


def report_failures(failures: list[Failure]) -> None:
    for f in failures:
        click.echo(f"recoupe: skipped {f.item}: {f.reason}", err=True)


@contextmanager
def progress_bar(label: str, total: int) -> Iterator[Callable[..., None] | None]:
    """A rich progress bar on a terminal (yields its ``tick``); nothing when piped."""
    if not sys.stderr.isatty():
        yield None
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=total)

        def tick(*_: object) -> None:
            bar.advance(task)

        yield tick
