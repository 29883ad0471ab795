"""Speaker resolution: from a subject token to a speaker name and mention.

:class:`SpeakerResolver` turns the token found as the subject of a speech cue
into a :class:`Speaker`:

* a named-entity mention -> its canonical name (``ent._.entity`` when the
  entity annotator set it, else the longest PER name in the doc ending with
  the same words, else the entity text);
* a proper noun outside any entity -> its name run;
* a personal pronoun (``il``, ``-t-elle``, ``lui``, ``he``) -> the last named
  speaker or person subject of compatible gender, whichever is newer, or the
  person a still newer role subject stands for (``le président des États-Unis
  était assis …``), else the last person mentioned;
* a role phrase (``son homologue russe``, ``la ministre``) -> the person an
  earlier apposition tied that role to (``son homologue russe Sergueï
  Lavrov``), else the role phrase itself.

Gender comes from titles and determiners before a name (``M.``, ``Mme``,
``le président``, ``la ministre``), a small first-name list, and spaCy's
morphology, in that order.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from ..text import doc_text
from .names_en import (
    is_document_noun,
    learned_genders,
    person_spans,
    skip_title,
)
from .speaker_anaphora import (
    impersonal,
    on_source,
    organisation_subject,
    plural_pronoun,
    plural_subject,
)
from .speaker_english import EnglishAntecedents
from .speaker_genders import GIVEN_NAMES, given_name_gender
from .speaker_lead import person_sibling
from .speaker_mentions import role_subjects, sentence_stop, subject_like
from .speaker_phrases import (
    ANONYMOUS_NORMS,
    DEFINITE,
    DEMONSTRATIVE,
    DOC_NORMS,
    LATTER,
    MARKS,
    MEDIA_NOUN_KINDS,
    PERSON_NORMS,
    Speaker,
    after_preposition,
    capitalised_name,
    clean_name,
    compatible,
    institution,
    is_agent_noun,
    last_other,
    latest_outlet,
    lemma_norm,
    main_subject,
    merged_name,
    name_like,
    name_runs,
    nominalised,
    norm,
    noun_phrase,
    np_children,
    np_gender,
    partitive,
    pronoun_gender,
    relative_antecedent,
    short_phrase,
)
from .speaker_roles import (
    Role,
    apposition_role,
    appositive_name,
    attr_words,
    complement_names,
    former_words,
    fuller_mention,
    gender_near,
    glued_persons,
    latest_role,
    of_person,
    office_conflict,
    parsed_role,
    same_head_names,
    tied_name,
    trailing_role,
)
from .speech import is_media

log = logging.getLogger(__name__)

RELATIVES: frozenset[str] = frozenset({"qui", "lequel", "laquelle", "who", "that", "which"})
SPEAKER_LABELS: frozenset[str] = frozenset({"PER", "PERSON", "ORG", "LOC", "GPE", "NORP", "MISC"})
SPEAKING_LABELS: frozenset[str] = frozenset({"PER", "PERSON", "ORG"})
"""Entity labels that can speak; a place speaks only as a verb's subject (``Moscou a dit``)."""
MAX_ROLE_WORDS = 6
MAX_SOURCE_WORDS = 4
NOT_THIRD_PERSON = frozenset({"je", "j'", "nous", "vous", "on", "i", "we", "you", "-je", "-nous"})
ANAPHORA_CHARS = 700
"""How far back a definite role (``l'ancien député``) looks for the last named speaker."""


