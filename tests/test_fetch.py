"""`media-bias fetch` and its downloader against a local HTTP server on 127.0.0.1 started by the
tests (robots.txt, feeds, sitemaps, slow, failing and redirecting responses): nothing leaves the
machine."""
import gzip
import sqlite3
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from datasette_media_bias.cli import cli
from datasette_media_bias.ingest import fetch as fx
from datasette_media_bias.ingest import html as hi
from datasette_media_bias.ingest import read_inputs
from datasette_media_bias.pipeline import reextract
from test_web_input import article_html

ROBOTS = b"User-agent: *\nDisallow: /private/\n"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    log = None       # list of (path, user agent), set by the fixture
    counts = None    # path -> number of requests

    def log_message(self, *a):
        pass

    def _send(self, code, body=b"", ctype="text/html; charset=utf-8", headers=(), length=True):
        self.send_response(code)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    def do_GET(self):
        p = self.path
        self.log.append((p, self.headers.get("User-Agent")))
        n = self.counts[p] = self.counts.get(p, 0) + 1
        base = f"http://{self.headers['Host']}"
        if p == "/robots.txt":
            return self._send(200, ROBOTS, "text/plain")
        if p.startswith(("/article/", "/private/")):
            return self._send(200, article_html(
                seed=len(p) + sum(map(ord, p)), url=base + p,
                title=f"Council approves harbour bridge, part {p.rsplit('/', 1)[-1]}").encode())
        if p == "/home":
            return self._send(200, b"<html><head><title>Home</title></head><body><h1>Home</h1>"
                                   b"<a href='/article/1'>One</a></body></html>")
        if p == "/missing":
            return self._send(404, b"not here")
        if p == "/always500":
            return self._send(500, b"oops")
        if p == "/flaky":  # fails twice, then works
            if n <= 2:
                return self._send(503, b"busy")
            return self._send(200, article_html(seed=9, url=base + p).encode())
        if p == "/toomany":
            if n == 1:
                return self._send(429, b"slow down", headers=[("Retry-After", "0")])
            return self._send(200, article_html(seed=10, url=base + p).encode())
        if p == "/slow":
            time.sleep(1.5)
            return self._send(200, article_html(seed=11).encode())
        if p == "/loop-a":
            return self._send(302, headers=[("Location", "/loop-b")])
        if p == "/loop-b":
            return self._send(301, headers=[("Location", base + "/loop-a")])
        if p == "/moved":
            return self._send(301, headers=[("Location", "/article/7")])
        if p == "/to-private":
            return self._send(302, headers=[("Location", "/private/z")])
        if p == "/big":
            return self._send(200, b"<html>" + b"x" * 50_000)
        if p == "/big-nolength":
            return self._send(200, b"<html>" + b"y" * 50_000, length=False)
        if p == "/image.png":
            return self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png")
        if p == "/gzipped":
            body = gzip.compress(article_html(seed=12, url=base + p).encode())
            return self._send(200, body, headers=[("Content-Encoding", "gzip")])
        if p == "/feed.xml":
            rss = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>One</title><link>{base}/article/1</link></item>
<item><title>Two</title><link>{base}/article/2</link></item>
<item><title>Two again</title><link>{base}/article/2</link></item>
<item><title>Guid only</title><guid isPermaLink="true">{base}/article/3</guid></item>
</channel></rss>"""
            return self._send(200, rss.encode(), "application/rss+xml")
        if p == "/atom.xml":
            atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><title>E1</title><link rel="alternate" type="text/html" href="/article/a1"/>
<link rel="enclosure" href="/media/a1.mp3"/></entry>
<entry><title>E2</title><link href="/article/a2"/></entry></feed>"""
            return self._send(200, atom.encode(), "application/atom+xml")
        if p == "/sitemap_index.xml":
            xml = f"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/sitemap1.xml</loc></sitemap><sitemap><loc>{base}/sitemap2.xml.gz</loc></sitemap>
<sitemap><loc>{base}/missing</loc></sitemap></sitemapindex>"""
            return self._send(200, xml.encode(), "application/xml")
        if p == "/sitemap1.xml":
            xml = f"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{base}/article/s1</loc></url><url><loc>{base}/article/s2</loc></url></urlset>"""
            return self._send(200, xml.encode(), "text/xml")
        if p == "/sitemap2.xml.gz":
            xml = f"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{base}/article/s3</loc></url></urlset>"""
            return self._send(200, gzip.compress(xml.encode()), "application/x-gzip")
        return self._send(404, b"no route")


@pytest.fixture
def server():
    Handler.log, Handler.counts = [], {}
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def run(urls, tmp_path, **kw):
    kw.setdefault("rate_per_host_seconds", 0)
    kw.setdefault("backoff_seconds", 0.01)
    kw.setdefault("timeout", 5)
    s = fx.Summary()
    out = list(fx.fetch(urls, tmp_path / "cache", summary=s, **kw))
    return out, s


