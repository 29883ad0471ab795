"""Date expressions: found on real parses, resolved against the publication date."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from recoupe.annotate.dates import DateStage, absolute_date_ranges, annotate_dates, find_dates
from recoupe.model import DATES, Article
from recoupe.pipeline import Pipeline

WED = date(2017, 4, 12)  # the Tillerson visit: a Wednesday
SUN = date(2017, 4, 16)
NEW_YEAR = date(2017, 1, 1)  # a Sunday, for year rollover

Found = list[tuple[str, str, str]]


def _dates(doc: Doc) -> Found:
    return [(s.text, s._.date_value, s._.date_granularity) for s in doc.spans[DATES]]


@pytest.fixture(scope="module")
def dated(fr_doc: Callable[[str], Doc]) -> Callable[[str, date | None], Found]:
    def run(text: str, published: date | None) -> Found:
        doc = fr_doc(text)
        annotate_dates(doc, published)
        return _dates(doc)

    return run


def _value(found: Found, text: str) -> tuple[str, str]:
    hits = [(v, g) for t, v, g in found if t == text]
    assert hits, f"{text!r} not found as a date in {found}"
    return hits[0]


# -- the reference example -------------------------------------------------------------------


def test_rts_example(example_pair: list[Path], nlp_fr: Language) -> None:
    doc = nlp_fr(example_pair[0].read_text(encoding="utf-8"))
    annotate_dates(doc, WED)
    found = _dates(doc)
    assert _value(found, "début février") == ("2017-02", "month")
    assert _value(found, "le 4 avril") == ("2017-04-04", "day")
    assert _value(found, "mardi") == ("2017-04-11", "day")
    assert _value(found, "il y a six ans") == ("2011", "year")
    for span in doc.spans[DATES]:  # offsets point back into the article text
        assert doc.text[span.start_char : span.end_char] == span.text


def test_france24_example(example_pair: list[Path], nlp_fr: Language) -> None:
    text = example_pair[1].read_text(encoding="utf-8")
    doc = nlp_fr(text)
    annotate_dates(doc, WED)
    found = _dates(doc)
    assert _value(found, "mercredi") == ("2017-04-12", "day")
    tweet = [s for s in doc.spans[DATES] if s.text == "12 avril 2017"]
    assert tweet and "@StateDept" in tweet[0].sent.text
    assert tweet[0]._.date_value == "2017-04-12"
    assert _value(found, "12/04/2017") == ("2017-04-12", "day")
    assert not any("24" in t for t, _, _ in found), "Mir 24 is not a date"


# -- absolute dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expr", "published", "expected"),
    [
        ("Il est arrivé le 12 avril 2017 à Moscou.", "le 12 avril 2017", None, "2017-04-12"),
        ("L'attaque du 4 avril a choqué.", "4 avril", WED, "2017-04-04"),
        ("Il a parlé le 4 avril.", "le 4 avril", date(2018, 4, 6), "2018-04-04"),
        ("Il a parlé le 28 décembre.", "le 28 décembre", NEW_YEAR, "2016-12-28"),
        ("La réunion a eu lieu le 20 avril.", "le 20 avril", WED, "2016-04-20"),
        ("Le 3 janvier, la réunion reprend.", "Le 3 janvier", NEW_YEAR, "2017-01-03"),
        ("Il défilera le 1er mai.", "le 1er mai", WED, "2017-05-01"),
        ("Il a défilé le 1er mai.", "le 1er mai", date(2017, 5, 3), "2017-05-01"),
        (
            "Il sera entendu le 6 décembre prochain.",
            "le 6 décembre prochain",
            date(2019, 11, 28),
            "2019-12-06",
        ),
        ("Publié le 4/04/2017 à Paris.", "4/04/2017", None, "2017-04-04"),
        ("Première publication : 12/04/2017", "12/04/2017", None, "2017-04-12"),
        ("Le texte du 03.05.2016 est clair.", "03.05.2016", None, "2016-05-03"),
        ("Il a signé mercredi 12 avril 2017.", "mercredi 12 avril 2017", None, "2017-04-12"),
        ("Tillerson arrived on April 12, 2017 in Moscow.", "April 12, 2017", None, "2017-04-12"),
        ("Tillerson arrived on 12 April 2017.", "12 April 2017", None, "2017-04-12"),
    ],
)
def test_absolute_day(
    dated: Callable[[str, date | None], Found],
    text: str,
    expr: str,
    published: date | None,
    expected: str,
) -> None:
    assert _value(dated(text, published), expr) == (expected, "day")


@pytest.mark.parametrize(
    ("text", "expr", "expected", "granularity"),
    [
        ("Les élections d'avril 2017 approchent.", "avril 2017", "2017-04", "month"),
        ("Il est arrivé en avril 2017.", "en avril 2017", "2017-04", "month"),
        ("Le conflit a commencé en 2011.", "en 2011", "2011", "year"),
        ("Il est ministre depuis 2014.", "depuis 2014", "2014", "year"),
        ("Il est revenu début février 2016.", "début février 2016", "2016-02", "month"),
    ],
)
def test_absolute_month_year(
    dated: Callable[[str, date | None], Found],
    text: str,
    expr: str,
    expected: str,
    granularity: str,
) -> None:
    assert _value(dated(text, None), expr) == (expected, granularity)


# -- weekdays --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expr", "published", "expected"),
    [
        ("Poutine a reçu mercredi Rex Tillerson.", "mercredi", WED, "2017-04-12"),
        ("Les Américains ont critiqué mardi la Russie.", "mardi", WED, "2017-04-11"),
        ("Lundi, les ministres se sont parlé.", "Lundi", WED, "2017-04-10"),
        ("Il a parlé jeudi devant la presse.", "jeudi", WED, "2017-04-06"),
        ("Mardi soir, il a dîné au Kremlin.", "Mardi soir", WED, "2017-04-11"),
        ("Il a parlé ce mercredi.", "ce mercredi", WED, "2017-04-12"),
        ("Il est venu mercredi dernier.", "mercredi dernier", WED, "2017-04-05"),
        ("Il rencontrera Poutine jeudi.", "jeudi", WED, "2017-04-13"),
        ("Il viendra mercredi prochain.", "mercredi prochain", WED, "2017-04-19"),
        ("Dimanche, les Français ont voté.", "Dimanche", SUN, "2017-04-16"),
        ("Samedi, il a manifesté.", "Samedi", SUN, "2017-04-15"),
        ("Lundi, il a manifesté.", "Lundi", SUN, "2017-04-10"),
        ("Vendredi, il a parlé.", "Vendredi", NEW_YEAR, "2016-12-30"),
        ("The officials met on Tuesday.", "on Tuesday", WED, "2017-04-11"),
    ],
)
def test_weekdays(
    dated: Callable[[str, date | None], Found], text: str, expr: str, published: date, expected: str
) -> None:
    assert _value(dated(text, published), expr) == (expected, "day")


def test_weekday_inside_a_name_is_not_a_date(dated: Callable[[str, date | None], Found]) -> None:
    found = dated("Il l'a dit au Journal du Dimanche, puis à Vivement Dimanche.", WED)
    assert found == []


# -- relative expressions --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expr", "published", "expected", "granularity"),
    [
        ("Il est arrivé hier à Moscou.", "hier", WED, "2017-04-11", "day"),
        ("Hier soir, il a parlé.", "Hier soir", NEW_YEAR, "2016-12-31", "day"),
        ("Il parle aujourd'hui au Kremlin.", "aujourd'hui", WED, "2017-04-12", "day"),
        ("Il est arrivé avant-hier.", "avant-hier", WED, "2017-04-10", "day"),
        ("Il partira demain.", "demain", SUN, "2017-04-17", "day"),
        ("Le conflit a éclaté il y a six ans.", "il y a six ans", WED, "2011", "year"),
        ("Il est parti il y a un an.", "il y a un an", NEW_YEAR, "2016", "year"),
        (
            "L'attaque a eu lieu il y a trois jours.",
            "il y a trois jours",
            NEW_YEAR,
            "2016-12-29",
            "day",
        ),
        ("Il a parlé il y a deux semaines.", "il y a deux semaines", WED, "2017-03-29", "day"),
        ("Il l'a dit il y a 3 mois.", "il y a 3 mois", NEW_YEAR, "2016-10", "month"),
        ("L'an dernier, il a perdu.", "L'an dernier", WED, "2016", "year"),
        ("L'année dernière, il a perdu.", "L'année dernière", NEW_YEAR, "2016", "year"),
        ("Le mois dernier, il a gagné.", "Le mois dernier", NEW_YEAR, "2016-12", "month"),
        ("Il est en fonction depuis début février.", "début février", WED, "2017-02", "month"),
        ("Il est parti fin mars.", "fin mars", WED, "2017-03", "month"),
        ("Il est revenu mi-avril.", "mi-avril", WED, "2017-04", "month"),
        ("Il est revenu en février.", "en février", WED, "2017-02", "month"),
        ("Il est revenu en décembre.", "en décembre", NEW_YEAR, "2016-12", "month"),
        ("Il démissionnera début octobre.", "début octobre", date(2017, 6, 27), "2017-10", "month"),
    ],
)
def test_relative(
    dated: Callable[[str, date | None], Found],
    text: str,
    expr: str,
    published: date,
    expected: str,
    granularity: str,
) -> None:
    assert _value(dated(text, published), expr) == (expected, granularity)


@pytest.mark.parametrize(
    "text",
    [
        "Il est arrivé hier, mardi, il y a six ans, début février et le 4 avril.",
        "Il reviendra demain ou l'an prochain.",
    ],
)
def test_relative_skipped_without_publication_date(
    dated: Callable[[str, date | None], Found], text: str
) -> None:
    assert dated(text, None) == []


def test_absolute_kept_without_publication_date(dated: Callable[[str, date | None], Found]) -> None:
    found = dated("Hier, il a rappelé l'attaque du 4 avril 2017 et le 12/04/2017.", None)
    assert [v for _, v, _ in found] == ["2017-04-04", "2017-04-12"]


@pytest.mark.parametrize(
    "text",
    [
        "Il a gouverné pendant six ans.",
        "Il est en prison depuis six ans.",
        "Il est arrivé à 10h05 sur Mir 24.",
        "Il y a 87 morts et deux pays en guerre.",
        "La semaine dernière, il a parlé.",
        "Il y a trois jours de deuil national.",
        "Depuis sept ans, il attend.",
        "La planète Mars est loin, le 31 février n'existe pas.",
        "Il veut un accord de 2 000 euros.",
    ],
)
def test_not_dates(dated: Callable[[str, date | None], Found], text: str) -> None:
    assert dated(text, WED) == []


def test_spans_are_token_aligned_and_do_not_overlap(
    dated: Callable[[str, date | None], Found],
) -> None:
    text = "Mercredi 12 avril 2017, il a rappelé le 4 avril et ce qui s'est passé il y a six ans."
    found = dated(text, WED)
    assert [t for t, _, _ in found] == ["Mercredi 12 avril 2017", "le 4 avril", "il y a six ans"]


def test_datetime_publication_is_accepted(dated: Callable[[str, date | None], Found]) -> None:
    found = dated("Il est arrivé hier.", datetime(2017, 4, 12, 23, 30))  # type: ignore[arg-type]
    assert found == [("hier", "2017-04-11", "day")]


def test_absolute_date_ranges() -> None:
    text = "Le 4 avril, hier, le 12/04/2017, en 2011 et il y a six ans."
    ranges = [text[a:b] for a, b in absolute_date_ranges(text)]
    assert ranges == ["Le 4 avril", "12/04/2017", "en 2011"]


def test_find_dates_on_plain_text() -> None:
    found = find_dates("Il a parlé mardi et le 4 avril.", WED)
    assert [(d.value, d.granularity, d.absolute) for d in found] == [
        ("2017-04-11", "day", False),
        ("2017-04-04", "day", True),
    ]


# -- the stage -------------------------------------------------------------------------------


def test_stage_uses_publication_date(nlp_fr: Language) -> None:
    text = "Poutine a reçu mercredi Rex Tillerson."
    article = Article(id="a", text=text, published=WED, doc=nlp_fr(text))
    stage = DateStage()
    assert (stage.name, stage.requires, stage.provides) == ("dates", ("doc",), ("dates",))
    Pipeline([stage], given=("text", "doc")).run([article])
    assert _dates(article.require_doc()) == [("mercredi", "2017-04-12", "day")]


def test_stage_without_doc_fails_cleanly() -> None:
    result = Pipeline([DateStage()], given=("text", "doc")).run([Article(id="b", text="x")])
    assert [f.stage for f in result.failures] == ["dates"]


# -- real data -------------------------------------------------------------------------------

_WEEKDAY_DATE = re.compile(
    r"^(?:le\s+)?(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+(?:1er|\d{1,2})\s+\w+$",
    re.I,
)
_HAS_WEEKDAY_DATE = re.compile(
    r"(?i)\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+(?:1er|\d{1,2})\s+[a-zéû]+"
)
_WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


@pytest.mark.slow
def test_orangesum_weekday_dates_fall_on_their_weekday(shared_data: Path, nlp_fr: Language) -> None:
    """'samedi 20 octobre' (no year) must resolve to a Saturday: checks the year inference."""
    path = shared_data / "orangesum-fr" / "orangesum_parsed_docs.jsonl.gz"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    agree = total = 0
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for i, line in enumerate(lines):
            if i % 37:
                continue
            row = json.loads(line)
            if not _HAS_WEEKDAY_DATE.search(row["article"][:3000]):
                continue
            doc = nlp_fr(row["article"][:3000])
            annotate_dates(doc, date.fromisoformat(row["date"][:10]))
            for span in doc.spans[DATES]:
                m = _WEEKDAY_DATE.match(span.text)
                if m:
                    total += 1
                    agree += date.fromisoformat(span._.date_value).weekday() == _WEEKDAYS.index(
                        m.group(1).lower()
                    )
            if total >= 80:
                break
    assert total >= 40
    assert agree / total >= 0.9, f"{agree}/{total} weekday+day dates fall on their weekday"
