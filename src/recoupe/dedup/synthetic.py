"""Synthetic wire copies: re-posts of an article with a new headline, edits and typos.

Used to measure near-duplicate recall (``benchmarks/eval_clustering.py``) and
in tests. Every edit is drawn from the ``random.Random`` passed in, so a
seed gives the same copy.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

__all__ = ["EditSpec", "make_wire_copy", "split_sentences"]

_SENTENCE_END = re.compile(r"(?<=[.!?…»\"])\s*(?=[A-ZÀÂÉÈÊÎÔÙÇ«\"])")

_ADDED = (
    "Cet article a été mis à jour avec de nouvelles informations.",
    "Plus d'informations à suivre dans nos prochaines éditions.",
    "Contacté par l'AFP, le ministère n'a pas souhaité faire de commentaire.",
    "Les faits se sont produits en fin de matinée, selon une source proche du dossier.",
)


@dataclass(frozen=True)
class EditSpec:
    """How heavily a copy is edited."""

    drop_share: float = 0.1  # share of sentences removed (at most, at least one if >= 4)
    added: int = 1  # sentences added
    typos_per_1000: float = 2.0  # character typos per 1000 characters
    new_headline: bool = True


def split_sentences(text: str) -> list[str]:
    """Rough sentence split that also cuts OrangeSum's glued ``end.Start``."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _typo(text: str, rng: random.Random) -> str:
    letters = [i for i, ch in enumerate(text) if ch.isalpha()]
    if len(letters) < 2:
        return text
    i = rng.choice(letters[:-1])
    kind = rng.randrange(3)
    if kind == 0:  # swap two neighbours
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if kind == 1:  # drop a letter
        return text[:i] + text[i + 1 :]
    return text[:i] + text[i] + text[i:]  # double a letter


def make_wire_copy(
    title: str, body: str, rng: random.Random, spec: EditSpec | None = None
) -> tuple[str, str]:
    """An edited re-post of ``(title, body)``: returns the new ``(title, body)``."""
    spec = spec or EditSpec()
    sentences = split_sentences(body)
    if len(sentences) >= 4:
        drop = max(1, int(len(sentences) * spec.drop_share))
        for _ in range(drop):
            del sentences[rng.randrange(len(sentences))]
    for _ in range(spec.added):
        sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(_ADDED))
    new_body = " ".join(sentences)
    for _ in range(round(len(new_body) * spec.typos_per_1000 / 1000)):
        new_body = _typo(new_body, rng)
    new_title = title
    if spec.new_headline:
        words = title.split()
        new_title = rng.choice(("INFO AFP - ", "Dernière minute : ", "VIDÉO. ")) + " ".join(
            words[: max(1, len(words) - 2)]
        )
    return new_title, new_body
