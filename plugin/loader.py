"""Load articles into SQLite with sqlite-utils: read inputs, analyse, write.

The Python API behind ``media-bias load`` and ``media-bias recompute``::

    from datasette_media_bias.loader import load, recompute
    report = load("news.db", ["articles.jsonl", "data/seeds"])
    report = recompute("news.db", lexicon=Lexicon.load(["extra_words.csv"]))

Inputs are ``.jsonl`` (or ``.jsonl.gz``) / ``.csv`` files of articles (fields ``id, outlet, url,
title, date, story, text``; only ``text`` is required), single ``.txt`` files, or folders of
``.txt`` files with a ``MANIFEST.csv`` (``file, outlet, url, story, date``, optionally ``title``,
``story_title``).

How a load runs (see docs/performance.md for the figures):

* the parent process streams the inputs (nothing is read whole except CSV files), checks each
  article, and skips those already stored with the same fields and the same metric and lexicon
  versions;
* worker processes (``fork``, one per core) analyse batches of articles and return rows ready for
  ``executemany``; at most a few batches are in flight, so memory stays flat however large the
  corpus;
* the parent writes each article with its sentences, quotations and loaded-word occurrences
  inside one SAVEPOINT, and commits every half second (WAL mode, ``synchronous=NORMAL``).

A killed load therefore never leaves half an article: readers (Datasette, in WAL mode) only ever
see whole articles, and running the same load again finishes the job without duplicates.
Re-loading the same input changes nothing; an article whose text, fields, metric definitions
(``metrics.METRICS_VERSION``) or lexicon changed is replaced whole.
"""
from __future__ import annotations

import collections
import csv
import gc
import gzip
import hashlib
import io
import json
import multiprocessing
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import sqlite_utils

from . import analyze, metrics, schema
from .lexicon import Lexicon

FIELDS = ("id", "outlet", "url", "title", "date", "story", "text")
MAX_ARTICLE_CHARS = 2_000_000  # ~300 times a long news article; --max-article-chars
BINARY_SNIFF = 8192


@dataclass
class Problem:
    where: str  # "file:line"
    message: str
    fatal: bool = True  # False: a warning, the article was still loaded

    def __str__(self):
        return f"{self.where}: {'error' if self.fatal else 'warning'}: {self.message}"


@dataclass
class Record:
    where: str
    article: dict


@dataclass
class LoadReport:
    read: int = 0
    loaded: int = 0
    unchanged: int = 0
    rejected: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    chars: int = 0  # characters of article text analysed
    # seconds of the parent process: reading+checking inputs, waiting for the workers, writing,
    # building the indexes at the end of a first load
    timings: dict = field(default_factory=lambda: {"read": 0.0, "wait": 0.0, "write": 0.0,
                                                               "index": 0.0})

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if not p.fatal)

    def add(self, problem: Problem, on_problem=None) -> None:
        """Record a problem (a rejected article when fatal) and pass it to ``on_problem``."""
        self.problems.append(problem)
        if problem.fatal:
            self.rejected += 1
        if on_problem:
            on_problem(problem)

    def summary(self) -> str:
        return (f"{self.read} articles read: {self.loaded} loaded, {self.unchanged} unchanged, "
                f"{self.rejected} rejected, {self.warnings} warnings ({self.seconds:.1f}s)")


# --- reading inputs ------------------------------------------------------------------------

def _decode(data: bytes, where: str, problems: list[Problem]) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        text = data.decode("utf-8", errors="replace")
        if text.startswith("\ufeff"):
            text = text[1:]
        bad = text.count("\ufffd")
        problems.append(Problem(where, f"not valid UTF-8 (first bad byte at offset {e.start}); "
                                       f"decoded the rest, {bad} undecodable byte sequence(s) "
                                       f"replaced with U+FFFD", fatal=False))
        return text


def _clean(value):
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise TypeError(type(value).__name__)
    value = value.strip()
    return value or None


