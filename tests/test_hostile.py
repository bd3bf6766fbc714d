"""Hostile text and access (issue 6).

tests/fixtures/hostile.jsonl holds articles whose text, titles, outlet names, story titles, keys
and URLs carry HTML, <script>, event handlers, javascript: and data: URLs, control characters,
a right-to-left override and a 5,000-character token, loaded by the real loader. On every plugin
page and JSON twin:

- nothing from the data is live HTML: it is shown escaped (in the HTML and in a real browser,
  where the payloads would set ``window.__pwned``, change ``document.title`` or open a dialog);
- only http(s) URLs become links;
- the JSON gives the exact text back;
- no SQL is built by formatting request values (checked statically and while serving);
- the plugin adds no write endpoint.
"""
from __future__ import annotations

import ast
import hashlib
import json
import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import pytest
from datasette.utils import tilde_encode

from browser import (browser, browser_test, http_request, page, save_screenshot,  # noqa: F401
                     screenshot_name, serve)
from conftest import FIXTURES, ROOT, make_datasette

HOSTILE = FIXTURES / "hostile.jsonl"
MARKER = "__pwned"  # every script payload in the fixture sets window.__pwned


def fixture_articles() -> list[dict]:
    return [json.loads(line) for line in HOSTILE.read_text(encoding="utf-8").splitlines()]


ARTICLES = fixture_articles()
BY_ID = {a["id"]: a for a in ARTICLES}


def outlet_key(name: str) -> str:
    from datasette_media_bias.store.schema import slug

    return slug(name.strip())


def plugin_pages(db: str = "hostile") -> list[str]:
    """Every plugin page of the hostile database (HTML; add .json for the twins)."""
    base = f"/{db}/-/media-bias"
    stories = sorted({a["story"] for a in ARTICLES})
    outlets = sorted({outlet_key(a["outlet"]) for a in ARTICLES})
    return (["/-/media-bias", base]
            + [f"{base}/stories/{tilde_encode(s)}" for s in stories]
            + [f"{base}/articles/{tilde_encode(a['id'])}" for a in ARTICLES]
            + [f"{base}/outlets/{tilde_encode(o)}" for o in outlets])


PAGES = plugin_pages()


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    from datasette_media_bias.pipeline import load

    path = tmp_path_factory.mktemp("hostile") / "hostile.db"  # database "hostile"
    report = load(path, [HOSTILE], jobs=1)
    assert report.rejected == 0, [str(p) for p in report.problems]
    assert report.loaded == len(ARTICLES)
    return path


@pytest.fixture
def hds(hostile_db):
    return make_datasette(hostile_db)


def db_digest(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode("utf-8", "surrogatepass")
                              ).hexdigest()
    finally:
        conn.close()


# --- the fixture itself ----------------------------------------------------------------------

def test_fixture_is_hostile_enough():
    texts = "\n".join(json.dumps(a) for a in ARTICLES)
    everything = "".join(str(v) for a in ARTICLES for v in a.values())
    for needle in ("<script>", "onerror=", "onload=", "javascript:", "data:text/html",
                   "\u202e", "</textarea>", "<!--"):
        assert needle in everything, needle
    for field in ("text", "title", "outlet", "story_title"):
        assert any("<script>" in (a.get(field) or "") for a in ARTICLES), field
    assert any("<" in a["id"] for a in ARTICLES) and any("<" in a["story"] for a in ARTICLES)
    controls = {chr(c) for c in range(32) if c != 10}
    assert controls <= set(everything), sorted(controls - set(everything))
    assert any(len(tok) >= 5000 for a in ARTICLES for tok in a["text"].split())
    assert "\\u0000" in texts  # a NUL (in a title: the loader refuses NUL in article text)


def test_the_loader_keeps_the_hostile_text_verbatim(hostile_db):
    conn = sqlite3.connect(hostile_db)
    for a in ARTICLES:
        text, title, url = conn.execute("select text, title, url from articles where id = ?",
                                        [a["id"]]).fetchone()
        assert text == a["text"]
        assert title == (a.get("title") or "").strip() or title is None
        assert url == a["url"].strip()
    # loaded words and quotations are found inside and around the HTML, so the article
    # page's mark-up (<mark>, quotation spans) wraps hostile text
    n_words = conn.execute("select count(*) from loaded_word_occurrences where article_id = "
                           "'hostile-script'").fetchone()[0]
    n_quotes = conn.execute("select count(*) from quotes where article_id = 'hostile-script' "
                            "and text like '%<script>%'").fetchone()[0]
    assert n_words >= 5 and n_quotes >= 1


# --- HTML: escaped and inert -----------------------------------------------------------------

