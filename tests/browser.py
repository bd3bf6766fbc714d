"""Helpers for the real-browser tests: a real ``datasette serve`` on 127.0.0.1 and a headless
Chromium (Debian's ``chromium``) driven by Playwright.

Without Chromium (or Playwright) the browser tests skip with a message saying so, except under
CI (``CI=true``), where ``.ci/run`` installs Chromium and a missing browser is a failure.

Import the fixtures into a test module with ``from browser import browser, page, ...`` and mark
the tests that use them ``@browser_test`` (they run on pytest-asyncio's session loop, with
Playwright's async API); the browser is shared by every module of the session (one Chromium
per test run).
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import pytest_asyncio

ROOT = Path(__file__).resolve().parent.parent
METADATA = ROOT / "metadata.yml"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# schemes that never leave the machine
LOCAL_SCHEMES = {"data", "blob", "about"}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def chromium_path() -> str | None:
    """Debian's chromium (or $CHROMIUM), or None."""
    override = os.environ.get("CHROMIUM")
    if override:
        return override if Path(override).exists() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def browser_unavailable(reason: str):
    """Skip, with a message saying what is missing -- or fail under CI, which must run them."""
    message = (f"browser tests need {reason}: install Debian's chromium "
               f"(apt-get install chromium); .ci/run installs it under CI")
    if in_ci():
        pytest.fail(f"CI=true but {message}", pytrace=False)
    pytest.skip(message)