class SpeakerResolver(EnglishAntecedents):
    """Resolve subject tokens of one doc to speakers, remembering who spoke."""

    def __init__(
        self,
        doc: Doc,
        quoted: Sequence[tuple[int, int]] = (),
        reported: Sequence[tuple[int, int]] = (),
    ) -> None:
        self.doc = doc
        self.quoted = list(quoted)
        self.reported = list(reported)
        self.ent_of: dict[int, Span] = {}
        ents = list(doc.ents) if doc.has_annotation("ENT_IOB") else name_runs(doc)
        if doc.lang_ == "en":
            ents = person_spans(doc, ents)
        for ent in ents:
            if ent.label_ in SPEAKER_LABELS:
                for i in range(ent.start, ent.end):
                    self.ent_of[i] = ent
        self.persons = [e for e in ents if e.label_ in ("PER", "PERSON") and e.text[:1].isupper()]
        self.things = {clean_name(e.text) for e in ents if e.label_ not in ("PER", "PERSON")}
        self.narrated = [e for e in self.persons if not self._in_quote(e.start_char)]
        self.gender_of: dict[str, str] = {}
        self.roles: list[Role] = []
        self.called: dict[str, Speaker] = {}
        self.history: list[tuple[int, Speaker]] = []
        self.known: set[str] = set()
        for ent in self.persons + glued_persons(ents, self.ent_of):
            self._learn(ent)
        if doc.lang_ == "en":
            learned = learned_genders(doc, self.persons, self.canonical, self._in_quote)
            for name, gender in learned.items():
                self.gender_of.setdefault(name, gender)

    # -- names ---------------------------------------------------------
    def canonical(self, ent: Span) -> str:
        """Canonical name of an entity mention (entity annotator's, else longest match)."""
        name = ent._.entity
        if isinstance(name, str) and name:
            return self._longer(name) if " " not in name else name
        text = clean_name(ent.text)
        if ent.label_ not in ("PER", "PERSON"):
            return text
        words = text.split()
        best = text
        for other in self.persons:
            owords = clean_name(other.text).split()
            if (
                len(owords) > len(words)
                and owords[-len(words) :] == words
                and len(owords) > len(best.split())
            ):
                best = " ".join(owords)
        return best

    def _longer(self, word: str) -> str:
        """``Emma`` -> ``Emma Morano`` when exactly one longer person name holds that word."""
        longer = {
            n
            for n in (clean_name(str(e._.entity or e.text)) for e in self.persons)
            if " " in n and word in n.split()
        }
        return longer.pop() if len(longer) == 1 else word

    def _learn(self, ent: Span) -> None:
        name = self.canonical(ent)
        self.known.add(name)
        gender = gender_near(ent)
        if gender and name not in self.gender_of:
            self.gender_of[name] = gender
        for role in (
            apposition_role(ent, name, self.ent_of),
            trailing_role(ent, name, self.ent_of),
            parsed_role(ent, name),
        ):
            if role is not None:
                self.roles.append(role)

    # -- resolution ----------------------------------------------------
    def resolve(self, token: Token) -> Speaker | None:
        """The speaker a subject token refers to (None for first/second person, non-speakers)."""
        if self.doc.lang_ == "en":
            token = skip_title(token)
        sibling = person_sibling(token, self.ent_of)
        if sibling is not None:
            self._role_gender(sibling, token)
            token = sibling
        ent = self.ent_of.get(token.i)
        if ent is not None and not name_like(ent.text):
            ent = None
        capital = ent is not None and capitalised_name(token, ent)
        capital = capital and self._entity_in_np(token) is None
        if ent is not None and (ent.label_ in ("PER", "PERSON") or token.pos_ != "NOUN" or capital):
            person = None if ent.label_ in ("PER", "PERSON") else self._person_in_apposition(token)
            if person is not None:
                return self._named(person)
            if ent.label_ in SPEAKING_LABELS or token.dep_.startswith("nsubj") or capital:
                return self._named(ent)
            if ent.label_ != "MISC":
                return None
        source = on_source(token)
        if source is not None:
            return self.resolve(source)
        is_pron, gender = pronoun_gender(token)
        if is_pron:
            return None if impersonal(token) else self._pronoun(token, gender)
        antecedent = relative_antecedent(token)
        if antecedent is not None:
            return self.resolve(antecedent)
        if token.lower_ in LATTER and token.i > 0 and token.nbor(-1).lower_ in DEMONSTRATIVE:
            return self._latter(token)  # ``a assuré cette dernière``
        if (member := partitive(token)) is not None:
            gender = "Fem" if token.lower_ == "une" else "Masc"
            return Speaker(member.text, (member.start_char, member.end_char), gender, False)
        if token.pos_ == "PRON" or token.lower_ in NOT_THIRD_PERSON:
            return None
        inner = self._entity_in_np(token) or appositive_name(token, self.ent_of)
        if inner is not None:
            return self._named(inner)
        if (split := merged_name(token, self.ent_of)) is not None:
            self._learn(split)
            return self._named(split)
        if self.doc.lang_ == "fr" and token.pos_ == "PROPN" and token.text[:1].islower():
            return self._role(token)  # ``a déclaré le leader insoumis``: a noun tagged PROPN
        if token.pos_ == "PROPN" or (not token.pos_ and token.is_title and not token.is_stop):
            return self._propn(token)
        if (token.pos_ in ("NOUN", "") or nominalised(token)) and token.text[:1].isalpha():
            return self._role(token)
        return None

    def _pronoun(self, token: Token, gender: str | None) -> Speaker | None:
        """French: a plural pronoun takes the last plural subject when that one is named
        (else none: ``les signataires`` are nobody in particular), a pronoun right after an
        organisation subject that organisation (:mod:`.speaker_anaphora`)."""
        if self.doc.lang_ != "fr" or not self.doc.has_annotation("DEP"):
            return self.antecedent(token, gender)
        plural = plural_pronoun(token)
        found = (plural_subject if plural else organisation_subject)(token, gender, self._in_quote)
        if found is None and not plural:
            return self.antecedent(token, gender)
        spk = self.resolve(found) if found is not None else None
        if spk is None or not spk.name or (plural and not spk.named):
            return None
        span = (token.idx + token.text.startswith("-"), token.idx + len(token.text))
        return Speaker(spk.name, span, spk.gender, False)

    def _role_gender(self, name: Token, role: Token) -> None:
        """``La maire de Paris Anne Hidalgo``: the name takes the role's gender."""
        ent = self.ent_of.get(name.i)
        gender = np_gender(noun_phrase(role)) if role.pos_ == "NOUN" else None
        if ent is not None and gender is not None:
            self.gender_of.setdefault(self.canonical(ent), gender)

    def _person_in_apposition(self, token: Token) -> Span | None:
        """English ``One red-state Democrat, Montana Sen. Jon Tester, said``: the person
        named in apposition to a group or place word."""
        if self.doc.lang_ != "en":
            return None
        return self._entity_in_np(token) or appositive_name(token, self.ent_of)

    def _in_quote(self, char: int) -> bool:
        return any(o < char < c for o, c in self.quoted)

    def remember(self, pos: int, speaker: Speaker) -> None:
        """Record a resolved speaker for later pronoun continuations."""
        if not speaker.name or (self.doc.lang_ == "fr" and is_media(speaker.name)):
            return
        if speaker.named or speaker.name in self.known:
            self.history.append((pos, speaker))

    def _named(self, ent: Span) -> Speaker:
        name = self.canonical(ent)
        return Speaker(name, (ent.start_char, ent.end_char), self.gender_of.get(name), True)

    def _propn(self, token: Token) -> Speaker | None:
        start = end = token.i
        while start > token.sent.start and (
            self.doc[start - 1].pos_ == "PROPN" == token.pos_
            or (not token.pos_ and self.doc[start - 1].is_title)
        ):
            start -= 1
        while end + 1 < token.sent.end and (
            (self.doc[end + 1].head.i == token.i and self.doc[end + 1].dep_.startswith("flat"))
            or (not token.pos_ and self.doc[end + 1].is_title)
        ):
            end += 1
        span = self.doc[start : end + 1]
        text = clean_name(span.text)
        if len(span) > MAX_ROLE_WORDS or any(c in MARKS for c in text):
            return None
        for ent in self.persons:
            if clean_name(ent.text).split()[-1:] == text.split()[-1:]:
                return self._named(ent)
        gender = given_name_gender(span[0].text)
        return Speaker(text, (span.start_char, span.end_char), gender, True)

    def antecedent(self, token: Token, gender: str | None) -> Speaker | None:
        """Last named speaker before ``token`` of compatible gender, else the last person
        mentioned outside quotes, else the next person mentioned (in a lead, or in the
        pronoun's sentence)."""
        span = (token.idx + (1 if token.text.startswith("-") else 0), token.idx + len(token.text))
        pos = token.idx
        found = self._english_antecedent(pos, gender, span) if self.doc.lang_ == "en" else None
        if found is not None:
            return found
        said = next(
            (
                (at, s)
                for at, s in reversed(self.history)
                if at <= pos and compatible(gender, s.gender)
            ),
            None,
        )
        subject = self._last_subject(pos, gender)
        newest = max(said[0] if said else -1, subject.start_char if subject else -1)
        role = self._role_subject(newest, pos, gender) if self.doc.lang_ == "fr" else None
        if role is not None:
            return Speaker(role.name, span, role.gender, False)
        if subject is not None and (said is None or subject.start_char > said[0]):
            return self._pronoun_speaker(subject, span)
        if said is not None:
            return Speaker(said[1].name, span, said[1].gender, False)
        for ent in reversed(self.narrated):
            if ent.end_char <= pos and self._fits(ent, gender):
                return self._pronoun_speaker(ent, span)
        lead_end = doc_text(self.doc).find("\n")
        in_lead = pos < lead_end or lead_end < 0 or self.doc.lang_ != "fr"
        end = pos + 400 if in_lead else sentence_stop(doc_text(self.doc), pos)  # ``Il a beau``
        for ent in self.narrated:
            if pos < ent.start_char < end and self._fits(ent, gender):
                return self._pronoun_speaker(ent, span)
        return None

    def _last_subject(self, pos: int, gender: str | None) -> Span | None:
        """French: the last person named as a clause subject outside quotes before ``pos``."""
        for ent in reversed(self.narrated):
            if ent.end_char > pos or not self._fits(ent, gender):
                continue
            if subject_like(ent) and not self._in_reported(ent.start_char):
                return ent
        return None

    def _role_subject(self, after: int, pos: int, gender: str | None) -> Speaker | None:
        """French: the person the last role subject between ``after`` and ``pos`` stands
        for (``le président des États-Unis était assis … "…", a-t-il dit``): the one an
        apposition ties the role to, else :meth:`_role_holder`'s pick."""
        start = max(after + 1, pos - ANAPHORA_CHARS, 0)
        for tok in role_subjects(self.doc, start, pos):
            if self._in_quote(tok.idx) or self._in_reported(tok.idx):
                continue
            head, role_gender = lemma_norm(tok), np_gender(noun_phrase(tok))
            # a person noun, not an incise's subject (``précise l'avocat``), of the pronoun's
            # gender when it has one (``l'humoriste`` may be anyone)
            if not is_agent_noun(head) or tok.i > tok.head.i or gender not in (None, role_gender):
                continue
            spk = self._role(tok, learn=False)  # a probe: nothing learned
            if spk is not None and spk.named and spk.gender == role_gender:
                return spk  # tied by an apposition, not a guess from the last speaker
            ent = self._role_holder(tok, role_gender)
            return None if ent is None else self._named(ent)
        return None

    def _role_holder(self, tok: Token, gender: str | None) -> Span | None:
        """Who an untied role subject stands for: the last person subject known to be of
        its gender before it, else the last such person named, never one its own sentence
        names (``le secrétaire d'État s'en est pris à Eric Ciotti``)."""
        sent, role = tok.sent, lemma_norm(tok)
        own = {self.canonical(e) for e in self.narrated if sent.start <= e.start < sent.end}
        near = [
            e
            for e in reversed(self.narrated)
            if 0 <= tok.idx - e.end_char <= ANAPHORA_CHARS and not self._in_reported(e.start_char)
            if self.gender_of.get(self.canonical(e)) == gender
        ]
        for ent in [e for e in near if subject_like(e)] + near:
            if self.canonical(ent) not in own and self._may_be(self._named(ent), role):
                return ent
        return None

    def _in_reported(self, char: int) -> bool:
        return any(s <= char < e for s, e in self.reported)

    def _latter(self, token: Token) -> Speaker | None:
        """``ce dernier`` / ``cette dernière``: the person of that gender mentioned last."""
        gender = "Fem" if token.lower_ == "dernière" else "Masc"
        start = token.doc[token.i - 1].idx
        ent = self._last_mentioned(start, gender)
        return (
            None
            if ent is None
            else self._pronoun_speaker(ent, (start, token.idx + len(token.text)))
        )

    def _last_mentioned(self, pos: int, gender: str | None) -> Span | None:
        """The last person mentioned outside quotes before ``pos`` (within
        ``ANAPHORA_CHARS``) whose gender fits."""
        for ent in reversed(self.narrated):
            if pos - ent.end_char > ANAPHORA_CHARS:
                break
            if ent.end_char <= pos and self._fits(ent, gender):
                return ent
        return None

    def _fits(self, ent: Span, gender: str | None) -> bool:
        return compatible(gender, self.gender_of.get(self.canonical(ent)))

    def _pronoun_speaker(self, ent: Span, span: tuple[int, int]) -> Speaker:
        name = self.canonical(ent)
        return Speaker(name, span, self.gender_of.get(name), False)

    def _entity_in_np(self, token: Token) -> Span | None:
        """An entity in apposition inside the noun phrase (``le ministre X``)."""
        if not self.doc.has_annotation("DEP"):
            return None
        for child in np_children(token):
            if child.dep_ in ("appos", "flat:name", "nmod", "flat") and child.i > token.i:
                ent = self.ent_of.get(child.i)
                if (
                    ent is not None
                    and ent.label_ in ("PER", "PERSON")
                    and ent.start <= child.i
                    and name_like(ent.text)
                    and not after_preposition(ent)
                ):
                    between = self.doc[token.i + 1 : ent.start]
                    if all(not t.is_punct or t.text in ",-" for t in between) and len(between) <= 6:
                        return ent
        return None

    def _role(self, token: Token, learn: bool = True) -> Speaker | None:
        """A role phrase: the person an apposition or the last speaker ties it to, else itself.

        Only phrases headed by a person/organisation noun (``le porte-parole``,
        ``la préfecture``) or a report noun (``un bilan officiel``) are speakers,
        cut to a few words; ``l'ouverture de …`` is not. With ``learn``, a role
        resolved to an earlier speaker is remembered for the next one with that noun.
        """
        np = noun_phrase(token)
        head = lemma_norm(token).removeprefix("ex-")
        agent = is_agent_noun(head) or is_agent_noun(norm(token.text))
        for tok in np:
            ent = self.ent_of.get(tok.i)
            if (
                ent is not None
                and ent.label_ in ("PER", "PERSON")
                and tok.i > token.i
                and name_like(ent.text)
                and not ((agent or of_person(token)) and after_preposition(ent))
            ):
                return self._named(ent)
        if self.doc.lang_ == "en":
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            if owner is not None and is_document_noun(token):
                return self.resolve(owner)
        person = head in PERSON_NORMS or norm(token.text) in PERSON_NORMS
        noun = token.pos_ in ("NOUN", "PROPN") or nominalised(token)  # ``le golfeur`` as ADJ
        person = person or (agent and self.doc.lang_ == "fr" and noun)
        if np[0].lower_ in DEMONSTRATIVE and np[0].i < token.i and not person:
            earlier = self._anaphora(token.idx, np_gender(np), True)
            span = (np.start_char, np.end_char)
            return Speaker(earlier.name, span, earlier.gender, False) if earlier else None
        if self.doc.lang_ == "fr" and head in MEDIA_NOUN_KINDS and np[0].lower_ in DEFINITE:
            outlet = latest_outlet(self.doc, token.idx, head)  # ``détaille le quotidien``
            if outlet is not None:
                return Speaker(self.canonical(outlet), (np.start_char, np.end_char), None)
        if self.doc.lang_ != "en" and not person and head not in DOC_NORMS:
            return None
        attrs = attr_words([t for t in np if t.i > token.i]) | former_words(np, token)
        np = short_phrase(np, token, MAX_ROLE_WORDS if person else MAX_SOURCE_WORDS)
        span = (np.start_char, np.end_char)
        kind = institution(token)
        if kind is not None:
            return self._institution(token, np, head, not attrs, kind == "org")
        if self.doc.lang_ == "fr" and "Plur" in token.morph.get("Number", []):
            return Speaker(np.text.strip("".join(MARKS) + " "), span, np_gender(np), False)
        gender = np_gender(np)
        role = latest_role(self.roles, head, attrs, token.idx, np[0].lower_)
        if role is not None and compatible(gender, self.gender_of.get(role.name)):
            return Speaker(role.name, span, self.gender_of.get(role.name), True)
        french = self.doc.lang_ == "fr"
        same_head = same_head_names(self.roles, head, attrs, token.idx)
        same_head = {n for n in same_head if compatible(gender, self.gender_of.get(n))}
        if len(same_head) == 1 and np[0].lower_ in DEFINITE:
            name = same_head.pop()
            return Speaker(name, span, self.gender_of.get(name), True)
        if np[0].lower_ in DEFINITE and self.doc.lang_ == "fr" and not attrs:
            org = self._named_source(token.idx, head)
            if org is not None:
                return Speaker(org.name, span, org.gender, False)
        demonstrative = np[0].lower_ in DEMONSTRATIVE
        anonymous = head in ANONYMOUS_NORMS and not demonstrative  # not ``ce proche de X``
        if person and np[0].lower_ in DEFINITE and not anonymous:
            key = "" if attrs or not french else head
            others = (
                complement_names(token, self.ent_of, self.canonical)
                if of_person(token)
                else frozenset()
            )
            earlier = self._anaphora(token.idx, gender, demonstrative, key, others, head)
            if earlier is not None:
                if learn:
                    self.called[head] = earlier
                return Speaker(earlier.name, span, earlier.gender, False)
        return Speaker(np.text.strip("".join(MARKS) + " "), span, gender, False)

    def _institution(self, token: Token, np: Span, head: str, bare: bool, org: bool) -> Speaker:
        """``le ministère des Armées``: itself, or an earlier speaker named with that noun, the
        name an apposition tied to it, an earlier subject with that noun and its complements
        (``Le tribunal correctionnel de Paris``); ``le syndicat`` may be the last
        organisation that spoke (``CGT``); never a person."""
        earlier = self._named_source(token.idx, head) if bare else None
        definite = np[0].lower_ in DEFINITE
        tied = tied_name(self.roles, head, token.idx) if bare and org and definite else None
        fuller = tied or (fuller_mention(token, head) if bare and definite else None)
        earlier = earlier or (Speaker(fuller, None, self.gender_of.get(fuller)) if fuller else None)
        if earlier is None and org and definite:
            earlier = last_other(self.history, token.idx, self.known, ANAPHORA_CHARS)
        name = earlier.name if earlier else np.text.strip("".join(MARKS) + " ")
        gender = earlier.gender if earlier else np_gender(np)
        return Speaker(name, (np.start_char, np.end_char), gender, False)

    def _named_source(self, pos: int, head: str) -> Speaker | None:
        """``le parquet`` -> the earlier speaker ``le parquet de Bayonne`` with that head noun."""
        for at, spk in reversed(self.history):
            words = norm(spk.name or "").replace("'", " ").split()
            if at <= pos and head in words[:3] and len(words) > 1:
                return spk
        return None

    def _may_be(self, spk: Speaker, role: str) -> bool:
        """Whether the person noun ``role`` may refer to an earlier speaker: not the ``ARS``
        that spoke before ``l'édile`` (an organisation), not someone known in another office
        (:func:`~.speaker_roles.office_conflict`)."""
        if office_conflict(self.roles, spk.name or "", role):
            return False
        name = spk.name or ""
        given = name.split()[0].lower() in GIVEN_NAMES if name else False
        return self.doc.lang_ != "fr" or name in self.known or name not in self.things or given

    def _anaphora(
        self,
        pos: int,
        gender: str | None,
        demonstrative: bool,
        head: str = "",
        others: frozenset[str] | None = frozenset(),
        role: str = "",
    ) -> Speaker | None:
        """``l'ancien député`` -> the last named speaker just before, of compatible gender;
        ``l'avocat`` again -> whoever it named last;
        ``cette vieille dame`` -> also the last person mentioned outside quotes.
        ``others``: names the phrase is defined by (``le mari de X``: not X), None when a
        person without a name defines it (``l'avocat de la victime``: not the last subject)."""
        called = self.called.get(head)
        if called is not None and compatible(gender, called.gender):
            return called
        subject = self._last_subject(pos, gender) if self.doc.lang_ == "fr" else None
        for at, spk in reversed(self.history):
            if pos - at > ANAPHORA_CHARS:
                break
            if at > pos or not compatible(gender, spk.gender) or spk.name in (others or ()):
                continue
            if not role or self._may_be(spk, role):
                newer = subject is not None and subject.start_char > at and main_subject(subject)
                return self._named(subject) if newer and subject else spk
        if demonstrative:
            ent = self._last_mentioned(pos, gender)
            return None if ent is None else self._named(ent)
        if subject is None or pos - subject.end_char > ANAPHORA_CHARS or others is None:
            return None
        name = self.canonical(subject)
        conflict = bool(role) and office_conflict(self.roles, name, role)
        return None if name in others or conflict else self._named(subject)
