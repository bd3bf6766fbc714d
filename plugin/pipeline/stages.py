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
"""
from __future__ import annotations

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


def run(db, changes: Changes, report) -> None:
    """Run every stage for ``changes`` and for the stories a killed earlier run left pending;
    the pending list is cleared only once every stage has run."""
    pending = pending_stories(db.conn)
    changes.stories |= pending
    # articles with no story yet wait for the grouping stage (a load killed before it ran)
    ungrouped = db.conn.execute("select exists (select 1 from articles where story is null)")
    if not (changes.articles or changes.stories or changes.everything
            or ungrouped.fetchone()[0]):
        return
    done = set(changes.stories)
    for stage in STAGES:
        t0 = time.monotonic()
        stage(db, changes, report)
        report.timings[f"stage:{stage.__name__}"] = time.monotonic() - t0
    clear_pending(db.conn, done | pending)
