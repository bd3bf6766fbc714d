"""Load through ``--engine dask`` against the built-in load, same run (issue 19), and what the
measured split of the per-article cost says about 10 million articles on a cluster.

    .venv/bin/pip install -e '.[dask]' -r benchmarks/requirements.txt   # dask, psutil
    .venv/bin/python benchmarks/dask_load.py                 # 10,000 articles
    .venv/bin/python benchmarks/dask_load.py --limit 2000    # a busy machine
    .venv/bin/python benchmarks/dask_load.py --only dask --skip-stages --limit 100000 --data F  # memory

Prints, for the first --limit articles of ../shared/data/baly_articles_10k.jsonl.gz (or --data):

* each load (built-in forked workers, then a Dask LocalCluster of as many workers), in a
  subprocess of its own: wall seconds, articles/s, peak memory of the process tree, and where
  the parent (the one writer) spent its time (``report.timings``: reading inputs, waiting for
  the workers, writing, building indexes, each story-level stage); the ratio dask / built-in;
* the per-article split: analysis (CPU seconds on one core, timed in-process on --split
  articles: this part runs on the workers and scales with them) and the writer's serial part
  (reading, writing, indexes, stages, measured in the dask load: it does not scale);
* the projected wall time for 10M articles on 8, 32 and 128 workers: the analysis and the
  writer overlap, so the time is max(analysis / workers, writer while loading) + the writer's
  work after loading (indexes, stages), plus the cluster's start; and the writer's limit.
The machine may be shared with other work: the load average is printed before and after, and
every figure is slower by as much as the machine is busy.
"""
from __future__ import annotations

import argparse
import inspect
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (SAMPLE, machine, mb, read_articles, run_measured,  # noqa: E402
                     remove_database, write_subset)

PROJECT = 10_000_000
WORKERS = (8, 32, 128)


def child(engine: str, db: str, inputs: str, jobs: int | None, skip_stages: bool) -> None:
    """Run one load in this process; print its report as JSON (the parent reads the last line)."""
    import resource

    from datasette_media_bias.pipeline import load, stages

    def cpu():  # this process (all threads) and its reaped children (the stages' own pools)
        s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
            resource.RUSAGE_CHILDREN)
        return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime

    stage_cpu, stage_main = {}, {}

    def timed(stage):
        name = stage.__name__

        def add(c0, m0):
            stage_cpu[name] = stage_cpu.get(name, 0.0) + cpu() - c0
            stage_main[name] = stage_main.get(name, 0.0) + time.thread_time() - m0

        def resumed(gen):  # a generator stage: time each part it runs, not the others between
            while True:
                c0, m0 = cpu(), time.thread_time()
                try:
                    item = next(gen)
                except StopIteration:
                    return
                finally:
                    add(c0, m0)
                yield item

        def run(db, changes, report):
            c0, m0 = cpu(), time.thread_time()
            try:
                started = stage(db, changes, report)
            finally:
                add(c0, m0)
            return resumed(started) if inspect.isgenerator(started) else started
        run.__name__ = name
        return run

    stages.STAGES[:] = [] if skip_stages else [timed(st) for st in stages.STAGES]
    marks = []  # (articles written, main thread CPU, wall) at the first and latest article

    def progress(done, total):  # called once per article written
        mark = (len(marks) and marks[-1][0] + 1, time.thread_time(), time.perf_counter(),
                time.time())
        if marks:
            marks[1:] = [mark]
        else:
            marks.append(mark)

    t0, c0 = time.perf_counter(), time.thread_time()
    r = load(db, [inputs], jobs=jobs, engine=engine, on_progress=progress)
    (n0, m0, w0, _), (n1, m1, w1, last_written) = marks[0], marks[-1]
    # the main thread's CPU: the writer's own work (reading, writing, indexes, stages), not
    # the workers' nor, with dask, the scheduler's thread; unlike the wall timings, it is not
    # inflated by other work on a busy machine
    print(json.dumps({"seconds": time.perf_counter() - t0, "loaded": r.loaded,
                      "rejected": r.rejected, "timings": r.timings,
                      "writer_cpu": time.thread_time() - c0, "stage_cpu": stage_cpu,
                      "stage_main_cpu": stage_main,
                      # the steady state, from the first article written to the last: the
                      # writer's main-thread CPU per article (reading, checking, receiving
                      # rows, writing), without start-up (cluster, lexicon, schema)
                      "steady_cpu": (m1 - m0) / max(1, n1 - n0),
                      "steady_wall": (w1 - w0) / max(1, n1 - n0),
                      "before_first": w0 - t0,
                      # when the per-article phase ended (time.time()): memory before / after
                      "last_written": last_written}))


