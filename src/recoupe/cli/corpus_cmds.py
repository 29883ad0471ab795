"""Corpus commands: ingest, stories, story, export, rejects."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import click

from ..brief.render import FORMATS, render
from ..corpus import Corpus
from ..errors import RecoupeError
from ..model import Article
from ..pipeline import Failure
from ..store import open_store
from ..store.export import export_jsonl, export_parquet
from .common import ingest_summary, progress_bar, report_failures

db_option = click.option(
    "--db",
    envvar="RECOUPE_DB",
    help="sqlite:///path, a file path, or postgresql://… (default: RECOUPE_DB, else a file in the user data dir).",
)


def _corpus(db: str | None) -> Corpus:
    return Corpus(open_store(db))


def _since(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--source", help="Outlet name for every input.")
@click.option("--max-bytes", default=5_000_000, show_default=True)
def ingest_cmd(inputs: tuple[str, ...], db: str | None, source: str | None, max_bytes: int) -> None:
    """Add PATH|URL... to the corpus and update its stories."""
    corpus = _corpus(db)
    try:
        with progress_bar("ingesting", len(inputs)) as tick:
            report = corpus.ingest(list(inputs), source=source, max_bytes=max_bytes, progress=tick)
    finally:
        corpus.close()
    report_failures(report.failures)
    click.echo(ingest_summary(report))
    if report.stored == 0 and report.failures and not report.unchanged:
        raise SystemExit(1)


@click.command("stories")
@db_option
@click.option("--since", help="Only stories seen since this ISO date.")
@click.option("--lang", help="Only stories with an article in this language.")
@click.option("--source", help="Only stories with an article from this outlet.")
@click.option("--query", help="Words in a story or article title.")
@click.option("--limit", default=50, show_default=True)
@click.option("--offset", default=0)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def stories_cmd(
    db: str | None,
    since: str | None,
    lang: str | None,
    source: str | None,
    query: str | None,
    limit: int,
    offset: int,
    as_json: bool,
) -> None:
    """List stories: id, size, sources, languages, first/last seen, title."""
    corpus = _corpus(db)
    try:
        rows = corpus.stories(
            since=_since(since), lang=lang, source=source, query=query, limit=limit, offset=offset
        )
    finally:
        corpus.close()
    for s in rows:
        if as_json:
            click.echo(
                json.dumps(
                    {
                        "id": s.id,
                        "title": s.title,
                        "size": s.size,
                        "sources": s.sources,
                        "languages": s.languages,
                        "first_seen": s.first_seen.isoformat() if s.first_seen else None,
                        "last_seen": s.last_seen.isoformat() if s.last_seen else None,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            seen = (
                f"{s.first_seen:%Y-%m-%d}…{s.last_seen:%Y-%m-%d}"
                if s.first_seen and s.last_seen
                else "?"
            )
            click.echo(
                f"{s.id}  {s.size:>3}  {seen}  {','.join(s.languages)}  {', '.join(s.sources)[:60]}  {s.title}"
            )


@click.command("story")
@click.argument("story_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--lang", "ui_lang", type=click.Choice(["fr", "en"]))
def story_cmd(story_id: str, db: str | None, fmt: str, ui_lang: str | None) -> None:
    """Print the brief of STORY_ID (annotations are read from the store)."""
    corpus = _corpus(db)
    try:
        brief = corpus.brief(story_id)
    except RecoupeError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        corpus.close()
    click.echo(render(brief, fmt, ui_lang), nl=False)


@click.command("export")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "parquet"]), help="Default: from the file name."
)
def export_cmd(path: Path, db: str | None, fmt: str | None) -> None:
    """Write every article (with its story and duplicate links) as JSONL or Parquet."""
    fmt = fmt or ("parquet" if path.suffix == ".parquet" else "jsonl")
    store = open_store(db)
    try:
        count = export_parquet(store, path) if fmt == "parquet" else export_jsonl(store, path)
    except RecoupeError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    click.echo(f"exported {count} articles to {path}")


@click.command("rejects")
@db_option
@click.option("--limit", default=100, show_default=True)
def rejects_cmd(db: str | None, limit: int) -> None:
    """List rejected inputs with their reason."""
    store = open_store(db)
    try:
        rows = store.list_rejects(limit=limit)
    finally:
        store.close()
    for r in rows:
        click.echo(f"{r.at:%Y-%m-%d %H:%M}  [{r.stage}]  {r.item}: {r.reason}")


@click.command("watch")
@click.argument("feeds", nargs=-1, required=True)
@db_option
@click.option("--interval", default=300.0, show_default=True, help="Seconds between polls.")
@click.option(
    "--iterations", type=int, help="Stop after this many polls (default: run until Ctrl-C)."
)
@click.option(
    "--state",
    "state_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="JSON file remembering seen items and ETag/Last-Modified (default: beside a SQLite db).",
)
@click.option("--source", help="Outlet name for every item.")
def watch_cmd(
    feeds: tuple[str, ...],
    db: str | None,
    interval: float,
    iterations: int | None,
    state_path: Path | None,
    source: str | None,
) -> None:
    """Poll RSS/Atom FEEDS on an interval and ingest new items into the corpus."""
    from ..ingest.feeds import watch

    corpus = _corpus(db)
    if state_path is None and corpus.store.url.startswith("sqlite:///"):
        state_path = Path(corpus.store.url.removeprefix("sqlite:///") + ".watch.json")

    def store(articles: list[Article]) -> None:
        report = corpus.add_articles(articles)
        report_failures(report.failures)
        click.echo(
            f"{datetime.now(UTC):%H:%M:%S} +{len(report.added)} articles, {len(report.revisions)} revisions"
        )

    def rejected(failures: list[Failure]) -> None:
        for f in failures:
            corpus.store.add_reject(f.item, f.stage, f.reason)
        report_failures(failures)

    try:
        total = watch(
            list(feeds),
            interval=interval,
            iterations=iterations,
            on_articles=store,
            state_path=state_path,
            source=source,
            on_failures=rejected,
        )
    finally:
        corpus.close()
    click.echo(f"watch stopped: {total} new articles")
