"""Fair outlet comparisons: outlets compared on the same stories (pure functions, no database).

Everything here is paired *within story*: each outlet's articles in a story are averaged first
(a "cell", one per (story, outlet)), and an outlet is only ever compared with other outlets on
stories both covered. That removes the story mix (which stories an outlet happens to cover, and
what kind of text was loaded for them) from the comparison.

Inputs are plain data: article rows as dicts (keys ``story``, ``outlet``, ``date`` and the metric
columns; ``None`` where missing), or the cells made from them.

Confidence intervals: percentile bootstrap over stories (stories resampled with replacement,
``n_boot`` resamples, 2.5 and 97.5 linear-interpolated percentiles of the resampled means). The
resampling depends only on ``(seed, number of stories)``: the same differences in the same
(story-id) order always give the same interval, whether computed alone or in a batch. Intervals
are given from ``MIN_CI_STORIES`` shared stories (below that a simulated 95% interval covers the
true difference far less often); differences and ranks from ``MIN_STORIES``.

``pipeline/outlet_stats.py`` runs these at load time, for the stories a load changed, and writes
the tables the pages read (``store/schema.py``: outlet_story_means, outlet_vs_others,
outlet_pairs, outlet_months).
"""
from __future__ import annotations

import bisect
import math
from collections import defaultdict
from typing import Iterable, Mapping, Sequence

import numpy as np

from ..analysis.metrics import COMPARED

METRICS = tuple(m.name for m in COMPARED)

N_BOOT = 2000
SEED = 0
MIN_STORIES = 2
# below this many stories no interval is shown: simulated coverage of the nominal 95% percentile
# bootstrap of a mean (normal data, 1000 data sets each) is 50% at 2 stories, 73% at 3, 82% at 5,
# 90% at 10, 93% at 20, 94% at 60
MIN_CI_STORIES = 10
_TIE_DECIMALS = 9  # differences equal to 9 decimals are ties (summation-order noise)
_CHUNK = 500  # bootstrap resamples drawn per block (fixed: part of the deterministic scheme)


def method_text(n_boot: int = N_BOOT, seed: int = SEED) -> str:
    return (f"percentile bootstrap over stories ({n_boot} resamples with replacement, "
            f"numpy default_rng seeded with ({seed}, number of stories); 2.5th and 97.5th "
            f"percentiles)")


def _missing(v) -> bool:
    return v is None or v == "" or (isinstance(v, float) and math.isnan(v))


# --- 1. cells: each outlet's articles in a story averaged first ------------------------------

def per_story_means(rows: Iterable[Mapping], metrics: Sequence[str] = METRICS) -> dict:
    """{(story, outlet): {"articles": n, metric: mean or None}}.

    Articles without a story or an outlet are skipped; a metric's NULLs are left out of its
    mean (None when all of the cell's articles lack it)."""
    acc: dict = {}
    nm = len(metrics)
    for r in rows:
        s, o = r.get("story"), r.get("outlet")
        if _missing(s) or _missing(o):
            continue
        a = acc.get((s, o))
        if a is None:
            a = acc[(s, o)] = [0, [0.0] * nm, [0] * nm]
        a[0] += 1
        for i, m in enumerate(metrics):
            v = r.get(m)
            if not _missing(v):
                a[1][i] += v
                a[2][i] += 1
    return Cells((k, {"articles": a[0], **{m: (a[1][i] / a[2][i] if a[2][i] else None)
                                           for i, m in enumerate(metrics)}})
                 for k, a in acc.items())


def cells_from_rows(rows: Iterable[Mapping], metrics: Sequence[str] = METRICS) -> dict:
    """Cells from rows of ``per_story_means_sql`` / ``mb_story_outlet``."""
    return Cells(((r["story"], r["outlet"]), {"articles": r["articles"],
                                               **{m: r[m] for m in metrics}}) for r in rows)