# fragments of the payloads that would be live markup if they reached the HTML unescaped
RAW_PAYLOADS = ["<script>window.__pwned", "<img src=x", "<svg onload", "<iframe", "<b>critics",
                "<i>radical", '<a href="javascript:', "</textarea></title></style>", "<!-- <iframe"]
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster",
                  "background", "srcset", "cite", "ping"}


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see in an attribute URL (WHATWG: leading/trailing C0
    controls and spaces stripped, tabs and newlines removed anywhere), or None if relative."""
    value = re.sub(r"[\t\n\r]", "", value).strip("".join(map(chr, range(33))))
    m = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", value)
    return m.group(1).lower() if m else None


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside each <script>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def parse(text: str) -> Elements:
    parser = Elements()
    parser.feed(text)
    parser.close()
    return parser


def html_problems(text: str) -> list[str]:
    """What in an HTML page could run or navigate to script: the data's markup unescaped,
    event-handler attributes, script-ish URLs, scripts carrying the data."""
    found = [f"raw {p!r}" for p in RAW_PAYLOADS if p in text]
    found += [f"raw href={q}javascript:" for q in "\"'" if f"href={q}javascript:" in text.lower()]
    found += [f"raw href={q}data:" for q in "\"'" if f"href={q}data:" in text.lower()]
    doc = parse(text)
    for tag, attrs in doc.tags:
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}=...>")
            if name in URL_ATTRIBUTES and value is not None:
                scheme = url_scheme(value)
                if scheme not in (None, "http", "https"):
                    found.append(f"<{tag} {name}={value[:60]!r}>")
        if tag in ("img", "iframe", "object", "embed", "base") and (
                attrs.get("src") == "x" or "javascript" in (attrs.get("src") or "")):
            found.append(f"<{tag}> from the data")
    found += [f"<script> with the data: {s[:80]!r}" for s in doc.scripts if MARKER in s]
    return found


@pytest.mark.parametrize("path", PAGES)
async def test_html_shows_hostile_text_escaped_and_inert(hds, path):
    response = await hds.client.get(path)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    text = response.text
    assert html_problems(text) == []
    if path != "/-/media-bias":
        # shown, not dropped: the payload is on the page as text
        assert "&lt;script&gt;window.__pwned" in text or "&lt;img src=x" in text


def test_html_checker_catches_live_markup():
    """html_problems() is not vacuous: it flags each way the data could come alive."""
    assert html_problems("<p>&lt;script&gt;window.__pwned=1&lt;/script&gt;</p>") == []
    for bad in ["<p><script>window.__pwned=1</script></p>",
                '<img src=x onerror="window.__pwned=1">',
                '<a href="javascript:alert(1)">x</a>',
                '<a href=" \tJaVa\nScRiPt:alert(1)">x</a>',
                '<a href="data:text/html,hi">x</a>',
                '<div onmouseover="alert(1)">x</div>',
                '<a title="" onclick="x">y</a>',
                "<script>var t = 'window.__pwned';</script>"]:
        assert html_problems(bad), bad


async def test_only_http_urls_become_links(hds):
    story = (await hds.client.get("/hostile/-/media-bias/stories/hostile-story.json")).json()
    originals = {a["id"]: a["links"]["original"] for a in story["articles"]}
    assert originals == {
        "hostile-script": None,  # javascript:
        "hostile-data-url": None,  # data:
        "hostile-long-token": None,  # "  JaVaScRiPt:" with spaces and mixed case
        "hostile-http-url": BY_ID["hostile-http-url"]["url"],
    }
    for path in PAGES:
        response = await hds.client.get(path)
        doc = parse(response.text)
        for tag, attrs in doc.tags:
            if tag == "a" and attrs.get("href"):
                assert url_scheme(attrs["href"]) in (None, "http", "https"), (path, attrs)
        original = [a["href"] for t, a in doc.tags if t == "a" and "href" in a
                    and not a["href"].startswith(("/", "#", "?"))
                    and not a["href"].startswith("https://datasette.io")]
        article = next((a for a in ARTICLES if path.endswith("/" + tilde_encode(a["id"]))),
                       None)
        if article is not None:
            expected = [article["url"]] if article["url"].startswith("http") else []
            # the http URL with "> and <script> in it is a link, its href exactly the URL
            assert original == expected, path


@pytest.mark.parametrize("path", PAGES)
async def test_json_twin_gives_the_exact_text_back(hds, path):
    response = await hds.client.get(path + ".json")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    data = json.loads(response.text)
    # no link in any JSON twin points anywhere but the instance or an http(s) original
    # ("url" of an article is its input URL, given back as data, documented as such)
    for key, link in json_links(data):
        assert url_scheme(link) in (None, "http", "https"), (path, key, link)
    if "/articles/" in path:
        a = data["article"]
        raw = BY_ID[a["id"]]
        assert a["text"] == raw["text"]
        assert a["title"] == (raw.get("title") or "").strip() or (a["title"] is None
                                                                   and not raw.get("title"))
        assert a["outlet_name"] == raw["outlet"].strip()
        assert a["url"] == raw["url"].strip()
        assert a["story"] == raw["story"]
        if raw.get("story_title"):
            assert a["story_title"] == raw["story_title"]
        for s in data["sentences"]:
            assert raw["text"][s["start"]:s["end"]] == s["text"]
        for q in data["quotes"]:
            assert raw["text"][q["start"]:q["end"]] == q["text"]
        for w in data["loaded_words"]:
            assert raw["text"][w["start"]:w["end"]].lower() == w["term"]
    elif "/stories/" in path:
        key = data["story"]["id"]
        members = [a for a in ARTICLES if a["story"] == key]
        assert {a["id"] for a in data["articles"]} == {a["id"] for a in members}
        titles = {a.get("story_title") for a in members} - {None}
        assert data["story"]["title"] == (titles.pop() if titles else None)
        for a in data["articles"]:
            assert a["outlet"]["name"] == BY_ID[a["id"]]["outlet"].strip()
            if BY_ID[a["id"]].get("title"):
                assert a["title"] == BY_ID[a["id"]]["title"].strip()
    elif "/outlets/" in path:
        names = {a["outlet"].strip() for a in ARTICLES
                 if path.endswith("/" + tilde_encode(outlet_key(a["outlet"])))}
        assert data["outlet"]["name"] in names
        assert {a["id"] for a in data["articles"]} == {
            a["id"] for a in ARTICLES if a["outlet"].strip() in names}
    elif path == "/hostile/-/media-bias":
        by_key = {s["id"]: s for s in data["stories"]}
        assert set(by_key) == {a["story"] for a in ARTICLES}
        assert by_key["hostile-story"]["title"] == BY_ID["hostile-script"]["story_title"]


def json_links(data, key=None):
    """(key, value) of every link in a JSON twin: the values under "links", and the
    url/json_url/next_url/link keys (except an article's own input URL)."""
    raw_urls = {a["url"].strip() for a in ARTICLES}
    if isinstance(data, dict):
        for k, v in data.items():
            if k == "links" and isinstance(v, dict):
                yield from ((f"links.{lk}", lv) for lk, lv in v.items() if isinstance(lv, str))
            elif k in ("url", "json_url", "next_url", "link") and isinstance(v, str):
                if not (k == "url" and v in raw_urls):
                    yield k, v
            else:
                yield from json_links(v, k)
    elif isinstance(data, list):
        for v in data:
            yield from json_links(v, key)


async def test_json_twins_link_every_page(hds):
    """The page list above is what the JSON twins link to: no page escapes the checks."""
    found = {"/-/media-bias", "/hostile/-/media-bias"}
    index = (await hds.client.get("/hostile/-/media-bias.json?_size=1000")).json()
    for s in index["stories"]:
        found.add(s["url"])
        story = (await hds.client.get(s["json_url"])).json()
        for a in story["articles"]:
            found.add(a["links"]["page"])
            if a["links"]["outlet"]:
                found.add(a["links"]["outlet"])
    assert found == set(PAGES)


# --- in a real browser -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile_server(hostile_db, tmp_path_factory):
    with serve(hostile_db, tmp_path_factory.mktemp("hostile-server")) as server:
        yield server


DOM_CHECK = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.toLowerCase().startsWith('on')) found.push(`<${el.tagName} ${attr.name}>`);
    }
  }
  for (const a of document.querySelectorAll('a[href], area[href]')) {
    if (!['http:', 'https:'].includes(a.protocol)) found.push(`link to ${a.href.slice(0, 60)}`);
  }
  for (const el of document.querySelectorAll('img, iframe, object, embed, base, frame')) {
    found.push(`<${el.tagName}> element`);
  }
  for (const el of document.querySelectorAll('svg[onload], script')) {
    // Datasette's own scripts (1.0 loads several from /-/static/) are not from the data
    const own = el.src && new URL(el.src).pathname.startsWith('/-/static/');
    if ((el.textContent || '').includes('__pwned') || (el.src && !own)) found.push(`<${el.tagName}> from data`);
  }
  for (const el of document.querySelectorAll('b, i')) {
    if (['critics', 'radical'].includes(el.textContent)) found.push(`<${el.tagName}> from data`);
  }
  return {found, pwned: window.__pwned === undefined ? null : window.__pwned,
          title: document.title, text: document.body ? document.body.innerText : ''};
}"""


async def check_hostile_page(page, url: str) -> dict:
    page.recorder.reset()
    response = await page.goto(url, wait_until="load")
    await page.wait_for_timeout(50)  # let any onerror/onload handler fire
    state = await page.evaluate(DOM_CHECK)
    wrong = {}
    if response is None or response.status != 200:
        wrong["status"] = response.status if response else None
    if state["pwned"] is not None:
        wrong["window.__pwned"] = state["pwned"]
    if state["title"] == "PWNED":  # what the payloads would set it to
        wrong["document.title"] = state["title"]
    if state["found"]:
        wrong["DOM"] = state["found"]
    wrong.update(page.recorder.problems())
    return wrong | {"_text": state["text"]}


@browser_test
async def test_hostile_pages_are_inert_in_a_real_browser(page, hostile_server):
    problems = {}
    for path in PAGES:
        for twin in ("", ".json"):
            wrong = await check_hostile_page(page, hostile_server.url + path + twin)
            text = wrong.pop("_text")
            if path != "/-/media-bias" and MARKER not in text:
                wrong["payload not shown as text"] = text[:200]
            if not twin:
                await save_screenshot(page, screenshot_name(path) if path != "/-/media-bias"
                                      else "hostile-media-bias")
            if wrong:
                problems[path + twin] = wrong
    assert not problems, problems


@browser_test
async def test_datasette_table_pages_show_the_hostile_rows_inert(page, hostile_server):
    """The plugin's metadata and actions on Datasette's own pages keep the data inert too."""
    problems = {}
    for path in ("/hostile", "/hostile/articles", "/hostile/stories", "/hostile/outlets",
                 "/hostile/sentences?article_id=hostile-script",
                 "/hostile/articles/hostile-script"):
        wrong = await check_hostile_page(page, hostile_server.url + path)
        wrong.pop("_text")
        # Datasette's own pages have their own scripts and may link elsewhere; what matters
        # is that nothing from the data ran
        wrong.pop("DOM", None)
        if wrong:
            problems[path] = wrong
    assert not problems, problems


@browser_test
async def test_article_text_on_the_page_is_the_text(page, hostile_server):
    """The marked-up text shows every character of the article (control characters and the
    right-to-left override included); the title keeps everything a browser can show."""
    for a in ARTICLES:
        await page.goto(hostile_server.url
                        + f"/hostile/-/media-bias/articles/{tilde_encode(a['id'])}")
        shown = await page.eval_on_selector(".mb-text", "el => el.textContent")
        # HTML parsing turns CR and CRLF into LF; nothing else may change
        assert shown == a["text"].replace("\r\n", "\n").replace("\r", "\n"), a["id"]
        if a.get("title"):
            h1 = await page.eval_on_selector("h1", "el => el.textContent")
            # a NUL in body text is dropped by every HTML parser; CR becomes LF
            assert h1 == a["title"].replace("\x00", "").replace("\r", "\n").strip(), a["id"]
        assert page.recorder.problems() == {}


BIDI_CHECK = r"""(values) => {
  // Each text node holding a bidi control from the data, and the element that bounds its
  // effect: a <bdi>, an element with unicode-bidi isolate/isolate-override/plaintext, a
  // block-level box (where the bidi paragraph ends) or an SVG <text>.
  const found = [];
  let seen = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    if (!/[\u202a-\u202e\u2066-\u2069]/.test(node.data)) continue;
    if (node.parentElement.closest('title, script, style')) continue;  // not laid out
    let el = node.parentElement;
    while (el && el !== document.body) {
      const cs = getComputedStyle(el);
      if (el.tagName.toLowerCase() === 'text'
          || ['isolate', 'isolate-override', 'plaintext'].includes(cs.unicodeBidi)
          || (cs.display !== 'inline' && !(el instanceof SVGElement))) break;
      el = el.parentElement;
    }
    // what follows the data's unterminated override inside that boundary is page text
    let text = el.textContent;
    const at = Math.min(...values.map(v => text.indexOf(v)).filter(i => i >= 0));
    if (!isFinite(at)) continue;
    seen += 1;
    text = text.slice(at);
    for (const v of values) text = text.split(v).join('');
    if (text.trim()) found.push(`<${el.tagName}> ${JSON.stringify(el.textContent.trim().slice(0, 120))}`);
  }
  return {found: [...new Set(found)], seen};
}"""


@browser_test
async def test_bidi_overrides_in_the_data_do_not_reorder_the_page(page, hostile_server):
    """Text after a data value is the page's, and must read as the page wrote it: a bidi
    override the data opens and never closes stays inside the data (<bdi> / isolate).
    (Found by this test: outlet 'Long<U+202E>Outlet<U+0007>Name' reversed the article lede, the
    story's outlet header and the outlet page's captions; fixed in 0f4b24e.)"""
    unterminated = [v[v.index("\u202e"):] for a in ARTICLES for v in a.values()
                    if isinstance(v, str) and "\u202e" in v and "\u202c" not in v]
    assert len(unterminated) == 2  # the outlet name and the title of hostile-long-token
    problems, seen = {}, 0
    for path in PAGES:
        await page.goto(hostile_server.url + path)
        result = await page.evaluate(BIDI_CHECK, unterminated)
        seen += result["seen"]
        if result["found"]:
            problems[path] = result["found"]
    assert problems == {}, json.dumps(problems, indent=1)
    assert seen >= 10  # the overrides are on the pages (story, article, outlet): not vacuous
    # and without the isolation, the check sees the page's text reordered
    await page.goto(hostile_server.url + "/hostile/-/media-bias/outlets/longoutlet-name")
    await page.add_style_tag(content="* { unicode-bidi: normal !important; }")
    assert (await page.evaluate(BIDI_CHECK, unterminated))["found"]


@browser_test
async def test_long_token_does_not_widen_the_page(page, hostile_server):
    """A 5,000-character word wraps (or scrolls inside its box); the page stays readable.
    (Found by this test: the article page was 33,353px wide; fixed in 0f4b24e.)"""
    await page.goto(hostile_server.url + "/hostile/-/media-bias/articles/hostile-long-token")
    overflow = await page.evaluate("""() => ({page: document.documentElement.scrollWidth,
                                        viewport: window.innerWidth})""")
    assert overflow["page"] <= overflow["viewport"] + 1, overflow


# --- no write endpoint -----------------------------------------------------------------------

METHODS = ["POST", "PUT", "PATCH", "DELETE"]
ALL_PATHS = PAGES + [p + ".json" for p in PAGES]
BODY = {"q": "x", "text": "overwritten", "sql": "delete from articles", "title": "changed"}


async def test_no_method_but_get_changes_the_database(hostile_db):
    """Whatever is sent to any plugin path with any method, the database stays the same."""
    ds = make_datasette(hostile_db)
    before = db_digest(hostile_db)
    for path in ALL_PATHS:
        for method in METHODS:
            response = await ds.client.request(method, path, data=BODY)
            assert response.status_code < 500, (method, path, response.status_code)
            response = await ds.client.request(method, path, json=BODY)
            assert response.status_code < 500, (method, path, response.status_code)
    assert db_digest(hostile_db) == before


def test_plugin_paths_refuse_other_methods(hostile_server, hostile_db):
    """Over real HTTP (as a browser or curl would send them): only GET/HEAD are answered.
    (Found by this test: every method used to get the page with 200; fixed in 0f4b24e.)"""
    before = db_digest(hostile_db)
    answered = {}
    for path in ALL_PATHS:
        for method in METHODS:
            status, _ = http_request(hostile_server.url + path, method,
                                     data=b"q=x&text=overwritten",
                                     headers={"content-type":
                                              "application/x-www-form-urlencoded"})
            if status not in (403, 404, 405):
                answered[f"{method} {path}"] = status
    assert db_digest(hostile_db) == before
    assert answered == {}


# --- no SQL built from request values --------------------------------------------------------

SQL_TEXT = re.compile(
    r"\b(select\b|insert\s+(or\s+\w+\s+)?into\b|update\s+\[?\w+\]?\s+set\b|delete\s+from\b|"
    r"replace\s+into\b|create\s+(table|index|view|trigger)\b|drop\s+(table|index|view)\b|"
    r"pragma\b|where\b|order\s+by\b|group\s+by\b|limit\s+[:?\d{])", re.I)
# names of this package's constants that SQL may be formatted from (metric columns)
TRUSTED_NAMES = {"METRIC_NAMES", "COMPARED", "READABILITY", "BY_NAME", "TABLES_NEEDED"}
SAFE_BUILTINS = {"len", "str", "int", "float", "range", "sorted", "list", "tuple", "enumerate",
                 "zip", "repr"}


class SqlFormatting:
    """Finds every expression that formats values into SQL text (f-strings, .format(), %,
    +) in a set of modules and decides whether each value is trusted: built only from
    literals, this package's metric constants and loop variables over them, and functions
    whose every call site passes such values. Anything else (request arguments, URL
    variables, rows read from the database, a parameter fed one of those) is reported."""

    def __init__(self, sources: dict[str, str], sql_modules=("queries.py",)):
        self.trees = {name: ast.parse(src) for name, src in sources.items()}
        # in these modules (the home of the SQL) every formatted string is SQL; elsewhere,
        # those that read like SQL
        self.sql_modules = set(sql_modules)
        self.parents = {}
        self.functions: dict[str, list[ast.FunctionDef]] = {}
        for tree in self.trees.values():
            for node in ast.walk(tree):
                for child in ast.iter_child_nodes(node):
                    self.parents[child] = node
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    self.functions.setdefault(node.name, []).append(node)
        self.sql_expressions = 0

    # -- finding SQL formatting --
    def formatting_sites(self):
        for name, tree in self.trees.items():
            for node in ast.walk(tree):
                parts = self._formatted(node)
                if parts is None:
                    continue
                literal, values = parts
                if name in self.sql_modules or SQL_TEXT.search(literal):
                    yield name, node, values

    def _formatted(self, node):
        """(literal text, interpolated expressions) of a formatting expression, else None."""
        if isinstance(node, ast.JoinedStr):
            literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            values = [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
            return literal, values
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "format" and isinstance(node.func.value, ast.Constant)
                and isinstance(node.func.value.value, str)):
            return node.func.value.value, list(node.args) + [k.value for k in node.keywords]
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mod, ast.Add)):
            literal = "".join(side.value for side in (node.left, node.right)
                              if isinstance(side, ast.Constant) and isinstance(side.value, str))
            if not literal:
                return None
            return literal, [side for side in (node.left, node.right)
                             if not isinstance(side, ast.Constant)]
        return None

    def untrusted(self) -> list[str]:
        found = []
        for module, node, values in self.formatting_sites():
            self.sql_expressions += 1
            for value in values:
                if not self.trusted(value, set()):
                    found.append(f"{module}:{node.lineno}: {ast.unparse(value)[:80]}")
        return found

    # -- trust --
    def trusted(self, node, seen) -> bool:
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.Name):
            return self._trusted_name(node, seen)
        if isinstance(node, ast.Attribute):
            return self.trusted(node.value, seen)
        if isinstance(node, ast.Subscript):
            return self.trusted(node.value, seen) and self.trusted(node.slice, seen)
        if isinstance(node, (ast.JoinedStr, ast.FormattedValue, ast.BinOp, ast.UnaryOp,
                             ast.BoolOp, ast.Compare, ast.Tuple, ast.List, ast.IfExp)):
            return all(self.trusted(c, seen) for c in ast.iter_child_nodes(node)
                       if isinstance(c, ast.expr))
        if isinstance(node, (ast.GeneratorExp, ast.ListComp, ast.SetComp)):
            return (all(self.trusted(g.iter, seen) and all(self.trusted(i, seen) for i in g.ifs)
                        for g in node.generators) and self.trusted(node.elt, seen))
        if isinstance(node, ast.Call):
            func = node.func
            args = list(node.args) + [k.value for k in node.keywords]
            if isinstance(func, ast.Name) and (func.id in SAFE_BUILTINS
                                               or func.id in self.functions):
                # a module function's own formatting is checked where it happens
                return all(self.trusted(a, seen) for a in args)
            if isinstance(func, ast.Attribute) and func.attr in ("join", "upper", "lower",
                                                                 "strip", "replace"):
                return self.trusted(func.value, seen) and all(self.trusted(a, seen)
                                                              for a in args)
            return False
        return False

    def _trusted_name(self, node: ast.Name, seen) -> bool:
        name = node.id
        if name in TRUSTED_NAMES:
            return True
        key = (name, id(self._scope(node)))
        if key in seen:
            return True  # a cycle adds nothing untrusted
        seen = seen | {key}
        # a comprehension or for-loop variable: trusted if what it iterates over is
        parent = node
        while parent in self.parents:
            parent = self.parents[parent]
            gens = getattr(parent, "generators", None)
            if gens:
                for g in gens:
                    if name in _targets(g.target):
                        return self.trusted(g.iter, seen)
        scope = self._scope(node)
        sources = []
        for stmt in ast.walk(scope):
            if self._scope(stmt) is not scope and stmt is not scope:
                continue
            if isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                if any(name in _targets(t) for t in targets) and stmt.value is not None:
                    sources.append(stmt.value)
            elif isinstance(stmt, (ast.For, ast.AsyncFor)) and name in _targets(stmt.target):
                sources.append(stmt.iter)
            elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
                if any((alias.asname or alias.name) == name for alias in stmt.names):
                    return name in TRUSTED_NAMES
        if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
            params = [a.arg for a in scope.args.posonlyargs + scope.args.args
                      + scope.args.kwonlyargs]
            if name in params:
                return self._trusted_parameter(scope, name, params, seen)
        if not sources and isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
            # a name from the enclosing module
            module = self._module(scope)
            return self._trusted_name_in(module, node, seen)
        return bool(sources) and all(self.trusted(s, seen) for s in sources)

    def _trusted_name_in(self, module, node, seen) -> bool:
        sources = [s.value for s in module.body if isinstance(s, ast.Assign)
                   and any(node.id in _targets(t) for t in s.targets)]
        return bool(sources) and all(self.trusted(s, seen) for s in sources)

    def _trusted_parameter(self, function, name, params, seen) -> bool:
        index = params.index(name)
        calls = [c for tree in self.trees.values() for c in ast.walk(tree)
                 if isinstance(c, ast.Call) and _called_name(c) == function.name]
        if not calls:
            return False  # called from elsewhere: its arguments cannot be vouched for
        for call in calls:
            arg = next((k.value for k in call.keywords if k.arg == name), None)
            if arg is None and index < len(call.args):
                arg = call.args[index]
            if arg is None:
                default = _default(function, name)
                if default is None or not self.trusted(default, seen):
                    return False
            elif not self.trusted(arg, seen):
                return False
        return True

    def _scope(self, node):
        parent = node
        while parent in self.parents:
            parent = self.parents[parent]
            if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)):
                return parent
        return parent

    def _module(self, node):
        while node in self.parents:
            node = self.parents[node]
        return node


def _targets(target) -> set[str]:
    return {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}


def _called_name(call: ast.Call):
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _default(function, name):
    args = function.args.posonlyargs + function.args.args
    defaults = function.args.defaults
    offset = len(args) - len(defaults)
    for i, a in enumerate(args):
        if a.arg == name and i >= offset:
            return defaults[i - offset]
    for a, d in zip(function.args.kwonlyargs, function.args.kw_defaults):
        if a.arg == name:
            return d
    return None


PLUGIN = ROOT / "plugin" / "web"
SQL_MODULES = ["queries.py", "views.py", "state.py"]
# the modules that run the pages' queries (queries.py defines them and the helpers that run them)
RUNNERS = ["views.py", "state.py"]


def test_no_sql_is_formatted_from_request_values():
    sources = {name: (PLUGIN / name).read_text(encoding="utf-8") for name in SQL_MODULES}
    checker = SqlFormatting(sources)
    assert checker.untrusted() == []
    # not vacuous: queries.py does format metric column names into its SQL
    assert checker.sql_expressions >= 5


def query_helpers() -> dict[str, int]:
    """queries.py's functions that run the SQL they are given: name -> which argument."""
    helpers: dict[str, int] = {}
    views_sql_problems((PLUGIN / "queries.py").read_text(encoding="utf-8"), helpers)
    return helpers