def run(engine: str, db: Path, inputs: Path, jobs: int | None, skip_stages: bool) -> dict:
    remove_database(db)
    cmd = [sys.executable, __file__, "--child", engine, str(db), str(inputs)]
    if skip_stages:
        cmd.append("--skip-stages")
    if jobs:
        cmd += ["--jobs", str(jobs)]
    out, _, wall, cpu, mem = run_measured(cmd, f"{engine} load")
    r = json.loads(out.strip().splitlines()[-1])
    r.update(wall=wall, peak_pss=mem.peak_pss, peak_parent_rss=mem.peak_parent_rss,
             tree_cpu=cpu, peak_articles=mem.peak_between(end=r["last_written"]),
             peak_stages=mem.peak_between(start=r["last_written"]))
    return r


def analysis_seconds(path: Path, n: int) -> float:
    """CPU seconds of analysis per article, one core, in-process, warm tables."""
    from datasette_media_bias.analysis.lexicon import Lexicon
    from datasette_media_bias.analysis import metrics
    from datasette_media_bias.pipeline import analyze_batch

    lexicon = Lexicon.load()
    metrics.warm_up()
    batch = [(a["id"], a["text"]) for a in read_articles(path, n)]
    analyze_batch(batch[: min(50, len(batch))], lexicon)  # warm the per-word caches a little
    t0 = time.process_time()
    analyze_batch(batch, lexicon)
    return (time.process_time() - t0) / len(batch)


def show(name: str, r: dict, n: int) -> None:
    t = r["timings"]
    stages = {k[6:]: v for k, v in t.items() if k.startswith("stage:")}
    print(f"\n{name}: {r['wall']:.1f} s wall ({r['seconds']:.1f} s inside load()), "
          f"{n / r['wall']:.0f} articles/s; {r['loaded']} loaded, {r['rejected']} rejected")
    print(f"  CPU of the whole process tree: {r['tree_cpu']:.1f} s, "
          f"{1000 * r['tree_cpu'] / n:.2f} ms/article (not slowed by waiting for a busy "
          f"machine as wall time is)")
    print(f"  peak memory: {mb(r['peak_pss'])} PSS for the process tree, parent "
          f"{mb(r['peak_parent_rss'])} RSS; per-article phase (reading, workers, writer) "
          f"{mb(r['peak_articles'])}, story-level stages {mb(r['peak_stages'])}")
    print("  parent (the one writer), wall: " + ", ".join(
        f"{k} {t[k]:.1f} s" for k in ("read", "wait", "write", "index"))
          + f"; its main thread's CPU: {r['writer_cpu']:.1f} s")
    print("  story-level stages on the writer (wall / CPU incl. their own worker processes): "
          + (", ".join(f"{k} {v:.2f} / {r['stage_cpu'].get(k, 0):.2f} s"
                       for k, v in stages.items()) or "none"))