# --------------------------------------------------------------------------- the downloader

def test_download_user_agent_and_extraction(server, tmp_path):
    out, s = run([server + "/article/1", server + "/gzipped"], tmp_path)
    assert all(isinstance(x, fx.Fetched) for x in out), out
    url, data, final = out[0]
    assert url == final == server + "/article/1"
    art = hi.extract_page(data, url=final, source=url, encoding=out[0].encoding)
    assert art["title"] == "Council approves harbour bridge, part 1"
    assert hi.extract_page(out[1].data, url=out[1].final_url)["text"]
    agents = {ua for _, ua in Handler.log}
    assert agents == {fx.USER_AGENT}
    assert fx.USER_AGENT.startswith("datasette-media-bias/")
    assert "+https://pypi.org/project/datasette-media-bias/" in fx.USER_AGENT
    assert s.downloaded == 2 and s.failed == 0
    # the cached page reads like a saved page, with its URL as source
    (rec,) = list(read_inputs([out[0].path], []))
    assert rec.where == url and rec.article["source"] == url
    assert rec.article["url"] == url


def test_robots_disallow_also_after_redirect(server, tmp_path):
    out, s = run([server + "/private/x", server + "/to-private"], tmp_path)
    assert all(isinstance(x, fx.Problem) and "robots.txt" in x.message for x in out)
    assert not any(p.startswith("/private/") for p, _ in Handler.log)
    assert Handler.counts["/robots.txt"] == 1  # read once per host
    assert s.robots_blocked == 2


def test_404_not_retried_500_retried(server, tmp_path):
    out, s = run([server + "/missing", server + "/always500", server + "/flaky",
                  server + "/toomany"], tmp_path, retries=3)
    assert isinstance(out[0], fx.Problem) and "404" in out[0].message
    assert Handler.counts["/missing"] == 1
    assert isinstance(out[1], fx.Problem) and "500" in out[1].message
    assert Handler.counts["/always500"] == 4  # 1 + 3 retries
    assert isinstance(out[2], fx.Fetched) and Handler.counts["/flaky"] == 3
    assert isinstance(out[3], fx.Fetched) and Handler.counts["/toomany"] == 2
    assert s.http_errors == 2 and s.downloaded == 2 and s.retries == 3 + 2 + 1


def test_timeout(server, tmp_path):
    t0 = time.monotonic()
    out, s = run([server + "/slow"], tmp_path, timeout=0.3, retries=1)
    assert isinstance(out[0], fx.Problem) and "timed out" in out[0].message
    assert s.timeouts == 1 and Handler.counts["/slow"] == 2
    assert time.monotonic() - t0 < 3


def test_redirects(server, tmp_path):
    out, s = run([server + "/loop-a", server + "/moved"], tmp_path)
    assert isinstance(out[0], fx.Problem) and "redirect loop" in out[0].message
    assert out[1].final_url == server + "/article/7"
    assert s.redirect_loops == 1


def test_size_cap(server, tmp_path):
    out, s = run([server + "/big", server + "/big-nolength"], tmp_path, max_bytes=10_000)
    assert all(isinstance(x, fx.Problem) and "too large" in x.message for x in out)
    assert s.too_large == 2


def test_non_html_content(server, tmp_path):
    out, s = run([server + "/image.png"], tmp_path)
    assert isinstance(out[0], fx.Problem) and "image/png" in out[0].message
    assert s.not_html == 1


def test_duplicates(server, tmp_path):
    out, s = run([server + "/article/7", server + "/article/7#comments", server + "/moved"],
                 tmp_path)
    assert isinstance(out[0], fx.Fetched)
    assert isinstance(out[1], fx.Problem) and "duplicate URL" in out[1].message
    assert not out[1].fatal
    assert isinstance(out[2], fx.Problem) and "duplicate page" in out[2].message
    assert s.duplicates == 2


def test_cache_reuse_second_run_makes_no_request(server, tmp_path):
    urls = [server + "/article/1", server + "/article/2", server + "/moved"]
    first, s1 = run(urls, tmp_path)
    n = len(Handler.log)
    second, s2 = run(urls, tmp_path)
    assert len(Handler.log) == n  # nothing asked of the server, not even robots.txt
    assert s2.from_cache == 3 and s2.downloaded == 0 and s1.downloaded == 3
    assert [tuple(x) for x in first] == [tuple(x) for x in second]


def test_rate_limit_per_host(server, tmp_path):
    t0 = time.monotonic()
    out, s = run([server + "/article/1", server + "/article/2", server + "/article/3"],
                 tmp_path, rate_per_host_seconds=0.25)
    # robots.txt + 3 pages = 4 requests to one host: at least 3 gaps
    assert time.monotonic() - t0 >= 0.7
    assert s.requests == 4


