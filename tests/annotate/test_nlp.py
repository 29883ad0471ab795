"""The French pipeline's tokenizer and sentence starts on scraped text."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from thinc.api import Model, NumpyOps

from recoupe.annotate.parse import ParseStage
from recoupe.model import Article


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ('en 24 heures."En France', ["heures", ".", '"', "En", "France"]),
        ('a-t-il dit "oui".Surtout, rien', ['"', "oui", '"', ".", "Surtout"]),
        ('selon RFI."Je suis honoré', ["RFI", ".", '"', "Je"]),
        ("selon la DGS.Le nombre baisse", ["DGS", ".", "Le", "nombre"]),
        ('avec les "gilets jaunes"La CGT', ["jaunes", '"', "La", "CGT"]),
        ('sur le fait qu\'"on ne peut pas"', ["qu'", '"', "on", "ne"]),
        ("sa volonté d'«absolue transparence»", ["d'", "«", "absolue"]),
    ],
)
def test_glued_sentences_are_split(nlp_fr: Language, text: str, tokens: list[str]) -> None:
    words = [t.text for t in nlp_fr.tokenizer(text)]
    start = words.index(tokens[0])
    assert words[start : start + len(tokens)] == tokens


def test_abbreviations_numbers_and_sites_stay_whole(nlp_fr: Language) -> None:
    words = [t.text for t in nlp_fr.tokenizer("M. Dupont a lu actu.fr à 3.5 km, U.S.A.")]
    assert "M." in words and "actu.fr" in words and "3.5" in words


def test_glued_sentence_starts_a_new_sentence(nlp_fr: Language) -> None:
    doc = nlp_fr('Il a dit "oui".Surtout, rien. La DGS.Le nombre baisse.')
    assert [s.text for s in doc.sents] == [
        'Il a dit "oui".',
        "Surtout, rien.",
        "La DGS.",
        "Le nombre baisse.",
    ]


def test_quote_after_an_elided_article_keeps_sentences_apart(nlp_fr: Language) -> None:
    # before: ``qu'"on`` was one token, the quote parity flipped and the next
    # sentences (another source's) merged into the one with ``a-t-il expliqué``
    doc = nlp_fr(
        'Il a insisté sur le fait qu\'"on ne peut pas laisser faire", a-t-il expliqué. '
        'Selon le recteur, "tout était en ordre". La cathédrale est ouverte.'
    )
    assert [s.text for s in doc.sents] == [
        'Il a insisté sur le fait qu\'"on ne peut pas laisser faire", a-t-il expliqué.',
        'Selon le recteur, "tout était en ordre".',
        "La cathédrale est ouverte.",
    ]


def test_language_without_spacy_class_gets_the_multilingual_tokenizer() -> None:
    # Galician has no spacy.lang module: the article must still be parsed, not failed.
    article = Article(
        id="gl-1",
        text="O Goberno galego aprobou onte o orzamento.\nA oposición criticou a medida.",
        language="gl",
    )
    assert ParseStage()(article) is None
    doc = article.require_doc()
    assert doc.lang_ == "xx"
    assert [s.text for s in doc.sents] == [
        "O Goberno galego aprobou onte o orzamento.\n",
        "A oposición criticou a medida.",
    ]


@pytest.mark.parametrize("lang", ["ru", "de", "gl"])
def test_unparsed_docs_have_sound_tree_edges(lang: str) -> None:
    # spaCy copies special-case tokens such as "—" without edges; in a doc no parser
    # sees, token.children then read outside the doc and crashed the process.
    from recoupe.annotate.nlp import load_nlp

    text = "где люди выражают разные взгляды», — сообщило агентство Reuters. — Да."
    doc = load_nlp(lang)(text)
    assert doc.text == text
    assert [(t.left_edge.i, t.right_edge.i) for t in doc] == [(t.i, t.i) for t in doc]
    assert all(list(t.children) == [] for t in doc)


def _layers(nlp: Language) -> list[Model]:  # type: ignore[type-arg]
    models = [
        pipe.model for _, pipe in nlp.pipeline if isinstance(getattr(pipe, "model", None), Model)
    ]
    return [node for model in models for node in model.walk()]


def test_openblas_pipeline_parses_as_the_blis_one(nlp_fr: Language) -> None:
    # load_nlp has numpy's OpenBLAS do thinc's matrix products (faster than blis);
    # the same pipeline on blis must give the same tokens, parses and entities.
    from recoupe.annotate.nlp import load_nlp

    assert len(_layers(nlp_fr)) > 20
    assert not any(layer.ops.use_blis for layer in _layers(nlp_fr))  # type: ignore[attr-defined]
    examples = Path(__file__).resolve().parents[3] / "shared" / "examples" / "tillerson-moscow"
    if not examples.is_dir():
        pytest.skip(f"example articles not found at {examples}")
    blis = load_nlp.__wrapped__("fr")
    for layer in _layers(blis):
        layer.ops = NumpyOps(use_blis=True)
    for path in sorted(examples.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        ours, theirs = nlp_fr(text), blis(text)
        assert len(ours.ents) > 10
        assert [(e.start_char, e.label_) for e in ours.ents] == [
            (e.start_char, e.label_) for e in theirs.ents
        ]
        parse = [(t.text, t.head.i, t.dep_, t.pos_, t.lemma_, str(t.morph)) for t in ours]
        assert parse == [(t.text, t.head.i, t.dep_, t.pos_, t.lemma_, str(t.morph)) for t in theirs]
