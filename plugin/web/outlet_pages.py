"""The data of the outlet comparison pages, from the rows of the tables the loader precomputes
(``pipeline/outlet_stats.py``): pure functions, testable without Datasette.

* the outlet page's paired figures: the outlet against the other outlets on the same stories,
  with intervals, shared stories and rank; its figures by month; the outlets it shares most
  stories with;
* ``/outlets/<a>/vs/<b>``: outlet against outlet on the stories both covered, with the stories
  that drive each difference;
* ``/outlet-matrix?metric=``: every pair of the outlets sharing the most stories, one metric.
"""
from __future__ import annotations

from markupsafe import Markup, escape

from ..analysis.metrics import BY_NAME, COMPARED
from ..compare import outlets as stats
from .charts import WIDTH, nice_ticks

PARTNERS = 10  # outlets listed on an outlet page, by stories shared
MATRIX_TOP = 20  # outlets of the matrix page (by stories shared with other outlets)
MATRIX_MAX = 60
DRIVERS = 5
METRIC_NAMES = [m.name for m in COMPARED]


def method() -> dict:
    """How every paired figure is computed (in every page's JSON)."""
    return {
        "pairing": "each outlet's articles in a story are averaged first; outlets are compared "
                   "only on stories both covered, and a difference is the mean over those "
                   "stories",
        "interval": stats.method_text(),
        "min_stories": stats.MIN_STORIES,
        "min_ci_stories": stats.MIN_CI_STORIES,
        "why": f"differences and ranks from {stats.MIN_STORIES} shared stories; intervals "
               f"from {stats.MIN_CI_STORIES} (with fewer, a simulated 95% bootstrap interval "
               f"covered the true difference in 50% (2 stories) to 82% (5 stories) of cases)",
    }


def _ci(lo, hi):
    return None if lo is None or hi is None else [lo, hi]


# --- the outlet page ---------------------------------------------------------------------------

def paired_figures(rows) -> dict:
    """{metric: figures} from the outlet's ``outlet_vs_others`` rows."""
    out = {}
    for r in rows:
        rank = r["rank"]
        out[r["metric"]] = {
            "stories": r["stories"], "difference": r["difference"],
            "ci95": _ci(r["ci_low"], r["ci_high"]),
            "outlet_mean_same_stories": r["outlet_mean_same_stories"],
            "others_mean_same_stories": r["others_mean_same_stories"],
            "rank": rank, "ranked_among": r["ranked_among"], "higher_than": r["higher_than"],
            "lower_than": r["lower_than"], "tied_with": r["tied_with"],
            "rank_text": None if rank is None else (
                f"{rank} of {r['ranked_among']} (1 = largest difference); above "
                f"{r['higher_than']} of the {r['ranked_among'] - 1} other outlets"
                + (f", tied with {r['tied_with']}" if r["tied_with"] else "")),
            "note": r["note"],
        }
    return out


def months(rows) -> list[dict]:
    """[{"month", metric: {"articles", "mean", "stories", "outlet_same_stories",
    "others_same_stories"}}], months ascending."""
    by_month: dict = {}
    for r in rows:
        entry = by_month.setdefault(r["month"], {"month": r["month"]})
        entry[r["metric"]] = {k: r[k] for k in ("articles", "mean", "stories",
                                                 "outlet_same_stories", "others_same_stories")}
    return [by_month[m] for m in sorted(by_month)]


def partners(links, outlet_id, rows) -> list[dict]:
    return [{"outlet": r["other"], "name": r["name"] or r["other"], "stories": r["stories"],
             "link": links.outlet_vs(outlet_id, r["other"]),
             "json": links.outlet_vs(outlet_id, r["other"], "json")} for r in rows]


def outlet_comparison(links, outlet_id, vs_rows, month_rows, partner_rows,
                      available=True) -> dict:
    """What the outlet page adds to its data: paired figures, by month, partners, links."""
    return {
        "paired": paired_figures(vs_rows),
        "paired_method": method(),
        "paired_available": available,
        "months": months(month_rows),
        "shares_most_stories_with": partners(links, outlet_id, partner_rows),
        "matrix_url": links.outlet_matrix(),
        "matrix_links": {m: links.outlet_matrix(m) for m in METRIC_NAMES},
    }


def typical_limit(articles: int) -> int:
    """Articles in each of "most typical" and "most extreme" (none below 3 articles, where the
    two lists would name the same articles)."""
    return stats.typical_extreme_limit(articles or 0)


