"""The story stage for coverage: what each article of a story reports that the others do not.

For every story a load or recompute changed (an article joined it, left it or was re-analysed),
the whole story is judged again (``compare.coverage.story_coverage``): each prose sentence gets
``sentences.coverage``, ``coverage_score`` and ``coverage_missing``; its best matches in the
other articles go to ``coverage_matches``; each article's names and figures, linked across the
story (``compare.entities``), go to ``entity_mentions``; and the counts the outlet page adds up
go to ``article_coverage``. A wire copy of another article of the story (``articles.copy_of``)
is not independent coverage: the others are judged without it, and it gets no statuses, matches
or names (its ``article_coverage`` row judges nothing).

The work per story is bounded by its sentences, not by its pairs of articles: each sentence is
compared with at most 20 other articles (10 in a story of more than 2,000 sentences), those
whose sentences share the most of its rare words, found through an index of the story's words;
words in more than 400 sentences are not used to find candidates (see ``compare.coverage``).
A load that changes many stories judges them in worker processes (``PARALLEL_STORIES``), which
read the stories themselves while the writer runs the stages after this one.
"""
from __future__ import annotations

import gc
import json
import multiprocessing
import os
import pickle
import sqlite3
import threading
import urllib.parse

from ..compare.coverage import article_summary, copies_within, story_coverage
from ..compare.entities import entity_rows, link_keys, mentions
from . import stages

STORY_ARTICLE_IDS = "select id, copy_of from articles where story = ? order by id"
STORY_ARTICLES = "select id, text from articles where story = ? order by id"
STORY_SENTENCES = """
select article_id, position, start, [end], text, is_boilerplate from sentences
where article_id in (select id from articles where story = ?)
order by article_id, position
"""
SET_COVERAGE = """
update sentences set coverage = ?, coverage_score = ?, coverage_missing = ?
where article_id = ? and position = ?
"""
INSERT_MATCH = """
insert or replace into coverage_matches
  (article_id, position, other_article_id, other_position, score) values (?, ?, ?, ?, ?)
"""
INSERT_MENTION = """
insert or replace into entity_mentions
  (article_id, key, entity, kind, text, mentions, start, [end]) values (?, ?, ?, ?, ?, ?, ?, ?)
"""
_IDS = "(select value from json_each(?))"
INSERT_SUMMARY = """
insert or replace into article_coverage (article_id, story, judged, covered, partly, only_here,
  others_judged, left_out, entities, entities_only_here) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""


# stories judged in worker processes (forked, one per core) when a load changed at least this
# many; fewer are judged in the writer's process
PARALLEL_STORIES = 64
CHUNK_STORIES = 256  # stories written per transaction
# how far the worker processes judge ahead of the writer at most (the results waiting to be
# written, held pickled): articles of stories with two or more (~6 KB of rows an article on the
# 10k Baly sample: ~35 MB), and stories (one alone is a few hundred bytes). Enough for the
# workers to judge on through the later stages, which the writer runs meanwhile.
AHEAD_ARTICLES = 6000
AHEAD_STORIES = 20_000


def read_story(conn, story: str) -> tuple[dict, dict, dict]:
    """The texts and sentence rows of a story's articles, and its wire copies: {id: text},
    {id: [sentence]}, {copy id: id of the article of the story it copies} (no texts or
    sentences when fewer than two of its articles are independent: there is nothing to
    compare)."""
    rows = conn.execute(STORY_ARTICLE_IDS, [story]).fetchall()
    ids = [aid for aid, _ in rows]
    copies = copies_within(rows)
    if len(ids) - len(copies) < 2:
        return dict.fromkeys(ids), {aid: [] for aid in ids}, copies
    texts = dict(conn.execute(STORY_ARTICLES, [story]).fetchall())
    sentences: dict[str, list[dict]] = {aid: [] for aid in texts}
    for aid, pos, start, end, text, boiler in conn.execute(STORY_SENTENCES, [story]):
        if aid in sentences:
            sentences[aid].append({"position": pos, "start": start, "end": end, "text": text,
                                   "is_boilerplate": bool(boiler)})
    return texts, sentences, copies


def compute_story(item: tuple[dict, dict]) -> dict:
    """Everything stored for one story, from ``read_story``'s rows (a pure function: it runs in
    a worker process for large loads). The cyclic garbage collector pauses meanwhile: judging
    allocates many containers, none in a cycle, whose count would start collections that
    traverse every object of the process (a tenth of the time, measured on 400 stories)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _compute_story(item)
    finally:
        if enabled:
            gc.enable()


