"""Load articles into SQLite with sqlite-utils: read inputs, analyse, write.

The Python API behind ``media-bias load``::

    from datasette_media_bias.loader import load
    report = load("news.db", ["articles.jsonl", "data/seeds"])

Inputs are ``.jsonl``/``.csv`` files of articles (fields ``id, outlet, url, title, date, story,
text``; only ``text`` is required), single ``.txt`` files, or folders of ``.txt`` files with a
``MANIFEST.csv`` (``file, outlet, url, story, date``, optionally ``title``, ``story_title``).

Each article is written in one transaction together with its sentences, quotations and
loaded-word occurrences, so a killed load never leaves half an article. Re-loading the same input
changes nothing; an article whose text or metric definitions changed is replaced whole.
"""
from __future__ import annotations

import csv
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

from . import metrics, schema
from .analyze import analyze_text
from .lexicon import Lexicon

FIELDS = ("id", "outlet", "url", "title", "date", "story", "text")


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

    def summary(self) -> str:
        warnings = sum(1 for p in self.problems if not p.fatal)
        return (f"{self.read} articles read: {self.loaded} loaded, {self.unchanged} unchanged, "
                f"{self.rejected} rejected, {warnings} warnings ({self.seconds:.1f}s)")


# --- reading inputs ------------------------------------------------------------------------

def _decode(data: bytes, where: str, problems: list[Problem]) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        problems.append(Problem(where, f"not valid UTF-8 (first bad byte at offset {e.start}); "
                                       f"{bad} undecodable byte sequence(s) replaced with U+FFFD",
                                fatal=False))
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
    article = {"text": text}
    for key in FIELDS[:-1]:
        try:
            article[key] = _clean(raw.get(key))
        except TypeError as e:
            raise ValueError(f"field {key!r} must be a string, got {e}") from None
    try:
        article["story_title"] = _clean(raw.get("story_title"))
    except TypeError:
        article["story_title"] = None
    if article["url"] and not article["outlet"]:
        article["outlet"] = outlet_from_url(article["url"])
    if not article["id"]:
        basis = article["url"] or text
        article["id"] = hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]
    return article


def outlet_from_url(url: str) -> str | None:
    host = urlparse(url if "//" in url else "//" + url).hostname
    if not host:
        return None
    return re.sub(r"^www\d?\.", "", host.lower())


def _read_jsonl(path: Path, problems: list[Problem]):
    with open(path, "rb") as f:
        for lineno, line in enumerate(f, start=1):
            where = f"{path}:{lineno}"
            if not line.strip():
                continue
            text = _decode(line, where, problems)
            try:
                raw = json.loads(text)
            except json.JSONDecodeError as e:
                yield Problem(where, f"malformed JSON: {e.msg} at column {e.colno}")
                continue
            yield where, raw


def _read_csv(path: Path, problems: list[Problem], required: str = "text"):
    csv.field_size_limit(sys.maxsize)
    data = _decode(path.read_bytes(), str(path), problems)
    reader = csv.DictReader(io.StringIO(data, newline=""))
    if reader.fieldnames is None:
        return
    if required not in reader.fieldnames:
        yield Problem(f"{path}:1", f"no {required!r} column (columns: {', '.join(reader.fieldnames)})")
        return
    try:
        for row in reader:
            where = f"{path}:{reader.line_num}"
            if None in row:
                yield Problem(where, f"{len(row[None])} more field(s) than the header has")
                continue
            yield where, row
    except csv.Error as e:
        yield Problem(f"{path}:{reader.line_num}", f"malformed CSV: {e}")


def _read_folder(path: Path, problems: list[Problem]):
    manifest = path / "MANIFEST.csv"
    listed = set()
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
            yield from _read_txt(path / name, problems, row, where)
    for txt in sorted(path.glob("*.txt")):
        if txt.name not in listed:
            yield from _read_txt(txt, problems, {}, str(txt))


def _read_txt(path: Path, problems: list[Problem], meta: dict, where: str):
    try:
        data = path.read_bytes()
    except OSError as e:
        yield Problem(where, f"cannot read {path}: {e.strerror}")
        return
    raw = {k: v for k, v in meta.items() if k not in ("file", "text")}
    raw.setdefault("id", path.stem)
    if not raw.get("id"):
        raw["id"] = path.stem
    raw["text"] = _decode(data, str(path), problems)
    if "\x00" in raw["text"]:
        yield Problem(f"{path}:1", "binary file (contains NUL bytes), not an article")
        return
    yield f"{path}:1", raw


