"""`recoupe eval quotes|ner|language`: evaluation tables on the human gold data."""

from __future__ import annotations

import click

_PASS_THROUGH = {"ignore_unknown_options": True, "help_option_names": []}


@click.group("eval")
def eval_group() -> None:
    """Measure recoupe against human gold data (../shared/data or $RECOUPE_DATA)."""


@eval_group.command("quotes", context_settings=_PASS_THROUGH)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def eval_quotes(args: tuple[str, ...]) -> None:
    """Quote P/R/F1 and speaker accuracy (GGT, PolNeAR, AADS, French gold); --help for options."""
    from ..evaluation.report import main

    raise SystemExit(main(list(args)))


@eval_group.command("ner", context_settings=_PASS_THROUGH)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def eval_ner(args: tuple[str, ...]) -> None:
    """French NER P/R/F1 on HIPE-2020, before and after recoupe's repairs; --help for options."""
    from ..evaluation.ner import main

    raise SystemExit(main(list(args)))


@eval_group.command("language", context_settings=_PASS_THROUGH)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def eval_language(args: tuple[str, ...]) -> None:
    """Language identification errors on SemEval-2022, Google News and NeuS; --help for options."""
    from ..evaluation.language import main

    raise SystemExit(main(list(args)))
