"""Incremental clustering on real embeddings of hand-written sentences and on hand-built vectors."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pytest

from recoupe.cluster import (
    Clusterer,
    ClusterItem,
    IncrementalClusterer,
    cluster_items,
    config_for,
    story_id,
)
from recoupe.cluster.incremental import WordWeights, title_words
from recoupe.errors import ConfigError

DAY = datetime(2023, 2, 6, 9, 0)

TEXTS = {
    "quake-fr": "Un séisme de magnitude 7,8 a frappé lundi le sud de la Turquie et le nord de la Syrie, faisant des milliers de morts.",
    "quake-en": "A magnitude 7.8 earthquake struck southern Turkey and northern Syria on Monday, killing thousands of people.",
    "strike-fr": "La SNCF prévoit un trafic très perturbé mardi en raison de la grève contre la réforme des retraites.",
    "strike-en": "French rail operator SNCF expects heavily disrupted traffic on Tuesday because of the strike against the pension reform.",
    "cheese-fr": "Ce fromage de chèvre affiné au lait cru se déguste avec un vin blanc sec de Loire.",
}


@pytest.fixture(scope="module")
def vectors() -> dict[str, np.ndarray]:
    from recoupe.embed import get_embedder

    embedder = get_embedder("use")
    keys = list(TEXTS)
    return dict(zip(keys, embedder.encode([TEXTS[k] for k in keys]), strict=True))


def _item(
    key: str, vec: np.ndarray, when: datetime | None = DAY, ents: tuple[str, ...] = ()
) -> ClusterItem:
    return ClusterItem(key, vec, when, key.rsplit("-", 1)[-1], frozenset(ents), TEXTS.get(key, key))


@pytest.mark.slow
def test_cross_lingual_pairs_join_and_unrelated_stays_alone(vectors: dict[str, np.ndarray]) -> None:
    items = [_item(k, v, DAY + timedelta(hours=i)) for i, (k, v) in enumerate(vectors.items())]
    stories = cluster_items(items)
    groups = sorted(sorted(members) for members in stories.values())
    assert groups == [["cheese-fr"], ["quake-en", "quake-fr"], ["strike-en", "strike-fr"]]
    assert story_id("quake-fr") in stories and stories[story_id("quake-fr")][0] == "quake-fr"


@pytest.mark.slow
def test_same_story_far_apart_in_time_does_not_join(vectors: dict[str, np.ndarray]) -> None:
    clusterer = IncrementalClusterer()
    first = clusterer.add(_item("quake-fr", vectors["quake-fr"], DAY))
    later = clusterer.add(_item("quake-en", vectors["quake-en"], DAY + timedelta(days=10)))
    assert first != later
    close = IncrementalClusterer()
    a = close.add(_item("quake-fr", vectors["quake-fr"], DAY))
    assert close.add(_item("quake-en", vectors["quake-en"], DAY + timedelta(days=1))) == a


def _unit(*xs: float) -> np.ndarray:
    v = np.zeros(8, dtype=np.float32)
    v[: len(xs)] = xs
    return v / np.linalg.norm(v)


def test_bridging_article_merges_two_stories() -> None:
    cfg = config_for("use", join=0.6, merge=0.65, title_weight=0.0, entity_weight=0.0)
    clusterer = IncrementalClusterer(config=cfg)
    assert isinstance(clusterer, Clusterer)
    s_a = clusterer.add(_item("a", _unit(1, 0)))
    s_b = clusterer.add(_item("b", _unit(0, 1)))
    assert s_a != s_b and clusterer.merges == 0
    s_c = clusterer.add(_item("c", _unit(1, 1)))  # cosine 0.707 to both
    assert s_c == s_a == story_id("a")  # the story with the older first article keeps its id
    assert clusterer.stories() == {s_a: ["a", "b", "c"]}
    assert clusterer.story_of("b") == s_a and clusterer.merges == 1


def test_entities_tip_a_borderline_join() -> None:
    cfg = config_for("use", join=0.7, merge=0.9, title_weight=0.0, entity_weight=0.1, entity_cap=1)
    vec_a, vec_b = _unit(1, 0), _unit(0.64, 0.77)  # cosine 0.64: below join alone
    plain = IncrementalClusterer(config=cfg)
    plain.add(_item("a", vec_a, ents=("rex tillerson",)))
    assert plain.add(_item("b", vec_b, ents=("moscou",))) == story_id("b")
    shared = IncrementalClusterer(config=cfg)
    shared.add(_item("a", vec_a, ents=("rex tillerson",)))
    assert shared.add(_item("b", vec_b, ents=("rex tillerson",))) == story_id("a")


def test_deterministic_and_hnsw_path_matches_exact() -> None:
    rng = np.random.default_rng(3)
    centres = rng.normal(size=(30, 64))
    raw = np.repeat(centres, 20, axis=0) + 0.35 * rng.normal(size=(600, 64))
    vecs = (raw / np.linalg.norm(raw, axis=1, keepdims=True)).astype(np.float32)
    items = [
        ClusterItem(f"x{i:03d}", v, DAY + timedelta(minutes=i), "fr", frozenset(), "")
        for i, v in enumerate(vecs)
    ]
    exact = cluster_items(items, IncrementalClusterer(config=config_for("use", exact_limit=10_000)))
    runs = [
        cluster_items(items, IncrementalClusterer(config=config_for("use", exact_limit=50)))
        for _ in range(2)
    ]
    assert runs[0] == runs[1]
    assert runs[0] == exact
    assert len(exact) == 30


def test_bad_input_and_config() -> None:
    clusterer = IncrementalClusterer()
    sid = clusterer.add(_item("a", _unit(1, 0)))
    assert clusterer.add(_item("a", _unit(0, 1))) == sid  # same id again: unchanged
    assert len(clusterer) == 1
    with pytest.raises(ValueError, match="dimension"):
        clusterer.add(_item("b", np.ones(4, dtype=np.float32) / 2))
    with pytest.raises(ConfigError):
        config_for("use", join=0.8, merge=0.7)
    with pytest.raises(ConfigError):
        config_for("nope")


@pytest.mark.slow
def test_undated_article_joins_a_story_of_any_date() -> None:
    from recoupe.embed import get_embedder

    texts = {
        "tillerson-rts": "Rex Tillerson est arrivé à Moscou pour rencontrer Sergueï Lavrov, "
        "sur fond de tensions après les frappes américaines en Syrie.",
        "pension-2023": "La Première ministre défend la réforme des retraites devant "
        "l'Assemblée nationale malgré les grèves.",
        "tillerson-f24": "À Moscou, Rex Tillerson et Sergueï Lavrov affichent leurs "
        "divergences sur la Syrie.",
    }
    vecs = dict(zip(texts, get_embedder("use").encode(list(texts.values())), strict=True))
    when = {"tillerson-rts": datetime(2017, 4, 12, 10), "pension-2023": datetime(2023, 3, 1)}
    clusterer = IncrementalClusterer()
    for key, text in texts.items():
        ents = ("rex tillerson", "moscou") if key.startswith("tillerson") else ()
        clusterer.add(ClusterItem(key, vecs[key], when.get(key), "fr", frozenset(ents), text))
    assert clusterer.story_of("tillerson-f24") == clusterer.story_of("tillerson-rts")
    assert clusterer.story_of("pension-2023") != clusterer.story_of("tillerson-rts")
    # before: an undated item only met items near the latest date seen (2023)
    assert len(clusterer.stories()) == 2


def test_title_word_weights_favour_a_shared_rare_name() -> None:
    weights = WordWeights()
    for title in ("Soldes d'été chez Darty", "Soldes : les bons plans", "Soldes Amazon du jour"):
        weights.add(title_words(title))
    new = title_words("Soldes : Essebsi hospitalisé")
    common = title_words("Soldes Fnac : les offres")
    rare = title_words("Tunisie : Essebsi va mieux")
    weights.add(rare)
    assert weights.idf("soldes") < weights.idf("essebs")
    # one shared word each, but the rare name weighs more than the word every title carries
    assert weights.cosine(new, rare) > weights.cosine(new, common) > 0.0
    assert weights.cosine(new, frozenset()) == 0.0
