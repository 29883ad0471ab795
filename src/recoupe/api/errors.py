"""Errors as HTTP responses: one mapping from :mod:`recoupe.errors` to status codes.

Every API error is ``{"error": {"code": ..., "message": ...}}`` (plus
``details`` for invalid bodies); web pages get an HTML error page instead,
through the ``html`` callback given to :func:`install_error_handlers`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import (
    AnnotationError,
    BriefError,
    ConfigError,
    FetchError,
    IngestError,
    InputTooLarge,
    MissingDependency,
    NotEnoughArticles,
    NotFound,
    RecoupeError,
)

log = logging.getLogger(__name__)

HtmlRenderer = Callable[[Request, int, str, str], Response]

# Most specific first: the first class the exception is an instance of wins.
ERROR_STATUS: list[tuple[type[RecoupeError], int, str]] = [
    (NotFound, 404, "not_found"),
    (NotEnoughArticles, 400, "not_enough_articles"),
    (BriefError, 400, "brief_failed"),
    (InputTooLarge, 413, "payload_too_large"),
    (FetchError, 502, "fetch_failed"),
    (IngestError, 422, "unusable_input"),
    (AnnotationError, 422, "annotation_failed"),
    (ConfigError, 400, "bad_request"),
    (MissingDependency, 503, "missing_dependency"),
    (RecoupeError, 500, "internal_error"),
]

HTTP_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    500: "internal_error",
}


def status_for(exc: RecoupeError) -> tuple[int, str]:
    """The HTTP status and error code of a recoupe exception."""
    for cls, status, code in ERROR_STATUS:
        if isinstance(exc, cls):
            return status, code
    return 500, "internal_error"


def error_body(code: str, message: str, details: Sequence[Any] | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        error["details"] = list(details)
    return {"error": error}


def error_response(
    status: int, code: str, message: str, details: Sequence[Any] | None = None
) -> JSONResponse:
    return JSONResponse(error_body(code, message, details), status_code=status)


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [
        {
            "loc": [str(p) for p in err.get("loc", ())],
            "msg": str(err.get("msg", "")),
            "type": err.get("type", ""),
        }
        for err in exc.errors()
    ]


def _validation_message(details: list[dict[str, Any]]) -> str:
    if not details:
        return "invalid request"
    first = details[0]
    where = ".".join(p for p in first["loc"] if p != "body") or "body"
    more = f" (and {len(details) - 1} more)" if len(details) > 1 else ""
    return f"{where}: {first['msg']}{more}"


def install_error_handlers(app: FastAPI, html: HtmlRenderer | None = None) -> None:
    """Register the handlers: recoupe errors, HTTP errors, invalid requests, crashes."""

    def respond(
        request: Request, status: int, code: str, message: str, details: Any = None
    ) -> Response:
        if html is not None and not wants_json(request):
            return html(request, status, code, message)
        return error_response(status, code, message, details)

    async def on_recoupe(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RecoupeError)
        status, code = status_for(exc)
        if status >= 500:
            log.error("%s %s failed: %s", request.method, request.url.path, exc)
        return respond(request, status, code, str(exc))

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code = HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
        response = respond(request, exc.status_code, code, str(exc.detail))
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    async def on_invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        details = _validation_details(exc)
        return respond(request, 422, "invalid_request", _validation_message(details), details)

    async def on_crash(request: Request, exc: Exception) -> Response:
        log.exception("%s %s crashed", request.method, request.url.path, exc_info=exc)
        return respond(request, 500, "internal_error", "internal server error")

    app.add_exception_handler(RecoupeError, on_recoupe)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_invalid)
    app.add_exception_handler(Exception, on_crash)