def normalise(raw: dict, where: str) -> dict:
    """Check and normalise one input article; raise ValueError with a readable message."""
    if not isinstance(raw, dict):
        raise ValueError(f"expected an object with a 'text' field, got {type(raw).__name__}")
    text = raw.get("text")
    if text is None:
        raise ValueError("missing required field 'text'")
    if not isinstance(text, str):
        raise ValueError(f"field 'text' must be a string, got {type(text).__name__}")
    if not text.strip():
        raise ValueError("field 'text' is empty")
    if "\x00" in text:
        raise ValueError("field 'text' contains NUL characters (binary data?)")
    article = {"text": text}
    for key in FIELDS[:-1]:
        try:
            article[key] = _clean(raw.get(key))
        except TypeError as e:
            raise ValueError(f"field {key!r} must be a string, got {e}") from None
    try:
        article["story_title"] = _clean(raw.get("story_title"))
    except TypeError as e:
        raise ValueError(f"field 'story_title' must be a string, got {e}") from None
    if article["url"] and not article["outlet"]:
        article["outlet"] = outlet_from_url(article["url"])
    if not article["id"]:
        basis = article["url"] or text
        article["id"] = hashlib.sha1(basis.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return article


def outlet_from_url(url: str) -> str | None:
    """The domain of a web URL without "www." ("https://www.bbc.co.uk/x" -> "bbc.co.uk");
    None for anything that is not an http(s) or scheme-less web address."""
    url = url.strip()
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):(?!\d)", url)  # not host:port
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        return None  # javascript:, data:, mailto: ... name no outlet
    try:
        host = urlparse(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return re.sub(r"^www\d?\.", "", host.lower())


def _is_binary(head: bytes) -> bool:
    return b"\x00" in head


def _open_lines(path: Path):
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def _read_jsonl(path: Path, problems: list[Problem]):
    try:
        f = _open_lines(path)
        head = f.peek(BINARY_SNIFF)[:BINARY_SNIFF] if hasattr(f, "peek") else b""
    except (OSError, EOFError) as e:
        yield Problem(str(path), f"cannot read: {getattr(e, 'strerror', None) or e}")
        return
    with f:
        if _is_binary(head):
            yield Problem(f"{path}:1", "binary file (contains NUL bytes), not JSON lines")
            return
        any_line = False
        lineno = 0
        try:
            for lineno, line in enumerate(f, start=1):
                where = f"{path}:{lineno}"
                if not line.strip():
                    continue
                any_line = True
                text = _decode(line, where, problems)
                try:
                    raw = json.loads(text)
                except json.JSONDecodeError as e:
                    msg = e.msg[:-3] if e.msg.endswith(" at") else e.msg
                    yield Problem(where, f"malformed JSON: {msg} at column {e.colno}")
                    continue
                except RecursionError:
                    yield Problem(where, "malformed JSON: nested too deeply")
                    continue
                yield where, raw
        except (OSError, EOFError, gzip.BadGzipFile) as e:
            yield Problem(str(path), f"cannot read past line {lineno}: {e}")
            return
        if not any_line:
            yield Problem(str(path), "empty file: no articles in it")


def _read_csv(path: Path, problems: list[Problem], required: str = "text"):
    csv.field_size_limit(sys.maxsize)
    try:
        raw = path.read_bytes()
    except OSError as e:
        yield Problem(str(path), f"cannot read: {e.strerror or e}")
        return
    if _is_binary(raw[:BINARY_SNIFF]):
        yield Problem(f"{path}:1", "binary file (contains NUL bytes), not CSV")
        return
    data = _decode(raw, str(path), problems)
    if not data.strip():
        yield Problem(str(path), "empty file: no articles in it")
        return
    reader = csv.DictReader(io.StringIO(data, newline=""))
    try:
        fieldnames = reader.fieldnames
    except csv.Error as e:
        yield Problem(f"{path}:1", f"malformed CSV header: {e}")
        return
    if required not in fieldnames:
        yield Problem(f"{path}:1", f"no {required!r} column (columns: {', '.join(fieldnames)})")
        return
    rows = 0
    last_line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            yield Problem(f"{path}:{last_line + 1}", f"malformed CSV: {e}; rest of file skipped")
            return
        # a row starts on the line after the previous one ended (quoted fields span lines)
        where = f"{path}:{last_line + 1}"
        last_line = reader.line_num
        rows += 1
        if None in row:
            yield Problem(where, f"{len(row[None])} more field(s) than the header has")
            continue
        if any(v is None for v in row.values()):
            missing = [k for k, v in row.items() if v is None]
            yield Problem(where, f"fewer fields than the header has (no {', '.join(missing)})")
            continue
        yield where, row
    if rows == 0 and required == "text":
        yield Problem(str(path), "no articles: the CSV file has a header and no rows")


def _read_folder(path: Path, problems: list[Problem]):
    manifest = path / "MANIFEST.csv"
    listed = set()
    found = False
    if manifest.exists():
        for item in _read_csv(manifest, problems, required="file"):
            if isinstance(item, Problem):
                yield item
                continue
            where, row = item
            name = (row.get("file") or "").strip()
            if not name:
                yield Problem(where, "manifest row has no 'file'")
                continue
            listed.add(name)
            found = True
            yield from _read_txt(path / name, problems, row, where)
    for txt in sorted(path.glob("*.txt")):
        if txt.name not in listed:
            found = True
            yield from _read_txt(txt, problems, {}, str(txt))
    if not found:
        yield Problem(str(path), "no .txt articles in this folder")


def _read_txt(path: Path, problems: list[Problem], meta: dict, where: str):
    try:
        data = path.read_bytes()
    except OSError as e:
        yield Problem(where, f"cannot read {path}: {e.strerror or e}")
        return
    if _is_binary(data[:BINARY_SNIFF]) or b"\x00" in data:
        yield Problem(f"{path}:1", "binary file (contains NUL bytes), not an article")
        return
    if not data.strip():
        yield Problem(f"{path}:1", "empty file: no article text")
        return
    raw = {k: v for k, v in meta.items() if k not in ("file", "text")}
    if not raw.get("id"):
        raw["id"] = path.stem
    raw["text"] = _decode(data, f"{path}:1", problems)
    yield f"{path}:1", raw


def read_inputs(inputs, problems: list[Problem]):
    """Yield Record or Problem for every article in ``inputs``."""
    for inp in inputs:
        path = Path(inp)
        name = path.name.lower()
        if path.is_dir():
            items = _read_folder(path, problems)
        elif not path.exists():
            yield Problem(str(path), "no such file or folder")
            continue
        elif name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".json")):
            items = _read_jsonl(path, problems)
        elif name.endswith(".csv"):
            items = _read_csv(path, problems)
        elif name.endswith(".txt"):
            items = _read_txt(path, problems, {}, str(path))
        else:
            yield Problem(str(path), "unknown input type: give a .jsonl, .csv or .txt file, "
                                     "or a folder of .txt files with a MANIFEST.csv")
            continue
        for item in items:
            if isinstance(item, Problem):
                yield item
                continue
            where, raw = item
            try:
                yield Record(where, normalise(raw, where))
            except ValueError as e:
                yield Problem(where, str(e))


