"""Analysis in worker processes: batches of (article id, text) in, rows out, in input order.

The workers are forked (one per core) after the parent has loaded the shared tables, so they
share them; at most a few batches are in flight, so memory stays flat however large the corpus.
"""
from __future__ import annotations

import collections
import gc
import multiprocessing

from ..analysis import analyze_rows, checks, metrics
from ..analysis.lexicon import Lexicon

_worker_lexicon: Lexicon | None = None


def _init_worker(lexicon: Lexicon):
    global _worker_lexicon
    _worker_lexicon = lexicon
    metrics.warm_up()


def analyze(aid: str, text: str, lexicon: Lexicon):
    """Everything the writer stores for one article: the article's figures and the rows of its
    sentences, quotations and loaded-word occurrences (tuples for ``executemany``), and
    warnings."""
    rows = analyze_rows(text, lexicon, aid)
    return rows.article, rows.sentences, rows.quotes, rows.occurrences, checks.warnings(text, rows)


def analyze_batch(batch: list[tuple[str, str]], lexicon: Lexicon | None = None):
    """[(result, None) or (None, error message)] for each (article id, text) of ``batch``."""
    lexicon = lexicon or _worker_lexicon
    out = []
    for aid, text in batch:
        try:
            out.append((analyze(aid, text, lexicon), None))
        except Exception as e:  # one bad article never stops the rest
            out.append((None, f"analysis failed: {type(e).__name__}: {e}"))
    return out


class WorkerPool:
    """Analyse batches in worker processes (or inline), keeping at most ``depth`` batches in
    flight, and hand results back in input order."""

    def __init__(self, lexicon: Lexicon, jobs: int, depth: int | None = None):
        self.pool = None
        self.pending = collections.deque()
        if jobs > 1:
            metrics.warm_up()  # load the tables once, share them with the forked workers
            gc.freeze()  # keep the collector from touching (and so copying) the shared pages
            self.pool = multiprocessing.get_context("fork").Pool(
                jobs, initializer=_init_worker, initargs=(lexicon,))
        else:
            _init_worker(lexicon)
        self.depth = depth or 3 * jobs

    def submit(self, items: list, batch: list[tuple[str, str]]):
        if self.pool is None:
            self.pending.append((items, analyze_batch(batch)))
        else:
            self.pending.append((items, self.pool.apply_async(analyze_batch, (batch,))))

    def full(self) -> bool:
        return len(self.pending) >= self.depth

    def take(self, timeout: float = 900.0):
        items, res = self.pending.popleft()
        if self.pool is not None:
            try:
                res = res.get(timeout)
            except multiprocessing.TimeoutError:  # a worker died (OOM killer?) or hung
                res = [(None, f"analysis did not finish within {timeout:.0f} s (a worker "
                              f"process died or hung); not loaded")] * len(items)
        return zip(items, res)

    def close(self):
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            gc.unfreeze()
