"""A real HTTP server on 127.0.0.1 for the fetcher, feed and page tests (helpers only).

Each test registers routes (a path and a function writing the response) and
reads back the requests the server saw, with their arrival time
(``time.monotonic``) and headers.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from recoupe.ingest.http import Fetcher

Route = Callable[[BaseHTTPRequestHandler], None]


@dataclass(frozen=True)
class Hit:
    path: str
    at: float
    headers: dict[str, str]


def reply(
    handler: BaseHTTPRequestHandler,
    body: bytes | str,
    *,
    status: int = 200,
    content_type: str = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
    length: int | None = None,
) -> None:
    """Write a whole response; ``length`` overrides Content-Length (to lie about it)."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    handler.send_response(status)
    if content_type:
        handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(data) if length is None else length))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(data)
    handler.wfile.flush()


class LocalServer:
    """``ThreadingHTTPServer`` on 127.0.0.1 with routes set by the test."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = urlsplit(self.path).path
                with server._lock:
                    server.hits.append(Hit(path, time.monotonic(), dict(self.headers.items())))
                route = server.routes.get(path)
                if route is None:
                    self.send_error(404, "Not Found")
                    return
                route(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def page(self, path: str, body: bytes | str, **kwargs: Any) -> str:
        """Serve a fixed response at ``path``; returns its URL."""
        self.routes[path] = lambda h: reply(h, body, **kwargs)
        return self.url(path)

    def hits_for(self, path: str) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if h.path == path]

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def quick_fetcher(**kwargs: Any) -> Fetcher:
    """A fetcher with test-sized delays and timeouts (overridable)."""
    options: dict[str, Any] = {
        "delay": 0.01,
        "timeout": 2.0,
        "connect_timeout": 2.0,
        "backoff": 0.05,
        "max_wait": 2.0,
        "max_total": 15.0,
    }
    options.update(kwargs)
    return Fetcher(**options)


ARTICLES = {
    "budget": (
        "Genève adopte son budget après une nuit de débats",
        [
            "Le Grand Conseil genevois a adopté jeudi soir le budget 2024 du canton, après plus "
            "de huit heures de débats souvent vifs entre la gauche et la droite.",
            "Le texte prévoit un excédent de 12 millions de francs, selon la conseillère d'État "
            "Nathalie Fontanet, qui a salué « un compromis responsable ».",
            "Les syndicats de la fonction publique avaient manifesté devant l'Hôtel de Ville "
            "dans l'après-midi pour réclamer une indexation complète des salaires.",
        ],
    ),
    "neige": (
        "Fortes chutes de neige attendues dans les Alpes",
        [
            "MétéoSuisse a émis mercredi une alerte de degré 3 pour le Valais et l'Oberland "
            "bernois, où jusqu'à 80 centimètres de neige fraîche sont attendus.",
            "Le risque d'avalanche est marqué au-dessus de 1800 mètres, a précisé l'Institut "
            "pour l'étude de la neige et des avalanches à Davos.",
            "Plusieurs cols alpins, dont le Grand-Saint-Bernard, resteront fermés jusqu'à "
            "nouvel avis, selon l'Office fédéral des routes.",
        ],
    ),
    "train": (
        "Les CFF annoncent de nouvelles liaisons vers Milan",
        [
            "Les Chemins de fer fédéraux ont présenté mardi à Berne leur nouvel horaire, qui "
            "comprend quatre liaisons directes supplémentaires entre Genève et Milan.",
            "Le directeur des CFF, Vincent Ducrot, a expliqué que la demande internationale "
            "avait progressé de 15 % en un an.",
            "Les nouvelles relations seront assurées dès le mois de décembre avec des rames "
            "modernisées, a indiqué l'entreprise dans un communiqué.",
        ],
    ),
    "vignes": (
        "Les vendanges commencent tôt en Lavaux",
        [
            "Les vignerons du Lavaux ont commencé les vendanges avec dix jours d'avance cette "
            "année, en raison d'un été particulièrement chaud et sec.",
            "La qualité du raisin est jugée excellente par l'Office des vins vaudois, même si "
            "les volumes récoltés devraient être inférieurs à la moyenne.",
        ],
    ),
}


def article_html(
    key: str, *, site: str | None = "La Tribune du Léman", head: str = "", dated: bool = False
) -> str:
    """A French article page; no date unless ``dated`` (so feed dates can fill in)."""
    title, paragraphs = ARTICLES[key]
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    site_meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    date_meta = (
        '<meta property="article:published_time" content="2024-03-12T07:00:00+01:00">'
        if dated
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:title" content="{title}">{site_meta}{date_meta}{head}
</head><body><nav><a href="/">Accueil</a> <a href="/suisse">Suisse</a></nav>
<article><h1>{title}</h1>
{body}
</article><footer>Mentions légales — Contact</footer></body></html>"""
