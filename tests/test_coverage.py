"""What each outlet reported that the others did not: the coverage of a story's sentences
(compare/coverage.py), entities and figures (compare/entities.py), the load stage that stores
them (pipeline/coverage.py), the story and outlet pages that show them, and the evaluation."""
import json
import sqlite3
import time

import pytest

from conftest import make_datasette, needs_shared
from datasette_media_bias.compare.coverage import article_summary, left_out, story_coverage
from datasette_media_bias.compare.entities import entity_matrix, link_keys, mentions
from datasette_media_bias.compare.textnorm import figures
from datasette_media_bias.pipeline import load

def art(aid, texts, boiler=()):
    sents, pos = [], 0
    for i, t in enumerate(texts):
        sents.append({"position": i, "start": pos, "end": pos + len(t), "text": t,
                      "is_boilerplate": i in boiler})
        pos += len(t) + 1
    return {"id": aid, "sentences": sents}


# an invented story, told by three outlets in different words
A = art("a", [
    "A federal judge on Monday dealt an eight-month prison sentence to Arlo Penwick for the "
    "Ohio man's role in the riot at the county courthouse.",
    "Penwick carried a large banner into the courtroom gallery during the riot.",
    "The judge said the sentence should deter others, and Penwick must also pay $2,000.",
    "Sign up for our newsletter.",
    "Meanwhile, the orchestra announced a new season of baroque concerts in Vienna.",
], boiler=(3,))
B = art("b", [
    "An Ohio man who breached the county courthouse during the riot was sentenced Monday to "
    "eight months in jail.",
    "Arlo Penwick had carried a banner into the courtroom gallery, prosecutors said.",
    "The judge said the sentence should deter others.",
])
C = art("c", [
    "Arlo Penwick, of Ohio, will spend eight months in prison for his part in the courthouse "
    "riot, a federal judge ruled.",
    "Prosecutors had asked for a longer term.",
])


@pytest.fixture(scope="module")
def story():
    return story_coverage([A, B, C])


def status(res, aid, pos):
    return res["sentences"][(aid, pos)]["coverage"]


def test_paraphrase_is_covered(story):
    assert status(story, "a", 0) == "covered"
    assert status(story, "b", 0) == "covered"
    assert status(story, "a", 1) == "covered"  # "carried a banner into the courtroom gallery"


def test_extra_figure_is_partly(story):
    s = story["sentences"][("a", 2)]
    assert s["coverage"] == "partly"
    assert "$2,000" in s["missing"]


def test_a_name_only_here_is_shown_whole():
    # the words of one name stand together in what only this sentence has ("White House",
    # not "White" and "House"); a word of a name another article has stays apart
    res = story_coverage([
        art("x", ["Trump was frustrated with the border and the caravans, aides said."]),
        art("y", ["Several successors were being discussed at the White House on Sunday, "
                  "Trump aides said."])])
    s = res["sentences"][("y", 0)]
    assert s["coverage"] == "partly"
    assert "White House" in s["missing"]
    assert "White" not in s["missing"] and "House" not in s["missing"]


def test_unrelated_sentence_only_here(story):
    s = story["sentences"][("a", 4)]
    assert s["coverage"] == "only_here"
    assert s["score"] < 0.16


def test_boilerplate_is_none(story):
    assert story["sentences"][("a", 3)] == {"coverage": None, "score": None, "missing": []}


def test_single_article_story_is_none():
    res = story_coverage([A])
    assert all(v["coverage"] is None for v in res["sentences"].values())
    assert res["matches"] == []
    assert story_coverage([]) == {"sentences": {}, "matches": []}


def test_matches_point_to_each_other_article(story):
    m = [x for x in story["matches"] if x[0] == "a" and x[1] == 0]
    others = {x[2] for x in m}
    assert others == {"b", "c"}
    assert ("a", 0, "b", 0) in {x[:4] for x in m}
    assert ("a", 0, "c", 0) in {x[:4] for x in m}
    assert all(0 <= x[4] <= 1 for x in story["matches"])


def test_fact_spread_over_two_sentences_is_covered():
    a = art("x", ["The council approved the harbour bridge plan, which will cost 40 million "
                  "euros and open in 2027."])
    b = art("y", ["The harbour bridge plan was approved by the council on Tuesday.",
                  "It will cost €40m and is due to open in 2027."])
    res = story_coverage([a, b])
    assert status(res, "x", 0) == "covered"
    assert {(x[2], x[3]) for x in res["matches"] if x[0] == "x"} == {("y", 0), ("y", 1)}


def test_no_content_sentence_is_none():
    res = story_coverage([art("x", ["Watch:", "The mayor resigned."]),
                          art("y", ["The mayor resigned on Friday."])])
    assert status(res, "x", 0) is None


