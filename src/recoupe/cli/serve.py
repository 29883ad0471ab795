"""``recoupe serve``: the web pages and REST API on a local port."""

from __future__ import annotations

import click

from .corpus_cmds import db_option


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@db_option
@click.option(
    "--max-body", default=2_000_000, show_default=True, help="Largest request body, in bytes."
)
def serve_cmd(host: str, port: int, db: str | None, max_body: int) -> None:
    """Serve the story pages and the REST API (OpenAPI docs at /docs)."""
    import uvicorn

    from ..api import create_app
    from ..errors import RecoupeError

    try:
        app = create_app(db=db, max_body=max_body)
    except RecoupeError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"recoupe: serving on http://{host}:{port}/ (API docs: /docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")
