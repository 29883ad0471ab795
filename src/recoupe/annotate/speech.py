"""Speech-verb lexicons (French first, English) and cue detection on tokens.

A *cue* is the word that introduces reported speech: a speech or stance verb
(``déclarer``, ``affirmer``, ``prôner``, ``say``, ``warn``…) or a source
preposition (``selon``, ``d'après``, ``according to``). :func:`cue_lemma`
returns the lemma of a speech verb for a token, tolerant of the French
lemmatizer's misses (``estime`` left unlemmatized) and of pipelines without a
lemmatizer or tagger (English falls back to a blank pipeline here).
"""

from __future__ import annotations

import re

from spacy.tokens import Token


def wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a set (lexicons are written as prose)."""
    return frozenset(text.split())


FR_SPEECH_VERBS: frozenset[str] = wordset(
    """
    accuser acquiescer admettre affirmer ajouter alerter analyser annoncer approuver
    argumenter arguer assurer attester avancer avertir avouer blâmer clamer
    commenter concéder conclure condamner confesser confier confirmer conseiller
    considérer constater contester convenir critiquer croire déclarer déplorer
    démentir dénoncer détailler dire écrire égrener enchaîner estimer évoquer
    exhorter exiger expliquer exprimer fustiger glisser indiquer insister
    interroger interpeller juger jurer lancer lâcher marteler menacer mentionner
    minimiser nier noter objecter observer opposer penser plaider poursuivre
    préciser prédire prévenir proclamer promettre proposer protester prôner
    qualifier raconter rappeler réaffirmer réagir reconnaître redire réfuter
    regretter réitérer relever remarquer répéter répliquer répondre reprocher
    résumer revendiquer rétorquer saluer signaler soulever souhaiter souligner
    soutenir suggérer témoigner tonner trancher tweeter twitter vouloir
    appeler demander réclamer craindre espérer s'inquiéter ironiser
    s'étonner s'indigner s'exclamer s'emporter féliciter
    rapporter renchérir nuancer certifier garantir asséner justifier
    s'alarmer s'insurger s'agacer s'offusquer
    rassurer maintenir rajouter
    plaisanter railler tacler révéler souffler soupirer tempérer rectifier abonder
    relater grincer cingler tancer s'amuser s'écrier s'esclaffer
    s'émouvoir s'désoler s'vanter balancer relayer
    """
)
"""French speech and stance verbs (lemmas); ``s'…`` marks reflexive-only use (``s'`` even
before a consonant: ``s'désoler`` is ``se désoler``)."""

FR_REFLEXIVE_ONLY: frozenset[str] = frozenset(
    {
        "interroger",
        "inquiéter",
        "étonner",
        "indigner",
        "exclamer",
        "emporter",
        "interpeller",
        "alarmer",
        "insurger",
        "agacer",
        "offusquer",
        "émouvoir",
        "désoler",
        "vanter",
    }
)
"""Verbs that report speech only in their reflexive use (``s'interroger``)."""

FAIRE_SAVOIR = "faire savoir"
"""The cue of ``X a fait savoir que …``, read on ``savoir`` right after a form of ``faire``."""
FAIRE_VALOIR = "faire valoir"
"""The cue of ``« … », a-t-il fait valoir``, read on ``valoir`` the same way."""
_FAIRE_CUES = frozenset({"savoir", "valoir"})

FR_REPORTING: frozenset[str] = wordset(
    """
    accuser admettre affirmer ajouter annoncer assurer avancer avertir avouer
    concéder conclure confier confirmer considérer constater croire déclarer
    déplorer démentir dire écrire estimer expliquer indiquer insister juger
    jurer lancer marteler nier noter observer penser plaider poursuivre préciser
    prédire prévenir proclamer promettre rappeler réaffirmer reconnaître
    regretter réitérer relever remarquer répéter répliquer répondre résumer
    rétorquer signaler souligner soutenir suggérer témoigner trancher
    craindre espérer inquiéter raconter rapporter garantir certifier renchérir
    rajouter
    """
) | {FAIRE_SAVOIR, FAIRE_VALOIR}
"""French verbs whose ``que`` clause is a reported statement."""

FR_INFINITIVE_REPORTING: frozenset[str] = wordset(
    "affirmer assurer confirmer déclarer dire estimer jurer nier promettre reconnaître répéter"
)
"""French verbs whose infinitive complement is a reported statement (``a dit vouloir``): kept
while attributing, so a quoted fragment inside takes its speaker; not a quote itself."""

FR_SOURCE_PREPS: frozenset[str] = frozenset({"selon", "d'après", "d’après"})