def test_progress_callback(server, tmp_path):
    seen = []
    run([server + "/article/1", server + "/missing"], tmp_path,
        on_progress=lambda *a: seen.append(a))
    assert [(d, t) for d, t, _, _ in seen] == [(1, 2), (2, 2)]
    assert seen[0][3] == "downloaded" and "404" in seen[1][3]


def test_feed_rss_and_atom(server, tmp_path):
    f = fx.Fetcher(tmp_path / "c", rate_per_host_seconds=0)
    assert fx.expand_feed(server + "/feed.xml", f) == [
        server + "/article/1", server + "/article/2", server + "/article/3"]
    assert fx.expand_feed(server + "/atom.xml", f) == [server + "/article/a1",
                                                        server + "/article/a2"]
    with pytest.raises(ValueError):
        fx.expand_feed(server + "/sitemap1.xml", f)


def test_sitemap_index(server, tmp_path):
    f = fx.Fetcher(tmp_path / "c", rate_per_host_seconds=0, backoff_seconds=0.01)
    urls = fx.expand_sitemap(server + "/sitemap_index.xml", f)
    assert urls == [server + "/article/s1", server + "/article/s2", server + "/article/s3"]


def test_xml_entities_refused():
    bomb = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss><channel></channel></rss>'
    with pytest.raises(ValueError, match="entity"):
        fx.parse_feed(bomb)


def test_unreachable_host(tmp_path):
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    out, summ = run([f"http://127.0.0.1:{port}/a"], tmp_path, retries=1)
    assert isinstance(out[0], fx.Problem) and "robots.txt unavailable" in out[0].message


# --------------------------------------------------------------------------- media-bias fetch

def _fetch(*args):
    return CliRunner().invoke(cli, ["fetch", *map(str, args), "--rate", "0", "--retries", "0",
                                    "--no-progress"])


def test_fetch_command_feed_sitemap_and_urls(server, tmp_path):
    db = tmp_path / "news.db"
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# my list\n{server}/article/9\n\n{server}/missing\n{server}/home\n")
    res = _fetch(db, server + "/article/8", "--feed", server + "/feed.xml", "--sitemap",
                 server + "/sitemap1.xml", "--urls", urls)
    assert res.exit_code == 1, res.output
    out = res.output
    assert f"{server}/feed.xml: 3 page(s) listed" in out
    assert f"{server}/missing: error: HTTP 404" in out
    assert f"{server}/home: error: no article" in out
    assert "Fetched: 9 URLs, 8 downloaded, 0 from cache, 1 http errors" in out
    assert "exit status 1" in out
    conn = sqlite3.connect(db)
    rows = dict(conn.execute("select url, source from articles").fetchall())
    conn.close()
    expected = {f"{server}/article/{n}" for n in ("8", "1", "2", "3", "s1", "s2", "9")}
    assert set(rows) == expected and all(rows[u] == u for u in rows)
    assert (tmp_path / "news.cache").is_dir()  # the default cache, beside the database
    # again: nothing downloaded, nothing changed; --accept-partial gives status 0
    n = len(Handler.log)
    res = _fetch(db, server + "/article/8", "--urls", urls, "--accept-partial")
    assert res.exit_code == 0, res.output
    # only the failed /missing is asked again (and robots.txt, by this new run)
    assert [p for p, _ in Handler.log[n:]] == ["/robots.txt", "/missing"]
    assert "3 from cache" in res.output and "0 loaded, 2 unchanged" in res.output


def test_fetch_command_errors(server, tmp_path):
    res = _fetch(tmp_path / "n.db")
    assert res.exit_code != 0 and "no URL given" in res.output
    res = _fetch(tmp_path / "n.db", "--feed", server + "/missing")
    assert res.exit_code == 1 and "feed not read: HTTP 404" in res.output


def test_reextract_from_the_fetch_cache(server, tmp_path):
    db = tmp_path / "news.db"
    assert _fetch(db, server + "/article/1", server + "/article/2").exit_code == 0
    conn = sqlite3.connect(db)
    conn.execute("update articles set extractor_version = '1.8.0', fingerprint = 'old', "
                 "text = 'old text'")
    conn.commit()
    conn.close()
    n = len(Handler.log)
    report = reextract(db)
    assert report.loaded == 2 and report.rejected == 0
    assert len(Handler.log) == n  # from the cache, not the server
    conn = sqlite3.connect(db)
    versions = {v for (v,) in conn.execute("select extractor_version from articles")}
    texts = [t for (t,) in conn.execute("select text from articles")]
    conn.close()
    assert versions == {hi.EXTRACTOR_VERSION + " (favor_precision)"}
    assert len(texts) == 2 and all("council" in t.lower() and "old text" not in t for t in texts)
