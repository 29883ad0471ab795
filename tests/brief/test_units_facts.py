"""Facts, contradictions, summary and quote matching on hand-built units."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from recoupe.brief.align import Link, margin, story_idf, weighted_overlap
from recoupe.brief.contradictions import find_contradictions
from recoupe.brief.facts import build_facts
from recoupe.brief.model import QuoteRow
from recoupe.brief.quotes import by_speaker, same_quote
from recoupe.brief.summary import build_summary
from recoupe.brief.units import Unit


def unit(
    article: str,
    index: int,
    text: str,
    numbers: tuple[tuple[float, str], ...] = (),
    dates: tuple[str, ...] = (),
    entities: frozenset[str] = frozenset(),
) -> Unit:
    return Unit(
        article=article,
        index=index,
        start=index * 100,
        end=index * 100 + len(text),
        text=text,
        entities=entities,
        lemmas=frozenset(w.lower() for w in text.split() if len(w) > 3),
        numbers=numbers,
        dates=dates,
        quoted=False,
        headline=False,
    )


def test_margin_favours_the_pair_that_stands_out() -> None:
    sim = np.array([[0.9, 0.5, 0.5], [0.5, 0.55, 0.5], [0.5, 0.5, 0.52]], dtype=np.float32)
    m = margin(sim, k=2)
    assert m[0, 0] > m[1, 1] > 0
    assert m[0, 0] > 1.0
    assert m[0, 1] < 1.0


def test_weighted_overlap_discounts_words_every_sentence_shares() -> None:
    units = [
        unit("a", 0, "Syrie frappe aérienne"),
        unit("a", 1, "Syrie réunion ministres"),
        unit("b", 0, "Syrie réunion diplomates"),
    ]
    idf = story_idf(units)
    assert idf["syrie"] < idf["réunion"]
    common_only = weighted_overlap(
        frozenset({"syrie", "frappe"}), frozenset({"syrie", "diplomates"}), idf
    )
    rare_shared = weighted_overlap(
        frozenset({"syrie", "réunion"}), frozenset({"syrie", "réunion"}), idf
    )
    assert rare_shared == 1.0
    assert common_only < 0.5


def test_linked_units_become_one_shared_fact_and_the_rest_single_source() -> None:
    units = [
        unit("a", 0, "Le séisme a fait 12 morts selon les autorités."),
        unit("a", 1, "Les secours cherchent encore des survivants."),
        unit("b", 0, "Douze personnes sont mortes dans le séisme."),
        unit("b", 1, "Le président a décrété un deuil national."),
    ]
    links = [Link(("a", 0), ("b", 0), 0.8)]
    facts, fact_of = build_facts(units, links, ["a", "b"])
    shared = [f for f in facts if f.shared]
    single = [f for f in facts if not f.shared]
    assert len(shared) == 1
    assert shared[0].sources == ["a", "b"]
    assert {e.article for e in shared[0].evidence} == {"a", "b"}
    assert sorted(f.text for f in single) == sorted([units[1].text, units[3].text])
    assert fact_of[("a", 0)] == fact_of[("b", 0)] != fact_of[("a", 1)]


def test_groups_never_swallow_a_whole_article() -> None:
    units = [unit("a", i, f"phrase numéro {i} de a") for i in range(6)] + [
        unit("b", 0, "phrase de b")
    ]
    links = [Link(("a", i), ("b", 0), 0.5 + i / 100) for i in range(6)]
    facts, _ = build_facts(units, links, ["a", "b"], max_per_article=3)
    biggest = max(facts, key=lambda f: len(f.evidence))
    assert sum(1 for e in biggest.evidence if e.article == "a") == 3


def test_differing_death_tolls_in_related_sentences_are_a_contradiction() -> None:
    a = unit("a", 0, "L'attaque a fait 87 morts.", numbers=((87.0, "mort"),))
    b = unit("b", 0, "L'attaque a fait 72 morts.", numbers=((72.0, "mort"),))
    c = unit("b", 1, "Deux pays se disputent.", numbers=((2.0, "pays"),))
    found = find_contradictions([a, b, c], [Link(a.key, b.key, 0.5)], [])
    assert len(found) == 1
    assert found[0].kind == "number"
    assert {cl.value for cl in found[0].claims} == {"87 morts", "72 morts"}


def test_equal_numbers_and_unrelated_sentences_are_not_contradictions() -> None:
    a = unit("a", 0, "Il y a six ans.", numbers=((6.0, "an"),))
    b = unit("b", 0, "Depuis six ans.", numbers=((6.0, "an"),))
    d = unit("b", 1, "Trois ans plus tard.", numbers=((3.0, "an"),))
    assert find_contradictions([a, b, d], [Link(a.key, b.key, 0.5)], []) == []


def test_different_dates_for_the_same_fact_are_a_contradiction() -> None:
    a = unit("a", 0, "Le sommet s'est tenu mardi.", dates=("2024-03-05",))
    b = unit("b", 0, "Le sommet s'est tenu mercredi.", dates=("2024-03-06",))
    found = find_contradictions([a, b], [Link(a.key, b.key, 0.6)], [])
    assert [c.kind for c in found] == ["date"]


def test_same_quote_with_two_speakers_is_an_attribution_contradiction() -> None:
    q1 = QuoteRow("Jean Dupont", "nous ne céderons pas", "a", 0, 20, True, sources=("a", "b"))
    q2 = QuoteRow("Marie Durand", "Nous ne céderons pas !", "b", 5, 27, True, sources=("a", "b"))
    names = frozenset({"Jean Dupont", "Marie Durand"})
    found = find_contradictions([], [], [q1, q2], names)
    assert len(found) == 1
    assert found[0].kind == "attribution"
    assert {c.value for c in found[0].claims} == {"Jean Dupont", "Marie Durand"}


def test_an_inferred_speaker_does_not_contradict_a_cued_one() -> None:
    """A speaker recoupe inferred from context is not a claim the outlet made."""
    q1 = QuoteRow("Jean Dupont", "nous ne céderons pas", "a", 0, 20, True, sources=("a", "b"))
    q2 = QuoteRow(
        "Marie Durand", "Nous ne céderons pas", "b", 5, 25, True, sources=("a", "b"), inferred=True
    )
    names = frozenset({"Jean Dupont", "Marie Durand"})
    assert find_contradictions([], [], [q1, q2], names) == []


def test_a_role_and_a_name_for_the_same_quote_do_not_contradict() -> None:
    q1 = QuoteRow("Jean Dupont", "nous ne céderons pas", "a", 0, 20, True, sources=("a", "b"))
    q2 = QuoteRow("le ministre", "Nous ne céderons pas", "b", 5, 25, True, sources=("a", "b"))
    assert find_contradictions([], [], [q1, q2], frozenset({"Jean Dupont"})) == []


def test_quote_matching_tolerates_case_and_punctuation_but_not_other_words() -> None:
    assert same_quote("Nous ne céderons pas", "nous ne CÉDERONS pas !")
    assert same_quote(
        "la priorité reste la mise en sécurité",
        "La priorité reste la mise en sécurité des personnes",
    )
    assert not same_quote("organisé", "désorganisé")
    assert not same_quote("nous partirons demain matin", "ils resteront ici demain")


def test_summary_prefers_shared_facts_and_cites_sources() -> None:
    units = [
        unit("a", 0, "Le séisme a fait 12 morts selon les autorités locales."),
        unit("a", 1, "Les secours cherchent encore des survivants sous les décombres."),
        unit("b", 0, "Douze personnes sont mortes dans le séisme de magnitude 6."),
        unit("b", 1, "Le président a décrété trois jours de deuil national."),
        unit("c", 0, "Un séisme a tué douze personnes dans la région."),
    ]
    links = [Link(("a", 0), ("b", 0), 0.8), Link(("b", 0), ("c", 0), 0.7)]
    facts, _ = build_facts(units, links, ["a", "b", "c"])
    summary = build_summary(facts, n_sources=3)
    assert 1 <= len(summary) <= 5
    assert summary[0].sources == ["a", "b", "c"]
    assert all(item.sources for item in summary)


def test_who_said_what_lists_a_quote_repeated_in_one_article_once() -> None:
    rows = [
        QuoteRow("Vladimir Poutine", "dégradées", "france24", 40, 49, True),
        QuoteRow("Vladimir Poutine", "dégradées", "france24", 300, 309, True),
        QuoteRow("Vladimir Poutine", "Dégradées", "rts", 12, 21, True),
        QuoteRow("Rex Tillerson", "dégradées", "france24", 500, 509, True),
    ]
    groups = dict(by_speaker(rows))
    assert [(r.article, r.start) for r in groups["Vladimir Poutine"]] == [
        ("france24", 40),
        ("rts", 12),
    ]
    assert len(groups["Rex Tillerson"]) == 1


def test_a_revised_toll_names_the_source_that_revised_it() -> None:
    a = unit("a", 0, "Les inondations ont fait trois morts lundi.", numbers=((3.0, "mort"),))
    b = unit("b", 0, "Le bilan s'est alourdi à quatre morts.", numbers=((4.0, "mort"),))
    b = replace(b, lemmas=b.lemmas | {"alourdir"})  # the lemma of `s'est alourdi`
    found = find_contradictions([a, b], [Link(a.key, b.key, 0.9)], [])
    assert [(c.kind, c.revised_in) for c in found] == [("number", "b")]
    assert [cl.value for cl in found[0].claims] == ["3 morts", "4 morts"]
    c = unit("c", 0, "Les pompiers comptent un mort.", numbers=((1.0, "mort"),))
    found = find_contradictions([a, c], [Link(a.key, c.key, 0.9)], [])
    assert [(x.revised_in, [cl.value for cl in x.claims]) for x in found] == [
        (None, ["3 morts", "1 mort"])
    ]
