"""Highlighting from character offsets: nesting, cutting, escaping."""

from __future__ import annotations

import html
import re

from recoupe.web.highlight import ENTITY, QUOTE, SENTENCE, Mark, highlight
from recoupe.web.i18n import parse_accept_language, with_params


def _plain(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def _balanced(markup: str) -> bool:
    depth = 0
    for tag in re.findall(r"</?span", markup):
        depth += -1 if tag.startswith("</") else 1
        if depth < 0:
            return False
    return depth == 0


def test_no_marks_is_escaped_text() -> None:
    text = 'a <b> & "c"'
    assert str(highlight(text, [])) == "a &lt;b&gt; &amp; &quot;c&quot;"


def test_sentence_outside_entity_inside() -> None:
    text = "Rex Tillerson est à Moscou. Fin."
    marks = [
        Mark(20, 26, ("ent",), ENTITY),
        Mark(0, 27, ("sent",), SENTENCE, {"data-fact": "3"}),
        Mark(0, 13, ("ent",), ENTITY, {"title": "Rex Tillerson"}),
    ]
    out = str(highlight(text, marks))
    assert out.startswith(
        '<span class="sent" data-fact="3"><span class="ent" title="Rex Tillerson">Rex'
    )
    assert '<span class="ent">Moscou</span>.</span> Fin.' in out
    assert _plain(out) == text and _balanced(out)


def test_quote_straddling_sentences_is_cut_at_their_edges() -> None:
    text = "Un. Deux trois. Quatre."
    marks = [
        Mark(0, 3, ("sent",), SENTENCE),
        Mark(4, 15, ("sent",), SENTENCE),
        Mark(2, 9, ("quote",), QUOTE, {"title": "X"}),
    ]
    out = str(highlight(text, marks))
    # inside the first sentence, in the gap between them, inside the second one
    assert out.count('class="quote"') == 3 and 'data-part="2"' in out
    assert _plain(out) == text and _balanced(out)


def test_overlapping_same_layer_marks_stay_well_formed() -> None:
    text = "abcdefghij"
    marks = [Mark(0, 6, ("a",)), Mark(3, 9, ("b",)), Mark(5, 10, ("c",)), Mark(3, 9, ("b2",))]
    out = str(highlight(text, marks))
    assert _plain(out) == text and _balanced(out)
    assert str(highlight(text, list(reversed(marks)))) != "" and _balanced(out)


def test_out_of_range_and_empty_marks_are_dropped() -> None:
    out = str(highlight("abc", [Mark(-5, 1, ("x",)), Mark(2, 2, ("y",)), Mark(2, 99, ("z",))]))
    assert out == '<span class="x">a</span>b<span class="z">c</span>'


def test_attribute_values_and_text_are_escaped() -> None:
    text = '<script>alert(1)</script> "><img src=x onerror=alert(1)>'
    marks = [Mark(0, len(text), ("quote",), QUOTE, {"title": '"><img src=x onerror=alert(2)>'})]
    out = str(highlight(text, marks))
    assert "<script" not in out and "<img" not in out
    assert 'title="&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"' in out
    assert _plain(out) == text


def test_only_title_and_data_attributes_are_written() -> None:
    out = str(highlight("abc", [Mark(0, 3, ("x",), ENTITY, {"onclick": "evil()", "data-ok": "1"})]))
    assert "onclick" not in out and 'data-ok="1"' in out


def test_accept_language_order() -> None:
    assert parse_accept_language("de;q=0.3, en-GB;q=0.8, fr") == ["fr", "en", "de"]
    assert parse_accept_language("") == []
    assert parse_accept_language("en;q=0") == []


def test_with_params_drops_empty_values() -> None:
    assert with_params("/", q="crue", source="", page=2, lang=None) == "/?q=crue&page=2"
