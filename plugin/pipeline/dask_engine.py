"""Analysis on a Dask distributed cluster: the same interface as ``pool.WorkerPool``
(``submit``, ``full``, ``take``, ``close``, ``pending``), so the driver's one writer stores the
results exactly as it does for a local load (``media-bias load DB INPUT --engine dask``).

    from datasette_media_bias.pipeline import load
    report = load("news.db", ["articles.jsonl"], engine="dask")              # LocalCluster
    report = load("news.db", ["articles.jsonl"], engine="dask",
                  scheduler="tcp://10.0.0.5:8786")                          # a running cluster

* Without a scheduler address, a ``LocalCluster`` of ``jobs`` worker processes, one thread each
  (the analysis is pure Python: threads would share one GIL), is started and stopped with the
  load. With an address, the cluster's own workers are used; each must have this package
  installed (the same version: the rows must be the same).
* The lexicon is sent to every worker once (``client.scatter(..., broadcast=True)``); each
  batch of (article id, text) is one task, ``analyze_batch(batch, lexicon)``.
* At most ``depth`` batches (3 per worker thread) are in flight and results are taken in input
  order, so memory stays flat however large the input and the database is the same, row for row,
  as a local load of the same input.
* The parent process still reads the inputs (it must: duplicates and unchanged articles are
  decided against the database it writes) and is the one SQLite writer.

dask is an optional dependency: ``pip install 'datasette-media-bias[dask]'``.
"""
from __future__ import annotations

import collections
import logging
import os
import sys

from ..analysis import metrics
from ..analysis.lexicon import Lexicon
from .pool import analyze_batch

INSTALL_HINT = ("--engine dask needs dask.distributed, which is not installed: "
                "pip install 'datasette-media-bias[dask]'")


class EngineUnavailable(RuntimeError):
    """The engine asked for cannot run here (its package is missing, or no scheduler answers);
    the message is one line saying what to do."""


def check_available() -> None:
    """Raise EngineUnavailable (one line naming the extra to install) when dask is missing."""
    try:
        import dask.distributed  # noqa: F401
    except ImportError as e:
        raise EngineUnavailable(INSTALL_HINT) from e


def _reopened(stream):
    """A new text file object on ``stream``'s descriptor (``stream`` itself when it has none,
    an in-memory stream, or a closed one)."""
    try:
        return open(stream.fileno(), "w", encoding=getattr(stream, "encoding", None) or "utf-8",
                    errors=getattr(stream, "errors", None) or "backslashreplace",
                    closefd=False, buffering=1)
    except (AttributeError, OSError, ValueError):  # no descriptor, or a closed one
        return stream


def fresh_streams_in_child() -> None:
    """In a forked worker: new file objects for ``sys.stdout``, ``sys.stderr`` and the stream
    of every logging handler, on the same descriptors. Dask's nanny forks a worker from one of
    its threads while another thread may be writing a log line: a file object whose lock that
    thread held stays locked for ever in the child, and the worker hangs at its first log line
    (seen under pytest, whose log handler writes to a file)."""
    sys.stdout, sys.stderr = _reopened(sys.stdout), _reopened(sys.stderr)
    loggers = [logging.root] + [lg for lg in logging.Logger.manager.loggerDict.values()
                                if isinstance(lg, logging.Logger)]
    for lg in loggers:
        for h in lg.handlers:
            if isinstance(h, logging.StreamHandler):
                h.stream = _reopened(h.stream)  # (not setStream: it flushes the old one)


_AT_FORK = []  # fresh_streams_in_child registered for every fork of this process, once


def _local_cluster(jobs: int):
    """A LocalCluster of ``jobs`` worker processes, one thread each. On Linux the workers are
    forked (as the built-in pool's are) after the parent has loaded the metrics' tables, so
    they share them and start in about a second instead of importing everything again
    (spawned, Dask's default: 9 s to start and 6 s to the first results, against 1.8 and 1.0 s
    forked, on the busy 2-core development machine)."""
    import dask
    from dask.distributed import LocalCluster

    method = "fork" if sys.platform == "linux" else "spawn"
    if method == "fork":
        metrics.warm_up()
        if not _AT_FORK:
            os.register_at_fork(after_in_child=fresh_streams_in_child)
            _AT_FORK.append(True)
    # the workers' statistical profiler samples every thread's stack every 10 ms, which costs
    # a pure-Python task a few per cent; nothing here reads its profiles
    with dask.config.set({"distributed.worker.multiprocessing-method": method,
                          "distributed.worker.profile.enabled": False}):
        return LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                            dashboard_address=None, silence_logs=logging.ERROR)


LOG_LENGTH = 16  # messages kept per connection by Dask's debugging logs (see DaskPool)


class DaskPool:
    """Analyse batches on a Dask cluster, keeping at most ``depth`` batches in flight, and hand
    results back in input order."""

    def __init__(self, lexicon: Lexicon, jobs: int, scheduler: str | None = None,
                 depth: int | None = None, timeout: float = 900.0):
        check_available()
        from dask.distributed import Client

        import dask

        self.pending = collections.deque()
        self.timeout = timeout
        self.cluster = None
        # Dask keeps the last messages of every connection for debugging ("low-level" logs,
        # 1,000 messages each by default, every one under 1 MB kept whole): here a message is a
        # batch of article texts or of their rows, so the client, the scheduler and each worker
        # would hold the last thousand batches (540 MB more at 100k articles than at 10k).
        # Set for this process (the client, a LocalCluster's scheduler and its forked workers)
        # while the pool lives; a remote cluster needs it in its own Dask config.
        self._config = dask.config.set({"distributed.admin.low-level-log-length": LOG_LENGTH})
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="30s")
            else:
                self.cluster = _local_cluster(jobs)
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as e:
            if self.cluster is not None:
                self.cluster.close()
            self._config.__exit__(None, None, None)
            raise EngineUnavailable(f"--scheduler {scheduler}: no Dask scheduler answered "
                                    f"({type(e).__name__}: {e})" if scheduler else
                                    f"could not start a Dask LocalCluster: {e}") from e
        threads = sum(self.client.nthreads().values()) or jobs
        self.depth = depth or 3 * threads
        # no blocking warm-up: forked local workers share the parent's word tables, and a
        # remote cluster's workers load theirs on their first batch while the parent reads on
        self.lexicon = self.client.scatter(lexicon, broadcast=True)

    def submit(self, items: list, batch: list[tuple[str, str]]):
        future = self.client.submit(analyze_batch, batch, self.lexicon, pure=False)
        self.pending.append((items, future))

    def full(self) -> bool:
        return len(self.pending) >= self.depth

    def take(self):
        items, future = self.pending.popleft()
        try:
            res = future.result(timeout=self.timeout)
        except Exception as e:  # a worker died (KilledWorker), hung, or the cluster went away
            res = [(None, f"analysis on the Dask cluster failed ({type(e).__name__}: {e}); "
                          f"not loaded")] * len(items)
        finally:
            future.release()
        return zip(items, res)

    def close(self):
        for _, future in self.pending:
            future.cancel()
        self.pending.clear()
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self._config.__exit__(None, None, None)