def _compute_story(item: tuple[dict, dict, dict]) -> dict:
    texts, sentences, copies = item
    ids = list(texts)
    # wire copies are not independent coverage: only the other articles are compared (each
    # copy's original among them), and a copy's sentences and names are left unjudged
    independent = [aid for aid in ids if aid not in copies]
    unjudged = {aid: {"entities": 0, "entities_only_here": 0} for aid in copies}
    if len(independent) < 2:  # alone on its story: nothing to compare, nothing judged or linked
        return {"ids": ids, "matches": [], "entities": [], "sentences": {}, "unjudged": ids,
                "entity_counts": {aid: {"entities": 0, "entities_only_here": 0} for aid in ids},
                "summary": article_summary(independent, {}, [], not_compared=copies)}
    result = story_coverage([{"id": aid, "sentences": sentences[aid]} for aid in independent])
    per_article = {aid: mentions(texts[aid], sentences[aid]) for aid in independent}
    entities, entity_counts = entity_rows(per_article, link_keys(per_article))
    statuses = {k: v["coverage"] for k, v in result["sentences"].items() if v["coverage"]}
    prose = sum(1 for aid in independent for s in sentences[aid] if not s["is_boilerplate"])
    summary = article_summary(independent, statuses, result["matches"], n_sentences=prose,
                              not_compared=copies)
    return {"ids": ids, "sentences": result["sentences"], "matches": result["matches"],
            "entities": entities, "entity_counts": {**entity_counts, **unjudged},
            "summary": summary, "unjudged": list(copies)}


def story_rows(story: str, computed: dict) -> dict:
    """What ``write_stories`` writes for ``story`` from its ``compute_story`` result: the rows of
    its statements (built in the worker that judged the story: the writer only executes them,
    and the rows are smaller to hold than the result)."""
    counts = computed["entity_counts"]
    return {
        "ids": computed["ids"], "unjudged": computed["unjudged"],
        "coverage": [(v["coverage"], v["score"],
                      json.dumps(v["missing"]) if v["coverage"] else None, aid, pos)
                     for (aid, pos), v in computed["sentences"].items()],
        "matches": computed["matches"],
        "mentions": [(r["article_id"], r["key"], r["entity"], r["kind"], r["text"],
                      r["mentions"], r["start"], r["end"]) for r in computed["entities"]],
        "summary": [(aid, story, s["judged"], s["covered"], s["partly"], s["only_here"],
                     s["others_judged"], s["left_out"], counts[aid]["entities"],
                     counts[aid]["entities_only_here"])
                    for aid, s in computed["summary"].items()],
    }


def write_stories(conn, items) -> None:
    """Replace the stored coverage of the (story, ``story_rows``) ``items`` (inside the
    caller's transaction): their articles' old rows are deleted in one statement per table."""
    ids = json.dumps([aid for _, rows in items for aid in rows["ids"]])
    for table in ("coverage_matches", "entity_mentions", "article_coverage"):
        conn.execute(f"delete from [{table}] where article_id in {_IDS}", [ids])
    # articles alone on their story (or wire copies), judged when they had company or were
    # independent: no longer
    unjudged = json.dumps([aid for _, rows in items for aid in rows["unjudged"]])
    conn.execute(f"update sentences set coverage = null, coverage_score = null, "
                 f"coverage_missing = null where article_id in {_IDS} "
                 f"and coverage is not null", [unjudged])
    for _, rows in items:
        conn.executemany(SET_COVERAGE, rows["coverage"])
        conn.executemany(INSERT_MATCH, rows["matches"])
        conn.executemany(INSERT_MENTION, rows["mentions"])
        conn.executemany(INSERT_SUMMARY, rows["summary"])


def judge_coverage(db, changes, report):
    """The stage (a generator, see ``stages``): with many stories to judge, worker processes
    start reading and judging them (each with its own read-only connection) while the writer
    runs the stages after this one; the results ready after each of those are written then,
    the rest when the stage resumes last. Fewer stories are judged in the writer's process,
    when it resumes last."""
    conn = db.conn
    stories = changes.story_ids(conn)
    with conn:  # an article that left every story keeps no coverage
        for table in ("coverage_matches", "entity_mentions", "article_coverage"):
            conn.execute(f"delete from [{table}] where article_id in "
                         "(select id from articles where story is null)")
    processes = min(os.cpu_count() or 1, 8)
    if len(stories) < PARALLEL_STORIES or processes < 2:
        while (yield) == stages.READY:
            pass
        results = ((story, story_rows(story, compute_story(read_story(conn, story))))
                   for story in stories)
        _write_all(conn, results)
        return
    judging = _Judging(conn, stories, processes)
    try:
        while (yield) == stages.READY:  # between two later stages: what is judged so far
            _write_all(conn, judging.ready())
        _write_all(conn, judging)
    finally:
        judging.close()