class Cells(dict):
    """{(story, outlet): cell}, remembering its by-story views (every statistic below starts
    from them; the cells are not changed once made)."""

    def by_story(self, metric: str) -> dict:
        memo = self.__dict__.setdefault("_by_story", {})
        if metric not in memo:
            memo[metric] = _by_story_of(self, metric)
        return memo[metric]


def _by_story_of(cells: Mapping, metric: str) -> dict:
    out: dict = defaultdict(dict)
    for (s, o), c in cells.items():
        v = c.get(metric)
        if v is not None and v == v and v != "":  # not missing (None, NaN, "")
            out[s][o] = v
    return out


def _by_story(cells: Mapping, metric: str) -> dict:
    """{story: {outlet: value}} for the cells with a value of ``metric``."""
    if isinstance(cells, Cells):
        return cells.by_story(metric)
    return _by_story_of(cells, metric)


# --- bootstrap ---------------------------------------------------------------------------------

def _boot_means(d: np.ndarray, n_boot: int, seed: int) -> np.ndarray:
    """Bootstrap means of the rows of ``d`` (shape (P, n)): shape (P, n_boot).

    The resampled story indices depend only on (seed, n) (drawn in fixed blocks of _CHUNK
    resamples from ``default_rng([seed, n])``), so a vector gets the same interval alone or in
    a batch (to floating-point summation order), and every row of a batch shares one draw:
    counts per story, so a batch is one matrix product."""
    p, n = d.shape
    rng = np.random.default_rng([seed, n])
    out = np.empty((p, n_boot))
    for start in range(0, n_boot, _CHUNK):
        b = min(_CHUNK, n_boot - start)
        idx = rng.integers(0, n, size=(b, n), dtype=np.int32).astype(np.int64)
        idx += (np.arange(b) * n)[:, None]
        # resample counts per story: the bootstrap means of all rows are one matrix product
        w = np.bincount(idx.ravel(), minlength=b * n).reshape(b, n).astype(float)
        out[:, start:start + b] = d @ w.T
    out /= n
    return out


def _percentiles(means: np.ndarray, qs=(2.5, 97.5)) -> np.ndarray:
    """Linear-interpolated percentiles along axis 1 (numpy's default definition), partitioning
    ``means`` in place (no copy): shape (len(qs), P)."""
    nb = means.shape[1]
    pos = [(nb - 1) * q / 100.0 for q in qs]
    ks = sorted({k for h in pos for k in (int(math.floor(h)), min(nb - 1, int(math.floor(h)) + 1))})
    means.partition(ks, axis=1)
    out = []
    for h in pos:
        lo = int(math.floor(h))
        hi = min(nb - 1, lo + 1)
        t = h - lo
        out.append(means[:, lo] + (means[:, hi] - means[:, lo]) * t)
    return np.array(out)


def bootstrap_ci(values: Sequence[float], n_boot: int = N_BOOT, seed: int = SEED):
    """[lo, hi]: 95% percentile-bootstrap interval of the mean of ``values`` (None if empty)."""
    d = np.asarray(values, dtype=float)
    if d.size == 0:
        return None
    if d.size == 1:
        return [float(d[0]), float(d[0])]
    q = _percentiles(_boot_means(d[None, :], n_boot, seed))
    return [float(q[0, 0]), float(q[1, 0])]


