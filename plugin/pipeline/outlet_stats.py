"""The outlet comparison tables, kept up to date at load: a stage (``stage(db, changes, report)``,
see ``stages``) run last, after the stages that may group articles into stories.

For the stories a load or recompute changed it rewrites, in one transaction:

* ``outlet_story_means``: the (story, outlet) cells of those stories;
* ``outlet_vs_others``: the figures of every outlet in those stories (an outlet's difference from
  the others depends on every story it shares), then the ranks of all outlets (cheap);
* ``outlet_pairs``: the pairs of outlets that appear together in one of those stories;
* ``outlet_months``: the by-month figures of the outlets above and of the outlets whose articles
  changed (or whose article count no longer matches, e.g. an article moved to another outlet).

The first run on a database (empty tables) and ``recompute --all`` compute everything. The
statistics are the pure functions of ``compare.outlets`` (paired within story, percentile
bootstrap over stories).
"""
from __future__ import annotations

import json
from itertools import combinations

from ..compare import outlets as stats
from ..store import schema
from . import stages

METRICS = stats.METRICS
_M = ", ".join(f"[{m}]" for m in METRICS)
_HAS_KEYS = "story is not null and story != '' and outlet is not null and outlet != ''"
# a wire copy of an article of its own story is that article again, not its outlet's coverage:
# left out of every table here
_NOT_A_COPY = f"not {schema.copy_in_its_story('articles')}"

CELLS_SQL = (f"select story, outlet, count(*) as articles, "
             + ", ".join(f"avg([{m}]) as [{m}]" for m in METRICS)
             + f" from articles where {_HAS_KEYS} and {_NOT_A_COPY} {{where}} "
               f"group by story, outlet")
_IN = "in (select value from json_each(?))"


def _stream(conn, sql, params=()):
    """The rows of ``sql`` as dicts, one at a time (the articles of every outlet, at 100k,
    are a few hundred MB as a list)."""
    cur = conn.execute(sql, params)
    cols = [d[0] for d in cur.description]
    for r in cur:
        yield dict(zip(cols, r))


def _outlets_of_stories(conn, stories) -> dict:
    out: dict = {}
    for s, o in conn.execute(f"select story, outlet from outlet_story_means where story {_IN}",
                             [json.dumps(sorted(stories))]):
        out.setdefault(s, set()).add(o)
    return out


def _write_cells(conn, where="", params=()):
    conn.executemany(
        f"insert or replace into outlet_story_means (story, outlet, articles, {_M}) "
        f"values ({', '.join('?' * (3 + len(METRICS)))})",
        # (streamed: the query reads articles, the insert writes another table)
        (tuple(r.values()) for r in _stream(conn, CELLS_SQL.format(where=where), params)))