def month_charts(data: dict) -> list[dict]:
    """One chart per metric: the outlet's monthly mean on the stories it shares (line), the
    other outlets on those same stories (line), and all its articles that month (dots)."""
    rows = data.get("months") or []
    if not rows:
        return []
    first, last = rows[0]["month"], rows[-1]["month"]
    start = int(first[:4]) * 12 + int(first[5:7])
    span = max(int(last[:4]) * 12 + int(last[5:7]) - start, 1)
    left, right, top, height = 50, WIDTH - 16, 10, 150
    # each month's place on the axis, and its name escaped, worked out once for all the charts
    xs = {}
    for r in rows:
        m = r["month"]
        if m not in xs:
            x = round(left + (int(m[:4]) * 12 + int(m[5:7]) - start) / span * (right - left), 2)
            xs[m] = (x, str(x), escape(m))
    out = []
    for metric in COMPARED:
        pts = [(r["month"], r.get(metric.name)) for r in rows if r.get(metric.name)]
        values = [v for _, f in pts for v in (f["mean"], f["outlet_same_stories"],
                                             f["others_same_stories"]) if v is not None]
        if not values:
            continue
        ticks = nice_ticks(min(values), max(values), 4)
        lo, hi = ticks[0], ticks[-1]
        yspan = (hi - lo) or 1.0

        def y(v):
            return round(top + (hi - v) / yspan * height, 2)

        labels = _month_labels(first, last, [m for m, _ in pts][::max(1, len(pts) // 6)],
                               xs)
        out.append({
            "metric": metric.name, "label": metric.label, "unit": metric.unit,
            "higher_means": metric.higher_means, "width": WIDTH, "height": top + height + 30,
            "left": left, "right": right, "axis_y": top + height,
            "yticks": [{"y": y(t), "label": f"{t:g}"} for t in ticks],
            "xticks": [{"x": xs[m][0], "label": m, "anchor": "end" if m == last else
                        "start" if m == first else "middle"} for m in labels],
            **_month_marks(pts, xs, y),
        })
    return out


# the room a month's label ("2019-03") takes on the axis, and the gap kept between two labels
LABEL_WIDTH, LABEL_GAP = 50, 10


def _month_labels(first: str, last: str, candidates: list[str], xs: dict) -> list[str]:
    """The months named under the axis: the first and the last (their labels drawn inward from
    the ends), and those of ``candidates`` whose label leaves room to the ones named already, so
    that no two labels overlap ("2019-02" next to "2019-03" at the end of the axis)."""
    def extent(m):  # the label's left and right edges
        x = xs[m][0]
        if m == last and m != first:
            return x - LABEL_WIDTH, x
        if m == first:
            return x, x + LABEL_WIDTH
        return x - LABEL_WIDTH / 2, x + LABEL_WIDTH / 2

    kept = [first] if first == last else [first, last]
    for m in sorted(set(candidates) - set(kept)):
        a, b = extent(m)
        if all(b + LABEL_GAP <= extent(k)[0] or extent(k)[1] + LABEL_GAP <= a for k in kept):
            kept.append(m)
    return sorted(kept)


def _month_marks(pts, xs, y) -> dict:
    """A month chart's two lines and its dots (hundreds on a big outlet: drawn here, the month
    escaped), each point placed once."""
    outlet_line, others_line, dots, paired = [], [], [], []
    for m, f in pts:
        _, x, name = xs[m]
        mine, others = f["outlet_same_stories"], f["others_same_stories"]
        y_mine = None if mine is None else y(mine)
        if mine is not None:
            outlet_line.append(f"{x},{y_mine}")
        if others is not None:
            others_line.append(f"{x},{y(others)}")
        if f["mean"] is not None:
            dots.append(f'<circle class="mb-dot" cx="{x}" cy="{y(f["mean"])}" r="3"><title>'
                        f'{name}: {float(f["mean"]):.2f}, all {f["articles"]} article(s)'
                        '</title></circle>')
        if mine is not None and others is not None:
            paired.append(f'<circle class="mb-this" cx="{x}" cy="{y_mine}" r="3.5"><title>'
                          f'{name}: {float(mine):.2f} against {float(others):.2f} for the '
                          f'others, on {f["stories"]} shared stories</title></circle>')
    return {"outlet_line": " ".join(outlet_line), "others_line": " ".join(others_line),
            "dots": Markup("".join(dots)), "paired": Markup("".join(paired))}


# --- outlet against outlet -----------------------------------------------------------------------

def _oriented(pair_rows, a) -> dict:
    """{metric: {"difference", "ci95", "n"}} in the a - b direction from ``outlet_pairs`` rows
    (stored once with a < b)."""
    out = {}
    for r in pair_rows:
        ci = _ci(r["ci_low"], r["ci_high"])
        if r["a"] == a:
            out[r["metric"]] = {"difference": r["difference"], "n": r["stories"], "ci95": ci}
        else:
            out[r["metric"]] = {"difference": -r["difference"], "n": r["stories"],
                                "ci95": ci and [-ci[1], -ci[0]]}
    return out


def vs_page(name, links, a_row, b_row, cell_rows, pair_rows) -> dict:
    """Outlet a against outlet b on the stories both covered."""
    a, b = a_row["id"], b_row["id"]
    cells, titles = {}, {}
    for r in cell_rows:
        titles[r["story"]] = r["story_title"]
        for side, outlet in (("a", a), ("b", b)):
            cells[(r["story"], outlet)] = {"articles": r[f"{side}__articles"],
                                           **{m: r[f"{side}__{m}"] for m in METRIC_NAMES}}
    stored = _oriented(pair_rows, a)
    fig = stats.outlet_vs_outlet(cells, a, b, METRIC_NAMES, drivers=DRIVERS, stored=stored)
    story_links = {s: {"story": s, "title": titles.get(s), "link": links.story(s)}
                   for s in fig["stories"]}
    per_metric = {}
    for m in METRIC_NAMES:
        f = fig[m]
        per_metric[m] = {
            "difference": f["difference"], "ci95": f["ci95"], "stories": f["n"],
            "note": f["note"],
            "drivers": [{**story_links[d["story"]], "a": d["a"], "b": d["b"],
                         "difference": d["difference"], "contribution": d["contribution"]}
                        for d in f["drivers"]],
        }
    return {
        "database": name,
        "a": {**a_row, "link": links.outlet(a)},
        "b": {**b_row, "link": links.outlet(b)},
        "metrics": [{"name": m.name, "label": m.label, "unit": m.unit,
                     "higher_means": m.higher_means} for m in COMPARED],
        "method": method(),
        "shared_stories": len(fig["stories"]),
        "stories": [{**story_links[s], "a_articles": cells[(s, a)]["articles"],
                     "b_articles": cells[(s, b)]["articles"],
                     "a": {m: cells[(s, a)][m] for m in METRIC_NAMES},
                     "b": {m: cells[(s, b)][m] for m in METRIC_NAMES}}
                    for s in fig["stories"]],
        "differences": per_metric,
        "links": {"reverse": links.outlet_vs(b, a), "matrix": links.outlet_matrix()},
    }


# --- the matrix -----------------------------------------------------------------------------------

def matrix_page(name, links, metric, top, outlet_rows, pair_rows) -> dict:
    """Row outlet minus column outlet, for the ``top`` outlets sharing the most stories."""
    m = BY_NAME[metric]
    ids = [r["outlet"] for r in outlet_rows]
    cells: dict = {}
    for r in pair_rows:
        ci = _ci(r["ci_low"], r["ci_high"])
        cells[(r["a"], r["b"])] = {"difference": r["difference"], "stories": r["stories"],
                                   "ci95": ci}
        cells[(r["b"], r["a"])] = {"difference": -r["difference"], "stories": r["stories"],
                                   "ci95": ci and [-ci[1], -ci[0]]}
    rows = []
    for r in outlet_rows:
        row_cells = []
        for other in ids:
            c = cells.get((r["outlet"], other))
            row_cells.append(None if c is None else {
                **c, "outlet": other, "link": links.outlet_vs(r["outlet"], other),
                "clear": c["ci95"] is not None and (c["ci95"][0] > 0 or c["ci95"][1] < 0)})
        rows.append({"outlet": r["outlet"], "name": r["name"] or r["outlet"],
                     "link": links.outlet(r["outlet"]), "stories": r["stories"],
                     "vs_others": {"difference": r["difference"],
                                   "ci95": _ci(r["ci_low"], r["ci_high"]),
                                   "rank": r["rank"], "ranked_among": r["ranked_among"]},
                     "cells": row_cells})
    return {
        "database": name,
        "metric": {"name": m.name, "label": m.label, "unit": m.unit,
                   "higher_means": m.higher_means},
        "metrics": [{"name": x.name, "label": x.label, "link": links.outlet_matrix(x.name)}
                    for x in COMPARED],
        "top": top,
        "method": method(),
        "outlets": [r["outlet"] for r in rows],
        "rows": rows,
        "full_table": links.urls.table(links.database, "outlet_pairs") + f"?metric={metric}",
    }