def _batch_ci(vectors: list, n_boot: int, seed: int, min_n: int = 1) -> list:
    """Intervals for many difference vectors, grouped by length (same result as one by one);
    None for vectors shorter than ``min_n``."""
    out: list = [None] * len(vectors)
    by_n: dict = defaultdict(list)
    for i, v in enumerate(vectors):
        by_n[len(v)].append(i)
    for n, ids in by_n.items():
        if n == 0 or n < min_n:
            continue
        if n == 1:
            for i in ids:
                out[i] = [float(vectors[i][0])] * 2
            continue
        step = max(1, 8_000_000 // n_boot)  # rows per block: <= 64 MB of bootstrap means
        for start in range(0, len(ids), step):
            block = ids[start:start + step]
            d = np.array([vectors[i] for i in block], dtype=float)
            q = _percentiles(_boot_means(d, n_boot, seed))
            for j, i in enumerate(block):
                out[i] = [float(q[0, j]), float(q[1, j])]
    return out


# --- ranks (also the fix for "Outlets with a lower mean: 75% of 4") ---------------------------

def rank_among_others(values: Mapping, key, higher: str = "higher") -> dict | None:
    """Where ``values[key]`` sits among the other keys' values (None values left out).

    rank 1 = highest; ties share the best rank (1, 2, 2, 4). ``higher_than``/``lower_than``/
    ``tied_with`` count the *other* outlets, so the top of 5 reads "higher than 4 of the 4
    others" (the old page said "75% of 4", counting the outlet itself in the denominator)."""
    mine = values.get(key)
    if _missing(mine):
        return None
    mine_r = round(mine, _TIE_DECIMALS)
    others = [round(v, _TIE_DECIMALS) for k, v in values.items() if k != key and not _missing(v)]
    above = sum(1 for v in others if v > mine_r)
    below = sum(1 for v in others if v < mine_r)
    tied = len(others) - above - below
    k = len(others) + 1
    text = f"rank {above + 1} of {k} (1 = {higher}): {higher} than {below} of the {len(others)} other outlets"
    if tied:
        text += f", tied with {tied}"
    return {"rank": above + 1, "ranked_among": k, "higher_than": below, "lower_than": above,
            "tied_with": tied, "others": len(others), "text": text}


def ranks(values: Mapping) -> dict:
    """``rank_among_others`` for every key at once (sorting, not a pass per key):
    {key: {"rank", "ranked_among", "higher_than", "lower_than", "tied_with"}}."""
    vals = {k: round(v, _TIE_DECIMALS) for k, v in values.items() if not _missing(v)}
    ordered = sorted(vals.values())
    n = len(ordered)
    out = {}
    for k, v in vals.items():
        below = bisect.bisect_left(ordered, v)
        above = n - bisect.bisect_right(ordered, v)
        out[k] = {"rank": above + 1, "ranked_among": n, "higher_than": below,
                  "lower_than": above, "tied_with": n - 1 - above - below}
    return out


# --- 2. an outlet against the other outlets on the same stories ------------------------------

def _vs_others_all(cells: Mapping, metric: str, only=None) -> dict:
    """{outlet: ([stories sorted], [d], [own], [others])} over stories with >= 1 other outlet;
    d = own story mean - mean of the other outlets' story means (for the outlets in ``only``
    when given)."""
    per: dict = defaultdict(list)
    for s, vals in _by_story(cells, metric).items():
        k = len(vals)
        if k < 2:
            continue
        total = sum(vals.values())
        for o, x in vals.items():
            if only is not None and o not in only:
                continue
            oth = (total - x) / (k - 1)
            per[o].append((s, x - oth, x, oth))
    out = {}
    for o, items in per.items():
        items.sort(key=lambda t: str(t[0]))
        out[o] = ([t[0] for t in items], [t[1] for t in items],
                  [t[2] for t in items], [t[3] for t in items])
    return out


def _ci_note(n: int, min_ci: int) -> str:
    return (f"no interval: {n} stories (at least {min_ci} needed; with fewer, a bootstrap over "
            f"stories covers the true difference far less often than 95%)")


def rank_text(rank: int, ranked_among: int, higher_than: int, tied_with: int,
              min_stories: int = MIN_STORIES) -> str:
    return (f"rank {rank} of {ranked_among} outlets with at least {min_stories} shared stories "
            f"(1 = largest difference): above {higher_than} of the {ranked_among - 1} other "
            f"outlets" + (f", tied with {tied_with}" if tied_with else ""))


def _too_few(n: int, min_stories: int, what: str = "other outlets") -> str:
    return (f"shares {n} {'story' if n == 1 else 'stories'} with {what}; "
            f"at least {min_stories} needed for a difference, an interval and a rank")


def all_vs_others(cells: Mapping, metrics: Sequence[str] = METRICS, n_boot: int = N_BOOT,
                  seed: int = SEED, min_stories: int = MIN_STORIES,
                  outlets: Iterable | None = None, min_ci_stories: int = MIN_CI_STORIES,
                  ranked: bool = True) -> dict:
    """{outlet: {metric: figures}} for every outlet (or those in ``outlets``), as
    ``outlet_vs_others`` gives for one; the bootstrap is batched across outlets and metrics.
    ``ranked=False``: the differences of the other outlets are not computed, so the ranks are
    among ``outlets`` only (the caller ranks them, as the load stage does over its table)."""
    all_outlets = sorted({o for (_, o) in cells}, key=str)
    wanted = set(all_outlets if outlets is None else outlets)
    result: dict = {o: {} for o in all_outlets if o in wanted}
    per_m = {m: _vs_others_all(cells, m, None if ranked else wanted) for m in metrics}
    todo = [(o, m) for m in metrics for o in result
            if len(per_m[m].get(o, ((), ()))[1]) >= min_stories]
    ci_of = dict(zip(todo, _batch_ci([per_m[m][o][1] for o, m in todo], n_boot, seed,
                                     min_ci_stories)))
    for m in metrics:
        per = per_m[m]
        diffs = {o: sum(d) / len(d) for o, (_, d, _, _) in per.items() if len(d) >= min_stories}
        for o in result:
            st, d, own, oth = per.get(o, ([], [], [], []))
            n = len(d)
            fig = {"difference": None, "ci95": None, "stories": n, "rank": None,
                   "ranked_among": len(diffs), "method": method_text(n_boot, seed),
                   "outlet_mean_same_stories": None, "others_mean_same_stories": None}
            if n >= min_stories:
                r = rank_among_others(diffs, o)
                fig.update({
                    "difference": diffs[o], "ci95": ci_of[(o, m)],
                    "outlet_mean_same_stories": sum(own) / n,
                    "others_mean_same_stories": sum(oth) / n,
                    "rank": r["rank"], "ranked_among": r["ranked_among"],
                    "higher_than": r["higher_than"], "lower_than": r["lower_than"],
                    "tied_with": r["tied_with"],
                    "rank_text": rank_text(r["rank"], r["ranked_among"], r["higher_than"],
                                           r["tied_with"], min_stories),
                    "note": None if ci_of[(o, m)] else _ci_note(n, min_ci_stories),
                })
            else:
                fig["note"] = _too_few(n, min_stories)
            result[o][m] = fig
    return result


def outlet_vs_others(cells: Mapping, outlet, metrics: Sequence[str] = METRICS,
                     n_boot: int = N_BOOT, seed: int = SEED,
                     min_stories: int = MIN_STORIES, min_ci_stories: int = MIN_CI_STORIES) -> dict:
    """{metric: {"difference", "ci95": [lo, hi], "stories": n_shared, "rank", "ranked_among",
    "higher_than", "lower_than", "tied_with", "rank_text", "outlet_mean_same_stories",
    "others_mean_same_stories", "method", "note"}}.

    difference = mean over the stories the outlet shares with at least one other outlet of
    (its story mean - the mean of the other outlets' story means). Below ``min_stories`` the
    difference, interval and rank are None and ``note`` says why. The rank is among all outlets
    with at least ``min_stories`` shared stories, by their own paired difference (1 = highest)."""
    return all_vs_others(cells, metrics, n_boot, seed, min_stories, outlets=[outlet],
                         min_ci_stories=min_ci_stories).get(
        outlet, {m: {"difference": None, "ci95": None, "stories": 0, "rank": None,
                     "ranked_among": None, "method": method_text(n_boot, seed),
                     "note": "no articles with a story"} for m in metrics})


# --- 3. outlet against outlet -----------------------------------------------------------------

def _pair_vectors(by_story_a: Mapping, by_story_b: Mapping):
    stories = sorted(set(by_story_a) & set(by_story_b), key=str)
    return stories, [by_story_a[s] - by_story_b[s] for s in stories]


def outlet_vs_outlet(cells: Mapping, a, b, metrics: Sequence[str] = METRICS,
                     n_boot: int = N_BOOT, seed: int = SEED, min_stories: int = MIN_STORIES,
                     drivers: int = 5, stored: Mapping | None = None,
                     min_ci_stories: int = MIN_CI_STORIES) -> dict:
    """{"a", "b", "stories": [ids both covered], "n": n, "method", metric: {"difference",
    "ci95", "n", "drivers": [{"story", "a", "b", "difference", "contribution"}], "note"}}.

    difference = mean over shared stories (with the metric for both) of a's story mean minus
    b's. drivers: the stories with the largest |a - b|; contribution = (a - b) / n, their share
    of the difference. Computed in the canonical order (a < b) and negated, so a-vs-b and
    b-vs-a are exact mirrors and agree with ``pair_matrix``. ``stored``: {metric: {"difference",
    "ci95", "n"}} in the a-b direction (from ``mb_outlet_pairs``) to skip the bootstrap."""
    flip = str(b) < str(a)
    x, y = (b, a) if flip else (a, b)
    sx = {s: c for (s, o), c in cells.items() if o == x}
    sy = {s: c for (s, o), c in cells.items() if o == y}
    shared = sorted(set(sx) & set(sy), key=str)
    out: dict = {"a": a, "b": b, "stories": shared, "n": len(shared),
                 "method": method_text(n_boot, seed)}
    sign = -1.0 if flip else 1.0
    vecs = {}
    for m in metrics:
        va = {s: c[m] for s, c in sx.items() if not _missing(c.get(m))}
        vb = {s: c[m] for s, c in sy.items() if not _missing(c.get(m))}
        vecs[m] = (va, vb, *_pair_vectors(va, vb))
    todo = [m for m in metrics if len(vecs[m][3]) >= min_stories
            and not (stored and stored.get(m))]
    ci_of = dict(zip(todo, _batch_ci([vecs[m][3] for m in todo], n_boot, seed, min_ci_stories)))
    for m in metrics:
        va, vb, st, d = vecs[m]
        n = len(d)
        fig = {"difference": None, "ci95": None, "n": n, "drivers": [], "note": None}
        if n >= min_stories:
            if m in ci_of:
                ci = ci_of[m]
                fig["difference"] = sign * (sum(d) / n)
                fig["ci95"] = ci and ([sign * ci[1], sign * ci[0]] if flip else ci)
            else:
                fig["difference"], fig["ci95"] = stored[m]["difference"], stored[m]["ci95"]
            if fig["ci95"] is None:
                fig["note"] = _ci_note(n, min_ci_stories)
            order = sorted(range(n), key=lambda i: (-abs(d[i]), str(st[i])))[:drivers]
            fig["drivers"] = [{"story": st[i], "a": (vb if flip else va)[st[i]],
                               "b": (va if flip else vb)[st[i]], "difference": sign * d[i],
                               "contribution": sign * d[i] / n} for i in order]
        else:
            fig["note"] = _too_few(n, min_stories, "the other outlet")
        out[m] = fig
    return out


# --- 4. all pairs for one metric --------------------------------------------------------------

def _pairs(cells: Mapping, metric: str, wanted=None) -> dict:
    """{(x, y) with x < y: ([stories], [x - y])} over shared stories, stories in sorted order;
    only the pairs in ``wanted`` (a set of (x, y), x < y) when given."""
    acc: dict = defaultdict(list)
    keep = None if wanted is None else {o for pair in wanted for o in pair}
    for s, vals in _by_story(cells, metric).items():
        if len(vals) < 2:
            continue
        items = sorted(vals.items() if keep is None else
                       [(o, x) for o, x in vals.items() if o in keep], key=lambda t: str(t[0]))
        for i in range(len(items)):
            oi, xi = items[i]
            for j in range(i + 1, len(items)):
                oj, xj = items[j]
                if wanted is not None and (oi, oj) not in wanted:
                    continue
                acc[(oi, oj)].append((s, xi - xj))
    out = {}
    for k, lst in acc.items():
        lst.sort(key=lambda t: str(t[0]))
        out[k] = ([t[0] for t in lst], [t[1] for t in lst])
    return out


def pair_matrices(cells: Mapping, metrics: Sequence[str] = METRICS,
                  min_stories: int = MIN_STORIES, n_boot: int = N_BOOT, seed: int = SEED,
                  min_ci_stories: int = MIN_CI_STORIES, wanted=None) -> dict:
    """{metric: pair_matrix(cells, metric, ...)}, the bootstrap batched across metrics; only
    the pairs in ``wanted`` ((x, y) with str(x) < str(y)) when given."""
    per_m = {m: {k: v for k, v in _pairs(cells, m, wanted).items() if len(v[1]) >= min_stories}
             for m in metrics}
    keys = [(m, k) for m in metrics for k in sorted(per_m[m], key=lambda k: (str(k[0]), str(k[1])))]
    cis = _batch_ci([per_m[m][k][1] for m, k in keys], n_boot, seed, min_ci_stories)
    res = {m: {"outlets": set(), "cells": {}, "min_stories": min_stories, "metric": m,
               "method": method_text(n_boot, seed)} for m in metrics}
    for (m, k), ci in zip(keys, cis):
        d = per_m[m][k][1]
        diff = sum(d) / len(d)
        x, y = k
        res[m]["cells"][(x, y)] = {"difference": diff, "n": len(d), "ci95": ci}
        res[m]["cells"][(y, x)] = {"difference": -diff, "n": len(d),
                                   "ci95": ci and [-ci[1], -ci[0]]}
        res[m]["outlets"].update(k)
    for m in metrics:
        res[m]["outlets"] = sorted(res[m]["outlets"], key=str)
    return res


def pair_matrix(cells: Mapping, metric: str, min_stories: int = MIN_STORIES,
                n_boot: int = N_BOOT, seed: int = SEED,
                min_ci_stories: int = MIN_CI_STORIES) -> dict:
    """{"outlets": [outlets in at least one pair], "cells": {(a, b): {"difference", "n", "ci95"}},
    "min_stories", "metric", "method"}: every ordered pair sharing at least ``min_stories``
    stories (with the metric for both); difference = mean over them of a's story mean minus
    b's; (b, a) is the exact mirror of (a, b)."""
    return pair_matrices(cells, [metric], min_stories, n_boot, seed, min_ci_stories)[metric]


# --- 5. by month --------------------------------------------------------------------------------

def _month(date) -> str | None:
    if _missing(date) or not isinstance(date, str) or len(date) < 7:
        return None
    m = date[:7]
    return m if m[4] == "-" and m[:4].isdigit() and m[5:7].isdigit() else None


def monthly_all(rows: Iterable[Mapping], metrics: Sequence[str] = METRICS,
                outlets: Iterable | None = None, cells: Mapping | None = None) -> dict:
    """{outlet: [monthly rows]} as ``monthly`` gives for one (cells computed from rows unless
    given)."""
    if cells is None:  # (with cells given, the rows are read once: they may be a stream)
        rows = list(rows)
        cells = per_story_means(rows, metrics)
    wanted = None if outlets is None else set(outlets)
    # per story and metric: sum and count of the outlets' story means (for "the others")
    tot: dict = {}
    for m in metrics:
        for s, vals in _by_story(cells, m).items():
            tot[(s, m)] = (sum(vals.values()), len(vals))
    # (outlet, month) -> articles, per-metric article sums, and per (story) article sums
    acc: dict = {}
    for r in rows:
        o, mo = r.get("outlet"), _month(r.get("date"))
        if _missing(o) or mo is None or (wanted is not None and o not in wanted):
            continue
        a = acc.get((o, mo))
        if a is None:
            a = acc[(o, mo)] = {"articles": 0, "sum": defaultdict(float), "n": defaultdict(int),
                                "story": defaultdict(lambda: defaultdict(lambda: [0.0, 0]))}
        a["articles"] += 1
        s = r.get("story")
        for m in metrics:
            v = r.get(m)
            if _missing(v):
                continue
            a["sum"][m] += v
            a["n"][m] += 1
            if not _missing(s):
                c = a["story"][m][s]
                c[0] += v
                c[1] += 1
    out: dict = defaultdict(list)
    for (o, mo) in sorted(acc, key=lambda k: (str(k[0]), k[1])):
        a = acc[(o, mo)]
        row = {"month": mo, "articles": a["articles"]}
        for m in metrics:
            row[m] = a["sum"][m] / a["n"][m] if a["n"][m] else None
            own, oth = [], []
            for s, (sv, sn) in a["story"][m].items():
                t, k = tot.get((s, m), (0.0, 0))
                x = cells[(s, o)][m]  # the outlet's story mean over all its articles in s
                if k < 2:
                    continue
                own.append(sv / sn)
                oth.append((t - x) / (k - 1))
            row[m + "__same_stories"] = sum(own) / len(own) if own else None
            row[m + "__corpus_same_stories"] = sum(oth) / len(oth) if oth else None
            row[m + "__stories"] = len(own)
            row[m + "__n"] = a["n"][m]
        out[o].append(row)
    return dict(out)


def monthly(rows: Iterable[Mapping], outlet, metrics: Sequence[str] = METRICS) -> list:
    """[{"month": "YYYY-MM", "articles": n, metric: mean of the outlet's articles that month,
    metric + "__same_stories": the outlet's mean over its stories that month that other outlets
    also covered (its articles of that month in each story averaged first),
    metric + "__corpus_same_stories": the mean over those same stories of the other outlets'
    story means (all their articles in the story, whatever the date),
    metric + "__stories": how many such stories}], months ascending; undated articles skipped.

    Plot ``__same_stories`` against ``__corpus_same_stories``: both are over the same stories."""
    return monthly_all(rows, metrics, outlets=[outlet]).get(outlet, [])


# --- 7. most typical / most extreme articles ---------------------------------------------------

def typical_extreme_limit(n_articles: int, limit: int = 3) -> int:
    """How many articles each of "most typical" and "most extreme" may show so the two lists
    never share an article: 0 below 3 articles (with one article both would be the same one;
    with two, both are equally far from their mean), else min(limit, n // 2)."""
    return 0 if n_articles < 3 else min(limit, n_articles // 2)


def typical_and_extreme(articles: Sequence[Mapping], sd: Mapping, metrics: Sequence[str] = METRICS,
                        limit: int = 3) -> dict:
    """{"most_typical": [...], "most_extreme": [...], "note"}: the outlet's articles nearest to
    and farthest from its own mean profile (each metric standardised by ``sd[metric]``, missing
    terms 0), as disjoint lists; empty, with a note, when the outlet has fewer than 3 articles."""
    n = len(articles)
    k = typical_extreme_limit(n, limit)
    if k == 0:
        return {"most_typical": [], "most_extreme": [],
                "note": (f"the outlet has {n} article{'s' if n != 1 else ''}: "
                         "'most typical' and 'most extreme' need at least 3")}
    means = {}
    for m in metrics:
        vals = [a[m] for a in articles if not _missing(a.get(m))]
        means[m] = sum(vals) / len(vals) if vals else None
    scored = []
    for a in articles:
        t = 0.0
        for m in metrics:
            v, mu, s = a.get(m), means[m], sd.get(m) or 1.0
            if not _missing(v) and mu is not None:
                t += ((v - mu) / s) ** 2
        scored.append((math.sqrt(t), str(a.get("id")), a))
    scored.sort(key=lambda t: (t[0], t[1]))
    typical = [{**a, "distance": dist} for dist, _, a in scored[:k]]
    extreme = [{**a, "distance": dist} for dist, _, a in
               sorted(scored, key=lambda t: (-t[0], t[1]))[:k]]
    return {"most_typical": typical, "most_extreme": extreme, "note": None}
