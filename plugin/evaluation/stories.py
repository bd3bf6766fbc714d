"""Stories found automatically (``compare/stories.py``), scored against labelled stories.

The labelled articles (``articles_dev.jsonl``: the same event told by several outlets) are grouped
without their ``story``, mixed with unlabelled distractor articles from the same years (Baly et
al.'s 10,000 articles), and scored with B-cubed precision, recall and F1 over the labelled
articles (a distractor grouped with a labelled article counts against precision: each distractor
is a story of its own in the gold standard). Also: the same without distractors, and the stories
of five date-ordered batches against those of one (they must be identical).
"""
from __future__ import annotations

import time
from collections import defaultdict

from ..compare.stories import StoryGrouper, day
from .common import read_jsonl


def bcubed(assign: dict, gold: dict) -> dict:
    """B-cubed P/R/F1 over the articles of ``gold`` (id -> gold story); ``assign``: id ->
    predicted story, for them and any distractors."""
    cl, gs = defaultdict(set), defaultdict(set)
    for a, c in assign.items():
        cl[c].add(a)
    for a, g in gold.items():
        gs[g].add(a)
    p = r = 0.0
    for a, g in gold.items():
        c = cl[assign[a]]
        inter = len(c & gs[g])
        p += inter / len(c)
        r += inter / len(gs[g])
    p, r = p / len(gold), r / len(gold)
    return {"precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def _group(arts, batches=1):
    g = StoryGrouper()
    order = sorted(arts, key=lambda a: (day(a["date"]) is None, day(a["date"]) or 0, a["id"]))
    size = -(-len(order) // batches)
    c0 = time.process_time()
    for k in range(0, len(order), size):
        g.add(order[k:k + size])
    cpu = time.process_time() - c0
    return g.assignments(), cpu


def stories_dev(path, distractors=None) -> dict:
    labelled = read_jsonl(path)
    gold = {str(a["id"]): a["story"] for a in labelled}
    rows = labelled + (read_jsonl(distractors) if distractors else [])
    arts = [{"id": str(a["id"]), "title": a.get("title"), "text": a.get("text") or "",
             "outlet": a.get("outlet"), "date": a.get("date")} for a in rows]  # no story
    out = {"articles": len(arts), "labelled": len(gold), "stories": len(set(gold.values()))}
    one, cpu = _group(arts)
    out.update({k: v for k, v in bcubed({a: r["story"] for a, r in one.items()}, gold).items()})
    out["ms_per_article"] = round(1000 * cpu / len(arts), 3)
    out["wire_copies"] = sum(1 for r in one.values() if r["copy_of"])
    if distractors:
        only = [a for a in arts if a["id"] in gold]
        alone, _ = _group(only)
        fig = bcubed({a: r["story"] for a, r in alone.items()}, gold)
        out.update({f"{k}_without_distractors": v for k, v in fig.items()})
    five, _ = _group(arts, batches=5)
    out["batches_identical"] = int(all(five[a]["story"] == one[a]["story"] for a in one))
    return out
