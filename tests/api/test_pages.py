"""The HTML pages: story list, story side by side, article, compare; escaping; FR/EN."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from .conftest import XSS_IMG, Filled

pytestmark = pytest.mark.slow


def _column(page: str, article_id: str) -> str:
    start = page.index(f'id="col-{article_id}"')
    end = page.find('<article class="col"', start + 1)
    return page[start : end if end != -1 else len(page)]


def test_index_lists_stories_in_french_by_default(client: TestClient, filled: Filled) -> None:
    page = client.get("/").text
    assert '<html lang="fr">' in page and "Sujets" in page
    for story in (filled.pair_story, filled.flood_story, filled.xss_story):
        assert f'href="/stories/{story}"' in page
    assert 'name="q"' in page and '<option value="rts">' in page


def test_ui_language_from_query_or_accept_language(client: TestClient) -> None:
    assert '<html lang="en">' in client.get("/?lang=en").text
    english = client.get("/", headers={"accept-language": "en-GB,en;q=0.9,fr;q=0.5"}).text
    assert '<html lang="en">' in english and "Stories" in english
    german = client.get("/", headers={"accept-language": "de-DE"}).text
    assert '<html lang="fr">' in german
    kept = client.get("/?lang=en").text
    assert 'href="/compare?lang=en"' in kept, "links keep an explicit language"


def test_index_filters_and_pages(client: TestClient, filled: Filled) -> None:
    page = client.get("/", params={"q": "Argens"}).text
    assert f"/stories/{filled.flood_story}" in page and f"/stories/{filled.pair_story}" not in page
    page = client.get("/", params={"source": "france24"}).text
    assert f"/stories/{filled.pair_story}" in page and f"/stories/{filled.flood_story}" not in page
    assert "Aucun sujet" in client.get("/", params={"q": "zzzz"}).text


def test_story_page_highlights_both_columns(client: TestClient, filled: Filled) -> None:
    res = client.get(f"/stories/{filled.pair_story}")
    assert res.status_code == 200
    page = res.text
    rts = _column(page, filled.pair_articles["rts"])
    f24 = _column(page, filled.pair_articles["france24"])
    assert re.search(r'class="quote direct"[^>]*title="Rex Tillerson"', rts)
    assert re.search(r'class="quote direct"[^>]*title="Sergueï Lavrov"', rts)
    assert 'class="ent ent-PER" data-entity="Vladimir Poutine"' in f24
    shared_rts = set(re.findall(r'class="sent s-shared[^"]*" data-fact="([\d ]+)"', rts))
    shared_f24 = set(re.findall(r'class="sent s-shared[^"]*" data-fact="([\d ]+)"', f24))
    ids = lambda found: {i for group in found for i in group.split()}  # noqa: E731
    assert ids(shared_rts) & ids(shared_f24), "a shared fact is marked in both columns"
    assert "s-single" in f24
    # The brief: quotes table by speaker, shared facts with their numbers.
    assert re.search(r'<th scope="rowgroup"[^>]*class="speaker">Sergueï Lavrov</th>', page)
    assert 'class="fact-item s-shared" data-fact="0"' in page


def test_highlighted_text_is_the_article_text(client: TestClient, filled: Filled) -> None:
    import html as html_mod

    page = client.get(f"/stories/{filled.pair_story}").text
    article = client.get(f"/api/articles/{filled.pair_articles['rts']}").json()
    column = _column(page, filled.pair_articles["rts"])
    inner = column[column.index('<div class="text">') + len('<div class="text">') :]
    inner = inner[: inner.index("</div>")]
    assert html_mod.unescape(re.sub(r"<[^>]+>", "", inner)) == article["text"]


def test_xss_is_escaped_on_story_and_article_pages(client: TestClient, filled: Filled) -> None:
    for url in (f"/stories/{filled.xss_story}", f"/articles/{filled.xss_article}", "/"):
        page = client.get(url).text
        assert "<script>alert" not in page, url
        assert "<img src=x" not in page, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, url
    story = client.get(f"/stories/{filled.xss_story}").text
    # Highlight spans may cut the string, but its escaped characters are all there.
    untagged = re.sub(r"<span[^>]*>|</span>", "", story)
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in untagged
    assert XSS_IMG not in story


def test_article_page_shows_its_spans(client: TestClient, filled: Filled) -> None:
    page = client.get(f"/articles/{filled.pair_articles['rts']}").text
    assert 'class="quote direct"' in page and 'class="val num" title="87 mort"' in page
    assert f'href="/stories/{filled.pair_story}"' in page


def test_unknown_pages_are_html_404(client: TestClient) -> None:
    for url in ("/stories/s-nope", "/articles/a-nope", "/no/such/page"):
        res = client.get(url)
        assert res.status_code == 404 and res.headers["content-type"].startswith("text/html")
        assert "Erreur 404" in res.text


def test_compare_form_and_submit(client: TestClient, flood_texts: dict[str, str]) -> None:
    form = client.get("/compare").text
    assert form.count('name="text"') == 2 and 'type="file"' in form
    names = list(flood_texts)
    data = {"text": [flood_texts[names[0]], flood_texts[names[1]]], "source": names[:2]}
    files = [("files", (f"{names[2]}.txt", flood_texts[names[2]].encode(), "text/plain"))]
    res = client.post("/compare", data=data, files=files)
    assert res.status_code == 200, res.text[-2000:]
    page = res.text
    for name in names:
        assert f'<p class="col-source">{name}' in page
    assert page.count('<article class="col"') == 3
    assert "s-shared" in page and 'class="quote direct"' in page
    # The death toll differs (three vs four): both claim sentences are marked, one mark each.
    tags = re.findall(r'<span class="sent [^>]*data-contra="0"[^>]*>', page)
    contra = [re.search(r'class="([^"]*)".*title="([^"]*)"', tag).groups() for tag in tags]  # type: ignore[union-attr]
    assert len(contra) == 2 and all("s-contra" in classes for classes, _ in contra)
    assert all("mort" in title for _, title in contra)
    assert not re.search(r'<span class="sent [^"]*s-contra[^>]*><span class="sent', page)


def test_compare_page_escapes_pasted_xss(client: TestClient) -> None:
    evil = "Le maire <script>alert(1)</script> a parlé.\nIl a dit : « bonjour » à Lyon."
    evil2 = f"Le maire {XSS_IMG} a parlé à Lyon.\nIl a dit : « bonjour » à Lyon."
    res = client.post("/compare", data={"text": [evil, evil2], "source": ["a", "b"]})
    assert res.status_code == 200
    assert "<script>alert" not in res.text and "<img src=x" not in res.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in res.text


def test_compare_with_one_article_says_why(client: TestClient, flood_texts: dict[str, str]) -> None:
    text = next(iter(flood_texts.values()))
    res = client.post("/compare", data={"text": [text, ""], "source": ["x", ""]})
    assert res.status_code == 400
    assert 'class="error"' in res.text and "two" in res.text
    assert res.text.count('name="text"') == 2


def test_compare_post_needs_a_form(client: TestClient) -> None:
    res = client.post("/compare", json={"text": "x"})
    assert res.status_code == 415
