"""Noun-phrase and name helpers for :mod:`recoupe.annotate.speakers`.

Text-level pieces the speaker resolver builds on: the noun phrase a subject
heads (:func:`noun_phrase`), the short role phrase shown as a speaker
(:func:`short_phrase`), the antecedent of a subject ``qui``
(:func:`relative_antecedent`), whether a name is a prepositional complement
(:func:`after_preposition`), grammatical gender of a phrase and name runs for
pipelines without NER.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from typing import Protocol, TypeVar

from spacy.tokens import Doc, Span, Token

from ..text import strip_accents
from .speaker_genders import PRONOUN_GENDER
from .speech import (
    ORG_NOUNS,
    PERSON_NOUNS,
    SOURCE_DOC_NOUNS,
    STATE_NOUNS,
    is_media,
    media_kind,
    wordset,
)

DET_LIKE: frozenset[str] = wordset(
    "le la l' l’ les son sa ses leur leurs un une au aux du des ce cet cette the his her its their a an"
)


def norm(text: str) -> str:
    """Lowercase, accent-free form used to compare role words."""
    return strip_accents(text.lower())


@dataclass(frozen=True)
class Speaker:
    """Who a cue's subject refers to, and where that subject is in the doc."""

    name: str | None
    span: tuple[int, int] | None
    gender: str | None = None
    named: bool = False


def pronoun_gender(token: Token) -> tuple[bool, str | None]:
    """(is a third-person personal pronoun, its gender)."""
    low = token.lower_.lstrip("-")
    if low in PRONOUN_GENDER:
        return True, PRONOUN_GENDER[low]
    return False, None


MARKS = frozenset('«»“”„"‹›')
DEMONSTRATIVE: frozenset[str] = frozenset({"cet", "cette", "ce"})
LATTER: frozenset[str] = frozenset({"dernier", "dernière"})  # ``ce dernier``: the latter
DEFINITE: frozenset[str] = frozenset({"le", "la", "l'", "l’"}) | DEMONSTRATIVE
CUT_WORDS: frozenset[str] = frozenset({"qui", "que", "qu'", "dont", "où", ","})


def lemma_norm(token: Token) -> str:
    """:func:`norm` of the token's lemma (its text when the pipeline has no lemmas)."""
    return norm(token.lemma_ or token.text)


PERSON_NORMS: frozenset[str] = frozenset(norm(w) for w in PERSON_NOUNS)
DOC_NORMS: frozenset[str] = frozenset(norm(w) for w in SOURCE_DOC_NOUNS)
MEDIA_NOUN_KINDS: dict[str, str] = {
    **dict.fromkeys(("radio", "station"), "radio"),
    "chaine": "tv",
    **dict.fromkeys(
        ("quotidien", "hebdomadaire", "mensuel", "journal", "magazine", "tabloid"), "print"
    ),
    **dict.fromkeys(("site", "media"), ""),
}
"""Nouns that call back a news outlet (``détaille le quotidien``), with the kind of outlet
they name (:func:`~.speech.media_kind`; empty: any)."""


def latest_outlet(doc: Doc, pos: int, noun: str) -> Span | None:
    """The last entity before character ``pos`` naming a news outlet that ``noun`` may call
    back (``le quotidien`` -> ``Le Parisien``, not ``RTL``)."""
    kind = MEDIA_NOUN_KINDS[noun]
    found = None
    for ent in doc.ents:
        if ent.end_char > pos:
            break
        if is_media(ent.text) and (not kind or media_kind(ent.text) == kind):
            found = ent
    return found


ORG_NORMS: frozenset[str] = frozenset(norm(w) for w in ORG_NOUNS)
STATE_NORMS: frozenset[str] = frozenset(norm(w) for w in STATE_NOUNS)


