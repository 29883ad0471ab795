"""Quantities: value and counted unit, read from real French parses."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from recoupe.annotate.numbers import NumberStage, annotate_numbers, normalise_unit, quantity_key
from recoupe.model import NUMBERS, Article
from recoupe.pipeline import Pipeline

Found = list[tuple[str, float, str | None]]


def _numbers(doc: Doc) -> Found:
    return [(s.text, s._.num_value, s._.unit) for s in doc.spans[NUMBERS]]


@pytest.fixture(scope="module")
def counted(fr_doc: Callable[[str], Doc]) -> Callable[[str], Found]:
    def run(text: str) -> Found:
        doc = fr_doc(text)
        annotate_numbers(doc)
        return _numbers(doc)

    return run


@pytest.fixture(scope="module")
def parsed(fr_doc: Callable[[str], Doc]) -> Callable[[str], Doc]:
    def run(text: str) -> Doc:
        doc = fr_doc(text)
        annotate_numbers(doc)
        return doc

    return run


# -- the reference example -------------------------------------------------------------------


def test_rts_example(example_pair: list[Path], nlp_fr: Language) -> None:
    doc = nlp_fr(example_pair[0].read_text(encoding="utf-8"))
    annotate_numbers(doc)
    found = _numbers(doc)
    assert ("87 morts", 87.0, "mort") in found
    assert ("six ans", 6.0, "an") in found
    assert ("deux pays", 2.0, "pays") in found
    values = {v for _, v, _ in found}
    assert 4.0 not in values, "the day of 'le 4 avril' is a date, not a quantity"
    for span in doc.spans[NUMBERS]:
        assert doc.text[span.start_char : span.end_char] == span.text


def test_france24_example(example_pair: list[Path], nlp_fr: Language) -> None:
    doc = nlp_fr(example_pair[1].read_text(encoding="utf-8"))
    annotate_numbers(doc)
    values = {v for _, v, _ in _numbers(doc)}
    assert 24.0 not in values, "Mir 24 is a name"
    assert 12.0 not in values and 2017.0 not in values, "12 avril 2017 and 12/04/2017 are dates"
    assert ("six ans", 6.0, "an") in _numbers(doc)


# -- what is counted -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("L'attaque a fait 87 morts à Idleb.", ("87 morts", 87.0, "mort")),
        ("87 personnes ont été tuées dans l'attaque.", ("87 personnes", 87.0, "personne")),
        (
            "On compte 1 200 manifestants place de la République.",
            ("1 200 manifestants", 1200.0, "manifestant"),
        ),
        ("On compte 1.200 manifestants.", ("1.200 manifestants", 1200.0, "manifestant")),
        (
            "Ils étaient 50\u202f000 personnes à défiler.",
            ("50\u202f000 personnes", 50000.0, "personne"),
        ),
        (
            "Ils étaient 50\u00a0000 personnes à défiler.",
            ("50\u00a0000 personnes", 50000.0, "personne"),
        ),
        ("Le projet coûte 1,5 million d'euros.", ("1,5 million d'euros", 1.5e6, "euro")),
        ("Il a reçu 20 millions de dollars.", ("20 millions de dollars", 2e7, "dollar")),
        ("La dette atteint 15 milliards €.", ("15 milliards €", 1.5e10, "euro")),
        ("Le budget atteint 300 000 euros.", ("300 000 euros", 3e5, "euro")),
        ("Le chômage a baissé de 3,5 % en un an.", ("3,5 %", 3.5, "%")),
        ("Il a obtenu 10% des voix.", ("10%", 10.0, "%")),
        ("Il a obtenu 52 pour cent des voix.", ("52 pour cent", 52.0, "%")),
        ("Le conflit dure depuis six ans.", ("six ans", 6.0, "an")),
        ("Trois blessés ont été hospitalisés.", ("Trois blessés", 3.0, "blessé")),
        ("Une dizaine de morts ont été recensés.", ("Une dizaine de morts", 10.0, "mort")),
        (
            "Une centaine de personnes attendaient.",
            ("Une centaine de personnes", 100.0, "personne"),
        ),
        ("Un million de personnes ont manifesté.", ("Un million de personnes", 1e6, "personne")),
        ("Vingt-trois enfants ont été évacués.", ("Vingt-trois enfants", 23.0, "enfant")),
        ("Quatre-vingt-dix soldats sont arrivés.", ("Quatre-vingt-dix soldats", 90.0, "soldat")),
        ("Deux cents policiers ont été déployés.", ("Deux cents policiers", 200.0, "policier")),
        (
            "Trois mille manifestants ont défilé.",
            ("Trois mille manifestants", 3000.0, "manifestant"),
        ),
        ("Il y a vingt et un candidats.", ("vingt et un candidats", 21.0, "candidat")),
        ("Les relations entre les deux pays sont tendues.", ("deux pays", 2.0, "pays")),
        ("Il a vendu 87 nouveaux appartements.", ("87 nouveaux appartements", 87.0, "appartement")),
        ("L'appartement fait 37 m² au total.", ("37 m²", 37.0, "m²")),
    ],
)
def test_quantity(
    counted: Callable[[str], Found], text: str, expected: tuple[str, float, str]
) -> None:
    found = counted(text)
    assert expected in found, found


def test_several_quantities_in_one_sentence(counted: Callable[[str], Found]) -> None:
    found = counted(
        "L'attaque a fait 87 morts et 1 200 blessés, soit 3,5 % de plus, pour 1,5 million d'euros."
    )
    assert found == [
        ("87 morts", 87.0, "mort"),
        ("1 200 blessés", 1200.0, "blessé"),
        ("3,5 %", 3.5, "%"),
        ("1,5 million d'euros", 1.5e6, "euro"),
    ]


def test_approximation_cue_is_not_part_of_the_value(counted: Callable[[str], Found]) -> None:
    found = counted("Au moins 87 morts, plus de 10 000 réfugiés et près de 300 000 personnes.")
    assert [(v, u) for _, v, u in found] == [
        (87.0, "mort"),
        (10000.0, "réfugié"),
        (300000.0, "personne"),
    ]


def test_digits_without_a_noun_are_kept_without_unit(counted: Callable[[str], Found]) -> None:
    found = counted("Le bilan est passé de 86 à 87.")
    assert [(v, u) for _, v, u in found] == [(86.0, None), (87.0, None)]


@pytest.mark.parametrize(
    "text",
    [
        "Le 4 avril 2017, la ville a été bombardée.",
        "Publié le 12/04/2017 à 10h05.",
        "Il est arrivé à 14 h 30 à Moscou.",
        "Il est arrivé premier, pour la deuxième fois, au 2e étage, le 1er mai.",
        "Interrogé par la chaîne Mir 24, il a parlé.",
        "Les deux ont refusé de répondre.",
        "Il a signé un accord avec une entreprise.",
        "L'un des deux a refusé.",
        "Des dizaines de morts et plusieurs centaines de blessés.",
        "Des milliers de manifestants ont défilé.",
        "Un bâtiment neuf a été inauguré.",
        "Le Covid-19 a frappé le G20 en 2020.",
        "Il a été réélu en 2017.",
        "Il l'a dit sur Europe 1 et France 2.",
    ],
)
def test_not_quantities(counted: Callable[[str], Found], text: str) -> None:
    assert counted(text) == []


def test_span_offsets_match_text(parsed: Callable[[str], Doc]) -> None:
    doc = parsed("Près de 2 000 soldats et 15 milliards € ont été engagés.")
    for span in doc.spans[NUMBERS]:
        assert doc.text[span.start_char : span.end_char] == span.text
    assert [s.text for s in doc.spans[NUMBERS]] == ["2 000 soldats", "15 milliards €"]


# -- comparing quantities --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lemma", "kind"),
    [
        ("mort", "mort"),
        ("tué", "mort"),
        ("victime", "mort"),
        ("décès", "mort"),
        ("blessé", "blessé"),
        ("an", "an"),
        ("année", "an"),
        ("personne", "personne"),
        ("gens", "personne"),
        ("Euros", "euro"),
        ("manifestant", "manifestant"),
    ],
)
def test_normalise_unit(lemma: str, kind: str) -> None:
    assert normalise_unit(lemma) == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("L'attaque a fait 87 morts.", "mort"),
        ("86 personnes ont été tuées.", "mort"),
        ("L'attaque a fait 86 personnes tuées.", "mort"),
        ("Au moins 12 victimes sont à déplorer.", "mort"),
        ("30 personnes ont été blessées.", "blessé"),
        ("30 personnes attendaient dehors.", "personne"),
        ("Il y a six ans que la guerre dure.", "an"),
    ],
)
def test_quantity_key(parsed: Callable[[str], Doc], text: str, kind: str) -> None:
    doc = parsed(text)
    spans = list(doc.spans[NUMBERS])
    assert len(spans) == 1
    assert quantity_key(spans[0]) == kind


def test_contradiction_is_comparable(parsed: Callable[[str], Doc]) -> None:
    """The brief compares '87 morts' with '86 personnes tuées': same kind, other value."""
    doc_a = parsed("L'attaque chimique a fait 87 morts.")
    doc_b = parsed("86 personnes ont été tuées dans l'attaque chimique.")
    a, b = doc_a.spans[NUMBERS][0], doc_b.spans[NUMBERS][0]
    assert quantity_key(a) == quantity_key(b) == "mort"
    assert a._.num_value != b._.num_value


# -- the stage -------------------------------------------------------------------------------


def test_stage(nlp_fr: Language) -> None:
    text = "L'attaque a fait 87 morts."
    article = Article(id="a", text=text, doc=nlp_fr(text))
    stage = NumberStage()
    assert (stage.name, stage.requires, stage.provides) == ("numbers", ("doc",), ("numbers",))
    Pipeline([stage], given=("text", "doc")).run([article])
    assert _numbers(article.require_doc()) == [("87 morts", 87.0, "mort")]


# -- real data -------------------------------------------------------------------------------


@pytest.mark.slow
def test_orangesum_heading_quantities_found_in_article(shared_data: Path, nlp_fr: Language) -> None:
    """Quantities of an OrangeSum abstract should be found, same value and kind, in the article.

    Abstracts often paraphrase or add facts, so this cannot reach 100%; measured
    at 0.45 on 400 articles (stride 37), the floor catches broken values or units.
    """
    path = shared_data / "orangesum-fr" / "orangesum_parsed_docs.jsonl.gz"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    hit = total = 0
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for i, line in enumerate(lines):
            if i % 37:
                continue
            row = json.loads(line)
            head = nlp_fr(row["heading"])
            annotate_numbers(head)
            wanted = [(s._.num_value, quantity_key(s)) for s in head.spans[NUMBERS] if s._.unit]
            if not wanted:
                continue
            doc = nlp_fr(row["article"][:4000])
            annotate_numbers(doc)
            have = {(s._.num_value, quantity_key(s)) for s in doc.spans[NUMBERS] if s._.unit}
            total += len(wanted)
            hit += sum(w in have for w in wanted)
            if total >= 80:
                break
    assert total >= 60
    assert hit / total >= 0.35, f"{hit}/{total} abstract quantities found in the article"
