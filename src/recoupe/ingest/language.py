"""Language identification with py3langid (ISO 639-1 codes: ``fr``, ``en``).

py3langid 0.4 knows 142 languages, among them regional and minority varieties
(Occitan, Aragonese, Walloon, Latin, Nigerian Pidgin, ...) that a short French,
Spanish or English headline often resembles more than its own language does.
News in those varieties is rare, so the identifier only chooses among
:data:`NEWS_LANGUAGES`: py3langid 0.4's languages that langid.py's original
model also had, less those varieties. On a short text (under
:data:`SHORT_CHARS`) French wins when its score is within
:data:`FRENCH_MARGIN` nats of the best one: recoupe is French first, and
headline-only items are where the identifier hesitates.

Measured by ``python benchmarks/eval_language.py`` (errors, py3langid's
default -> this): 6,519 distinct short texts (Google News French titles, NeuS
English headlines, the first line of the SemEval-2022 multilingual articles)
230 -> 70; 4,899 distinct SemEval articles in 10 languages 9 -> 8.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

log = logging.getLogger(__name__)

SAMPLE_CHARS = 5000
SHORT_CHARS = 200
"""Below this many characters a text is short (a title, a teaser)."""
FRENCH_MARGIN = 2.0
"""How far (natural log) French may trail the best language on a short text and still win."""
NO_LANGUAGE = "zxx"
"""py3langid's answer for text without language (a URL, numbers); reported as ``""``."""

# fmt: off
NEWS_LANGUAGES: frozenset[str] = frozenset({
    "af", "am", "ar", "as", "az", "be", "bg", "bn", "bs", "ca", "cs", "cy", "da", "de", "el",
    "en", "es", "et", "eu", "fa", "fi", "fr", "ga", "gl", "gu", "he", "hi", "hr", "hu", "hy",
    "id", "is", "it", "ja", "ka", "kk", "km", "kn", "ko", "lo", "lt", "lv", "mk", "ml", "mn",
    "mr", "ms", "mt", "ne", "nl", "nn", "no", "or", "pa", "pl", "ps", "pt", "ro", "ru", "si",
    "sk", "sl", "sq", "sr", "sv", "sw", "ta", "te", "th", "tl", "tr", "uk", "ur", "vi", "zh",
    "zxx",
})
# fmt: on
"""The languages the identifier chooses among (module docstring)."""


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    known = set(identifier.nb_classes)
    identifier.set_languages(sorted(NEWS_LANGUAGES & known))
    return identifier


def detect_language(text: str) -> str:
    """The language code of ``text`` (first few thousand chars), or ``""`` when unknown."""
    sample = text[:SAMPLE_CHARS].strip()
    if not sample:
        return ""
    identifier = _identifier()
    if len(sample) < SHORT_CHARS:
        ranked = identifier.rank(sample)
        best, score = ranked[0]
        french = next((s for lang, s in ranked if lang == "fr"), None)
        lang = "fr" if french is not None and score - french <= FRENCH_MARGIN else best
    else:
        lang, _score = identifier.classify(sample)
    return "" if lang == NO_LANGUAGE else str(lang)
