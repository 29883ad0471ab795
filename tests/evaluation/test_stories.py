"""The event-level human grouping: loading it and comparing against it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recoupe.errors import ConfigError
from recoupe.evaluation.stories import STORY_GOLD, against_humans, human_batches, weighted


def _write(path: Path, rows: list[tuple[int, list[str]]]) -> Path:
    lines = [json.dumps({"batch": b, "sections": [f"s{b}"], "items": items}) for b, items in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_batches_keep_each_group(tmp_path: Path) -> None:
    path = _write(tmp_path / "g.jsonl", [(1, ["a", "b"]), (1, ["c"]), (2, ["d", "e"])])
    one, two = human_batches(path)
    assert (one.number, one.sections, two.number) == (1, ("s1",), 2)
    assert one.labels == {"a": 1, "b": 1, "c": 2}
    assert two.labels == {"d": 3, "e": 3}


@pytest.mark.parametrize("rows", [[(1, ["a", "b"]), (2, ["b"])], [(1, ["a", "a"])]])
def test_a_title_in_two_groups_is_an_error(
    tmp_path: Path, rows: list[tuple[int, list[str]]]
) -> None:
    with pytest.raises(ConfigError, match="two groups"):
        human_batches(_write(tmp_path / "g.jsonl", rows))


def test_against_humans_scores_each_batch_on_its_own_titles(tmp_path: Path) -> None:
    # batch 1: the editors split Google's group {a, b, c}; batch 2: they agree
    path = _write(tmp_path / "g.jsonl", [(1, ["a", "b"]), (1, ["c"]), (2, ["d", "e"])])
    google = {"a": 0, "b": 0, "c": 0, "d": 1, "e": 1}
    seen: list[list[str]] = []

    def cluster(ids: list[str]) -> dict[str, str]:
        seen.append(ids)
        return dict.fromkeys(ids, "one story")

    rows = against_humans(human_batches(path), google, cluster)
    assert seen == [["a", "b", "c"], ["d", "e"]]
    first, second = rows
    assert (first.google_groups, first.stories) == (1, 1)
    assert first.human_vs_google.precision == 1.0
    assert first.human_vs_google.recall == pytest.approx((2 / 3 * 2 + 1 / 3) / 3)
    assert first.clusterer_vs_google.f1 == 1.0
    assert first.clusterer_vs_human.precision == pytest.approx(5 / 9)
    assert second.human_vs_google.f1 == second.clusterer_vs_human.f1 == 1.0
    pooled = weighted(rows, lambda r: r.human_vs_google)
    assert pooled.recall == pytest.approx((3 * (5 / 9) + 2 * 1.0) / 5)


def test_the_shipped_grouping_loads() -> None:
    batches = human_batches(STORY_GOLD)
    assert [b.number for b in batches] == [1, 2, 3, 4, 5]
    assert sum(len(b.labels) for b in batches) == 1332
