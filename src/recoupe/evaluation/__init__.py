"""Evaluation of recoupe's annotators against human gold data.

``recoupe eval quotes`` (:mod:`.report`) and ``recoupe eval ner`` (:mod:`.ner`)
print tables; the data is read from ``$RECOUPE_DATA`` or ``../shared/data``.
"""

from __future__ import annotations

import os
from pathlib import Path


def default_data() -> Path:
    """The evaluation data folder: ``$RECOUPE_DATA``, else ``../shared/data`` beside the checkout."""
    env = os.environ.get("RECOUPE_DATA")
    if env:
        return Path(env)
    for base in (Path.cwd(), Path(__file__).resolve().parents[3]):
        candidate = base.parent / "shared" / "data"
        if candidate.is_dir():
            return candidate
    return Path.cwd().parent / "shared" / "data"
