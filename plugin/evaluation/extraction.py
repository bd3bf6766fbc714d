"""Article extraction from saved web pages, scored on the Article Extraction Benchmark (AEB:
``<dir>/html/<id>.html.gz`` saved news pages and ``<dir>/ground-truth.json``, ``<id> ->
{"articleBody", "url"}``).

``aeb(path)`` runs the saved-page reader exactly as ``media-bias load`` does (``read_pages`` over
the folder: no URL given, stub pages refused, extraction in worker processes) and scores the
stored article text against ``articleBody`` with the benchmark's own method, re-implemented:
text is tokenised as runs of word characters (``\\w+``, Unicode, case kept); each text becomes a
multiset of 4-token shingles; per page, TP/FP/FN are the multiset overlap and differences,
normalised by their sum so that long pages do not weigh more; precision is the mean over pages
with TP+FP > 0, recall the mean over pages with TP+FN > 0, F1 the harmonic mean of the two. A
page the loader refuses scores as an empty extraction. ``f1_all_pages`` scores the refused
pages' text as well (as the published benchmark does, which refuses nothing); ``token_*`` is the
same on single tokens. Speed: pages per second (wall clock, reading and extraction) and CPU
milliseconds per page (the reading process and its workers together).
"""
from __future__ import annotations

import gzip
import json
import re
import resource
import statistics
import time
from collections import Counter
from pathlib import Path

from ..ingest.html import extract_page, read_pages
from ..ingest.records import Problem

_WORD = re.compile(r"\w+", re.UNICODE)


def tokens(text: str | None) -> list[str]:
    return _WORD.findall(text or "")


def _grams(toks: list[str], n: int) -> Counter:
    if n == 1:
        return Counter(toks)
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def overlap(true: str, pred: str, n: int = 4) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of n-token shingles of ``pred`` against ``true``."""
    t, p = _grams(tokens(true), n), _grams(tokens(pred), n)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def macro(tfns: list[tuple[float, float, float]]) -> dict:
    def prec(tp, fp, fn):
        return 1.0 if fp == 0 and fn == 0 else (tp / (tp + fp) if tp + fp else 0.0)

    def rec(tp, fp, fn):
        return 1.0 if fp == 0 and fn == 0 else (tp / (tp + fn) if tp + fn else 0.0)

    ps = [prec(*x) for x in tfns if x[0] + x[1] > 0]
    rs = [rec(*x) for x in tfns if x[0] + x[2] > 0]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def score(truths: dict[str, str], preds: dict[str, str]) -> dict:
    """Benchmark figures for two dicts id -> text (a missing prediction counts as empty)."""
    keys = sorted(truths)
    out = macro([overlap(truths[k], preds.get(k) or "", 4) for k in keys])
    tok = macro([overlap(truths[k], preds.get(k) or "", 1) for k in keys])
    out.update({f"token_{k}": v for k, v in tok.items()})
    return out


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def aeb(path, jobs: int | None = None) -> dict:
    """Body precision, recall and F1 of the loader's extraction on the AEB folder ``path``,
    and its speed."""
    path = Path(path)
    gt = json.loads((path / "ground-truth.json").read_text(encoding="utf-8"))
    files = {k: path / "html" / f"{k}.html.gz" for k in sorted(gt)}
    t0, c0 = time.perf_counter(), _cpu()
    preds, refused = {}, []
    by_file = {str(f): k for k, f in files.items()}
    for item in read_pages(list(files.values()), jobs=jobs):
        if isinstance(item, Problem):
            if item.fatal and item.where in by_file:
                refused.append(by_file[item.where])
            continue
        where, art = item
        preds[by_file[where]] = art["text"]
    seconds, cpu = time.perf_counter() - t0, _cpu() - c0
    truths = {k: gt[k]["articleBody"] for k in files}
    out = {k: round(v, 4) for k, v in score(truths, preds).items()}
    every = dict(preds)
    for k in refused:  # what the extractor gives on the pages the loader refuses
        try:
            every[k] = extract_page(gzip.open(files[k]).read(), reject_stubs=False)["text"]
        except ValueError:
            pass
    out["f1_all_pages"] = round(score(truths, every)["f1"], 4)
    out.update({"pages": len(files), "refused": len(refused),
                "pages_per_second": round(len(files) / seconds, 1) if seconds else None,
                "cpu_ms_per_page": round(1000 * cpu / len(files), 1)})
    return out