def relative_antecedent(token: Token) -> Token | None:
    """``X, qui se dit favorable …``: the noun a subject ``qui``/``who`` stands for."""
    if token.lower_ not in ("qui", "who") or not token.doc.has_annotation("DEP"):
        return None
    clause = token.head
    if (
        clause.dep_ == "acl:relcl"
        and clause.head.i < token.i
        and clause.head.pos_ in ("NOUN", "PROPN", "PRON")
    ):
        return past_light_noun(clause.head, token.i)
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == ",":
        before = doc[token.i - 2]
        if before.pos_ in ("PROPN", "NOUN") or before.ent_type_ in ("PER", "PERSON", "ORG"):
            return before
    return None


def partitive(token: Token) -> Span | None:
    """``l'un d'eux``, ``l'une des victimes``, ``un de ses proches``: one unnamed member of
    a group of people, a speaker of its own. None for a group of things (``l'un des
    ouvrages``) and when a name follows in apposition (``l'un des responsables de
    l'enquête, Paul Ridley``: the name's rules apply). French only."""
    if token.lower_ not in ("un", "une") or token.pos_ != "PRON" or token.doc.lang_ != "fr":
        return None
    group = next((c for c in token.children if c.dep_ == "nmod" and c.i > token.i), None)
    if group is None or not any(c.lower_ in ("d'", "de", "des", "d’") for c in group.children):
        return None
    head = lemma_norm(group)
    if group.pos_ != "PRON" and head not in PERSON_NORMS and not is_agent_noun(head):
        return None
    doc = token.doc
    after = group.right_edge.i + 1
    if (
        after + 1 < len(doc)
        and doc[after].text == ","
        and doc[after + 1].ent_type_ in ("PER", "PERSON")
    ):
        return None
    start = token.i - 1 if token.i > 0 and doc[token.i - 1].lower_ in ("l'", "l’") else token.i
    return doc[start : group.i + 1]


def past_light_noun(noun: Token, before: int) -> Token:
    """``de la part de la chaîne qui a déclaré``: the relative tied to ``part`` / ``côté`` stands
    for the noun those hold (``chaîne``)."""
    if noun.lower_ not in _LIGHT_NOUNS:
        return noun
    held = [c for c in noun.children if c.dep_.startswith("nmod") and c.i < before]
    return held[-1] if held else noun


_LIGHT_NOUNS: frozenset[str] = frozenset({"part", "côté"})

PREPOSITIONS: frozenset[str] = wordset("de d' d’ du des à au aux par pour avec chez contre")


def after_preposition(ent: Span) -> bool:
    """``l'avocat de Jonathann``, ``une conseillère d'Emmanuel Macron``, ``de la République
    de Metz`` (a place the recogniser read as a person): the name is the complement of a
    preposition, not in apposition to the role before it."""
    if ent.start == 0 or ent.doc.lang_ != "fr":
        return False
    prev = ent.doc[ent.start - 1]
    if prev.pos_ == "DET" and prev.lower_ in _ARTICLES and ent.start > 1:
        prev = ent.doc[ent.start - 2]  # ``le procureur de la République de Metz``
    return prev.pos_ == "ADP" or prev.lower_ in PREPOSITIONS


_ARTICLES: frozenset[str] = frozenset({"le", "la", "l'", "l’", "les"})


AGENT_SUFFIXES: tuple[str, ...] = (
    "eur",
    "euse",
    "rice",
    "iste",
    "ete",
    "ant",
    "ante",
    "ologue",
    "iatre",
)
"""Endings of French agent nouns (``syndicaliste``, ``interprète``, ``chroniqueur``,
``l'archéologue``, ``le psychiatre``); ``-ien`` is left out (``le quotidien`` is a
newspaper)."""


def is_agent_noun(word: str) -> bool:
    """A noun that names a person by role: a listed person noun or an agent-noun ending.

    ``word`` is normalised (:func:`norm`)."""
    return word in PERSON_NORMS or (len(word) > 5 and word.endswith(AGENT_SUFFIXES))


