"""Stories found automatically: the grouping (compare/stories.py), the load stage
(pipeline/stories.py) with the real loader, corrections, the pages."""
from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import make_datasette, needs_shared, write_jsonl
from datasette_media_bias.analysis import vector
from datasette_media_bias.analysis.vector import decode, lead_tokens
from datasette_media_bias.compare.stories import StoryGrouper, day, story_summary
from datasette_media_bias.pipeline import load
from datasette_media_bias.pipeline import stories as stage

QUAKE_A = ("Strong earthquake shakes Valparaiso region",
           "A magnitude 7.1 earthquake struck off the coast of the Valparaiso region on Tuesday, "
           "collapsing several buildings in the port city and killing at least twelve people, "
           "Chile's emergency office said. Rescue teams searched the rubble through the night as "
           "aftershocks rattled the coast. President Gabriel Boric declared a state of catastrophe.")
QUAKE_B = ("Deadly quake hits Chilean coast near Valparaiso",
           "Rescuers in Chile dug through collapsed homes after a powerful 7.1 quake hit near "
           "Valparaiso, leaving a dozen dead. Boric announced a state of catastrophe for the region "
           "while aftershocks continued to shake the coast and emergency officials counted the damage.")
BUDGET = ("Senate passes farm budget after long debate",
          "The Senate approved a farm spending bill late Wednesday by a vote of 61 to 38, sending the "
          "measure to the House. Senator Maria Lopez said subsidies for dairy producers would rise, "
          "while critics argued the bill favours large agricultural companies over small farms.")
PHONE = ("Zentra unveils folding phone with week-long battery",
         "Technology company Zentra unveiled a folding smartphone on Tuesday that it says runs for a "
         "week on one charge. Chief executive Tom Akers showed the device at a launch event in Austin; "
         "analysts said the price of 1,900 dollars would limit sales.")


def art(i, title, text, date, outlet, story=None):
    a = {"id": i, "title": title, "text": text, "date": date, "outlet": outlet}
    if story:
        a["story"] = story
    return a


# --- the grouping, pure ------------------------------------------------------------------------

def test_vector_is_a_pure_function_of_the_lead():
    blob = lead_tokens(QUAKE_A[1])
    assert blob == lead_tokens(QUAKE_A[1].ljust(1500) + " Other words")  # first 1,500 chars
    w, e = decode(blob)
    assert w and e and all(0 <= b < 2 ** 20 for b in w + e)
    assert day("2023-03-07") == day("3/7/23") == day("2023-03-07T10:00:00Z")
    assert day("") is None and day("soon") is None


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcxyz-AB' \n’é\u0130\u212a1.")), max_size=40))
def test_word_buckets_are_the_buckets_of_the_words(text):
    # _word_buckets (a byte pass, each run's bucket cached) gives the buckets of the regex
    # words, a run seen for the first time and again
    want = [vector.bucket(w) for w in vector._words(text)]
    assert vector._word_buckets(text) == want
    assert vector._word_buckets(text) == want
    assert vector._word_buckets(text + " and " + text) == want + want


def test_same_event_different_wording_groups_together_and_other_events_apart():
    arts = [art("q1", *QUAKE_A, "2023-03-07", "Outlet One"),
            art("q2", *QUAKE_B, "2023-03-07", "Outlet Two"),
            art("p1", *PHONE, "2023-03-07", "Outlet Three"),
            art("b1", *BUDGET, "2023-03-08", "Outlet Two")]
    r = StoryGrouper().add(arts)
    assert r["q1"]["story"] == r["q2"]["story"] == "auto-q1"
    assert r["p1"]["story"] not in (r["q1"]["story"], r["b1"]["story"])
    assert r["b1"]["story"] != r["q1"]["story"]
    assert r["q2"]["copy_of"] is None  # different wording: not a wire copy


def test_an_undated_article_joins_only_a_story_it_matches_closely():
    # no date, no time evidence: it needs threshold + undated_margin, and a dated article never
    # joins a story an undated one started
    quake_c = ("Chile quake: Boric declares catastrophe in Valparaiso",
               "A magnitude 7.1 earthquake struck off the coast of the Valparaiso region, "
               "collapsing buildings in the port city and killing at least twelve people. "
               "President Gabriel Boric declared a state of catastrophe as rescue teams searched "
               "the rubble and aftershocks rattled the coast.")
    r = StoryGrouper().add([art("q1", *QUAKE_A, "2023-03-07", "A"),
                            art("q3", *quake_c, None, "C"),
                            art("p1", *PHONE, None, "B"),
                            art("b1", *BUDGET, "2023-03-08", "D")])
    assert r["q3"]["story"] == r["q1"]["story"] == "auto-q1"
    assert r["p1"]["story"] == "auto-p1" and r["b1"]["story"] == "auto-b1"


