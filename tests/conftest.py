"""Shared fixtures: the real spaCy model, the example pair, the shared data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = SHARED / "examples" / "tillerson-moscow"
DATA = SHARED / "data"


@pytest.fixture(scope="session")
def nlp_fr() -> Language:
    from recoupe.annotate.nlp import load_nlp

    return load_nlp("fr")


@pytest.fixture(scope="session")
def fr_doc(nlp_fr: Language) -> Callable[[str], Doc]:
    """Parse a hand-written French text with the real model."""

    def make(text: str) -> Doc:
        return nlp_fr(text)

    return make


@pytest.fixture(scope="session")
def example_pair() -> list[Path]:
    paths = [EXAMPLES / "rts.txt", EXAMPLES / "france24.txt"]
    if not all(p.exists() for p in paths):
        pytest.skip(f"example pair not found in {EXAMPLES} (../shared is absent)")
    return paths


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not DATA.is_dir():
        pytest.skip(f"evaluation data not found at {DATA} (../shared/data is absent)")
    return DATA
