"""Quote metrics on hand-made spans, and the gold loaders on the shared data."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.tokens import Doc

from recoupe.evaluation.quotes import (
    FR_GOLD,
    FR_HELD_OUT_SPLITS,
    FR_TUNING_SPLITS,
    EvalDoc,
    GoldQuote,
    PredQuote,
    coverage,
    evaluate,
    load_aads,
    load_fr_gold,
    load_ggt,
    load_polnear,
    match_quotes,
    names_match,
    predictions,
    score_doc,
    speaker_matches,
    trim_span,
)


def test_coverage_is_share_of_gold_covered() -> None:
    assert coverage((10, 20), (10, 20)) == 1.0
    assert coverage((10, 20), (0, 100)) == 1.0  # a longer prediction still covers all gold
    assert coverage((10, 20), (15, 40)) == 0.5
    assert coverage((10, 20), (20, 30)) == 0.0
    assert coverage((10, 10), (0, 30)) == 0.0


def test_match_needs_score_strictly_above_threshold() -> None:
    gold = [GoldQuote(0, 10)]
    assert match_quotes(gold, [PredQuote(7, 20)], 0.3) == []  # exactly 0.3 is not enough
    assert match_quotes(gold, [PredQuote(6, 20)], 0.3) == [(0, 0, 0.4)]
    assert match_quotes(gold, [PredQuote(6, 20)], 0.8) == []


def test_each_prediction_matches_one_gold_quote_at_most() -> None:
    gold = [GoldQuote(0, 10), GoldQuote(12, 20)]
    pred = [PredQuote(0, 20)]  # one long prediction spanning both
    counts, _ = score_doc(EvalDoc("d", "x" * 30, gold), pred, 0.3)
    assert (counts.tp, counts.fn, counts.fp) == (1, 1, 0)


def test_best_prediction_wins() -> None:
    gold = [GoldQuote(0, 10)]
    pred = [PredQuote(5, 10), PredQuote(1, 10)]
    assert match_quotes(gold, pred, 0.3) == [(0, 1, 0.9)]


def test_precision_recall_f1_and_speaker_accuracy() -> None:
    text = "x" * 100
    gold = [
        GoldQuote(0, 10, "Emmanuel Macron"),
        GoldQuote(20, 30, "Marine Le Pen"),
        GoldQuote(40, 50),
    ]
    pred = [PredQuote(0, 10, "Macron"), PredQuote(20, 29, "Jean Castex"), PredQuote(60, 70, None)]
    report = evaluate([EvalDoc("d", text, gold)], lambda _doc: pred)
    c = report.counts[0.3]
    assert (c.tp, c.fp, c.fn) == (2, 1, 1)
    assert c.precision == pytest.approx(2 / 3)
    assert c.recall == pytest.approx(2 / 3)
    assert c.f1 == pytest.approx(2 / 3)
    assert c.speaker_acc == pytest.approx(0.5)


def test_pronoun_resolution_counts_missed_quotes() -> None:
    gold = [
        GoldQuote(0, 10, "Emmanuel Macron", ("il",)),  # found, right speaker
        GoldQuote(20, 30, "Marine Le Pen", ("elle",)),  # found, wrong speaker
        GoldQuote(40, 50, "Jean Castex", ("Il",)),  # missed
        GoldQuote(60, 70, "Jean Castex", ("le Premier ministre",)),  # a role: not counted
        GoldQuote(80, 90, None, ("il",)),  # no named speaker: not counted
    ]
    pred = [PredQuote(0, 10, "Macron"), PredQuote(20, 30, "Emmanuel Macron"), PredQuote(60, 70)]
    c = evaluate([EvalDoc("d", "x" * 100, gold)], lambda _doc: pred).counts[0.3]
    assert (c.pronoun_gold, c.pronoun_ok) == (3, 1)
    assert c.pronoun_recall == pytest.approx(1 / 3)


def test_names_match_by_fold_containment_or_last_name() -> None:
    assert names_match("Macron", "Emmanuel Macron")
    assert names_match("EMMANUEL MACRON", "emmanuel macron")
    assert names_match("Gérald Darmanin", "Gerald Darmanin")
    assert names_match("M. Dupic", "Emmanuel Dupic")
    assert names_match("Le Pen", "Marine Le Pen")
    assert not names_match("Jean Castex", "Edouard Philippe")
    assert not names_match("", "Edouard Philippe")


def test_speaker_match_uses_mentions_but_not_pronouns() -> None:
    named = GoldQuote(0, 5, "Nicolas Loquin", ("le pêcheur",))
    assert speaker_matches("Loquin", named)
    assert speaker_matches("le pêcheur", named)
    assert not speaker_matches(None, named)
    assert not speaker_matches("il", GoldQuote(0, 5, "Nicolas Loquin", ("il",)))
    unnamed = GoldQuote(0, 5, None, ("un cadre du RN",))
    assert speaker_matches(None, unnamed)
    assert speaker_matches("un cadre du RN", unnamed)
    assert not speaker_matches("Marine Le Pen", unnamed)


def test_trim_span_drops_marks_dashes_and_comma() -> None:
    text = 'He said: "We will win," she added. — Oui, dit-il.'
    start = text.index('"')
    s, e = trim_span(text, start, text.index(",", start) + 2)
    assert text[s:e] == "We will win"
    dash = text.index("—")
    s, e = trim_span(text, dash, dash + 7)
    assert text[s:e] == "Oui"


def test_predictions_read_recoupe_spans(fr_doc: Callable[[str], Doc]) -> None:
    text = "« Nous partirons demain », a déclaré Jean Castex."
    doc = fr_doc(text)
    start = text.index("Nous")
    span = doc.char_span(start, start + len("Nous partirons demain"))
    assert span is not None
    span._.speaker = "Jean Castex"
    span._.direct = True
    doc.spans["quotes"] = [span]
    assert predictions(doc) == [PredQuote(2, 23, "Jean Castex", True)]


def test_french_gold_file_is_well_formed() -> None:
    rows = [json.loads(line) for line in FR_GOLD.read_text(encoding="utf-8").splitlines()]
    splits: dict[str, set[str]] = {}
    for r in rows:
        splits.setdefault(r["split"], set()).add(r["doc_id"])
        if r["quote"] is not None:
            assert r["end"] - r["start"] == len(r["quote"])
            assert isinstance(r["direct"], bool)
    fresh = tuple(f"dev-{x}" for x in "cdefghijk")  # session 11, 40 articles each
    assert set(splits) == {"dev", "test", "test-b", "dev-b", "train", *fresh}
    assert set(splits) == {*FR_TUNING_SPLITS, *FR_HELD_OUT_SPLITS}
    for a, b in itertools.combinations(splits, 2):
        assert not splits[a] & splits[b], (a, b)
    assert len(splits["dev"]) >= 25 and len(splits["test"]) >= 20 and len(splits["test-b"]) >= 40
    assert all(len(splits[name]) == 40 for name in fresh)
    with_quotes = {r["doc_id"] for r in rows if r["quote"] is not None}
    assert len(with_quotes) >= 45


def test_french_gold_offsets_hold_in_orangesum(shared_data: Path) -> None:
    docs = load_fr_gold(shared_data)  # raises if one offset does not hold its quote
    assert len(docs) >= 45
    by_id = {d.id: d for d in docs}
    rows = [json.loads(line) for line in FR_GOLD.read_text(encoding="utf-8").splitlines()]
    for r in rows:
        if r["quote"] is not None:
            assert by_id[r["doc_id"]].text[r["start"] : r["end"]] == r["quote"]


def test_ggt_loader_locates_quotes_by_text(shared_data: Path) -> None:
    docs = load_ggt(shared_data)
    assert len(docs) >= 95
    total = sum(len(d.gold) for d in docs)
    assert total > 1400
    first = docs[0]
    g = first.gold[0]
    assert first.text[g.start] not in "\"“'"  # outer marks trimmed
    assert any(d.gold and d.gold[0].speaker for d in docs)


def test_polnear_loader_reads_content_and_source(shared_data: Path) -> None:
    docs = load_polnear(shared_data, "test")
    assert len(docs) == 84
    doc = next(d for d in docs if d.id.startswith("breitbart_2016-10-12"))
    texts = [doc.text[g.start : g.end] for g in doc.gold]
    assert "Hillary Clinton for president" in texts
    g = doc.gold[texts.index("Hillary Clinton for president")]
    assert g.speaker == "Washington Post"


def test_aads_loader_builds_direct_speech_spans(shared_data: Path) -> None:
    docs = load_aads(shared_data, "test", max_chars=5000)
    assert docs
    assert all(len(d.text) <= 5000 for d in docs)
    spans = [d.text[g.start : g.end] for d in docs for g in d.gold]
    assert any(s.startswith("Est-ce bien à l'abbé Bernard") for s in spans)
    assert all(g.speaker is None for d in docs for g in d.gold)


def test_eval_quotes_rejects_an_unknown_dataset_before_loading_anything(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from recoupe.evaluation.report import main

    with pytest.raises(SystemExit) as exit_info:
        main(["--only", "fr-dev,fr-dev-z"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "unknown datasets fr-dev-z" in err and "fr-dev-k" in err
