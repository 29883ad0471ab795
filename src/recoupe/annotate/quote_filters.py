"""French spans that look like quotes but are not, by the annotation guide
(``data/gold/quotes-fr/GUIDE.md``), for :mod:`recoupe.annotate.quotes`.

:func:`not_a_quote` is applied last, after speakers are resolved:

* a reported "clause" that is a verb + infinitive (``a assuré être le conseiller``,
  ``estime n'avoir pas reçu``); the item is still used while attributing, so a
  quoted fragment inside it takes its speaker;
* a quoted name of a legal charge (``une plainte pour « apologie du terrorisme »``,
  ``placé en garde à vue pour « violences volontaires »``);
* a quoted nickname (``celui qui est surnommé « l'Ogre des Ardennes »``);
* a short quoted term the journalist also writes without marks elsewhere in the
  article (``des manifestants se revendiquant des « gilets jaunes »`` … ``l'appel de
  gilets jaunes``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

from ..text import doc_text
from .quote_rules import Item
from .speaker_phrases import lemma_norm
from .speech import wordset

log = logging.getLogger(__name__)

__all__ = ["not_a_quote"]

_CHARGE_CONTEXT: frozenset[str] = wordset(
    """
    plainte enquête garde vue examen information instruction procédure poursuite
    poursuites condamner condamnation poursuivre inculper interpeller arrêter
    juger déférer écrouer incarcérer mettre placer saisir ouvrir renvoyer
    accuser soupçonner verbaliser saisi saisie ouvert ouverte placé placée mis mise
    """
)
"""Words of a legal procedure before ``pour « … »``."""
_NICKNAME_CUES: frozenset[str] = wordset(
    "surnommer surnom surnommé surnommée baptiser dénommer rebaptiser alias"
)
_SKIP_BEFORE_INFINITIVE = frozenset({"ne", "n'", "n’", "pas", "se", "s'", "s’", "en", "y", "le"})
_TERM_WORDS = 4
_CHARGE_WINDOW = 10


def not_a_quote(item: Item, quoted: Sequence[tuple[int, int]]) -> bool:
    """Whether a French item is, by the guide, no quote (see the module docstring).

    ``quoted``: the (open, close) char offsets of the article's quotation-mark pairs."""
    doc = item.span.doc
    if doc.lang_ != "fr" or not doc.has_annotation("POS"):
        return False
    if not item.direct:
        return infinitive_clause(item.span)
    span = item.span
    return legal_charge(span) or nickname(span) or term_used_unquoted(span, quoted)


def infinitive_clause(span: Span) -> bool:
    """``assure être le conseiller`` / ``estime n'avoir pas reçu``: the clause opens on an
    infinitive (after clitics and negation)."""
    for tok in span[:4]:
        if tok.lower_ in _SKIP_BEFORE_INFINITIVE or tok.pos_ in ("ADV", "PRON"):
            continue
        return tok.pos_ in ("VERB", "AUX") and "Inf" in tok.morph.get("VerbForm", [])
    return False


def _before_open(span: Span) -> Token | None:
    """The word before the opening mark."""
    i = span.start - 1
    while i >= 0 and (span.doc[i].is_punct or span.doc[i].is_space):
        i -= 1
    return span.doc[i] if i >= 0 else None


def legal_charge(span: Span) -> bool:
    """``pour « violences volontaires sur personne dépositaire de l'autorité publique »``
    after a word of legal procedure in the same sentence."""
    if not span.text[:1].islower():
        return False
    before = _before_open(span)
    if before is None or before.lower_ not in ("pour", "de"):
        return False
    if before.lower_ == "de" and before.i > 0 and span.doc[before.i - 1].lower_ != "faits":
        return False
    start = max(before.sent.start, before.i - _CHARGE_WINDOW)
    words = span.doc[start : before.i]
    return any(lemma_norm(t) in _CHARGE_CONTEXT or t.lower_ in _CHARGE_CONTEXT for t in words)


def nickname(span: Span) -> bool:
    """``celui qui est surnommé « l'Ogre des Ardennes »``."""
    before = _before_open(span)
    if before is None:
        return False
    return lemma_norm(before) in _NICKNAME_CUES or before.lower_ in _NICKNAME_CUES


def term_used_unquoted(span: Span, quoted: Sequence[tuple[int, int]]) -> bool:
    """A quoted noun phrase of a few words, without a verb, that the article also writes
    without quotation marks (outside every pair of ``quoted``): a term, not somebody's words."""
    words = [t for t in span if t.is_alpha]
    if not 2 <= len(words) <= _TERM_WORDS or any(t.pos_ in ("VERB", "AUX") for t in span):
        return False
    text = doc_text(span.doc)
    pattern = re.compile(r"(?<!\w)" + re.escape(span.text) + r"(?!\w)", re.IGNORECASE)
    for match in pattern.finditer(text):
        if not any(o < match.start() and match.end() <= c + 1 for o, c in quoted):
            log.debug("term written without marks: %r", span.text)
            return True
    return False
