"""The annotations JSON says which speakers were inferred from context."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from recoupe.api.annotations import spans_json
from recoupe.model import QUOTES

TEXT = "« Nous sommes prêts », a déclaré Anne Hidalgo. Puis : « La ville tiendra bon. »"


def test_each_quote_says_whether_its_speaker_was_inferred(
    fr_doc: Callable[[str], Doc],
) -> None:
    doc = fr_doc(TEXT)
    spans = []
    for text, inferred in (("Nous sommes prêts", False), ("La ville tiendra bon.", True)):
        start = TEXT.index(text)
        span = doc.char_span(start, start + len(text), alignment_mode="expand")
        assert span is not None
        span._.speaker = "Anne Hidalgo"
        if inferred:
            span._.speaker_inferred = True
        spans.append(span)
    doc.spans[QUOTES] = spans
    quotes = spans_json(doc)["quotes"]
    assert [(q["text"], q["speaker_inferred"]) for q in quotes] == [
        ("Nous sommes prêts", False),
        ("La ville tiendra bon.", True),
    ]
