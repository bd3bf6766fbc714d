"""The grouping stage, run first of the stages (``stages.STAGES``): articles that came without a
``story`` join the automatic story they belong to or start a new one (``compare/stories.py``),
and every story the load changed gets its dates, key terms and each article's closeness.

* Articles whose input names a story stay in it: given stories (``stories.kind = 'given'``) are
  never merged with automatic ones (``kind = 'auto'``) unless a correction says so.
* Incremental: the automatic stories already in the database are read back (their articles'
  stored ``story_vector``, ``story``, ``copy_of``), and only the ungrouped articles are placed;
  an article dated before ones already grouped replays the later ones, so date-ordered batches
  give the same stories as one load.
* Crash-safe: an article is "ungrouped" while its ``story`` is NULL; the stage runs whenever
  such articles exist (``stages.run``), so a load killed before this stage is finished by the
  next run. ``regroup`` sets every automatic article back to NULL (noting their stories in
  ``pending_stories``) and runs the stages.
* The stages after this one (story words, coverage, speakers, outlet statistics) get every
  automatic story an article joined or left (``changes.stories``).
* Corrections (``story_corrections``) and settings (``story_settings``) are read on every run,
  so they hold across regrouping.
"""
from __future__ import annotations

import json
import time

from ..analysis.vector import lead_tokens
from ..compare import stories as grouping
from ..store.writer import open_database
from . import stages

_ROW = ("select id, date, outlet, title, story, copy_of, story_similarity as similarity, "
        "story_vector, case when story_vector is null then text end as text from articles ")
_AUTO = "(select id from stories where kind = 'auto')"


def _dicts(cur) -> list[dict]:
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def settings(conn) -> dict:
    """The grouping settings stored in the database, with the corrections as pins and merges."""
    out = grouping.settings_from(
        (k, json.loads(v)) for k, v in conn.execute("select key, value from story_settings"))
    pins: dict = {}
    merges: list = []
    for action, arts, story in conn.execute(
            "select action, articles, story from story_corrections order by id"):
        ids = json.loads(arts)
        if action == "merge":
            merges.append(ids)
        else:  # move, split
            for a in ids:
                pins[a] = story
    out["pins"], out["merges"] = pins, merges
    return out


def _corrected(conn) -> list[str]:
    return sorted({a for (arts,) in conn.execute("select articles from story_corrections")
                   for a in json.loads(arts)})


def _placed(conn, new, s, moved) -> list[dict]:
    """The grouped articles the new ones need: all of them, unless every new article is dated
    and none is earlier than the latest grouped one (no replay): then only the stories open in
    the window before the earliest new article (with all their articles), the corrected
    articles and the stories they anchor - so adding to a large database reads little."""
    where = (f"where story in {_AUTO} or (story is not null and id in "
             f"(select value from json_each(?)))")
    days = [grouping.day(a["date"]) for a in new]
    if None not in days:
        index = conn.execute(f"select id, date, story, copy_of from articles {where}",
                             [moved]).fetchall()
        placed_days = [grouping.day(d) for _, d, _, _ in index]
        first = min(days)
        if not any(d is not None and d >= first for d in placed_days):
            keep = set(json.loads(moved))
            window = s.get("window_days", grouping.DEFAULTS["window_days"])
            stories = {st for (_, _, st, _), d in zip(index, placed_days)
                       if d is not None and d >= first - window}
            stories |= {st for aid, _, st, _ in index if aid in keep}
            wanted = [aid for aid, _, st, _ in index if st in stories or aid in keep]
            roots = {c for aid, _, st, c in index if c and st in stories}
            wanted = sorted(set(wanted) | roots)
            return _dicts(conn.execute(
                _ROW + "where id in (select value from json_each(?)) order by rowid",
                [json.dumps(wanted)]))
    return _dicts(conn.execute(_ROW + where + " order by rowid", [moved]))


