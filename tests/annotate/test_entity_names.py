"""Canonical names: initials, acronyms merged with the one name they spell."""

from __future__ import annotations

from recoupe.annotate.entity_names import initials, is_acronym, resolve_names


def test_initials_skip_particles() -> None:
    assert initials("Génération Écologie") == "GE"
    assert initials("Conseil français du culte musulman") == "CFCM"
    assert initials("Union populaire républicaine") == "UPR"


def test_acronyms_are_short_capitals() -> None:
    assert is_acronym("GE") and is_acronym("CFCM")
    assert not is_acronym("G") and not is_acronym("Macron") and not is_acronym("LE CAIRE")


def test_acronym_takes_the_one_name_it_spells() -> None:
    names = resolve_names(
        [("Génération Écologie", "ORG", 1), ("GE", "ORG", 3), ("Delphine Batho", "PER", 2)]
    )
    assert names[("GE", "ORG")] == "Génération Écologie"
    assert names[("Delphine Batho", "PER")] == "Delphine Batho"


def test_acronym_with_two_candidate_names_stays_itself() -> None:
    names = resolve_names(
        [("Parti socialiste", "ORG", 1), ("Pôle social", "ORG", 1), ("PS", "ORG", 2)]
    )
    assert names[("PS", "ORG")] == "PS"
