"""Cleanup, bylines, titles, tweets and language on hand-written text."""

from __future__ import annotations

from datetime import date

import pytest

from recoupe.ingest import (
    clean_text,
    derive_title,
    detect_language,
    find_embedded_tweets,
    parse_date,
)
from recoupe.ingest.metadata import date_line

BODY = [
    "Le Conseil fédéral a présenté mardi son projet de loi sur l’énergie.",
    "« Nous devons agir vite », a déclaré la ministre devant la presse.",
]


@pytest.mark.parametrize(
    "line",
    [
        ">> Lire aussi : Le Conseil fédéral sous pression",
        "Lire aussi",
        "À lire aussi : la réforme des retraites",
        "Voir aussi",
        "Read more: Swiss energy law explained",
        "agences/tmun",
        "afp/ab",
        "ats/afp",
        "(AFP)",
        "AFP",
        "Reuters",
        "Partager",
        "Tweeter",
        "Nous utilisons des cookies pour améliorer votre expérience. En poursuivant votre navigation, vous acceptez leur utilisation.",
    ],
)
def test_boilerplate_line_is_dropped_and_recorded(line: str) -> None:
    raw = "\n".join([BODY[0], line, BODY[1]])
    cleaned = clean_text(raw)
    assert cleaned.text == "\n".join(BODY)
    assert cleaned.dropped == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Reuters a révélé mardi que la ministre avait rencontré ses homologues.",
        "L'AFP a confirmé l'information dans la soirée.",
        "Voir la vidéo ci-dessous.",
        "Les cookies de Noël se vendent bien cette année en Suisse romande.",
        "Publié le 12 avril 2017, le rapport montre que la situation s'est détériorée.",
        "Le dossier oui/non sera tranché par le peuple.",
    ],
)
def test_content_lines_are_kept(line: str) -> None:
    cleaned = clean_text("\n".join([BODY[0], line]))
    assert cleaned.dropped == []
    assert cleaned.text.endswith(line)


def test_whitespace_is_normalised_but_characters_kept() -> None:
    raw = "  Le\u00a0président   a dit :\t« Non »\u200b.  \r\n\r\n\n\n  Il est parti l’après-midi.\n\n"
    cleaned = clean_text(raw)
    assert cleaned.text == "Le président a dit : « Non ».\nIl est parti l’après-midi."


@pytest.mark.parametrize(
    ("line", "expected", "is_update"),
    [
        ("Première publication : 12/04/2017", date(2017, 4, 12), False),
        ("Publié le 12 avril 2017 à 10h05", date(2017, 4, 12), False),
        ("Mis à jour le 13 avril 2017 à 11h00", date(2017, 4, 13), True),
        ("Published: April 12, 2017", date(2017, 4, 12), False),
        ("Publié le 1er mars 2018 à 08:00, mis à jour le 2 mars", date(2018, 3, 1), False),
        ("Updated: 2017-04-13T10:00:00Z", date(2017, 4, 13), True),
    ],
)
def test_date_lines(line: str, expected: date, is_update: bool) -> None:
    assert date_line(line) == (expected, is_update)
    cleaned = clean_text(f"{BODY[0]}\n{line}")
    assert cleaned.dropped == [line]
    assert (cleaned.updated if is_update else cleaned.published) == expected


def test_publication_date_wins_over_update() -> None:
    raw = "Mis à jour le 14/04/2017\nPublié le 12/04/2017\n" + BODY[0]
    cleaned = clean_text(raw)
    assert (cleaned.published, cleaned.updated) == (date(2017, 4, 12), date(2017, 4, 14))


def test_parse_date_day_first_and_month_first() -> None:
    assert parse_date("le 04/12/2017") == date(2017, 12, 4)
    assert parse_date("on 04/12/2017", day_first=False) == date(2017, 4, 12)
    assert parse_date("le 31 février 2017") is None
    assert parse_date("aucune date ici") is None


def test_titles() -> None:
    assert derive_title("Tillerson à Moscou\nLe texte de l'article.") == "Tillerson à Moscou"
    assert derive_title("Le ministre a parlé. Puis il est parti.\nSuite.") == "Le ministre a parlé"
    long = "Le secrétaire d'État américain Rex Tillerson a rencontré pendant plusieurs heures son homologue russe Sergueï Lavrov à Moscou."
    title = derive_title(long)
    assert title.endswith("…")
    assert len(title) <= 101
    assert long.startswith(title[:-1])
    assert long[len(title) - 1] == " "  # cut at a word boundary


def test_tweet_on_two_lines() -> None:
    text = "Intro.\nWe stand with our allies. https://t.co/AbC123\n— Jane Doe (@janedoe) April 12, 2017"
    [tweet] = find_embedded_tweets(text)
    assert text[tweet["start"] : tweet["end"]] == "We stand with our allies."
    assert tweet["speaker"] == "Jane Doe (@janedoe)"


def test_no_tweet_in_plain_prose() -> None:
    text = "Le compte officiel (@Elysee) a publié un message — sans date ni lien."
    assert find_embedded_tweets(text) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Le ministre des Affaires étrangères a rencontré son homologue russe mercredi à Moscou.",
            "fr",
        ),
        ("The Secretary of State met his Russian counterpart in Moscow on Wednesday.", "en"),
        # headlines py3langid alone reads as Occitan, Catalan, Breton, Romanian
        ('Usine Bosch : "Inquietude grandissante" apres l\'entrevue de Stuttgart', "fr"),
        ("Soldes 2019 : l'enceinte portable Ultimate Ears Megaboom a 89 euros", "fr"),
        ("Mondial 2019 : Revivez Norvege - Angleterre", "fr"),
        ("Apple achete in extremis Drive.ai (conduite autonome)", "fr"),
        # short headlines in other languages keep their language
        ("Merkel kündigt Rücktritt als Parteichefin an", "de"),
        ("El Gobierno aprueba el nuevo presupuesto", "es"),
        ("Trump fires his national security adviser", "en"),
        ("https://news.google.com/__i/rss/rd/articles/CBMifGh0dHBzOi8vd3d3LjIwbWludXRl?oc=5", ""),
    ],
)
def test_language_detection(text: str, lang: str) -> None:
    assert detect_language(text) == lang
