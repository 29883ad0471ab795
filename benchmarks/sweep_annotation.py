"""Robustness sweep: real texts in many languages through ingest and annotation.

Reads, from the shared data folder, the SemEval-2022 Task 8 multilingual
articles (10 languages, some with mojibake), the GenderGapTracker English
articles, 300 NeuS roundups and the Google News French titles; writes them as
one JSONL file, reads it back with ``recoupe.ingest.read_inputs`` (language
detected as ingest detects it) and annotates every article with the pipeline's
``run_batch``, as ``recoupe ingest`` does. Prints the detected languages and
every ingest or annotation failure. A crash here is a bug: one bad article must
never stop a batch.

Usage: python benchmarks/sweep_annotation.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from recoupe.engine import annotation_pipeline
from recoupe.evaluation import default_data
from recoupe.evaluation.language import gnews_titles, neus_stories, semeval_texts
from recoupe.ingest import read_inputs

NEUS_ROUNDUPS = 300


def records(root: Path) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [{"text": raw} for _, raw in semeval_texts(root)]
    for path in sorted((root / "ggt-en-quotes" / "rawtext").glob("*.txt")):
        out.append({"text": path.read_text(encoding="utf-8", errors="replace")})
    for story in neus_stories(root)[:NEUS_ROUNDUPS]:
        out.append({"title": story.get("issue", ""), "text": " ".join(story.get("roundup") or [])})
    out += [{"text": title} for title in gnews_titles(root)]
    return [r for r in out if r["text"].strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=default_data())
    args = parser.parse_args(argv)
    if not (args.data / "semeval22-t8").is_dir():
        print(f"evaluation data not found at {args.data}", file=sys.stderr)
        return 2
    rows = records(args.data)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sweep.jsonl"
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
        read = read_inputs([str(path)])
    print(f"{len(rows)} texts, {len(read.failures)} ingest failures")
    for failure in read.failures:
        print(f"  {failure}")
    languages = Counter(a.language for a in read.articles).most_common()
    print("languages:", ", ".join(f"{lang or '?'} {n}" for lang, n in languages))
    failures = [f for f in annotation_pipeline().run_batch(read.articles) if f is not None]
    print(f"{len(failures)} annotation failures of {len(read.articles)} articles")
    for failure in failures:
        print(f"  {failure}")
    return 1 if failures or read.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
