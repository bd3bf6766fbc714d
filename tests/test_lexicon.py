"""The loaded-word lexicon: bundled entries and their sources, matching, user additions."""
import csv
import sqlite3

import pytest

from datasette_media_bias.lexicon import BUNDLED_DIR, Lexicon, loaded_words

PERMISSIVE = {"Apache-2.0", "MIT", "PDDL-1.0"}


def test_every_bundled_entry_has_a_permissive_source():
    lx = Lexicon.load()
    sources = {s["source"]: s for s in lx.sources}
    assert len(lx.entries) > 1000
    for e in lx.entries:
        assert e["source"] in sources, e
        assert sources[e["source"]]["licence"] in PERMISSIVE
    assert {e["source"] for e in lx.entries} == {"dmb-authors", "vader", "textblob"}
    cats = {e["category"] for e in lx.entries}
    assert {"sensational_verb", "pejorative", "intensifier", "subjective_adjective", "hedge",
            "emotive"} <= cats


def test_csv_rows_are_clean():
    with open(BUNDLED_DIR / "loaded_words.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert all(r["term"] == r["term"].strip().lower() and r["category"] for r in rows)
    assert len({(r["term"], r["category"]) for r in rows}) == len(rows)


def test_find_whole_words_phrases_and_case():
    lx = Lexicon([{"term": "slammed", "category": "sensational_verb", "source": "t"},
                  {"term": "witch hunt", "category": "pejorative", "source": "t"},
                  {"term": "far-right", "category": "pejorative", "source": "t"}], [])
    text = "He SLAMMED the Witch Hunt; far-right groups. Unslammed witch."
    found = [(text[o.start:o.end], o.category) for o in lx.find(text)]
    assert found == [("SLAMMED", "sensational_verb"), ("Witch Hunt", "pejorative"),
                     ("far-right", "pejorative")]


def test_bundled_lexicon_flags_loaded_not_neutral_words():
    lx = Lexicon.load()
    terms = {o.term for o in lx.find("The senator slammed the bizarre, reckless plan.")}
    assert {"slammed", "bizarre", "reckless"} <= terms
    assert lx.find("The senator said the committee met on Tuesday.") == []


def test_user_file_and_table(tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text("term,category,source\nzorblax,pejorative,\n", encoding="utf-8")
    lx = Lexicon.load([extra])
    assert [o.term for o in lx.find("A zorblax idea")] == ["zorblax"]
    assert any(s["source"] == "user:mine.csv" for s in lx.sources)
    assert lx.version != Lexicon.load().version

    conn = sqlite3.connect(":memory:")
    conn.execute("create table lexicon (term text, category text, source text)")
    conn.execute("insert into lexicon values ('quuxify', 'sensational_verb', '')")
    lt = Lexicon.from_table(conn)
    assert [o.term for o in lt.find("They quuxify it")] == ["quuxify"]


def test_bad_user_file(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("term,category\nlonely,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.csv:2"):
        Lexicon.load([bad])


def test_sql_function():
    assert loaded_words(None) is None
    assert loaded_words("A bizarre and reckless tirade.") == 3
