"""Render a brief as text, Markdown, JSON or a standalone HTML page."""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Callable

from .labels import labels
from .model import Brief, Fact, QuoteRow
from .quotes import by_speaker

FORMATS = ("text", "markdown", "json", "html")


def ui_language(brief: Brief) -> str:
    langs = Counter(a.language for a in brief.articles)
    return "fr" if langs and langs.most_common(1)[0][0] == "fr" else "en"


def _cite(sources: list[str]) -> str:
    return "[" + ", ".join(sources) + "]"


def _fact_lines(fact: Fact, bullet: str, quote: Callable[[str], str]) -> list[str]:
    lines = [f"{bullet} {fact.text} {_cite(fact.sources)}"]
    if fact.shared:
        lines += [f"    - {ev.article}: {quote(ev.sentence)}" for ev in fact.evidence]
    return lines


def _sections(brief: Brief, lang: str, md: bool) -> list[str]:
    t = labels(lang)

    def head(title: str, n: int | None = None) -> str:
        label = f"{title} ({n})" if n is not None else title
        return f"\n## {label}\n" if md else f"\n{label.upper()}\n{'=' * len(label)}"

    def quote(s: str) -> str:
        return f"“{s}”"

    out = [f"# {t['brief']}" if md else t["brief"].upper()]
    out.append(head(t["sources"], len(brief.articles)))
    for a in brief.articles:
        extra = f" ({t['copy_of']} {a.duplicate_of})" if a.duplicate_of else ""
        out.append(
            f"- [{a.id}] {a.source} — {a.title} — {a.published or '?'} — {a.language}{extra}"
        )
    out.append(head(t["summary"]))
    out += [f"- {s.text} {_cite(s.sources)}" for s in brief.summary]
    for title, facts in (
        (t["shared"], brief.shared_facts),
        (t["single"], brief.single_source_facts),
    ):
        out.append(head(title, len(facts)))
        for i, fact in enumerate(facts, 1):
            out += _fact_lines(fact, f"{i}.", quote)
        if not facts:
            out.append(f"({t['none']})")
    out.append(head(t["contradictions"], len(brief.contradictions)))
    for c in brief.contradictions:
        revised = f" ({t['revised_in']} {c.revised_in})" if c.revised_in else ""
        out.append(f"- {c.about}{revised}:")
        out += [f"    - {cl.article}: {cl.value} — {quote(cl.text)}" for cl in c.claims]
    if not brief.contradictions:
        out.append(f"({t['none']})")
    out.append(head(t["quotes"], len(brief.quotes)))
    for speaker, rows in by_speaker(brief.quotes):
        out.append(f"- {speaker or t['unknown_speaker']}:")
        for q in rows:
            kind = "" if q.direct else f" ({t['indirect']})"
            inferred = f" ({t['inferred']})" if q.inferred else ""
            others = [s for s in q.sources if s != q.article]
            also = f" — {t['also_in']} {', '.join(others)}" if others else ""
            out.append(f"    - « {q.text} »{kind}{inferred} [{q.article}]{also}")
    out.append(head(t["timeline"], len(brief.timeline)))
    out += [f"- {e.date} — {e.text} {_cite(e.sources)}" for e in brief.timeline]
    out.append(head(t["entities"], len(brief.entities)))
    for e in brief.entities:
        counts = ", ".join(f"{k} {v}" for k, v in e.mentions.items())
        out.append(f"- {e.name} ({e.type}): {counts}")
    return out


def render_text(brief: Brief, lang: str | None = None) -> str:
    return "\n".join(_sections(brief, lang or ui_language(brief), md=False)) + "\n"


def render_markdown(brief: Brief, lang: str | None = None) -> str:
    return "\n".join(_sections(brief, lang or ui_language(brief), md=True)) + "\n"


def render_json(brief: Brief) -> str:
    return json.dumps(brief.to_dict(), ensure_ascii=False, indent=2) + "\n"


_PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body{{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}}
h2{{border-bottom:1px solid #ddd;margin-top:2rem}} .src{{color:#666;font-size:.9em}}
li{{margin:.3rem 0}} blockquote{{margin:.2rem 0 .2rem 1rem;color:#444}}
.inferred{{color:#666;font-size:.85em;font-style:italic}}
</style></head><body>
{body}
</body></html>
"""


def render_html(brief: Brief, lang: str | None = None) -> str:
    """A standalone page; every piece of article text is escaped."""
    lang = lang or ui_language(brief)
    t = labels(lang)
    esc = html.escape

    def cite(sources: list[str]) -> str:
        return f' <span class="src">[{esc(", ".join(sources))}]</span>'

    def inferred(q: QuoteRow) -> str:
        return f' <span class="inferred">({esc(t["inferred"])})</span>' if q.inferred else ""

    parts = [f"<h1>{esc(t['brief'])}</h1>", f"<h2>{esc(t['sources'])}</h2><ul>"]
    parts += [
        f"<li><b>{esc(a.id)}</b> — {esc(a.source)} — {esc(a.title)} — {esc(a.published or '?')}</li>"
        for a in brief.articles
    ]
    parts.append(f"</ul><h2>{esc(t['summary'])}</h2><ul>")
    parts += [f"<li>{esc(s.text)}{cite(s.sources)}</li>" for s in brief.summary]
    for title, facts in (
        (t["shared"], brief.shared_facts),
        (t["single"], brief.single_source_facts),
    ):
        parts.append(f"</ul><h2>{esc(title)} ({len(facts)})</h2><ol>")
        for f in facts:
            evidence = "".join(
                f"<blockquote>{esc(ev.article)}: {esc(ev.sentence)}</blockquote>"
                for ev in f.evidence
                if f.shared
            )
            parts.append(f"<li>{esc(f.text)}{cite(f.sources)}{evidence}</li>")
        parts.append("</ol>")
    parts.append(f"<h2>{esc(t['contradictions'])} ({len(brief.contradictions)})</h2><ul>")
    for c in brief.contradictions:
        claims = "".join(
            f"<li>{esc(cl.article)}: <b>{esc(cl.value)}</b> — {esc(cl.text)}</li>"
            for cl in c.claims
        )
        revised = f" ({esc(t['revised_in'])} {esc(c.revised_in)})" if c.revised_in else ""
        parts.append(f"<li>{esc(c.about)}{revised}<ul>{claims}</ul></li>")
    parts.append(f"</ul><h2>{esc(t['quotes'])} ({len(brief.quotes)})</h2><ul>")
    for speaker, rows in by_speaker(brief.quotes):
        items = "".join(
            f"<li>« {esc(q.text)} »{inferred(q)}{cite(list(q.sources))}</li>" for q in rows
        )
        parts.append(f"<li><b>{esc(speaker or t['unknown_speaker'])}</b><ul>{items}</ul></li>")
    parts.append(f"</ul><h2>{esc(t['timeline'])}</h2><ul>")
    parts += [
        f"<li><b>{esc(e.date)}</b> — {esc(e.text)}{cite(e.sources)}</li>" for e in brief.timeline
    ]
    parts.append(f"</ul><h2>{esc(t['entities'])}</h2><ul>")
    for e in brief.entities:
        counts = ", ".join(f"{k} {v}" for k, v in e.mentions.items())
        parts.append(f"<li>{esc(e.name)} ({esc(e.type)}): {esc(counts)}</li>")
    parts.append("</ul>")
    return _PAGE.format(lang=lang, title=esc(t["brief"]), body="\n".join(parts))


def render(brief: Brief, fmt: str, lang: str | None = None) -> str:
    if fmt == "json":
        return render_json(brief)
    if fmt == "markdown":
        return render_markdown(brief, lang)
    if fmt == "html":
        return render_html(brief, lang)
    return render_text(brief, lang)
