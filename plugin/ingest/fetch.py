"""Polite downloading of news pages, feeds and sitemaps for ``media-bias fetch`` (stdlib
``urllib``; no other room of the package). The pages land in a cache folder, which the saved-page
reader (``html.read_pages``) loads like saved pages.

Public API
----------
- ``fetch(urls, cache_dir, user_agent=USER_AGENT, rate_per_host_seconds=1.0, timeout=20,
  retries=3, max_bytes=10_000_000, on_progress=None, summary=None, ...)`` -> iterator of
  ``Fetched(url, data, final_url)`` (a 3-tuple, with ``.encoding`` and ``.content_type``
  attributes) or ``Problem(where=url, message, fatal)``.
- ``expand_feed(url, fetcher=None, **kw) -> list[str]``: article links of an RSS/Atom feed.
- ``expand_sitemap(url, fetcher=None, **kw) -> list[str]``: page URLs of a sitemap or sitemap
  index (followed recursively, also ``.xml.gz``).
- ``parse_feed(data) / parse_sitemap(data)``: the same on bytes.
- ``Fetcher``: the politeness machinery (robots.txt, per-host rate limit, retries, cache).
- ``Summary``: counters; ``str(summary)`` is the one-line end-of-run summary.

Politeness: robots.txt is read once per host (``urllib.robotparser``; a missing robots.txt
allows everything, 401/403 or a server error forbids the host, as Google does); requests to
one host are spaced by ``rate_per_host_seconds`` or the robots ``Crawl-delay``, whichever is
longer; 429 and 5xx responses, timeouts and connection errors are retried ``retries`` times
with exponential back-off (honouring ``Retry-After`` up to 60 s); redirects are followed by
hand (at most 10, a URL seen twice is a loop, each hop checked against robots.txt);
bodies over ``max_bytes`` are refused (by Content-Length, or while reading).  Successful
responses are stored in ``cache_dir`` (``<sha1 of url>.body`` + ``.json``), so a re-run makes
no request for them.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import socket
import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Callable, Iterable, Iterator
from urllib.parse import urljoin, urlsplit, urlunsplit
import xml.etree.ElementTree as ET

try:
    from importlib.metadata import version as _pkg_version
    VERSION = _pkg_version("datasette-media-bias")
except Exception:  # not installed (development checkout)
    VERSION = "0.1.0"
PROJECT_URL = "https://pypi.org/project/datasette-media-bias/"
USER_AGENT = f"datasette-media-bias/{VERSION} (+{PROJECT_URL})"
ROBOTS_AGENT = "datasette-media-bias"


from .records import Problem


class FetchError(Exception):
    """One URL could not be downloaded; ``str(err)`` is a one-line message."""

    def __init__(self, message: str, status: int | None = None, kind: str = "error"):
        super().__init__(message)
        self.status = status
        self.kind = kind


class Fetched(tuple):
    """``(url, data, final_url)`` with extra attributes ``content_type``, ``encoding``,
    ``from_cache``."""

    def __new__(cls, url, data, final_url, content_type="", from_cache=False, path=None):
        t = super().__new__(cls, (url, data, final_url))
        t.path = path  # the cached body (<sha1>.body), which `media-bias load` reads
        t.content_type = content_type
        m = re.search(r"charset=\s*[\"']?([\w.:-]+)", content_type or "", re.I)
        t.encoding = m.group(1) if m else None
        t.from_cache = from_cache
        return t

    url = property(lambda self: self[0])
    data = property(lambda self: self[1])
    final_url = property(lambda self: self[2])


@dataclass
class Summary:
    requested: int = 0
    downloaded: int = 0
    from_cache: int = 0
    duplicates: int = 0
    robots_blocked: int = 0
    http_errors: int = 0
    timeouts: int = 0
    too_large: int = 0
    not_html: int = 0
    redirect_loops: int = 0
    other_errors: int = 0
    retries: int = 0
    requests: int = 0  # HTTP requests actually sent (robots.txt included)
    bytes: int = 0

    def count_error(self, kind: str):
        attr = {"robots": "robots_blocked", "http": "http_errors", "timeout": "timeouts",
                "size": "too_large", "not_html": "not_html", "loop": "redirect_loops",
                "duplicate": "duplicates"}.get(kind, "other_errors")
        setattr(self, attr, getattr(self, attr) + 1)

    @property
    def failed(self) -> int:
        return (self.robots_blocked + self.http_errors + self.timeouts + self.too_large +
                self.not_html + self.redirect_loops + self.other_errors)

    def as_dict(self) -> dict:
        return dict(self.__dict__, failed=self.failed)

    def __str__(self) -> str:
        parts = [f"{self.requested} URLs", f"{self.downloaded} downloaded",
                 f"{self.from_cache} from cache"]
        for name in ("duplicates", "robots_blocked", "http_errors", "timeouts", "too_large",
                     "not_html", "redirect_loops", "other_errors"):
            n = getattr(self, name)
            if n:
                parts.append(f"{n} {name.replace('_', ' ')}")
        parts.append(f"{self.requests} requests, {self.bytes:,} bytes")
        return ", ".join(parts)


def normalize_url(url: str) -> str:
    """Lower-case scheme and host, drop the fragment and a default port; for duplicates."""
    p = urlsplit(url.strip())
    host = (p.hostname or "").lower()
    if p.port and not ((p.scheme == "http" and p.port == 80) or
                       (p.scheme == "https" and p.port == 443)):
        host = f"{host}:{p.port}"
    return urlunsplit((p.scheme.lower(), host, p.path or "/", p.query, ""))


def cache_path(cache_dir, url: str) -> Path:
    """Where the fetch cache keeps the body of ``url`` (its metadata: the same name, .json)."""
    h = hashlib.sha1(normalize_url(url).encode("utf-8")).hexdigest()
    return Path(cache_dir) / f"{h}.body"


def default_cache(db_path) -> Path:
    """The cache folder of ``media-bias fetch`` when none is given: beside the database,
    ``news.db`` -> ``news.cache``."""
    return Path(db_path).with_suffix(".cache")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # we follow redirects by hand (loop detection, robots on each hop)


_HTML_TYPES = ("text/html", "application/xhtml+xml")
_XML_TYPES = ("xml", "rss", "atom", "text/plain", "application/octet-stream",
              "application/x-gzip", "application/gzip")


class Fetcher:
    """Polite HTTP client shared by ``fetch`` and the feed/sitemap helpers."""

    def __init__(self, cache_dir=None, user_agent: str = USER_AGENT,
                 rate_per_host_seconds: float = 1.0, timeout: float = 20, retries: int = 3,
                 max_bytes: int = 10_000_000, backoff_seconds: float = 1.0,
                 max_redirects: int = 10, summary: Summary | None = None,
                 sleep: Callable[[float], None] = time.sleep):
        self.cache_dir = Path(cache_dir) if cache_dir else None
        if self.cache_dir:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
        self.user_agent = user_agent
        self.rate = rate_per_host_seconds
        self.timeout = timeout
        self.retries = retries
        self.max_bytes = max_bytes
        self.backoff = backoff_seconds
        self.max_redirects = max_redirects
        self.summary = summary if summary is not None else Summary()
        self.sleep = sleep
        self._last: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | str] = {}
        self._delay: dict[str, float] = {}
        self._opener = urllib.request.build_opener(_NoRedirect)

    # ---------------------------------------------------------------- cache
    def _cache_paths(self, url: str):
        body = cache_path(self.cache_dir, url)
        return body, body.with_suffix(".json")

    def cached(self, url: str):
        if not self.cache_dir:
            return None
        body, meta = self._cache_paths(url)
        if body.exists() and meta.exists():
            try:
                m = json.loads(meta.read_text(encoding="utf-8"))
                return body.read_bytes(), m
            except (OSError, ValueError):
                return None
        return None

    def _store(self, url: str, data: bytes, final_url: str, content_type: str, status: int):
        if not self.cache_dir:
            return
        body, meta = self._cache_paths(url)
        tmp = body.with_suffix(".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, body)
        meta.write_text(json.dumps({"url": url, "final_url": final_url, "status": status,
                                    "content_type": content_type, "bytes": len(data),
                                    "fetched_at": time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                                                time.gmtime())}),
                        encoding="utf-8")

    # ---------------------------------------------------------------- politeness
    def _wait(self, host: str):
        gap = max(self.rate, self._delay.get(host, 0.0))
        last = self._last.get(host)
        if last is not None:
            wait = last + gap - time.monotonic()
            if wait > 0:
                self.sleep(wait)
        self._last[host] = time.monotonic()

    def allowed(self, url: str) -> bool | str:
        """True when robots.txt allows ``url``; otherwise a reason string."""
        p = urlsplit(url)
        base = f"{p.scheme}://{p.netloc}"
        rp = self._robots.get(base)
        if rp is None:
            rp = self._load_robots(base)
            self._robots[base] = rp
        if isinstance(rp, str):
            return rp
        if rp.can_fetch(ROBOTS_AGENT, url):
            return True
        return "disallowed by robots.txt"

    def _load_robots(self, base: str):
        rp = urllib.robotparser.RobotFileParser(base + "/robots.txt")
        try:
            status, _, data, _ = self._request(base + "/robots.txt", max_bytes=500_000,
                                               retries=1)
        except FetchError as e:
            if e.status is not None and 400 <= e.status < 500 and e.status not in (401, 403,
                                                                                  429):
                rp.parse([])  # no robots.txt: everything allowed
                return rp
            if e.status in (401, 403):
                return f"robots.txt answers HTTP {e.status}: host not crawlable"
            return f"robots.txt unavailable ({e}); not crawling this host"
        rp.parse(data.decode("utf-8", "replace").splitlines())
        delay = rp.crawl_delay(ROBOTS_AGENT)
        if delay:
            self._delay[urlsplit(base).netloc] = min(float(delay), 60.0)
        return rp

    # ---------------------------------------------------------------- HTTP
    def _request(self, url: str, max_bytes: int | None = None, retries: int | None = None):
        """One GET with retries (no redirects followed): (status, headers, body, url)."""
        max_bytes = self.max_bytes if max_bytes is None else max_bytes
        retries = self.retries if retries is None else retries
        host = urlsplit(url).netloc
        attempt = 0
        while True:
            self._wait(host)
            self.summary.requests += 1
            req = urllib.request.Request(url, headers={
                "User-Agent": self.user_agent,
                "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5",
                "Accept-Encoding": "gzip"})
            retry_after = None
            try:
                with self._opener.open(req, timeout=self.timeout) as resp:
                    return self._read(resp, url, max_bytes)
            except urllib.error.HTTPError as e:
                status = e.code
                if 300 <= status < 400:
                    loc = e.headers.get("Location")
                    e.close()
                    return status, e.headers, b"", urljoin(url, loc or "")
                if status == 429 or 500 <= status < 600:
                    err = FetchError(f"HTTP {status} {e.reason}", status, "http")
                    retry_after = _retry_after(e.headers.get("Retry-After"))
                else:
                    e.close()
                    raise FetchError(f"HTTP {status} {e.reason}", status, "http")
                e.close()
            except (socket.timeout, TimeoutError):
                err = FetchError(f"timed out after {self.timeout:g} s", None, "timeout")
            except urllib.error.URLError as e:
                reason = e.reason
                if isinstance(reason, (socket.timeout, TimeoutError)):
                    err = FetchError(f"timed out after {self.timeout:g} s", None, "timeout")
                else:
                    err = FetchError(f"connection failed: {reason}", None, "error")
            except (ConnectionError, OSError, ValueError) as e:  # reset, bad URL, http.client
                if isinstance(e, FetchError):
                    raise
                err = FetchError(f"connection failed: {e}", None, "error")
            if attempt >= retries:
                if attempt:
                    err.args = (f"{err.args[0]} (after {attempt + 1} attempts)",)
                raise err
            attempt += 1
            self.summary.retries += 1
            delay = self.backoff * (2 ** (attempt - 1))
            if retry_after is not None:
                delay = max(delay, min(retry_after, 60.0))
            self.sleep(delay)

    def _read(self, resp, url, max_bytes):
        length = resp.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > max_bytes:
            raise FetchError(f"too large: {int(length):,} bytes > cap {max_bytes:,}",
                             resp.status, "size")
        buf = io.BytesIO()
        while True:
            chunk = resp.read(65536)
            if not chunk:
                break
            buf.write(chunk)
            if buf.tell() > max_bytes:
                raise FetchError(f"too large: over the cap of {max_bytes:,} bytes",
                                 resp.status, "size")
        data = buf.getvalue()
        if (resp.headers.get("Content-Encoding") or "").lower() == "gzip":
            data = _gunzip(data, max_bytes)
        self.summary.bytes += len(data)
        return resp.status, resp.headers, data, url

    def get(self, url: str, accept: tuple[str, ...] | None = _HTML_TYPES,
            use_cache: bool = True) -> Fetched:
        """Download one URL politely (robots, redirects, cache).  Raises FetchError."""
        if use_cache:
            hit = self.cached(url)
            if hit is not None:
                data, m = hit
                return Fetched(url, data, m.get("final_url") or url,
                               m.get("content_type") or "", from_cache=True,
                               path=self._cache_paths(url)[0])
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError("not an http(s) URL", None, "error")
        seen = [normalize_url(url)]
        current = url
        for _hop in range(self.max_redirects + 1):
            ok = self.allowed(current)
            if ok is not True:
                raise FetchError(ok + (f" (redirected to {current})" if current != url else ""),
                                 None, "robots")
            status, headers, data, target = self._request(current)
            if 300 <= status < 400:
                if not target or urlsplit(target).scheme not in ("http", "https"):
                    raise FetchError(f"HTTP {status} redirect without a usable Location",
                                     status, "http")
                n = normalize_url(target)
                if n in seen:
                    raise FetchError(f"redirect loop: {' -> '.join(seen + [n])}", status,
                                     "loop")
                seen.append(n)
                current = target
                continue
            ctype = headers.get("Content-Type") or ""
            if accept and ctype and not any(a in ctype.lower() for a in accept):
                raise FetchError(f"not an HTML page: content type {ctype.split(';')[0]}",
                                 status, "not_html")
            self._store(url, data, current, ctype, status)
            return Fetched(url, data, current, ctype,
                           path=self._cache_paths(url)[0] if self.cache_dir else None)
        raise FetchError(f"too many redirects (over {self.max_redirects})", None, "loop")


def _retry_after(value) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as g:
            out = g.read(max_bytes + 1)
    except (OSError, EOFError) as e:
        raise FetchError(f"bad gzip data: {e}", None, "error")
    if len(out) > max_bytes:
        raise FetchError(f"too large: over the cap of {max_bytes:,} bytes unzipped", None,
                         "size")
    return out


# --------------------------------------------------------------------------- fetch

def fetch(urls: Iterable[str], cache_dir, user_agent: str = USER_AGENT,
          rate_per_host_seconds: float = 1.0, timeout: float = 20, retries: int = 3,
          max_bytes: int = 10_000_000, on_progress: Callable | None = None,
          summary: Summary | None = None, fetcher: Fetcher | None = None,
          backoff_seconds: float = 1.0) -> Iterator:
    """Download each URL once; yield ``Fetched(url, data, final_url)`` or ``Problem``.

    ``on_progress(done, total, url, outcome)`` is called after each URL (``total`` is None
    when ``urls`` is a generator; ``outcome`` is "downloaded", "cache" or the problem
    message).  Pass a ``Summary`` to read the counters afterwards (or use
    ``fetcher.summary``).  Duplicate URLs (after normalisation, or two URLs redirected to
    the same page) are reported as non-fatal problems.
    """
    f = fetcher or Fetcher(cache_dir, user_agent=user_agent,
                           rate_per_host_seconds=rate_per_host_seconds, timeout=timeout,
                           retries=retries, max_bytes=max_bytes,
                           backoff_seconds=backoff_seconds, summary=summary)
    s = f.summary
    try:
        total = len(urls)  # type: ignore[arg-type]
    except TypeError:
        total = None
    seen: dict[str, str] = {}
    done = 0
    for raw in urls:
        url = (raw or "").strip()
        if not url or url.startswith("#"):
            continue
        s.requested += 1
        done += 1
        n = normalize_url(url)
        if n in seen:
            s.duplicates += 1
            msg = f"duplicate URL (same as {seen[n]})"
            yield Problem(url, msg, fatal=False)
            _progress(on_progress, done, total, url, msg)
            continue
        seen[n] = url
        try:
            got = f.get(url)
        except FetchError as e:
            s.count_error(e.kind)
            yield Problem(url, str(e), fatal=True)
            _progress(on_progress, done, total, url, str(e))
            continue
        fn = normalize_url(got.final_url)
        if fn != n and fn in seen:
            s.duplicates += 1
            msg = f"duplicate page: redirected to {got.final_url} (same as {seen[fn]})"
            yield Problem(url, msg, fatal=False)
            _progress(on_progress, done, total, url, msg)
            continue
        seen.setdefault(fn, url)
        if got.from_cache:
            s.from_cache += 1
        else:
            s.downloaded += 1
        yield got
        _progress(on_progress, done, total, url, "cache" if got.from_cache else "downloaded")


def _progress(cb, done, total, url, outcome):
    if cb is not None:
        cb(done, total, url, outcome)


# --------------------------------------------------------------------------- feeds, sitemaps

def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _parse_xml(data: bytes):
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, 50_000_000)
    head = data[:4096]
    if b"<!ENTITY" in head.upper() or b"<!ENTITY" in data.upper()[:65536]:
        raise ValueError("XML with entity declarations refused")
    try:
        return ET.fromstring(data)
    except ET.ParseError as e:
        raise ValueError(f"not valid XML: {e}")


def parse_feed(data: bytes, base_url: str = "") -> list[str]:
    """Article links of an RSS 0.9x/1.0/2.0 or Atom feed, in feed order, deduplicated."""
    root = _parse_xml(data)
    out = []
    for el in root.iter():
        name = _local(el.tag)
        if name == "item":  # RSS: <link>, else a permalink <guid>
            link = next((c.text for c in el if _local(c.tag) == "link" and (c.text or "").strip()),
                        None)
            if not link:
                for c in el:
                    if _local(c.tag) == "guid" and (c.get("isPermaLink", "true") != "false") \
                            and (c.text or "").strip().startswith("http"):
                        link = c.text
            if not link:
                link = el.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
            if link:
                out.append(urljoin(base_url, link.strip()))
        elif name == "entry":  # Atom: <link rel="alternate" href>, rel defaults to alternate
            links = [c for c in el if _local(c.tag) == "link"]
            pick = next((c for c in links if c.get("rel", "alternate") == "alternate" and
                         (c.get("type") or "text/html").endswith("html")), None)
            if pick is not None and pick.get("href"):
                out.append(urljoin(base_url, pick.get("href").strip()))
    if not out and _local(root.tag) not in ("rss", "feed", "rdf"):
        raise ValueError(f"not an RSS or Atom feed (root element <{_local(root.tag)}>)")
    return list(dict.fromkeys(out))


def parse_sitemap(data: bytes, base_url: str = "") -> tuple[list[str], list[str]]:
    """``(page_urls, child_sitemaps)`` of a sitemap (<urlset>) or sitemap index."""
    root = _parse_xml(data)
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise ValueError(f"not a sitemap (root element <{kind}>)")
    locs = []
    for el in root:
        for c in el:
            if _local(c.tag) == "loc" and (c.text or "").strip():
                locs.append(urljoin(base_url, c.text.strip()))
    locs = list(dict.fromkeys(locs))
    return (locs, []) if kind == "urlset" else ([], locs)


def _fetcher(fetcher, kw) -> Fetcher:
    if fetcher is not None:
        return fetcher
    return Fetcher(kw.pop("cache_dir", None), **kw)


def expand_feed(url: str, fetcher: Fetcher | None = None, **kw) -> list[str]:
    """Fetch an RSS/Atom feed (never from the cache) and return its article URLs.
    Raises FetchError (download) or ValueError (not a feed)."""
    f = _fetcher(fetcher, kw)
    got = f.get(url, accept=_XML_TYPES + _HTML_TYPES, use_cache=False)
    return parse_feed(got.data, got.final_url)


def expand_sitemap(url: str, fetcher: Fetcher | None = None, max_sitemaps: int = 50,
                   max_urls: int = 50_000, **kw) -> list[str]:
    """Fetch a sitemap or sitemap index (children followed, at most ``max_sitemaps``
    files) and return its page URLs.  A broken child sitemap is skipped; a broken top
    sitemap raises FetchError/ValueError."""
    f = _fetcher(fetcher, kw)
    todo, done, pages = [url], set(), []
    while todo and len(done) < max_sitemaps and len(pages) < max_urls:
        sm = todo.pop(0)
        if normalize_url(sm) in done:
            continue
        done.add(normalize_url(sm))
        try:
            got = f.get(sm, accept=_XML_TYPES, use_cache=False)
            urls, children = parse_sitemap(got.data, got.final_url)
        except (FetchError, ValueError):
            if sm == url:
                raise
            continue
        pages.extend(urls)
        todo.extend(children)
    return list(dict.fromkeys(pages))[:max_urls]
