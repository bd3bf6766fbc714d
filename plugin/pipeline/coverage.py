"""The story stage for coverage: what each article of a story reports that the others do not.

For every story a load or recompute changed (an article joined it, left it or was re-analysed),
the whole story is judged again (``compare.coverage.story_coverage``): each prose sentence gets
``sentences.coverage``, ``coverage_score`` and ``coverage_missing``; its best matches in the
other articles go to ``coverage_matches``; each article's names and figures, linked across the
story (``compare.entities``), go to ``entity_mentions``; and the counts the outlet page adds up
go to ``article_coverage``.

The work per story is bounded by its sentences, not by its pairs of articles: each sentence is
compared with at most 20 other articles (10 in a story of more than 2,000 sentences), those
whose sentences share the most of its rare words, found through an index of the story's words;
words in more than 400 sentences are not used to find candidates (see ``compare.coverage``).
A load that changes many stories judges them in worker processes (``PARALLEL_STORIES``).
"""
from __future__ import annotations

import json
import multiprocessing
import os

from ..compare.coverage import article_summary, story_coverage
from ..compare.entities import entity_rows, link_keys, mentions

STORY_ARTICLE_IDS = "select id from articles where story = ? order by id"
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
INSERT_SUMMARY = """
insert or replace into article_coverage (article_id, story, judged, covered, partly, only_here,
  others_judged, left_out, entities, entities_only_here) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""


# stories judged in worker processes (forked, one per core) when a load changed at least this
# many; fewer are judged in the writer's process
PARALLEL_STORIES = 64
CHUNK_STORIES = 256  # stories read, judged and written at a time (memory stays flat)


def read_story(conn, story: str) -> tuple[dict, dict]:
    """The texts and sentence rows of a story's articles: {id: text}, {id: [sentence]}
    (neither for an article alone on its story: there is nothing to compare)."""
    ids = [r[0] for r in conn.execute(STORY_ARTICLE_IDS, [story])]
    if len(ids) < 2:
        return dict.fromkeys(ids), {aid: [] for aid in ids}
    texts = dict(conn.execute(STORY_ARTICLES, [story]).fetchall())
    sentences: dict[str, list[dict]] = {aid: [] for aid in texts}
    for aid, pos, start, end, text, boiler in conn.execute(STORY_SENTENCES, [story]):
        if aid in sentences:
            sentences[aid].append({"position": pos, "start": start, "end": end, "text": text,
                                   "is_boilerplate": bool(boiler)})
    return texts, sentences


def compute_story(item: tuple[dict, dict]) -> dict:
    """Everything stored for one story, from ``read_story``'s rows (a pure function: it runs in
    a worker process for large loads)."""
    texts, sentences = item
    ids = list(texts)
    if len(ids) < 2:  # alone on its story: nothing to compare, nothing judged or linked
        return {"ids": ids, "matches": [], "entities": [], "sentences": {}, "alone": True,
                "entity_counts": {aid: {"entities": 0, "entities_only_here": 0} for aid in ids},
                "summary": article_summary(ids, {}, [])}
    result = story_coverage([{"id": aid, "sentences": sentences[aid]} for aid in ids])
    per_article = {aid: mentions(texts[aid], sentences[aid]) for aid in ids}
    entities, entity_counts = entity_rows(per_article, link_keys(per_article))
    statuses = {k: v["coverage"] for k, v in result["sentences"].items() if v["coverage"]}
    prose = sum(1 for ss in sentences.values() for s in ss if not s["is_boilerplate"])
    summary = article_summary(ids, statuses, result["matches"], n_sentences=prose)
    return {"ids": ids, "sentences": result["sentences"], "matches": result["matches"],
            "entities": entities, "entity_counts": entity_counts, "summary": summary}


def write_story(conn, story: str, computed: dict) -> None:
    """Replace a story's stored coverage (inside the caller's transaction)."""
    ids = computed["ids"]
    if ids:
        marks = ",".join("?" * len(ids))
        for table in ("coverage_matches", "entity_mentions", "article_coverage"):
            conn.execute(f"delete from [{table}] where article_id in ({marks})", ids)
        if computed.get("alone"):  # judged when it had company: no longer
            conn.execute(f"update sentences set coverage = null, coverage_score = null, "
                         f"coverage_missing = null where article_id in ({marks}) "
                         f"and coverage is not null", ids)
    conn.executemany(SET_COVERAGE, [
        (v["coverage"], v["score"], json.dumps(v["missing"]) if v["coverage"] else None,
         aid, pos) for (aid, pos), v in computed["sentences"].items()])
    conn.executemany(INSERT_MATCH, computed["matches"])
    conn.executemany(INSERT_MENTION, [
        (r["article_id"], r["key"], r["entity"], r["kind"], r["text"], r["mentions"],
         r["start"], r["end"]) for r in computed["entities"]])
    counts = computed["entity_counts"]
    conn.executemany(INSERT_SUMMARY, [
        (aid, story, s["judged"], s["covered"], s["partly"], s["only_here"], s["others_judged"],
         s["left_out"], counts[aid]["entities"], counts[aid]["entities_only_here"])
        for aid, s in computed["summary"].items()])


def judge_story(conn, story: str) -> None:
    """Compute and store the coverage of one story (inside the caller's transaction)."""
    write_story(conn, story, compute_story(read_story(conn, story)))


def judge_coverage(db, changes, report) -> None:
    conn = db.conn
    stories = changes.story_ids(conn)
    with conn:  # an article that left every story keeps no coverage
        for table in ("coverage_matches", "entity_mentions", "article_coverage"):
            conn.execute(f"delete from [{table}] where article_id in "
                         "(select id from articles where story is null)")
    processes = min(os.cpu_count() or 1, 8)
    pool = None
    if len(stories) >= PARALLEL_STORIES and processes > 1:
        pool = multiprocessing.get_context("fork").Pool(processes)
    try:
        for start in range(0, len(stories), CHUNK_STORIES):
            chunk = stories[start:start + CHUNK_STORIES]
            items = [read_story(conn, story) for story in chunk]
            computed = pool.map(compute_story, items, chunksize=4) if pool else \
                map(compute_story, items)
            with conn:
                for story, c in zip(chunk, computed):
                    write_story(conn, story, c)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
