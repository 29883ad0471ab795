"""`recoupe compare` end to end: formats, the JSON contract and every kind of bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from recoupe.cli.main import cli

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = sorted((ROOT / "examples" / "crue-argens").glob("*.txt"))


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["compare", *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def contract(example_pair: list[Path]) -> dict[str, object]:
    result = run(*(str(p) for p in example_pair), "--format", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_json_contract_keys_and_types(contract: dict[str, object]) -> None:
    assert set(contract) == {
        "articles",
        "facts",
        "contradictions",
        "quotes",
        "entities",
        "timeline",
        "summary",
    }
    articles = contract["articles"]
    assert isinstance(articles, list) and len(articles) == 2
    for a in articles:
        assert {"id", "title", "source", "published", "language"} <= set(a)
    ids = {a["id"] for a in articles}
    facts = contract["facts"]
    assert isinstance(facts, list) and facts
    for f in facts:
        assert set(f) == {"text", "sources", "shared", "evidence"}
        assert set(f["sources"]) <= ids and f["shared"] == (len(f["sources"]) > 1)
        for ev in f["evidence"]:
            assert set(ev) == {"article", "sentence", "start", "end"}
            assert ev["end"] - ev["start"] == len(ev["sentence"])
    for q in contract["quotes"]:  # type: ignore[attr-defined]
        assert {"speaker", "text", "article", "start", "end", "direct"} <= set(q)
        assert isinstance(q["direct"], bool) and q["end"] - q["start"] == len(q["text"])
    for e in contract["entities"]:  # type: ignore[attr-defined]
        assert set(e) == {"name", "type", "mentions"} and set(e["mentions"]) <= ids
    for t in contract["timeline"]:  # type: ignore[attr-defined]
        assert {"date", "text", "sources"} <= set(t)
        assert len(t["date"]) in (4, 7, 10)
    for s in contract["summary"]:  # type: ignore[attr-defined]
        assert set(s) == {"text", "sources"} and s["sources"]
    for c in contract["contradictions"]:  # type: ignore[attr-defined]
        assert {"about", "claims"} <= set(c)


def test_bundled_example_shows_the_differing_death_toll() -> None:
    result = run(*(str(p) for p in BUNDLED), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    tolls = [c for c in data["contradictions"] if c["kind"] == "number"]
    assert tolls, data["contradictions"]
    values = {cl["value"] for c in tolls for cl in c["claims"]}
    assert {"3 morts", "4 morts"} <= values
    # var-info: `le bilan … s'est alourdi à quatre morts`: an update of the toll
    assert any(c["revised_in"] == "var-info" for c in tolls), tolls
    shared = [f for f in data["facts"] if f["shared"]]
    assert any(len(f["sources"]) == 3 for f in shared)
    speakers = {q["speaker"] for q in data["quotes"]}
    assert {"Hugues Verdier", "Claire Mandel"} <= speakers


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_human_formats(example_pair: list[Path], fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"brief.{fmt}"
    result = run(*(str(p) for p in example_pair), "--format", fmt, "--out", str(out))
    assert result.exit_code == 0, result.output
    body = out.read_text(encoding="utf-8")
    assert "Rex Tillerson" in body and "Khan Cheikhoun" in body
    if fmt == "html":
        assert body.startswith("<!doctype html>")
    if fmt == "markdown":
        assert "\n## " in body


def test_bad_inputs_are_reported_and_the_run_goes_on(
    example_pair: list[Path], tmp_path: Path
) -> None:
    empty = tmp_path / "vide.txt"
    empty.write_text("   \n", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    big = tmp_path / "enorme.txt"
    big.write_text("Un article trop long. " * 2000, encoding="utf-8")
    no_article = tmp_path / "vide.html"
    no_article.write_text(
        "<html><head><title>x</title></head><body><nav>Menu</nav></body></html>", encoding="utf-8"
    )
    missing = tmp_path / "absent.txt"
    result = run(
        *(str(p) for p in example_pair),
        str(empty),
        str(binary),
        str(big),
        str(no_article),
        str(missing),
        "--max-bytes",
        "20000",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("recoupe: skipped")]
    assert len(lines) == 5, result.stderr
    for path in (empty, binary, big, no_article, missing):
        assert sum(str(path) in line for line in lines) == 1
    assert any("over" in line and str(big) in line for line in lines)
    assert any("binary" in line and str(binary) in line for line in lines)
    assert len(json.loads(result.stdout)["articles"]) == 2


def test_windows_encoded_article_is_read(example_pair: list[Path], tmp_path: Path) -> None:
    latin = tmp_path / "ancien.txt"
    latin.write_bytes(
        "Le président russe a reçu mercredi le secrétaire d'État américain à Moscou, après des entretiens tendus.".encode(
            "cp1252"
        )
    )
    result = run(str(example_pair[0]), str(latin), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert any("président russe a reçu" in f["text"] for f in data["facts"])


def test_a_single_article_is_not_enough(example_pair: list[Path]) -> None:
    result = run(str(example_pair[0]))
    assert result.exit_code == 1
    assert "nothing to compare" in result.stderr and "rts.txt" in result.stderr


def test_nothing_usable_fails(tmp_path: Path) -> None:
    empty = tmp_path / "vide.txt"
    empty.write_text("", encoding="utf-8")
    result = run(str(empty), str(tmp_path / "absent.txt"))
    assert result.exit_code == 1
    assert "vide.txt" in result.stderr and "absent.txt" in result.stderr