def count_inputs(inputs) -> int | None:
    """A quick estimate of how many articles the inputs hold (for progress)."""
    total = 0
    for inp in inputs:
        p = Path(inp)
        if p.is_dir():
            total += len(list(p.glob("*.txt")))
        elif p.name.lower().endswith((".jsonl", ".csv", ".jsonl.gz", ".ndjson")) and p.exists():
            with _open_lines(p) as f:
                total += sum(buf.count(b"\n") for buf in iter(lambda: f.read(1 << 20), b""))
        else:
            return None
    return total


# --- analysis (in worker processes) --------------------------------------------------------

_worker_lexicon: Lexicon | None = None
_WORDISH = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _init_worker(lexicon: Lexicon):
    global _worker_lexicon
    _worker_lexicon = lexicon
    metrics.warm_up()


def _checks(text: str, rows: analyze.Rows) -> list[str]:
    """Warnings about an article that still loads."""
    out = []
    if rows.sentences and rows.article.get("sentences") == 0:
        out.append("every sentence looks like boilerplate (credits, links, newsletter "
                   "text): the article has no prose to measure")
    if rows.unbalanced:
        line = text.count("\n", 0, rows.unbalanced[0]) + 1
        out.append(f"{len(rows.unbalanced)} quotation mark(s) never closed (first on line "
                   f"{line} of the text); each quotation was closed at the end of its paragraph")
    cmu = metrics._resources()[0]
    words = _WORDISH.findall(text[:1500].lower())
    if len(words) >= 20:
        known = sum(map(cmu.__contains__, words))
        if known < 0.6 * len(words):
            out.append(f"does not look like English: only {100 * known // len(words)}% of its "
                       f"words are English words; readability scores and loaded words assume "
                       f"English")
    return out