# --- a real Datasette server -----------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url: str, timeout: float = 10.0):
    """(status, headers, body bytes) for a GET, with no proxy in the way."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def http_request(url: str, method: str, data: bytes | None = None,
                 headers: dict | None = None, timeout: float = 10.0):
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with opener.open(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def get_json(base: str, path: str):
    status, _, body = http_get(base + path)
    assert status == 200, f"GET {path}: {status} {body[:300]!r}"
    return json.loads(body)


class DatasetteServer:
    """``datasette serve DB --metadata metadata.yml`` on 127.0.0.1 and a free port."""

    def __init__(self, db_path: Path, log_dir: Path, extra_args=()):
        self.db_path = Path(db_path)
        self.log_path = Path(log_dir) / f"datasette-{self.db_path.stem}.log"
        self.extra_args = list(extra_args)
        self.proc = None
        self.url = None

    def start(self, timeout: float = 30.0):
        last_error = None
        for _attempt in range(3):  # a free port can be taken between probe and bind
            port = free_port()
            self.url = f"http://127.0.0.1:{port}"
            log = open(self.log_path, "ab")
            env = {**os.environ, "PYTHONUNBUFFERED": "1"}
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "datasette", "serve", str(self.db_path),
                 "--metadata", str(METADATA), "--host", "127.0.0.1", "--port", str(port),
                 *self.extra_args],
                stdout=log, stderr=subprocess.STDOUT, env=env, cwd=str(ROOT))
            log.close()
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    last_error = f"datasette exited with {self.proc.returncode}"
                    break
                try:
                    status, _, _ = http_get(self.url + "/-/versions.json", timeout=2)
                    if status == 200:
                        return self
                except OSError as e:
                    last_error = str(e)
                time.sleep(0.1)
            else:
                self.stop()
                raise RuntimeError(f"datasette did not start in {timeout}s: {last_error}\n"
                                   f"{self.log()}")
        raise RuntimeError(f"datasette could not start: {last_error}\n{self.log()}")

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-3000:]
        except OSError:
            return ""

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


@contextlib.contextmanager
def serve(db_path: Path, log_dir: Path, extra_args=()):
    with DatasetteServer(db_path, log_dir, extra_args) as server:
        yield server


@pytest.fixture(scope="session")
def demo_server(seeds_db, tmp_path_factory):
    """The demo corpus (database "news") served by a real ``datasette serve``."""
    with serve(seeds_db, tmp_path_factory.mktemp("demo-server")) as server:
        yield server


# --- one headless Chromium for the whole session ---------------------------------------------
#
# Playwright's async API, on pytest-asyncio's session event loop: its sync API keeps an event
# loop marked as running on the main thread for as long as it is started, which would break
# every ordinary async test that runs after the first browser test.

browser_test = pytest.mark.asyncio(loop_scope="session")
_SHARED = {"users": 0}


async def _launch():
    path = chromium_path()
    if path is None:
        browser_unavailable("Chromium, which is not installed")
    try:
        from playwright.async_api import async_playwright
    except ImportError:
        browser_unavailable("Python's playwright package (pip install -e '.[test]')")
    playwright = await async_playwright().start()
    try:
        chrome = await playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS,
                                                  headless=True)
    except Exception as e:  # a broken chromium is not "absent": report it
        await playwright.stop()
        raise RuntimeError(f"could not start {path}: {e}") from e
    _SHARED.update(playwright=playwright, browser=chrome)
    return chrome


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def browser():
    """A headless Chromium shared by every test module of the session."""
    chrome = _SHARED.get("browser") or await _launch()
    _SHARED["users"] += 1
    yield chrome
    _SHARED["users"] -= 1
    if _SHARED["users"] == 0:
        await _SHARED.pop("browser").close()
        await _SHARED.pop("playwright").stop()


class Recorder:
    """Everything a page did that a test may want to refuse: console errors, uncaught
    exceptions, dialogs, and every request (with the non-local ones blocked)."""

    def __init__(self):
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.failed: list[tuple[str, str]] = []  # (url, why)

    def reset(self):
        self.__init__()

    async def attach(self, context, page):
        def on_console(msg):
            if msg.type == "error":
                self.console_errors.append(f"{msg.text} @ {msg.location}")

        async def on_dialog(dialog):
            self.dialogs.append(f"{dialog.type}: {dialog.message}")
            await dialog.dismiss()

        async def route(route):
            # every request is recorded by the "request" event below; this only makes sure
            # none leaves the machine
            if is_local(route.request.url):
                await route.continue_()
            else:
                await route.abort()

        page.on("console", on_console)
        page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))
        page.on("dialog", on_dialog)
        page.on("requestfailed",
                lambda request: self.failed.append((request.url, request.failure)))
        await context.route("**/*", route)
        context.on("request", lambda request: self.requests.append(request.url))

    def non_local_requests(self) -> list[str]:
        return [u for u in self.requests if not is_local(u)]

    def problems(self) -> dict:
        """Console errors, page errors, dialogs and non-local requests, for one assert."""
        found = {"console errors": self.console_errors, "page errors": self.page_errors,
                 "dialogs": self.dialogs, "requests leaving localhost": self.non_local_requests(),
                 "failed local requests": [f"{url}: {why}" for url, why in self.failed
                                           if is_local(url)]}
        return {k: v for k, v in found.items() if v}


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname in LOCAL_HOSTS


@pytest_asyncio.fixture(loop_scope="session")
async def page(browser):
    """A fresh context and page; ``page.recorder`` holds what the page did."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900},
                                        service_workers="block")
    p = await context.new_page()
    p.set_default_timeout(15_000)
    recorder = Recorder()
    await recorder.attach(context, p)
    p.recorder = recorder
    yield p
    await context.close()


def screenshot_name(path: str) -> str:
    """A file name for a page path: '/news/-/media-bias/stories/a~2Eb' -> 'news-story-a-2Eb'."""
    name = path.replace("/-/media-bias", "").strip("/") or "media-bias"
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", name.replace("/stories/", "/story-")
                  .replace("/articles/", "/article-").replace("/outlets/", "/outlet-"))
    return name.strip("-")[:150] or "page"


async def save_screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{name}.png"
    await page.screenshot(path=str(target), full_page=True)
    return target


async def chart_report(page) -> list[dict]:
    """Every chart (figure.mb-chart) with its SVG's rendered size and count of dots."""
    return await page.eval_on_selector_all("figure.mb-chart", """figures => figures.map(f => {
        const svg = f.querySelector('svg');
        const box = svg ? svg.getBoundingClientRect() : null;
        return {metric: f.dataset.metric || null, svg: !!svg,
                width: box ? box.width : 0, height: box ? box.height : 0,
                dots: svg ? svg.querySelectorAll('circle').length : 0,
                drawn_dots: svg ? [...svg.querySelectorAll('circle')].filter(c => {
                    const b = c.getBoundingClientRect(); return b.width > 0 && b.height > 0;
                }).length : 0};
    })""")