def views_sql_problems(source: str, helpers: dict | None = None) -> list[str]:
    """Queries a views module runs that are not constants of queries.py, SQL text of its own,
    and any write call. A helper that passes its own parameter to execute() (like
    ``rows(db, sql, params)``) is followed to its callers, which must pass a constant; so are
    ``helpers`` (name -> argument position) defined elsewhere, e.g. ``query_helpers()``."""
    tree = ast.parse(source)
    helpers = {} if helpers is None else helpers
    helper_calls = set()
    functions = [fn for fn in ast.walk(tree)
                 if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef))]
    # db.execute_fn(run), where run is a function defined right there: its own execute()
    # calls are what is checked (traced to the enclosing function's parameters below)
    for fn in functions:
        local = {inner.name for inner in ast.walk(fn) if inner is not fn
                 and isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef))}
        for call in ast.walk(fn):
            if (isinstance(call, ast.Call) and _called_name(call) == "execute_fn"
                    and call.args and isinstance(call.args[0], ast.Name)
                    and call.args[0].id in local):
                helper_calls.add(call)
    changed = True
    while changed:  # helpers of helpers: followed until no new one is found
        changed = False
        for fn in functions:
            params = [a.arg for a in fn.args.args]
            for call in ast.walk(fn):
                if not isinstance(call, ast.Call) or call in helper_calls:
                    continue
                called = _called_name(call)
                position = 0 if called == "execute" else helpers.get(called)
                if (position is not None and len(call.args) > position
                        and isinstance(call.args[position], ast.Name)
                        and call.args[position].id in params):
                    helpers[fn.name] = params.index(call.args[position].id)
                    helper_calls.add(call)
                    changed = True
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if re.search(r"\bselect\b.*\bfrom\b|\binsert\s+into\b|\bdelete\s+from\b|"
                         r"\bupdate\s+\w+\s+set\b", node.value, re.I | re.S):
                found.append(f"SQL text in views: {node.value[:80]!r}")
        if not isinstance(node, ast.Call):
            continue
        called = _called_name(node)
        if called in ("execute_write", "execute_write_many", "execute_write_fn",
                      "execute_write_script", "execute_write_dict"):
            found.append(f"write: {ast.unparse(node)[:80]}")
        sql = None
        if called in ("execute", "execute_fn") and node.args and node not in helper_calls:
            sql = node.args[0]
        elif called in helpers and len(node.args) > helpers[called] and node not in helper_calls:
            sql = node.args[helpers[called]]
        if sql is not None and not (isinstance(sql, ast.Attribute)
                                    and isinstance(sql.value, ast.Name)
                                    and sql.value.id == "queries"):
            found.append(f"query not from queries.py: {ast.unparse(node)[:80]}")
    return found


