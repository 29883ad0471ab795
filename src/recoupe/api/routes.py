"""The REST API under ``/api`` (OpenAPI docs at ``/docs``)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from ..corpus import IngestReport
from .annotations import article_json, article_ref
from .schemas import ArticlesIn, SimilarityIn, finite, story_summary
from .service import ReadResult, Service, read_texts, read_urls

log = logging.getLogger(__name__)

MAX_PAGE = 200


def get_service(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


def require_json(request: Request) -> None:
    """415 unless a request with a body says it is JSON."""
    if request.method not in ("POST", "PUT", "PATCH"):
        return
    ctype = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if ctype != "application/json" and not ctype.endswith("+json"):
        raise HTTPException(
            415, f"expected Content-Type: application/json, got {ctype or 'none'!r}"
        )


ServiceDep = Annotated[Service, Depends(get_service)]
router = APIRouter(prefix="/api", dependencies=[Depends(require_json)], tags=["api"])


def _read(body: ArticlesIn) -> ReadResult:
    if body.urls is not None:
        return read_urls(body.urls)
    return read_texts([a.to_input() for a in body.articles or ()])


def _rejected(read_failures: list[Any]) -> list[dict[str, str]]:
    return [{"item": f.item, "stage": f.stage, "reason": f.reason} for f in read_failures]


@router.get("/stories", summary="List stories, most recent first")
def list_stories(
    request: Request,
    service: ServiceDep,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
    since: Annotated[datetime | None, Query(description="ISO date or datetime")] = None,
    lang: Annotated[str | None, Query(max_length=8)] = None,
    source: Annotated[str | None, Query(max_length=200)] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in a title")] = None,
) -> dict[str, Any]:
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    page, total = service.stories(
        since=since, lang=lang, source=source, query=q, limit=limit, offset=offset
    )
    nxt = None
    if offset + len(page) < total:
        params = dict(request.query_params)
        params.update(limit=str(limit), offset=str(offset + limit))
        nxt = f"/api/stories?{urlencode(params)}"
    return {
        "stories": [story_summary(s) for s in page],
        "total": total,
        "limit": limit,
        "offset": offset,
        "next": nxt,
    }


@router.get("/stories/{story_id}", summary="A story: its brief and its articles")
def get_story(story_id: str, service: ServiceDep) -> dict[str, Any]:
    view = service.story(story_id)
    record = view.record
    return {
        "id": record.id,
        "title": record.title,
        "created_at": record.created_at.isoformat(),
        "updated_at": record.updated_at.isoformat(),
        "merged_from": record.merged_from,
        "articles": [article_ref(a) for a in view.articles],
        "brief": view.brief.to_dict() if view.brief is not None else None,
        "brief_error": view.error,
    }


@router.get("/articles/{article_id}", summary="An article: metadata, text and annotations")
def get_article(article_id: str, service: ServiceDep) -> dict[str, Any]:
    article, story_id = service.article(article_id)
    return article_json(article, story_id)


@router.post("/compare", summary="Brief of ad-hoc articles (not stored)")
def compare(body: ArticlesIn, service: ServiceDep) -> dict[str, Any]:
    brief, _, failures = service.compare(_read(body))
    return {**brief.to_dict(), "rejected": _rejected(failures)}


@router.post("/similarity", summary="Similarity of two texts (1 = same event … 4 = unrelated)")
def similarity(body: SimilarityIn, service: ServiceDep) -> dict[str, Any]:
    score, features = service.similarity(
        body.a.to_input(), body.b.to_input(), second_stage=body.second_stage
    )
    return {
        "score": score,
        "scale": {
            "min": 1.0,
            "max": 4.0,
            "meaning": "1 = same event, very similar … 4 = unrelated",
        },
        "features": finite(features),
    }


@router.post("/articles", status_code=201, summary="Add articles to the corpus")
def add_articles(body: ArticlesIn, service: ServiceDep) -> JSONResponse:
    read = _read(body)
    report = service.ingest(read)
    payload = _report_json(report, service)
    if not payload["articles"] and report.failures:
        return JSONResponse(
            {
                "error": {
                    "code": "unusable_input",
                    "message": "no article could be stored",
                    "details": payload["rejected"],
                }
            },
            status_code=422,
        )
    status = 201 if report.stored else 200
    return JSONResponse(payload, status_code=status)


def _report_json(report: IngestReport, service: Service) -> dict[str, Any]:
    statuses = [
        *((a, "added") for a in report.added),
        *((a, "revision") for a in report.revisions),
        *((a, "unchanged") for a in report.unchanged),
    ]
    articles = []
    for article_id, status in statuses:
        story = report.stories.get(article_id) or service.story_of(article_id)
        articles.append(
            {
                "id": article_id,
                "status": status,
                "story_id": story,
                "duplicate_of": report.duplicates.get(article_id),
            }
        )
    return {
        "run_id": report.run_id,
        "articles": articles,
        "story_ids": sorted({a["story_id"] for a in articles if a["story_id"]}),
        "rejected": _rejected(report.failures),
    }
