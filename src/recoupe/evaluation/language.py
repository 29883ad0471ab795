"""Language identification against the languages the shared data is known to be in.

Usage: recoupe eval language (or python benchmarks/eval_language.py) [--data ../shared/data]

Four sets, each text cleaned as ingest cleans it:

* ``semeval-articles``: the SemEval-2022 Task 8 multilingual articles (train and
  test samples), each with the language the task gives it (10 languages);
* ``semeval-first-lines``: the first line of each of them (over 25 characters,
  cut to 90), a stand-in for headlines in those languages;
* ``gnews-titles``: the Google News French story titles;
* ``neus-headlines``: the NeuS (AllSides) English story headlines.

Prints errors and accuracy per set for recoupe's :func:`detect_language` and,
for reference, py3langid's own default (all its 142 languages).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..ingest.cleanup import clean_text
from ..ingest.language import SAMPLE_CHARS, detect_language
from . import default_data

Labelled = list[tuple[str, str]]  # (gold language, text)
FIRST_LINE_MIN, FIRST_LINE_MAX = 25, 90


@dataclass
class Score:
    """Errors of one detector on one set, with the most frequent confusions."""

    total: int = 0
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def errors(self) -> int:
        return sum(self.confusions.values())

    @property
    def accuracy(self) -> float:
        return 1.0 - self.errors / self.total if self.total else 0.0


def semeval_texts(root: Path) -> list[tuple[str, str]]:
    """``(language, raw text)`` of every SemEval-2022 Task 8 multilingual article, once
    (the train and test samples repeat some)."""
    csv.field_size_limit(1 << 30)
    found: dict[tuple[str, str], None] = {}
    for name in ("hfl_sample_train_augmented.csv", "hfl_sample_test_augmented.csv"):
        with (root / "semeval22-t8" / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for lang, raw in ((row["lang1"], row["text1"]), (row["lang2"], row["text2"])):
                    if raw.strip():
                        found[(lang, raw)] = None
    return list(found)


def gnews_titles(root: Path) -> list[str]:
    """The Google News French story titles, in group order (some stories are listed twice)."""
    lines = (root / "gnews-fr-titles" / "clusters.jsonl").read_text("utf-8").splitlines()
    return [title for line in lines if line for title in json.loads(line)["titles"]]


def neus_stories(root: Path) -> list[dict[str, Any]]:
    """The NeuS (AllSides) stories: ``issue`` is the headline, ``roundup`` the paragraphs."""
    path = root / "neus-allsides-mds" / "allsides_headline_crawled_2021-10-19.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]


def load_sets(root: Path) -> dict[str, Labelled]:
    """The four labelled sets (module docstring), each text once."""
    articles: Labelled = []
    firsts: Labelled = []
    for lang, raw in semeval_texts(root):
        text = clean_text(raw).text.strip()
        if text:
            articles.append((lang, text[:SAMPLE_CHARS]))
            first = text.split("\n")[0][:FIRST_LINE_MAX]
            if len(first) > FIRST_LINE_MIN:
                firsts.append((lang, first))
    sets = {
        "semeval-articles": articles,
        "semeval-first-lines": firsts,
        "gnews-titles": [("fr", title) for title in gnews_titles(root)],
        "neus-headlines": [("en", story["issue"]) for story in neus_stories(root)],
    }
    return {name: list(dict.fromkeys(data)) for name, data in sets.items()}


def score(detect: Callable[[str], str], data: Labelled) -> Score:
    result = Score(total=len(data))
    for gold, text in data:
        found = detect(text)
        if found != gold:
            result.confusions[(gold, found)] += 1
    return result


def _py3langid_default(text: str) -> str:
    import py3langid

    return str(py3langid.classify(text)[0])


def table(sets: dict[str, Labelled]) -> str:
    lines = [
        f"{'set':22} {'texts':>6}  {'recoupe err':>11} {'acc':>6}  {'py3langid err':>13} {'acc':>6}"
    ]
    worst: Counter[tuple[str, str]] = Counter()
    for name, data in sets.items():
        ours, theirs = score(detect_language, data), score(_py3langid_default, data)
        worst.update(ours.confusions)
        lines.append(
            f"{name:22} {len(data):>6}  {ours.errors:>11} {ours.accuracy:>6.3f}  "
            f"{theirs.errors:>13} {theirs.accuracy:>6.3f}"
        )
    top = ", ".join(f"{g}->{p or '?'} {n}" for (g, p), n in worst.most_common(8))
    lines.append(f"recoupe's most frequent confusions (gold->found): {top}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="recoupe eval language", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--data", type=Path, default=default_data(), help="the shared data folder")
    args = parser.parse_args(argv)
    if not (args.data / "semeval22-t8").is_dir():
        print(f"evaluation data not found at {args.data}", file=sys.stderr)
        return 2
    print(table(load_sets(args.data)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
