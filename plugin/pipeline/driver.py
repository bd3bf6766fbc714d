"""Driving a load: read inputs, analyse in worker processes, write; ``recompute`` is the same drive
over the texts already stored.

    from datasette_media_bias.pipeline import load, recompute
    report = load("news.db", ["articles.jsonl", "data/seeds"])
    report = recompute("news.db", lexicon=Lexicon.load(["extra_words.csv"]))

How a load runs (see docs/performance.md for the figures):

* the parent process streams the inputs (``ingest``: nothing is read whole except CSV files),
  checks each article, and skips those already stored with the same fields and the same metric
  and lexicon versions;
* worker processes (``pool``: ``fork``, one per core) analyse batches of articles and return rows
  ready for ``executemany``; at most a few batches are in flight, so memory stays flat;
* the parent writes each article with its sentences, quotations and loaded-word occurrences
  inside one SAVEPOINT, and commits every half second (``store``: WAL mode,
  ``synchronous=NORMAL``).

A killed load therefore never leaves half an article: readers (Datasette, in WAL mode) only ever
see whole articles, and running the same load again finishes the job without duplicates.
Re-loading the same input changes nothing; an article whose text, fields, metric definitions
(``metrics.METRICS_VERSION``) or lexicon changed is replaced whole.

Progress is reported through ``on_progress(done, total)`` (``total`` may be None), problems
through ``on_problem(problem)``; the command line draws them.
"""
from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from dataclasses import dataclass, field
from typing import Callable, Iterable

from ..analysis import metrics
from ..analysis.lexicon import Lexicon
from ..ingest import EXTRA_FIELDS, FIELDS, Problem, count_inputs, read_inputs
from ..store import schema
from ..store.outlets import Filing, FilingConflict, refresh_names
from ..store.writer import Transactions, Writer, open_database
from . import stages
from .pool import WorkerPool

MAX_ARTICLE_CHARS = 2_000_000  # ~300 times a long news article; --max-article-chars


@dataclass
class LoadReport:
    read: int = 0
    loaded: int = 0
    unchanged: int = 0
    rejected: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    chars: int = 0  # characters of article text analysed
    without_story: int = 0  # articles read with no story key (grouped automatically)
    grouped: int = 0  # articles placed into automatic stories (pipeline/stories.py)
    without_outlet: int = 0  # articles read with no outlet
    # seconds of the parent process: reading+checking inputs, waiting for the workers, writing,
    # building the indexes at the end of a first load
    timings: dict = field(default_factory=lambda: {"read": 0.0, "wait": 0.0, "write": 0.0,
                                                   "index": 0.0, "fts": 0.0})

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
        """Counts that add up: every input record (unreadable ones included) was loaded, found
        unchanged or rejected."""
        total = self.loaded + self.unchanged + self.rejected
        return (f"{total} input records: {self.loaded} loaded, {self.unchanged} unchanged, "
                f"{self.rejected} rejected; {self.warnings} warnings ({self.seconds:.1f}s)")

    def notes(self) -> list[str]:
        """What the user gets from articles lacking a story or an outlet, and what to add."""
        out = []
        if self.without_story:
            n = self.without_story
            out.append(f"{n} article{'s have' if n != 1 else ' has'} no story key: "
                       f"{'they were' if n != 1 else 'it was'} grouped into stories "
                       f"automatically by title, lead, names and date (marked automatic on "
                       f"the pages; `media-bias stories DB --move/--merge/--split` corrects "
                       f"them). Add a story field (JSON Lines, CSV) or a story column in the "
                       f"folder's MANIFEST.csv to group them yourself.")
        if self.without_outlet:
            n = self.without_outlet
            out.append(f"{n} article{'s have' if n != 1 else ' has'} no outlet (and no URL to "
                       f"take one from): {'they are' if n != 1 else 'it is'} in no outlet "
                       f"comparison. Add an outlet or url field (or MANIFEST.csv column).")
        return out


