"""Bounded load test (issue 6): many concurrent clients on the comparison pages of a real
``datasette serve`` on 127.0.0.1, optionally while ``media-bias load`` writes to the database.

    .venv/bin/python benchmarks/serve_load.py DB [--clients 32] [--seconds 30]
        [--max-requests 20000] [--while-loading FILE.jsonl | --replicas N]

Loopback only: the server binds 127.0.0.1 on a free port and is stopped at the end. Each client
requests, in a loop, the index, story, article and outlet pages (HTML and JSON) of ids sampled
from the database, until --seconds pass or --max-requests were sent in total. Prints throughput,
latency percentiles and every error (status >= 500, connection errors, "database is locked").
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sample_paths(db: Path, n: int, seed: int = 11) -> list[str]:
    from datasette.utils import tilde_encode

    conn = sqlite3.connect(db)
    rng = random.Random(seed)

    def some(sql):
        ids = [r[0] for r in conn.execute(sql)]
        return rng.sample(ids, min(n, len(ids)))

    base = f"/{db.stem}/-/media-bias"
    paths = [base]
    paths += [f"{base}/stories/{tilde_encode(s)}" for s in some("select id from stories")]
    paths += [f"{base}/articles/{tilde_encode(a)}" for a in
              some("select id from articles order by rowid limit 20000")]
    paths += [f"{base}/outlets/{tilde_encode(o)}" for o in some("select id from outlets")]
    return [p + fmt for p in paths for fmt in ("", ".json")]


async def run_clients(base_urls, paths, clients, seconds, max_requests):
    import httpx

    latencies, errors, statuses = [], [], Counter()
    sent = 0
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=30) as http:
        async def client(k):
            nonlocal sent
            rng = random.Random(k)
            base_url = base_urls[k % len(base_urls)]  # replicas: the clients take turns
            while time.monotonic() < deadline and sent < max_requests:
                sent += 1
                path = rng.choice(paths)
                t0 = time.perf_counter()
                try:
                    r = await http.get(base_url + path)
                except httpx.HTTPError as e:
                    errors.append((path, f"{type(e).__name__}: {e}"))
                    continue
                latencies.append(1000 * (time.perf_counter() - t0))
                statuses[r.status_code] += 1
                if r.status_code >= 500 or "database is locked" in r.text:
                    errors.append((path, f"{r.status_code} {r.text[:120]!r}"))

        t0 = time.monotonic()
        await asyncio.gather(*(client(k) for k in range(clients)))
        elapsed = time.monotonic() - t0
    return latencies, errors, statuses, elapsed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("db", type=Path)
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--max-requests", type=int, default=20_000)
    ap.add_argument("--samples", type=int, default=50)
    ap.add_argument("--while-loading", type=Path, default=None,
                    help="run `media-bias load DB FILE` during the test")
    ap.add_argument("--replicas", type=int, default=0,
                    help="serve read-only: `datasette inspect`, then this many `datasette -i "
                         "DB --inspect-file` servers on their own ports, the clients taking "
                         "turns (docs/scale-out.md)")
    args = ap.parse_args()
    if not args.db.exists():
        sys.exit(f"{args.db} does not exist (build one with media-bias load)")
    if args.replicas and args.while_loading:
        sys.exit("--replicas serves the database read-only (-i): no --while-loading")
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.2f}")
    paths = sample_paths(args.db, args.samples)
    serve = [str(args.db)]
    if args.replicas:
        inspect = args.db.with_name(args.db.stem + "-inspect.json")
        subprocess.run([sys.executable, "-m", "datasette", "inspect", str(args.db),
                        "--inspect-file", str(inspect)], check=True)
        serve = ["-i", str(args.db), "--inspect-file", str(inspect)]
    ports = [free_port() for _ in range(max(1, args.replicas))]
    servers = [subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", *serve, "--host", "127.0.0.1",
         "--port", str(port), "--setting", "num_sql_threads", "3"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for port in ports]
    loader = None
    try:
        import httpx

        for port in ports:
            for _ in range(200):
                try:
                    httpx.get(f"http://127.0.0.1:{port}/-/versions.json", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
        if args.while_loading:
            loader = subprocess.Popen(
                [sys.executable, "-m", "datasette_media_bias.cli", "load", str(args.db),
                 str(args.while_loading), "--accept-partial", "--no-progress"],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        lat, errors, statuses, elapsed = asyncio.run(run_clients(
            [f"http://127.0.0.1:{port}" for port in ports], paths, args.clients, args.seconds,
            args.max_requests))
    finally:
        if loader is not None:
            loader.wait()
            print(f"concurrent load: {loader.stderr.read().strip().splitlines()[-1:]}")
        for server in servers:
            server.terminate()
            server.wait(10)
    n = len(lat)
    if args.replicas:
        print(f"{args.replicas} read-only replicas (datasette -i, inspect file), ports "
              f"{', '.join(map(str, ports))}")
    print(f"{args.clients} clients, {elapsed:.1f} s, {n} responses over {len(paths)} pages: "
          f"{n / elapsed:.0f} requests/s")
    if n:
        q = statistics.quantiles(lat, n=100)
        print(f"latency ms: median {statistics.median(lat):.0f}, p95 {q[94]:.0f}, "
              f"p99 {q[98]:.0f}, max {max(lat):.0f}")
    print(f"statuses: {dict(statuses)}")
    print(f"errors: {len(errors)}")
    for path, e in errors[:20]:
        print(f"  {path}: {e}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