def test_figures_normalised():
    keys = {f["key"] for f in figures("It cost $1.5 billion, or 1.5bn dollars.")}
    assert keys == {"$1500000000"}
    assert {f["key"] for f in figures("an eight-month term")} == \
        {f["key"] for f in figures("8 months")}
    assert {f["key"] for f in figures("up 5 per cent")} == {f["key"] for f in figures("5%")}
    assert {f["key"] for f in figures("on Jan. 6")} == {f["key"] for f in figures("January 6")}


# texts for the tokenising shortcuts: ASCII, plain (curly quotes, dashes), and not plain
# (accented letters, a non-ASCII digit, a ligature, a superscript, a non-breaking space)
TOKEN_TEXTS = [
    "Sen. Chuck Schumer's plan, passed 52-48 on Jan. 6, costs $1.5bn (U.S. officials said).",
    "“We won’t stop,” said Mary O’Neil — the mayor – of New York… in 2021’s vote.",
    "Zoë Ångström of Café Müller, São Paulo: 五 dollars, ٣ weeks, ﬁne, x² and 5\xa0% up.",
    "The De La Rosa family met Dr. J. Smith and Ms. van der Berg in St. Louis, Mo. on Monday.",
    "A_b c__d ’tis l’été… “Quote” ½ ⅓ Ⅻ ñ",
    "",
]


def test_tokens_of_plain_texts_as_of_any():
    """``tokens`` splits a plain text (no alphanumeric character outside ASCII) with ASCII
    classes: the same tokens as WORD_RE's Unicode classes."""
    from datasette_media_bias.compare import textnorm

    for text in TOKEN_TEXTS:
        words = textnorm.WORD_RE.findall(text)
        parts, offs = textnorm.tokens(text)
        assert parts[1::2] == words and "".join(parts) == text and offs[-1] == len(text)
        assert textnorm.plain(text) == all(c.isascii() or not c.isalnum() for c in text)
    assert [textnorm.plain(t) for t in TOKEN_TEXTS] == [True, True, False, True, False, True]


def test_name_spans_are_the_kept_runs():
    """``name_spans`` numbers the tokens of the runs ``name_runs`` keeps."""
    from datasette_media_bias.compare.textnorm import name_runs, name_spans, tokens

    for text in TOKEN_TEXTS:
        parts, offs = tokens(text)
        runs = name_runs(text)
        spans = name_spans(text)
        assert len(runs) == len(spans) and (runs or not text)
        for (start, end, words), (a, b, multi) in zip(runs, spans):
            assert (offs[2 * a + 1], offs[2 * b], tuple(parts[2 * a + 1:2 * b:2])) == \
                (start, end, words)
            assert multi == (len(words) >= 2)


def test_entities_link_surname_not_two_full_names():
    t1 = "Sen. Chuck Schumer met Mary Boehner. Mr. Schumer said the Senate would vote."
    t2 = ("Schumer spoke to reporters; later, John Boehner and Mary Boehner arrived. "
          "Boehner left with Schumer.")
    m1, m2 = mentions(t1, []), mentions(t2, [])
    assert {m["key"] for m in m1} >= {"chuck schumer", "schumer", "mary boehner", "senate"}
    assert any(m["key"] == "schumer" for m in m2)  # sentence-initial, capitalised elsewhere
    canon = link_keys({"1": m1, "2": m2})
    assert canon["schumer"] == "chuck schumer"
    assert canon["john boehner"] == "john boehner"
    assert canon["mary boehner"] == "mary boehner"
    assert canon["boehner"] == "boehner"  # two full names share it: left alone
    for m in m1 + m2:
        assert (t1 if m in m1 else t2)[m["start"]:m["end"]] == m["text"]


def test_entities_places_and_organisations_are_no_people():
    t1 = "The United States and Capitol Hill reacted. Lawmakers on Capitol Hill met CNN."
    t2 = "Senator Anne Hill said Hill would vote in Texas. Hill spoke to Fox News."
    m1, m2 = mentions(t1, []), mentions(t2, [])
    kinds = {m["key"]: m["kind"] for m in m1 + m2}
    assert kinds["united states"] == "place" and kinds["capitol hill"] == "place"
    assert kinds["texas"] == "place" and kinds["cnn"] == "organisation"
    assert kinds["anne hill"] == "person"
    canon = link_keys({"1": m1, "2": m2})
    assert canon["hill"] == "anne hill"  # a person's surname, not Capitol Hill's last word


