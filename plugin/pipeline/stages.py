"""Work that spans several articles, run on the writer after the per-article stage of a load or
a recompute: grouping articles into stories, comparisons within a story, corpus-wide tables.

A stage is a function ``stage(db, changes, report)`` registered in ``STAGES`` (in order: a
stage may add to ``changes`` for the stages after it, e.g. the stories that grouping touched).
It reads what it needs from the database, computes with pure functions of ``compare/``, and
writes through ``store/``, in its own transaction, only for what ``changes`` names, so that
loading more articles later does not recompute the whole database. ``report.timings`` records
each stage's seconds.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field


@dataclass
class Changes:
    """What a load or recompute changed."""

    articles: set[str] = field(default_factory=set)  # written or re-analysed
    stories: set[str] = field(default_factory=set)  # stories an article joined, left or changed in
    everything: bool = False  # recompute every stage for the whole database

    def add(self, article_id: str, *stories) -> None:
        self.articles.add(article_id)
        self.stories.update(s for s in stories if s)


# the stages, in the order they run; each module registers its own
STAGES: list = []


def run(db, changes: Changes, report) -> None:
    if not (changes.articles or changes.stories or changes.everything):
        return
    for stage in STAGES:
        t0 = time.monotonic()
        stage(db, changes, report)
        report.timings[f"stage:{stage.__name__}"] = time.monotonic() - t0