def read_inputs(inputs, problems: list[Problem]):
    """Yield Record or Problem for every article in ``inputs``."""
    for inp in inputs:
        path = Path(inp)
        if path.is_dir():
            items = _read_folder(path, problems)
        elif not path.exists():
            yield Problem(str(path), "no such file or folder")
            continue
        elif path.suffix.lower() == ".jsonl" or path.name.endswith(".jsonl.gz"):
            items = _read_jsonl_any(path, problems)
        elif path.suffix.lower() == ".csv":
            items = _read_csv(path, problems)
        elif path.suffix.lower() == ".txt":
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


def _read_jsonl_any(path: Path, problems):
    if path.name.endswith(".gz"):
        import gzip

        # stream through a decompressed view with line numbers intact
        with gzip.open(path, "rb") as f:
            for lineno, line in enumerate(f, start=1):
                where = f"{path}:{lineno}"
                if not line.strip():
                    continue
                try:
                    yield where, json.loads(_decode(line, where, problems))
                except json.JSONDecodeError as e:
                    yield Problem(where, f"malformed JSON: {e.msg} at column {e.colno}")
        return
    yield from _read_jsonl(path, problems)


def count_inputs(inputs) -> int | None:
    """A quick estimate of how many articles the inputs hold (for progress)."""
    total = 0
    for inp in inputs:
        p = Path(inp)
        if p.is_dir():
            total += len(list(p.glob("*.txt")))
        elif p.suffix.lower() in (".jsonl", ".csv") and p.exists():
            with open(p, "rb") as f:
                total += sum(buf.count(b"\n") for buf in iter(lambda: f.read(1 << 20), b""))
        else:
            return None
    return total


# --- analysis (possibly in worker processes) -----------------------------------------------

_worker_lexicon: Lexicon | None = None


def _init_worker(lexicon: Lexicon):
    global _worker_lexicon
    _worker_lexicon = lexicon


def _analyze(task: tuple[Record, str]):
    record, fingerprint = task
    try:
        return record, fingerprint, analyze_text(record.article["text"], _worker_lexicon), None
    except Exception as e:  # one bad article never stops the rest
        return record, fingerprint, None, f"analysis failed: {type(e).__name__}: {e}"


# --- writing -------------------------------------------------------------------------------

def text_digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", errors="surrogatepass")).hexdigest()


def _fingerprint(article: dict, lexicon: Lexicon) -> str:
    h = hashlib.sha1()
    for k in FIELDS:
        h.update(f"{k}={article.get(k)}\x00".encode("utf-8", errors="surrogatepass"))
    h.update(f"m{metrics.METRICS_VERSION}l{lexicon.version}".encode())
    return h.hexdigest()


