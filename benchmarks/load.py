"""Load benchmark (issue 5): the project's loader against the naive baseline, same run.

    .venv/bin/pip install -r benchmarks/requirements.txt   # pySBD for the baseline, psutil
    .venv/bin/python benchmarks/load.py                     # the 10,000-article sample
    .venv/bin/python benchmarks/load.py --limit 2000 --baseline 100   # quicker

Prints, for ../shared/data/baly_articles_10k.jsonl.gz (or --data FILE):

* the project's loader (``media-bias load``, a subprocess, all cores): seconds, articles/s,
  MB/s of article text, peak memory of the process tree;
* the naive baseline on the first --baseline articles: pySBD sentences, textstat's functions per
  sentence, sqlite-utils inserts row by row; its articles/s and the per-article ratio;
* an identity check: the stored metrics of --check sampled sentences and their articles
  against textstat's own functions (the figure is the number of mismatches, expected 0);
* where one core's time goes (in-process, --split articles): sentence splitting,
  boilerplate, quotations, loaded words, readability metrics, the rest of the analysis,
  reading and writing.
These are figures, not pass/fail tests.
"""
from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (SAMPLE, machine, mb, read_articles, remove_database,  # noqa: E402
                     run_loader, write_subset)

READABILITY = ["flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
               "dale_chall_readability_score"]


def naive_baseline(articles: list[dict], db_path: Path) -> float:
    """The obvious script: pySBD + textstat per sentence + sqlite-utils row by row."""
    import pysbd
    import sqlite_utils
    import textstat

    seg = pysbd.Segmenter(language="en", clean=False)
    db = sqlite_utils.Database(db_path)
    t0 = time.perf_counter()
    for a in articles:
        db["articles"].insert({k: a.get(k) for k in ("id", "outlet", "url", "title", "date",
                                                     "text")}, pk="id", replace=True)
        for i, s in enumerate(seg.segment(a["text"])):
            db["sentences"].insert({
                "article_id": a["id"], "position": i, "text": s,
                "words": textstat.lexicon_count(s),
                "syllables": textstat.syllable_count(s),
                "flesch_reading_ease": textstat.flesch_reading_ease(s),
                "flesch_kincaid_grade": textstat.flesch_kincaid_grade(s),
                "gunning_fog": textstat.gunning_fog(s),
                "smog_index": textstat.smog_index(s),
                "dale_chall_readability_score": textstat.dale_chall_readability_score(s),
            }, pk=("article_id", "position"), replace=True)
    return time.perf_counter() - t0


