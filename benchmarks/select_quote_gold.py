"""List the OrangeSum documents the French quote gold's selection rule keeps, in order.

Usage: python benchmarks/select_quote_gold.py [--data ../shared/data] [--from 328 --new 40]

Prints rank, OrangeSum id and the gold split already holding it ("-" when none),
up to one rank past the gold; ``--new N`` prints the first N kept documents from
rank ``--from`` on that are not in the gold yet (``--from 368 --new 40`` would
give the next split). The rule is in data/gold/quotes-fr/GUIDE.md ("Selection").
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from pathlib import Path

from recoupe.evaluation import default_data
from recoupe.evaluation.quotes import FR_GOLD, orangesum_text

SEED = 20240501
VERBS = re.compile(
    r"\b(?:a|ont|avait|avaient) (?:déclaré|affirmé|expliqué|indiqué|assuré|estimé|souligné"
    r"|dit|ajouté|confié|précisé|lancé|martelé|annoncé)\b"
    r"|a-t-il|a-t-elle|ont-ils|\bexplique\b|\baffirme\b|\bdéclare\b|\bestime\b|\bselon\b"
)


def kept(data: Path) -> list[str]:
    path = data / "orangesum-fr" / "orangesum_parsed_docs.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    rows.sort(key=lambda r: int(r["id"]))
    random.Random(SEED).shuffle(rows)
    out = []
    for row in rows:
        text = orangesum_text(row)
        marks = sum(text.count(c) for c in '"«»“”')
        if 800 <= len(text) <= 2200 and marks >= 4 and VERBS.search(text):
            out.append(str(row["id"]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=default_data())
    ap.add_argument("--new", type=int, default=0)
    ap.add_argument("--from", dest="first", type=int, default=1)
    args = ap.parse_args()
    lines = FR_GOLD.read_text(encoding="utf-8").splitlines()
    split = {json.loads(line)["doc_id"]: json.loads(line)["split"] for line in lines if line}
    fresh = 0
    for rank, doc_id in enumerate(kept(args.data), 1):
        if args.new and (doc_id in split or rank < args.first):
            continue
        print(f"{rank}\t{doc_id}\t{split.get(doc_id, '-')}")
        fresh += 1
        if (args.new and fresh >= args.new) or (not args.new and rank >= len(split) + 1):
            break


if __name__ == "__main__":
    main()
