"""Quality floors of the real quote annotator on fixed gold data.

Floors sit slightly below what was measured when they were set; the full
numbers come from ``benchmarks/eval_quotes.py``. GGT is scored on its first
25 articles here to keep the run short.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from recoupe.evaluation.quotes import Counts, evaluate, load_fr_gold, load_ggt, recoupe_predictor

GGT_ARTICLES = 25
# (F1 at coverage > 0.3, speaker accuracy) floors
GGT_FLOOR = (0.86, 0.87)
# FR test measured 0.878 / 0.852 (122 of 133 gold quotes found, 104 right speakers;
# 87 at the start of session 5, 95 after it).
FR_TEST_FLOOR = (0.86, 0.83)
FR_TEST_RIGHT_SPEAKERS = 102
# FR test-b (40 further articles, annotated later, never tuned on) measured 0.874 / 0.853
# (197 of 224 gold quotes found, 168 right speakers; 148 at the start of session 5, 153
# after it).
FR_TEST_B_FLOOR = (0.85, 0.84)
FR_TEST_B_RIGHT_SPEAKERS = 166
# Issue 7's French target, on test and test-b together: measured 0.875 / 0.853 (272 of
# 319 found quotes with the right speaker).
FR_HELD_OUT_TARGET = (0.85, 0.85)


def _annotator_or_skip() -> None:
    try:
        found = importlib.util.find_spec("recoupe.annotate.quotes") is not None
    except ImportError:
        found = False
    if not found:
        pytest.skip("recoupe.annotate.quotes is not importable: no quote annotator to measure")


def _check(counts: Counts, floor: tuple[float, float], name: str) -> None:
    msg = f"{name}: F1={counts.f1:.3f} speaker={counts.speaker_acc:.3f} ({counts})"
    assert counts.f1 >= floor[0], msg
    assert counts.speaker_acc >= floor[1], msg


@pytest.mark.parametrize(
    ("split", "floor", "right_speakers"),
    [
        ("test", FR_TEST_FLOOR, FR_TEST_RIGHT_SPEAKERS),
        ("test-b", FR_TEST_B_FLOOR, FR_TEST_B_RIGHT_SPEAKERS),
    ],
)
def test_french_held_out_split_floor(
    shared_data: Path, split: str, floor: tuple[float, float], right_speakers: int
) -> None:
    _annotator_or_skip()
    report = evaluate(load_fr_gold(shared_data, split), recoupe_predictor("fr"), (0.3,))
    counts = report.counts[0.3]
    _check(counts, floor, f"FR gold {split}")
    assert counts.speaker_ok >= right_speakers, counts


def test_french_held_out_splits_meet_the_target(shared_data: Path) -> None:
    _annotator_or_skip()
    docs = load_fr_gold(shared_data, "test") + load_fr_gold(shared_data, "test-b")
    report = evaluate(docs, recoupe_predictor("fr"), (0.3,))
    _check(report.counts[0.3], FR_HELD_OUT_TARGET, "FR gold test + test-b")


def test_ggt_english_floor(shared_data: Path) -> None:
    _annotator_or_skip()
    docs = load_ggt(shared_data, limit=GGT_ARTICLES)
    report = evaluate(docs, recoupe_predictor("en"), (0.3,))
    _check(report.counts[0.3], GGT_FLOOR, "GGT subset")
