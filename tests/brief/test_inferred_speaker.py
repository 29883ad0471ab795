"""A speaker the system inferred from context is marked in every rendering of the brief."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from recoupe.brief.build import article_ref
from recoupe.brief.labels import LABELS
from recoupe.brief.model import Brief, QuoteRow
from recoupe.brief.quotes import collect_quotes
from recoupe.brief.render import render_html, render_json, render_markdown, render_text
from recoupe.model import QUOTES, Article

TEXT = (
    "« Nous sommes prêts », a déclaré Anne Hidalgo.\n"
    "La maire a ensuite rencontré les élus.\n"
    "« La ville tiendra bon. »\n"
)
CUED = "Nous sommes prêts"
GUESSED = "La ville tiendra bon."
FR = "attribution déduite du contexte"
EN = "speaker inferred from context"


def _quote(doc: Doc, text: str, *, inferred: bool) -> None:
    start = doc.text.index(text)
    span = doc.char_span(start, start + len(text), alignment_mode="expand")
    assert span is not None
    span._.speaker = "Anne Hidalgo"
    span._.direct = True
    span._.cue = None if inferred else "déclarer"
    span._.speaker_inferred = inferred
    doc.spans[QUOTES] = [*doc.spans.get(QUOTES, []), span]


@pytest.fixture(scope="module")
def brief(fr_doc: Callable[[str], Doc]) -> Brief:
    doc = fr_doc(TEXT)
    _quote(doc, CUED, inferred=False)
    _quote(doc, GUESSED, inferred=True)
    article = Article(id="a1", text=TEXT, source="lyon-info", language="fr", doc=doc)
    return Brief(articles=[article_ref(article)], quotes=collect_quotes([article]))


def _line(rendered: str, quote: str) -> str:
    return next(line for line in rendered.splitlines() if quote in line)


def test_rows_carry_the_flag(brief: Brief) -> None:
    assert [(q.text, q.inferred) for q in brief.quotes] == [(CUED, False), (GUESSED, True)]
    assert all(q.sources == ("a1",) for q in brief.quotes)


def test_positional_rows_are_not_inferred() -> None:
    row = QuoteRow("X", "Bonjour", "a", 0, 7, True, "dire", ("a",))
    assert row.inferred is False and row.to_dict()["inferred"] is False


def test_both_languages_have_the_label() -> None:
    assert (LABELS["fr"]["inferred"], LABELS["en"]["inferred"]) == (FR, EN)


def test_text_and_markdown_mark_only_the_inferred_quote(brief: Brief) -> None:
    text = render_text(brief)
    assert _line(text, GUESSED) == f"    - « {GUESSED} » ({FR}) [a1]"
    assert _line(text, CUED) == f"    - « {CUED} » [a1]"
    assert _line(render_markdown(brief, "en"), GUESSED).endswith(f"» ({EN}) [a1]")


def test_html_marks_only_the_inferred_quote(brief: Brief) -> None:
    page = render_html(brief)
    assert f'« {GUESSED} » <span class="inferred">({FR})</span>' in page
    assert f"« {CUED} » <span" in page and page.count(f"({FR})") == 1


def test_json_has_the_inferred_key(brief: Brief) -> None:
    quotes = json.loads(render_json(brief))["quotes"]
    assert [(q["text"], q["inferred"]) for q in quotes] == [(CUED, False), (GUESSED, True)]
