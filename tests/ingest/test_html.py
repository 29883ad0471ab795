"""HTML pages (trafilatura), Markdown and JSONL metadata."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from recoupe.ingest import read_inputs, read_one


def test_html_page_title_outlet_date_text(tmp_path: Path, article_page: Callable[..., str]) -> None:
    path = tmp_path / "tillerson.html"
    path.write_text(article_page(), encoding="utf-8")
    [article] = read_one(str(path))
    assert article.id == "tillerson"
    assert article.title == "Rex Tillerson reçu par Vladimir Poutine"
    assert article.source == "Le Quotidien du Soir"
    assert article.published == date(2017, 4, 12)
    assert article.language == "fr"
    assert article.meta["format"] == "html"
    assert "Sergueï Lavrov" in article.text
    assert "« Il y a un faible niveau de confiance entre nos deux pays »" in article.text
    for chrome in ("Accueil", "Mentions légales", "<p>"):
        assert chrome not in article.text


def test_html_sniffed_in_a_txt_file_and_source_override(
    tmp_path: Path, article_page: Callable[..., str]
) -> None:
    path = tmp_path / "saved.txt"
    path.write_text(article_page(site="RTS Info"), encoding="utf-8")
    [article] = read_one(str(path))
    assert article.meta["format"] == "html"
    assert article.source == "RTS Info"
    [renamed] = read_one(str(path), source="rts")
    assert renamed.source == "rts"


def test_html_date_from_page_boilerplate_dropped(
    tmp_path: Path, article_page: Callable[..., str]
) -> None:
    paragraphs = [
        "La Banque nationale suisse a laissé ses taux inchangés jeudi, malgré la pression des marchés.",
        "Lire aussi",
        "Le franc reste fort face à l'euro, selon les analystes interrogés par la presse.",
        "ats/afp",
    ]
    path = tmp_path / "bns.html"
    path.write_text(article_page(title="La BNS ne bouge pas", paragraphs=paragraphs), "utf-8")
    [article] = read_one(str(path))
    assert article.meta["dropped_lines"] == ["Lire aussi", "ats/afp"]
    assert "Le franc reste fort" in article.text


def test_markdown_file(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(
        "# Le Conseil fédéral tranche\n\n"
        "Le gouvernement a **enfin** décidé, selon [la RTS](https://rts.ch).\n\n"
        "- premier point de la décision\n"
        "---\n"
        "![photo](img.jpg)\n",
        encoding="utf-8",
    )
    [article] = read_one(str(path))
    assert article.title == "Le Conseil fédéral tranche"
    assert article.text == (
        "Le Conseil fédéral tranche\n"
        "Le gouvernement a enfin décidé, selon la RTS.\n"
        "premier point de la décision"
    )


def test_jsonl_fields(tmp_path: Path) -> None:
    records = [
        {
            "id": "lt-42",
            "title": "Moscou reçoit Tillerson",
            "outlet": "Le Temps",
            "published": "2017-04-12T09:00:00Z",
            "url": "https://www.letemps.ch/monde/moscou",
            "content": "Le secrétaire d'État américain est arrivé à Moscou mardi soir.",
            "section": "Monde",
        },
        {
            "id": "lt-42",
            "text": "The Secretary of State arrived in Moscow on Tuesday night.",
            "language": "EN",
        },
    ]
    path = tmp_path / "letemps.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    result = read_inputs([str(path)])
    assert result.failures == []
    first, second = result.articles
    assert (first.id, second.id) == ("lt-42", "lt-42-2")
    assert first.title == "Moscou reçoit Tillerson"
    assert first.source == "Le Temps"
    assert first.published == date(2017, 4, 12)
    assert first.url == "https://www.letemps.ch/monde/moscou"
    assert first.language == "fr"
    assert first.meta["fields"] == {"section": "Monde"}
    assert second.source == "letemps"
    assert second.language == "en"
    assert second.title == "The Secretary of State arrived in Moscow on Tuesday night"
