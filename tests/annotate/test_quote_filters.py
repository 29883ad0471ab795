"""Spans that look like quotes but are not (GUIDE.md), and mark pairing repairs, on real
French sentences with the real spaCy model."""

from __future__ import annotations

from recoupe.annotate.quotes import quote_marks
from recoupe.annotate.speech import is_media

from .conftest import Parse, quote_speakers


def pairs(text: str) -> list[str]:
    return [text[o + 1 : c] for o, c, _ in quote_marks(text)]


# -- mark pairing ----------------------------------------------------------------
def test_stray_closing_mark_is_skipped() -> None:
    text = (
        "Les organisateurs affirment qu'ils ont refusé la fouille des sacs\", explique la radio. "
        'Les débats ont eu lieu dans une atmosphère "parfois pesante", poursuit la radio. '
        '"C\'est ça, la démocratie", a tweeté Stanislas Guérini.'
    )
    assert pairs(text) == ["parfois pesante", "C'est ça, la démocratie"]


def test_quote_runs_over_a_paragraph_break() -> None:
    text = (
        '"Je me suis fait larguer plein de fois.\n\nEt je peux vous assurer que c\'est dur", '
        'a expliqué la chanteuse. Sa méthode : "sortir les pots de glace".'
    )
    assert pairs(text) == [
        "Je me suis fait larguer plein de fois.\n\nEt je peux vous assurer que c'est dur",
        "sortir les pots de glace",
    ]


def test_new_paragraph_opening_again_ends_the_quote() -> None:
    text = "« Premier paragraphe.\n« Second paragraphe », a-t-il dit."
    assert [(text[o + 1 : c], closed) for o, c, closed in quote_marks(text)] == [
        (" Premier paragraphe.", False),
        (" Second paragraphe ", True),
    ]


# -- media outlets -------------------------------------------------------------------
def test_media_names_with_region_or_at_a_line_end() -> None:
    assert is_media("Mediapart")
    assert is_media("France Bleu Loiret")
    assert is_media("Le Midi Libre")
    assert not is_media("Valérie Pécresse")


def test_selon_media_is_no_quote(fr_doc: Parse) -> None:
    found = quote_speakers(
        fr_doc,
        "Un homme a été brièvement placé en garde à vue dimanche, selon Mediapart. "
        "Le chasseur s'est retrouvé face à un sanglier, rapporte Midi Libre.",
    )
    assert found == {}


def test_incise_before_selon_media_keeps_its_own_subject(fr_doc: Parse) -> None:
    found = quote_speakers(
        fr_doc,
        "Jean-Jacques Amouroux nie les faits. « Je n'ai jamais mis les pieds à cet endroit », "
        "a-t-il assuré au juge, selon Le Figaro.",
    )
    assert found["Je n'ai jamais mis les pieds à cet endroit"] == "Jean-Jacques Amouroux"


# -- not quotes by the guide -----------------------------------------------------------
def test_verb_and_infinitive_is_no_quote(fr_doc: Parse) -> None:
    found = quote_speakers(
        fr_doc,
        "Un pompier estime n'avoir pas reçu les bonnes instructions lors de son intervention. "
        "L'homme a assuré devant les policiers être le conseiller du Premier ministre.",
    )
    assert found == {}


def test_fragment_inside_an_infinitive_keeps_the_speaker(fr_doc: Parse) -> None:
    found = quote_speakers(
        fr_doc, "Le chef Arnaud Bloquel assure se nourrir « comme le reste de son équipe »."
    )
    assert found == {"comme le reste de son équipe": "Arnaud Bloquel"}


def test_legal_charge_is_no_quote(fr_doc: Parse) -> None:
    found = quote_speakers(
        fr_doc,
        "Le préfet de police a déposé une plainte pour « apologie du terrorisme ». "
        "Une enquête a été ouverte pour « tentative d'homicide volontaire ».",
    )
    assert found == {}


def test_fragment_after_pour_without_procedure_stays(fr_doc: Parse) -> None:
    found = quote_speakers(
        fr_doc, "Le ministre Gabriel Attal a plaidé pour « une vraie réforme du système »."
    )
    assert "une vraie réforme du système" in found


def test_nickname_is_no_quote(fr_doc: Parse) -> None:
    found = quote_speakers(
        fr_doc,
        "Les fouilles au château de celui qui est surnommé « l'Ogre des Ardennes » "
        "n'ont rien donné.",
    )
    assert found == {}


def test_term_also_written_without_marks_is_no_quote(fr_doc: Parse) -> None:
    found = quote_speakers(
        fr_doc,
        "La police a verbalisé des manifestants se revendiquant des « gilets jaunes ». "
        "Plusieurs dizaines de personnes répondaient à l'appel de gilets jaunes.",
    )
    assert found == {}


def test_term_repeated_inside_a_quote_stays(fr_doc: Parse) -> None:
    found = quote_speakers(
        fr_doc,
        "Gérald Darmanin a dénoncé la « situation absurde » du chef. "
        "« Oui, situation absurde issue d'une règle obsolète ! », a tweeté le ministre.",
    )
    assert found["situation absurde"] == "Gérald Darmanin"


def test_relative_after_de_la_part_de(fr_doc: Parse) -> None:
    found = quote_speakers(
        fr_doc,
        "Même son de cloche de la part de la chaîne qui a déclaré à Gala : "
        "« On fait le planning au jour le jour. »",
    )
    assert found["On fait le planning au jour le jour."] == "la chaîne"
