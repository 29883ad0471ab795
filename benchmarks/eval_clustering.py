"""Story clustering and near-duplicate evaluation; prints tables.

1. Google News FR groups (``gnews-fr-titles/clusters.jsonl``, 288 groups,
   1,332 titles): cluster the titles alone (embedding + spaCy entities of the
   title), BCubed and pairwise P/R/F1. The groups come from 8 section pages
   and a story listed in two sections (homepage and international, say) is two
   groups with the same titles: 141 titles appear in two groups. Groups sharing
   an identical title are scored as one story (288 -> 268 gold stories); the
   row "all, groups as listed" scores against the 288 groups. Groups are split by ``random.Random(0)``
   into a *tune* half and a *held-out* half. ``--fit`` fits the pair model of
   :class:`~recoupe.cluster.LinkedClusterer` (the default clusterer) on every
   pair of the tune half and picks its threshold there; ``--tune``
   grid-searches the greedy :class:`~recoupe.cluster.IncrementalClusterer`'s
   thresholds on the tune half. The report gives tune, held-out and all for both.
   Order tolerance: the items are fed in 5 seeded shuffles and each partition
   is compared (BCubed F1) with the one from the sorted order.
2. OrangeSum wire copies: N articles + an edited copy of each
   (:func:`recoupe.dedup.synthetic.make_wire_copy`) + N other articles as
   distractors; recall = copies linked to their original; precision = links
   that are right, where a link between two originals counts as right when
   they share the exact title (OrangeSum holds genuine re-posts).

Usage: ``python benchmarks/eval_clustering.py [--embedder use|e5] [--fit] [--tune] [--dedup-n 2000]``.
Vectors and entities are cached in ``benchmarks/.cache/``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import itertools
import json
import random
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

from recoupe.cluster import (
    ClusterConfig,
    Clusterer,
    ClusterItem,
    IncrementalClusterer,
    LinkedClusterer,
    PairModel,
    config_for,
    pair_model,
)
from recoupe.cluster import cluster_items as batch
from recoupe.cluster.metrics import PRF, bcubed, labels_from_groups, merge_relisted, pairwise
from recoupe.cluster.pairs import PARAMS_PATH, PairTable
from recoupe.dedup import DedupConfig, DuplicateIndex
from recoupe.dedup.synthetic import make_wire_copy
from recoupe.evaluation.stories import against_humans, human_batches, load_gnews, weighted

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
CACHE = Path(__file__).resolve().parent / ".cache"
_ARTICLE = re.compile(r"^(la|le|les|l'|l’|un|une|des|du|de)\s*")


def canonical(name: str) -> str:
    """Stand-in entity canonicalisation: folded, lower-cased, leading article off."""
    folded = unicodedata.normalize("NFKD", name.lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _ARTICLE.sub("", folded.strip()).strip(" .,:;\"'")


def _cached(name: str, texts: list[str], compute: object) -> object:
    key = hashlib.sha1("\n".join(texts).encode()).hexdigest()[:12]
    path = CACHE / f"{name}_{key}.json"
    if path.exists():
        return json.loads(path.read_text())
    value = compute(texts)  # type: ignore[operator]
    CACHE.mkdir(exist_ok=True)
    path.write_text(json.dumps(value))
    return value


def gnews_items(embedder: str) -> tuple[list[ClusterItem], dict[str, int]]:
    ids, titles, gold = load_gnews(DATA)

    def embed(texts: list[str]) -> list[list[float]]:
        from recoupe.embed import get_embedder

        return get_embedder(embedder).encode(texts).tolist()

    def entities(texts: list[str]) -> list[list[str]]:
        from recoupe.annotate.nlp import load_nlp

        nlp = load_nlp("fr")
        return [sorted({canonical(e.text) for e in doc.ents} - {""}) for doc in nlp.pipe(texts)]

    vecs = np.asarray(_cached(f"gnews_{embedder}", titles, embed), dtype=np.float32)
    ents = _cached("gnews_ents", titles, entities)
    items = [
        ClusterItem(iid, vecs[k], None, "fr", frozenset(ents[k]), titles[k])  # type: ignore[index]
        for k, iid in enumerate(ids)
    ]
    return items, gold


def split_groups(gold: dict[str, int], seed: int = 0) -> tuple[set[int], set[int]]:
    groups = sorted(set(gold.values()))
    random.Random(seed).shuffle(groups)
    half = len(groups) // 2
    return set(groups[:half]), set(groups[half:])


def make(kind: str, embedder: str, cfg: ClusterConfig, model: PairModel | None = None) -> Clusterer:
    if kind == "greedy":
        return IncrementalClusterer(embedder, config=cfg)
    return LinkedClusterer(embedder, config=cfg, model=model or pair_model(embedder))


def score(
    items: list[ClusterItem],
    gold: dict[str, int],
    groups: set[int],
    clusterer: Clusterer,
) -> tuple[PRF, PRF, int]:
    subset = [it for it in items if gold[it.id] in groups]
    stories = batch(subset, clusterer)
    pred = labels_from_groups(stories)
    truth = {i: gold[i] for i in pred}  # type: ignore[index]
    return bcubed(pred, truth), pairwise(pred, truth), len(stories)


def tune(items: list[ClusterItem], gold: dict[str, int], embedder: str, groups: set[int]) -> None:
    base = config_for(embedder)
    joins = np.arange(base.join - 0.1, base.join + 0.1001, 0.025 if embedder == "use" else 0.005)
    results = []
    for j, gap, cw, ew, tw, xw in itertools.product(
        joins, (0.05, 0.1), (0.7, 1.0), (0.0, 0.05), (0.3, 0.45, 0.6), (0.15, 0.3)
    ):
        cfg = replace(
            base,
            join=float(j),
            merge=float(j + gap),
            mean_weight=cw,
            entity_weight=ew,
            title_weight=tw,
            char_weight=xw if base.char_weight else 0.0,
            char_max_weight=xw if base.char_max_weight else 0.0,
        )
        b, p, _ = score(items, gold, groups, IncrementalClusterer(embedder, config=cfg))
        results.append((b.f1, p.f1, cfg))
    results.sort(key=lambda r: -r[0])
    print("best on the tune half (BCubed F1, pairwise F1, config):")
    for b_f1, p_f1, cfg in results[:5]:
        print(f"  {b_f1:.4f} {p_f1:.4f} {cfg}")


def fit_logistic(x: np.ndarray, y: np.ndarray, c: float = 100.0) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression whose weights are kept >= 0.

    Every pair feature is a similarity, so a negative weight only says that a
    feature is redundant on this data (e5's squeezed cosines next to the
    lexical channels on French titles); clipping it at 0 keeps the model
    monotone, which cross-lingual pairs (no lexical overlap) rely on.
    """
    from scipy.optimize import minimize

    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = (x - mean) / scale
    target = y.astype(np.float64)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        logit = z @ w + b
        p = 1.0 / (1.0 + np.exp(-logit))
        nll = np.logaddexp(0.0, logit).sum() - target @ logit + (w @ w) / (2 * c)
        grad = np.append(z.T @ (p - target) + w / c, (p - target).sum())
        return float(nll), grad

    bounds = [(0.0, None)] * x.shape[1] + [(None, None)]
    theta = minimize(loss, np.zeros(x.shape[1] + 1), jac=True, bounds=bounds, method="L-BFGS-B").x
    weights = theta[:-1] / scale
    return weights, float(theta[-1] - weights @ mean)


