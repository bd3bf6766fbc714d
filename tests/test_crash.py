"""Crashes and repeats (issue 6): SIGKILL the loader at random points of a load; the database is
always consistent and a re-run finishes the job with no duplicates."""
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

from _corpus import write_corpus

TABLES = ("articles", "sentences", "quotes", "loaded_word_occurrences", "outlets", "stories")


def start_load(db, src):
    return subprocess.Popen(
        [sys.executable, "-m", "datasette_media_bias.cli", "load", str(db), str(src),
         "--jobs", "2", "--commit-every", "0.02"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def count(db):
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        return conn.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def check_consistent(db):
    conn = sqlite3.connect(db)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    # every stored article is whole: its sentence count matches its sentence rows
    half = conn.execute("""
        select a.id from articles a
        where a.sentences + a.boilerplate_sentences !=
              (select count(*) from sentences s where s.article_id = a.id)""").fetchall()
    assert half == []
    for t in ("sentences", "quotes", "loaded_word_occurrences"):
        orphans = conn.execute(f"select count(*) from [{t}] where article_id not in "
                               f"(select id from articles)").fetchone()[0]
        assert orphans == 0, t


def dump(db):
    conn = sqlite3.connect(db)
    return {t: sorted(map(repr, conn.execute(f"select * from [{t}]"))) for t in TABLES}


def test_sigkill_at_random_points_then_rerun(tmp_path):
    from datasette_media_bias.pipeline import load

    src = write_corpus(tmp_path / "corpus.jsonl", 400, sentences=(8, 20))
    reference = tmp_path / "reference.db"
    assert load(reference, [src], jobs=1).loaded == 400

    db = tmp_path / "killed.db"
    rng = random.Random()
    kills = []
    for _ in range(2):
        before = count(db)
        target = before + rng.randint(20, 150)
        proc = start_load(db, src)
        deadline = time.monotonic() + 30
        while count(db) < target and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(rng.uniform(0.0, 0.05))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)  # the loader itself, mid-write
        proc.wait()
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # and its workers, if any were left
        except ProcessLookupError:
            pass
        kills.append(count(db))
        check_consistent(db)
    assert 0 < kills[0] < 400, kills  # the kills landed mid-load

    res = subprocess.run([sys.executable, "-m", "datasette_media_bias.cli", "load", str(db),
                          str(src)], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    check_consistent(db)
    assert dump(db) == dump(reference)  # finished, nothing twice, nothing different