def _write_all(conn, results) -> None:
    """Write (story, ``story_rows``) pairs, ``CHUNK_STORIES`` stories per transaction."""
    batch = []
    for item in results:
        batch.append(item)
        if len(batch) >= CHUNK_STORIES:
            with conn:
                write_stories(conn, batch)
            batch = []
    if batch:
        with conn:
            write_stories(conn, batch)


_reader = None  # a worker process's read-only connection


def _open_reader(path: str) -> None:
    global _reader
    # what the worker inherited stays as it is: the collector neither traverses it (time) nor
    # writes to it (pages copied)
    gc.freeze()
    _reader = sqlite3.connect(f"file:{urllib.parse.quote(path)}?mode=ro", uri=True)


def _judge(stories: list[str]) -> list[tuple[str, bytes]]:
    """(story, its ``story_rows`` pickled) for each of ``stories``: bytes are what the writer
    holds until it writes them, a fifth of the rows' size as objects (4.5 against 23 MB for
    300 stories of the 10k Baly sample)."""
    return [(story, pickle.dumps(story_rows(story, compute_story(read_story(_reader, story))),
                                 protocol=pickle.HIGHEST_PROTOCOL)) for story in stories]


class _Judging:
    """Stories judged in forked worker processes, each reading its stories from the database
    (what the writer committed before the stage started); iterating gives (story,
    ``story_rows``) in order. The workers run at most ``AHEAD_ARTICLES`` articles (of stories
    with two or more) and ``AHEAD_STORIES`` stories ahead of the writer: enough for them to
    judge on while the writer runs the later stages, with memory flat however many stories a
    load changed."""

    CHUNK = 4  # stories a task

    def __init__(self, conn, stories: list[str], processes: int):
        path = next(r[2] for r in conn.execute("pragma database_list") if r[1] == "main")
        self.articles = dict(conn.execute(
            f"select story, count(*) from articles where story in {_IDS} group by story",
            [json.dumps(stories)]).fetchall())
        self.cv = threading.Condition()
        self.ahead_articles = self.ahead_stories = 0
        self.stopped = False
        with stages.quiet():  # (no thread of this process inside SQLite while forking)
            self.pool = multiprocessing.get_context("fork").Pool(
                processes, initializer=_open_reader, initargs=(path,))
        self.results = self.pool.imap(_judge, self._feed(stories))

    def _weight(self, story: str) -> int:
        n = self.articles.get(story, 0)
        return n if n > 1 else 0  # an article alone: nothing judged, a few hundred bytes

    def _feed(self, stories):
        """Chunks of ``CHUNK`` stories (runs in the pool's task thread: waits while the writer
        lags)."""
        cv = self.cv
        for i in range(0, len(stories), self.CHUNK):
            chunk = stories[i:i + self.CHUNK]
            w = sum(map(self._weight, chunk))
            with cv:
                while not self.stopped and self.ahead_stories and (
                        self.ahead_articles + w > AHEAD_ARTICLES
                        or self.ahead_stories >= AHEAD_STORIES):
                    cv.wait()
                if self.stopped:
                    return
                self.ahead_articles += w
                self.ahead_stories += len(chunk)
            yield chunk

    def __iter__(self):
        return self._take(None)

    def ready(self):
        """The results judged so far and not yet taken (without waiting for more)."""
        return self._take(0)

    def _take(self, timeout):
        while True:
            try:
                chunk = self.results.next(timeout)
            except (StopIteration, multiprocessing.TimeoutError):
                return
            with self.cv:
                self.ahead_articles -= sum(self._weight(story) for story, _ in chunk)
                self.ahead_stories -= len(chunk)
                self.cv.notify_all()
            for story, blob in chunk:
                yield story, pickle.loads(blob)

    def close(self) -> None:
        with self.cv:  # let the task thread see that it must stop
            self.stopped = True
            self.cv.notify_all()
        self.pool.terminate()
        self.pool.join()
