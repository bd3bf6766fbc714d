"""Every page of the demo corpus in a real headless Chromium, served by a real ``datasette serve``.

For each page: HTTP 200, no console error or uncaught exception, no request leaving
localhost, every chart drawn (non-zero size, with its dots), links only to the instance or to
http(s) originals, its JSON twin linked, and a full-page screenshot in
test-artifacts/screenshots/. The pages are discovered from the JSON twins, starting at
/-/media-bias.json, so a new story, article or outlet is covered without editing this file.
"""
from __future__ import annotations

import pytest

from browser import (browser, browser_test, chart_report, demo_server, get_json,  # noqa: F401
                     page, save_screenshot, screenshot_name)


def discover_pages(base: str) -> list[tuple[str, str]]:
    """(kind, path) of every plugin page of the served instance, from the JSON twins."""
    pages = [("databases", "/-/media-bias")]
    seen = set()

    def add(kind, path):
        if path and path not in seen:
            seen.add(path)
            pages.append((kind, path))

    for database in get_json(base, "/-/media-bias.json")["databases"]:
        add("index", database["url"])
        index = get_json(base, database["url"] + ".json?_size=1000")
        assert index["next_url"] is None
        for story in index["stories"]:
            add("story", story["url"])
            detail = get_json(base, story["json_url"])
            for article in detail["articles"]:
                add("article", article["links"]["page"])
                add("outlet", article["links"]["outlet"])
            outlets = [a["links"]["outlet"] for a in detail["articles"] if a["links"]["outlet"]]
            if len(outlets) >= 2:  # two outlets on the stories both covered
                add("outlet vs", outlets[0] + "/vs/" + outlets[1].rsplit("/", 1)[1])
    # the outlet comparison pages linked from the outlet pages
    for kind, path in list(pages):
        if kind == "outlet":
            outlet = get_json(base, path + ".json")
            add("matrix", outlet["matrix_url"])
            for other in outlet["shares_most_stories_with"]:
                add("outlet vs", other["link"])
    return pages


@pytest.fixture(scope="module")
def demo_pages(demo_server):
    return discover_pages(demo_server.url)


def test_discovers_the_whole_demo_corpus(demo_pages):
    kinds = [k for k, _ in demo_pages]
    # data/seeds: 2 stories, 5 articles, 4 identified outlets (one article has none)
    assert kinds.count("databases") == 1 and kinds.count("index") == 1
    assert kinds.count("story") == 2
    assert kinds.count("article") == 5
    assert kinds.count("outlet") == 4


async def check_page(page, base: str, kind: str, path: str) -> dict:
    """Open one page and return what is wrong with it (empty when nothing is)."""
    page.recorder.reset()
    # the pages are rendered on the server (charts are inline SVG): "load" is when they are done
    response = await page.goto(base + path, wait_until="load")
    wrong = {}
    if response is None or response.status != 200:
        wrong["status"] = response.status if response else None
    charts = await chart_report(page)
    bad_charts = [c for c in charts
                  if not (c["svg"] and c["width"] > 0 and c["height"] > 0
                          and c["dots"] > 0 and c["drawn_dots"] > 0)]
    if bad_charts:
        wrong["charts not drawn"] = bad_charts
    if kind == "story" and not charts:
        wrong["charts"] = "a story page has no figure.mb-chart"
    if not await page.locator(".media-bias").count():
        wrong["content"] = "no .media-bias block (not the plugin's page?)"
    # every link is on the instance or an http(s) original, and the JSON twin is linked
    hrefs = await page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
    elsewhere = [h for h in hrefs if not h.startswith((base + "/", "https://", "http://"))]
    if elsewhere:
        wrong["links"] = elsewhere
    if not await page.locator(f'a[href="{path}.json"]').count():
        wrong["json twin"] = f"no link to {path}.json"
    wrong.update(page.recorder.problems())
    # the recorder saw the page load (so "no request left localhost" means something)
    requested = page.recorder.requests
    if base + path not in requested or not any("media-bias.css" in u for u in requested):
        wrong["requests not recorded"] = requested
    await save_screenshot(page, screenshot_name(path))
    return wrong


@browser_test
async def test_every_demo_page_renders_cleanly(page, demo_server, demo_pages):
    """One test over all pages (one browser context): failures are listed together."""
    problems = {}
    for kind, path in demo_pages:
        wrong = await check_page(page, demo_server.url, kind, path)
        if wrong:
            problems[path] = wrong
    assert not problems, problems


@browser_test
async def test_story_page_charts(page, demo_server, demo_pages):
    """The story pages carry one drawn chart per compared metric, a row of dots per outlet."""
    metrics = get_json(demo_server.url, "/news/-/media-bias/stories/"
                       "kanye-trump-tweets-2018-04.json")["metrics"]
    for kind, path in demo_pages:
        if kind != "story":
            continue
        await page.goto(demo_server.url + path)
        charts = await chart_report(page)
        # no chart where the sentence spread means nothing (SMOG: defined over 30 sentences)
        assert [c["metric"] for c in charts] == [m["name"] for m in metrics
                                                 if not m["sentence_spread_note"]], path
        story = get_json(demo_server.url, path + ".json")
        for chart in charts:
            expected = sum(len(a["metrics"][chart["metric"]]["sentence_values"])
                           for a in story["articles"])
            assert chart["dots"] == expected, (path, chart)
            assert chart["width"] > 200 and chart["height"] > 50, (path, chart)
        assert page.recorder.problems() == {}


@browser_test
async def test_the_recorder_catches_what_the_checks_refuse(page, demo_server):
    """The page checks are not vacuous: console errors, uncaught exceptions, dialogs and a
    request to another host are all caught (and that request is blocked)."""
    await page.goto(demo_server.url + "/-/media-bias")
    assert page.recorder.problems() == {}
    await page.evaluate("""() => {
        console.error('an error');
        setTimeout(() => { throw new Error('uncaught'); }, 0);
        const img = document.createElement('img');
        img.src = 'https://example.com/tracker.png';
        document.body.appendChild(img);
        alert('a dialog');
    }""")
    await page.wait_for_timeout(300)
    problems = page.recorder.problems()
    assert problems["console errors"][0].startswith("an error")
    assert "uncaught" in problems["page errors"][0]
    assert problems["dialogs"] == ["alert: a dialog"]
    assert problems["requests leaving localhost"] == ["https://example.com/tracker.png"]


# a word of a table cell drawn on two lines (hyphens, slashes and ellipses may break; nothing
# else)
SPLIT_WORDS = """() => {
    const found = [];
    for (const cell of document.querySelectorAll('.media-bias table th, .media-bias table td')) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const re = /[^\\s\\-\\u2010-\\u2015\\u2026\\/]{2,}/g;
            let m;
            while ((m = re.exec(node.data)) !== null) {
                const range = document.createRange();
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                                     .map(r => Math.round(r.top)));
                if (tops.size > 1) found.push(m[0]);
            }
        }
    }
    return found;
}"""


@browser_test
async def test_table_cells_never_break_inside_a_word(page, demo_server, demo_pages):
    """Column headers and cells wrap between words ("Wor ds", "sca re" and "not identifi ed"
    were drawn on two lines), at the default width and on a narrow screen."""
    problems = {}
    for width in (1280, 700):
        await page.set_viewport_size({"width": width, "height": 900})
        for kind, path in demo_pages:
            await page.goto(demo_server.url + path)
            split = await page.evaluate(SPLIT_WORDS)
            if split:
                problems[f"{path} at {width}px"] = split[:10]
    await page.set_viewport_size({"width": 1280, "height": 900})
    assert problems == {}, problems