def fit(items: list[ClusterItem], gold: dict[str, int], embedder: str, groups: set[int]) -> None:
    """Fit the pair model on every pair of the tune half; pick its threshold there; save it.

    The threshold is the one whose BCubed F1 averaged with its two grid
    neighbours is best, a plateau rather than a lucky point.
    """
    cfg = config_for(embedder)
    subset = [it for it in items if gold[it.id] in groups]
    table = PairTable(cfg)
    for it in subset:
        table.append(it, np.asarray(it.vector, dtype=np.float32))
    table.freeze()
    rows = list(range(len(subset)))
    upper = np.triu_indices(len(subset), 1)
    x = np.stack([f[upper] for f in table.features(rows, rows)], axis=1)
    labels = np.array([gold[it.id] for it in subset])
    y = (labels[:, None] == labels[None, :])[upper]
    w, b = fit_logistic(x, y)
    weights = tuple(round(float(v), 4) for v in w)
    grid = []
    for threshold in np.arange(0.05, 0.6, 0.025):
        model = PairModel(weights, round(b, 4), round(float(threshold), 3))
        f1 = score(items, gold, groups, make("linked", embedder, cfg, model))[0].f1
        grid.append((f1, model))
    smooth = [np.mean([g[0] for g in grid[max(0, i - 1) : i + 2]]) for i in range(len(grid))]
    pick = int(np.argmax(smooth))
    best = grid[pick][1]
    print(f"fitted on {len(y)} tune-half pairs ({int(y.sum())} same-story): {best}")
    print("  threshold/F1: " + " ".join(f"{m.threshold:.3f}:{f:.3f}" for f, m in grid))
    print(f"  tune-half BCubed F1 {grid[pick][0]:.4f} (3-point mean {smooth[pick]:.4f})")
    params = json.loads(PARAMS_PATH.read_text()) if PARAMS_PATH.exists() else {}
    params[embedder] = {
        "weights": list(best.weights),
        "intercept": best.intercept,
        "threshold": best.threshold,
        "fitted": "benchmarks/eval_clustering.py --fit: Google News FR tune half, titles",
    }
    PARAMS_PATH.write_text(json.dumps(params, indent=2) + "\n")
    pair_model.cache_clear()


