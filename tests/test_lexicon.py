"""The loaded-word lexicon: bundled entries and their sources, matching, user additions."""
import csv
import re
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from datasette_media_bias.analysis.lexicon import BUNDLED_DIR, Lexicon, loaded_words

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


CUSTOM = ["witch hunt", "witch", "far-right", "don't", "o’brien", "rock ’n’ roll", "anti",
          "anti-american", "so called", "so-called", "Cover Up", "café", "a.b", "9/11"]


def _lexicon(terms):
    return Lexicon([{"term": t, "category": f"c{i}", "source": "t"}
                    for i, t in enumerate(terms)], [])


def test_find_custom_terms():
    lx = _lexicon(CUSTOM)
    text = ("WITCH\n  hunt, witch-hunt, witches, a witch. Far-right far right far-rightist; "
            "Don’t DON'T don't-care; O'Brien o’brien's; rock 'n' roll, Rock n roll; "
            "anti-American anti american anti-Americanism anti-; so  called so-called; "
            "cover\tup; café, "
            "caf; a b a.b 9/11 x-witch witch-x 2witch witch2 éwitch witché İwitch")
    found = [(text[o.start:o.end], o.term) for o in lx.find(text)]
    assert found == [
        ("WITCH\n  hunt", "witch hunt"), ("witch", "witch"), ("Far-right", "far-right"),
        ("Don’t", "don't"), ("DON'T", "don't"), ("O'Brien", "o’brien"),
        ("Rock n roll", "rock ’n’ roll"), ("anti-American", "anti-american"),
        ("anti", "anti"), ("anti", "anti"), ("so  called", "so called"),
        ("so-called", "so-called"), ("cover\tup", "Cover Up"), ("caf", "café"),
        ("caf", "café"), ("a b", "a.b")] + [("witch", "witch")] * 5
    assert _lexicon([]).find(text) == [] and lx.find("") == []


PIECES = st.sampled_from([
    "witch", "hunt", "WITCH", "Hunt", "far", "right", "don", "t", "o", "brien", "rock", "n",
    "roll", "anti", "american", "so", "called", "cover", "up", "caf", "a", "b", "x", "é", "İ",
    "2", "_", " ", "  ", "\n", "\t", "-", "'", "’", ".", ",", "\xa0", "\x1c", "‘"])
TEXTS = st.lists(PIECES, max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_find_is_the_leftmost_longest_whole_word_match(text):
    # the plain definition: one alternation, longest terms first, over the text itself
    lx = _lexicon(CUSTOM)
    keys = sorted(lx._by_key, key=len, reverse=True)
    alts = "|".join(re.escape(k).replace(r"\ ", r"\s+").replace("'", "['’]") for k in keys)
    rx = re.compile(r"(?<![A-Za-z])(?<![A-Za-z]['’-])(?:" + alts +
                    r")(?![A-Za-z]|['’-][A-Za-z])", re.IGNORECASE | re.ASCII)
    expected = []
    for m in rx.finditer(text):
        e = lx._by_key[" ".join(m.group().lower().replace("’", "'").split())]
        expected.append((m.start(), m.end(), e["term"], e["category"]))
    assert [(o.start, o.end, o.term, o.category) for o in lx.find(text)] == expected
