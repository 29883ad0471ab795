"""Story and article pages mark a speaker inferred from context, and only that one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from recoupe.annotate.nlp import load_nlp
from recoupe.api import create_app
from recoupe.corpus import Corpus
from recoupe.model import QUOTES
from recoupe.store import doc_from_bytes, doc_to_bytes, open_store

pytestmark = pytest.mark.slow

BUNDLED = Path(__file__).resolve().parents[2] / "examples" / "crue-argens"
GUESSED = "la décrue ne devrait pas intervenir avant mercredi"
CUED = "ne prendre aucun risque"
FR = "(attribution déduite du contexte)"
EN = "(speaker inferred from context)"


@dataclass(frozen=True)
class Site:
    client: TestClient
    story: str
    article: str  # the article whose quote GUESSED is marked inferred


def _mark_only_guessed(corpus: Corpus, article_id: str) -> bool:
    """Store the article's doc with ``speaker_inferred`` set on GUESSED alone."""
    data = corpus.store.get_doc_bytes(article_id)
    assert data is not None
    doc = doc_from_bytes(data, load_nlp("fr").vocab)
    for q in doc.spans[QUOTES]:
        q._.speaker_inferred = q.text == GUESSED
    annotator = corpus.store.get_annotator(article_id) or ""
    corpus.store.set_annotation(article_id, doc_to_bytes(doc), annotator)
    return any(q.text == GUESSED for q in doc.spans[QUOTES])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    tmp = tmp_path_factory.mktemp("inferred")
    corpus = Corpus(open_store(f"sqlite:///{tmp / 'corpus.sqlite3'}"))
    added = corpus.ingest([str(BUNDLED)]).added
    assert len(added) == 3
    stories = {str(corpus.store.get_article(a).story_id) for a in added}
    target = stories.pop()
    for other in stories:  # the clusterer is still being tuned: one story by construction
        corpus.store.merge_stories(other, target)
    marked = [a for a in added if _mark_only_guessed(corpus, a)]
    assert len(marked) == 1, "exactly one article has the quote"
    yield Site(TestClient(create_app(corpus)), target, marked[0])
    corpus.close()


def _row(page: str, quote: str) -> str:
    found = re.search(
        rf"<tr[^>]*>(?:(?!</tr>).)*{re.escape(quote)}(?:(?!</tr>).)*</tr>", page, re.S
    )
    assert found is not None, quote
    return found.group(0)


def test_brief_quotes_table_marks_the_inferred_quote(site: Site) -> None:
    page = site.client.get(f"/stories/{site.story}").text
    guessed = _row(page, GUESSED)
    assert 'class="quote-row indirect inferred"' in guessed
    assert f'<span class="kind inferred">{FR}</span>' in guessed
    assert "inferred" not in _row(page, CUED)
    english = site.client.get(f"/stories/{site.story}", params={"lang": "en"}).text
    assert EN in _row(english, GUESSED)


def test_article_page_marks_the_inferred_quote(site: Site) -> None:
    page = site.client.get(f"/articles/{site.article}").text
    assert f'<span class="kind inferred">{FR}</span>' in _row(page, GUESSED)
    assert "inferred" not in _row(page, CUED)
    highlighted = re.findall(r'<span class="quote [^"]*"[^>]*>', page)
    assert sum("inferred" in h for h in highlighted) == 1
    marked = [h for h in highlighted if 'data-inferred="true"' in h]
    assert len(marked) == 1
    assert FR in marked[0]  # the hover title says the speaker was inferred


def test_json_of_the_story_and_the_article_say_inferred(site: Site) -> None:
    brief = site.client.get(f"/api/stories/{site.story}").json()["brief"]
    inferred = {q["text"] for q in brief["quotes"] if q["inferred"]}
    assert inferred == {GUESSED}
    annotations = site.client.get(f"/api/articles/{site.article}").json()["annotations"]
    flags = {q["text"]: q["speaker_inferred"] for q in annotations["quotes"]}
    assert flags[GUESSED] is True and flags[CUED] is False
