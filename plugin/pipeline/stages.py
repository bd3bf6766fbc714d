"""Work that spans several articles, run on the writer after the per-article stage of a load or
a recompute: grouping articles into stories, comparisons within a story, corpus-wide tables.

The stories to work on are noted in the ``pending_stories`` table in the same savepoint as each
article the load writes, and cleared once every stage has run: a load killed before or during
its stages leaves them noted, and the next run finishes them.

A stage is a function ``stage(db, changes, report)`` listed in ``STAGES`` (in order: a
stage may add to ``changes`` for the stages after it, e.g. the stories that grouping touched).
It reads what it needs from the database, computes with pure functions of ``compare/``, and
writes through ``store/``, in its own transaction, only for what ``changes`` names, so that
loading more articles later does not recompute the whole database. ``report.timings`` records
each stage's seconds.

A stage may also be a generator: the part before its ``yield`` starts work in worker processes
(coverage: the workers read and judge the stories themselves), the stages after it run in the
writer meanwhile, and the rest of it (writing the workers' results) runs after every other
stage, so that both cores stay busy. After each later stage it is sent ``READY``: it writes the
results ready so far, without waiting for more, and yields again. Such a stage reads nothing
the later stages write.
"""
from __future__ import annotations

import contextlib
import inspect
import threading
import time
from dataclasses import dataclass, field

from ..store.writer import clear_pending, pending_stories


@dataclass
class Changes:
    """What a load or recompute changed."""

    articles: set[str] = field(default_factory=set)  # written or re-analysed
    stories: set[str] = field(default_factory=set)  # stories an article joined, left or changed in
    everything: bool = False  # recompute every stage for the whole database

    def add(self, article_id: str, *stories) -> None:
        self.articles.add(article_id)
        self.stories.update(s for s in stories if s)

    def story_ids(self, conn) -> list[str]:
        """The stories a stage works on, in order: every story of the database when
        ``everything``, else those changed."""
        if self.everything:
            return [r[0] for r in conn.execute("select id from stories order by id")]
        return sorted(self.stories)


# the stages, in the order they run: set in pipeline/__init__.py (grouping, story words,
# speakers, coverage, outlet statistics)
STAGES: list = []

# sent to a suspended generator stage after each later stage: write what is ready, without
# waiting (the generator then yields again); it finishes when resumed with None
READY = "ready"


def run(db, changes: Changes, report, beside=None) -> None:
    """Run every stage for ``changes`` and for the stories a killed earlier run left pending;
    the pending list is cleared only once every stage has run. ``beside(between)``: work run
    in a thread while the stages run, e.g. building the full-text indexes with a connection of
    its own, which calls ``between()`` after each of its transactions (see ``Beside``); it is
    run even when no stage has anything to do."""
    pending = pending_stories(db.conn)
    changes.stories |= pending
    # articles with no story yet wait for the grouping stage (a load killed before it ran)
    # (fetchall: a statement left open would hold a read snapshot that a write cannot follow
    # once the thread beside the stages has committed)
    ((ungrouped,),) = db.conn.execute(
        "select exists (select 1 from articles where story is null)").fetchall()
    if not (changes.articles or changes.stories or changes.everything or ungrouped):
        if beside:
            beside(lambda: None)
        return
    done = set(changes.stories)
    with Beside(beside, db.conn):
        _run_stages(db, changes, report)
    clear_pending(db.conn, done | pending)


def _run_stages(db, changes: Changes, report) -> None:
    suspended = []  # generator stages whose workers run while the later stages do
    try:
        for stage in STAGES:
            t0 = time.monotonic()
            started = stage(db, changes, report)
            if inspect.isgenerator(started):
                next(started, None)
            report.timings[f"stage:{stage.__name__}"] = time.monotonic() - t0
            for earlier, rest in suspended:  # write what their workers have done so far
                t0 = time.monotonic()
                rest.send(READY)
                report.timings[f"stage:{earlier.__name__}"] += time.monotonic() - t0
            if inspect.isgenerator(started):
                suspended.append((stage, started))
        while suspended:
            stage, rest = suspended.pop(0)
            t0 = time.monotonic()
            for _ in rest:
                pass
            report.timings[f"stage:{stage.__name__}"] += time.monotonic() - t0
    finally:
        for _, rest in suspended:  # a stage failed: stop the others' workers
            rest.close()


_BESIDE: list = []  # the Beside running now (at most one)


class Beside:
    """``work(between)`` in a thread while the writer runs the stages (``with Beside(...)``;
    the thread is joined at the end and its error re-raised). The work writes in short
    transactions with a connection of its own and calls ``between()`` after each, holding no
    lock: there it waits while the writer's connection is in a transaction (the writer asked
    for the write lock, or holds it), so the writer never waits long for the thread, and while
    a stage starts worker processes (``quiet()``: a process forked while the thread is inside
    SQLite could inherit one of SQLite's locks held, and hang)."""

    def __init__(self, work, conn):
        self.work = work
        self.conn = conn
        self.cv = threading.Condition()
        self.state = "running"  # running, parked (in between()), done
        self.holds = 0
        self.closing = False  # the writer is joining the thread: no more waiting for it
        self.stopping = False  # ... after an error: the work stops at its next step
        self.failed = []
        self.thread = None

    def __enter__(self):
        if self.work is None:
            return self
        (self.timeout,) = self.conn.execute("pragma busy_timeout").fetchone()
        # the writer may wait for one of the thread's transactions, however long
        self.conn.execute("pragma busy_timeout = 86400000")
        self.thread = threading.Thread(target=self._target, name="media-bias-beside",
                                       daemon=True)
        _BESIDE.append(self)
        self.thread.start()
        return self

    def _target(self):
        try:
            self.work(self.between)
        except _Stopped:
            pass
        except BaseException as e:  # re-raised in the writer's thread
            self.failed.append(e)
        finally:
            with self.cv:
                self.state = "done"
                self.cv.notify_all()

    def between(self) -> None:
        with self.cv:
            if self.stopping:
                raise _Stopped()
            while self.holds or (self.conn.in_transaction and not self.closing):
                if self.state != "parked":
                    self.state = "parked"
                    self.cv.notify_all()
                self.cv.wait(0.005)
            self.state = "running"

    @contextlib.contextmanager
    def _quiet(self):
        with self.cv:
            self.holds += 1
            while self.state == "running":
                self.cv.wait()
        try:
            yield
        finally:
            with self.cv:
                self.holds -= 1
                self.cv.notify_all()

    def __exit__(self, *exc):
        if self.thread is None:
            return False
        with self.cv:
            self.closing = True
            # a stage failed (or the load was interrupted): do not finish the work first
            self.stopping = exc[0] is not None
        try:
            self.thread.join()
        finally:
            _BESIDE.remove(self)
            self.conn.execute(f"pragma busy_timeout = {int(self.timeout)}")
        if self.failed and exc[0] is None:
            raise self.failed[0]
        return False


class _Stopped(Exception):
    """Raised in the thread beside the stages by ``between()`` when a stage failed."""


def quiet():
    """A context in which the thread beside the stages (if any) is parked between two of its
    transactions: a stage starts its worker processes (fork) inside it."""
    return _BESIDE[0]._quiet() if _BESIDE else contextlib.nullcontext()