def hours(s: float) -> str:
    return f"{s / 3600:.1f} h" if s >= 3600 else f"{s / 60:.0f} min"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=SAMPLE)
    ap.add_argument("--limit", type=int, default=10_000)
    ap.add_argument("--split", type=int, default=300, help="articles timed for the analysis "
                                                           "cost per article")
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--skip-stages", action="store_true",
                    help="leave out the story-level stages (the same for both engines): "
                         "compare only the per-article phase, where the engines differ")
    ap.add_argument("--only", choices=("local", "dask"), default=None,
                    help="run one engine's load only (its time and memory; no ratio)")
    ap.add_argument("--child", nargs=3, metavar=("ENGINE", "DB", "INPUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(*args.child, args.jobs, args.skip_stages)
    if not args.data.exists():
        sys.exit(f"{args.data} is not available: nothing to benchmark")
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        sys.exit("dask is missing: .venv/bin/pip install -e '.[dask]'")

    work = args.workdir or Path(tempfile.mkdtemp(prefix="mb-dask-"))
    work.mkdir(parents=True, exist_ok=True)
    jobs = args.jobs or os.cpu_count()
    print(f"machine: {machine()}")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on "
          f"{os.cpu_count()} cores (other work on the machine slows every figure)")
    subset = work / "subset.jsonl"
    n, size = write_subset(args.data, subset, args.limit)
    print(f"input: {n} articles, {size / 1e6:.1f} MB of text, from {args.data}; {jobs} workers")

    if args.skip_stages:
        print("story-level stages: left out (--skip-stages)")
    if args.only:
        r = run(args.only, work / f"{args.only}.db", subset, jobs, args.skip_stages)
        show(f"--engine {args.only}", r, n)
        print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        return
    local = run("local", work / "local.db", subset, jobs, args.skip_stages)
    show("built-in load (forked workers)", local, n)
    dask = run("dask", work / "dask.db", subset, jobs, args.skip_stages)
    show(f"--engine dask (LocalCluster, {jobs} worker processes, 1 thread each)", dask, n)
    ratio = dask["wall"] / local["wall"]
    print(f"\ndask / built-in wall time: {ratio:.2f}x (target: within 1.3x)")

    def per_article_phase(r):  # load() without the story-level stages and indexes after it
        t = r["timings"]
        return r["seconds"] - t["index"] - sum(v for k, v in t.items() if k.startswith("stage:"))

    pa, pl = per_article_phase(dask), per_article_phase(local)
    print(f"  the per-article phase alone (reading, analysis, writing; the engines differ only "
          f"there): dask {pa:.1f} s, built-in {pl:.1f} s, {pa / pl:.2f}x")
    print(f"  (first article written after {dask['before_first']:.1f} s with dask, "
          f"{local['before_first']:.1f} s built-in; then {1000 * dask['steady_wall']:.2f} vs "
          f"{1000 * local['steady_wall']:.2f} ms wall per article)")

    a = analysis_seconds(subset, min(args.split, n))
    t = dask["timings"]
    stage_s = sum(v for k, v in t.items() if k.startswith("stage:"))
    fixed = max(0.0, dask["seconds"] - (t["read"] + t["write"] + t["index"] + stage_s
                                        + t["wait"]))  # cluster start and stop
    # CPU seconds per article: the writer's main thread while articles arrive (reading,
    # checking, receiving rows, writing), and once all are in (indexes, stages: with the CPU
    # of the stages' own worker processes on the writer's machine)
    during = dask["steady_cpu"]
    after = (t["index"] + sum(dask["stage_cpu"].values())) / n
    print(f"\nper-article cost split ({n} articles; analysis timed on {min(args.split, n)}, "
          f"CPU seconds on one core):")
    print(f"  analysis (on the workers, scales with them): {1000 * a:.2f} ms")
    print(f"  writer while loading (reading, checking, receiving rows, writing; main thread, "
          f"serial): {1000 * during:.2f} ms (the built-in load's: "
          f"{1000 * local['steady_cpu']:.2f} ms)")
    print(f"  after loading, on the writer's machine (indexes {1000 * t['index'] / n:.2f} ms; "
          + ", ".join(f"{k} {1000 * v / n:.2f} ms" for k, v in dask["stage_cpu"].items())
          + f"): {1000 * after:.2f} ms")
    print(f"  fixed: cluster start and stop, {fixed:.1f} s wall")
    limit = 1 / during
    print(f"\nprojected wall time for {PROJECT:,} articles (CPU figures above; stages assumed "
          f"linear in articles and run on one core of the writer's machine: the coverage stage "
          f"divides by that machine's cores)"
          + (" - WITHOUT the story-level stages (--skip-stages)" if args.skip_stages else "")
          + ":")
    for w in WORKERS:
        analysis = PROJECT * a / w
        total = max(analysis, PROJECT * during) + PROJECT * after + fixed
        bound = "writer-bound" if PROJECT * during > analysis else "analysis-bound"
        print(f"  {w:4d} workers: {hours(total)} ({bound}: analysis {hours(analysis)}, writer "
              f"{hours(PROJECT * during)} + {hours(PROJECT * after)} after)")
    print(f"  the writer's limit: one SQLite writer stores at most {limit:.0f} articles/s "
          f"(reading + writing), so past {a / during:.1f} workers more do not help; "
          f"10M articles take at least {hours(PROJECT * (during + after))} on one writer")
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
