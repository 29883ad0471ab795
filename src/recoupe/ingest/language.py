"""Language identification with py3langid (ISO 639-1 codes: ``fr``, ``en``)."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

SAMPLE_CHARS = 5000


def detect_language(text: str) -> str:
    """The language code of ``text`` (first few thousand chars), or ``""`` when unknown."""
    sample = text[:SAMPLE_CHARS].strip()
    if not sample:
        return ""
    import py3langid

    lang, _score = py3langid.classify(sample)
    return str(lang)
