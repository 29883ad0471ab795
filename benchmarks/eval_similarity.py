"""Calibrate and evaluate ``recoupe.cluster.similarity`` on SemEval-2022 Task 8 TRAIN data.

Data (read from ../shared/data/semeval22-t8, never copied):

* ``hfl_sample_{train,test}_augmented.csv``: ~1,594 TRAIN pairs with (truncated)
  text in 7 languages, plus machine-translated augmentations (pair_id with a
  language suffix). Augmentations are used for fitting only, never scored.
* ``fr_fr_train72.jsonl``: 72 fr-fr TRAIN pairs with full text (69 non-empty).

Nothing here touches the SemEval evaluation set. Settings reported:

1. raw cosine baselines on the French 72 (Pearson of ``-cosine`` with gold);
2. French 72 zero-shot: fitted on HFL pairs, minus any pair of the French 72;
3. French 72 6-fold CV: HFL (minus French 72) + 5/6 of the French 72;
4. HFL multilingual 5-fold CV grouped by pair (augmentations follow their
   source pair; only original pairs are scored), overall and per language pair.

Then it writes ``src/recoupe/cluster/similarity_params.json`` (deterministic):
``use`` (all data), ``use@no-fr72`` (without the French 72), and with
``--second-stage`` the same for ``use+e5``.

The shipped parameters are produced with ``--second-stage`` and no ``--augment``
(about 23 min on 2 cores, 20 of them e5 embedding; without ``--second-stage``
only the ``use`` models are written). ``--augment`` adds the MT augmentations
to the fitting data, never to the scored pairs (~40 min more of embedding).

Usage: python benchmarks/eval_similarity.py [--augment] [--second-stage] [--cache FILE] [--no-write]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import logging
import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import Ridge
from sklearn.model_selection import GroupKFold, KFold

from recoupe.cluster.features import ArticleView, add_vectors, build_view, pair_features
from recoupe.cluster.similarity import PARAMS_PATH, LinearModel, feature_value
from recoupe.embed import get_embedder
from recoupe.model import Article

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "semeval22-t8"
SEED = 13
ALPHA = 300.0
TIME_PRIOR = {"grace_days": 7.0, "per_doubling": 0.15, "max": 0.6}
BASE_FEATURES = [
    "title", "lead", "full", "align", "align_top",
]  # fmt: skip
LEXICAL = ["ent_jaccard", "ent_overlap", "caps_jaccard", "num_jaccard"]
# Hinge max(0, use_full - 0.4): the score falls faster once USE full-text cosines
# pass ~0.4 (French 72 zero-shot +0.012 USE, +0.018 USE+e5; knots 0.3-0.5 alike).
FULL_HINGE = 0.4
log = logging.getLogger("eval_similarity")

Pair = dict[str, Any]


def feature_names(names: list[str]) -> list[str]:
    """Model inputs; the second stage (``use+e5``) also takes USE's title-vs-full cross
    cosine (French 72 +0.011 with e5, +0.002 without, so only there)."""
    first = names[0]
    cross = [f"{first}_title_full"] if len(names) > 1 else []
    per_embedder = [f"{n}_{f}" for n in names for f in BASE_FEATURES]
    return [*per_embedder, f"{first}_full>{FULL_HINGE}", *cross, *LEXICAL]


def _split_title(text: str) -> tuple[str, str]:
    """HFL texts are ``title + two spaces + body``."""
    text = text.strip()
    head, sep, body = text.partition("  ")
    if sep and 0 < len(head) <= 300 and body.strip():
        return head.strip(), body.strip()
    return "", text


def load_hfl() -> list[Pair]:
    csv.field_size_limit(10**9)
    seen: set[str] = set()
    pairs = []
    for name in ("hfl_sample_train_augmented.csv", "hfl_sample_test_augmented.csv"):
        with (DATA / name).open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                pid = row["pair_id"]
                if pid in seen:
                    continue
                seen.add(pid)
                t1, b1 = _split_title(row["text1"])
                t2, b2 = _split_title(row["text2"])
                pairs.append(
                    {
                        "id": pid,
                        "group": re.sub(r"[a-z]+", "", pid),
                        "augmented": not re.fullmatch(r"\d+_\d+", pid),
                        "langs": (row["lang1"], row["lang2"]),
                        "a": (t1, b1),
                        "b": (t2, b2),
                        "gold": float(row["Overall"]),
                        "src": "hfl",
                    }
                )
    return pairs


def load_fr72() -> list[Pair]:
    pairs = []
    with (DATA / "fr_fr_train72.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if not r["text1"].strip() or not r["text2"].strip():
                continue
            pairs.append(
                {
                    "id": r["pair_id"],
                    "group": r["pair_id"],
                    "augmented": False,
                    "langs": ("fr", "fr"),
                    "a": (r["title1"], r["text1"]),
                    "b": (r["title2"], r["text2"]),
                    "gold": float(r["scores"]["Overall"]),
                    "src": "fr72",
                }
            )
    return pairs


class ViewStore:
    """Builds each distinct article once; caches pair features on disk."""

    def __init__(self, names: list[str], cache: Path | None) -> None:
        self.embedders = [get_embedder(n) for n in names]
        self.names = names
        self.views: dict[str, ArticleView] = {}
        self.cache_path = cache
        self.cache: dict[str, dict[str, float]] = {}
        if cache and cache.exists():
            self.cache = json.loads(cache.read_text())

    def view(self, title: str, text: str, lang: str) -> ArticleView:
        key = hashlib.sha1(f"{lang}\x00{title}\x00{text}".encode()).hexdigest()
        if key not in self.views:
            art = Article(id=key[:12], text=text, title=title, language=lang)
            v = build_view(art)
            for emb in self.embedders:
                add_vectors(v, emb, sentences=emb.name != "e5")
            self.views[key] = v
        return self.views[key]

    def features(self, pair: Pair) -> dict[str, float]:
        ck = f"{pair['src']}:{pair['id']}:{'+'.join(self.names)}"
        if ck not in self.cache:
            va = self.view(*pair["a"], pair["langs"][0])
            vb = self.view(*pair["b"], pair["langs"][1])
            self.cache[ck] = pair_features(va, vb, self.names)
        return self.cache[ck]

    def save(self) -> None:
        if self.cache_path:
            self.cache_path.write_text(json.dumps(self.cache))


def matrix(pairs: list[Pair], store: ViewStore, cols: list[str]) -> np.ndarray:
    rows = []
    for i, p in enumerate(pairs):
        if i % 200 == 0:
            log.info("features %d/%d", i, len(pairs))
            store.save()
        f = store.features(p)
        rows.append([feature_value(f, c) for c in cols])
    store.save()
    return np.asarray(rows, dtype=np.float64)


def fit(x: np.ndarray, y: np.ndarray, cols: list[str], info: dict[str, Any]) -> LinearModel:
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    ridge = Ridge(alpha=ALPHA).fit(z, y)
    raw = ridge.predict(z)
    iso = IsotonicRegression(y_min=1.0, y_max=4.0, out_of_bounds="clip").fit(raw, y)
    # Thin the isotonic steps to a short, smooth knot list.
    knots = np.quantile(raw, np.linspace(0, 1, 21))
    return LinearModel(
        features=cols,
        mean=[round(float(v), 6) for v in mean],
        scale=[round(float(v), 6) for v in scale],
        coef=[round(float(v), 6) for v in ridge.coef_],
        intercept=round(float(ridge.intercept_), 6),
        iso_x=[round(float(v), 6) for v in knots],
        iso_y=[round(float(v), 6) for v in iso.predict(knots)],
        info=info,
    )


def predict(model: LinearModel, x: np.ndarray) -> np.ndarray:
    return np.array([model.predict(dict(zip(model.features, row, strict=True))) for row in x])


def pearson(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a, b)[0, 1])


def fr72_settings(
    hfl: list[Pair], fr: list[Pair], store: ViewStore, cols: list[str]
) -> dict[str, float]:
    fr_groups = {p["group"] for p in fr}
    train = [p for p in hfl if p["group"] not in fr_groups]
    xh, yh = matrix(train, store, cols), np.array([p["gold"] for p in train])
    xf, yf = matrix(fr, store, cols), np.array([p["gold"] for p in fr])
    res: dict[str, float] = {}
    for c in cols:
        if c.endswith(("_title", "_lead", "_full", "_align")):
            res[f"baseline -{c}"] = pearson(-xf[:, cols.index(c)], yf)
    zero = fit(xh, yh, cols, {})
    zero_pred = predict(zero, xf)
    res["zero-shot (fit HFL minus fr72)"] = pearson(zero_pred, yf)
    res["  same, even-index half (test floor)"] = pearson(zero_pred[::2], yf[::2])
    pred = np.zeros_like(yf)
    for tr, te in KFold(6, shuffle=True, random_state=SEED).split(xf):
        m = fit(np.vstack([xh, xf[tr]]), np.concatenate([yh, yf[tr]]), cols, {})
        pred[te] = predict(m, xf[te])
    res["6-fold CV (HFL + 5/6 fr72)"] = pearson(pred, yf)
    pred_fr = np.zeros_like(yf)
    for tr, te in KFold(6, shuffle=True, random_state=SEED).split(xf):
        pred_fr[te] = predict(fit(xf[tr], yf[tr], cols, {}), xf[te])
    res["6-fold CV (fr72 only)"] = pearson(pred_fr, yf)
    return res


def hfl_cv(hfl: list[Pair], store: ViewStore, cols: list[str]) -> dict[str, float]:
    x, y = matrix(hfl, store, cols), np.array([p["gold"] for p in hfl])
    groups = [p["group"] for p in hfl]
    scored = np.array([not p["augmented"] for p in hfl])
    pred = np.full_like(y, np.nan)
    for tr, te in GroupKFold(5).split(x, y, groups):
        m = fit(x[tr], y[tr], cols, {})
        te = te[scored[te]]
        pred[te] = predict(m, x[te])
    res = {"HFL 5-fold grouped CV, all originals": pearson(pred[scored], y[scored])}
    full = cols.index(f"{store.names[0]}_full")
    res["HFL baseline -use_full, all originals"] = pearson(-x[scored, full], y[scored])
    by_lang: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(hfl):
        if not p["augmented"]:
            by_lang["-".join(p["langs"])].append(i)
    for lang, idx in sorted(by_lang.items(), key=lambda kv: -len(kv[1])):
        res[f"  {lang} (n={len(idx)})"] = pearson(pred[idx], y[idx])
    return res


def write_params(
    hfl: list[Pair], fr: list[Pair], store: ViewStore, setups: list[list[str]]
) -> dict[str, Any]:
    fr_groups = {p["group"] for p in fr}
    models: dict[str, Any] = {}
    for names in setups:
        key = "+".join(names)
        cols = feature_names(names)
        no_fr = [p for p in hfl if p["group"] not in fr_groups]
        for variant, pairs in (("", hfl + fr), ("@no-fr72", no_fr)):
            x, y = matrix(pairs, store, cols), np.array([p["gold"] for p in pairs])
            info = {
                "trained_on": "SemEval-2022 T8 TRAIN: HFL sample (+MT augmentations)"
                + ("" if variant else " + fr_fr_train72"),
                "n_pairs": len(pairs),
                "ridge_alpha": ALPHA,
            }
            models[key + variant] = fit(x, y, cols, info).to_dict()
    return {"version": 1, "time_prior": TIME_PRIOR, "models": models}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--second-stage", action="store_true", help="also fit use+e5 models")
    ap.add_argument("--cache", type=Path, default=None, help="JSON cache of pair features")
    ap.add_argument("--no-write", action="store_true", help="do not rewrite the params file")
    ap.add_argument("--augment", action="store_true", help="also fit on MT augmentations")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if not DATA.is_dir():
        print(f"data not found at {DATA}", file=sys.stderr)
        return 2
    t0 = time.time()
    hfl, fr = load_hfl(), load_fr72()
    if not args.augment:
        hfl = [p for p in hfl if not p["augmented"]]
    print(f"HFL pairs: {sum(not p['augmented'] for p in hfl)} original, "
          f"{sum(p['augmented'] for p in hfl)} augmented; French 72 with text: {len(fr)}")  # fmt: skip
    setups = [["use"]] + ([["use", "e5"]] if args.second_stage else [])
    store = ViewStore(setups[-1], args.cache)
    # Originals first: the French numbers need them, augmentations only help fitting.
    for group in (fr, [p for p in hfl if not p["augmented"]], [p for p in hfl if p["augmented"]]):
        matrix(group, store, feature_names(setups[-1]))
    for names in setups:
        cols = feature_names(names)
        print(f"\n## features: {'+'.join(names)}  (Pearson of predicted score vs gold)")
        for name, value in {
            **fr72_settings(hfl, fr, store, cols),
            **hfl_cv(hfl, store, cols),
        }.items():
            print(f"| {name:<45} | {value:6.3f} |")
    if not args.no_write:
        params = write_params(hfl, fr, store, setups)
        PARAMS_PATH.write_text(json.dumps(params, indent=1, sort_keys=True) + "\n")
        print(f"\nwrote {PARAMS_PATH}")
    print(f"done in {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
