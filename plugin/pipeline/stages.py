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
stage, so that both cores stay busy. Such a stage reads nothing the later stages write.
"""
from __future__ import annotations

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


def run(db, changes: Changes, report, beside_first=None) -> None:
    """Run every stage for ``changes`` and for the stories a killed earlier run left pending;
    the pending list is cleared only once every stage has run. ``beside_first``: a function
    run in a thread while the first stage (grouping, which starts no worker processes) runs,
    e.g. building the full-text indexes with its own connection; it is run even when no stage
    has anything to do."""
    pending = pending_stories(db.conn)
    changes.stories |= pending
    # articles with no story yet wait for the grouping stage (a load killed before it ran)
    # (fetchall: a statement left open would hold a read snapshot that a write cannot follow
    # once the thread beside the first stage has committed)
    ((ungrouped,),) = db.conn.execute(
        "select exists (select 1 from articles where story is null)").fetchall()
    if not (changes.articles or changes.stories or changes.everything or ungrouped):
        if beside_first:
            beside_first()
        return
    done = set(changes.stories)
    suspended = []  # generator stages whose workers run while the later stages do
    try:
        for i, stage in enumerate(STAGES):
            t0 = time.monotonic()
            if i == 0 and beside_first:
                _beside(beside_first, db.conn, lambda: stage(db, changes, report))
            else:
                started = stage(db, changes, report)
                if inspect.isgenerator(started):
                    next(started, None)
                    suspended.append((stage, started))
            report.timings[f"stage:{stage.__name__}"] = time.monotonic() - t0
        while suspended:
            stage, rest = suspended.pop(0)
            t0 = time.monotonic()
            for _ in rest:
                pass
            report.timings[f"stage:{stage.__name__}"] += time.monotonic() - t0
    finally:
        for _, rest in suspended:  # a stage failed: stop the others' workers
            rest.close()
    clear_pending(db.conn, done | pending)


def _beside(background, conn, foreground) -> None:
    """Run ``background()`` in a thread while ``foreground()`` runs; re-raise its error. While
    the thread writes (it holds SQLite's write lock), the writer's own writes wait for it,
    however long (WAL readers never wait)."""
    failed = []

    def target():
        try:
            background()
        except BaseException as e:  # re-raised in the writer's thread
            failed.append(e)

    (timeout,) = conn.execute("pragma busy_timeout").fetchone()
    conn.execute("pragma busy_timeout = 86400000")
    thread = threading.Thread(target=target, name="media-bias-beside", daemon=True)
    thread.start()
    try:
        foreground()
    finally:
        thread.join()
        conn.execute(f"pragma busy_timeout = {int(timeout)}")
    if failed:
        raise failed[0]