@dataclass
class Job:
    """One article to analyse and store: ``store(writer, result)`` writes the analysis."""

    where: str
    article_id: str
    text: str
    store: Callable
    warn: bool = True  # report the analysis' warnings
    kept: str = ""  # appended to an analysis error: what happened to the stored article


def fingerprint(article: dict) -> str:
    """What the input said about an article (metric and lexicon versions are stored apart)."""
    h = hashlib.sha1()
    for k in FIELDS + ("story_title",):
        h.update(f"{k}={article.get(k)}\x00".encode("utf-8", errors="surrogatepass"))
    for k in EXTRA_FIELDS:  # only when given: fingerprints of text inputs stay as they were
        if article.get(k) is not None:
            h.update(f"{k}={article[k]}\x00".encode("utf-8", errors="surrogatepass"))
    return h.hexdigest()


def _open_for_writing(db_path, lexicon: Lexicon | None):
    """The database (created or migrated), the lexicon it will be measured with (stored in it),
    and a Writer: what load() and recompute() both start from."""
    lexicon = lexicon or Lexicon.load()
    db = open_database(db_path)
    schema.store_lexicon(db, lexicon)
    return lexicon, db, Writer(db, lexicon)


def _drive(jobs: Iterable[Job], report: LoadReport, db, writer: Writer, lexicon: Lexicon,
           processes: int, batch: int, commit_seconds: float, on_problem, on_progress,
           total: int | None, done: Callable[[], int], make_pool=WorkerPool) -> None:
    """Analyse ``jobs`` in worker processes (``make_pool(lexicon, processes)``: a WorkerPool,
    or a dask_engine.DaskPool) and store each result in its own savepoint."""
    timings = report.timings
    pool = None
    tx = Transactions(db.conn, commit_seconds)

    def emit(p: Problem):
        report.add(p, on_problem)

    def drain():
        t0 = time.monotonic()
        results = pool.take()
        t1 = time.monotonic()
        for job, (result, error) in results:
            if error:
                emit(Problem(job.where, error + job.kept))
                continue
            err = tx.article(lambda: job.store(writer, result))
            if err is not None:
                emit(Problem(job.where, f"could not be written: {type(err).__name__}: {err}"))
                continue
            report.loaded += 1
            report.chars += len(job.text)
            if job.warn:
                for w in result[4]:
                    emit(Problem(job.where, w, fatal=False))
            if on_progress:
                on_progress(done(), total)
        timings["wait"] += t1 - t0
        timings["write"] += time.monotonic() - t1

    try:
        it = iter(jobs)
        while True:
            t0 = time.monotonic()
            chunk = []
            for job in it:
                chunk.append(job)
                if len(chunk) >= batch:
                    break
            timings["read"] += time.monotonic() - t0
            if not chunk:
                break
            if pool is None:  # a single short batch is not worth starting workers for
                pool = make_pool(lexicon, processes if len(chunk) >= batch else 1)
            pool.submit(chunk, [(j.article_id, j.text) for j in chunk])
            while pool.full():
                drain()
        while pool is not None and pool.pending:
            drain()
        tx.finish()
    finally:
        if db.conn.in_transaction:
            db.conn.execute("rollback")
        if pool is not None:
            pool.close()


# articles per batch sent to a worker: a Dask task costs more to schedule than a forked pool's
BATCH = {"local": 8, "dask": 32}


def pool_maker(engine: str = "local", scheduler: str | None = None):
    """``(lexicon, processes) -> pool`` for ``engine``: "local" (forked worker processes),
    "dask" (pipeline/dask_engine.py; raises EngineUnavailable, one line, when dask is
    missing), or such a callable itself, for another engine's pool with the same interface
    (``submit``, ``full``, ``take``, ``close``, ``pending``; docs/scale-out.md)."""
    if callable(engine):
        return engine
    if engine == "local":
        if scheduler:
            raise ValueError("a scheduler address needs engine='dask'")
        return WorkerPool
    if engine == "dask":
        from . import dask_engine

        dask_engine.check_available()
        return lambda lexicon, jobs: dask_engine.DaskPool(lexicon, jobs, scheduler=scheduler)
    raise ValueError(f"unknown engine {engine!r} (local or dask)")


