"""Scale benchmark (issue 5): load time at 1k / 10k / 100k articles, page latency at 100k.

    .venv/bin/pip install -r benchmarks/requirements.txt
    .venv/bin/python benchmarks/scale.py                  # builds, loads, times (~20 min)
    .venv/bin/python benchmarks/scale.py --skip-load      # re-time pages on the built database

The 100,000-article corpus is built from ../shared/data/baly_articles_10k.jsonl.gz: ten copies
of the 10,000 articles, copy k giving each article the id ``<id>~r<k>``; within each copy the
articles of a topic are taken in date order and grouped four at a time into stories
(``<topic>-r<k>-<n>``, about 25,000 stories of 2-4 outlets). Texts are unchanged, so every copy
costs the loader the same analysis as the original.

Load time is measured for the first 1k, 10k and all 100k articles of that corpus, each into a
fresh database, with ``media-bias load`` in a subprocess (peak memory of the process tree too).
Pages are requested through Datasette in-process (``datasette.client``) on the 100k database:
the index, the index searched for ``SEARCHES`` (common words, a rare one, several words), 20
stories, 20 articles, 20 outlets (and the 5 largest) and 20 speakers (and the 5 quoted most),
HTML and JSON, each several times; median and 95th percentile per page kind. Every SQL
statement the pages run is recorded and its EXPLAIN QUERY PLAN checked for full scans of the
big tables.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import sqlite3
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import SAMPLE, machine, mb, open_lines, run_loader  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
# the story searches timed: common words (a third of the articles at 100k have election), a
# rare one, several words
SEARCHES = ("election", "trump", "police", "Ethiopia", "supreme court nominee")


def build_corpus(src: Path, dest: Path, copies: int = 10) -> int:
    """Write the scaled corpus as JSON lines; return the number of articles."""
    base = [json.loads(line) for line in open_lines(src)]
    by_topic = defaultdict(list)
    for i, a in enumerate(base):
        by_topic[a.get("topic") or "misc"].append(i)
    story_of = {}
    for topic, idx in by_topic.items():
        idx.sort(key=lambda i: (base[i].get("date") or "", base[i]["id"]))
        for n, i in enumerate(idx):
            story_of[i] = (topic, n // 4)
    n = 0
    with open(dest, "w", encoding="utf-8") as out:
        for k in range(copies):
            for i, a in enumerate(base):
                topic, s = story_of[i]
                slug = "".join(c if c.isalnum() else "-" for c in topic.lower())
                b = dict(a)
                b["id"] = f"{a['id']}~r{k}"
                b["story"] = f"{slug}-r{k}-{s}"
                b["story_title"] = f"{topic}, story {s} (copy {k})"
                out.write(json.dumps(b, ensure_ascii=False) + "\n")
                n += 1
    return n


def head(src: Path, dest: Path, n: int):
    with open(src, encoding="utf-8") as f, open(dest, "w", encoding="utf-8") as out:
        for i, line in enumerate(f):
            if i >= n:
                break
            out.write(line)


def pct(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p
    lo = int(k)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


class SQLRecorder:
    """A Datasette plugin object recording every statement run on the benchmark database."""

    def __init__(self):
        self.statements = set()

    def prepare_connection(self, conn, database, datasette):
        conn.set_trace_callback(self.statements.add)


def time_pages(db: Path, samples: int, repeats: int, seed: int = 7):
    from datasette import hookimpl
    from datasette.app import Datasette
    from datasette.plugins import pm

    recorder = SQLRecorder()

    import types

    plugin = types.ModuleType("scale_benchmark_recorder")

    @hookimpl
    def prepare_connection(conn, database, datasette):
        recorder.prepare_connection(conn, database, datasette)

    plugin.prepare_connection = prepare_connection
    pm.register(plugin, name="scale-benchmark-recorder")
    conn = sqlite3.connect(db)
    rng = random.Random(seed)
    stories = [r[0] for r in conn.execute("select id from stories")]
    articles = [r[0] for r in conn.execute("select id from articles")]
    outlets = [r[0] for r in conn.execute("select id from outlets")]
    name = db.stem
    from datasette.utils import tilde_encode

    paths = {"index": [f"/{name}/-/media-bias"]}
    paths["index search"] = [f"/{name}/-/media-bias?{urlencode({'q': q})}" for q in SEARCHES]
    paths["story"] = [f"/{name}/-/media-bias/stories/{tilde_encode(s)}"
                      for s in rng.sample(stories, min(samples, len(stories)))]
    paths["article"] = [f"/{name}/-/media-bias/articles/{tilde_encode(a)}"
                        for a in rng.sample(articles, min(samples, len(articles)))]
    paths["outlet"] = [f"/{name}/-/media-bias/outlets/{tilde_encode(o)}"
                       for o in rng.sample(outlets, min(samples, len(outlets)))]
    # the pages that grow with the outlet: its five largest (what readers open first)
    paths["largest outlet"] = [f"/{name}/-/media-bias/outlets/{tilde_encode(o)}" for (o,) in
                               conn.execute("select outlet from articles where outlet is not "
                                            "null group by outlet order by count(*) desc, "
                                            "outlet limit 5")]
    speakers = [r[0] for r in conn.execute("select id from speakers order by id")]
    paths["speaker"] = [f"/{name}/-/media-bias/speakers/{tilde_encode(s)}"
                        for s in rng.sample(speakers, min(samples, len(speakers)))]
    # and the speakers quoted most (tens of thousands of quotations at 100k)
    paths["most quoted speaker"] = [f"/{name}/-/media-bias/speakers/{tilde_encode(s)}" for (s,)
                                    in conn.execute("select id from speakers order by quotes "
                                                    "desc, id limit 5")]
    ds = Datasette([str(db)], settings={"num_sql_threads": 2})
    results = {}

    async def run():
        for kind, ps in paths.items():
            for fmt in ("", ".json"):
                times, statuses = [], defaultdict(int)
                for p in ps:
                    path, _, query = p.partition("?")
                    url = path + fmt + ("?" + query if query else "")
                    await ds.client.get(url)  # warm (first request fills page caches)
                    for _ in range(repeats):
                        t0 = time.perf_counter()
                        r = await ds.client.get(url)
                        times.append(1000 * (time.perf_counter() - t0))
                        statuses[r.status_code] += 1
                results[kind + (fmt or " (HTML)")] = (times, dict(statuses))

    asyncio.run(run())
    pm.unregister(name="scale-benchmark-recorder")
    return results, recorder.statements


def plans(db: Path, statements) -> list[tuple[str, list[str]]]:
    """(statement, full-scan lines) for statements whose plan scans a big table in full."""
    conn = sqlite3.connect(db)
    bad = []
    for sql in sorted(statements):
        if not sql.lstrip().lower().startswith(("select", "with")):
            continue
        try:
            rows = conn.execute("explain query plan " + sql).fetchall()
        except sqlite3.Error:
            continue
        # (the full-text indexes, articles_fts and sentences_fts, are not their tables)
        scans = [r[3] for r in rows if r[3].startswith("SCAN ")
                 and any(re.search(rf"\b{t}\b", r[3]) for t in
                         ("sentences", "articles", "quotes", "loaded_word_occurrences"))]
        if scans:
            bad.append((sql, [r[3] for r in rows]))
    return bad


def slowest_statements(db: Path, statements, top: int = 10):
    """Time each recorded statement directly in SQLite (best of 3): SQL cost apart from
    Datasette and page rendering."""
    conn = sqlite3.connect(db)
    from datasette_media_bias import __name__ as _  # noqa: F401  (SQL functions not needed)

    out = []
    for sql in statements:
        if not sql.lstrip().lower().startswith(("select", "with")):
            continue
        best = None
        for _ in range(3):
            t0 = time.perf_counter()
            try:
                conn.execute(sql).fetchall()
            except sqlite3.Error:
                break
            t = 1000 * (time.perf_counter() - t0)
            best = t if best is None else min(best, t)
        if best is not None:
            out.append((best, sql))
    return sorted(out, reverse=True)[:top]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=SAMPLE)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/mb-scale"))
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--skip-load", action="store_true")
    ap.add_argument("--skip-pages", action="store_true")
    ap.add_argument("--samples", type=int, default=20)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--sizes", type=int, nargs="*", default=None,
                    help="load only these corpus sizes (default: 1k, 10k and the whole corpus)")
    args = ap.parse_args()
    if not args.data.exists():
        sys.exit(f"{args.data} is not available: nothing to benchmark")
    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    corpus = work / "corpus.jsonl"
    total = args.copies * 10_000
    big = work / f"news{total // 1000}k.db"
    if not args.skip_load:
        t0 = time.perf_counter()
        n = build_corpus(args.data, corpus, args.copies)
        print(f"built {corpus}: {n} articles in {time.perf_counter() - t0:.0f} s")
        for size in args.sizes or [s for s in SIZES if s < n] + [n]:
            part = work / f"corpus_{size}.jsonl"
            head(corpus, part, size)
            db = work / f"news{size // 1000}k.db"
            r = run_loader(db, [part], jobs=args.jobs)
            mbytes = part.stat().st_size / 1e6
            print(f"load {size:>7} articles: {r['seconds']:7.1f} s, "
                  f"{size / r['seconds']:5.0f} articles/s, "
                  f"{1000 * r['seconds'] / size:5.2f} ms/article, peak {mb(r['peak_pss'])} "
                  f"PSS ({mb(r['peak_parent_rss'])} parent RSS), db "
                  f"{db.stat().st_size / 1e9:.2f} GB  [{r['summary']}]  "
                  f"(load avg {os.getloadavg()[0]:.2f}; input {mbytes:.0f} MB)", flush=True)
            if part != corpus:
                part.unlink()
    if args.skip_pages:
        return
    if not big.exists():
        sys.exit(f"{big} missing: run without --skip-load")
    conn = sqlite3.connect(big)
    counts = {t: conn.execute(f"select count(*) from [{t}]").fetchone()[0]
              for t in ("articles", "sentences", "stories", "outlets")}
    print(f"\npages on {big} ({counts}), {args.repeats} requests each after one warm-up:")
    results, statements = time_pages(big, args.samples, args.repeats)
    print(f"  {'page':22s} {'requests':>8s} {'median ms':>10s} {'p95 ms':>8s} {'max ms':>8s}  status")
    for kind, (times, statuses) in results.items():
        print(f"  {kind:22s} {len(times):8d} {statistics.median(times):10.1f} "
              f"{pct(times, 0.95):8.1f} {max(times):8.1f}  {statuses}")
    print("\nslowest SQL statements run by the pages (best of 3, straight in SQLite):")
    for ms, sql in slowest_statements(big, statements):
        print(f"  {ms:8.1f} ms  {' '.join(sql.split())[:160]}")
    bad = plans(big, statements)
    print(f"\n{len(statements)} distinct SQL statements ran; "
          f"{len(bad)} scan articles/sentences/quotes/occurrences in full:")
    for sql, plan in bad:
        print("  " + " ".join(sql.split())[:300])
        for line in plan:
            print("     ", line)


if __name__ == "__main__":
    main()
