"""French speaker cues read from inverted subjects, lead roles and narrative infinitives,
on real text (silver review round 7)."""

from __future__ import annotations

import pytest

from .conftest import Parse, quote_speakers


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        pytest.param(
            "Les rats conduisent mieux. « C'était vraiment fou de voir ça », explique à "
            "l'AFP Kelly Lambert, chercheuse à l'université de Richmond.",
            "C'était vraiment fou de voir ça",
            "Kelly Lambert",
            id="person-after-outlet",
        ),
        pytest.param(
            "Kelly Lambert et ses collègues veulent croire à un traitement. « Nous sommes "
            "en retard sur ce sujet », estime la scientifique.",
            "Nous sommes en retard sur ce sujet",
            "Kelly Lambert",
            id="adjective-as-noun",
        ),
        pytest.param(
            "Marine Le Pen a visité le salon de l'Automobile vendredi. « Ils sont au "
            "chômage et cherchent un nouveau travail », a par ailleurs ironisé la "
            "présidente du Rassemblement national.",
            "Ils sont au chômage et cherchent un nouveau travail",
            "Marine Le Pen",
            id="adverbial-locution",
        ),
        pytest.param(
            "Quatre hommes ont été condamnés. « Plus de 50 mètres de la clôture ont été "
            "détruits », a précisé le procureur de la République à Dijon, Éric Mathais, "
            "dans un communiqué.",
            "Plus de 50 mètres de la clôture ont été détruits",
            "Éric Mathais",
            id="name-after-place",
        ),
        pytest.param(
            "Le président de la République a jugé la situation « très préoccupante ».\n\n"
            "La décision a été prise hier, a indiqué le Premier ministre Jean Castex. "
            "« Nous devons agir vite », a déclaré Emmanuel Macron sur TF1.",
            "très préoccupante",
            "Emmanuel Macron",
            id="lead-role-not-another-title",
        ),
        pytest.param(
            "La comédienne Michèle Bernier a évoqué sa mère. « C'était un bijou cette "
            "femme », a-t-elle insisté. Avant de raconter une anecdote qui a fait souffrir "
            "sa mère : « Ils ont commencé à perdre beaucoup d'argent. »",
            "Ils ont commencé à perdre beaucoup d'argent.",
            "Michèle Bernier",
            id="infinitive-after-relative",
        ),
    ],
)
def test_speaker_cue(fr_doc: Parse, text: str, quote: str, speaker: str) -> None:
    assert quote_speakers(fr_doc, text).get(quote) == speaker


def test_incise_resumes_after_apposition(fr_doc: Parse) -> None:
    found = quote_speakers(
        fr_doc,
        '"Pour les cas simples, les remboursements ne posent aucun problème, explique '
        "dans Le Parisien Jean Lenoir, vice-président de la FNAUT. La SNCF joue le jeu. "
        "Nous n'avons pas reçu de doléances.\"",
    )
    assert not any(q.startswith("vice-président") for q in found)


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        pytest.param(
            "L'émission a pris fin samedi. À Nicole Calfan, invitée sur le plateau, Yann Moix "
            "a fait une déclaration plutôt osée : « Je vous ai toujours admirée, vous savez ! »",
            "Je vous ai toujours admirée, vous savez !",
            "Yann Moix",
            id="colon-after-declaration",
        ),
        pytest.param(
            "Sophie Marceau, pour sa part, a accompagné son message de la bande-annonce de son "
            "prochain film et du commentaire suivant : « Un petit aperçu de la prison comme "
            "modèle de réflexion ».",
            "Un petit aperçu de la prison comme modèle de réflexion",
            "Sophie Marceau",
            id="colon-verbless-phrase-bande-annonce",
        ),
        pytest.param(
            "Le député du Val-d'Oise Guillaume Vuilletet a été testé positif. « Je vais bien, "
            "l'épisode fiévreux est derrière nous », a tenu à rassurer Guillaume Vuilletet.",
            "Je vais bien, l'épisode fiévreux est derrière nous",
            "Guillaume Vuilletet",
            id="tenir-a-infinitive-incise",
        ),
        pytest.param(
            "La ministre des Armées Florence Parly a été interrogée. Elle maintenait dans le JDD "
            "que la crise n'aurait « pas d'impact sur le fonctionnement des armées ».",
            "pas d'impact sur le fonctionnement des armées",
            "Florence Parly",
            id="maintenir-que",
        ),
    ],
)
def test_speaker_cue_forms(fr_doc: Parse, text: str, quote: str, speaker: str) -> None:
    assert quote_speakers(fr_doc, text).get(quote) == speaker


def test_colon_after_non_person_clause(fr_doc: Parse) -> None:
    found = quote_speakers(
        fr_doc,
        "Amélie Nothomb voulait devenir actrice. Le sort en a décidé autrement : « J'ai "
        "écrit mon premier roman à dix-sept ans. »",
    )
    assert found.get("J'ai écrit mon premier roman à dix-sept ans.") != "Le sort"