def compute(conn, changes: stages.Changes) -> dict:
    """Rewrite the outlet tables for ``changes`` (everything on a first run); returns counts of
    what was recomputed."""
    full = changes.everything or not conn.execute(
        "select exists (select 1 from outlet_story_means)").fetchone()[0]
    counts = dict(conn.execute(
        "select outlet, count(*) from articles where outlet is not null and outlet != '' "
        "group by outlet").fetchall())
    if full:
        conn.execute("delete from outlet_story_means")
        _write_cells(conn)
        affected = set(counts)
        wanted_pairs = None
    else:
        stories = sorted(changes.stories)
        before = _outlets_of_stories(conn, stories)
        conn.execute(f"delete from outlet_story_means where story {_IN}", [json.dumps(stories)])
        _write_cells(conn, f"and story {_IN}", [json.dumps(stories)])
        after = _outlets_of_stories(conn, stories)
        wanted_pairs = set()
        affected = set()
        for s in stories:
            together = before.get(s, set()) | after.get(s, set())
            affected |= together
            wanted_pairs.update(combinations(sorted(together, key=str), 2))
        affected.update(o for (o,) in conn.execute(
            f"select distinct outlet from articles where id {_IN} and outlet is not null",
            [json.dumps(sorted(changes.articles))]))
        stored = dict(conn.execute("select outlet, articles from outlet_vs_others "
                                   "where metric = ?", [METRICS[0]]).fetchall())
        affected.update(o for o in set(stored) | set(counts) if stored.get(o) != counts.get(o))
    if not affected and not wanted_pairs:
        return {"outlets": 0, "pairs": 0}
    wanted_outlets = json.dumps(sorted(affected | {o for p in (wanted_pairs or ()) for o in p}))

    # every cell of every story of those outlets: complete data for their figures
    if full:
        cells = stats.cells_from_rows(_stream(conn, "select * from outlet_story_means"),
                                      METRICS)
        articles_sql = (f"select outlet, story, date, {_M} from articles "
                        f"where outlet is not null and outlet != '' and {_NOT_A_COPY}", ())
    else:
        cells = stats.cells_from_rows(_stream(
            conn, "select * from outlet_story_means where story in ("
                  f"select story from outlet_story_means where outlet {_IN})",
            [wanted_outlets]), METRICS)
        articles_sql = (f"select outlet, story, date, {_M} from articles where outlet {_IN} "
                        f"and {_NOT_A_COPY}", [json.dumps(sorted(affected))])

    # each outlet against the others
    vs = stats.all_vs_others(cells, METRICS, outlets=affected, ranked=False)
    conn.execute(f"delete from outlet_vs_others where outlet {_IN}",
                 [json.dumps(sorted(affected))])
    empty = {"stories": 0, "difference": None, "ci95": None, "outlet_mean_same_stories": None,
             "others_mean_same_stories": None,
             "note": "no story shared with another outlet"}
    conn.executemany(
        "insert into outlet_vs_others (outlet, metric, articles, stories, difference, ci_low, "
        "ci_high, outlet_mean_same_stories, others_mean_same_stories, note) "
        "values (?,?,?,?,?,?,?,?,?,?)",
        [(o, m, counts[o], f["stories"], f["difference"], *(f["ci95"] or (None, None)),
          f["outlet_mean_same_stories"], f["others_mean_same_stories"],
          f["note"] if f["stories"] else empty["note"])
         for o in sorted(affected) if o in counts
         for m in METRICS for f in [vs.get(o, {}).get(m, empty)]])
    # ranks among all outlets with a difference (every outlet's rank may move)
    by_metric: dict = {}
    for o, m, d in conn.execute("select outlet, metric, difference from outlet_vs_others"):
        by_metric.setdefault(m, {})[o] = d
    updates = []
    for m, values in by_metric.items():
        r = stats.ranks(values)
        for o in values:
            x = r.get(o)
            updates.append((x and x["rank"], len(r), x and x["higher_than"],
                            x and x["lower_than"], x and x["tied_with"], o, m))
    conn.executemany("update outlet_vs_others set rank = ?, ranked_among = ?, higher_than = ?, "
                     "lower_than = ?, tied_with = ? where outlet = ? and metric = ?", updates)

    # outlet against outlet
    if full:
        conn.execute("delete from outlet_pairs")
    else:
        conn.executemany("delete from outlet_pairs where a = ? and b = ?", sorted(wanted_pairs))
    pairs = stats.pair_matrices(cells, METRICS, wanted=wanted_pairs)
    conn.executemany(
        "insert into outlet_pairs (a, b, metric, stories, difference, ci_low, ci_high) "
        "values (?,?,?,?,?,?,?)",
        [(a, b, m, c["n"], c["difference"], *(c["ci95"] or (None, None)))
         for m, pm in pairs.items() for (a, b), c in pm["cells"].items() if str(a) < str(b)])

    # by month
    conn.execute(f"delete from outlet_months where outlet {_IN}", [json.dumps(sorted(affected))])
    # (the articles read as they stream: the writes above do not change them)
    months = stats.monthly_all(_stream(conn, *articles_sql), METRICS, outlets=affected,
                               cells=cells)
    conn.executemany(
        "insert into outlet_months (outlet, month, metric, articles, mean, stories, "
        "outlet_same_stories, others_same_stories) values (?,?,?,?,?,?,?,?)",
        [(o, r["month"], m, r[m + "__n"], r[m], r[m + "__stories"], r[m + "__same_stories"],
          r[m + "__corpus_same_stories"])
         for o, lst in months.items() for r in lst for m in METRICS if r[m + "__n"]])
    return {"outlets": len(affected),
            "pairs": len({k for pm in pairs.values() for k in pm["cells"]}) // 2}


def stage(db, changes, report) -> None:
    """The outlet comparison tables for what ``changes`` names (pipeline/stages.py)."""
    conn = db.conn
    with conn:
        compute(conn, changes)


# registered by pipeline/__init__.py, after every other stage (it reads the stories they made)