def test_entities_leave_out_words_that_name_nothing():
    text = ("I\u2019m sure, she said. The American and Russian envoys met Sen. Dana Fenwick, "
            "D-Calif., on Tuesday. Tuesday\u2019s report said the Affordable Care Act and "
            "Election Day mattered. The President\u2019s words. Fenwick said I\u2019m leaving.")
    kinds = {m["key"]: m["kind"] for m in mentions(text, [])}
    # no contraction, nationality word, party tag, day or title alone
    assert kinds == {"dana fenwick": "person", "affordable care act": "name",
                     "election day": "name", "fenwick": "name"}
    # the person after titles inside a run; a nationality word last; capitals that name nothing
    text = ("Senate Majority Leader Mitch Connell met Ruritanian President Ivan Petrov and "
            "the Secretary of State. African American voters and North Korean officials were "
            "OK with the CEO on TV. The Supreme Court\u2019s ruling was read out.")
    kinds = {m["key"]: m["kind"] for m in mentions(text, [])}
    assert kinds == {"mitch connell": "person", "ivan petrov": "person",
                     "supreme court": "organisation"}


def test_entities_figures_and_acronyms():
    t1 = "The Federal Aviation Administration grounded the jets, a 12% cut costing $1.5 billion."
    t2 = "The FAA said the move would cost 1.5bn dollars."
    m1, m2 = mentions(t1, []), mentions(t2, [])
    assert any(m["key"] == "$1500000000" and m["kind"] == "amount" for m in m1)
    assert any(m["key"] == "$1500000000" for m in m2)
    assert any(m["key"] == "12%" and m["kind"] == "percent" for m in m1)
    canon = link_keys({"1": m1, "2": m2})
    assert canon["faa"] == "federal aviation administration"
    # a small bare count is no fact to compare; with its unit, or larger, it is
    ms = mentions("Two of them left; 40 stayed and two people were hurt.", [])
    assert [m["key"] for m in ms if m["kind"] == "count"] == ["40", "2 people"]


def test_boilerplate_sentences_skipped_by_mentions():
    text = "Follow Jane Doe on Twitter. Jane Doe won the race."
    sents = [{"position": 0, "start": 0, "end": 27, "is_boilerplate": True},
             {"position": 1, "start": 28, "end": len(text), "is_boilerplate": False}]
    ms = mentions(text, sents)
    assert [m["start"] for m in ms if m["key"] == "jane doe"] == [28]


def test_large_story_is_bounded():
    arts = [art(f"n{i}", [f"Report {j} of desk {i} mentions harbour bridge council vote "
                          f"number {i * 100 + j} and plan {j}." for j in range(20)])
            for i in range(60)]
    t = time.process_time()
    res = story_coverage(arts)
    assert time.process_time() - t < 30
    per_sentence = {}
    for x in res["matches"]:
        per_sentence.setdefault(x[:2], set()).add(x[2])
    assert max(len(v) for v in per_sentence.values()) <= 20


def test_entity_matrix_unique_first():
    per = {"1": mentions("Sen. Chuck Schumer backed the $5 million plan.", []),
           "2": mentions("Mr. Schumer said the plan, costing $5m, passed on Jan. 6.", [])}
    rows = entity_matrix(per)
    assert rows[0]["n_articles"] == 1 and rows[0]["key"] == "date:1-6"
    keys = {r["key"]: r["n_articles"] for r in rows}
    assert keys["chuck schumer"] == 2 and keys["$5000000"] == 2


def test_summary_counts_what_each_article_leaves_out(story):
    statuses = {k: v["coverage"] for k, v in story["sentences"].items() if v["coverage"]}
    summary = article_summary(["a", "b", "c"], statuses, story["matches"])
    a, c = summary["a"], summary["c"]
    assert a["judged"] == 4 and a["only_here"] >= 1 and a["partly"] >= 1
    assert a["others_judged"] == summary["b"]["judged"] + c["judged"]
    # c has two sentences: "Prosecutors had asked for a longer term" is in no other article
    assert 0 < summary["a"]["left_out"] <= a["others_judged"]
    lists = left_out(["a", "b", "c"], statuses, story["matches"])
    assert ("c", 1) in [key for key, _ in lists["a"]]
    assert 0 < len(lists["a"]) <= summary["a"]["left_out"]
    # a story too large for every article to meet every sentence: not counted
    many = [f"x{i}" for i in range(30)]
    assert all(v["left_out"] is None for v in article_summary(many, {}, []).values())


def test_what_two_outlets_both_carry_is_listed_once_as_left_out():
    # b and c report the same fact in their own words; a leaves it out: one entry, not two
    statuses = {("a", 0): "covered", ("b", 0): "covered", ("b", 1): "covered",
                ("c", 0): "covered", ("c", 1): "covered"}
    matches = [("a", 0, "b", 0, 0.9), ("b", 0, "a", 0, 0.9), ("a", 0, "c", 0, 0.9),
               ("c", 0, "a", 0, 0.9), ("b", 0, "c", 0, 0.9), ("c", 0, "b", 0, 0.9),
               ("b", 1, "c", 1, 0.8), ("c", 1, "b", 1, 0.7), ("b", 1, "a", 0, 0.2),
               ("c", 1, "a", 0, 0.1)]
    lists = left_out(["a", "b", "c"], statuses, matches)
    assert lists["a"] == [(("b", 1), 2)]
    assert article_summary(["a", "b", "c"], statuses, matches)["a"]["left_out"] == 2


