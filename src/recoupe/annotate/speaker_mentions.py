"""Where a person is named, for the French pronoun and role antecedents of
:class:`recoupe.annotate.speakers.SpeakerResolver`.

A pronoun or a role (``détaille-t-il``, ``le ministre de l'Éducation affirme``) goes to the
last person named as a clause subject when that one is newer than the last speaker.
:func:`subject_like` says which mentions count as such a subject: beyond the parsed
subject (and a name in apposition to it), the source of ``selon X`` / ``d'après X``, a
name right before its finite verb the parser attached elsewhere (``…, Nolwenn Leroy
était restée discrète``), and the name a verbless sentence brings in (``Même son de
cloche chez Yann Flecher, infirmier à Lariboisière.``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from ..text import doc_text
from .speaker_phrases import DEFINITE, finite

log = logging.getLogger(__name__)

_ABBREVIATIONS = frozenset({"m", "mme", "mlle", "me", "dr", "pr", "st", "mr", "mrs"})
"""Words a full stop closes without ending the sentence (``M. Trump``), with initials."""
_MARKS = frozenset('«»“”„"')
_SOURCES = frozenset({"selon", "après"})
_STOPS = ".!?\n"
_ROLE_WORDS = 4
_TITLES = frozenset({"m.", "mme", "mlle", "me", "dr", "pr"})


def subject_like(ent: Span) -> bool:
    """The name is (or stands as) the subject of its clause or sentence."""
    if any(c in _MARKS for c in ent.text):
        return False  # ``selon RFI."Je suis``: words glued across a quote mark
    words = list(ent)
    if ent.start > 0 and ent.doc[ent.start - 1].lower_ in _TITLES:
        words.append(ent.doc[ent.start - 1])  # ``M. Trudeau a fait``: the title is the subject
    if any(
        t.dep_.startswith("nsubj") or (t.dep_ == "appos" and t.head.dep_.startswith("nsubj"))
        for t in words
    ):
        return True
    if ent.doc.lang_ != "fr":
        return False
    return (
        _source(ent)
        or _role_subject(ent)
        or _before_finite_verb(ent)
        or _verbless_sentence(ent)
        or _relative(ent)
    )


def role_subjects(doc: Doc, start: int, end: int) -> Iterator[Token]:
    """Singular nouns with a definite or demonstrative determiner that are the subject of
    their clause (``le président des États-Unis était assis``) between the characters
    ``start`` and ``end``, last first: a role that may stand for a person named earlier."""
    for tok in reversed(doc.char_span(start, end, alignment_mode="contract") or []):
        if (
            tok.dep_ in ("nsubj", "nsubj:pass")
            and tok.pos_ == "NOUN"
            and "Plur" not in tok.morph.get("Number", [])
            and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in tok.children)
        ):
            yield tok


def _role_subject(ent: Span) -> bool:
    """``le ministre de l'Economie Bruno Le Maire s'est montré``: the name hangs from the
    role noun that is the subject (the parse may attach it as a name part or a modifier)."""
    for tok in ent:
        head = tok.head
        if (
            tok.dep_ in ("flat:name", "flat", "nmod", "appos")
            and not any(c.dep_ == "case" for c in tok.children)  # not ``de l'Economie``
            and head.i < ent.start
            and head.pos_ == "NOUN"
            and head.dep_.startswith("nsubj")
            and ent.start - head.i <= 6
            and not any(
                t.pos_ in ("VERB", "AUX") or t.text in _MARKS for t in ent.doc[head.i : ent.start]
            )
        ):
            return True
    return False


def _relative(ent: Span) -> bool:
    """``… par un ancien confrère Bruno Masure qui s'est lâché``: the name is the subject of
    the relative clause right after it."""
    doc = ent.doc
    i = ent.end + (ent.end < len(doc) and doc[ent.end].text == ",")  # ``X, qui revendique``
    nxt = doc[i] if i < len(doc) else None
    if nxt is None or nxt.lower_ != "qui" or not nxt.dep_.startswith("nsubj"):
        return False
    before = [t.lower_ for t in doc[max(ent.sent.start, ent.start - 12) : ent.start]]
    ce = next((k for k, w in enumerate(before) if w in ("c'", "c’", "ce")), None)
    # not the focus of a cleft: ``ce n'est pas X qui est responsable``
    return ce is None or not any(w in ("est", "sont", "était") for w in before[ce + 1 :])


def _source(ent: Span) -> bool:
    """``selon Jean-Michel Blanquer``, ``d'après Peter Seewald``, ``Pour le député François
    Ruffin, …`` (a role may stand between the preposition and the name)."""
    doc = ent.doc
    i = ent.start - 1
    while i >= 0 and ent.start - i <= _ROLE_WORDS and doc[i].pos_ in ("DET", "NOUN", "ADJ"):
        i -= 1
    if i < 0:
        return False
    word = doc[i].lower_.lstrip("".join(_MARKS))  # ``"Pour`` glued to a closing mark
    if word in _SOURCES:
        return True
    opens = doc[i].is_sent_start or word != doc[i].lower_ or (i > 0 and doc[i - 1].text == ",")
    closed = ent.end < len(doc) and doc[ent.end].text == ","
    return word == "pour" and bool(opens) and closed


def _before_finite_verb(ent: Span) -> bool:
    """``…, Nolwenn Leroy était restée très discrète``: a name after a comma or at the
    sentence start, right before a finite verb or auxiliary."""
    doc = ent.doc
    if ent.end >= len(doc) or ent.start == 0:
        return False
    before, after = doc[ent.start - 1], doc[ent.end]
    opens = before.text == "," or bool(before.is_sent_start) or bool(ent[0].is_sent_start)
    if after.text == ",":  # ``X, la porte-parole du gouvernement, est partie``
        after = _past_apposition(ent) or after
    while after.lower_ in _CLITICS and after.i + 1 < len(doc):
        after = doc[after.i + 1]  # ``X s'est confié``, ``X n'a pas``, ``X lui a dit``
    return opens and finite(after) and "Plur" not in after.morph.get("Number", [])


def _past_apposition(ent: Span) -> Token | None:
    """The word after a short apposition closed by a comma (``, la porte-parole du
    gouvernement,``), if the apposition holds no verb and no quote mark."""
    doc = ent.doc
    for i in range(ent.end + 1, min(ent.end + _APPOSITION_WORDS, ent.sent.end - 1)):
        tok = doc[i]
        if tok.text == ",":
            return doc[i + 1]
        if finite(tok) or tok.text in _MARKS:
            return None
    return None


_APPOSITION_WORDS = 12
_CLITICS = frozenset({"s'", "s’", "se", "n'", "n’", "ne", "lui", "leur", "y", "en"})


def _verbless_sentence(ent: Span) -> bool:
    """The name is in a sentence (read on the characters) with no finite verb and no
    quote: ``Même son de cloche chez Yann Flecher, délégué syndical CGT.``"""
    doc = ent.doc
    text = doc_text(doc)
    start = sentence_start(text, ent.start_char)
    end = sentence_stop(text, ent.end_char)
    if text[end : end + 1] == "?":
        return False  # ``Pourquoi Maurice Genevoix ?``
    sentence = doc.char_span(start, end, alignment_mode="contract")
    if sentence is None or not len(sentence):
        return False
    return not any(finite(t) or t.text in _MARKS for t in sentence)


def sentence_start(text: str, char: int) -> int:
    """Where the sentence holding ``char`` starts, read on the characters (the parser glues
    ``…au second tour".Sur Twitter, X``)."""
    while char > 0:
        stop = max(text.rfind(c, 0, char) for c in _STOPS)
        if stop < 0 or _sentence_end(text, stop):
            return stop + 1
        char = stop
    return 0


def sentence_stop(text: str, char: int) -> int:
    """Where the sentence holding ``char`` ends (its final stop, or the text's end)."""
    while char < len(text):
        stops = [i for i in (text.find(c, char) for c in _STOPS) if i >= 0]
        if not stops:
            return len(text)
        if _sentence_end(text, min(stops)):
            return min(stops)
        char = min(stops) + 1
    return len(text)


def _sentence_end(text: str, i: int) -> bool:
    """``text[i]`` ends a sentence: a newline, ``!``, ``?``, or a full stop that does not
    close a title or an initial (``M.``, ``Mme.``, ``J.``)."""
    char = text[i]
    if char in "\n!?":
        return True
    if char != ".":
        return False
    word = text[max(text.rfind(" ", 0, i), text.rfind("\n", 0, i)) + 1 : i]
    return not (len(word) == 1 and word.isupper()) and word.lower() not in _ABBREVIATIONS