def identity_check(db_path: Path, n: int, seed: int = 5) -> tuple[int, int, int]:
    """(sentences checked, articles checked, mismatches) against textstat itself."""
    import textstat

    fns = {"words": textstat.lexicon_count, "syllables": textstat.syllable_count,
           **{m: getattr(textstat, m) for m in READABILITY}}
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    total = conn.execute("select count(*) from sentences").fetchone()[0]
    rng = random.Random(seed)
    rowids = rng.sample(range(1, total + 1), min(n, total))
    bad = 0
    articles = set()
    for rid in rowids:
        s = conn.execute("select * from sentences where rowid = ?", [rid]).fetchone()
        if s is None:
            continue
        articles.add(s["article_id"])
        for name, fn in fns.items():
            if s[name] != fn(s["text"]):
                bad += 1
    for aid in sorted(articles)[: max(1, n // 10)]:
        a = conn.execute("select * from articles where id = ?", [aid]).fetchone()
        prose = "\n".join(r[0] for r in conn.execute(
            "select text from sentences where article_id = ? and is_boilerplate = 0 "
            "order by position", [aid]))
        for name, fn in fns.items():
            if a[name] != fn(prose):
                bad += 1
    return len(rowids), min(len(articles), max(1, n // 10)), bad


def time_split(path: Path, db_path: Path) -> dict:
    """One core, in-process: seconds in each stage of loading ``path``."""
    from datasette_media_bias import pipeline
    from datasette_media_bias.analysis import article, checks, lexicon as lexmod, metrics
    from datasette_media_bias.pipeline import pool

    remove_database(db_path)  # a fresh database: nothing is skipped as unchanged
    spent: dict[str, float] = {}
    depth: dict[str, int] = {}

    def timed(name, fn):
        def wrapper(*a, **k):
            if depth.get(name):  # nested call of the same stage: counted by the outer one
                return fn(*a, **k)
            depth[name] = 1
            t0 = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - t0
                depth[name] = 0
        return wrapper

    # the stages as analyze_rows calls them (readability: a sentence's word counts and
    # regex sentences, the scores from them, the article's sentence count); each timed call
    # costs about a microsecond more, most of it charged to "readability metrics"
    patches = [(article, "split_sentences"), (article, "boilerplate_kinds"),
               (article, "find_quotes"), (lexmod.Lexicon, "find"),
               (metrics, "token_counts"), (metrics, "sentence_pieces"), (metrics, "scores"),
               (metrics, "joined_sentence_count"), (checks, "warnings"),
               (pool, "analyze")]
    saved = [(obj, name, getattr(obj, name)) for obj, name in patches]
    names = {"split_sentences": "sentence splitting", "boilerplate_kinds": "boilerplate",
             "find_quotes": "quotations", "find": "loaded words",
             "token_counts": "readability metrics", "sentence_pieces": "readability metrics",
             "scores": "readability metrics", "joined_sentence_count": "readability metrics",
             "warnings": "input checks (language, quotes)", "analyze": "analysis (all)"}
    try:
        metrics.warm_up()
        for obj, name, fn in saved:
            setattr(obj, name, timed(names[name], fn))
        report = pipeline.load(db_path, [path], jobs=1)
    finally:
        for obj, name, fn in saved:
            setattr(obj, name, fn)
    parts = {k: v for k, v in spent.items() if k != "analysis (all)"}
    parts["other analysis (voice, offsets, rows)"] = spent["analysis (all)"] - sum(parts.values())
    parts["reading + checking input"] = report.timings["read"]
    parts["writing to SQLite"] = report.timings["write"] + report.timings["index"]
    parts["full-text indexes (FTS5)"] = report.timings.get("fts", 0.0)
    # the work that spans articles, after the per-article stage (pipeline/stages.py)
    for key, seconds in report.timings.items():
        if key.startswith("stage:"):
            parts[f"story stage: {key[6:]}"] = seconds
    parts["total"] = report.seconds
    return parts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=SAMPLE)
    ap.add_argument("--limit", type=int, default=10_000, help="articles for the project loader")
    ap.add_argument("--baseline", type=int, default=200, help="articles for the naive baseline")
    ap.add_argument("--check", type=int, default=500, help="sentences in the identity check")
    ap.add_argument("--split", type=int, default=300, help="articles for the time split")
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--workdir", type=Path, default=None)
    args = ap.parse_args()
    if not args.data.exists():
        sys.exit(f"{args.data} is not available: nothing to benchmark")
    try:
        import pysbd  # noqa: F401
    except ImportError:
        pysbd = None

    work = args.workdir or Path(tempfile.mkdtemp(prefix="mb-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}")
    print(f"load average before the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
          f"(other work on the machine slows every figure)")
    subset = work / "subset.jsonl"
    n, size = write_subset(args.data, subset, args.limit)
    print(f"input: {n} articles, {size / 1e6:.1f} MB of text (UTF-8), from {args.data}")

    db = work / "project.db"
    r = run_loader(db, [subset], jobs=args.jobs)
    rate = n / r["seconds"]
    print(f"\nproject loader: {r['seconds']:.1f} s, {rate:.0f} articles/s, "
          f"{size / 1e6 / r['seconds']:.2f} MB/s")
    print(f"  CPU: {r['cpu_seconds']:.1f} s for the loader and its workers, "
          f"{1000 * r['cpu_seconds'] / n:.2f} ms/article, "
          f"{r['cpu_seconds'] / r['seconds']:.2f} cores busy on average")
    print(f"  {r['summary']}")
    print(f"  peak memory: {mb(r['peak_pss'])} PSS for the process tree "
          f"({mb(r['peak_rss_sum'])} summed RSS, parent {mb(r['peak_parent_rss'])} RSS)")
    conn = sqlite3.connect(db)
    sents = conn.execute("select count(*) from sentences").fetchone()[0]
    print(f"  {sents} sentences, database {db.stat().st_size / 1e6:.0f} MB")

    if pysbd is None:
        print("\nnaive baseline: NOT RUN - pySBD is missing "
              "(.venv/bin/pip install -r benchmarks/requirements.txt)")
    else:
        base = list(read_articles(subset, args.baseline))
        secs = naive_baseline(base, work / "naive.db")
        brate = len(base) / secs
        print(f"\nnaive baseline (pySBD + textstat per sentence + sqlite-utils row by row), "
              f"{len(base)} articles: {secs:.1f} s, {brate:.1f} articles/s")
        print(f"  ratio, per article: {rate / brate:.1f}x faster")

    checked, arts, bad = identity_check(db, args.check)
    print(f"\nidentity with textstat 0.7.8: {checked} sentences and {arts} articles x 7 values, "
          f"{bad} mismatches")

    split_in = work / "split.jsonl"
    write_subset(args.data, split_in, args.split)
    # first pass warms the per-word caches as a long load would; the second is reported
    time_split(split_in, work / "split-warm.db")
    parts = time_split(split_in, work / "split.db")
    total = parts.pop("total")
    print(f"\nwhere one core's time goes ({args.split} articles, in-process, one job, warm "
          f"caches, {total:.2f} s = {1000 * total / args.split:.1f} ms/article):")
    for k, v in sorted(parts.items(), key=lambda kv: -kv[1]):
        print(f"  {k:40s} {v:7.2f} s  {100 * v / total:5.1f}%  {1000 * v / args.split:6.2f} "
              f"ms/article")


if __name__ == "__main__":
    main()