def nominalised(token: Token) -> bool:
    """A participle or adjective used as a noun (``cet habitué``, ``l'intéressée``)."""
    return token.pos_ in ("VERB", "ADJ") and any(
        c.dep_ == "det" and c.i < token.i for c in token.children
    )


def name_like(text: str) -> bool:
    """An entity text that can be a name: capitalised, no quotation marks."""
    return text[:1].isupper() and not any(c in MARKS for c in text)


def short_phrase(np: Span, head: Token, limit: int) -> Span:
    """The role phrase up to a comma, relative pronoun or non-``de`` preposition, ``limit`` words."""
    doc = np.doc
    end = np.end
    for tok in np:
        if tok.i > head.i and (
            tok.lower_ in CUT_WORDS
            or tok.text in MARKS
            or tok.pos_ in ("VERB", "AUX")
            or (tok.pos_ == "ADP" and lemma_norm(tok) not in ("de", "du", "des"))
        ):
            end = tok.i
            break
    end = min(end, max(np.start + limit, head.i + 1))
    while end - 1 > head.i and (
        doc[end - 1].pos_ in ("ADP", "DET", "CCONJ", "PUNCT") or doc[end - 1].is_punct
    ):
        end -= 1
    return doc[np.start : end]


def compatible(want: str | None, have: str | None) -> bool:
    return want is None or have is None or want == have


def clean_name(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def noun_phrase(token: Token) -> Span:
    """The noun phrase headed by ``token``: determiners, adjectives, ``de`` complements."""
    doc = token.doc
    keep = [token]
    for child in token.children if doc.has_annotation("DEP") else ():
        if child.dep_ in ("det", "amod", "nmod", "compound", "flat", "flat:name", "nummod", "poss"):
            keep.extend(child.subtree)
    if not token.dep_ and not token.pos_:
        keep.extend(t for t in doc[max(token.i - 2, 0) : token.i] if t.lower_ in DET_LIKE)
    start = min(t.i for t in keep)
    end = max(t.i for t in keep) + 1
    while end - 1 > token.i and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end]


EPICENE_ENDINGS: tuple[str, ...] = ("iste", "istes", "aire", "aires", "logue", "logues")
EPICENE: frozenset[str] = wordset(
    "ministre juge membre porte-parole responsable collègue interprète"
)
"""French role nouns of both genders (``l'artiste``, ``le/la ministre``): the tagger's
gender on the noun itself is a guess, only a determiner or adjective tells."""


def np_gender(np: Span) -> str | None:
    for tok in np:
        if tok.pos_ == "NOUN" and (tok.lower_ in EPICENE or tok.lower_.endswith(EPICENE_ENDINGS)):
            continue
        if tok.pos_ in ("DET", "NOUN") and tok.lower_ not in (
            "son",
            "sa",
            "ses",
            "leur",
            "l'",
            "l’",
        ):
            gender = tok.morph.get("Gender", [])
            if gender:
                return str(gender[0])
    return None


NOT_NAMES: frozenset[str] = wordset(
    "the a an this that these those he she it they we i you but and or if in on at for "
    "mr mrs ms dr le la les un une il elle ils elles"
)


def name_runs(doc: Doc) -> list[Span]:
    """Runs of two or more capitalised words, as PERSON spans, when no NER ran."""
    runs: list[Span] = []
    i = 0
    while i < len(doc):
        j = i
        while (
            j < len(doc)
            and doc[j].is_title
            and doc[j].is_alpha
            and doc[j].lower_ not in NOT_NAMES
            and not doc[j].is_stop
        ):
            j += 1
        if j - i >= 2:
            runs.append(Span(doc, i, j, label="PERSON"))
        i = max(j, i + 1)
    return runs


