"""The `recoupe` command line."""

from __future__ import annotations

import click

from .. import __version__
from .common import setup_logging
from .compare import compare_cmd


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="recoupe")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
def cli(verbose: int) -> None:
    """recoupe — cross-check news across outlets."""
    setup_logging(verbose)


cli.add_command(compare_cmd)


def main() -> None:
    cli()