def test_same_event_far_apart_in_time_is_a_new_story():
    r = StoryGrouper().add([art("q1", *QUAKE_A, "2023-03-07", "A"),
                            art("q2", *QUAKE_B, "2023-04-20", "B")])
    assert r["q1"]["story"] != r["q2"]["story"]


def test_wire_copy_linked_to_earliest():
    text = BUDGET[1]
    arts = [art("w3", "Senate approves farm bill", text, "2023-03-09", "Paper C"),
            art("w1", *BUDGET, "2023-03-08", "Agency"),
            art("w2", "Farm bill passes Senate", text + " (Agency)", "2023-03-08", "Paper B"),
            art("x", *PHONE, "2023-03-08", "Paper B")]
    r = StoryGrouper().add(arts)
    assert r["w1"]["copy_of"] is None
    assert r["w2"]["copy_of"] == "w1" and r["w3"]["copy_of"] == "w1"
    assert r["w1"]["story"] == r["w2"]["story"] == r["w3"]["story"]
    assert r["x"]["copy_of"] is None and r["x"]["story"] != r["w1"]["story"]


def _dev_sample(n=400):
    path = needs_shared("articles_dev.jsonl")
    rows = [json.loads(x) for x in path.open()]
    random.Random(3).shuffle(rows)
    return [{k: a.get(k) for k in ("id", "title", "text", "outlet", "date")} for a in rows[:n]]


def test_batches_in_date_order_equal_one_batch():
    arts = _dev_sample()
    one = StoryGrouper().add(arts)
    order = sorted(arts, key=lambda a: (day(a["date"]) is None, day(a["date"]) or 0, a["id"]))
    g = StoryGrouper()
    for k in range(0, len(order), 70):
        g.add(order[k:k + 70])
    got = g.assignments()
    assert {a: r["story"] for a, r in got.items()} == {a: r["story"] for a, r in one.items()}
    assert len({r["story"] for r in one.values()}) < len(arts)  # something was grouped


def test_out_of_order_batches_equal_one_batch_through_stored_rows():
    arts = [a for a in _dev_sample() if a["date"]]
    one = {a: r["story"] for a, r in StoryGrouper().add(arts).items()}
    shuffled = arts[:]
    random.Random(5).shuffle(shuffled)
    g = StoryGrouper()
    g.add(shuffled[:150])
    # rebuilt from what the database stores (vector, story, copy), as the load stage does
    rows = [{**a, "story_vector": lead_tokens(a["text"]), "text": None,
             **{k: v for k, v in g.assignments()[a["id"]].items() if k != "similarity"}}
            for a in shuffled[:150]]
    g = StoryGrouper.from_rows(None, rows)
    g.add(shuffled[150:300])
    g.add(shuffled[300:])
    assert {a: r["story"] for a, r in g.assignments().items()} == one


def test_pinned_merge_split_kept_after_regroup():
    arts = [art("q1", *QUAKE_A, "2023-03-07", "A"), art("q2", *QUAKE_B, "2023-03-07", "B"),
            art("p1", *PHONE, "2023-03-07", "C"), art("b1", *BUDGET, "2023-03-07", "D")]
    g = StoryGrouper()
    g.add(arts)
    g.split(["q2"])
    assert g.assignments()["q2"]["story"] == "split-q2"
    g.merge(["auto-b1", "split-q2"])
    r = g.regroup({"threshold": 0.5})
    assert r["q2"]["story"] == r["b1"]["story"] == "auto-b1"


def test_story_summary_and_closeness():
    arts = [art("q1", *QUAKE_A, "2023-03-07", "A"), art("q2", *QUAKE_B, "3/8/23", "B")]
    s = story_summary(arts)
    assert s["first_date"] == "2023-03-07" and s["last_date"] == "2023-03-08"
    assert s["title"] in (QUAKE_A[0], QUAKE_B[0])
    assert "valparaiso" in s["key_terms"] and "coast" in s["key_terms"]
    assert set(s["closeness"]) == {"q1", "q2"}
    assert all(0.5 < v <= 1.0 for v in s["closeness"].values())


# --- the load stage, with the real loader ------------------------------------------------------

CORPUS = [art("q1", *QUAKE_A, "2023-03-07", "Outlet One"),
          art("q2", *QUAKE_B, "2023-03-07", "Outlet Two"),
          art("p1", *PHONE, "2023-03-07", "Outlet Three"),
          art("w1", *BUDGET, "2023-03-08", "Agency"),
          art("w2", "Farm bill passes Senate", BUDGET[1] + " (Agency)", "2023-03-08",
              "Paper B"),
          art("g1", "Budget row: senators clash on farm bill", BUDGET[1], "2023-03-08",
              "Outlet One", story="given-budget"),
          art("g2", "A given story about phones", PHONE[1], "2023-03-07", "Outlet Two",
              story="given-phone")]