def test_possessive_splits_a_name():
    keys = [m["key"] for m in mentions("The post on West's Twitter account was deleted.", [])]
    assert keys == ["west", "twitter"]


# --- stored at load, shown on the pages --------------------------------------------------------

def _articles(arts, story="penwick-sentencing"):
    out = []
    for a in arts:
        out.append({"id": a["id"], "outlet": f"Outlet {a['id'].upper()}", "story": story,
                    "title": f"Penwick sentenced ({a['id']})",
                    "text": "\n\n".join(s["text"] for s in a["sentences"])})
    return out


def _write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


@pytest.fixture(scope="module")
def story_db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("coverage")
    db = tmp / "news.db"
    report = load(db, [_write(tmp / "three.jsonl", _articles([A, B, C]) + [
        {"id": "solo", "outlet": "Outlet S", "story": "solo-story", "title": "Alone",
         "text": "The harbour bridge council approved the plan on Tuesday.\n\n"
                 "It will cost 40 million euros."}])], jobs=1)
    assert report.rejected == 0
    return db


def _coverage(db):
    conn = sqlite3.connect(db)
    try:
        return {(r[0], r[1]): r[2:] for r in conn.execute(
            "select article_id, position, coverage, coverage_score, coverage_missing, text "
            "from sentences")}
    finally:
        conn.close()


def test_load_stores_coverage_and_matches(story_db):
    cov = _coverage(story_db)
    by_text = {v[3]: v for v in cov.values()}
    assert by_text[A["sentences"][0]["text"]][0] == "covered"
    partly = by_text[A["sentences"][2]["text"]]
    assert partly[0] == "partly" and "$2,000" in json.loads(partly[2])
    assert by_text[A["sentences"][4]["text"]][0] == "only_here"
    assert by_text["Sign up for our newsletter."][0] is None  # boilerplate
    # a story of one article: nothing is judged
    assert all(v[0] is None for k, v in cov.items() if k[0] == "solo")
    conn = sqlite3.connect(story_db)
    matches = conn.execute("select other_article_id, other_position, score from "
                           "coverage_matches where article_id = 'a' and position = 0").fetchall()
    assert {m[0] for m in matches} == {"b", "c"} and all(0 < m[2] <= 1 for m in matches)
    summary = {r[0]: r[1:] for r in conn.execute(
        "select article_id, judged, only_here, left_out from article_coverage")}
    assert summary["a"][0] == 4 and summary["a"][1] >= 1 and summary["a"][2] > 0
    assert summary["solo"] == (0, 0, 0)  # alone on its story: nothing judged
    # the entities of the story, linked across articles
    ent = dict(conn.execute("select key, entity from entity_mentions where article_id = 'a'"))
    assert ent["penwick"] == "arlo penwick" and ent["$2000"] == "$2000"
    conn.close()


def test_a_new_article_joining_the_story_recomputes_it(tmp_path):
    db = tmp_path / "news.db"
    load(db, [_write(tmp_path / "three.jsonl", _articles([A, B, C]))], jobs=1)
    concert = A["sentences"][4]["text"]
    assert {v[3]: v for v in _coverage(db).values()}[concert][0] == "only_here"
    d = art("d", ["Meanwhile, the orchestra announced a new season of baroque concerts in "
                  "Vienna, its director said.",
                  "Arlo Penwick was sentenced to eight months for the courthouse riot."])
    report = load(db, [_write(tmp_path / "d.jsonl", _articles([d]))], jobs=1)
    assert report.loaded == 1 and "stage:judge_coverage" in report.timings
    cov = _coverage(db)
    assert cov[("a", 4)][0] == "covered"  # the concert sentence is now reported elsewhere
    assert cov[("d", 1)][0] == "covered"
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from article_coverage").fetchone()[0] == 4
    assert conn.execute("select count(*) from coverage_matches where article_id = 'a' "
                        "and position = 4 and other_article_id = 'd'").fetchone()[0] >= 1
    conn.close()
    # re-analysing the articles (their sentences rewritten) judges the story again
    from datasette_media_bias.pipeline import recompute
    recompute(db, everything=True, jobs=1)
    assert _coverage(db) == cov


async def test_story_page_and_json_show_coverage(story_db):
    ds = make_datasette(story_db)
    data = (await ds.client.get("/news/-/media-bias/stories/penwick-sentencing.json")).json()
    cov = data["coverage"]
    assert cov["compared"] and cov["complete"]
    a = cov["by_article"]["a"]
    assert a["summary"]["judged"] == 4
    only = [s["text"] for s in a["only_here"]]
    assert A["sentences"][4]["text"] in only
    partly = [s for s in a["partly"] if "$2,000" in s["missing"]]
    assert partly and partly[0]["evidence"][0]["score"] > 0
    assert partly[0]["evidence"][0]["link"].startswith("/news/-/media-bias/articles/")
    left = a["left_out"]
    assert any(s["article_id"] == "c" and s["position"] == 1 for s in left)
    rows = data["entities"]["rows"]
    assert rows[0]["articles"] == 1  # those only one outlet mentions first
    penwick = [r for r in rows if r["entity"] == "arlo penwick"]
    assert penwick and penwick[0]["articles"] == 3
    html = (await ds.client.get("/news/-/media-bias/stories/penwick-sentencing")).text
    assert 'id="only-here"' in html and 'id="entities"' in html
    assert "Detail only here" in html and "Left out" in html and "$2,000" in html


