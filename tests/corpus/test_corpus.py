"""The corpus on a real store (SQLite and PostgreSQL): ingest, stories, idempotence, briefs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from recoupe.corpus import Corpus
from recoupe.store import open_store

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = sorted(str(p) for p in (ROOT / "examples" / "crue-argens").glob("*.txt"))


@pytest.fixture
def corpus(store_url: str) -> Iterator[Corpus]:
    c = Corpus(open_store(store_url))
    yield c
    c.close()


def _story_of(corpus: Corpus, article_id: str) -> str | None:
    return corpus.store.get_article(article_id).story_id


def test_ingest_groups_one_event_and_keeps_others_apart(
    corpus: Corpus, example_pair: list[Path]
) -> None:
    report = corpus.ingest([*BUNDLED, *(str(p) for p in example_pair)])
    assert len(report.added) == 5 and not report.failures
    flood = {report.stories[a] for a in report.added[:3]}
    assert len(flood) == 1
    moscow = {report.stories[a] for a in report.added[3:]}
    assert moscow.isdisjoint(flood)
    listed = corpus.stories()
    flood_story = next(s for s in listed if s.id in flood)
    assert flood_story.size == 3
    assert set(flood_story.sources) == {"le-courrier-du-var", "radio-provence", "var-info"}
    assert flood_story.languages == ["fr"]
    assert [s.id for s in corpus.stories(query="argens")] == [flood_story.id]
    assert corpus.stories(lang="en") == []


def test_reingesting_changes_nothing(corpus: Corpus) -> None:
    first = corpus.ingest(BUNDLED)
    stories_before = [(s.id, s.size) for s in corpus.stories()]
    again = corpus.ingest(BUNDLED)
    assert again.added == [] and sorted(again.unchanged) == sorted(first.added)
    assert [(s.id, s.size) for s in corpus.stories()] == stories_before
    assert corpus.store.count_articles() == 3


def test_rejects_are_recorded(corpus: Corpus, tmp_path: Path) -> None:
    empty = tmp_path / "vide.txt"
    empty.write_text("\n", encoding="utf-8")
    report = corpus.ingest([*BUNDLED[:1], str(empty), str(tmp_path / "absent.txt")])
    assert len(report.added) == 1 and len(report.failures) == 2
    rejects = corpus.store.list_rejects()
    assert {r.item for r in rejects} == {str(empty), str(tmp_path / "absent.txt")}
    assert all(r.reason for r in rejects)


def test_updated_article_is_kept_as_a_revision(corpus: Corpus, tmp_path: Path) -> None:
    text = Path(BUNDLED[0]).read_text(encoding="utf-8")
    v1 = tmp_path / "v1.jsonl"
    v1.write_text(
        json.dumps({"text": text, "url": "https://exemple.fr/crue", "source": "Courrier"}) + "\n"
    )
    v2 = tmp_path / "v2.jsonl"
    updated = text.replace("trois morts", "quatre morts")
    v2.write_text(
        json.dumps({"text": updated, "url": "https://exemple.fr/crue", "source": "Courrier"}) + "\n"
    )
    first = corpus.ingest([str(v1)])
    second = corpus.ingest([str(v2)])
    assert len(second.revisions) == 1
    new = corpus.store.get_article(second.revisions[0])
    assert new.revision == 2 and new.previous_id == first.added[0]
    assert corpus.store.count_articles() == 1


def test_wire_copy_is_linked_and_not_an_independent_source(corpus: Corpus, tmp_path: Path) -> None:
    original = Path(BUNDLED[2]).read_text(encoding="utf-8")
    copy = tmp_path / "reprise.txt"
    copy.write_text(
        original.replace("Inondations dans le Var", "Var : inondations") + "\n(avec AFP)\n"
    )
    report = corpus.ingest([BUNDLED[2], BUNDLED[0], str(copy)])
    copy_id = report.added[-1]
    assert report.duplicates == {copy_id: report.added[0]}
    assert _story_of(corpus, copy_id) == _story_of(corpus, report.added[0])
    story = _story_of(corpus, copy_id)
    assert story is not None
    brief = corpus.brief(story)
    refs = {a.id: a for a in brief.articles}
    assert refs[copy_id].duplicate_of == report.added[0]
    assert all(copy_id not in f.sources for f in brief.facts)


def test_brief_of_a_stored_story_uses_stored_annotations(corpus: Corpus) -> None:
    report = corpus.ingest(BUNDLED)
    story = report.stories[report.added[0]]
    brief = corpus.brief(story)
    assert {q.speaker for q in brief.quotes} >= {"Hugues Verdier", "Claire Mandel"}
    assert any(len(f.sources) == 3 for f in brief.shared_facts)
    stored = corpus.article(report.added[0])
    assert stored.doc is not None and stored.doc.spans["quotes"]
    assert corpus.store.get_annotator(report.added[0]) is not None
