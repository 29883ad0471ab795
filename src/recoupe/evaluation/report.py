"""Quote attribution benchmark: recoupe's quote annotator against human gold.

Usage: recoupe eval quotes (or python benchmarks/eval_quotes.py) [--data ../shared/data] [--aads-chars 30000]
       [--only NAME,...] [--errors N]

Prints one row per dataset: P/R/F1 at coverage thresholds 0.3 and 0.8 (GGT
matching, see recoupe.evaluation.quotes), speaker accuracy over the matches
at 0.3, pronoun resolution (of the gold quotes whose cue gives a named speaker
as a third-person pronoun, the share found at 0.3 with that speaker, missed
quotes included; with their count), number of gold and predicted quotes.
AADS has no speakers.
Datasets: ggt, polnear, aads, ``fr-<split>`` for each split of the French gold
(``FR_TUNING_SPLITS``, ``FR_HELD_OUT_SPLITS``) and fr-test-all (fr-test and
fr-test-b together); by default all but fr-train. ``--errors`` lists errors of
every dataset except the held-out French ones.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from . import default_data
from .quotes import (
    FR_HELD_OUT_SPLITS,
    FR_TUNING_SPLITS,
    EvalDoc,
    Report,
    evaluate,
    iter_errors,
    load_aads,
    load_fr_gold,
    load_ggt,
    load_polnear,
    recoupe_predictor,
)


def datasets(data: Path, aads_chars: int) -> dict[str, tuple[str, Callable[[], list[EvalDoc]]]]:
    return {
        "ggt": ("en", lambda: load_ggt(data)),
        "polnear": ("en", lambda: load_polnear(data, "test")),
        "aads": ("fr", lambda: load_aads(data, "test", max_chars=aads_chars)),
        **{
            f"fr-{split}": ("fr", partial(load_fr_gold, data, split))
            for split in FR_TUNING_SPLITS + FR_HELD_OUT_SPLITS
        },
        "fr-test-all": (
            "fr",
            lambda: [doc for split in FR_HELD_OUT_SPLITS for doc in load_fr_gold(data, split)],
        ),
    }


# Held-out gold: reported, never shown error by error (see data/gold/quotes-fr/GUIDE.md).
HELD_OUT = frozenset({*(f"fr-{split}" for split in FR_HELD_OUT_SPLITS), "fr-test-all"})
_FR_DEFAULT = [f"fr-{s}" for s in FR_TUNING_SPLITS + FR_HELD_OUT_SPLITS if s != "train"]
DEFAULT_ONLY = ",".join(["ggt", "polnear", "aads", *_FR_DEFAULT, "fr-test-all"])
"""Every dataset but fr-train (the largest split, read for earlier rule rounds)."""


def row(name: str, report: Report, has_speakers: bool, seconds: float) -> str:
    lo, hi = report.counts[0.3], report.counts[0.8]
    spk = f"{lo.speaker_acc:6.3f}" if has_speakers else "     -"
    pron = f"{lo.pronoun_recall:6.3f} {lo.pronoun_gold:4d}" if lo.pronoun_gold else "     -    -"
    return (
        f"{name:<11} {lo.precision:6.3f} {lo.recall:6.3f} {lo.f1:6.3f}   "
        f"{hi.precision:6.3f} {hi.recall:6.3f} {hi.f1:6.3f}   {spk} {pron} "
        f"{lo.n_gold:6d} {lo.n_pred:6d} {seconds:6.0f}s"
    )


def show_errors(docs: list[EvalDoc], report: Report, limit: int, speakers: bool = True) -> None:
    texts = {d.id: d.text for d in docs}
    errors = [p for p in iter_errors(report, 0.3) if speakers or p.gold is None or p.pred is None]
    for n, pair in enumerate(errors):
        if n >= limit:
            break
        text = texts[pair.doc_id]
        if pair.pred is None and pair.gold is not None:
            print(f"  MISS  {pair.doc_id}: {text[pair.gold.start : pair.gold.end][:100]!r}")
        elif pair.gold is None and pair.pred is not None:
            print(f"  FALSE {pair.doc_id}: {text[pair.pred.start : pair.pred.end][:100]!r}")
        elif pair.gold is not None and pair.pred is not None:
            print(
                f"  SPKR  {pair.doc_id}: {text[pair.gold.start : pair.gold.end][:60]!r} "
                f"gold={pair.gold.speaker!r} pred={pair.pred.speaker!r}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="recoupe eval quotes", description=__doc__)
    parser.add_argument("--data", type=Path, default=default_data())
    parser.add_argument(
        "--aads-chars", type=int, default=30000, help="characters kept per AADS book"
    )
    parser.add_argument("--only", default=DEFAULT_ONLY)
    parser.add_argument("--errors", type=int, default=0, help="print this many errors per dataset")
    args = parser.parse_args(argv)
    table = datasets(args.data, args.aads_chars)
    unknown = [name for name in args.only.split(",") if name not in table]
    if unknown:
        parser.error(f"unknown datasets {', '.join(unknown)}; known: {', '.join(table)}")
    predictors: dict[str, Callable[[EvalDoc], list]] = {}
    print(
        f"{'dataset':<11} {'P@.3':>6} {'R@.3':>6} {'F1@.3':>6}   {'P@.8':>6} {'R@.8':>6} {'F1@.8':>6}   {'spk':>6} {'pron':>6} {'n':>4} {'gold':>6} {'pred':>6}"
    )
    for name in args.only.split(","):
        lang, load = table[name]
        docs = load()
        if lang not in predictors:
            predictors[lang] = recoupe_predictor(lang)
        start = time.perf_counter()
        report = evaluate(docs, predictors[lang])
        print(row(name, report, name != "aads", time.perf_counter() - start), flush=True)
        if args.errors and name in HELD_OUT:
            print(f"  ({name} is held out: its errors are not printed)")
        elif args.errors:
            show_errors(docs, report, args.errors, name != "aads")
    return 0