async def test_one_article_story_claims_nothing(story_db):
    ds = make_datasette(story_db)
    data = (await ds.client.get("/news/-/media-bias/stories/solo-story.json")).json()
    assert data["coverage"]["compared"] is False
    assert data["coverage"]["by_article"]["solo"]["only_here"] == []
    html = (await ds.client.get("/news/-/media-bias/stories/solo-story")).text
    assert "Nothing that the others did not also report" not in html
    assert "Only one independent article covers this story" in html


async def test_outlet_page_coverage_rates(story_db):
    from datasette_media_bias.web.coverage_page import outlet_coverage_rates
    from datasette_media_bias.web.queries import OUTLET_COVERAGE

    conn = sqlite3.connect(story_db)
    conn.row_factory = sqlite3.Row
    row = conn.execute(OUTLET_COVERAGE, {"outlet": "outlet-a"}).fetchone()
    rates = outlet_coverage_rates(dict(row))
    assert rates["judged"] == 4 and 0 < rates["own_information_rate"] <= 1
    assert rates["left_out"] > 0 and 0 < rates["left_out_rate"] <= 1
    assert outlet_coverage_rates(dict(conn.execute(
        OUTLET_COVERAGE, {"outlet": "outlet-s"}).fetchone()))["judged"] == 0
    # the pages read every outlet's rates from one grouped query: the same figures
    from datasette_media_bias.web.queries import OUTLET_COVERAGES
    grouped = {r["outlet"]: dict(r) for r in conn.execute(OUTLET_COVERAGES)}
    for (outlet,) in conn.execute("select id from outlets"):
        one = dict(conn.execute(OUTLET_COVERAGE, {"outlet": outlet}).fetchone())
        assert grouped.get(outlet, {"outlet": outlet}) == {"outlet": outlet, **one} or \
            (outlet not in grouped and one["judged"] is None)
    ds = make_datasette(story_db)
    data = (await ds.client.get("/news/-/media-bias/outlets/outlet-a.json")).json()
    assert data["coverage"]["judged"] == 4
    assert data["coverage"] == rates
    solo = (await ds.client.get("/news/-/media-bias/outlets/outlet-s.json")).json()
    assert solo["coverage"]["available"] and solo["coverage"]["judged"] == 0
    html = (await ds.client.get("/news/-/media-bias/outlets/outlet-a")).text
    assert 'id="coverage-rates"' in html


def test_evaluation_meets_its_targets():
    from datasette_media_bias.evaluation.coverage import coverage_dev

    r = coverage_dev(needs_shared("coverage_dev.jsonl"), needs_shared("articles_dev.jsonl"))
    assert r["new_info_f1"] >= 0.85 and r["new_info_precision"] >= 0.82
    assert r["only_here_precision"] >= 0.70 and r["covered_called_only_here"] <= 0.25


@pytest.mark.parametrize("ahead", [None, 1])
def test_stories_judged_in_worker_processes_store_the_same(tmp_path, monkeypatch, ahead):
    """Judged in worker processes, the stories store what the writer's own judging does; also
    when the workers may run only one story ahead of the writer (they wait for it to take each
    result: between the later stages and at the end)."""
    from datasette_media_bias.pipeline import coverage as stage

    rows = _articles([A, B, C]) + _articles([art("x", ["The harbour bridge plan was approved "
                                                        "by the council on Tuesday."]),
                                              art("y", ["It will cost €40m and is due to open "
                                                        "in 2027, the council said."])],
                                             story="bridge")
    for i in range(9):  # stories of one article: nothing to judge, but written all the same
        rows += _articles([art(f"solo{i}", [f"Item {i} of the council's agenda was deferred."])],
                          story=f"solo-{i}")
    path = _write(tmp_path / "in.jsonl", rows)
    load(tmp_path / "one.db", [path], jobs=1)
    monkeypatch.setattr(stage, "PARALLEL_STORIES", 1)
    if ahead:
        monkeypatch.setattr(stage, "AHEAD_ARTICLES", ahead)
        monkeypatch.setattr(stage, "AHEAD_STORIES", ahead)
    load(tmp_path / "pool.db", [path], jobs=1)

    def stored(db):
        conn = sqlite3.connect(db)
        try:
            return [conn.execute(f"select * from {t} order by 1, 2").fetchall() for t in (
                "coverage_matches", "entity_mentions", "article_coverage")] + [_coverage(db)]
        finally:
            conn.close()

    assert stored(tmp_path / "one.db") == stored(tmp_path / "pool.db")


