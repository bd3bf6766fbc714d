"""Are the outlet comparison intervals honest on real data? A placebo test on articles labelled
with their story (``articles_dev.jsonl``, given by path).

Each article is analysed as the loader does, its outlet's articles in a story are averaged (the
cells of ``compare/outlets.py``), and then, ``replicates`` times, the outlets' cells are shuffled
*within each story*: every story keeps its own values (its topic, its kind of text), but which
outlet wrote which is random, so no outlet differs from the others in truth. A 95% interval of
"this outlet against the others on the same stories" should then contain 0 about 95% of the
time. ``placebo_coverage`` is that share, over the outlets with an interval (at least
``MIN_CI_STORIES`` shared stories) and the metrics tested; ``placebo_false_differences`` its
complement. On the real labels, ``observed_excluding_zero`` is the share of intervals that
leave out 0 (what the pages would call a difference), to read against the placebo's.
"""
from __future__ import annotations

import json
import random
import time
from pathlib import Path

from ..analysis import analyze_rows
from ..analysis.lexicon import default_lexicon
from ..compare import outlets as stats

METRICS = ("quote_ratio", "flesch_reading_ease", "loaded_per_100_words")


def _articles(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def outlet_intervals(path: str | Path, replicates: int = 40, n_boot: int = 1000,
                     seed: int = 0) -> dict:
    t0 = time.process_time()
    lexicon = default_lexicon()
    rows = []
    for a in _articles(path):
        if not a.get("story") or not a.get("outlet") or not a.get("text"):
            continue
        values = analyze_rows(a["text"], lexicon).article
        rows.append({"story": a["story"], "outlet": a["outlet"],
                     **{m: values.get(m) for m in METRICS}})
    cells = stats.per_story_means(rows, METRICS)

    def intervals(c):
        figs = stats.all_vs_others(c, METRICS, n_boot=n_boot, seed=seed, ranked=False)
        return [f["ci95"] for per in figs.values() for f in per.values() if f["ci95"]]

    observed = intervals(cells)
    by_story: dict = {}
    for (s, o), c in cells.items():
        by_story.setdefault(s, []).append((o, c))
    rng = random.Random(seed)
    hits = total = 0
    for _ in range(replicates):
        shuffled = {}
        for s, items in by_story.items():
            values = [c for _, c in items]
            rng.shuffle(values)
            shuffled.update({(s, o): v for (o, _), v in zip(items, values)})
        for lo, hi in intervals(stats.Cells(shuffled)):
            total += 1
            hits += lo <= 0.0 <= hi
    coverage = hits / total if total else None
    return {
        "articles": len(rows),
        "stories": len(by_story),
        "outlets": len({o for _, o in cells}),
        "observed_intervals": len(observed),
        "observed_excluding_zero": round(sum(1 for lo, hi in observed if lo > 0 or hi < 0)
                                         / len(observed), 3) if observed else None,
        "placebo_intervals": total,
        "placebo_coverage": None if coverage is None else round(coverage, 3),
        "placebo_false_differences": None if coverage is None else round(1 - coverage, 3),
        "seconds": round(time.process_time() - t0, 1),
    }