def _analyze(aid: str, text: str):
    """Everything the parent writes for one article: the article's figures and the rows of
    its sentences, quotations and loaded-word occurrences (tuples for ``executemany``), and
    warnings."""
    rows = analyze.analyze_rows(text, _worker_lexicon, aid)
    return rows.article, rows.sentences, rows.quotes, rows.occurrences, _checks(text, rows)


def _analyze_batch(batch: list[tuple[str, str]]):
    out = []
    for aid, text in batch:
        try:
            out.append((_analyze(aid, text), None))
        except Exception as e:  # one bad article never stops the rest
            out.append((None, f"analysis failed: {type(e).__name__}: {e}"))
    return out


class _Pipeline:
    """Analyse batches in worker processes (or inline), keeping at most ``depth`` batches in
    flight, and hand results back in input order."""

    def __init__(self, lexicon: Lexicon, jobs: int, depth: int | None = None):
        self.pool = None
        self.pending = collections.deque()
        if jobs > 1:
            metrics.warm_up()  # load the tables once, share them with the forked workers
            gc.freeze()  # keep the collector from touching (and so copying) the shared pages
            self.pool = multiprocessing.get_context("fork").Pool(
                jobs, initializer=_init_worker, initargs=(lexicon,))
        else:
            _init_worker(lexicon)
        self.depth = depth or 3 * jobs

    def submit(self, items: list, batch: list[tuple[str, str]]):
        if self.pool is None:
            self.pending.append((items, _analyze_batch(batch)))
        else:
            self.pending.append((items, self.pool.apply_async(_analyze_batch, (batch,))))

    def full(self) -> bool:
        return len(self.pending) >= self.depth

    def take(self, timeout: float = 900.0):
        items, res = self.pending.popleft()
        if self.pool is not None:
            try:
                res = res.get(timeout)
            except multiprocessing.TimeoutError:  # a worker died (OOM killer?) or hung
                res = [(None, f"analysis did not finish within {timeout:.0f} s (a worker "
                              f"process died or hung); not loaded")] * len(items)
        return zip(items, res)

    def close(self):
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            gc.unfreeze()


# --- writing -------------------------------------------------------------------------------

def text_digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", errors="surrogatepass")).hexdigest()


def _fingerprint(article: dict) -> str:
    """What the input said about an article (metric and lexicon versions are stored apart)."""
    h = hashlib.sha1()
    for k in FIELDS + ("story_title",):
        h.update(f"{k}={article.get(k)}\x00".encode("utf-8", errors="surrogatepass"))
    return h.hexdigest()


