"""The top-level Python API names the engine's functions without loading them eagerly."""

from __future__ import annotations

import pytest

import recoupe


def test_public_api_resolves_to_the_engine() -> None:
    from recoupe.corpus import Corpus
    from recoupe.engine import compare
    from recoupe.store import open_store

    assert recoupe.compare is compare
    assert recoupe.Corpus is Corpus
    assert recoupe.open_store is open_store
    assert set(recoupe.__all__) >= {"compare", "Corpus", "open_store", "RecoupeError"}


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        _ = recoupe.nothing_here