def group_stories(db, changes: stages.Changes, report) -> None:
    conn = db.conn
    with conn:
        conn.execute("update stories set kind = 'given' where kind is null")
    t0 = time.monotonic()
    new = _dicts(conn.execute(_ROW + "where story is null order by rowid"))
    touched: set = set()  # automatic stories an article joined or left
    if new:
        s = settings(conn)
        moved = json.dumps(_corrected(conn))
        placed = _placed(conn, new, s, moved)
        old = {r["id"]: (r["story"], r["copy_of"]) for r in placed}
        g = grouping.StoryGrouper.from_rows(s, placed)
        result = g.add(new)
        moves = []  # (story, copy_of, article id) of the articles placed anew
        for aid, r in result.items():
            before = old.get(aid)
            if before == (r["story"], r["copy_of"]):
                continue
            if before:
                touched.add(before[0])
            touched.add(r["story"])
            moves.append((r["story"], r["copy_of"], aid))
        with conn:
            conn.executemany("insert into stories (id, kind) values (?, 'auto') "
                             "on conflict(id) do nothing", [(story,) for story, _, _ in moves])
            conn.executemany("update articles set story = ?, copy_of = ? where id = ?", moves)
            # automatic stories left without articles (after a regroup or a correction)
            conn.execute("delete from stories where kind = 'auto' and not exists "
                         "(select 1 from articles where articles.story = stories.id)")
        report.grouped = len(new)
    touched.discard(None)
    # wire copies within the given stories of the load, and of any a corrected article was
    # moved into (the automatic stories' copies: grouping above)
    touched |= given_copies(conn, [st for st in changes.story_ids(conn) + sorted(touched)
                                   if st is not None])
    report.timings["stories:group"] = time.monotonic() - t0
    # every story an article joined or left: the later stages keep a row per story (the
    # outlet statistics' cells), one-article stories included
    changes.stories |= touched


def given_copies(conn, stories) -> set:
    """Link the wire copies (``articles.copy_of``) within those of ``stories`` that the input
    gave (``compare.stories.given_story_copies``; the grouping links the copies of the
    automatic stories as it places their articles); return the stories whose copies
    changed."""
    given = [st for (st,) in conn.execute(
        "select id from stories where kind = 'given' and id in (select value from json_each(?))"
        " order by id", [json.dumps(sorted(set(stories)))])]
    changed: set = set()
    s = settings(conn)
    for start in range(0, len(given), DESCRIBE_STORIES):
        groups: dict = {}
        for a in _dicts(conn.execute(
                "select id, date, outlet, title, story, copy_of, story_vector, text from "
                "articles where story in (select value from json_each(?)) order by story, id",
                [json.dumps(given[start:start + DESCRIBE_STORIES])])):
            groups.setdefault(a["story"], []).append(a)
        moves = []
        for story, arts in groups.items():
            copies = grouping.given_story_copies(arts, s)
            for a in arts:
                if copies[a["id"]] != a["copy_of"]:
                    moves.append((copies[a["id"]], a["id"]))
                    changed.add(story)
        if moves:
            with conn:
                conn.executemany("update articles set copy_of = ? where id = ?", moves)
    return changed


def describe_stories(db, changes: stages.Changes, report) -> None:
    """The stage after grouping and the start of coverage (whose workers judge meanwhile):
    each changed story's title, dates, key terms and closeness (``describe``)."""
    describe(db.conn, changes.story_ids(db.conn))


def describe(conn, stories=None) -> None:
    """Title (automatic stories), dates and key terms of ``stories`` (every story when None),
    and the closeness of each of their articles."""
    if stories is None:
        stories = [r[0] for r in conn.execute("select id from stories")]
    for start in range(0, len(stories), DESCRIBE_STORIES):
        _describe(conn, stories[start:start + DESCRIBE_STORIES])


DESCRIBE_STORIES = 1000  # stories described at a time (memory stays flat)


def _describe(conn, stories) -> None:
    keys = json.dumps(list(stories))
    groups = {s: [] for (s,) in conn.execute(
        "select id from stories where id in (select value from json_each(?))", [keys])}
    for a in _dicts(conn.execute(
            f"select id, story, title, date, story_vector, substr(text, 1, "
            f"{grouping.KEY_TERM_CHARS}) as text from articles where story in "
            f"(select value from json_each(?)) order by story, id", [keys])):
        groups[a.pop("story")].append(a)
    for arts in groups.values():
        if len(arts) == 1:  # key terms of a one-article story: its headline's words
            arts[0]["text"] = None
        for a in arts:  # a vector from the text only where none is stored (older databases)
            if a["story_vector"] is None:
                a["story_vector"] = lead_tokens(conn.execute(
                    "select text from articles where id = ?", [a["id"]]).fetchone()[0])
    summaries = grouping.story_summaries(groups)
    with conn:
        conn.executemany(
            "update stories set first_date = ?, last_date = ?, key_terms = ?, title = "
            "case when kind = 'auto' then ? else title end where id = ?",
            [(m["first_date"], m["last_date"], json.dumps(m["key_terms"]), m["title"], story)
             for story, m in summaries.items()])
        conn.executemany("update articles set story_similarity = ? where id = ?",
                         [(v, k) for m in summaries.values() for k, v in m["closeness"].items()])