class Writer:
    """Writes one analysed article and its child rows with plain executemany calls, inside the
    caller's transaction (sqlite-utils' insert_all would commit on its own)."""

    def __init__(self, db: sqlite_utils.Database, lexicon: Lexicon):
        self.db = db
        self.conn = db.conn
        self.lexicon = lexicon
        self.sql = {"articles": schema.insert_sql("articles")[0]}
        for table, fields in (("sentences", analyze.SENTENCE_FIELDS),
                              ("quotes", analyze.QUOTE_FIELDS),
                              ("loaded_word_occurrences", analyze.OCCURRENCE_FIELDS)):
            self.sql[table] = schema.insert_sql(table, fields)[0]
        self.article_cols = schema.insert_sql("articles")[1]
        # what this writer has written: outlet id -> its domain (None: none yet), and
        # (story, title) pairs
        self._outlet_domains: dict[str, str | None] = {}
        self._stories: set = set()

    def known(self, article_id: str):
        """(fingerprint, metrics_version, lexicon_version) of a stored article, or None."""
        return self.conn.execute(
            "select fingerprint, metrics_version, lexicon_version from articles where id = ?",
            [article_id]).fetchone()

    def _children(self, aid, sentences, quotes, occurrences, existed: bool):
        conn = self.conn
        if existed:
            for table in ("sentences", "quotes", "loaded_word_occurrences"):
                conn.execute(f"delete from [{table}] where article_id = ?", [aid])
        if sentences:
            conn.executemany(self.sql["sentences"], sentences)
        if quotes:
            conn.executemany(self.sql["quotes"], quotes)
        if occurrences:
            conn.executemany(self.sql["loaded_word_occurrences"], occurrences)

    def write(self, article: dict, result, fingerprint: str, existed: bool):
        try:
            self._write(article, result, fingerprint, existed)
        except BaseException:
            # the caller rolls this article back, outlet and story rows included: forget
            # which of those were written
            self._outlet_domains.clear()
            self._stories.clear()
            raise

    def _write(self, article: dict, result, fingerprint: str, existed: bool):
        art_metrics, sentences, quotes, occurrences, _ = result
        conn = self.conn
        aid = article["id"]
        outlet_id = None
        if article["outlet"]:
            outlet_id = schema.slug(article["outlet"])
            # an outlet keeps the first domain it is given: once it has one, skip the URL
            if self._outlet_domains.get(outlet_id) is None:
                domain = outlet_from_url(article["url"]) if article["url"] else None
                if outlet_id not in self._outlet_domains or domain is not None:
                    conn.execute("insert into outlets (id, name, domain) values (?, ?, ?) "
                                 "on conflict(id) do update set domain = "
                                 "coalesce(outlets.domain, excluded.domain)",
                                 [outlet_id, article["outlet"], domain])
                    self._outlet_domains[outlet_id] = domain
        if article["story"]:
            key = (article["story"], article.get("story_title"))
            if key not in self._stories:
                conn.execute("insert into stories (id, title) values (?, ?) on conflict(id) do "
                             "update set title = coalesce(excluded.title, stories.title)", key)
                self._stories.add(key)
        row = {
            "id": aid,
            "title": article["title"],
            "outlet": outlet_id,
            "story": article["story"],
            "url": article["url"],
            "date": article["date"],
            "text": article["text"],
            **art_metrics,
            "metrics_version": metrics.METRICS_VERSION,
            "lexicon_version": self.lexicon.version,
            "fingerprint": fingerprint,
        }
        conn.execute(self.sql["articles"], [row.get(c) for c in self.article_cols])
        self._children(aid, sentences, quotes, occurrences, existed)

    def rewrite_analysis(self, aid: str, result):
        """Replace the metrics and child rows of a stored article (``recompute``)."""
        art_metrics, sentences, quotes, occurrences, _ = result
        cols = [c for c in art_metrics if c in self.article_cols]
        sets = ", ".join(f"[{c}] = ?" for c in cols)
        self.conn.execute(
            f"update articles set {sets}, metrics_version = ?, lexicon_version = ? where id = ?",
            [art_metrics[c] for c in cols] + [metrics.METRICS_VERSION, self.lexicon.version,
                                              aid])
        self._children(aid, sentences, quotes, occurrences, True)


def _chunks(iterable, n):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) >= n:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class Progress:
    """Counts, rate and time left on a terminal; silent otherwise."""

    def __init__(self, total: int | None, enabled: bool):
        self.total = total
        self.enabled = enabled
        self.start = time.monotonic()
        self.last = 0.0

    def update(self, done: int, force: bool = False):
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < 0.2:
            return
        self.last = now
        elapsed = now - self.start
        rate = done / elapsed if elapsed > 0 else 0.0
        msg = f"\r{done}"
        if self.total:
            msg += f"/{self.total} articles ({100 * done / self.total:.0f}%)"
            if rate > 0 and self.total > done:
                msg += f", {rate:.0f}/s, {(self.total - done) / rate:.0f}s left"
            else:
                msg += f", {rate:.0f}/s"
        else:
            msg += f" articles, {rate:.0f}/s"
        sys.stderr.write(msg + "   ")
        sys.stderr.flush()

    def close(self, done: int):
        if self.enabled:
            self.update(done, force=True)
            sys.stderr.write("\n")