def institution(token: Token) -> str | None:
    """French: ``"org"`` for a noun naming an organisation (``le syndicat``), ``"state"`` for
    a public body or office (``le ministère des Armées``, ``la mairie``), else None."""
    if token.doc.lang_ != "fr":
        return None
    words = {norm(token.text), lemma_norm(token)}
    if words & STATE_NORMS:
        return "state"
    return "org" if words & ORG_NORMS else None


def merged_name(token: Token, ent_of: Mapping[int, Span]) -> Span | None:
    """``Le ministre de l'Économie Bruno Le Maire``: the person named in apposition to a role
    noun when the recogniser glued the name to the role's complement (one ORG/LOC/MISC
    entity ``Économie Bruno Le Maire``). The parse still hangs the first name from the role
    noun (``appos``); the name runs from there to the entity's end, every word capitalised
    but particles (``Le``, ``de``). Returned as a PER span."""
    doc = token.doc
    if doc.lang_ != "fr":
        return None
    for child in token.children:
        if child.dep_ != "appos" or child.pos_ != "PROPN" or child.i <= token.i:
            continue
        ent = ent_of.get(child.i)
        if ent is None or ent.label_ in ("PER", "PERSON") or ent.start >= child.i:
            continue
        name = doc[child.i : ent.end]
        if not 2 <= len(name) <= 4 or not name[-1].text[:1].isupper():
            continue
        if all(t.text[:1].isupper() or t.lower_ in _PARTICLES for t in name):
            return Span(doc, name.start, name.end, label="PER")
    return None


_PARTICLES: frozenset[str] = frozenset({"de", "du", "d'", "la", "le", "van", "von", "ben"})


class _Named(Protocol):
    @property
    def name(self) -> str | None: ...


_S = TypeVar("_S", bound=_Named)


def last_other(
    history: Sequence[tuple[int, _S]], pos: int, persons: Set[str], limit: int
) -> _S | None:
    """The last speaker of ``history`` (``(char, speaker)`` pairs) at most ``limit`` chars
    before ``pos`` whose name is not one of ``persons``: an organisation."""
    for at, spk in reversed(history):
        if pos - at > limit:
            return None
        if at <= pos and spk.name not in persons:
            return spk
    return None


def clitic_subject(verb: Token) -> Token | None:
    """``a-t-il d'abord précisé``, ``a-t-elle encore ajouté``: the inverted clitic of the
    verb's auxiliary, found on the words however the parser attached them."""
    doc = verb.doc
    i = verb.i - 1
    while i > verb.i - 5 and i > 0 and (doc[i].pos_ == "ADV" or doc[i].lower_ in ("d'", "d’")):
        i -= 1
    if i > 0 and doc[i].pos_ in ("NOUN", "ADJ") and doc[i - 1].lower_ in _LOCUTION_PREPS:
        i -= 2  # ``a-t-il en revanche estimé``, ``a-t-elle par ailleurs ajouté``
    tok = doc[i]
    low = tok.lower_.lstrip("-")
    if (
        low not in PRONOUN_GENDER
        or i < 2
        or not (tok.text.startswith("-") or doc[i - 1].text in ("-", "-t"))
    ):
        return None
    aux = doc[i - 1] if doc[i - 1].lower_ not in ("-t", "-", "t") else doc[i - 2]
    return tok if aux.pos_ == "AUX" or aux.lower_ in ("a", "avait", "aurait", "est") else None


_LOCUTION_PREPS: frozenset[str] = frozenset({"en", "par", "de", "d'", "d’", "à", "au", "pour"})


GROUP_WORDS: frozenset[str] = wordset("a has had have was is ont avait n' ne -t - s' se")
"""Auxiliaries and clitics of a verb group (``n'a``, ``s'est``, ``a-t-il``)."""
OBJECT_CLITICS: frozenset[str] = wordset(
    "lui leur l' l’ le la les m' m’ me t' t’ te nous vous y en"
)
"""French object pronouns before the verb (``lui a répondu X``, ``l'a coupé X``)."""


