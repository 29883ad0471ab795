"""The reference pair (RTS and France 24 on Tillerson in Moscow) read end to end."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from recoupe.ingest import read_inputs


def _lines(path: Path) -> list[str]:
    return [
        " ".join(ln.split()) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()
    ]


def test_rts_drops_only_the_teaser_and_the_signature(example_pair: list[Path]) -> None:
    rts_path = example_pair[0]
    result = read_inputs([str(rts_path)])
    assert result.failures == []
    [rts] = result.articles
    assert rts.id == "rts"
    assert rts.source == "rts"
    assert rts.origin == str(rts_path)
    assert rts.language == "fr"
    assert rts.published is None
    dropped = rts.meta["dropped_lines"]
    assert dropped == [
        ">> Lire aussi : Veto de la Russie à la résolution condamnant l'attaque chimique en Syrie",
        "agences/tmun",
    ]
    kept = [ln for ln in _lines(rts_path) if ln not in dropped]
    assert rts.text.split("\n") == kept
    assert rts.title.startswith("Pour sa première visite en Russie")
    assert rts.title.endswith("…") and len(rts.title) <= 101
    assert rts.meta["embedded_quotes"] == []


def test_france24_date_and_embedded_tweet(example_pair: list[Path]) -> None:
    f24_path = example_pair[1]
    [f24] = read_inputs([str(f24_path)]).articles
    assert f24.id == "france24"
    assert f24.published == date(2017, 4, 12)
    assert f24.meta["dropped_lines"] == ["Première publication : 12/04/2017"]
    assert "Première publication" not in f24.text
    assert "\n\n" not in f24.text
    assert f24.text.split("\n") == _lines(f24_path)[:-1]
    assert "’" in f24.text  # apostrophes kept as they are
    [tweet] = f24.meta["embedded_quotes"]
    assert tweet["speaker"] == "Department of State (@StateDept)"
    assert tweet["kind"] == "tweet"
    words = f24.text[tweet["start"] : tweet["end"]]
    assert words.startswith("Today Secretary Tillerson")
    assert words.endswith("areas of common interest.")
    assert "pic.twitter.com" in f24.text  # the line itself is kept


def test_pair_in_one_batch_with_an_outlet_override(example_pair: list[Path]) -> None:
    items = [str(p) for p in example_pair]
    result = read_inputs([*items, items[0]], source="Agrégateur")
    assert [a.id for a in result.articles] == ["rts", "france24", "rts-2"]
    assert {a.source for a in result.articles} == {"Agrégateur"}
    assert result.articles[0].text == result.articles[2].text
