"""Fit ``recoupe.annotate.speaker_fallback`` on the tuning splits of the French quote gold.

Every article of the chosen splits is annotated by recoupe's rules (the
model's own picks are switched off), and each quote whose rule answer is weak
(no speaker, a pronoun, an untied role) and that matches a gold quote (overlap
0.3) becomes one ranking problem: its candidates are the article's people and
organisations, labelled right when the gold speaker matches them
(``speaker_matches``). When the model keeps the rules' answer, the quote is
right if that answer was.

Prints, for each set of weak kinds reconsidered, regularisation and
threshold, how many of those quotes end with the right speaker
(document-grouped cross-validation), then fits the best setting on all of
them and writes ``src/recoupe/annotate/speaker_fallback.json``
(deterministic). The test splits (``test``, ``test-b``) are never read.

``--splits dev dev-b train --validate dev-c dev-d dev-e`` also scores each kind
set's best setting, fitted on the splits, on splits it was not fitted on (rules'
answers against the model's). The shipped model is fitted on all six.

Usage: python benchmarks/train_speaker_fallback.py [--splits dev dev-b train dev-c dev-d dev-e]
       [--validate SPLIT ...] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from recoupe.annotate import speaker_fallback as fb
from recoupe.annotate.entities import annotate_entities
from recoupe.annotate.nlp import load_nlp
from recoupe.annotate.quotes import annotate_quotes
from recoupe.evaluation.quotes import (
    FR_HELD_OUT_SPLITS,
    FR_TUNING_SPLITS,
    load_fr_gold,
    match_quotes,
    predictions,
    speaker_matches,
)
from recoupe.model import QUOTES

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
THRESHOLDS = [round(t, 2) for t in np.arange(0.2, 0.81, 0.05)]
C_VALUES = [0.1, 0.3, 1.0, 3.0]
FOLDS = 5
HELD_OUT = frozenset(FR_HELD_OUT_SPLITS)


@dataclass
class Problem:
    doc_id: str
    rows: np.ndarray
    labels: np.ndarray
    named: bool
    """The gold speaker is named."""
    kind: str
    rule_ok: bool
    """The rules' own answer is right."""


def problems(splits: list[str]) -> list[Problem]:
    docs = [d for s in splits for d in load_fr_gold(DATA, s)]
    nlp = load_nlp("fr")
    out: list[Problem] = []
    for edoc in docs:
        doc = nlp(edoc.text)
        annotate_entities(doc)
        annotate_quotes(doc, rerank=False)
        spans = list(doc.spans.get(QUOTES, []))
        pred = predictions(doc)
        cands = fb.candidates(doc)
        for gi, pi, _ in match_quotes(edoc.gold, pred, 0.3):
            span, gold = spans[pi], edoc.gold[gi]
            how = fb.kind(span)
            if how == "name":
                continue
            rows = np.array(fb.features(doc, span, cands), dtype=float).reshape(
                -1, len(fb.FEATURES)
            )
            labels = np.array(
                [gold.speaker is not None and speaker_matches(c.name, gold) for c in cands]
            )
            ok = speaker_matches(span._.speaker, gold)
            out.append(Problem(edoc.id, rows, labels, gold.speaker is not None, how, ok))
    return out


def fit(train: list[Problem], c: float) -> LogisticRegression:
    rows = [p.rows for p in train if len(p.rows)]
    x = np.vstack(rows)
    y = np.concatenate([p.labels for p in train if len(p.rows)])
    model = LogisticRegression(C=c, max_iter=2000, class_weight=None)
    model.fit(x, y)
    return model


def right(p: Problem, probs: np.ndarray, threshold: float) -> bool:
    """Is the outcome right: the best candidate over the threshold, else the rules' answer."""
    if len(probs) and probs.max() >= threshold:
        return bool(p.labels[int(np.argmax(probs))])
    return p.rule_ok


def probabilities(model: LogisticRegression, p: Problem) -> np.ndarray:
    """The model's probability for each of the quote's candidates."""
    return model.predict_proba(p.rows)[:, 1] if len(p.rows) else np.array([])


