"""The reference pair (RTS and France 24 on Tillerson in Moscow): the brief a journalist reads first."""

from __future__ import annotations

from pathlib import Path

import pytest

from recoupe.brief import Brief
from recoupe.engine import CompareResult, compare

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def result(example_pair: list[Path]) -> CompareResult:
    return compare([str(p) for p in example_pair])


@pytest.fixture(scope="module")
def brief(result: CompareResult) -> Brief:
    assert result.brief is not None, result.error
    return result.brief


def _shared_with(brief: Brief, rts_words: str, f24_words: str) -> bool:
    for fact in brief.shared_facts:
        in_rts = any(e.article == "rts" and rts_words in e.sentence for e in fact.evidence)
        in_f24 = any(e.article == "france24" and f24_words in e.sentence for e in fact.evidence)
        if in_rts and in_f24:
            return True
    return False


def test_both_articles_are_read_with_metadata(result: CompareResult, brief: Brief) -> None:
    assert result.failures == []
    refs = {a.id: a for a in brief.articles}
    assert set(refs) == {"rts", "france24"}
    assert refs["france24"].published == "2017-04-12"
    assert refs["rts"].published is None
    assert all(a.language == "fr" for a in brief.articles)


def test_people_and_places_are_named_once_each(brief: Brief) -> None:
    persons = {e.name for e in brief.entities if e.type == "PER"}
    places = {e.name for e in brief.entities if e.type == "LOC"}
    for name in (
        "Rex Tillerson",
        "Sergueï Lavrov",
        "Vladimir Poutine",
        "Jim Mattis",
        "Bachar al-Assad",
    ):
        assert name in persons
    assert "Barack Obama" in persons and "Donald Trump" in persons
    assert {"Khan Cheikhoun", "Idleb", "Moscou", "Damas"} <= places
    assert not {"Poutine", "Assad", "Trump", "Obama", "Tillerson"} & persons
    assert not {"Etat", "État", "Désaccord", "Rare"} & {e.name for e in brief.entities}
    poutine = next(e for e in brief.entities if e.name == "Vladimir Poutine")
    assert poutine.mentions["rts"] >= 3 and poutine.mentions["france24"] >= 3


@pytest.mark.parametrize(
    ("start", "speaker"),
    [
        ("Il y a un faible niveau de confiance", "Rex Tillerson"),
        ("Malgré tous les problèmes existants", "Sergueï Lavrov"),
        ("La Russie (...) est ouverte au dialogue", "Sergueï Lavrov"),
        ("organisé", "Rex Tillerson"),
        ("dictateurs", "Sergueï Lavrov"),
        ("le président Poutine a confirmé", "Sergueï Lavrov"),
        ("des groupes de travail", "Rex Tillerson"),
        ("pas de doute", "Jim Mattis"),
        ("On peut dire que le degré de confiance", "Vladimir Poutine"),
        ("les intentions réelles", "Sergueï Lavrov"),
        ("front commun contre le terrorisme", "Sergueï Lavrov"),
        ("profondes divergences", "Rex Tillerson"),
        ("Today Secretary Tillerson meets", "Department of State (@StateDept)"),
    ],
)
def test_direct_quotes_have_the_right_speaker(brief: Brief, start: str, speaker: str) -> None:
    matches = [q for q in brief.quotes if q.direct and q.text.startswith(start)]
    assert matches, f"no direct quote starting {start!r}"
    assert {q.speaker for q in matches} == {speaker}


def test_reported_statements_are_kept_with_their_speaker(brief: Brief) -> None:
    indirect = [q for q in brief.quotes if not q.direct]
    assert any(q.speaker == "Vladimir Poutine" and "niveau pire" in q.text for q in indirect)
    assert any(q.speaker == "Vladimir Poutine" and "aucun élément" in q.text for q in indirect)


def test_facts_both_outlets_report(brief: Brief) -> None:
    # The unplanned meeting with Poutine after hours of talks with Lavrov.
    assert _shared_with(brief, "n'étant initialement pas prévue", "pendant plusieurs heures")
    # Relations worse under Trump, according to Poutine.
    assert _shared_with(brief, "niveau pire", "dégradées")
    # The chemical attack of Khan Cheikhoun and the US strike.
    assert _shared_with(brief, "volte-face", "volte-face")
    assert all(set(f.sources) == {"france24", "rts"} for f in brief.shared_facts)


def test_no_unrelated_statements_are_merged(brief: Brief) -> None:
    for fact in brief.shared_facts:
        text = " ".join(e.sentence for e in fact.evidence)
        assert not ("intentions réelles" in text and "rétablir" in text)
        assert not ("faible niveau de confiance" in text and "Kremlin" in text)


def test_facts_only_one_outlet_reports(brief: Brief) -> None:
    single = {f.sources[0]: [] for f in brief.single_source_facts}
    for f in brief.single_source_facts:
        single[f.sources[0]].append(f.text)
    assert any("87 morts" in t and "pas de doute" in t for t in single["rts"])
    assert any("Mir 24" in t for t in single["france24"])
    assert not any("87 morts" in t for f in brief.shared_facts for t in [f.text])


def test_no_contradiction_is_invented(brief: Brief) -> None:
    assert brief.contradictions == []


def test_timeline_resolves_weekdays_and_relative_dates(result: CompareResult, brief: Brief) -> None:
    dated = {(e.date, tuple(e.sources)) for e in brief.timeline}
    texts = {e.date: e.text for e in brief.timeline}
    assert ("2017-04-12", ("france24",)) in dated
    assert "mercredi au Kremlin" in texts["2017-04-12"] or any(
        "mercredi" in e.text for e in brief.timeline if e.date == "2017-04-12"
    )
    assert any(e.date == "2017-04-11" and "mardi" in e.text for e in brief.timeline)
    assert any(e.date == "2017-04-04" and "4 avril" in e.text for e in brief.timeline)
    # `depuis le début du conflit il y a six ans` (2011) and `depuis son entrée en fonction
    # début février` date a noun, not the sentence: no 2011 or 2017-02 entry.
    assert not any(e.date in ("2011", "2017-02") for e in brief.timeline)
    years = {str(s._.date_value) for a in result.articles for s in a.require_doc().spans["dates"]}
    assert {"2011", "2017-02"} <= years
    rts = next(a for a in result.articles if a.id == "rts")
    assert rts.meta["reference_date_inferred"] is True


def test_summary_cites_its_sources(brief: Brief) -> None:
    assert 3 <= len(brief.summary) <= 6
    assert all(item.sources for item in brief.summary)
    assert any(set(item.sources) == {"rts", "france24"} for item in brief.summary)


def test_offsets_point_into_the_stored_text(result: CompareResult, brief: Brief) -> None:
    texts = {a.id: a.text for a in result.articles}
    for fact in brief.facts:
        for ev in fact.evidence:
            assert texts[ev.article][ev.start : ev.end] == ev.sentence
    for q in brief.quotes:
        assert texts[q.article][q.start : q.end] == q.text