def _stories(db):
    conn = sqlite3.connect(db)
    try:
        arts = {r[0]: r[1:] for r in conn.execute(
            "select id, story, copy_of, story_similarity from articles")}
        kinds = dict(conn.execute("select id, kind from stories"))
        pending = conn.execute("select count(*) from pending_stories").fetchone()[0]
    finally:
        conn.close()
    return arts, kinds, pending


@pytest.fixture
def corpus_db(tmp_path):
    db = tmp_path / "news.db"
    report = load(db, [write_jsonl(tmp_path / "in.jsonl", CORPUS)], jobs=1)
    assert report.rejected == 0 and report.grouped == 5
    return db


def test_load_groups_articles_without_story_and_leaves_given_ones(corpus_db, tmp_path):
    arts, kinds, pending = _stories(corpus_db)
    assert arts["q1"][0] == arts["q2"][0] == "auto-q1"
    assert arts["p1"][0] == "auto-p1"
    # given stories exactly as given, never merged with the automatic ones, even when the
    # text is the same
    assert arts["g1"][0] == "given-budget" and arts["g2"][0] == "given-phone"
    assert kinds["given-budget"] == kinds["given-phone"] == "given"
    assert kinds["auto-q1"] == kinds["auto-p1"] == "auto"
    # a wire copy is linked to the earlier article of another outlet
    assert arts["w2"][0] == arts["w1"][0] and arts["w2"][1] == "w1"
    assert all(0 < a[2] <= 1 for a in arts.values())
    assert pending == 0
    # loading the same input again changes nothing
    before = _stories(corpus_db)
    report = load(corpus_db, [tmp_path / "in.jsonl"], jobs=1)
    assert report.loaded == 0 and _stories(corpus_db) == before
    conn = sqlite3.connect(corpus_db)
    title, terms, first = conn.execute(
        "select title, key_terms, first_date from stories where id = 'auto-q1'").fetchone()
    assert title in (QUAKE_A[0], QUAKE_B[0]) and "valparaiso" in json.loads(terms)
    assert first == "2023-03-07"


def test_stories_described_a_few_at_a_time_are_described_the_same(corpus_db, tmp_path,
                                                                  monkeypatch):
    """The stories' titles, dates, key terms and closeness are computed a thousand stories at a
    time (flat memory): one story at a time gives the same rows."""
    from datasette_media_bias.pipeline import stories as stage

    def described(db):
        conn = sqlite3.connect(db)
        try:
            return (conn.execute("select id, kind, title, first_date, last_date, key_terms "
                                 "from stories order by id").fetchall(),
                    conn.execute("select id, story_similarity from articles order by id"
                                 ).fetchall())
        finally:
            conn.close()

    monkeypatch.setattr(stage, "DESCRIBE_STORIES", 1)
    db = tmp_path / "one-at-a-time.db"
    load(db, [write_jsonl(tmp_path / "again.jsonl", CORPUS)], jobs=1)
    assert described(db) == described(corpus_db)
    assert len(described(db)[0]) > 3


def test_date_ordered_batches_give_the_same_stories_as_one_load(tmp_path):
    rows = _dev_sample(300)
    one = tmp_path / "one.db"
    load(one, [write_jsonl(tmp_path / "all.jsonl", rows)], jobs=1)
    order = sorted(rows, key=lambda a: (day(a["date"]) is None, day(a["date"]) or 0, a["id"]))
    batches = tmp_path / "batches.db"
    for k in range(0, len(order), 100):
        load(batches, [write_jsonl(tmp_path / f"b{k}.jsonl", order[k:k + 100])], jobs=1)
    a, b = _stories(one), _stories(batches)
    assert {k: v[:2] for k, v in a[0].items()} == {k: v[:2] for k, v in b[0].items()}
    assert a[1] == b[1]


def test_a_killed_load_is_grouped_by_the_next_run(corpus_db, tmp_path):
    conn = sqlite3.connect(corpus_db)
    with conn:  # as if the load had stopped before its stages
        conn.execute("update articles set story = null, copy_of = null "
                     "where story in (select id from stories where kind = 'auto')")
        conn.execute("delete from stories where kind = 'auto'")
    conn.close()
    load(corpus_db, [tmp_path / "in.jsonl"], jobs=1)  # nothing new to load
    arts, kinds, _ = _stories(corpus_db)
    assert arts["q1"][0] == arts["q2"][0] == "auto-q1" and arts["w2"][1] == "w1"


