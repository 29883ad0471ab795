"""End to end in Chromium: story list -> story page, highlights, linked facts, screenshots.

Needs Debian's Chromium (``apt-get install chromium``) and the Playwright Python
client (``pip install playwright``; its own browsers are not used).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from recoupe.api import create_app
from recoupe.corpus import Corpus
from recoupe.store import open_store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "artifacts" / "screenshots"
BUNDLED = ROOT / "examples" / "crue-argens"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def live(
    tmp_path_factory: pytest.TempPathFactory, example_pair: list[Path]
) -> Iterator[dict[str, str]]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found (apt-get install chromium)")
    pytest.importorskip(
        "playwright.sync_api", reason="playwright not installed (pip install playwright)"
    )
    import uvicorn

    corpus = Corpus(open_store(f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'corpus.sqlite3'}"))
    report = corpus.ingest([str(p) for p in example_pair])
    ids = {corpus.store.get_article(a).source: a for a in report.added}
    stories = {corpus.store.get_article(a).story_id for a in report.added}
    target = str(corpus.store.get_article(ids["rts"]).story_id)
    for other in stories - {target}:
        # The clusterer is still being tuned: the example pair is one story by construction.
        corpus.store.merge_stories(str(other), target)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(corpus), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield {"base": f"http://127.0.0.1:{port}", "story": target, **ids}
    server.should_exit = True
    thread.join(timeout=10)
    corpus.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(120_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


def test_story_side_by_side(live: dict[str, str], page: Any) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(live["base"] + "/")
    page.screenshot(path=str(SHOTS / "index.png"), full_page=True)
    page.click(f'a.story-link[href="/stories/{live["story"]}"]')
    page.wait_for_url(f"**/stories/{live['story']}")
    rts, f24 = f"#col-{live['rts']}", f"#col-{live['france24']}"
    assert page.locator(".columns > article.col").count() == 2

    tillerson = page.locator(f'{rts} .quote[title="Rex Tillerson"]')
    assert tillerson.count() >= 2
    assert "confiance" in " ".join(tillerson.all_inner_texts())
    assert page.locator(f'{rts} .quote[title="Sergueï Lavrov"]').count() >= 1
    lavrov_row = page.locator("table.quotes th.speaker", has_text="Sergueï Lavrov")
    assert lavrov_row.count() == 1 and lavrov_row.is_visible()
    page.locator(".brief-details").screenshot(path=str(SHOTS / "story-brief.png"))
    page.screenshot(path=str(SHOTS / "story.png"))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1440, f"the page is wider than the window ({width}px)"

    # Hovering a shared-fact sentence in one column lights up its match in the other.
    shared = page.locator(f"{rts} .sent.s-shared[data-fact]")
    assert shared.count() >= 1
    assert page.locator(f"{f24} .sent.linked").count() == 0
    shared.first.hover()
    assert page.locator(f"{f24} .sent.linked").count() >= 1
    assert page.locator(f"{rts} .sent.linked").count() >= 1
    page.locator(f"{f24}").screenshot(path=str(SHOTS / "story-columns-hover.png"))

    # Clicking the last shared sentence of the other column selects it and scrolls ours to it.
    last = page.locator(f"{f24} .sent.s-shared[data-fact]").last
    fact_ids = (last.get_attribute("data-fact") or "").split()
    last.scroll_into_view_if_needed()
    last.click()
    selected = page.locator(f"{rts} .sent.selected")
    assert selected.count() >= 1
    assert any(i in (selected.first.get_attribute("data-fact") or "").split() for i in fact_ids)
    assert page.locator(".fact-item.selected").count() >= 1, "the fact in the brief is selected too"
    page.locator(".side").screenshot(path=str(SHOTS / "story-columns-selected.png"))
    page.screenshot(path=str(SHOTS / "story-full.png"), full_page=True)


def test_english_and_toggles(live: dict[str, str], page: Any) -> None:
    page.goto(f"{live['base']}/stories/{live['story']}?lang=en")
    assert page.locator("h2", has_text="The articles side by side").count() == 1
    ent = page.locator(".col .ent-PER").first
    bold = ent.evaluate("e => getComputedStyle(e).fontWeight")
    page.locator('input[data-toggle="entities"]').uncheck()
    assert ent.evaluate("e => getComputedStyle(e).fontWeight") != bold


def test_compare_page_in_the_browser(live: dict[str, str], page: Any) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(BUNDLED.glob("*.txt"))]
    page.goto(live["base"] + "/compare")
    page.click("#add-block")
    blocks = page.locator("fieldset.block")
    assert blocks.count() == 3
    for n, text in enumerate(texts):
        blocks.nth(n).locator('input[name="source"]').fill(f"media-{n + 1}")
        blocks.nth(n).locator('textarea[name="text"]').fill(text)
    page.click("button.primary")
    page.wait_for_selector(".columns")
    assert page.locator(".columns > article.col").count() == 3
    assert page.locator(".col .sent.s-shared").count() >= 2
    page.screenshot(path=str(SHOTS / "compare-result.png"))