def _build_fts(db_path, report: LoadReport, between) -> None:
    """Build the missing full-text indexes with a connection of its own, calling ``between()``
    after each transaction (see ``load``)."""
    t0 = time.monotonic()
    other = open_database(db_path, long_wait=True)
    try:
        schema.create_fts(other, between)
    finally:
        other.conn.close()
    report.timings["fts"] += time.monotonic() - t0


def load(db_path, inputs, lexicon: Lexicon | None = None, jobs: int | None = None,
         on_progress=None, on_problem=None, batch: int | None = None,
         max_chars: int = MAX_ARTICLE_CHARS, commit_seconds: float = 0.5,
         engine: str = "local", scheduler: str | None = None,
         outlet_by: str | None = None) -> LoadReport:
    """Load ``inputs`` into the database at ``db_path``; return a LoadReport. ``engine="dask"``
    analyses on a Dask cluster (``scheduler`` address, or a LocalCluster of ``jobs`` workers).
    ``outlet_by``: file articles under outlets by their ``label`` or their URL's ``domain``
    (store/outlets.py), for a new database; None keeps the database's rule (label at first).
    A stored database filed otherwise raises FilingConflict: ``pipeline.outlets.refile``
    first."""
    make_pool = pool_maker(engine, scheduler)
    batch = batch or BATCH.get(engine, BATCH["dask"])
    report = LoadReport()
    started = time.monotonic()
    lexicon, db, writer = _open_for_writing(db_path, lexicon)
    # into an empty database, build the secondary indexes once at the end, which costs less
    # than keeping them up to date article by article (if the load stops half way, the next
    # open_database builds them)
    first_load = not db.execute("select exists (select 1 from articles)").fetchone()[0]
    if outlet_by and outlet_by != writer.filing.by:
        if not first_load:
            db.conn.close()
            raise FilingConflict(
                f"{db_path} files its articles' outlets by {writer.filing.by}; to file them by "
                f"{outlet_by}, run: media-bias outlets {db_path} --by {outlet_by}")
        writer.filing = Filing(outlet_by, writer.filing.aliases)
        with db.conn:
            writer.filing.save(db.conn)
    if first_load:
        schema.drop_indexes(db)
        schema.drop_fts(db)  # the full-text indexes too: built once at the end
    problems: list[Problem] = []
    seen: dict[str, tuple[bytes, str]] = {}  # id -> (digest, where) in this load

    def emit(p: Problem):
        report.add(p, on_problem)

    def jobs_to_do():
        for item in read_inputs(inputs, problems):
            while problems:
                emit(problems.pop(0))
            if isinstance(item, Problem):
                emit(item)
                continue
            report.read += 1
            art = item.article
            report.without_story += not art.get("story")
            report.without_outlet += not art.get("outlet")
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
            fp = fingerprint(art)
            stored = writer.known(art["id"])
            if stored and tuple(stored[:3]) == (fp, metrics.METRICS_VERSION, lexicon.version):
                report.unchanged += 1
                continue

            def store(w, result, art=art, fp=fp, stored=stored):
                w.write(art, result, fp, stored is not None)
                # the story it joined and the one it left, for the stages that span a story
                old_story = stored[3] if stored else None
                w.queue_stories(art["story"], old_story)
                changes.add(art["id"], art["story"], old_story)

            yield Job(item.where, art["id"], art["text"], store)

    total = count_inputs(inputs) if on_progress else None
    changes = stages.Changes()
    try:
        _drive(jobs_to_do(), report, db, writer, lexicon, jobs or os.cpu_count() or 1, batch,
               commit_seconds, on_problem, on_progress, total, lambda: report.read, make_pool)
        if first_load:
            t0 = time.monotonic()
            schema.create_indexes(db)
            report.timings["index"] += time.monotonic() - t0
        if writer.outlets_by_labels:  # outlets filed by domain: named after their labels
            with db.conn:
                refresh_names(db.conn, writer.outlets_by_labels, writer.filing)
        # the full-text indexes: built after a first load (or for a database made before they
        # existed; a no-op otherwise), in a thread beside the stages, in short transactions
        # that let the stages' own writes go first; from then on their triggers keep them in
        # step
        stages.run(db, changes, report,
                   beside=lambda between: _build_fts(db_path, report, between))
        while problems:
            emit(problems.pop(0))
    finally:
        db.conn.close()
    report.seconds = time.monotonic() - started
    return report