EN_SPEECH_VERBS: dict[str, tuple[str, ...]] = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "write": ("write", "writes", "wrote", "written", "writing"),
    "speak": ("speak", "speaks", "spoke", "spoken", "speaking"),
    "think": ("think", "thinks", "thought", "thinking"),
    "feel": ("feel", "feels", "felt", "feeling"),
    "tweet": ("tweet", "tweets", "tweeted", "tweeting"),
}
"""Irregular English speech verbs with their forms; regular ones are in EN_REGULAR."""

EN_REGULAR: frozenset[str] = wordset(
    """
    add admit acknowledge affirm agree allege announce answer argue assert
    caution charge claim comment complain concede conclude confirm contend
    declare deny describe emphasize emphasise explain insist maintain mention
    note observe point predict promise recall remark repeat reply report
    respond reveal shout state stress suggest testify urge warn wonder ask
    accuse blame call criticize criticise denounce estimate recommend
    """
)

EN_REPORTING: frozenset[str] = wordset(
    """
    say tell write think feel add admit acknowledge affirm agree allege announce
    answer argue assert caution claim concede conclude confirm contend declare
    deny emphasize emphasise explain insist maintain note observe point predict
    promise recall remark repeat reply report respond reveal state stress
    suggest testify warn estimate
    """
)

_FR_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("èrent", "er"),
    ("aient", "er"),
    ("èrent", "er"),
    ("eront", "er"),
    ("erait", "er"),
    ("ées", "er"),
    ("és", "er"),
    ("ée", "er"),
    ("ait", "er"),
    ("ant", "er"),
    ("ons", "er"),
    ("era", "er"),
    ("ent", "er"),
    ("es", "er"),
    ("ez", "er"),
    ("é", "er"),
    ("a", "er"),
    ("e", "er"),
    ("er", "er"),
)


_INVERTED_CLITICS: frozenset[str] = frozenset(
    {"-t", "-il", "-elle", "-ils", "-elles", "-on", "-je", "-nous"}
)


def _en_forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for lemma, irregular in EN_SPEECH_VERBS.items():
        for form in irregular:
            forms[form] = lemma
    for lemma in EN_REGULAR:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        for form in (lemma, lemma + "s", stem + "ed", stem + "ing"):
            forms[form] = lemma
        if lemma.endswith("y"):
            forms[lemma[:-1] + "ies"] = lemma
            forms[lemma[:-1] + "ied"] = lemma
    forms["according"] = "according to"
    return forms


EN_FORMS: dict[str, str] = _en_forms()


def _fr_guess(word: str) -> str | None:
    """Lemma of a French first-group verb form the lemmatizer missed."""
    for suffix, ending in _FR_SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            cand = word[: -len(suffix)] + ending
            if cand in FR_SPEECH_VERBS or "s'" + cand in FR_SPEECH_VERBS:
                return cand
    return None


def _is_reflexive(token: Token) -> bool:
    for child in token.children if token.doc.has_annotation("DEP") else ():
        if child.lower_ in ("se", "s'", "s’", "me", "m'", "m’", "nous", "vous", "te", "t'"):
            return True
    prev = token.doc[token.i - 1] if token.i > 0 else None
    return prev is not None and prev.lower_ in ("se", "s'", "s’")


def _after_quote(token: Token) -> bool:
    """An incise right after a closing mark (``« … ? », interroge X``)."""
    doc = token.doc
    i = token.i - 1
    if i > 0 and doc[i].text == ",":
        i -= 1
    return i >= 0 and doc[i].text in ("»", "”", '"')


def _after_quote_inverted(token: Token) -> bool:
    """``« … » a-t-il interrogé``: the participle of an inverted incise after a closing mark."""
    aux = _auxiliary_before(token)
    return aux is not None and has_inverted_clitic(aux) and _after_quote(aux)


_INVERTED_TEXT = re.compile(r"[-‑](?:t[-‑])?(?:il|elle|ils|elles|on|je|nous)\b", re.IGNORECASE)
_AUX_FORMS: frozenset[str] = wordset(
    "a ont avait avaient aurait auraient aura auront ai as avons avez est sont était étaient"
)


def has_inverted_clitic(token: Token) -> bool:
    """``dit-il``, ``tranche-t-il``, ``ajoute-t-elle`` however the tokenizer cut the clitic."""
    doc = token.doc
    if token.whitespace_ or token.i + 1 >= len(doc):
        return False
    if doc[token.i + 1].lower_ in _INVERTED_CLITICS:
        return True
    tail = "".join(t.text_with_ws for t in doc[token.i + 1 : token.i + 5])
    return _INVERTED_TEXT.match(tail) is not None


