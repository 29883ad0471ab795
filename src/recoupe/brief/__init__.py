"""Story briefs: shared facts, single-source facts, contradictions, quotes, timeline, summary."""

from .align import AlignConfig, Aligner
from .build import build_brief
from .model import Brief

__all__ = ["AlignConfig", "Aligner", "Brief", "build_brief"]
