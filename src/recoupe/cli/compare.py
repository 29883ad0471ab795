"""`recoupe compare`: the brief of two or more articles."""

from __future__ import annotations

from pathlib import Path

import click

from ..brief.render import FORMATS, render
from ..engine import annotate, build_brief_or_none, default_aligner
from ..ingest import read_inputs
from .common import progress_bar, report_failures


@click.command("compare")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here instead of stdout.",
)
@click.option("--source", help="Outlet name for every input (default: from metadata or file name).")
@click.option(
    "--lang", "ui_lang", type=click.Choice(["fr", "en"]), help="Language of the headings."
)
@click.option("--max-bytes", default=5_000_000, show_default=True, help="Size limit per input.")
@click.option("--no-e5", is_flag=True, help="Align with USE alone (faster, a little less precise).")
def compare_cmd(
    inputs: tuple[str, ...],
    fmt: str,
    out: Path | None,
    source: str | None,
    ui_lang: str | None,
    max_bytes: int,
    no_e5: bool,
) -> None:
    """Cross-check FILE_OR_URL... (text, Markdown, HTML, JSONL) and print the story brief."""
    read = read_inputs(list(inputs), source=source, max_bytes=max_bytes)
    report_failures(read.failures)
    with progress_bar("annotating", len(read.articles)) as tick:
        articles, failures = annotate(read.articles, progress=tick)
    report_failures(failures)
    brief, error = build_brief_or_none(articles, default_aligner(second_stage=not no_e5))
    if brief is None:
        names = ", ".join(a.origin or a.id for a in articles) or "no input"
        raise click.ClickException(f"nothing to compare ({names}): {error}")
    text = render(brief, fmt, ui_lang)
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"recoupe: brief written to {out}", err=True)