def _after_auxiliary(token: Token) -> bool:
    """A past participle the tagger missed (``a tweeté`` tagged X): an auxiliary before it."""
    return _auxiliary_before(token) is not None and token.lower_.endswith(("é", "és", "ée"))


def _auxiliary_before(token: Token) -> Token | None:
    """The auxiliary of ``token``'s verb group, past adverbs and the pieces of an inverted
    clitic (``a encore tweeté``, ``a-t-elle martelé``), or None."""
    doc = token.doc
    i = token.i - 1
    while i >= 0 and token.i - i <= 4 and (doc[i].pos_ == "ADV" or _clitic_piece(doc[i])):
        i -= 1
    return doc[i] if i >= 0 and doc[i].lower_ in _AUX_FORMS else None


def _clitic_piece(tok: Token) -> bool:
    """A piece of an inverted clitic (``-t``, ``-elle``, ``t``)."""
    return tok.text[:1] in "-‑" or tok.lower_ == "t"


def form_lemma(token: Token) -> str | None:
    """Speech-verb lemma read from the word form alone, whatever its tag (``« … », avance X``
    with ``avance`` tagged as a noun)."""
    lemma = token.lemma_.lower() if token.lemma_ else ""
    return lemma if lemma in FR_SPEECH_VERBS else _fr_guess(token.lower_)


def fr_cue_lemma(token: Token) -> str | None:
    """Lemma of a French speech verb for ``token``, else None."""
    if _compound_tail(token):
        return None
    inverted = has_inverted_clitic(token)
    if (
        not inverted
        and token.pos_
        and token.pos_ not in ("VERB", "AUX", "ADJ")
        and not (token.pos_ in ("X", "NOUN", "PROPN") and _after_auxiliary(token))
    ):
        return None
    lemma = token.lemma_.lower() if token.lemma_ else ""
    if lemma in _FAIRE_CUES and token.i > 0 and token.doc[token.i - 1].lemma_ == "faire":
        # ``Matignon a fait savoir que``, ``a fait savoir une source``, ``a-t-il fait valoir``
        return FAIRE_SAVOIR if lemma == "savoir" else FAIRE_VALOIR
    if lemma not in FR_SPEECH_VERBS and ("s'" + lemma) not in FR_SPEECH_VERBS:
        guessed = _fr_guess(token.lower_)
        if guessed is None:
            return None
        lemma = guessed
    if lemma in FR_REFLEXIVE_ONLY or (
        "s'" + lemma in FR_SPEECH_VERBS and lemma not in FR_SPEECH_VERBS
    ):
        incise = _after_quote(token) or _after_quote_inverted(token)
        return lemma if _is_reflexive(token) or incise else None
    if not inverted and token.pos_ == "ADJ" and token.dep_ in ("amod",):
        return lemma if _after_auxiliary(token) else None
    return lemma


def _compound_tail(token: Token) -> bool:
    """The second half of a hyphenated noun the tokenizer split (``bande-annonce``,
    ``porte-parole``): a word glued after ``-`` glued after a word is no verb."""
    doc = token.doc
    if token.i < 2 or doc[token.i - 1].text not in ("-", "‑"):
        return False
    hyphen, before = doc[token.i - 1], doc[token.i - 2]
    return not hyphen.whitespace_ and not before.whitespace_ and before.is_alpha


def en_cue_lemma(token: Token) -> str | None:
    """Lemma of an English speech verb for ``token``, else None."""
    if token.pos_ and token.pos_ not in ("VERB", "AUX"):
        return None
    lemma = EN_FORMS.get(token.lower_)
    if lemma is None or lemma == "according to":
        return None
    return lemma


def cue_lemma(token: Token) -> str | None:
    """Speech-verb lemma of ``token`` in its document's language, else None."""
    if token.doc.lang_ == "en":
        return en_cue_lemma(token)
    return fr_cue_lemma(token)


def is_reporting(lemma: str, lang: str) -> bool:
    """Whether ``lemma``'s ``que``/``that`` clause is a reported statement."""
    return lemma in (EN_REPORTING if lang == "en" else FR_REPORTING)


def source_prep(token: Token) -> str | None:
    """``selon``/``d'après``/``according to`` when ``token`` starts one, else None."""
    low = token.lower_
    doc = token.doc
    if low == "selon":
        return "selon"
    if low in FR_SOURCE_PREPS:
        return "d'après"
    if low in ("d'", "d’") and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "après":
        return "d'après"
    if low == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
        return "according to"
    return None