def open_database(path) -> sqlite_utils.Database:
    """Open (creating if needed) a database for loading: WAL, so Datasette can read while we
    write; ``synchronous=NORMAL``, which in WAL mode is still crash-safe (a power cut may lose
    the last commits, never consistency)."""
    db = sqlite_utils.Database(path)
    db.execute("pragma busy_timeout = 60000")
    db.enable_wal()
    db.execute("pragma synchronous = NORMAL")
    db.execute("pragma cache_size = -65536")
    db.execute("pragma temp_store = MEMORY")
    db.execute("pragma journal_size_limit = 67108864")  # truncate a grown WAL back to 64 MB
    # checkpoint the WAL into the database every 64 MB rather than every 4 MB: a page that
    # several commits change (an index page, the end of a table) is copied once, not each time
    db.execute("pragma wal_autocheckpoint = 16384")
    schema.ensure(db)
    return db


class _Batcher:
    """Commit-every-half-second transactions with one SAVEPOINT per article."""

    def __init__(self, conn, commit_seconds: float, commit_articles: int = 500):
        self.conn = conn
        self.commit_seconds = commit_seconds
        self.commit_articles = commit_articles
        self.since = None
        self.pending = 0

    def article(self, fn) -> Exception | None:
        conn = self.conn
        if not conn.in_transaction:
            conn.execute("begin immediate")
            self.since = time.monotonic()
            self.pending = 0
        conn.execute("savepoint article")
        try:
            fn()
        except Exception as e:
            conn.execute("rollback to article")
            conn.execute("release article")
            return e
        conn.execute("release article")
        self.pending += 1
        if (self.pending >= self.commit_articles
                or time.monotonic() - self.since >= self.commit_seconds):
            conn.execute("commit")
        return None

    def finish(self):
        if self.conn.in_transaction:
            self.conn.execute("commit")


def _open_for_writing(db_path, lexicon: Lexicon | None):
    """The database (created or migrated), the lexicon it will be measured with (stored in it),
    and a Writer: what load() and recompute() both start from."""
    lexicon = lexicon or Lexicon.load()
    db = open_database(db_path)
    schema.store_lexicon(db, lexicon)
    return lexicon, db, Writer(db, lexicon)


def load(db_path, inputs, lexicon: Lexicon | None = None, jobs: int | None = None,
         progress: bool = False, on_problem=None, batch: int = 8,
         max_chars: int = MAX_ARTICLE_CHARS, commit_seconds: float = 0.5) -> LoadReport:
    """Load ``inputs`` into the database at ``db_path``; return a LoadReport."""
    report = LoadReport()
    started = time.monotonic()
    lexicon, db, writer = _open_for_writing(db_path, lexicon)
    # into an empty database, build the secondary indexes once at the end, which costs less
    # than keeping them up to date article by article (if the load stops half way, the next
    # open_database builds them)
    first_load = not db.execute("select exists (select 1 from articles)").fetchone()[0]
    if first_load:
        schema.drop_indexes(db)
    problems: list[Problem] = []
    seen: dict[str, tuple[str, str]] = {}  # id -> (digest, where) in this load
    timings = report.timings

    def emit(p: Problem):
        report.add(p, on_problem)

    def records():
        for item in read_inputs(inputs, problems):
            while problems:
                emit(problems.pop(0))
            if isinstance(item, Problem):
                emit(item)
                continue
            report.read += 1
            art = item.article
            n = len(art["text"])
            if n > max_chars:
                emit(Problem(item.where, f"article {art['id']!r} is {n:,} characters long, over "
                                         f"the limit of {max_chars:,} (--max-article-chars); "
                                         f"not loaded"))
                continue
            digest = hashlib.sha1(art["text"].encode("utf-8", "surrogatepass")).digest()[:12]
            if art["id"] in seen:
                prev_digest, prev_where = seen[art["id"]]
                if prev_digest != digest:
                    emit(Problem(item.where, f"duplicate id {art['id']!r} with different text "
                                             f"(first seen at {prev_where}); kept the first"))
                else:
                    report.unchanged += 1
                continue
            seen[art["id"]] = (digest, item.where)
            fp = _fingerprint(art)
            stored = writer.known(art["id"])
            if stored and tuple(stored) == (fp, metrics.METRICS_VERSION, lexicon.version):
                report.unchanged += 1
                continue
            yield item, fp, stored is not None

    jobs = jobs or os.cpu_count() or 1
    bar = Progress(count_inputs(inputs) if progress else None, progress)
    pipe = None
    tx = _Batcher(db.conn, commit_seconds)

    def drain():
        t0 = time.monotonic()
        results = pipe.take()
        t1 = time.monotonic()
        for (rec, fp, existed), (result, error) in results:
            if error:
                emit(Problem(rec.where, error))
                continue
            err = tx.article(lambda: writer.write(rec.article, result, fp, existed))
            if err is not None:
                emit(Problem(rec.where, f"could not be written: {type(err).__name__}: {err}"))
                continue
            report.loaded += 1
            report.chars += len(rec.article["text"])
            for w in result[4]:
                emit(Problem(rec.where, w, fatal=False))
            bar.update(report.read)
        timings["wait"] += t1 - t0
        timings["write"] += time.monotonic() - t1

    try:
        it = records()
        while True:
            t0 = time.monotonic()
            chunk = []
            for item in it:
                chunk.append(item)
                if len(chunk) >= batch:
                    break
            timings["read"] += time.monotonic() - t0
            if not chunk:
                break
            if pipe is None:  # a single short batch is not worth starting workers for
                pipe = _Pipeline(lexicon, jobs if len(chunk) >= batch else 1)
            pipe.submit(chunk, [(r.article["id"], r.article["text"]) for r, _, _ in chunk])
            while pipe.full():
                drain()
        while pipe is not None and pipe.pending:
            drain()
        tx.finish()
    finally:
        if db.conn.in_transaction:
            db.conn.execute("rollback")
        if pipe is not None:
            pipe.close()
        bar.close(report.read)
    if first_load:
        t0 = time.monotonic()
        schema.create_indexes(db)
        timings["index"] += time.monotonic() - t0
    while problems:
        emit(problems.pop(0))
    db.conn.close()
    report.seconds = time.monotonic() - started
    return report


