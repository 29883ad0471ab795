"""French speakers from names the parse misplaces, roles and pronouns whose antecedent is
no parsed subject, on real text (silver review round 10)."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from recoupe.annotate.speaker_phrases import after_preposition

from .conftest import Parse, quote_speakers


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        pytest.param(
            "La piste mécanique se confirme. « L'expert a conclu à la casse du turbo », a "
            "indiqué mercredi 22 juiller à l'AFP le procureur de Valence Alex Perrin.",
            "L'expert a conclu à la casse du turbo",
            "Alex Perrin",
            id="misspelt-month-is-no-name",
        ),
        pytest.param(
            "Une relaxe a été prononcée, alors que le parquet avait requis cinq ans de prison. "
            '"C\'est le plus beau jour de sa vie", a commenté son épouse Dominique Tapie '
            "quelques minutes après la levée de l'audience.",
            "C'est le plus beau jour de sa vie",
            "Dominique Tapie",
            id="name-parsed-as-second-object",
        ),
        pytest.param(
            "Le tribunal a relaxé l'homme d'affaires mardi. « C'est pour nous une immense "
            "satisfaction », a pour sa part commenté son avocat, Me Hervé Temime.",
            "C'est pour nous une immense satisfaction",
            "Hervé Temime",
            id="possessive-locution-in-incise",
        ),
        pytest.param(
            "Le président du groupe PS au Sénat Didier Guillaume a assuré mercredi que le chef "
            "de l'Etat « passera par la primaire ». Le fait que M. Hollande puisse s'en "
            "exonérer, « ce sont des analyses qui ne valent rien », a déclaré sur Radio "
            "Classique et Public Sénat ce proche de François Hollande.",
            "ce sont des analyses qui ne valent rien",
            "Didier Guillaume",
            id="incise-subject-after-coordinated-outlets",
        ),
        pytest.param(
            "Le tribunal correctionnel de Paris a relaxé mardi l'homme d'affaires. Pour le "
            "tribunal, « aucun élément du dossier ne permet d'affirmer » qu'il y a eu fraude.",
            "aucun élément du dossier ne permet d'affirmer",
            "Le tribunal correctionnel de Paris",
            id="pour-an-institution-named-in-full-before",
        ),
        pytest.param(
            "Marlène Schiappa sera candidate. Pour Marlène Schiappa, « voter Cédric Villani, "
            "c'est faire un chèque en blanc ».Sur Twitter, Benjamin Griveaux a remercié la "
            "secrétaire d'État de « mettre son talent au service des Parisiens ».",
            "mettre son talent au service des Parisiens",
            "Benjamin Griveaux",
            id="fragment-subject-in-its-own-sentence",
        ),
        pytest.param(
            "Le maire Jean-Marc Peillex dit être victime de hackers. Selon Le Dauphiné Libéré, "
            "il aurait sollicité le soutien d'En Marche « à titre personnel, sa liste restant "
            "sans étiquette ».",
            "à titre personnel, sa liste restant sans étiquette",
            "Jean-Marc Peillex",
            id="outlet-source-gives-way-to-clause-subject",
        ),
        pytest.param(
            "Face à la polémique, Matignon a fait savoir ce jeudi à Franceinfo que « le "
            "ministre de l'Intérieur a toute la confiance du Premier ministre ».",
            "le ministre de l'Intérieur a toute la confiance du Premier ministre",
            "Matignon",
            id="faire-savoir-que",
        ),
        pytest.param(
            "L'homme a été interpellé mercredi. L'homme de 34 ans est décrit comme une "
            "« petite frappe locale », et est connu de la justice pour trafic de drogue, a fait "
            "savoir une source proche de l'enquête. Le jeune homme est soupçonné d'avoir tiré "
            "sur le serveur. Selon les témoignages des personnes présentes, le client était "
            "mécontent.",
            "petite frappe locale",
            "une source proche de l'enquête",
            id="faire-savoir-incise-not-a-later-selon",
        ),
    ],
)
def test_misplaced_name(fr_doc: Parse, text: str, quote: str, speaker: str) -> None:
    assert quote_speakers(fr_doc, text).get(quote) == speaker


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        pytest.param(
            "Les écoles sont fermées. Et selon Jean-Michel Blanquer, il ne faudrait pas compter "
            "sur un retour en cours avant le mois de mai. Dans les colonnes du Parisien, le "
            "ministre de l'Éducation affirme que « le scénario privilégié est celui d'un "
            "retour en classe le 4 mai ».",
            "le scénario privilégié est celui d'un retour en classe le 4 mai",
            "Jean-Michel Blanquer",
            id="role-after-selon-source",
        ),
        pytest.param(
            "« Si vous êtes deux, vous pouvez vous faire agresser », explique Christian Le "
            "Bivic, de la CFDT. Même son de cloche chez Yann Flecher, infirmier à Lariboisière "
            "et délégué syndical CGT. « Je me suis fait insulter vers 19h dans la rue », "
            "détaille-t-il.",
            "Je me suis fait insulter vers 19h dans la rue",
            "Yann Flecher",
            id="pronoun-after-verbless-sentence",
        ),
        pytest.param(
            "Accouchement imminent ? Un tennisman vend la mèchepar 6MEDIAS En mai dernier, au "
            "moment d'officialiser sa grossesse, Nolwenn Leroy était restée très discrète. « Je "
            "ne veux pas savoir. C'est mon côté breton », avait déclaré dans Le Parisien la star "
            "de 34 ans.",
            "Je ne veux pas savoir. C'est mon côté breton",
            "Nolwenn Leroy",
            id="role-after-name-before-its-verb",
        ),
        pytest.param(
            "L'ancien chef de l'État estime que le patron des Républicains doit s'impliquer "
            "davantage.\n\nIl a beau marteler que « c'est fini », Nicolas Sarkozy reste "
            "toujours présent en coulisses au sein de la droite.",
            "c'est fini",
            "Nicolas Sarkozy",
            id="cataphoric-pronoun",
        ),
        pytest.param(
            "Ils sont nombreux à avoir repris la blouse blanche. La secrétaire d'Etat aux "
            "Anciens combattants Geneviève Darrieussecq, médecin allergologue, n'est pas en "
            "reste, a rapporté mardi Le Figaro. « Je voulais être utile », confie la ministre "
            "de 64 ans.",
            "Je voulais être utile",
            "Geneviève Darrieussecq",
            id="subject-of-a-fact-an-outlet-reports",
        ),
    ],
)
def test_antecedent(fr_doc: Parse, text: str, quote: str, speaker: str) -> None:
    assert quote_speakers(fr_doc, text).get(quote) == speaker


def test_role_of_another_person_stays_unnamed(fr_doc: Parse) -> None:
    """``l'avocat de l'ancien patron de Matignon`` is not the last subject named."""
    text = (
        "Des policiers se sont rendus à l'Assemblée nationale. Penelope Fillon ne disposait "
        "d'aucune adresse de messagerie spécifique à l'Assemblée nationale. La défense a "
        'apporté ses justifications : "De nombreux assistants parlementaires venant de '
        "province ne disposent pas de badge\" a indiqué l'avocat de l'ancien patron de "
        "Matignon au Parisien."
    )
    speaker = quote_speakers(fr_doc, text)[
        "De nombreux assistants parlementaires venant de province ne disposent pas de badge"
    ]
    assert speaker == "l'avocat de l'ancien patron"


def test_place_read_as_a_person_is_a_complement(fr_doc: Parse) -> None:
    """``le procureur de la République de Metz, X``: a person entity the recogniser made of
    ``République de Metz`` follows ``de la``, so it is a complement, not the role's name."""
    doc = fr_doc("Le procureur de la République de Metz, Christian Mercuri, a parlé.")
    start = next(t.i for t in doc if t.text == "République")
    assert after_preposition(Span(doc, start, start + 3, label="PER"))


def test_impersonal_il_is_nobody(fr_doc: Parse) -> None:
    text = (
        "« L'acte n'est pas excusable », a reconnu Sam Tanson. La ville a annoncé une "
        "formation des moniteurs. Il leur est conseillé de ne pas dépasser « les limites "
        "infranchissables » de leur fonction."
    )
    assert quote_speakers(fr_doc, text).get("les limites infranchissables") is None


def test_reflexive_il_is_a_person(fr_doc: Parse) -> None:
    text = (
        "« Oui, situation absurde ! », a tweeté lundi Gérald Darmanin. Il s'est par ailleurs "
        "proposé mardi de « reconsidérer » son cas."
    )
    assert quote_speakers(fr_doc, text).get("reconsidérer") == "Gérald Darmanin"
