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


def test_every_data_file_is_declared_as_package_data() -> None:
    """A wheel ships only the files ``[tool.setuptools.package-data]`` names: every fitted
    parameter file, template and asset under ``src/recoupe`` must match one pattern."""
    import tomllib
    from fnmatch import fnmatch
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    patterns = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]["package-data"]["recoupe"]
    package = root / "src" / "recoupe"
    data = [
        p.relative_to(package).as_posix()
        for p in package.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    ]
    assert data, "no data files found"
    missing = [d for d in data if not any(fnmatch(d, pat) for pat in patterns)]
    assert missing == []
