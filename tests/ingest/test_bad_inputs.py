"""Each kind of bad input gives one clear error, and never stops a batch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recoupe.errors import (
    BinaryInput,
    EmptyInput,
    IngestError,
    InputTooLarge,
    MalformedInput,
    NoArticleFound,
    SourceNotFound,
)
from recoupe.ingest import read_inputs, read_one

FR_TEXT = "Le ministre a été reçu à Genève.\nIl a déclaré que la réunion s'était bien passée."


def write(path: Path, data: bytes | str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    ("content", "error", "reason"),
    [
        (b"", EmptyInput, "empty file"),
        (b"  \n\t\n   \r\n", EmptyInput, "file has only whitespace"),
        (b"Texte\x00\x00\x01\x02binaire" * 20, BinaryInput, "binary file (not text)"),
        (b"\x89PNG\r\n\x1a\n" + b"\x10" * 64, BinaryInput, "binary file (PNG image, not text)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", BinaryInput, "binary file (PDF, not text)"),
        (bytes(range(1, 32)) * 40, BinaryInput, "binary file (not text)"),
    ],
)
def test_unusable_files(
    tmp_path: Path, content: bytes, error: type[IngestError], reason: str
) -> None:
    item = write(tmp_path / "bad.txt", content)
    with pytest.raises(error) as info:
        read_one(item)
    assert info.value.detail == reason
    assert info.value.source == item


def test_cp1252_file_is_read_with_its_accents(tmp_path: Path) -> None:
    text = "Été à Genève : l’œuvre « déjà » célèbre — 5 €.\nLe ministre a répondu."
    item = write(tmp_path / "cp.txt", text.encode("cp1252"))
    [article] = read_one(item)
    assert article.text == text
    assert article.meta["encoding"] == "cp1252"


def test_latin1_file_is_read_with_its_accents(tmp_path: Path) -> None:
    text = "Rex Tillerson a été reçu à Moscou par Sergueï Lavrov.\nLes relations se sont dégradées."
    item = write(tmp_path / "latin.txt", text.encode("latin-1"))
    [article] = read_one(item)
    assert article.text == text
    assert "é" in article.title


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    item = write(tmp_path / "bom.txt", "\ufeff".encode() + FR_TEXT.encode())
    [article] = read_one(item)
    assert article.text == FR_TEXT


def test_oversize_file_is_refused_before_reading(tmp_path: Path) -> None:
    line = "Une phrase de test.\n"  # 20 bytes
    item = write(tmp_path / "big.txt", line * 615_000)
    with pytest.raises(InputTooLarge) as info:
        read_one(item)
    assert info.value.detail == "file is 12.3 MB, over the 5.0 MB limit"


def test_size_limit_is_a_parameter(tmp_path: Path) -> None:
    item = write(tmp_path / "small.txt", "Une phrase de test.\n" * 100)  # 2,000 bytes
    with pytest.raises(InputTooLarge) as info:
        read_one(item, max_bytes=1_000)
    assert info.value.detail == "file is 2.0 kB, over the 1.0 kB limit"
    [article] = read_one(item, max_bytes=2_000)
    assert article.text.count("\n") == 99


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(SourceNotFound) as info:
        read_one(str(tmp_path / "nope.txt"))
    assert info.value.detail == "no such file"


def test_html_page_without_article(tmp_path: Path) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Accueil</title></head><body>"
        "<nav><a href='/'>Accueil</a></nav><div id='app'></div>"
        "<script>window.app = {};</script></body></html>"
    )
    item = write(tmp_path / "empty.html", page)
    with pytest.raises(NoArticleFound) as info:
        read_one(item)
    assert info.value.detail == "HTML page with no article text"


def test_broken_jsonl_line_among_good_ones(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": FR_TEXT, "source": "Le Temps", "date": "2017-04-12"}),
        '{"text": "coupé au milieu',
        json.dumps({"article": "Le président a parlé hier soir à la télévision.", "outlet": "RTS"}),
        json.dumps(["pas", "un", "objet"]),
        json.dumps({"title": "Sans texte"}),
        "",
        json.dumps({"body": "Un texte avec un corps.", "published": "12/04/2017"}),
    ]
    item = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    result = read_inputs([item])
    assert [a.id for a in result.articles] == ["a1", "batch-3", "batch-7"]
    assert [a.source for a in result.articles] == ["Le Temps", "RTS", "batch"]
    assert [a.origin for a in result.articles] == [f"{item}:1", f"{item}:3", f"{item}:7"]
    assert str(result.articles[0].published) == "2017-04-12"
    assert str(result.articles[2].published) == "2017-04-12"
    failures = {f.item: f.reason for f in result.failures}
    assert set(failures) == {f"{item}:2", f"{item}:4", f"{item}:5"}
    assert failures[f"{item}:2"].startswith("line 2: invalid JSON: ")
    assert failures[f"{item}:4"] == "line 4: expected a JSON object, got list"
    assert failures[f"{item}:5"].startswith("line 5: no text field")
    assert all(f.stage == "ingest" for f in result.failures)
    with pytest.raises(MalformedInput):
        read_one(item)


def test_directory_is_read_recursively_in_order(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root / "b.txt", FR_TEXT)
    write(root / "a.md", "# Un titre\n\nLe **ministre** a parlé de [Genève](https://x.ch).")
    write(root / "sub" / "c.txt", "Un autre article en français sur la réunion de Genève.")
    write(root / "sub" / "b.txt", "Même nom de fichier, autre dossier, autre article.")
    write(root / "sub" / "vide.txt", "")
    write(root / ".cache" / "hidden.txt", "Ne doit pas être lu.")
    write(root / "image.png", b"\x89PNG\r\n\x1a\n")
    result = read_inputs([str(root)])
    assert [a.id for a in result.articles] == ["a", "b", "b-2", "c"]
    assert result.articles[0].title == "Un titre"
    assert result.articles[0].text == "Un titre\nLe ministre a parlé de Genève."
    assert [(f.item, f.reason) for f in result.failures] == [
        (str(root / "sub" / "vide.txt"), "empty file")
    ]


def test_empty_directory(tmp_path: Path) -> None:
    write(tmp_path / "notes.csv", "a,b\n")
    with pytest.raises(NoArticleFound):
        read_one(str(tmp_path))


def test_batch_goes_on_after_bad_items(tmp_path: Path) -> None:
    good = write(tmp_path / "lemonde.txt", FR_TEXT)
    items = [str(tmp_path / "absent.txt"), write(tmp_path / "z.txt", b""), good, good]
    result = read_inputs(items)
    assert [a.id for a in result.articles] == ["lemonde", "lemonde-2"]
    assert [f.reason for f in result.failures] == ["no such file", "empty file"]
    assert str(result.failures[0]) == f"{items[0]}: no such file [ingest]"
