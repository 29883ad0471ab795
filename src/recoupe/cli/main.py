"""The `recoupe` command line."""

from __future__ import annotations

import click

from .. import __version__
from .batch_cmds import batch_cmd, similarity_cmd
from .common import setup_logging
from .compare import compare_cmd
from .corpus_cmds import export_cmd, ingest_cmd, rejects_cmd, stories_cmd, story_cmd, watch_cmd
from .eval_cmds import eval_group
from .serve import serve_cmd


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="recoupe")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
def cli(verbose: int) -> None:
    """recoupe — cross-check news across outlets."""
    setup_logging(verbose)


for command in (
    compare_cmd,
    similarity_cmd,
    ingest_cmd,
    batch_cmd,
    stories_cmd,
    story_cmd,
    export_cmd,
    rejects_cmd,
    watch_cmd,
    serve_cmd,
    eval_group,
):
    cli.add_command(command)


def main() -> None:
    cli()