def report_gnews(embedder: str, do_tune: bool, do_fit: bool) -> None:
    items, listed = gnews_items(embedder)
    gold = merge_relisted({it.id: it.title for it in items}, listed)
    tune_half, held_out = split_groups(gold)
    if do_tune:
        tune(items, gold, embedder, tune_half)
    if do_fit:
        fit(items, gold, embedder, tune_half)
    cfg = config_for(embedder)
    no_ents = [replace(it, entities=frozenset()) for it in items]
    for kind in ("linked", "greedy"):
        described = pair_model(embedder) if kind == "linked" else cfg
        print(f"\nGoogle News FR titles, embedder={embedder}, clusterer={kind}: {described}")
        print(
            f"{'split':22} {'items':>5} {'stories':>7} {'gold':>4}  {'BCubed P/R/F1':22} pairwise P/R/F1"
        )
        everything = tune_half | held_out
        for name, groups, its, truth in (
            ("tune half", tune_half, items, gold),
            ("held-out half", held_out, items, gold),
            ("all", everything, items, gold),
            ("all, no entities", everything, no_ents, gold),
            ("all, groups as listed", set(listed.values()), items, listed),
        ):
            start = time.perf_counter()
            b, p, n_stories = score(its, truth, groups, make(kind, embedder, cfg))
            n = sum(1 for it in its if truth[it.id] in groups)
            took = time.perf_counter() - start
            print(f"{name:22} {n:>5} {n_stories:>7} {len(groups):>4}  {b!s:22} {p}  ({took:.2f}s)")
        order_tolerance(items, gold, lambda kind=kind: make(kind, embedder, cfg))  # type: ignore[misc]
    report_humans(items, gold, embedder)


