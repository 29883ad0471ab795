"""recoupe — cross-check news across outlets."""

from __future__ import annotations

from .errors import RecoupeError
from .model import Article

__all__ = ["Article", "RecoupeError", "__version__"]
__version__ = "0.1.0"
