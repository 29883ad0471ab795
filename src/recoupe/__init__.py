"""recoupe — cross-check news across outlets.

The Python API (imported lazily, so ``import recoupe`` stays cheap)::

    from recoupe import compare, Corpus, open_store
"""

from __future__ import annotations

from typing import Any

from .errors import RecoupeError
from .model import Article

__all__ = ["Article", "Corpus", "RecoupeError", "__version__", "compare", "open_store"]
__version__ = "0.1.0"

_LAZY = {
    "compare": ("recoupe.engine", "compare"),
    "Corpus": ("recoupe.corpus", "Corpus"),
    "open_store": ("recoupe.store", "open_store"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'recoupe' has no attribute {name!r}")