def report_humans(items: list[ClusterItem], gold: dict[str, int], embedder: str) -> None:
    """Google's groups, the editors' event-level groups and recoupe, section batch by batch."""
    by_id = {it.id: it for it in items}

    def cluster(ids: list[str]) -> dict[str, str]:
        clusterer = make("linked", embedder, config_for(embedder))
        return labels_from_groups(batch([by_id[i] for i in ids], clusterer))  # type: ignore[return-value]

    rows = against_humans(human_batches(), gold, cluster)
    print(
        "\nevent-level human grouping (data/gold/stories-gnews-fr), each section batch"
        " clustered on its own; BCubed P/R/F1"
    )
    print(
        f"{'batch':36} {'items':>5} {'google':>6} {'human':>5} {'recoupe':>7}  "
        f"{'human vs Google':22} {'recoupe vs Google':22} recoupe vs human"
    )
    for r in rows:
        name = f"{r.batch.number} {'+'.join(r.batch.sections)}"
        humans = len(set(r.batch.labels.values()))
        print(
            f"{name:36} {len(r.batch.labels):>5} {r.google_groups:>6} {humans:>5} {r.stories:>7}  "
            f"{r.human_vs_google!s:22} {r.clusterer_vs_google!s:22} {r.clusterer_vs_human}"
        )
    print(
        f"{'all batches (title-weighted)':36} {sum(len(r.batch.labels) for r in rows):>5} "
        f"{sum(r.google_groups for r in rows):>6} "
        f"{len({g for r in rows for g in r.batch.labels.values()}):>5} "
        f"{sum(r.stories for r in rows):>7}  "
        f"{weighted(rows, lambda r: r.human_vs_google)!s:22} "
        f"{weighted(rows, lambda r: r.clusterer_vs_google)!s:22} "
        f"{weighted(rows, lambda r: r.clusterer_vs_human)}"
    )


def order_tolerance(
    items: list[ClusterItem], gold: dict[str, int], new: Callable[[], Clusterer]
) -> None:
    reference = labels_from_groups(batch(items, new()))
    print("\norder tolerance (all titles fed in shuffled order, seeds 1-5):")
    agree, quality = [], []
    for seed in range(1, 6):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        clusterer = new()
        for it in shuffled:
            clusterer.add(it)
        pred = labels_from_groups(clusterer.stories())
        agree.append(bcubed(pred, reference).f1)
        quality.append(bcubed(pred, gold).f1)  # type: ignore[arg-type]
    print(f"  BCubed F1 vs sorted-order partition: {' '.join(f'{a:.3f}' for a in agree)}")
    print(f"  BCubed F1 vs gold:                   {' '.join(f'{q:.3f}' for q in quality)}")
    print(f"  min agreement {min(agree):.3f}, gold F1 range {min(quality):.3f}-{max(quality):.3f}")


def report_dedup(n: int) -> None:
    docs = []
    with gzip.open(DATA / "orangesum-fr" / "orangesum_parsed_docs.jsonl.gz", "rt") as fh:
        for line in itertools.islice(fh, 2 * n):
            docs.append(json.loads(line))
    originals, distractors = docs[:n], docs[n:]
    title_of = {f"o{d['id']}": d["title"] for d in docs}
    title_of.update({f"c-o{d['id']}": d["title"] for d in docs})  # a copy carries its source
    rng = random.Random(0)
    copies = [(f"o{d['id']}", *make_wire_copy(d["title"], d["article"], rng)) for d in originals]
    print(f"\nOrangeSum wire copies: {n} originals, {n} edited copies, {n} distractors")
    print(f"{'threshold':>9} {'recall':>7} {'precision':>9} {'wrong links':>11} {'art/s':>6}")
    for threshold in (0.6, 0.7, 0.8):
        index = DuplicateIndex(config=DedupConfig(threshold=threshold))
        start = time.perf_counter()
        wrong = 0
        for d in originals + distractors:
            match = index.add(f"o{d['id']}", f"{d['title']}\n{d['article']}")
            wrong += match is not None and title_of[match] != d["title"]
        hit = 0
        for original, title, body in copies:
            match = index.add(f"c-{original}", f"{title}\n{body}")
            hit += match == original
            wrong += match is not None and title_of[match] != title_of[original]
        took = time.perf_counter() - start
        links = hit + wrong
        print(
            f"{threshold:>9.1f} {hit / n:>7.3f} {hit / links if links else 1.0:>9.3f} "
            f"{wrong:>11} {3 * n / took:>6.0f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--embedder", default="use", choices=["use", "e5"])
    parser.add_argument("--tune", action="store_true", help="grid-search the greedy clusterer")
    parser.add_argument("--fit", action="store_true", help="fit the pair model on the tune half")
    parser.add_argument("--dedup-n", type=int, default=2000)
    args = parser.parse_args()
    report_gnews(args.embedder, args.tune, args.fit)
    if args.dedup_n:
        report_dedup(args.dedup_n)


if __name__ == "__main__":
    main()