def recompute(db_path, lexicon: Lexicon | None = None, jobs: int | None = None,
              everything: bool = False, on_progress=None, on_problem=None,
              batch: int | None = None, commit_seconds: float = 0.5, engine: str = "local",
              scheduler: str | None = None) -> LoadReport:
    """Re-analyse the article texts stored in ``db_path`` with the current metric definitions
    and ``lexicon``: by default only articles whose stored ``metrics_version`` or
    ``lexicon_version`` differ, every article with ``everything=True``. The original input
    files are not needed. Titles, outlets, stories and texts are left as they are."""
    make_pool = pool_maker(engine, scheduler)
    batch = batch or BATCH.get(engine, BATCH["dask"])
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

    def jobs_to_do():
        for start in range(0, len(ids), batch):
            chunk_ids = ids[start:start + batch]
            marks = ",".join("?" * len(chunk_ids))
            texts = dict(db.execute(f"select id, text from articles where id in ({marks})",
                                    chunk_ids).fetchall())
            for aid in chunk_ids:
                if aid in texts:
                    report.read += 1
                    yield Job(f"{db_path}: article {aid}", aid, texts[aid],
                              lambda w, result, aid=aid: rewrite(w, aid, result),
                              warn=False, kept="; its old metrics were kept")

    changes = stages.Changes(everything=everything)

    def rewrite(w, aid, result):
        w.rewrite_analysis(aid, result)
        story = w.known(aid)[3]
        w.queue_stories(story)
        changes.add(aid, story)

    try:
        # as many workers as the work is worth: none for a single short batch
        processes = (jobs or os.cpu_count() or 1) if len(ids) > batch else 1
        _drive(jobs_to_do(), report, db, writer, lexicon, processes, batch, commit_seconds,
               on_problem, on_progress, len(ids), lambda: report.loaded, make_pool)
        # a database made before the full-text indexes (or whose build was cut short) gets
        # them, built as a load builds them
        stages.run(db, changes, report,
                   beside=lambda between: _build_fts(db_path, report, between))
    finally:
        db.conn.close()
    report.seconds = time.monotonic() - started
    return report


def reextract(db_path, cache_dir=None, **load_kw) -> LoadReport:
    """Redo the extraction of the articles loaded from web pages (after a trafilatura upgrade):
    each one's ``source`` is read again - a saved page's file, or a fetched page's URL in the
    fetch cache (``cache_dir``, by default the one beside the database) - and loaded like a new
    input: an article whose extraction changed (text, title, author..., or the extractor's
    version) is replaced and re-analysed, the others are left as they are. A source that is
    gone is a warning (articles from a web archive: load the archive again). ``load_kw`` as
    for ``load``."""
    from ..ingest import fetch as fetching

    db = open_database(db_path)
    try:
        rows = db.execute("select id, source from articles where extractor is not null and "
                          "source is not null order by rowid").fetchall()
    finally:
        db.conn.close()
    cache = Path(cache_dir) if cache_dir else fetching.default_cache(db_path)
    inputs, missing = {}, []
    for aid, source in rows:
        web = source.startswith(("http://", "https://"))
        path = fetching.cache_path(cache, source) if web else Path(source)
        if path.exists():
            inputs.setdefault(str(path), aid)
        else:
            missing.append((aid, source, web))
    report = load(db_path, list(inputs), **load_kw) if inputs else LoadReport()
    for aid, source, web in missing:
        report.add(Problem(f"{db_path}: article {aid}", (
            f"cannot re-extract: {source} is not in the fetch cache {cache} (a page from a "
            f"web archive: load the archive again)" if web else
            f"cannot re-extract: {source} is no longer there"), fatal=False),
            load_kw.get("on_problem"))
    return report