def test_corrections_survive_regroup(corpus_db):
    stage.correct(corpus_db, "move", ["p1"], "auto-q1")
    assert _stories(corpus_db)[0]["p1"][0] == "auto-q1"
    stage.correct(corpus_db, "split", ["q2"])
    assert _stories(corpus_db)[0]["q2"][0] == "split-q2"
    stage.regroup(corpus_db, {"threshold": 0.5})
    arts, kinds, pending = _stories(corpus_db)
    assert arts["p1"][0] == "auto-q1" and arts["q2"][0] == "split-q2"
    assert arts["g1"][0] == "given-budget" and pending == 0
    with pytest.raises(ValueError, match="from the input"):
        stage.correct(corpus_db, "move", ["g1"], "auto-q1")
    # the command line
    res = subprocess.run([sys.executable, "-m", "datasette_media_bias.cli", "stories",
                          str(corpus_db), "--merge", "split-q2", "auto-w1"],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    arts = _stories(corpus_db)[0]
    assert arts["q2"][0] == arts["w1"][0] == arts["w2"][0] == "split-q2"
    res = subprocess.run([sys.executable, "-m", "datasette_media_bias.cli", "stories",
                          str(corpus_db), "--regroup", "--setting", "threshold=x"],
                         capture_output=True, text=True)
    assert res.returncode == 1 and "must be a float" in res.stderr


async def test_pages_mark_automatic_stories_copies_and_closeness(corpus_db):
    ds = make_datasette(corpus_db)
    index = (await ds.client.get("/news/-/media-bias.json")).json()
    kinds = {s["id"]: s["kind"] for s in index["stories"]}
    assert kinds["auto-q1"] == "auto" and kinds["given-budget"] == "given"
    html = (await ds.client.get("/news/-/media-bias")).text
    assert "automatic" in html
    data = (await ds.client.get("/news/-/media-bias/stories/auto-w1.json")).json()
    g = data["grouping"]
    assert g["kind"] == "auto" and g["wire_copies"] == 1 and g["independent_articles"] == 1
    copy = [r for r in g["articles"] if r["copy_of"]][0]
    assert copy["id"] == "w2" and copy["copy_of"] == "w1" and 0 < copy["closeness"] <= 1
    html = (await ds.client.get("/news/-/media-bias/stories/auto-w1")).text
    assert "Grouped automatically" in html and "not independent coverage" in html
    article = (await ds.client.get("/news/-/media-bias/articles/w2.json")).json()["article"]
    assert article["copy_of"] == "w1" and "story_vector" not in article
    given = (await ds.client.get("/news/-/media-bias/stories/given-budget.json")).json()
    assert given["grouping"]["kind"] == "given"


def test_later_articles_read_only_the_open_stories_and_group_as_one_load(tmp_path):
    rows = [a for a in _dev_sample(300) if day(a["date"])]
    order = sorted(rows, key=lambda a: (day(a["date"]), a["id"]))
    # the last day's articles in a later load: only the stories open in the window are read
    cut = next(i for i, a in enumerate(order) if day(a["date"]) == day(order[-1]["date"]))
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    load(one, [write_jsonl(tmp_path / "all.jsonl", order)], jobs=1)
    load(two, [write_jsonl(tmp_path / "a.jsonl", order[:cut])], jobs=1)
    load(two, [write_jsonl(tmp_path / "b.jsonl", order[cut:])], jobs=1)
    assert {k: v[:2] for k, v in _stories(one)[0].items()} == \
        {k: v[:2] for k, v in _stories(two)[0].items()}


def test_wire_copies_of_a_given_story_past_the_runs_kept():
    """Seventy outlets carry one agency text in a story the input gave, beside reports of
    their own that end with the same sign-off: every copy (the 65th and later too, past the
    articles kept for a run) is a copy of the agency's text, and no report is one."""
    from datasette_media_bias.compare.stories import given_story_copies

    rng = random.Random(7)
    pool = ("council river bridge vote budget school police storm water road mayor court "
            "plan tax park fire rail clinic union market port").split()
    sign = "Follow our reporters on social media for updates on this story as it develops."
    agency = " ".join(rng.choice(pool) for _ in range(120)) + " " + sign
    arts = [{"id": "agency", "outlet": "Agency", "title": "Storm hits the coast",
             "date": "2024-03-01", "text": agency}]
    arts += [{"id": f"copy{k:02d}", "outlet": f"Paper {k}", "title": "Storm hits the coast",
              "date": "2024-03-02", "text": agency} for k in range(70)]
    arts += [{"id": f"own{k:02d}", "outlet": f"Paper {k}", "title": "Storm hits the coast",
              "date": "2024-03-02",
              "text": " ".join(rng.choice(pool) for _ in range(120)) + " " + sign}
             for k in range(10)]
    copies = given_story_copies(arts)
    assert {copies[f"copy{k:02d}"] for k in range(70)} == {"agency"}
    assert [a for a, c in copies.items() if c and not a.startswith("copy")] == []