@pytest.mark.parametrize("module", RUNNERS)
def test_pages_take_their_sql_from_queries(module):
    """views.py and state.py hold no SQL of their own and write nothing: every query they run
    is a constant of queries.py."""
    assert {"rows", "unlimited_rows"} <= set(query_helpers())
    source = (PLUGIN / module).read_text(encoding="utf-8")
    assert views_sql_problems(source, query_helpers()) == []
    # not vacuous: the module does run queries, and a query of its own would be caught
    assert "queries." in source
    bad = source + ("\nasync def _probe(db, request):\n"
                    "    await rows(db, f\"select * from articles where id = "
                    "'{request.args['id']}'\")\n"
                    "    await db.execute('select 1 from articles')\n"
                    "    await db.execute_write('delete from articles')\n")
    problems = " | ".join(views_sql_problems(bad, query_helpers()))
    for expected in ("query not from queries.py: rows(db, f", "query not from queries.py: "
                     "db.execute('select 1", "write: db.execute_write"):
        assert expected in problems


@pytest.mark.parametrize("source", [
    "def view(request):\n    return f\"select * from t where id = '{request.args['id']}'\"",
    "def view(request):\n    q = request.args.get('q')\n    sql = \"select * from t where q = '%s'\" % q",
    "def view(request):\n    return 'select * from t where id = {}'.format(request.url_vars['id'])",
    "def view(request):\n    return \"select * from t where id = '\" + request.args['id'] + \"'\"",
    "def where(x):\n    return f'select 1 from t where {x}'\n"
    "async def view(request):\n    return where(request.args['w'])",
    "async def view(db, key):\n    for r in await db.execute('select name from t'):\n"
    "        await db.execute(f'select * from [{r[0]}] where k = :k', {'k': key})",
])
def test_sql_checker_catches_formatting_of_untrusted_values(source):
    assert SqlFormatting({"bad.py": source}).untrusted(), source


