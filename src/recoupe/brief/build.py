"""Build a story brief from annotated articles."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from itertools import combinations

from ..errors import NotEnoughArticles
from ..model import Article
from .align import Aligner, Link
from .contradictions import find_contradictions
from .facts import build_facts
from .model import ArticleRef, Brief, EntityRef
from .quotes import collect_quotes
from .summary import build_summary
from .timeline import build_timeline
from .units import Unit, sentence_units

log = logging.getLogger(__name__)


def article_ref(article: Article) -> ArticleRef:
    return ArticleRef(
        id=article.id,
        title=article.title,
        source=article.source,
        published=article.published.isoformat() if article.published else None,
        language=article.language,
        duplicate_of=article.meta.get("duplicate_of"),
    )


def _entities(articles: Sequence[Article]) -> list[EntityRef]:
    from ..annotate.entities import entity_table

    rows = entity_table([a.require_doc() for a in articles], [a.id for a in articles])
    return [EntityRef(r.name, r.type, dict(r.mentions)) for r in rows]


def _align(
    aligner: Aligner, per_article: dict[str, list[Unit]], order: Sequence[str]
) -> list[Link]:
    aligner.fit_idf([u for art in order for u in per_article[art]])
    vectors = {art: aligner.encode(per_article[art]) for art in order}
    links: list[Link] = []
    for a, b in combinations(order, 2):
        links.extend(aligner.links(per_article[a], per_article[b], vectors[a], vectors[b]))
    return links


def _fact_units(article: Article) -> list[Unit]:
    """Body sentences (headlines restate the body), or the headlines when that is all there is."""
    units = sentence_units(article)
    body = [u for u in units if not u.headline]
    return body or units


def build_brief(articles: Sequence[Article], aligner: Aligner) -> Brief:
    """The brief of one story. Duplicates (``meta["duplicate_of"]``) are listed, not counted."""
    if len(articles) < 2:
        raise NotEnoughArticles(f"a brief needs at least two articles, got {len(articles)}")
    independent = [a for a in articles if not a.meta.get("duplicate_of")]
    if len(independent) < 2:
        raise NotEnoughArticles("fewer than two independent articles (the others are copies)")
    order = [a.id for a in independent]
    per_article = {a.id: _fact_units(a) for a in independent}
    units = [u for art in order for u in per_article[art]]
    links = _align(aligner, per_article, order)
    facts, fact_of = build_facts(units, links, order)
    quotes = collect_quotes(independent)
    entities = _entities(independent)
    names = frozenset(e.name for e in entities if e.type in ("PER", "ORG"))
    log.info(
        "brief: %d articles, %d units, %d links, %d facts",
        len(independent),
        len(units),
        len(links),
        len(facts),
    )
    return Brief(
        articles=[article_ref(a) for a in articles],
        facts=facts,
        contradictions=find_contradictions(units, links, quotes, names),
        quotes=quotes,
        entities=entities,
        timeline=build_timeline(independent, units, fact_of),
        summary=build_summary(facts, len(independent)),
    )
