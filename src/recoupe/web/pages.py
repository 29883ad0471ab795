"""Server-rendered pages: story list, story (brief + side-by-side articles), compare, article."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

import jinja2
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.datastructures import UploadFile

from ..api.service import ReadResult, Service, TextInput, read_texts
from ..brief.labels import labels
from ..errors import NotEnoughArticles
from ..ingest.metadata import slugify
from ..ingest.readers import read_inputs
from ..pipeline import Failure
from ..store.base import parse_published
from .highlight import highlight
from .i18n import explicit_lang, ui_lang, with_params
from .views import brief_view, columns, span_marks

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
PAGE_SIZE = 20
MAX_FORM_ARTICLES = 20
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
templates = Jinja2Templates(env=_env)
router = APIRouter(include_in_schema=False)


def _service(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


def _context(request: Request, **extra: Any) -> dict[str, Any]:
    lang = ui_lang(request)
    keep = explicit_lang(request)

    def link(path: str, **params: object) -> str:
        return with_params(path, **params, lang=keep)

    other = "en" if lang == "fr" else "fr"
    switch = with_params(request.url.path, **{**dict(request.query_params), "lang": other})
    return {
        "request": request,
        "lang": lang,
        "t": labels(lang),
        "link": link,
        "switch": switch,
        "other_lang": other,
        **extra,
    }


def render(request: Request, name: str, status: int = 200, **extra: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, _context(request, **extra), status_code=status)


def error_page(request: Request, status: int, code: str, message: str) -> Response:
    return render(
        request, "error.html", status=status, status_code=status, code=code, message=message
    )


@router.get("/", response_class=HTMLResponse)
def index(
    request: Request, q: str = "", language: str = "", source: str = "", page: int = 1
) -> HTMLResponse:
    service = _service(request)
    page = max(1, page)
    rows, total = service.stories(
        lang=language[:8],
        source=source[:200],
        query=q[:200],
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    )
    langs, sources = service.facets()
    pages = max(1, -(-total // PAGE_SIZE))
    return render(
        request,
        "index.html",
        stories=rows,
        total=total,
        page=page,
        pages=pages,
        q=q,
        language=language,
        source=source,
        languages=langs,
        sources=sources,
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    view = _service(request).story(story_id)
    t = labels(ui_lang(request))
    cols = columns(view.articles, view.brief, t["unknown_speaker"], t["inferred"])
    bview = brief_view(view.brief) if view.brief is not None else None
    return render(
        request,
        "story.html",
        title=view.record.title,
        story=view.record,
        columns=cols,
        bv=bview,
        brief_error=view.error,
        stored=True,
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    article, story_id = _service(request).article(article_id)
    t = labels(ui_lang(request))
    doc = article.require_doc()
    return render(
        request,
        "article.html",
        article=article,
        story_id=story_id,
        doc=doc,
        html=highlight(article.text, span_marks(doc, t["unknown_speaker"], inferred=t["inferred"])),
    )


@router.get("/compare", response_class=HTMLResponse)
def compare_form(request: Request) -> HTMLResponse:
    return render(request, "compare.html", blocks=2, values=[], error=None)


@router.post("/compare", response_class=HTMLResponse)
async def compare_submit(request: Request) -> HTMLResponse:
    ctype = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if ctype not in FORM_TYPES:
        raise HTTPException(
            415, f"expected a form ({' or '.join(FORM_TYPES)}), got {ctype or 'none'!r}"
        )
    form = await request.form()
    texts = [str(v) for v in form.getlist("text")]
    titles = [str(v) for v in form.getlist("title")]
    srcs = [str(v) for v in form.getlist("source")]
    dates = [str(v) for v in form.getlist("published")]
    inputs = [
        TextInput(text, _at(titles, i) or None, _at(srcs, i) or None, _date(_at(dates, i)))
        for i, text in enumerate(texts[:MAX_FORM_ARTICLES])
        if text.strip()
    ]
    uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    read = read_texts(inputs)
    files = await _read_uploads(uploads[: MAX_FORM_ARTICLES - len(inputs)])
    read.articles += files.articles
    read.failures += files.failures
    values = [
        {"text": t, "title": _at(titles, i), "source": _at(srcs, i)} for i, t in enumerate(texts)
    ]
    try:
        brief, articles, failures = _service(request).compare(read)
    except NotEnoughArticles as exc:
        return render(
            request,
            "compare.html",
            status=400,
            blocks=max(2, len(values)),
            values=values,
            error=str(exc),
        )
    t = labels(ui_lang(request))
    return render(
        request,
        "story.html",
        title=t["compare_title"],
        story=None,
        columns=columns(articles, brief, t["unknown_speaker"], t["inferred"]),
        bv=brief_view(brief),
        brief_error=None,
        stored=False,
        rejected=failures,
    )


def _at(values: list[str], i: int) -> str:
    return values[i].strip() if i < len(values) else ""


def _date(value: str) -> Any:
    try:
        return parse_published(value.strip()) if value.strip() else None
    except ValueError:
        return None


async def _read_uploads(uploads: list[UploadFile]) -> ReadResult:
    """Uploaded files, read like files given on the command line (format from the name)."""
    if not uploads:
        return ReadResult()
    with tempfile.TemporaryDirectory(prefix="recoupe-upload-") as tmp:
        paths = []
        for n, upload in enumerate(uploads):
            name = Path(upload.filename or f"upload-{n}.txt")
            stem, suffix = slugify(name.stem, default=f"upload-{n + 1}"), name.suffix.lower()[:10]
            suffix = suffix if suffix.strip(".").isalnum() else ""
            path = Path(tmp) / f"{stem}{suffix}"
            if path.exists():
                path = Path(tmp) / f"{stem}-{n + 1}{suffix}"
            path.write_bytes(await upload.read())
            paths.append(str(path))
        read = read_inputs(paths)
        for article in read.articles:
            article.url = None
            article.origin = Path(article.origin).name
        failures = [Failure(Path(f.item).name, f.stage, f.reason) for f in read.failures]
        return ReadResult(list(read.articles), failures)