class Writer:
    """Writes one analysed article and its child rows with plain executemany calls, inside the
    caller's transaction (sqlite-utils' insert_all would commit on its own)."""

    def __init__(self, db: sqlite_utils.Database, lexicon: Lexicon):
        self.db = db
        self.conn = db.conn
        self.lexicon = lexicon
        self.sql = {t: schema.insert_sql(t) for t in
                    ("articles", "sentences", "quotes", "loaded_word_occurrences")}

    def known(self, article_id: str) -> str | None:
        row = self.conn.execute("select fingerprint from articles where id = ?",
                                [article_id]).fetchone()
        return row[0] if row else None

    def _insert(self, table: str, rows):
        sql, cols = self.sql[table]
        self.conn.executemany(sql, ([r.get(c) for c in cols] for r in rows))

    def write(self, article: dict, analysis: dict, fingerprint: str):
        conn = self.conn
        aid = article["id"]
        outlet_id = None
        if article["outlet"]:
            outlet_id = schema.slug(article["outlet"])
            domain = outlet_from_url(article["url"]) if article["url"] else None
            conn.execute("insert into outlets (id, name, domain) values (?, ?, ?) "
                         "on conflict(id) do update set domain = coalesce(outlets.domain, "
                         "excluded.domain)", [outlet_id, article["outlet"], domain])
        if article["story"]:
            conn.execute("insert into stories (id, title) values (?, ?) on conflict(id) do "
                         "update set title = coalesce(excluded.title, stories.title)",
                         [article["story"], article.get("story_title")])
        for table in ("sentences", "quotes", "loaded_word_occurrences"):
            conn.execute(f"delete from [{table}] where article_id = ?", [aid])
        self._insert("articles", [{
            "id": aid,
            "title": article["title"],
            "outlet": outlet_id,
            "story": article["story"],
            "url": article["url"],
            "date": article["date"],
            "text": article["text"],
            **analysis["article"],
            "metrics_version": metrics.METRICS_VERSION,
            "lexicon_version": self.lexicon.version,
            "fingerprint": fingerprint,
        }])
        self._insert("sentences", ({"article_id": aid, **s} for s in analysis["sentences"]))
        self._insert("quotes", ({"article_id": aid, **q} for q in analysis["quotes"]))
        self._insert("loaded_word_occurrences",
                     ({"article_id": aid, "position": i, **o}
                      for i, o in enumerate(analysis["occurrences"])))


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
    db = sqlite_utils.Database(path)
    db.enable_wal()
    schema.ensure(db)
    return db


def load(db_path, inputs, lexicon: Lexicon | None = None, jobs: int | None = None,
         progress: bool = False, on_problem=None, batch: int = 50) -> LoadReport:
    """Load ``inputs`` into the database at ``db_path``; return a LoadReport."""
    lexicon = lexicon or Lexicon.load()
    report = LoadReport()
    started = time.monotonic()
    db = open_database(db_path)
    schema.store_lexicon(db, lexicon)
    writer = Writer(db, lexicon)
    problems: list[Problem] = []
    seen: dict[str, tuple[str, str]] = {}  # id -> (digest, where) in this load

    def emit(p: Problem):
        report.problems.append(p)
        if p.fatal:
            report.rejected += 1
        if on_problem:
            on_problem(p)

    def records():
        for item in read_inputs(inputs, problems):
            while problems:
                emit(problems.pop(0))
            if isinstance(item, Problem):
                emit(item)
                continue
            report.read += 1
            art = item.article
            digest = text_digest(art["text"])
            if art["id"] in seen:
                prev_digest, prev_where = seen[art["id"]]
                if prev_digest != digest:
                    emit(Problem(item.where, f"duplicate id {art['id']!r} with different text "
                                             f"(first seen at {prev_where}); kept the first"))
                else:
                    report.unchanged += 1
                continue
            seen[art["id"]] = (digest, item.where)
            fp = _fingerprint(art, lexicon)
            if writer.known(art["id"]) == fp:
                report.unchanged += 1
                continue
            yield item, fp

    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    bar = Progress(count_inputs(inputs) if progress else None, progress)
    pool = None
    if jobs > 1:
        pool = multiprocessing.get_context("fork").Pool(
            jobs, initializer=_init_worker, initargs=(lexicon,))
    else:
        _init_worker(lexicon)
    try:
        for chunk in _chunks(records(), batch):
            if pool is not None:
                results = pool.imap(_analyze, chunk, chunksize=max(1, len(chunk) // (4 * jobs)))
            else:
                results = map(_analyze, chunk)
            # one transaction per chunk, one savepoint per article: a killed load loses at
            # most the chunk in flight, never half an article
            db.conn.execute("begin")
            for rec, fp, analysis, error in results:
                if error:
                    emit(Problem(rec.where, error))
                    continue
                db.conn.execute("savepoint article")
                try:
                    writer.write(rec.article, analysis, fp)
                except Exception as e:
                    db.conn.execute("rollback to article")
                    emit(Problem(rec.where, f"could not be written: {type(e).__name__}: {e}"))
                else:
                    report.loaded += 1
                db.conn.execute("release article")
                bar.update(report.read)
            db.conn.execute("commit")
    finally:
        if db.conn.in_transaction:
            db.conn.execute("rollback")
        if pool is not None:
            pool.terminate()
        bar.close(report.read)
    while problems:
        emit(problems.pop(0))
    report.seconds = time.monotonic() - started
    return report
