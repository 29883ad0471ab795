"""A real SQLite corpus (example pair, bundled example, an XSS attempt) behind the app."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from recoupe.api import create_app
from recoupe.corpus import Corpus
from recoupe.store import open_store

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "examples" / "crue-argens"
XSS_TITLE = "Conseil municipal de Lyon <script>alert(1)</script> : le budget adopté"
XSS_IMG = '"><img src=x onerror=alert(1)>'
XSS_TEXT = f"""{XSS_TITLE}
Le conseil municipal de Lyon a adopté jeudi soir le budget 2024 {XSS_IMG} après quatre heures de débat.
« Ce budget <script>alert(2)</script> protège les services publics », a déclaré l'adjoint aux finances, Paul Martin.
L'opposition a voté contre et dénonce une hausse de 12 % des dépenses de fonctionnement.
"""


@dataclass(frozen=True)
class Filled:
    corpus: Corpus
    pair_story: str
    pair_articles: dict[str, str]  # source -> article id
    flood_story: str
    xss_story: str
    xss_article: str


def _story_of(corpus: Corpus, article_id: str) -> str:
    story = corpus.store.get_article(article_id).story_id
    assert story is not None
    return story


@pytest.fixture(scope="session")
def filled(tmp_path_factory: pytest.TempPathFactory, example_pair: list[Path]) -> Iterator[Filled]:
    tmp = tmp_path_factory.mktemp("api")
    xss = tmp / "xss-gazette.txt"
    xss.write_text(XSS_TEXT, encoding="utf-8")
    corpus = Corpus(open_store(f"sqlite:///{tmp / 'corpus.sqlite3'}"))
    pair = corpus.ingest([str(p) for p in example_pair])
    assert not pair.failures and len(pair.added) == 2
    ids = {corpus.store.get_article(a).source: a for a in pair.added}
    stories = {_story_of(corpus, a) for a in pair.added}
    if len(stories) > 1:
        # The clusterer is still being tuned: the pair is one story by construction.
        target = _story_of(corpus, ids["rts"])
        for other in stories - {target}:
            corpus.store.merge_stories(other, target)
    flood = corpus.ingest([str(BUNDLED)])
    assert len(flood.added) == 3
    odd = corpus.ingest([str(xss)])
    assert len(odd.added) == 1
    yield Filled(
        corpus=corpus,
        pair_story=_story_of(corpus, ids["rts"]),
        pair_articles=ids,
        flood_story=_story_of(corpus, flood.added[0]),
        xss_story=_story_of(corpus, odd.added[0]),
        xss_article=odd.added[0],
    )
    corpus.close()


@pytest.fixture(scope="session")
def client(filled: Filled) -> TestClient:
    return TestClient(create_app(filled.corpus))


@pytest.fixture(scope="session")
def pair_texts(example_pair: list[Path]) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in example_pair}


@pytest.fixture(scope="session")
def flood_texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(BUNDLED.glob("*.txt"))}