def object_clitic(tok: Token) -> bool:
    """A French object pronoun right before its verb group: ``lui`` in ``« … », lui a
    répondu la ministre``, which the parser often takes for the subject."""
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return (
        doc.lang_ == "fr"
        and tok.pos_ == "PRON"
        and tok.text[:1].islower()
        and tok.lower_ in OBJECT_CLITICS
        and nxt is not None
        and (nxt.pos_ in ("AUX", "VERB") or nxt.lower_ in GROUP_WORDS)
    )


def incise_clitic(doc: Doc, i: int) -> bool:
    """Token ``i`` is an object pronoun opening an incise (after a comma, a quote mark or
    the sentence start): part of the verb group that follows."""
    if not object_clitic(doc[i]):
        return False
    return i == doc[i].sent.start or doc[i - 1].is_punct or doc[i - 1].text in MARKS


def before_clitic(doc: Doc, i: int) -> bool:
    """``t`` of ``a-t-il`` split off, or written apart (``clame t-elle``)."""
    return doc[i - 1].text in ("-", "‑") or (i + 1 < len(doc) and doc[i + 1].text[:1] == "-")


def adjectival(tok: Token) -> bool:
    """A past participle used as an adjective after the verb (``a expliqué ému``)."""
    return "Part" in tok.morph.get("VerbForm", []) and "Pres" not in tok.morph.get("Tense", [])


def same_name(doc: Doc, i: int) -> bool:
    """Token ``i`` continues the name or noun phrase before it (``France Info``, ``micro de``)."""
    prev, tok = doc[i - 1], doc[i]
    person = tok.ent_type_ in ("PER", "PERSON")
    if tok.ent_iob_ == "B" and person and prev.ent_type_ != tok.ent_type_:
        return False  # ``a déclaré à l'AFP Mira Acharya``: a person after the outlet
    inside = tok.ent_iob_ == "I" and tok.ent_type_ != "MISC"
    return inside or (prev.pos_ == "PROPN" and tok.pos_ == "PROPN")


def finite(tok: Token) -> bool:
    """A finite verb or auxiliary (``a``, ``déclare``), from the morphology."""
    return tok.pos_ in ("VERB", "AUX") and "Fin" in tok.morph.get("VerbForm", [])


SPEAKING_PLACES: frozenset[str] = frozenset(
    {"elysee", "etat", "matignon", "bercy", "beauvau", "kremlin", "maison-blanche", "pentagone"}
)
"""Places that stand for the institution seated there (``a indiqué l'Élysée``)."""
ANONYMOUS_NORMS: frozenset[str] = frozenset({"source", "proche", "entourage"})
"""Heads of phrases that hide a speaker (``la source proche de l'enquête``): never an
earlier named speaker."""


def capitalised_name(token: Token, ent: Span) -> bool:
    """A name the tagger read as a common noun: ``l'ARS confie``, ``relève Santé publique
    France`` (an acronym, or a capital inside the sentence opening an entity that is not a
    place)."""
    if token.i != ent.start or not token.text[:1].isupper():
        return False
    if token.text.isupper() and len(token.text) > 1:
        return True
    place = ent.label_ == "LOC" and norm(ent.text) not in SPEAKING_PLACES  # not ``le Normand``
    return not place and token.i != token.sent.start


def np_children(token: Token) -> list[Token]:
    """Children of a role noun, and those of a noun in apposition to it: ``le
    procureur-adjoint Étienne Thieffry`` parses the name under ``adjoint``."""
    children = list(token.children)
    for child in list(children):
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.i > token.i:
            children += [g for g in child.children if g.dep_ == "flat:name" and g.i > child.i]
    return children


def main_subject(ent: Span) -> bool:
    """The name is a subject outside relative and complement clauses (``que le président X
    lui a demandé`` is not)."""
    verb = next((t.head for t in ent if t.dep_.startswith("nsubj")), None)
    return verb is not None and not verb.dep_.startswith(("acl", "ccomp"))
