"""A real annotated French Doc survives serialization and the store."""

from __future__ import annotations

import numpy as np
import pytest
from spacy.language import Language
from spacy.tokens import Doc

from recoupe.errors import StoreError
from recoupe.model import DATES, NUMBERS, QUOTES, Article
from recoupe.store import Store, doc_from_bytes, doc_to_bytes
from recoupe.store.serialize import matrix_from_bytes, matrix_to_bytes

TEXT = (
    "Rex Tillerson est arrivé mercredi 12 avril 2017 à Moscou.\n"
    "« Nous voulons comprendre la position russe », a déclaré Sergueï Lavrov.\n"
    "Selon Moscou, 72 civils sont morts dans l'attaque."
)


@pytest.fixture(scope="module")
def annotated(nlp_fr: Language) -> Doc:
    """The real model's parse, with recoupe's span groups set by hand."""
    doc = nlp_fr(TEXT)
    for ent in doc.ents:
        ent._.entity = {"Rex Tillerson": "Rex Tillerson", "Sergueï Lavrov": "Sergueï Lavrov"}.get(
            ent.text, ent.text
        )
    quote = doc.char_span(TEXT.index("Nous"), TEXT.index(" »"))
    assert quote is not None
    quote._.speaker = "Sergueï Lavrov"
    quote._.direct = True
    quote._.cue = "déclarer"
    start = TEXT.index("Sergueï")
    quote._.speaker_span = (start, start + len("Sergueï Lavrov"))
    doc.spans[QUOTES] = [quote]
    day = doc.char_span(TEXT.index("12 avril"), TEXT.index(" à Moscou"))
    assert day is not None
    day._.date_value = "2017-04-12"
    day._.date_granularity = "day"
    doc.spans[DATES] = [day]
    num = doc.char_span(TEXT.index("72"), TEXT.index(" civils"))
    assert num is not None
    num._.num_value = 72.0
    num._.unit = "civil"
    doc.spans[NUMBERS] = [num]
    doc._.article_id = "tillerson-rts"
    return doc


def _check_same(doc: Doc, back: Doc) -> None:
    assert back.text == doc.text
    assert [t.lemma_ for t in back] == [t.lemma_ for t in doc]
    assert [s.text for s in back.sents] == [s.text for s in doc.sents]
    assert [(e.start_char, e.end_char, e.label_, e._.entity) for e in back.ents] == [
        (e.start_char, e.end_char, e.label_, e._.entity) for e in doc.ents
    ]
    assert any(e._.entity == "Sergueï Lavrov" for e in back.ents)
    (quote,) = back.spans[QUOTES]
    assert quote.text == "Nous voulons comprendre la position russe"
    assert (quote._.speaker, quote._.direct, quote._.cue) == ("Sergueï Lavrov", True, "déclarer")
    assert tuple(quote._.speaker_span) == (TEXT.index("Sergueï"), TEXT.index("Sergueï") + 14)
    (day,) = back.spans[DATES]
    assert (day.text, day._.date_value, day._.date_granularity) == (
        "12 avril 2017",
        "2017-04-12",
        "day",
    )
    (num,) = back.spans[NUMBERS]
    assert (num.text, num._.num_value, num._.unit) == ("72", 72.0, "civil")
    assert back._.article_id == "tillerson-rts"


def test_doc_round_trip(annotated: Doc, nlp_fr: Language) -> None:
    assert len(annotated.ents) >= 2
    _check_same(annotated, doc_from_bytes(doc_to_bytes(annotated), nlp_fr.vocab))


def test_doc_round_trip_through_the_store(store: Store, annotated: Doc, nlp_fr: Language) -> None:
    article = Article(
        id="tillerson-rts", text=TEXT, title="Tillerson à Moscou", source="rts", language="fr"
    )
    store.add_article(article, doc_to_bytes(annotated), annotator="test")
    data = store.get_doc_bytes("tillerson-rts")
    assert data is not None
    _check_same(annotated, doc_from_bytes(data, nlp_fr.vocab))


def test_corrupt_doc_bytes(nlp_fr: Language) -> None:
    with pytest.raises(StoreError):
        doc_from_bytes(b"not a docbin", nlp_fr.vocab)


def test_matrix_bytes() -> None:
    matrix = np.arange(6, dtype=np.float64).reshape(2, 3)
    data, rows, cols = matrix_to_bytes(matrix)
    assert (len(data), rows, cols) == (24, 2, 3)
    np.testing.assert_array_equal(matrix_from_bytes(data, rows, cols), matrix.astype(np.float32))
    with pytest.raises(StoreError):
        matrix_from_bytes(data, 3, 3)