def ungroup(conn) -> None:
    """Set every automatic article (and every corrected one) back to ungrouped, its story
    noted as pending, so that the next run of the stages groups it again."""
    conn.execute("update stories set kind = 'given' where kind is null")
    conn.execute(f"insert or ignore into pending_stories (story) select id from {_AUTO}")
    conn.execute(f"update articles set story = null, copy_of = null where story in "
                 f"{_AUTO} or (story is not null and id in "
                 f"(select value from json_each(?)))", [json.dumps(_corrected(conn))])


def regroup(db_path, new_settings: dict | None = None, report=None, reset: bool = False):
    """Group every article without a given story again (corrections kept), with the stored
    settings updated by ``new_settings`` (``reset``: back to the defaults first); then run
    the stages for the stories that changed. Returns the report."""
    from .driver import LoadReport  # the report of a load, reused for its timings

    report = report or LoadReport()
    started = time.monotonic()
    db = open_database(db_path)
    try:
        conn = db.conn
        checked = grouping.settings_from((new_settings or {}).items())
        with conn:
            if reset:
                conn.execute("delete from story_settings")
            conn.executemany("insert or replace into story_settings (key, value) values (?, ?)",
                             [(k, json.dumps(v)) for k, v in checked.items()])
            ungroup(conn)
        # the given stories' copies, by the settings as they are now
        changes = stages.Changes()
        changes.stories |= given_copies(conn, [st for (st,) in conn.execute(
            "select id from stories where kind = 'given'")])
        stages.run(db, changes, report)
    finally:
        db.conn.close()
    report.seconds = time.monotonic() - started
    return report


def correct(db_path, action: str, articles: list[str], story: str | None = None, report=None):
    """Record a correction (move ARTICLE to STORY, merge the stories S1 S2..., split ARTICLES
    into a story of their own) and regroup. Raises ValueError (one line) on unknown ids or
    given stories that cannot change."""
    db = open_database(db_path)
    try:
        conn = db.conn

        def story_of(aid):
            r = conn.execute("select story from articles where id = ?", [aid]).fetchone()
            if r is None:
                raise ValueError(f"{db_path}: no article {aid!r}")
            return r[0]

        def kind_of(sid):
            r = conn.execute("select kind from stories where id = ?", [sid]).fetchone()
            return None if r is None else (r[0] or "given")

        def check_auto(aid):
            if kind_of(story_of(aid)) == "given" and aid not in _corrected(conn):
                raise ValueError(f"{db_path}: article {aid!r} has its story from the input "
                                 f"({story_of(aid)!r}); change the input to move it")

        rows = []
        if action == "move":
            (aid,) = articles
            check_auto(aid)
            anchor = conn.execute(
                f"select id from articles where story = ? and story in {_AUTO} and id != ? "
                f"order by date is null, date, id limit 1", [story, aid]).fetchone()
            if anchor:  # into an automatic story: follow its first article (keys may change)
                rows.append(("move", [aid], "moved-" + aid))
                rows.append(("merge", [anchor[0], aid], None))
            else:  # into a given story, or a new one under that key
                rows.append(("move", [aid], story))
        elif action == "split":
            for aid in articles:
                check_auto(aid)
            rows.append(("split", sorted(articles), "split-" + sorted(articles)[0]))
        elif action == "merge":
            if len(articles) < 2:
                raise ValueError("--merge needs two stories or more")
            kinds = {}
            for sid in articles:
                kinds[sid] = kind_of(sid)
                if kinds[sid] is None:
                    raise ValueError(f"{db_path}: no story {sid!r}")
            given = [s for s in articles if kinds[s] == "given"]
            if len(given) > 1:
                raise ValueError(f"{db_path}: stories {given[0]!r} and {given[1]!r} are both "
                                 f"given by the input; change the input to merge them")
            if given:  # the automatic stories' articles move into the given one
                for sid in articles:
                    if sid != given[0]:
                        ids = [a for (a,) in conn.execute(
                            "select id from articles where story = ? order by id", [sid])]
                        rows.append(("move", ids, given[0]))
            else:  # anchored on each story's first article, so it holds across regrouping
                anchors = []
                for sid in articles:
                    first = conn.execute(
                        "select id from articles where story = ? order by date is null, "
                        "date, id limit 1", [sid]).fetchone()
                    anchors.append(first[0])
                rows.append(("merge", anchors, None))
        else:
            raise ValueError(f"unknown correction {action!r}")
        with conn:
            conn.executemany("insert into story_corrections (action, articles, story) "
                             "values (?, ?, ?)", [(a, json.dumps(i), s) for a, i, s in rows])
    finally:
        db.conn.close()
    return regroup(db_path, report=report)
