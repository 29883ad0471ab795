"""Language identification floors on the shared data (pinned below today's figures:
0.998 / 0.992 / 0.980 / 0.988; py3langid's default gets 0.998 / 0.973 / 0.950 / 0.919)."""

from __future__ import annotations

from pathlib import Path

import pytest

from recoupe.evaluation.language import load_sets, score
from recoupe.ingest import detect_language

FLOORS = {
    "semeval-articles": 0.996,
    "semeval-first-lines": 0.988,
    "gnews-titles": 0.975,
    "neus-headlines": 0.98,
}


@pytest.fixture(scope="module")
def sets(shared_data: Path) -> dict[str, list[tuple[str, str]]]:
    return load_sets(shared_data)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_language_floor(sets: dict[str, list[tuple[str, str]]], name: str) -> None:
    result = score(detect_language, sets[name])
    assert result.total > 500
    assert result.accuracy >= FLOORS[name], result.confusions.most_common(5)
