"""`recoupe similarity` on the reference pair, with and without the e5 second stage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from recoupe.cli.main import cli

pytestmark = pytest.mark.slow


def _score(example_pair: list[Path], *extra: str) -> dict[str, object]:
    args = ["similarity", *(str(p) for p in example_pair), "--json", *extra]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_reference_pair_is_the_same_event_in_both_stages(example_pair: list[Path]) -> None:
    first = _score(example_pair)
    second = _score(example_pair, "--second-stage")
    features = second["features"]
    assert isinstance(features, dict)
    assert "e5_full" in features and "e5_full" not in first["features"]  # type: ignore[operator]
    for data in (first, second):
        score = data["score"]
        assert isinstance(score, float) and 1.0 <= score < 1.75, data
