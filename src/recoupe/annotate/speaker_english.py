"""English pronoun antecedents for :class:`recoupe.annotate.speakers.SpeakerResolver`.

An English ``he``/``she`` goes to the last speaker heard when no person subject came
after that speaker, else to the last person subject whose gender is known to match
(``Laurin said … "…," she said`` is Laurin's again).
"""

from __future__ import annotations

from spacy.tokens import Span

from .names_en import subject_mention
from .speaker_phrases import Speaker, compatible

RECENT_CHARS = 2000
"""How far back an English pronoun looks for the person it refers to."""


class EnglishAntecedents:
    """The English branch of the resolver's pronoun antecedents (a mixin)."""

    history: list[tuple[int, Speaker]]
    narrated: list[Span]
    known: set[str]
    things: set[str]
    gender_of: dict[str, str]

    def canonical(self, ent: Span) -> str:
        raise NotImplementedError

    def _pronoun_speaker(self, ent: Span, span: tuple[int, int]) -> Speaker:
        raise NotImplementedError

    def _in_reported(self, char: int) -> bool:
        raise NotImplementedError

    def _english_antecedent(
        self, pos: int, gender: str | None, span: tuple[int, int]
    ) -> Speaker | None:
        recent = self._recent_person(pos, gender)
        last = self._last_said(pos, gender)
        if last is not None and (recent is None or last[0] > recent.end_char):
            return Speaker(last[1].name, span, last[1].gender, False)
        return None if recent is None else self._pronoun_speaker(recent, span)

    def _last_said(self, pos: int, gender: str | None) -> tuple[int, Speaker] | None:
        """English: the last speaker heard before ``pos`` (within ``RECENT_CHARS``) when a
        person of compatible gender: ``Laurin said … "…," she said`` is Laurin's again."""
        for at, spk in reversed(self.history):
            if at > pos:
                continue
            if pos - at > RECENT_CHARS or not compatible(gender, spk.gender):
                return None
            person = spk.name in self.known or (
                spk.named and spk.name not in self.things and not str(spk.name).isupper()
            )
            return (at, spk) if person else None
        return None

    def _recent_person(
        self, pos: int, gender: str | None, subjects_only: bool = True
    ) -> Span | None:
        """English: the last person mentioned outside quotes before ``pos`` whose gender is
        known to match, else the last one of unknown gender (within ``RECENT_CHARS``)."""
        unknown: Span | None = None
        for ent in reversed(self.narrated):
            if ent.end_char > pos or (subjects_only and not subject_mention(ent)):
                continue
            if self._in_reported(ent.start_char):
                continue
            if pos - ent.end_char > RECENT_CHARS:
                break
            name = self.canonical(ent)
            have = self.gender_of.get(name)
            if gender is None or have == gender:
                return ent
            if have is None and unknown is None and " " in name:
                unknown = ent
        if unknown is not None or not subjects_only:
            return unknown
        return self._recent_person(pos, gender, False)
