"""Helpers shared by the benchmark scripts (not part of the package)."""
from __future__ import annotations

import gzip
import json
import os
import platform
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
SAMPLE = SHARED / "baly_articles_10k.jsonl.gz"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    import sqlite3

    return (f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GB RAM, Python "
            f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}, {platform.system()}")


def open_lines(path: Path):
    return gzip.open(path, "rt", encoding="utf-8") if str(path).endswith(".gz") else \
        open(path, encoding="utf-8")


def read_articles(path: Path, limit: int | None = None):
    with open_lines(path) as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                break
            yield json.loads(line)


def write_subset(src: Path, dest: Path, limit: int) -> tuple[int, int]:
    """Copy the first ``limit`` lines; return (articles, UTF-8 bytes of text)."""
    n = size = 0
    with open_lines(src) as f, open(dest, "w", encoding="utf-8") as out:
        for line in f:
            if n >= limit:
                break
            out.write(line)
            size += len(json.loads(line)["text"].encode("utf-8"))
            n += 1
    return n, size


class TreeMemory:
    """Poll a process and its children: peak of the summed PSS (proportional set size:
    pages shared by the forked workers are counted once) and of the parent's RSS."""

    def __init__(self, pid: int, interval: float = 0.2):
        import psutil

        self.proc = psutil.Process(pid)
        self.interval = interval
        self.peak_pss = 0
        self.peak_rss_sum = 0
        self.peak_parent_rss = 0
        self.samples: list[tuple[float, int]] = []  # (time.time(), summed PSS) per poll
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()

    def _run(self):
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.proc] + self.proc.children(recursive=True)
                pss = rss = 0
                for p in procs:
                    try:
                        m = p.memory_full_info()
                        pss += getattr(m, "pss", m.rss)
                        rss += m.rss
                    except (psutil.NoSuchProcess, psutil.AccessDenied):
                        pass
                self.peak_pss = max(self.peak_pss, pss)
                self.samples.append((time.time(), pss))
                self.peak_rss_sum = max(self.peak_rss_sum, rss)
                self.peak_parent_rss = max(self.peak_parent_rss, self.proc.memory_info().rss)
            except psutil.NoSuchProcess:
                break
            time.sleep(self.interval)

    def stop(self):
        self._stop.set()
        self._t.join()

    def peak_between(self, start: float | None = None, end: float | None = None) -> int:
        """Peak summed PSS of the polls between two ``time.time()`` instants."""
        return max((pss for t, pss in self.samples
                    if (start is None or t >= start) and (end is None or t <= end)), default=0)


def remove_database(db: Path) -> None:
    """Delete a SQLite database and its WAL files, if there."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)


def run_measured(cmd: list[str], what: str):
    """Run ``cmd``; its stdout, stderr, wall seconds, CPU seconds of it and its children, and
    the TreeMemory that watched it. Exits with its stderr when it fails."""
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    mem = TreeMemory(proc.pid)
    out, err = proc.communicate()
    seconds = time.perf_counter() - t0
    mem.stop()
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and its processes
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"{what} failed ({proc.returncode}):\n{err[-2000:]}")
    return out, err, seconds, cpu, mem


def run_loader(db: Path, inputs: list[Path], jobs: int | None = None, extra=()) -> dict:
    """Run ``media-bias load`` in a subprocess; wall time, peak memory, its stderr summary."""
    remove_database(db)
    cmd = [sys.executable, "-m", "datasette_media_bias.cli", "load", str(db), *map(str, inputs),
           "--accept-partial", "--no-progress", *extra]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    out, err, seconds, cpu, mem = run_measured(cmd, "loader")
    summary = [line for line in err.splitlines() if " input records: " in line]
    return {"seconds": seconds, "cpu_seconds": cpu, "peak_pss": mem.peak_pss,
            "peak_rss_sum": mem.peak_rss_sum, "peak_parent_rss": mem.peak_parent_rss, "summary": summary[-1] if summary else "",
            "warnings": sum(1 for line in err.splitlines() if ": warning: " in line)}


def mb(n: float) -> str:
    return f"{n / 2**20:.0f} MB"