# -- who can speak --------------------------------------------------------------
PERSON_NOUNS: frozenset[str] = wordset(
    """
    habitant habitante riverain riveraine voisin voisine témoin témoins victime
    porte-parole ministre ministère préfet préfète préfecture sous-préfet maire
    mairie adjoint adjointe élu élue député députée sénateur sénatrice
    président présidente présidence vice-président vice-présidente chef cheffe
    gouvernement exécutif opposition majorité parti syndicat syndicats
    intersyndicale association collectif fédération confédération ong
    police policier policière policiers gendarmerie gendarme gendarmes pompier
    pompiers sapeurs-pompiers secours secouriste sauveteur militaire militaires
    armée état-major commandant général colonel capitaine officier soldat
    procureur procureure parquet juge juges tribunal cour avocat avocate
    enquêteur enquêteurs magistrat magistrate défense accusation
    directeur directrice direction dirigeant dirigeante patron patronne
    responsable responsables secrétaire commissaire conseiller conseillère
    conseil commission délégué déléguée représentant représentante
    ambassadeur ambassadrice ambassade diplomate diplomatie chancelier
    chancelière chancellerie premier roi reine prince princesse pape
    médecin médecins docteur chirurgien infirmier infirmière hôpital
    expert experte experts spécialiste chercheur chercheuse scientifique
    professeur professeure enseignant enseignante étudiant étudiante élève
    entreprise société groupe firme compagnie constructeur opérateur
    fabricant banque institut agence autorité autorités organisation
    organisme office observatoire établissement université école club théâtre musée
    fondateur fondatrice créateur créatrice propriétaire gérant gérante
    employé employée salarié salariée ouvrier ouvrière agriculteur
    agricultrice éleveur commerçant commerçante boulanger restaurateur
    chauffeur conducteur pêcheur chasseur manifestant manifestante
    manifestants gréviste grévistes militant militante activiste candidat
    candidate vainqueur champion championne joueur joueuse entraîneur
    sélectionneur sportif sportive athlète pilote coureur arbitre
    journaliste rédaction éditorialiste chroniqueur chroniqueuse
    animateur animatrice présentateur présentatrice producteur productrice
    production réalisateur réalisatrice acteur actrice comédien comédienne
    chanteur chanteuse artiste musicien musicienne écrivain écrivaine
    auteur autrice romancier romancière photographe
    homme femme garçon fille mère père fils parent parents famille proche
    mari frère sœur soeur
    proches ami amie compagnon compagne épouse époux veuve veuf enfant
    interlocuteur interlocutrice homologue partenaire allié alliés
    source sources observateur observateurs analyste économiste
    politologue sociologue historien historienne avocats citoyen citoyenne
    résident résidente passant passante client cliente usager usagère
    consommateur patient patiente survivant survivante rescapé rescapée
    otage détenu détenue suspect suspecte prévenu prévenue accusé accusée
    plaignant plaignante fidèle fidèles religieux évêque imam rabbin prêtre
    parlementaire eurodéputé eurodéputée édile locataire hôte
    polémiste humoriste comique
    influenceur influenceuse youtubeur youtubeuse blogueur blogueuse tennisman
    rugbyman footballeur footballeuse cycliste nageur nageuse boxeur boxeuse
    golfeur golfeuse adolescent adolescente trentenaire quadragénaire
    quinquagénaire sexagénaire septuagénaire octogénaire nonagénaire
    leader cadre cadres membre membres fonctionnaire agent agents employeur
    maître me dr inspecteur inspectrice contrôleur négociateur médiateur
    dame monsieur madame personne individu jeune adolescent adolescente
    doyen doyenne star vedette figure ténor cofondateur cofondatrice
    pdg p-dg pontife édile chaîne station radio
    """
)
"""Nouns that head a phrase naming a person or a speaking organisation."""

ORG_NOUNS: frozenset[str] = wordset(
    """
    parti syndicat syndicats intersyndicale association collectif fédération
    confédération ong entreprise société groupe firme compagnie banque institut
    agence organisation organisme office observatoire établissement université
    école club hôpital chaîne station radio théâtre musée
    """
)
"""Person nouns of :data:`PERSON_NOUNS` that name an organisation known by its own
name: ``le syndicat`` can refer back to ``la CGT``, never to a person."""

STATE_NOUNS: frozenset[str] = wordset(
    """
    ministère préfecture mairie présidence gouvernement exécutif police
    gendarmerie armée état-major parquet tribunal cour direction conseil
    commission ambassade chancellerie rédaction autorité autorités
    """
)
"""Person nouns that name a public body or an office: ``le gouvernement`` is itself,
or an earlier speaker named with that noun (``le parquet de Bayonne``)."""

