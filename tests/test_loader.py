"""Loader behaviour (issues 5 and 6): repeat loads, updates, versions, recompute, migration,
and the same result whatever the number of worker processes."""
import json
import sqlite3
import subprocess
import sys

import sqlite_utils

from _corpus import write_corpus

TABLES = ("articles", "sentences", "quotes", "loaded_word_occurrences", "outlets", "stories")


def dump(db, tables=TABLES):
    conn = sqlite3.connect(db)
    return {t: sorted(map(repr, conn.execute(f"select * from [{t}]"))) for t in tables}


def cli(*args):
    return subprocess.run([sys.executable, "-m", "datasette_media_bias.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def test_workers_give_the_same_database_as_one_process(tmp_path):
    from datasette_media_bias.pipeline import load

    src = write_corpus(tmp_path / "c.jsonl", 120)
    one = load(tmp_path / "one.db", [src], jobs=1)
    two = load(tmp_path / "two.db", [src], jobs=2, batch=3)
    assert one.loaded == two.loaded == 120
    assert dump(tmp_path / "one.db") == dump(tmp_path / "two.db")


def test_rerun_updates_changed_articles_and_leaves_the_rest(tmp_path):
    from datasette_media_bias.pipeline import load

    src = write_corpus(tmp_path / "c.jsonl", 50)
    db = tmp_path / "t.db"
    load(db, [src], jobs=1)
    conn = sqlite3.connect(db)
    # every column but the coverage, which the story stage judges again for the stories of the
    # changed articles (pipeline/coverage.py)
    from datasette_media_bias.store import schema
    rows = "select article_id, rowid, {} from sentences".format(", ".join(
        f"[{c}]" for c in schema.TABLES["sentences"][0] if not c.startswith("coverage")))
    before = {r[0]: r for r in conn.execute(rows)}
    lines = src.read_text().splitlines()
    changed = json.loads(lines[7])
    changed["text"] = "A completely new text. The plan was slammed."
    lines[7] = json.dumps(changed)
    retitled = json.loads(lines[9])
    retitled["title"] = "A new title"
    lines[9] = json.dumps(retitled)
    src.write_text("\n".join(lines) + "\n")
    report = load(db, [src], jobs=2)
    assert (report.loaded, report.unchanged, report.rejected) == (2, 48, 0)
    after = {r[0]: r for r in conn.execute(rows)}
    # articles of other stories are untouched: same rows, same rowids; those sharing a story
    # with a changed article keep their rows (same rowids), and the story stages may count
    # their loaded words again (the story's own subject words depend on all its articles)
    stories = dict(conn.execute("select id, story from articles"))
    touched_stories = {stories["a00007"], stories["a00009"]}
    untouched = [a for a in before if a not in ("a00007", "a00009")]
    assert all(before[a] == after[a] for a in untouched if stories[a] not in touched_stories)
    assert all(before[a][:2] == after[a][:2] for a in untouched)
    assert any(stories[a] not in touched_stories for a in untouched)  # not vacuous
    assert [r[0] for r in conn.execute(
        "select text from sentences where article_id = 'a00007' order by position")] == [
        "A completely new text.", "The plan was slammed."]
    assert conn.execute("select title from articles where id = 'a00009'").fetchone()[0] == \
        "A new title"


def test_stale_metric_versions_are_recomputed(tmp_path):
    from datasette_media_bias.analysis import metrics

    src = write_corpus(tmp_path / "c.jsonl", 30)
    db = tmp_path / "t.db"
    assert cli("load", db, src).returncode == 0
    before = dump(db)
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("update articles set metrics_version = 0, flesch_reading_ease = -1 "
                     "where id in ('a00003', 'a00004')")
        conn.execute("delete from sentences where article_id = 'a00003'")
    res = cli("recompute", db)
    assert res.returncode == 0, res.stderr
    assert "2 articles re-analysed, 28 already current" in res.stderr
    assert dump(db) == before
    assert {r[0] for r in conn.execute("select distinct metrics_version from articles")} == {
        metrics.METRICS_VERSION}
    # and a load of the same input now changes nothing
    res = cli("load", db, src)
    assert "0 loaded, 30 unchanged" in res.stderr


def test_recompute_after_a_lexicon_change(tmp_path):
    src = tmp_path / "c.jsonl"
    src.write_text(json.dumps({"id": "x1", "text": "The zorblatt plan was announced. "
                                                   "Critics called it zorblatt nonsense."})
                   + "\n")
    db = tmp_path / "t.db"
    assert cli("load", db, src).returncode == 0
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from loaded_word_occurrences where term = 'zorblatt'"
                        ).fetchone()[0] == 0
    bundled = conn.execute("select loaded_words from articles").fetchone()[0]
    extra = tmp_path / "mine.csv"
    extra.write_text("term,category,source\nzorblatt,invented,\n")
    res = cli("recompute", db, "--lexicon", extra)
    assert res.returncode == 0, res.stderr
    assert "1 articles re-analysed" in res.stderr
    assert conn.execute("select count(*) from loaded_word_occurrences where term = 'zorblatt'"
                        ).fetchone()[0] == 2
    assert conn.execute("select loaded_words from articles").fetchone()[0] == bundled + 2
    assert conn.execute("select count(*) from lexicon where term = 'zorblatt'").fetchone()[0] == 1
    res = cli("recompute", db, "--lexicon", extra)
    assert "0 articles re-analysed, 1 already current" in res.stderr
    # the original file is not needed
    src.unlink()
    res = cli("recompute", db, "--lexicon", extra, "--all")
    assert "1 articles re-analysed" in res.stderr


def test_an_older_database_gains_new_columns(tmp_path):
    from datasette_media_bias.store import schema
    from datasette_media_bias.pipeline import load

    db_path = tmp_path / "old.db"
    db = sqlite_utils.Database(db_path)
    for name, (columns, opts) in schema.TABLES.items():
        cols = dict(columns)
        if name == "quotes":
            cols.pop("kind")
        db[name].create(cols, **opts)
    db.conn.close()
    src = write_corpus(tmp_path / "c.jsonl", 10)
    report = load(db_path, [src], jobs=1)
    assert report.loaded == 10 and report.rejected == 0
    cols = {c.name for c in sqlite_utils.Database(db_path)["quotes"].columns}
    assert "kind" in cols


def test_database_is_left_in_wal_mode(tmp_path):
    from datasette_media_bias.pipeline import load

    src = write_corpus(tmp_path / "c.jsonl", 5)
    load(tmp_path / "t.db", [src], jobs=1)
    conn = sqlite3.connect(tmp_path / "t.db")
    assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_an_article_that_cannot_be_written_takes_nothing_else_with_it(tmp_path):
    # the first article of a new outlet and story fails to insert (a trigger refuses it): its
    # outlet and story rows are rolled back with it, and the next article of the same outlet
    # and story must write them again
    from datasette_media_bias.pipeline import load
    from datasette_media_bias.store.writer import open_database

    db = tmp_path / "t.db"
    open_database(db).conn.execute(
        "create trigger refuse before insert on articles when new.id = 'bad' "
        "begin select raise(abort, 'refused'); end")
    src = tmp_path / "a.jsonl"
    text = "The council voted on Monday. It was a long meeting, officials said."
    src.write_text("\n".join(json.dumps(
        {"id": i, "outlet": "Daily Planet", "url": "https://www.dailyplanet.com/a",
         "story": "vote", "story_title": "The vote", "text": text}) for i in ("bad", "good")))
    report = load(db, [src], jobs=1)
    assert report.loaded == 1 and "refused" in str(report.problems[0])
    conn = sqlite3.connect(db)
    assert conn.execute("select id, domain from outlets").fetchall() == [
        ("daily-planet", "dailyplanet.com")]
    assert conn.execute("select id, title from stories").fetchall() == [("vote", "The vote")]


def test_a_first_load_builds_the_indexes_at_its_end(tmp_path):
    # the first load into an empty database drops the secondary indexes and builds them when
    # it is done; a load that stops half way leaves them to the next open_database
    from datasette_media_bias.store import schema
    from datasette_media_bias.pipeline import load
    from datasette_media_bias.store.writer import open_database

    def indexes(path):
        conn = sqlite3.connect(path)
        return {r[0] for r in conn.execute(
            "select name from sqlite_master where type = 'index' and sql is not null")}

    expected = {f"idx_{t}_{'_'.join(c)}" for t, c in schema.INDEXES}
    src = write_corpus(tmp_path / "c.jsonl", 20)
    db = tmp_path / "t.db"
    report = load(db, [src], jobs=1)
    assert report.loaded == 20 and indexes(db) == expected
    schema.drop_indexes(sqlite_utils.Database(db))
    assert indexes(db) == set()
    open_database(db).conn.close()
    assert indexes(db) == expected
    # a second load into the database keeps its indexes throughout
    load(db, [write_corpus(tmp_path / "d.jsonl", 30)], jobs=1)
    assert indexes(db) == expected


def test_progress_is_reported_through_a_callback(tmp_path):
    from datasette_media_bias.pipeline import load, recompute

    src = write_corpus(tmp_path / "c.jsonl", 30)
    db = tmp_path / "p.db"
    seen = []
    report = load(db, [src], jobs=2, batch=4, on_progress=lambda done, total: seen.append(
        (done, total)))
    assert report.loaded == 30
    assert seen and seen[-1] == (30, 30)  # every article, of the total counted up front
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    again = []
    recompute(db, everything=True, jobs=1, on_progress=lambda d, t: again.append((d, t)))
    assert again[-1] == (30, 30)


def test_cli_draws_a_progress_bar_only_when_asked(tmp_path):
    src = write_corpus(tmp_path / "c.jsonl", 10)
    shown = cli("load", tmp_path / "a.db", src, "--progress")
    assert shown.returncode == 0, shown.stderr
    assert "Loading" in shown.stderr  # click's progress bar (its label, off a terminal)
    hidden = cli("load", tmp_path / "b.db", src)  # not a terminal: no bar by default
    assert hidden.returncode == 0 and "Loading" not in hidden.stderr
    assert "10 input records: 10 loaded" in hidden.stderr