def test_evaluate_cli_coverage_option(tmp_path):
    import subprocess
    import sys

    rows = _articles([A, B, C])
    arts = _write(tmp_path / "arts.jsonl", rows)
    text_a = rows[0]["text"]
    concert = A["sentences"][4]["text"]
    fine = A["sentences"][0]["text"]

    def label(sentence, gold):
        start = text_a.index(sentence)
        return {"story": "penwick-sentencing", "sid": f"a@{start}-{start + len(sentence)}",
                "label": gold}

    labels = _write(tmp_path / "labels.jsonl", [label(concert, "not_covered"),
                                                 label(fine, "covered")])
    out = subprocess.run([sys.executable, "-m", "datasette_media_bias.cli", "evaluate",
                          "--coverage", str(labels), "--articles", str(arts), "--only",
                          "coverage", "--json"], capture_output=True, text=True, check=True)
    r = json.loads(out.stdout)["coverage"]
    assert r["sentences"] == 2 and r["only_here_precision"] == 1.0
    assert r["covered_called_only_here"] == 0.0 and r["new_info_f1"] == 1.0


async def test_pages_of_a_database_without_coverage_tables(story_db, tmp_path):
    import shutil

    old = tmp_path / "news.db"
    shutil.copy(story_db, old)
    conn = sqlite3.connect(old)
    for table in ("coverage_matches", "article_coverage", "entity_mentions"):
        conn.execute(f"drop table {table}")
    conn.commit()
    conn.close()
    ds = make_datasette(old)
    story = await ds.client.get("/news/-/media-bias/stories/penwick-sentencing")
    assert story.status_code == 200 and "Not computed for this database yet" in story.text
    data = (await ds.client.get("/news/-/media-bias/stories/penwick-sentencing.json")).json()
    assert data["coverage"]["available"] is False
    outlet = await ds.client.get("/news/-/media-bias/outlets/outlet-a")
    assert outlet.status_code == 200 and "Not computed for this database yet" in outlet.text


