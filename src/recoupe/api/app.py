"""The application: REST API under ``/api`` (docs at ``/docs``) and the web pages.

>>> app = create_app(db="sqlite:////tmp/corpus.sqlite3")   # doctest: +SKIP
>>> uvicorn.run(app)                                      # doctest: +SKIP
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..corpus import Corpus
from ..store import open_store
from .errors import install_error_handlers
from .limits import BodyLimitMiddleware
from .routes import router as api_router
from .service import Service

log = logging.getLogger(__name__)

DEFAULT_MAX_BODY = 2_000_000


def create_app(
    corpus: Corpus | None = None, *, db: str | None = None, max_body: int = DEFAULT_MAX_BODY
) -> FastAPI:
    """The recoupe web app on ``corpus`` (or on the store at ``db``, closed at shutdown).

    Request bodies over ``max_body`` bytes are refused with 413.
    """
    from ..web import STATIC_DIR
    from ..web.pages import error_page
    from ..web.pages import router as web_router

    owned = corpus is None
    the_corpus = corpus if corpus is not None else Corpus(open_store(db))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            the_corpus.close()

    app = FastAPI(
        title="recoupe",
        version=__version__,
        description="Cross-check news: stories, briefs, side-by-side articles.",
        lifespan=lifespan,
    )
    app.state.service = Service(the_corpus)
    app.add_middleware(BodyLimitMiddleware, max_body=max_body)
    install_error_handlers(app, html=error_page)
    app.include_router(api_router)
    app.include_router(web_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
