"""Quality floors on the shared evaluation data (skipped when ../shared/data is absent)."""

from __future__ import annotations

import gzip
import itertools
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from recoupe.ingest import read_inputs

pytestmark = pytest.mark.slow

N_ORANGESUM = 300


def _orangesum_sample(data: Path, tmp_path: Path) -> tuple[Path, list[dict[str, object]]]:
    src = data / "orangesum-fr" / "orangesum_parsed_docs.jsonl.gz"
    if not src.exists():
        pytest.skip(f"{src} is absent")
    with gzip.open(src, "rt", encoding="utf-8") as fh:
        lines = list(itertools.islice(fh, N_ORANGESUM))
    sample = tmp_path / "orangesum.jsonl"
    sample.write_text("".join(lines), encoding="utf-8")
    return sample, [json.loads(line) for line in lines]


def test_orangesum_jsonl(shared_data: Path, tmp_path: Path) -> None:
    sample, records = _orangesum_sample(shared_data, tmp_path)
    result = read_inputs([str(sample)])
    by_id = {str(r["id"]): r for r in records}
    empty = sum(1 for r in records if not str(r["article"]).strip())
    assert len(result.articles) == len(records) - empty
    assert len(result.failures) == empty
    assert all("is empty" in f.reason for f in result.failures)
    assert len({a.id for a in result.articles}) == len(result.articles)
    for article in result.articles:
        record = by_id[article.id]
        assert str(article.published) == record["date"]
        assert article.title == " ".join(str(record["title"]).split())
        assert article.source == "orangesum"
    langs = Counter(a.language for a in result.articles)
    assert langs["fr"] / len(result.articles) >= 0.99, langs
    # clean agency prose: almost nothing should look like boilerplate
    with_drops = sum(1 for a in result.articles if a.meta["dropped_lines"])
    assert with_drops / len(result.articles) <= 0.02


_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_TWEET_SIGNATURE = re.compile(r"\(@\w+\) [A-Z][a-z]+ \d{1,2}, \d{4}\s*$")


def test_ggt_english_directory(shared_data: Path) -> None:
    rawtext = shared_data / "ggt-en-quotes" / "rawtext"
    if not rawtext.is_dir():
        pytest.skip(f"{rawtext} is absent")
    files = sorted(rawtext.glob("*.txt"))
    result = read_inputs([str(rawtext)])
    assert result.failures == []
    assert len(result.articles) == len(files)
    assert all(a.language == "en" for a in result.articles)
    by_origin = {a.origin: a for a in result.articles}
    tweets_expected = tweets_found = 0
    for path in files:
        article = by_origin[str(path)]
        raw = _INVISIBLE.sub("", path.read_text("utf-8"))
        raw_lines = [" ".join(ln.split()) for ln in raw.splitlines()]
        raw_lines = [ln for ln in raw_lines if ln]
        kept = article.text.split("\n")
        dropped = article.meta["dropped_lines"]
        # nothing lost: every line is either kept (in order) or recorded as dropped
        assert [ln for ln in raw_lines if ln not in dropped] == kept
        assert all(ln.upper().startswith("READ MORE") for ln in dropped), dropped
        assert sum(ln.startswith("READ MORE:") for ln in raw_lines) == sum(
            ln.startswith("READ MORE:") for ln in dropped
        )
        tweets_expected += sum(bool(_TWEET_SIGNATURE.search(ln)) for ln in raw_lines)
        for tweet in article.meta["embedded_quotes"]:
            words = article.text[tweet["start"] : tweet["end"]]
            assert words and "pic.twitter.com" not in words and "(@" not in words
            tweets_found += 1
    assert tweets_expected > 0
    assert tweets_found == tweets_expected