def cross_validate(probs_all: list[Problem], c: float) -> dict[float, int]:
    groups = [p.doc_id for p in probs_all]
    hits = dict.fromkeys(THRESHOLDS, 0)
    for train_idx, test_idx in GroupKFold(FOLDS).split(probs_all, groups=groups):
        model = fit([probs_all[i] for i in train_idx], c)
        for i in test_idx:
            probs = probabilities(model, probs_all[i])
            for t in THRESHOLDS:
                hits[t] += right(probs_all[i], probs, t)
    return hits


KIND_SETS = [("none",), ("none", "pronoun"), ("none", "role"), ("none", "pronoun", "role")]


def report(probs_all: list[Problem], kinds: tuple[str, ...]) -> tuple[int, float, float]:
    """Cross-validated right answers per (C, threshold); the best (right, C, threshold)."""
    chosen = [p for p in probs_all if p.kind in kinds]
    rules = sum(p.rule_ok for p in chosen)
    oracle = sum(p.rule_ok or bool(p.labels.any()) for p in chosen)
    print(f"\nkinds {kinds}: {len(chosen)} quotes, rules right {rules}, oracle {oracle}")
    print("C      " + " ".join(f"{t:>5}" for t in THRESHOLDS))
    best = (-1, 0.0, 0.0)
    for c in C_VALUES:
        hits = cross_validate(chosen, c)
        print(f"{c:<6} " + " ".join(f"{hits[t]:>5}" for t in THRESHOLDS))
        for t in THRESHOLDS:
            if hits[t] - rules > best[0]:
                best = (hits[t] - rules, c, t)
    return best


def validate(train: list[Problem], held: list[Problem], results: dict) -> None:
    """Each kind set's best cross-validated setting, fitted on ``train``, scored on ``held``."""
    print(
        "\nvalidation split: quotes with a weak rule answer, right answers (rules -> with the model)"
    )
    for kinds, (gain, c, t) in results.items():
        model = fit([p for p in train if p.kind in kinds], c)
        chosen = [p for p in held if p.kind in kinds]
        rules = sum(p.rule_ok for p in chosen)
        hits = sum(right(p, probabilities(model, p), t) for p in chosen)
        print(
            f"  {kinds!s:<28} C={c:<4} t={t:<5} {len(chosen):4d} quotes  {rules} -> {hits} ({hits - rules:+d}; CV gain {gain:+d})"
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--splits",
        nargs="+",
        default=list(FR_TUNING_SPLITS),
    )
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument(
        "--validate", nargs="*", default=[], help="splits to score each setting on, not fitted"
    )
    args = ap.parse_args()
    if set(args.splits) & set(args.validate):
        ap.error("a split to validate on must not be fitted on")
    if (set(args.splits) | set(args.validate)) & HELD_OUT:
        ap.error(f"never fit on held-out splits {sorted(HELD_OUT)}")
    probs_all = problems(args.splits)
    print(f"{len(probs_all)} quotes with a weak rule answer, splits {args.splits}")
    results = {kinds: report(probs_all, kinds) for kinds in KIND_SETS}
    if args.validate:
        validate(probs_all, problems(args.validate), results)
    kinds = max(KIND_SETS, key=lambda k: (results[k][0], -len(k)))
    gain, c_best, t_best = results[kinds]
    print(
        f"\nbest cross-validated: {gain:+d} right quotes, kinds {kinds}, C={c_best}, threshold {t_best}"
    )
    model = fit([p for p in probs_all if p.kind in kinds], c_best)
    params = {
        "features": list(fb.FEATURES),
        "weights": [round(float(w), 6) for w in model.coef_[0]],
        "bias": round(float(model.intercept_[0]), 6),
        "threshold": t_best,
        "kinds": list(kinds),
        "fitted_on": args.splits,
        "cv_gain": gain,
    }
    for name, w in zip(fb.FEATURES, params["weights"], strict=True):
        print(f"  {name:<16} {w:+.3f}")
    if not args.no_write:
        fb.PARAMS_PATH.write_text(json.dumps(params, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {fb.PARAMS_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
