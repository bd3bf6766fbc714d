"""--engine dask (pipeline/dask_engine.py): the database a Dask cluster's workers analyse is the
same, row for row, as a local load of the same input (full ``iterdump()`` dumps compared)."""
from __future__ import annotations

import itertools
import sqlite3
import sys

import pytest
from click.testing import CliRunner

from _corpus import write_corpus
from conftest import needs_shared

pytest.importorskip("dask.distributed")

from datasette_media_bias.cli import cli  # noqa: E402
from datasette_media_bias.pipeline import load  # noqa: E402


def dump(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_dask_load_equals_local_load_small(tmp_path):
    """Always runs: a synthetic corpus through the command line, a LocalCluster of 2 workers."""
    corpus = write_corpus(tmp_path / "corpus.jsonl", 60)
    local = tmp_path / "local.db"
    report = load(local, [corpus], jobs=2)
    assert report.loaded == 60
    res = CliRunner().invoke(cli, ["load", str(tmp_path / "dask.db"), str(corpus),
                                   "--engine", "dask", "--jobs", "2", "--no-progress"])
    assert res.exit_code == 0, res.output
    assert "60 loaded" in res.output
    assert dump(tmp_path / "dask.db") == dump(local)


def test_dask_load_equals_local_load_dev_articles(tmp_path):
    """The first 1,000 dev articles: LocalCluster(n_workers=2) against the local load."""
    src = needs_shared("articles_dev.jsonl")
    corpus = tmp_path / "dev1000.jsonl"
    with open(src, encoding="utf-8") as f, open(corpus, "w", encoding="utf-8") as out:
        out.writelines(itertools.islice(f, 1000))
    local = load(tmp_path / "local.db", [corpus], jobs=2)
    dask = load(tmp_path / "dask.db", [corpus], jobs=2, engine="dask")
    assert dask.loaded == local.loaded > 900
    assert (dask.rejected, dask.warnings) == (local.rejected, local.warnings)
    assert dump(tmp_path / "dask.db") == dump(tmp_path / "local.db")


def test_missing_dask_is_one_line_naming_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # import fails as if absent
    corpus = write_corpus(tmp_path / "corpus.jsonl", 3)
    res = CliRunner().invoke(cli, ["load", str(tmp_path / "x.db"), str(corpus),
                                   "--engine", "dask"])
    assert res.exit_code == 1
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and "datasette-media-bias[dask]" in lines[0], res.output
    assert not (tmp_path / "x.db").exists()


def test_scheduler_needs_dask_engine(tmp_path):
    corpus = write_corpus(tmp_path / "corpus.jsonl", 3)
    res = CliRunner().invoke(cli, ["load", str(tmp_path / "x.db"), str(corpus),
                                   "--scheduler", "tcp://127.0.0.1:8786"])
    assert res.exit_code == 2 and "--scheduler needs --engine dask" in res.output


class ThreadEngine:
    """Another engine through the pool interface docs/scale-out.md describes for Ray: threads
    calling analyze_batch, results taken in order."""

    def __init__(self, lexicon, jobs):
        import collections
        from concurrent.futures import ThreadPoolExecutor

        self.executor = ThreadPoolExecutor(jobs)
        self.lexicon = lexicon
        self.pending = collections.deque()

    def submit(self, items, batch):
        from datasette_media_bias.pipeline import analyze_batch

        self.pending.append((items, self.executor.submit(analyze_batch, batch, self.lexicon)))

    def full(self):
        return len(self.pending) >= 4

    def take(self):
        items, future = self.pending.popleft()
        return zip(items, future.result())

    def close(self):
        self.executor.shutdown()


def test_another_engine_through_the_pool_interface(tmp_path):
    corpus = write_corpus(tmp_path / "corpus.jsonl", 40)
    load(tmp_path / "local.db", [corpus], jobs=1)
    report = load(tmp_path / "other.db", [corpus], jobs=2, engine=ThreadEngine)
    assert report.loaded == 40
    assert dump(tmp_path / "other.db") == dump(tmp_path / "local.db")


def test_dask_keeps_no_thousand_batches_for_debugging(tmp_path):
    """Dask keeps the last messages of each connection (1,000 by default, each under 1 MB kept
    whole): here every message is a batch of texts or rows, so the pool lowers that while it
    lives (flat memory at 100k articles) and puts the setting back after."""
    import dask

    from datasette_media_bias.analysis.lexicon import Lexicon
    from datasette_media_bias.pipeline.dask_engine import LOG_LENGTH, DaskPool

    key = "distributed.admin.low-level-log-length"
    before = dask.config.get(key)
    assert before > LOG_LENGTH
    pool = DaskPool(Lexicon.load(), 1)
    try:
        pool.submit([0], [("a1", "The council met on Monday. It voted.")])
        assert len(list(pool.take())) == 1
        assert dask.config.get(key) == LOG_LENGTH
        assert pool.client.scheduler_comm.recent_message_log.maxlen == LOG_LENGTH
    finally:
        pool.close()
    assert dask.config.get(key) == before


def test_a_forked_worker_gets_streams_of_its_own(tmp_path):
    """A worker forked while another thread of the parent held a log stream's lock would hang
    at its first log line: the child gets new stream objects on the same descriptors."""
    import logging
    import os

    from datasette_media_bias.pipeline.dask_engine import fresh_streams_in_child

    log = tmp_path / "child.log"
    handler = logging.FileHandler(log)
    logger = logging.getLogger("media-bias-fork-test")
    logger.addHandler(handler)
    before = handler.stream
    try:
        pid = os.fork()
        if pid == 0:  # the child: its own stream objects, on the same file
            code = 1
            try:
                fresh_streams_in_child()
                ok = handler.stream is not before and handler.stream.fileno() == before.fileno()
                logger.error("child writes")
                handler.flush()
                code = 0 if ok else 2
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert "child writes" in log.read_text()
    finally:
        logger.removeHandler(handler)
        handler.close()