SOURCE_DOC_NOUNS: frozenset[str] = wordset(
    """
    bilan communiqué rapport source sources document note déclaration
    courrier lettre message bulletin dépêche compte-rendu décompte chiffres
    estimation estimations information informations témoignage
    """
)
"""Heads of ``selon un bilan/communiqué/rapport … de/par X`` phrases: X is the speaker."""

NON_SPEAKING_SOURCES: frozenset[str] = wordset(
    """
    sondage sondages étude études enquête baromètre classement palmarès
    statistiques données modèle modélisation projection projections
    prévisions calcul calculs simulation signalement signalements chiffre chiffres
    """
)
"""``selon un sondage/une étude`` reports data, not speech: no quote."""

TITLE_NOUNS: frozenset[str] = wordset(
    """
    émission film films série feuilleton chanson chansons album livre livres
    ouvrage roman spectacle pièce documentaire magazine journal site
    application opération plan programme dispositif campagne label collection exposition festival concours jeu
    titre rubrique chronique tournée mouvement parti
    """
)
"""Nouns after which a quoted span is a title or a label, not a quote."""


def _bar_list(text: str) -> frozenset[str]:
    return frozenset(w.strip() for w in text.split("|"))


MEDIA_OUTLETS: frozenset[str] = _bar_list(
    """le point|le monde|le parisien|le figaro|libération|liberation|l'express|l'obs|mediapart
    |bfmtv|bfm tv|bfm|rtl|tf1|france info|franceinfo|europe 1|rmc|lci|m6|france 2|france 3
    |france inter|ouest-france|20 minutes|les echos|le jdd|jdd|closer|paris match|gala|voici
    |le journal de montréal|huffington post|huffpost|le huffpost|bbc|cnn|mashable|new york times
    |washington post|the guardian|le canard enchaîné|valeurs actuelles|marianne|la dépêche
    |le dauphiné libéré|sud ouest|la voix du nord|le progrès|nice-matin|actu.fr|cbc|ctv
    |midi libre|le midi libre|cnews|la rep|le républicain lorrain|l'est républicain|la provence
    |le télégramme|var-matin|corse-matin|l'indépendant|la nouvelle république
    |le courrier picard|centre presse|financial times|le journal du dimanche|public sénat
    |le dauphiné|le bien public|france bleu|la charente libre|sud radio|franceinfo tv
    |france télévisions|radio france|konbini|brut|le huffington post|buzzfeed"""
)
"""News outlets: when they report facts (``selon Le Point``) they are not speakers."""

_REGIONAL_MEDIA = ("france bleu ", "france 3 ")
"""Networks named with their region (``France Bleu Loiret``, ``France 3 Occitanie``)."""


def is_media(name: str) -> bool:
    """Whether ``name`` (``Le Point``, ``les informations de la BBC``) is a news outlet."""
    low = _outlet_key(name)
    for prefix in ("les informations de ", "les informations du ", "des informations de "):
        if low.startswith(prefix):
            low = low[len(prefix) :]
    for det in ("la ", "le ", "l'"):
        if low.startswith(det) and low not in MEDIA_OUTLETS:
            low = low[len(det) :]
    if low.startswith(_REGIONAL_MEDIA):
        return True
    return low in MEDIA_OUTLETS or ("le " + low) in MEDIA_OUTLETS


def _outlet_key(name: str) -> str:
    return " ".join(name.lower().replace("’", "'").split())


_BROADCAST = {
    "radio": _bar_list(
        """rtl|europe 1|rmc|france inter|france info|franceinfo|france bleu|sud radio
        |radio france|france culture|rfi|nrj|fun radio|rtl2|skyrock"""
    ),
    "tv": _bar_list(
        """tf1|bfmtv|bfm tv|bfm|lci|m6|france 2|france 3|france 5|cnews|public sénat|cnn|bbc
        |france télévisions|franceinfo tv|arte|c8|tmc|w9|tf1 info|canal+|euronews|al jazeera"""
    ),
}
_BROADCAST_PREFIXES = {kind: tuple(n + " " for n in names) for kind, names in _BROADCAST.items()}


def media_kind(name: str) -> str:
    """``"radio"``, ``"tv"`` or ``"print"`` (papers, magazines, sites) for a news outlet."""
    low = _outlet_key(name)
    for kind, names in _BROADCAST.items():
        if low in names or low.startswith(_BROADCAST_PREFIXES[kind]):
            return kind
    return "print"
