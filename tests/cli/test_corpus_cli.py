"""`recoupe ingest|stories|story|export|rejects`, and an ingest killed mid-way that resumes."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from recoupe.cli.main import cli
from recoupe.store import open_store
from recoupe.store.sqlite import SQLiteStore

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = sorted(str(p) for p in (ROOT / "examples" / "crue-argens").glob("*.txt"))


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_corpus_commands(tmp_path: Path) -> None:
    db = str(tmp_path / "corpus.sqlite3")
    code, out, err = invoke("ingest", "--db", db, *BUNDLED, str(tmp_path / "absent.txt"))
    assert code == 0, err
    assert "added 3" in out and "rejected 1" in out
    code, out, _ = invoke("stories", "--db", db, "--json")
    stories = [json.loads(line) for line in out.splitlines()]
    assert len(stories) == 1 and stories[0]["size"] == 3
    code, out, _ = invoke("story", stories[0]["id"], "--db", db, "--format", "json")
    assert code == 0
    brief = json.loads(out)
    assert len(brief["articles"]) == 3 and any(f["shared"] for f in brief["facts"])
    code, out, _ = invoke("stories", "--db", db, "--query", "inexistant")
    assert out == ""
    code, out, _ = invoke("rejects", "--db", db)
    assert "absent.txt" in out and "no such file" in out
    export = tmp_path / "out.jsonl"
    code, out, _ = invoke("export", str(export), "--db", db)
    lines = [json.loads(line) for line in export.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 3 and all(line["text"] for line in lines)
    code, _, err = invoke("story", "s-unknown", "--db", db)
    assert code == 1 and "s-unknown" in err


def _orangesum(n: int, shared: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    seen: set[str] = set()
    with gzip.open(
        shared / "orangesum-fr" / "orangesum_parsed_docs.jsonl.gz", "rt", encoding="utf-8"
    ) as fh:
        for line in fh:
            doc = json.loads(line)
            if doc.get("article") and doc["article"] not in seen and len(doc["article"]) < 3000:
                seen.add(doc["article"])
                rows.append(
                    {
                        "text": doc["article"],
                        "title": doc.get("title", ""),
                        "published": doc.get("date", ""),
                    }
                )
            if len(rows) == n:
                break
    return rows


def _count(db: str) -> int:
    try:
        with open_store(db) as store:
            return store.count_articles()
    except Exception:  # the writer may hold the database for a moment
        return 0


def test_killed_ingest_is_consistent_and_resumes(tmp_path: Path, shared_data: Path) -> None:
    items = tmp_path / "batch.jsonl"
    rows = _orangesum(40, shared_data)
    items.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    db = str(tmp_path / "corpus.sqlite3")
    cmd = [sys.executable, "-m", "recoupe", "ingest", "--db", db, str(items)]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ)
    )
    deadline = time.monotonic() + 240
    while _count(db) < 5 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    with open_store(db) as store:
        stored = store.count_articles()
        assert 5 <= stored < len(rows)
        assert isinstance(store, SQLiteStore)
        assert store.integrity_check() == []
        for article in store.iter_articles():
            assert article.text
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=400, check=False)
    assert done.returncode == 0, done.stderr
    with open_store(db) as store:
        assert store.count_articles() == len(rows)
        articles = list(store.iter_articles())
        assert all(a.story_id for a in articles)
        total = sum(s.size for s in store.list_stories(limit=1000))
        assert total == len(rows)
