"""BCubed and pairwise scores on small hand-made partitions."""

from __future__ import annotations

import pytest

from recoupe.cluster.metrics import bcubed, labels_from_groups, merge_relisted, pairwise

GOLD = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}


def test_identical_partitions_score_one() -> None:
    assert bcubed(GOLD, GOLD).f1 == pytest.approx(1.0)
    assert pairwise(GOLD, GOLD).f1 == pytest.approx(1.0)


def test_all_singletons_have_full_precision_low_recall() -> None:
    pred = {k: k for k in GOLD}
    b = bcubed(pred, GOLD)
    assert b.precision == pytest.approx(1.0)
    # recall per item: a,b,c -> 1/3 each; d,e -> 1/2 each
    assert b.recall == pytest.approx((3 * (1 / 3) + 2 * (1 / 2)) / 5)
    p = pairwise(pred, GOLD)
    assert (p.precision, p.recall, p.f1) == (1.0, 0.0, 0.0)


def test_one_big_cluster() -> None:
    pred = dict.fromkeys(GOLD, "x")
    b = bcubed(pred, GOLD)
    assert b.recall == pytest.approx(1.0)
    assert b.precision == pytest.approx((3 * 3 / 5 + 2 * 2 / 5) / 5)
    p = pairwise(pred, GOLD)
    assert p.precision == pytest.approx(4 / 10)  # 3 + 1 gold pairs among 10
    assert p.recall == pytest.approx(1.0)


def test_one_item_misplaced() -> None:
    pred = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}
    b = bcubed(pred, GOLD)
    # precision: a,b 1; c 1/3; d,e 2/3 -> (2 + 1/3 + 4/3) / 5
    assert b.precision == pytest.approx((2 + 1 / 3 + 4 / 3) / 5)
    # recall: a,b 2/3; c 1/3; d,e 1 -> (4/3 + 1/3 + 2) / 5
    assert b.recall == pytest.approx((4 / 3 + 1 / 3 + 2) / 5)
    p = pairwise(pred, GOLD)
    assert p.precision == pytest.approx(2 / 4)  # pred pairs ab, cd, ce, de; right: ab, de
    assert p.recall == pytest.approx(2 / 4)  # gold pairs ab, ac, bc, de


def test_labels_from_groups_and_mismatch() -> None:
    labels = labels_from_groups({"s1": ["a", "b"], "s2": ["c"]})
    assert labels == {"a": "s1", "b": "s1", "c": "s2"}
    with pytest.raises(ValueError, match="groups"):
        labels_from_groups({"s1": ["a"], "s2": ["a"]})
    with pytest.raises(ValueError, match="different items"):
        bcubed({"a": 1}, {"b": 1})


def test_merge_relisted_joins_groups_sharing_a_title() -> None:
    texts = {
        "a1": "Un astéroïde va frôler la Terre",
        "a2": "Faut-il avoir peur de l'astéroïde ?",
        "b1": "un astéroïde  va frôler la Terre",  # the same story listed in another section
        "b2": "Cette nuit, un astéroïde va frôler la Terre",
        "c1": "Grève à la SNCF mardi",
    }
    gold = {"a1": 4, "a2": 4, "b1": 9, "b2": 9, "c1": 2}
    merged = merge_relisted(texts, gold)
    assert merged == {"a1": 4, "a2": 4, "b1": 4, "b2": 4, "c1": 2}
    assert bcubed({k: 0 if k != "c1" else 1 for k in gold}, merged).f1 == 1.0