def test_same_result_whatever_the_hash_seed():
    """Scores sum weights over sets, whose order follows Python's string hashing: summed
    exactly (math.fsum), a load and a rerun in another process agree to the last digit."""
    import os
    import subprocess
    import sys

    words = "harbour bridge council vote plan cost euros open mayor port ferry tunnel".split()
    arts = [art(f"n{i}", [" ".join(words[(i + j) % 12] for j in range(k, k + 6)) + "."
                          for k in range(6)]) for i in range(5)]
    code = ("import json, sys; from datasette_media_bias.compare.coverage import story_coverage;"
            "r = story_coverage(json.load(sys.stdin));"
            "print(json.dumps([sorted((list(k), v['score']) for k, v in r['sentences'].items()),"
            " sorted(r['matches'])]))")
    outs = set()
    for seed in ("1", "2", "3"):
        out = subprocess.run([sys.executable, "-c", code], input=json.dumps(arts), text=True,
                             capture_output=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        outs.add(out)
    assert len(outs) == 1


async def test_story_page_lists_the_first_few_and_the_json_more(tmp_path):
    """Two articles with nothing in common: each sentence is only here. The page lists the
    first PAGE_LIST_LIMIT of each article and says how many there are; the JSON has more."""
    from datasette_media_bias.web.coverage_page import LIST_LIMIT, PAGE_LIST_LIMIT

    places = ["Arbroath", "Brimfield", "Cotswick", "Dunmere", "Elsworth", "Farrowby",
              "Glenhollow", "Harlowe", "Ivybridge", "Jedmoor", "Kestwick", "Lindale", "Marlow",
              "Northam"]
    things = ["lanterns", "tractors", "violins", "kayaks", "orchards", "beehives", "quarries",
              "ferries", "bakeries", "lighthouses", "tramlines", "vineyards", "windmills",
              "observatories"]
    x = [f"The {p} parish bought {n + 2} {t} last winter." for n, (p, t) in
         enumerate(zip(places, things))]
    y = [f"Senator Quill{chr(97 + n)} proposed taxing {t}s in province {n + 40}." for n, t in
         enumerate(["copper", "cobalt", "nickel", "lithium", "zinc", "tin", "bauxite",
                    "graphite", "silver", "platinum", "uranium", "gypsum", "borax", "mica"])]
    db = tmp_path / "news.db"
    load(db, [_write(tmp_path / "two.jsonl", _articles(
        [{"id": "x", "sentences": [{"text": s} for s in x]},
         {"id": "y", "sentences": [{"text": s} for s in y]}], story="unrelated"))], jobs=1)
    ds = make_datasette(db)
    data = (await ds.client.get("/news/-/media-bias/stories/unrelated.json")).json()
    listed = data["coverage"]["by_article"]["x"]["only_here"]
    total = data["coverage"]["by_article"]["x"]["summary"]["only_here"]
    assert PAGE_LIST_LIMIT < len(listed) == min(total, LIST_LIMIT)
    html = (await ds.client.get("/news/-/media-bias/stories/unrelated")).text
    section = html[html.index('id="only-here"'):html.index('id="entities"')]
    shown = [s for s in x if s in section]
    assert len(shown) == PAGE_LIST_LIMIT and shown == [s["text"] for s in listed][:len(shown)]
    assert f"The first {PAGE_LIST_LIMIT} of {total}" in section


def test_headings_and_link_boxes_are_not_judged():
    from datasette_media_bias.analysis.boilerplate import boilerplate_kind
    from datasette_media_bias.compare.coverage import is_heading, story_coverage
    assert is_heading("Contrast In Styles") and is_heading("USA TODAY")
    assert is_heading("Richard Wolf") and not is_heading("Stern denials")
    assert not is_heading("The Senate Voted On Friday.")
    assert boilerplate_kind("More:Senate passes the budget bill after a long night") == \
        "related_link"
    assert boilerplate_kind("Story Continued Below") == "comments"
    assert boilerplate_kind("Enlarge this image toggle caption Jane Roe/AP") == "image_credit"
    assert boilerplate_kind("Updated at 1 p.m. ET") == "byline"
    assert boilerplate_kind("He said:This was the end.") is None
    arts = [{"id": a, "sentences": [
        {"position": 0, "start": 0, "end": 20, "text": "Budget Talks Collapse In Senate",
         "is_boilerplate": False},
        {"position": 1, "start": 21, "end": 80, "text": text, "is_boilerplate": False}]}
        for a, text in (("a", "The Senate budget talks collapsed on Friday after a vote."),
                        ("b", "Budget talks in the Senate collapsed Friday after the vote."))]
    out = story_coverage(arts)["sentences"]
    assert out[("a", 0)]["coverage"] is None and out[("a", 1)]["coverage"] == "covered"


def _wire_story(tmp_path, **more):
    """A database of A's text under two outlets (w1 and its wire copy w2) and B's (w3), each
    row with ``more`` fields (e.g. a given story); (database path, rows)."""
    text = "\n\n".join(s["text"] for s in A["sentences"])
    other = "\n\n".join(s["text"] for s in B["sentences"])
    rows = [{"id": aid, "outlet": outlet, "title": title, "date": "2024-05-07", "text": t,
             **more}
            for aid, outlet, title, t in (
                ("w1", "Wire Service", "Ohio man sentenced for courthouse riot", text),
                ("w2", "Daily Paper", "Ohio man sentenced for courthouse riot", text),
                ("w3", "Outlet B", "Courthouse rioter Penwick gets eight months", other))]
    db = tmp_path / "news.db"
    assert load(db, [_write(tmp_path / "w.jsonl", rows)], jobs=1).rejected == 0
    return db, rows


async def test_a_wire_copy_is_not_independent_coverage(tmp_path):
    """An article and its wire copy (another outlet, the same text) are one source: the copy's
    sentences are not judged, and the original's are judged against the independent articles
    only, so a sentence only the original and its copy carry is only here."""
    db, _ = _wire_story(tmp_path)
    conn = sqlite3.connect(db)
    placed = {r[0]: r[1:] for r in conn.execute("select id, story, copy_of from articles")}
    assert placed["w2"] == (placed["w1"][0], "w1") and placed["w3"] == (placed["w1"][0], None)
    story = placed["w1"][0]
    cov = _coverage(db)
    assert all(v[0] is None for k, v in cov.items() if k[0] == "w2")
    # the orchestra sentence: its copy carries it, no independent article does
    assert cov[("w1", 4)][0] == "only_here" and cov[("w1", 0)][0] == "covered"
    assert conn.execute("select count(*) from coverage_matches where 'w2' in "
                        "(article_id, other_article_id)").fetchone()[0] == 0
    summary = {r[0]: r[1:] for r in conn.execute(
        "select article_id, judged, others_judged, left_out, entities from article_coverage")}
    assert summary["w2"] == (0, 0, None, 0) and summary["w1"][0] == 4
    assert summary["w3"][1] == 4  # the original's sentences, not twice over
    assert conn.execute("select count(*) from entity_mentions where article_id = 'w2'"
                        ).fetchone()[0] == 0
    ds = make_datasette(db)
    data = (await ds.client.get(f"/news/-/media-bias/stories/{story}.json")).json()
    by = data["coverage"]["by_article"]
    assert by["w2"]["copy_of"] == {"article_id": "w1", "outlet": "Wire Service"}
    assert by["w1"]["copy_of"] is None and by["w2"]["left_out"] == []
    assert all("w2" != s["article_id"] for s in by["w3"]["left_out"])
    html = (await ds.client.get(f"/news/-/media-bias/stories/{story}")).text
    assert "A wire copy of <bdi>Wire Service</bdi>'s article" in html
    assert "Wire copy of <bdi>Wire Service</bdi>'s article" in html  # its column, side by side
    # the copy's outlet carries nothing the others lack, and leaves nothing out
    assert conn.execute("select count(*) from article_coverage c join articles a on "
                        "a.id = c.article_id where a.outlet = (select outlet from articles "
                        "where id = 'w2') and c.judged > 0").fetchone()[0] == 0
    conn.close()
    # with the independent article split off into a story of its own, the original and its
    # copy compare nothing
    from datasette_media_bias.pipeline import stories as stage

    stage.correct(db, "split", ["w3"])
    assert all(v[0] is None for k, v in _coverage(db).items() if k[0] in ("w1", "w2"))
    data = (await ds.client.get(f"/news/-/media-bias/stories/{story}.json")).json()
    assert data["coverage"]["compared"] is False


async def test_a_wire_copy_in_a_given_story(tmp_path):
    """Stories given by the input get their wire copies linked too (the grouping links those
    of the automatic stories), and are compared without them; a text with the copy's words
    in another order (a lead as alike, no shared run of five words) is not a copy."""
    from datasette_media_bias.compare.stories import given_story_copies

    db, rows = _wire_story(tmp_path, story="penwick")
    text = rows[0]["text"]
    conn = sqlite3.connect(db)
    assert dict(conn.execute("select id, copy_of from articles")) == {
        "w1": None, "w2": "w1", "w3": None}
    cov = _coverage(db)
    assert all(v[0] is None for k, v in cov.items() if k[0] == "w2")
    assert cov[("w1", 4)][0] == "only_here" and cov[("w1", 0)][0] == "covered"
    # a later load into the story: a copy of the copy is a copy of the original
    shuffled = "\n\n".join(" ".join(reversed(s["text"].split())) for s in A["sentences"])
    later = [{"id": "w4", "outlet": "Radio", "title": rows[0]["title"], "story": "penwick",
              "date": "2024-05-08", "text": text},
             {"id": "w5", "outlet": "Blog", "title": rows[0]["title"], "story": "penwick",
              "date": "2024-05-08", "text": shuffled}]
    assert load(db, [_write(tmp_path / "w2.jsonl", later)], jobs=1).rejected == 0
    assert dict(conn.execute("select id, copy_of from articles where id in ('w4', 'w5')")) == {
        "w4": "w1", "w5": None}
    # the outlet comparisons leave the copies out: no cell, no month, and their pages say so
    outlet = dict(conn.execute("select id, outlet from articles"))
    cells = {o for (o,) in conn.execute("select outlet from outlet_story_means")}
    assert cells == {outlet[a] for a in ("w1", "w3", "w5")}
    assert {o for (o,) in conn.execute("select outlet from outlet_months")} == cells
    conn.close()
    ds = make_datasette(db)
    data = (await ds.client.get(f"/news/-/media-bias/outlets/{outlet['w2']}.json")).json()
    assert data["wire_copies_left_out"] == 1
    html = (await ds.client.get(f"/news/-/media-bias/outlets/{outlet['w2']}")).text
    assert 'id="wire-copies">1 of its articles is a wire copy' in html
    data = (await ds.client.get(f"/news/-/media-bias/outlets/{outlet['w1']}.json")).json()
    assert data["wire_copies_left_out"] == 0
    # a database loaded by an earlier release (no index of the copies): not counted, not shown
    with sqlite3.connect(db) as conn:
        conn.execute("drop index idx_articles_copy_of")
    ds = make_datasette(db)
    data = (await ds.client.get(f"/news/-/media-bias/outlets/{outlet['w2']}.json")).json()
    assert data["wire_copies_left_out"] is None
    assert 'id="wire-copies"' not in (
        await ds.client.get(f"/news/-/media-bias/outlets/{outlet['w2']}")).text
    # regrouping with a copy threshold no text reaches: no copies, every article compared
    from datasette_media_bias.pipeline import stories as stage

    stage.regroup(db, {"copy_threshold": 1.01})
    with sqlite3.connect(db) as conn:
        assert {c for (c,) in conn.execute("select copy_of from articles")} == {None}
    assert any(v[0] for k, v in _coverage(db).items() if k[0] == "w2")
    # the same words in another order: as alike as a copy to the story vectors, not a copy
    arts = [dict(r, story_vector=None) for r in rows[:1] + later[1:]]
    assert given_story_copies(arts, {"copy_threshold": 0.0}) == {"w1": None, "w5": None}
    arts[1]["text"] = text
    assert given_story_copies(arts, {"copy_threshold": 0.0}) == {"w1": None, "w5": "w1"}
