"""The learned speaker fallback: rule-answer kinds, candidates, the ranking mechanics with
hand-set weights, and the shipped model on hand-written French text (real spaCy model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Span

from recoupe.annotate import speaker_fallback as fb
from recoupe.annotate.entities import annotate_entities
from recoupe.annotate.quotes import annotate_quotes
from recoupe.model import QUOTES

from .conftest import Parse

RESULTS = (
    "Le PDG de Renault Luca de Meo a présenté jeudi les résultats du groupe. Les ventes ont "
    "progressé de 9 % sur l'année.\n« Nous avons tenu nos engagements. »"
)


def _rules(fr_doc: Parse, text: str) -> Doc:
    doc = fr_doc(text)
    annotate_entities(doc)
    annotate_quotes(doc, rerank=False)
    return doc


def _quote(doc: Doc, start: str) -> Span:
    return next(q for q in doc.spans[QUOTES] if q.text.startswith(start))


def _only(feature: str, weight: float = 8.0, threshold: float = 0.5) -> fb.Model:
    """A model that looks at one feature only."""
    weights = tuple(weight if f == feature else 0.0 for f in fb.FEATURES)
    return fb.Model(weights, -weight / 2, threshold, frozenset({"none"}))


def test_kinds_of_rule_answers(fr_doc: Parse) -> None:
    doc = _rules(
        fr_doc,
        "« La croissance sera solide », a déclaré Bruno Le Maire. « Nous tiendrons », a-t-il "
        "ajouté.\nDans l'usine, l'inquiétude domine. « Rien n'est joué », estime une "
        "syndicaliste de la CGT.",
    )
    assert fb.kind(_quote(doc, "La croissance")) == "name"
    assert fb.kind(_quote(doc, "Nous tiendrons")) == "pronoun"
    assert fb.kind(_quote(doc, "Rien n'est")) == "role"
    assert fb.kind(_quote(_rules(fr_doc, RESULTS), "Nous avons tenu")) == "none"


def test_acronym_and_name_are_one_candidate(fr_doc: Parse) -> None:
    doc = _rules(
        fr_doc,
        "Génération Écologie (GE) a lancé mercredi une campagne contre les pesticides. "
        "« L'enjeu est vital », insiste GE. Sa présidente Delphine Batho a écrit aux partis.",
    )
    names = [c.name for c in fb.candidates(doc)]
    assert "Génération Écologie" in names
    assert "GE" not in names
    assert any(n == "Delphine Batho" for n in names)


def test_orphan_takes_the_best_candidate_and_is_marked(fr_doc: Parse) -> None:
    doc = _rules(fr_doc, RESULTS)
    quote = _quote(doc, "Nous avons tenu")
    assert quote._.speaker is None
    changed = fb.reconsider(doc, _only("nearest_before"))
    assert changed == 1
    quote = _quote(doc, "Nous avons tenu")
    assert quote._.speaker == "Luca de Meo"
    assert quote._.speaker_inferred is True
    start, end = quote._.speaker_span
    assert doc.text[start:end] == "Luca de Meo"


def test_below_threshold_the_quote_stays_unattributed(fr_doc: Parse) -> None:
    doc = _rules(fr_doc, RESULTS)
    assert fb.reconsider(doc, _only("nearest_before", threshold=0.999)) == 0
    quote = _quote(doc, "Nous avons tenu")
    assert quote._.speaker is None
    assert quote._.speaker_inferred is False


def test_named_rule_answers_are_never_reconsidered(fr_doc: Parse) -> None:
    doc = _rules(
        fr_doc,
        "Le ministre Bruno Le Maire était à Lyon. « La croissance sera solide », a déclaré "
        "Anne Hidalgo.",
    )
    assert fb.reconsider(doc, _only("nearest_before")) == 0
    assert _quote(doc, "La croissance")._.speaker == "Anne Hidalgo"


def test_feminine_incise_never_goes_to_a_man(fr_doc: Parse) -> None:
    """``a-t-elle expliqué`` with no antecedent the rules could find: the fallback may
    pick a candidate, but not one whose first name is a man's."""
    text = (
        "Emmanuel Macron a été pris à partie par une aide-soignante au CHU de Rouen. "
        "« On a besoin de moyens », a-t-elle expliqué au chef de l'Etat."
    )
    doc = _rules(fr_doc, text)
    quote = _quote(doc, "On a besoin")
    assert quote._.speaker is None
    assert fb.cue_gender(doc, quote) == "Fem"
    fb.reconsider(doc, _only("nearest_before"))
    assert _quote(doc, "On a besoin")._.speaker != "Emmanuel Macron"


def test_english_is_left_to_the_rules() -> None:
    doc = spacy.blank("en")('Luca de Meo spoke on Thursday.\n"We kept our promises."')
    doc.ents = [Span(doc, 0, 3, label="PERSON")]
    doc.spans[QUOTES] = [Span(doc, 8, 12)]
    assert fb.reconsider(doc, _only("nearest_before")) == 0
    assert doc.spans[QUOTES][0]._.speaker is None


def test_shipped_model_on_real_text(fr_doc: Parse) -> None:
    """With the fitted weights: for a quote on its own line that the rules leave without a
    speaker, the person the paragraph before is about ranks first; the quote gets that
    speaker, flagged as inferred, exactly when the probability reaches the threshold."""
    doc = _rules(fr_doc, RESULTS)
    model = fb.load_model()
    assert model is not None
    quote = _quote(doc, "Nous avons tenu")
    cands = fb.candidates(doc)
    rows = fb.features(doc, quote, cands)
    probs = {c.name: model.probability(r) for c, r in zip(cands, rows, strict=True)}
    assert max(probs, key=lambda name: probs[name]) == "Luca de Meo"
    fb.reconsider(doc, model)
    quote = _quote(doc, "Nous avons tenu")
    inferred = quote._.speaker == "Luca de Meo" and quote._.speaker_inferred is True
    assert inferred == (probs["Luca de Meo"] >= model.threshold)


def test_shipped_parameters_match_the_features() -> None:
    raw = json.loads(fb.PARAMS_PATH.read_text(encoding="utf-8"))
    assert raw["features"] == list(fb.FEATURES)
    assert not set(raw["fitted_on"]) & {"test", "test-b"}
    model = fb.load_model()
    assert model is not None and 0.0 < model.threshold < 1.0


def test_parameters_for_other_features_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "params.json"
    path.write_text(
        json.dumps(
            {"features": ["other"], "weights": [1.0], "bias": 0.0, "threshold": 0.5, "kinds": []}
        )
    )
    assert fb.load_model(path) is None
    assert fb.load_model(tmp_path / "absent.json") is None


@pytest.mark.parametrize("threshold", [0.0, 1.0])
def test_pick_respects_the_threshold(threshold: float) -> None:
    model = fb.Model((0.0,) * len(fb.FEATURES), 0.0, threshold)
    rows = [[0.0] * len(fb.FEATURES), [0.0] * len(fb.FEATURES)]
    assert fb.pick(model, rows) == (0 if threshold <= 0.5 else None)
    assert fb.pick(model, []) is None
