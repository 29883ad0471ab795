"""Near-duplicate detection on a real OrangeSum dispatch and the example pair."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest

from recoupe.dedup import DedupConfig, DuplicateIndex, normalise, shingles
from recoupe.dedup.synthetic import EditSpec, make_wire_copy, split_sentences


@pytest.fixture(scope="module")
def orangesum(shared_data: Path) -> list[dict[str, str]]:
    path = shared_data / "orangesum-fr" / "orangesum_parsed_docs.jsonl.gz"
    docs, titles = [], set()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            # OrangeSum holds a few genuine re-posts (same title): keep one of each
            if len(doc["article"]) > 1500 and doc["title"] not in titles:
                titles.add(doc["title"])
                docs.append(doc)
            if len(docs) == 40:
                break
    return docs


def _text(title: str, body: str) -> str:
    return f"{title}\n{body}"


def test_normalise_folds_case_accents_and_punctuation() -> None:
    assert normalise("L'État  a «TRANCHÉ»!") == "l etat a tranche"
    assert shingles("abc", "char", 5) == {b"abc"}
    assert shingles("", "char", 5) == set()


def test_edited_wire_copy_is_linked(orangesum: list[dict[str, str]]) -> None:
    doc = orangesum[0]
    body = doc["article"]
    sentences = split_sentences(body)
    assert len(sentences) >= 5
    # hand-made re-post: new headline, first sentence removed, one added, two typos
    edited = " ".join([*sentences[1:], "Cet article a été mis à jour à 18h00."])
    edited = edited.replace("millions", "milions", 1).replace(" le ", " el ", 1)
    index = DuplicateIndex()
    for other in orangesum[1:10]:
        assert index.add(f"o{other['id']}", _text(other["title"], other["article"])) is None
    assert index.add("orig", _text(doc["title"], body)) is None
    assert index.add("repost", _text("INFO AFP - " + doc["title"][:30], edited)) == "orig"
    hits = dict(index.query(_text(doc["title"], edited)))
    assert set(hits) == {"orig", "repost"}
    assert 0.7 <= hits["orig"] < 1.0


def test_synthetic_copies_linked_and_distinct_articles_not(
    orangesum: list[dict[str, str]],
) -> None:
    rng = random.Random(7)
    index = DuplicateIndex()
    for doc in orangesum:
        index.add(f"o{doc['id']}", _text(doc["title"], doc["article"]))
    assert all(index.match_of(f"o{d['id']}") is None for d in orangesum)
    spec = EditSpec(drop_share=0.1, added=1, typos_per_1000=2.0)
    linked = 0
    for doc in orangesum:
        title, body = make_wire_copy(doc["title"], doc["article"], rng, spec)
        linked += index.add(f"c{doc['id']}", _text(title, body)) == f"o{doc['id']}"
    assert linked >= 0.9 * len(orangesum)


def test_example_pair_is_not_a_duplicate(example_pair: list[Path]) -> None:
    rts, france24 = (p.read_text(encoding="utf-8") for p in example_pair)
    index = DuplicateIndex()
    assert index.add("rts", rts) is None
    assert index.add("france24", france24) is None
    assert index.query(france24) == [("france24", 1.0)]
    low = DuplicateIndex(config=DedupConfig(threshold=0.2))
    low.add("rts", rts)
    assert low.query(france24), "same event shares some wording: found at a low threshold"


def test_state_round_trips_and_is_deterministic(orangesum: list[dict[str, str]]) -> None:
    def build() -> DuplicateIndex:
        index = DuplicateIndex(threshold=0.6)
        for doc in orangesum[:10]:
            index.add(f"o{doc['id']}", _text(doc["title"], doc["article"]))
        index.add("copy", _text("Nouveau titre", orangesum[3]["article"]))
        index.add("empty", "  ...  ")
        return index

    first, second = build(), build()
    assert first.to_bytes() == second.to_bytes()
    restored = DuplicateIndex.from_bytes(first.to_bytes())
    assert restored.config == first.config and len(restored) == len(first) == 11
    assert restored.match_of("copy") == f"o{orangesum[3]['id']}"
    assert restored.match_of("empty") is None
    probe = orangesum[5]["article"]
    assert restored.query(probe) == first.query(probe)
    assert restored.add("again", probe) == f"o{orangesum[5]['id']}"
    assert restored.add("copy", "anything") == f"o{orangesum[3]['id']}"  # re-add: unchanged


def test_bad_threshold_rejected() -> None:
    from recoupe.errors import ConfigError

    with pytest.raises(ConfigError):
        DuplicateIndex(threshold=1.5)