def recompute(db_path, lexicon: Lexicon | None = None, jobs: int | None = None,
              everything: bool = False, progress: bool = False, on_problem=None,
              batch: int = 8, commit_seconds: float = 0.5) -> LoadReport:
    """Re-analyse the article texts stored in ``db_path`` with the current metric definitions
    and ``lexicon``: by default only articles whose stored ``metrics_version`` or
    ``lexicon_version`` differ, every article with ``everything=True``. The original input
    files are not needed. Titles, outlets, stories and texts are left as they are."""
    report = LoadReport()
    started = time.monotonic()
    lexicon, db, writer = _open_for_writing(db_path, lexicon)
    if everything:
        ids = [r[0] for r in db.execute("select id from articles order by rowid")]
    else:
        ids = [r[0] for r in db.execute(
            "select id from articles where metrics_version is not ? or lexicon_version is not ?"
            " order by rowid", [metrics.METRICS_VERSION, lexicon.version])]
    report.unchanged = db.execute("select count(*) from articles").fetchone()[0] - len(ids)
    jobs = jobs or os.cpu_count() or 1
    bar = Progress(len(ids) if progress else None, progress)
    pipe = _Pipeline(lexicon, jobs if len(ids) > batch else 1)
    tx = _Batcher(db.conn, commit_seconds)

    def emit(p: Problem):
        report.add(p, on_problem)

    def drain():
        for (aid, n), (result, error) in pipe.take():
            where = f"{db_path}: article {aid}"
            if error:
                emit(Problem(where, error + "; its old metrics were kept"))
                continue
            err = tx.article(lambda: writer.rewrite_analysis(aid, result))
            if err is not None:
                emit(Problem(where, f"could not be written: {type(err).__name__}: {err}"))
                continue
            report.loaded += 1
            report.chars += n
            bar.update(report.loaded)

    try:
        for chunk_ids in _chunks(ids, batch):
            marks = ",".join("?" * len(chunk_ids))
            texts = dict(db.execute(f"select id, text from articles where id in ({marks})",
                                    chunk_ids).fetchall())
            items = [(aid, texts[aid]) for aid in chunk_ids if aid in texts]
            report.read += len(items)
            pipe.submit([(aid, len(t)) for aid, t in items], items)
            while pipe.full():
                drain()
        while pipe.pending:
            drain()
        tx.finish()
    finally:
        if db.conn.in_transaction:
            db.conn.execute("rollback")
        pipe.close()
        bar.close(report.loaded)
    db.conn.close()
    report.seconds = time.monotonic() - started
    return report