def test_sql_checker_follows_values_across_modules():
    """A queries.py helper is trusted only while every caller, views.py included, passes it
    constants: the real queries.py with one request value passed in is caught."""
    queries = (PLUGIN / "queries.py").read_text(encoding="utf-8")
    helpers = [m.group(1) for m in re.finditer(r"^def (\w+)\((\w+)", queries, re.M)]
    assert helpers, "queries.py has no SQL-building helper left to check"
    for helper in helpers:
        views = (f"from . import queries\nasync def view(datasette, request):\n"
                 f"    sql = queries.{helper}(request.args.get('x'))\n")
        checker = SqlFormatting({"queries.py": queries, "views.py": views})
        assert checker.untrusted(), helper


def test_sql_checker_accepts_constants():
    source = ("from .metrics import COMPARED\nMETRIC_NAMES = [m.name for m in COMPARED]\n"
              "COLS = ', '.join(f'a.[{m}]' for m in METRIC_NAMES)\n"
              "def spread(where):\n    return f'select {COLS} from a where {where}'\n"
              "SPREAD = spread('a.story = :story')\n")
    checker = SqlFormatting({"ok.py": source})
    assert checker.untrusted() == [] and checker.sql_expressions == 1


async def test_request_values_never_reach_sql_text(hostile_db, monkeypatch):
    """While serving every page with hostile keys and query values, no SQL text the plugin
    runs contains any of them: they travel as parameters only."""
    from datasette.database import Database

    executed = []
    original = Database.execute

    async def recording(self, sql, params=None, *args, **kwargs):
        executed.append((sql, params))
        return await original(self, sql, params, *args, **kwargs)

    monkeypatch.setattr(Database, "execute", recording)
    ds = make_datasette(hostile_db)
    evil = "zq' or 1=1; drop table articles; --\"]"
    paths = ALL_PATHS + [
        "/hostile/-/media-bias.json?" + "q=" + evil.replace(" ", "+").replace(";", "%3B"),
        "/hostile/-/media-bias?q=%5D%27%29+union+select+1--&_size=1%27&page=2%27",
        "/hostile/-/media-bias/stories/" + tilde_encode(evil) + ".json",
        "/hostile/-/media-bias/articles/" + tilde_encode(evil),
        "/hostile/-/media-bias/outlets/" + tilde_encode(evil) + "?_size=1%27",
    ]
    for path in paths:
        response = await ds.client.get(path)
        assert response.status_code in (200, 404), (path, response.status_code)
    assert executed
    needles = ["zq'", "union select", "1=1", MARKER, "hostile-script", "hostile-story",
               "_size", "onerror"]
    leaked = [(n, sql[:120]) for sql, _ in executed for n in needles if n in sql]
    assert leaked == []
    # ... and they did reach the database, as parameters
    params = json.dumps([p for _, p in executed], default=str)
    assert "zq'" in params and "hostile-story" in params and "union select" in params
