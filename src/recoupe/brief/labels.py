"""UI strings of the brief, in French and English."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "brief": "Story brief",
        "sources": "Sources",
        "summary": "Summary",
        "shared": "Facts reported by several sources",
        "single": "Facts only one source reports",
        "contradictions": "Contradictions",
        "quotes": "Who said what",
        "timeline": "Timeline",
        "entities": "Entities",
        "none": "none",
        "unknown_speaker": "unattributed",
        "indirect": "reported",
        "copy_of": "copy of",
        "also_in": "also in",
        "rejected": "Rejected inputs",
    },
    "fr": {
        "brief": "Recoupement",
        "sources": "Sources",
        "summary": "Résumé",
        "shared": "Faits rapportés par plusieurs sources",
        "single": "Faits rapportés par une seule source",
        "contradictions": "Contradictions",
        "quotes": "Qui a dit quoi",
        "timeline": "Chronologie",
        "entities": "Entités",
        "none": "aucune",
        "unknown_speaker": "non attribuée",
        "indirect": "discours rapporté",
        "copy_of": "copie de",
        "also_in": "aussi dans",
        "rejected": "Entrées rejetées",
    },
}


def labels(lang: str) -> dict[str, str]:
    return LABELS.get(lang, LABELS["en"])
