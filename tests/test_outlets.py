"""Outlet comparisons (issue 18): the statistics (paired within story, bootstrap over stories),
the load-time tables (kept up to date incrementally, equal to a full computation), and the
pages, on small corpora loaded by the real loader and on the dev corpus when it is there."""
import json
import random
import shutil
import sqlite3

import numpy as np
import pytest

from conftest import make_datasette, needs_shared
from datasette_media_bias.compare import outlets as S

M = ["x"]


def art(i, story, outlet, x, date="2020-01-01"):
    return {"id": f"a{i}", "story": story, "outlet": outlet, "x": x, "date": date}


# s1: A has two articles (10, 20 -> 15), B 9, C 12;  s2: A 4, B 6;  s3: A alone (7);
# s4: B 1, C 3; plus an article without a story and one without an outlet (both skipped)
ROWS = [
    art(1, "s1", "A", 10, "2020-01-05"), art(2, "s1", "A", 20, "2020-02-01"),
    art(3, "s1", "B", 9, "2020-01-06"), art(4, "s1", "C", 12, "2020-01-07"),
    art(5, "s2", "A", 4, "2020-02-10"), art(6, "s2", "B", 6, "2020-02-11"),
    art(7, "s3", "A", 7, "2020-03-01"),
    art(8, "s4", "B", 1, "2020-03-02"), art(9, "s4", "C", 3, "2020-03-03"),
    art(10, None, "A", 100, "2020-01-01"), art(11, "s1", None, 1000, "2020-01-01"),
    art(12, "s2", "A", None, None),  # NULL metric, undated: counts as an article, no value
]


def cells_of_rows():
    return S.per_story_means(ROWS, M)


@pytest.fixture
def cells():
    return S.per_story_means(ROWS, M)


def test_per_story_means_by_hand(cells):
    assert cells[("s1", "A")] == {"articles": 2, "x": 15.0}
    assert cells[("s2", "A")] == {"articles": 2, "x": 4.0}  # the NULL is left out of the mean
    assert set(cells) == {("s1", "A"), ("s1", "B"), ("s1", "C"), ("s2", "A"), ("s2", "B"),
                          ("s3", "A"), ("s4", "B"), ("s4", "C")}


def test_paired_difference_and_unshared_story_excluded(cells):
    r = S.outlet_vs_others(cells, "A", M, min_ci_stories=2)["x"]
    # s1: 15 - (9 + 12) / 2 = 4.5;  s2: 4 - 6 = -2;  s3 has no other outlet: left out
    assert r["stories"] == 2
    assert r["difference"] == pytest.approx(1.25)
    assert r["outlet_mean_same_stories"] == pytest.approx(9.5)
    assert r["others_mean_same_stories"] == pytest.approx(8.25)
    # two stories: bootstrap means are -2, 1.25, 4.5 with chances 1/4, 1/2, 1/4
    assert r["ci95"] == pytest.approx([-2.0, 4.5])
    b = S.outlet_vs_others(cells, "B", M)["x"]  # (-4.5 + 2 - 2) / 3
    assert b["difference"] == pytest.approx(-1.5) and b["stories"] == 3
    c = S.outlet_vs_others(cells, "C", M)["x"]  # (0 + 2) / 2
    assert c["difference"] == pytest.approx(1.0)


def test_rank_among_other_outlets(cells):
    ranks = {o: S.outlet_vs_others(cells, o, M)["x"] for o in "ABC"}
    assert [ranks[o]["rank"] for o in "ACB"] == [1, 2, 3]
    assert ranks["A"]["ranked_among"] == 3
    assert ranks["A"]["higher_than"] == 2 and ranks["A"]["lower_than"] == 0
    assert "above 2 of the 2 other outlets" in ranks["A"]["rank_text"]


def test_too_few_shared_stories_shows_nothing():
    cells = {("s1", "A"): {"x": 1.0}, ("s1", "B"): {"x": 2.0}, ("s2", "B"): {"x": 3.0},
             ("s2", "C"): {"x": 5.0}, ("s3", "B"): {"x": 3.0}, ("s3", "C"): {"x": 4.0}}
    r = S.outlet_vs_others(cells, "A", M)["x"]
    assert r["stories"] == 1
    assert r["difference"] is None and r["ci95"] is None and r["rank"] is None
    assert "1 story" in r["note"] and "at least 2" in r["note"]
    # A is not counted among the ranked outlets
    assert S.outlet_vs_others(cells, "B", M)["x"]["ranked_among"] == 2


def test_rank_ties_share_the_best_rank():
    vals = {"a": 0.1 + 0.2, "b": 0.3, "c": 0.5, "d": -1.0, "e": None}
    r = S.rank_among_others(vals, "a")
    assert r["rank"] == 2 and r["tied_with"] == 1 and r["ranked_among"] == 4
    assert S.rank_among_others(vals, "b")["rank"] == 2
    assert S.rank_among_others(vals, "d")["rank"] == 4
    assert S.rank_among_others(vals, "e") is None


def test_top_of_five_is_above_all_four_others():
    # the old page: "Outlets with a lower mean: 75% of 4" for the top outlet
    r = S.rank_among_others({"a": 5, "b": 4, "c": 3, "d": 2, "e": 1}, "a")
    assert r["rank"] == 1 and r["higher_than"] == 4 and r["others"] == 4
    assert "higher than 4 of the 4 other outlets" in r["text"]


def test_outlet_vs_outlet_by_hand(cells):
    r = S.outlet_vs_outlet(cells, "A", "B", M, min_ci_stories=2)
    assert r["stories"] == ["s1", "s2"] and r["n"] == 2
    x = r["x"]
    assert x["difference"] == pytest.approx(2.0)  # (15 - 9 + 4 - 6) / 2
    assert x["ci95"] == pytest.approx([-2.0, 6.0])
    assert [d["story"] for d in x["drivers"]] == ["s1", "s2"]
    assert x["drivers"][0] == {"story": "s1", "a": 15.0, "b": 9.0, "difference": 6.0,
                               "contribution": 3.0}
    back = S.outlet_vs_outlet(cells, "B", "A", M, min_ci_stories=2)["x"]
    assert back["difference"] == -x["difference"]
    assert back["ci95"] == [-x["ci95"][1], -x["ci95"][0]]
    assert back["drivers"][0]["a"] == 9.0 and back["drivers"][0]["b"] == 15.0
    # A and C share one story only
    ac = S.outlet_vs_outlet(cells, "A", "C", M)
    assert ac["n"] == 1 and ac["x"]["difference"] is None and ac["x"]["note"]


def test_pair_matrix(cells):
    pm = S.pair_matrix(cells, "x", min_stories=2, min_ci_stories=2)
    assert pm["outlets"] == ["A", "B", "C"]
    assert set(pm["cells"]) == {("A", "B"), ("B", "A"), ("B", "C"), ("C", "B")}
    assert pm["cells"][("B", "C")]["difference"] == pytest.approx(-2.5)  # (9-12 + 1-3) / 2
    assert pm["cells"][("C", "B")]["difference"] == pytest.approx(2.5)
    vs = S.outlet_vs_outlet(cells, "A", "B", M, min_ci_stories=2)["x"]
    assert pm["cells"][("A", "B")]["ci95"] == pytest.approx(vs["ci95"])
    assert S.pair_matrix(cells, "x", min_stories=1)["cells"][("A", "C")]["n"] == 1


def test_ci_contains_difference_and_is_deterministic():
    rng = np.random.default_rng(42)
    d = rng.normal(0.3, 1.0, 40)
    ci = S.bootstrap_ci(d, seed=0)
    assert ci[0] < d.mean() < ci[1]
    assert S.bootstrap_ci(d, seed=0) == ci
    assert S.bootstrap_ci(d, seed=1) != ci
    # about as wide as the normal interval (1.96 * sd / sqrt(n) each side)
    half = 1.96 * d.std(ddof=1) / np.sqrt(len(d))
    assert (ci[1] - ci[0]) / (2 * half) == pytest.approx(1.0, abs=0.15)
    # the same vector gets the same interval alone or in a batch
    batch = S._batch_ci([rng.normal(size=40), list(d), rng.normal(size=7)], 2000, 0)
    assert batch[1] == pytest.approx(ci, rel=1e-12, abs=1e-12)
    # numpy's percentile definition
    means = S._boot_means(np.asarray(d)[None, :], 2000, 0)[0]
    assert ci == pytest.approx(list(np.percentile(means, [2.5, 97.5])), rel=1e-12)


def test_bootstrap_coverage_roughly_95():
    rng = np.random.default_rng(7)
    hits = 0
    for i in range(600):
        d = rng.normal(0.0, 1.0, 30)
        lo, hi = S.bootstrap_ci(d, n_boot=1000, seed=i)
        hits += lo <= 0.0 <= hi
    # the percentile bootstrap runs a little narrow at 30 stories (about 0.93)
    assert 0.90 <= hits / 600 <= 0.97


def test_monthly_by_hand():
    got = S.monthly(ROWS, "A", M)
    assert [r["month"] for r in got] == ["2020-01", "2020-02", "2020-03"]
    jan, feb, mar = got
    assert jan["articles"] == 2 and jan["x"] == pytest.approx(55.0)  # 10 and the story-less 100
    assert jan["x__same_stories"] == pytest.approx(10.0)
    assert jan["x__corpus_same_stories"] == pytest.approx(10.5) and jan["x__stories"] == 1
    assert feb["articles"] == 2 and feb["x"] == pytest.approx(12.0)
    assert feb["x__same_stories"] == pytest.approx(12.0)  # s1: 20, s2: 4
    assert feb["x__corpus_same_stories"] == pytest.approx(8.25)  # s1: 10.5, s2: 6
    assert mar["x__stories"] == 0 and mar["x__corpus_same_stories"] is None


def test_typical_and_extreme_need_three_articles():
    one = [{"id": "a1", "x": 3.0}]
    r = S.typical_and_extreme(one, {"x": 1.0}, M)
    assert r["most_typical"] == [] and r["most_extreme"] == [] and "1 article" in r["note"]
    two = [{"id": "a1", "x": 3.0}, {"id": "a2", "x": 5.0}]
    assert S.typical_and_extreme(two, {"x": 1.0}, M)["most_typical"] == []
    three = [{"id": f"a{i}", "x": v} for i, v in enumerate([1.0, 2.1, 9.0])]
    r = S.typical_and_extreme(three, {"x": 1.0}, M)
    assert [a["id"] for a in r["most_typical"]] == ["a1"]
    assert [a["id"] for a in r["most_extreme"]] == ["a2"]
    many = [{"id": f"a{i}", "x": float(i)} for i in range(10)]
    r = S.typical_and_extreme(many, {"x": 1.0}, M, limit=3)
    assert len(r["most_typical"]) == 3 and len(r["most_extreme"]) == 3
    assert not {a["id"] for a in r["most_typical"]} & {a["id"] for a in r["most_extreme"]}
    assert S.typical_extreme_limit(1) == 0 and S.typical_extreme_limit(5) == 2


def test_no_interval_below_min_ci_stories(cells):
    # by default an interval needs 10 stories: the 2-story bootstrap covers about half the time
    r = S.outlet_vs_others(cells, "A", M)["x"]
    assert r["difference"] == pytest.approx(1.25) and r["ci95"] is None
    assert "no interval" in r["note"] and r["rank"] == 1
    p = S.outlet_vs_outlet(cells, "B", "A", M)["x"]
    assert p["difference"] == pytest.approx(-2.0) and p["ci95"] is None and p["note"]
    pm = S.pair_matrix(cells, "x")
    assert pm["cells"][("B", "A")]["ci95"] is None
    # 12 stories: an interval
    big = {}
    for i in range(12):
        big[(f"s{i}", "P")] = {"x": float(i % 3)}
        big[(f"s{i}", "Q")] = {"x": 0.5}
    r = S.outlet_vs_others(big, "P", M)["x"]
    assert r["stories"] == 12 and r["ci95"][0] < r["difference"] < r["ci95"][1]


def test_ranks_all_at_once_agree_with_one_at_a_time():
    rng = random.Random(5)
    vals = {f"o{i}": round(rng.uniform(-1, 1), 1) for i in range(40)}
    vals["none"] = None
    every = S.ranks(vals)
    assert "none" not in every
    for k in vals:
        one = S.rank_among_others(vals, k)
        if one is None:
            continue
        assert {x: every[k][x] for x in ("rank", "ranked_among", "higher_than", "lower_than",
                                         "tied_with")} == {x: one[x] for x in every[k]}


# --- the tables written at load, on a corpus loaded by the real loader ----------------------------

OUTLETS = ["Quote Post", "Plain Times", "Daily Sample", "The Fixture", "Test Herald"]
TABLES = ("outlet_story_means", "outlet_vs_others", "outlet_pairs", "outlet_months")


def story_corpus(path, stories, seed=3, extra=()):
    """Stories covered by 2-5 of OUTLETS over three months; "Quote Post" always adds a
    quotation, so its quote ratio is higher than the others' on the same stories."""
    from _corpus import sentence

    rng = random.Random(seed)
    rows = []
    for s in stories:
        for o in rng.sample(OUTLETS, rng.randint(2, 5)):
            text = " ".join(sentence(rng) for _ in range(rng.randint(4, 8)))
            if o == "Quote Post":
                text += ' "We will not back down on this plan for the city," the mayor said.'
            rows.append({"id": f"{o.split()[0].lower()}-{s}", "outlet": o, "story": f"s{s:02d}",
                         "title": f"{o} on story {s}", "text": text,
                         "date": f"2024-{1 + s % 3:02d}-{1 + s % 28:02d}"})
    rows += list(extra)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def load(db, *inputs):
    from datasette_media_bias.pipeline import load as _load

    report = _load(db, [str(i) for i in inputs], jobs=1)
    assert report.rejected == 0, [str(p) for p in report.problems]
    return report


def dump(db_path):
    conn = sqlite3.connect(db_path)
    out = {}
    for t in TABLES:
        out[t] = sorted(tuple(round(v, 9) if isinstance(v, float) else v for v in r)
                        for r in conn.execute(f"select * from {t}"))
    conn.close()
    return out


def articles(db_path):
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    cols = ", ".join(S.METRICS)
    rows = [dict(r) for r in conn.execute(f"select id, story, outlet, date, {cols} from articles")]
    conn.close()
    return rows


@pytest.fixture(scope="module")
def small_db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("outlets")
    db = tmp / "small.db"
    load(db, story_corpus(tmp / "in.jsonl", range(24)))
    return db


def test_tables_hold_the_paired_statistics(small_db):
    rows = articles(small_db)
    cells = S.per_story_means(rows)
    vs = S.all_vs_others(cells)
    conn = sqlite3.connect(small_db)
    conn.row_factory = sqlite3.Row
    stored = {(r["outlet"], r["metric"]): dict(r)
              for r in conn.execute("select * from outlet_vs_others")}
    assert {o for o, _ in stored} == {o.lower().replace(" ", "-") for o in OUTLETS}
    for (o, m), r in stored.items():
        want = vs[o][m]
        assert r["stories"] == want["stories"] and r["rank"] == want["rank"]
        assert r["difference"] == pytest.approx(want["difference"])
        ci = want["ci95"] or [None, None]
        assert [r["ci_low"], r["ci_high"]] == pytest.approx(ci)
        assert r["articles"] == sum(1 for a in rows if a["outlet"] == o)
    qp = stored[("quote-post", "quote_ratio")]
    assert qp["difference"] > 0 and qp["rank"] == 1 and qp["ci_low"] > 0  # the quoting outlet
    pairs = S.pair_matrices(cells)
    n = 0
    for r in conn.execute("select * from outlet_pairs"):
        want = pairs[r["metric"]]["cells"][(r["a"], r["b"])]
        assert r["a"] < r["b"] and r["stories"] == want["n"]
        assert r["difference"] == pytest.approx(want["difference"])
        n += 1
    assert n == sum(len(p["cells"]) // 2 for p in pairs.values())
    months = S.monthly_all(rows)
    got = {(r["outlet"], r["month"], r["metric"]): dict(r)
           for r in conn.execute("select * from outlet_months")}
    for o, lst in months.items():
        for mr in lst:
            g = got[(o, mr["month"], "quote_ratio")]
            assert g["mean"] == pytest.approx(mr["quote_ratio"])
            assert g["outlet_same_stories"] == pytest.approx(mr["quote_ratio__same_stories"])
            assert g["others_same_stories"] == pytest.approx(
                mr["quote_ratio__corpus_same_stories"])
    assert {m for _, m, _ in got} == {"2024-01", "2024-02", "2024-03"}


def test_a_later_load_updates_only_what_it_changed_and_equals_a_full_computation(tmp_path):
    from datasette_media_bias.pipeline import outlet_stats, stages

    db = tmp_path / "inc.db"
    load(db, story_corpus(tmp_path / "a.jsonl", range(16)))
    # more stories, some shared with the first load; one article moves story and outlet, one
    # changes its text, one has no story
    b = story_corpus(tmp_path / "b.jsonl", range(12, 26), seed=4, extra=[
        {"id": "moved", "outlet": "Plain Times", "story": "s03", "date": "2024-02-02",
         "text": "The council voted on the budget. Critics slammed the plan."},
        {"id": "loose", "outlet": "Test Herald", "date": "2024-03-03",
         "text": "A text without a story. It is counted by month only."}])
    load(db, b)
    moved = story_corpus(tmp_path / "c.jsonl", [], extra=[
        {"id": "moved", "outlet": "The Fixture", "story": "s20", "date": "2024-02-02",
         "text": "The council voted on the budget again. Critics praised the plan."}])
    report = load(db, moved)
    assert "stage:stage" in report.timings
    incremental = dump(db)
    full = tmp_path / "full.db"
    shutil.copy(db, full)
    conn = sqlite3.connect(full)
    with conn:
        outlet_stats.compute(conn, stages.Changes(everything=True))
    conn.close()
    assert dump(full) == incremental
    # and a small load recomputes only the outlets of the stories it touched
    conn = sqlite3.connect(db)
    with conn:
        done = outlet_stats.compute(conn, stages.Changes(stories={"s20"}))
    conn.close()
    assert 0 < done["outlets"] <= 5 and dump(db) == incremental


async def test_outlet_page_shows_paired_figures(small_db):
    ds = make_datasette(small_db, metadata={})
    data = (await ds.client.get("/small/-/media-bias/outlets/quote-post.json")).json()
    qr = data["paired"]["quote_ratio"]
    assert qr["difference"] > 0 and qr["ci95"][0] > 0 and qr["rank"] == 1
    assert qr["stories"] >= 10 and "1 = largest difference" in qr["rank_text"]
    assert data["paired_method"]["min_ci_stories"] == S.MIN_CI_STORIES
    assert "bootstrap over stories" in data["paired_method"]["interval"]
    assert [m["month"] for m in data["months"]] == ["2024-01", "2024-02", "2024-03"]
    partner = data["shares_most_stories_with"][0]
    assert partner["link"].startswith("/small/-/media-bias/outlets/quote-post/vs/")
    html = (await ds.client.get("/small/-/media-bias/outlets/quote-post")).text
    assert "Against the other outlets, on the same stories" in html
    assert "Outlets with a lower mean" not in html
    assert html.count('class="mb-chart mb-monthly"') == len(S.METRICS)
    assert partner["link"] in html and "/small/-/media-bias/outlet-matrix?metric=" in html
    index = (await ds.client.get("/small/-/media-bias")).text
    assert "/small/-/media-bias/outlet-matrix" in index


async def test_outlet_page_keeps_its_figures_until_the_data_changes(small_db, tmp_path):
    """What the outlet page keeps between requests (the corpus figures, each outlet's most
    typical and most extreme articles, the position charts' dots) serves the pages a new
    instance serves: again, after a load into the database, and after a recompute (which
    rewrites the articles in place)."""
    from datasette_media_bias.analysis.lexicon import Lexicon
    from datasette_media_bias.pipeline.driver import recompute
    from datasette_media_bias.web.state import state

    db = tmp_path / "kept.db"
    shutil.copy(small_db, db)
    ds = make_datasette(db, metadata={})
    urls = [f"/kept/-/media-bias/outlets/{o}{fmt}" for o in ("quote-post", "plain-times")
            for fmt in ("", ".json")]

    async def served(instance=None):
        instance = instance or make_datasette(db, metadata={})  # a new one: nothing kept
        return [(await instance.client.get(u)).text for u in urls]

    first = await served(ds)
    kept = await state(ds).kept(ds.get_database("kept"))
    assert ("typical and extreme", "quote-post") in kept.figures and kept.memo
    assert json.loads(first[1])["most_typical_articles"]
    assert await served(ds) == first == await served()
    load(db, story_corpus(tmp_path / "more.jsonl", range(24, 30), seed=5))
    loaded = await served(ds)
    assert loaded != first and loaded == await served()
    edits = tmp_path / "edits.csv"
    edits.write_text("term,category,source,action\nslammed,,,remove\nradical,,,remove\n"
                     "disaster,,,remove\n", encoding="utf-8")
    recompute(db, Lexicon.load([edits]), jobs=1)
    recomputed = await served(ds)
    assert recomputed != loaded and recomputed == await served()


def test_position_chart_from_its_memo_is_the_same():
    """The outlet page's position charts keep the other outlets' dots by metric and axis: the
    chart drawn from them is the one drawn afresh, for every outlet and interval."""
    from datasette_media_bias.analysis.metrics import COMPARED
    from datasette_media_bias.web import charts

    rng = random.Random(2)
    values = [(f"<o{i}> & co", round(rng.uniform(20, 80), 3)) for i in range(40)]
    values.insert(7, ("none", None))
    memo, calls = {}, 0
    for m in COMPARED[:2]:
        for name, v in values + [("absent", None)]:
            for low, high in ((None, None), (v and v - 2, v and v + 2), (-150.0, 90.0)):
                labels = {}
                assert (charts.position(m, values, name, low, high, labels, memo)
                        == charts.position(m, values, name, low, high))
                calls += 1
    assert len(memo) < calls / 20  # a few axes, each drawn once


async def test_outlet_vs_outlet_page(small_db):
    ds = make_datasette(small_db, metadata={})
    conn = sqlite3.connect(small_db)
    shared = conn.execute(
        "select count(*) from outlet_story_means x join outlet_story_means y "
        "on y.story = x.story where x.outlet = 'quote-post' and y.outlet = 'plain-times'"
    ).fetchone()[0]
    data = (await ds.client.get(
        "/small/-/media-bias/outlets/quote-post/vs/plain-times.json")).json()
    back = (await ds.client.get(
        "/small/-/media-bias/outlets/plain-times/vs/quote-post.json")).json()
    assert data["shared_stories"] == len(data["stories"]) == shared >= 2
    for m in S.METRICS:
        d, r = data["differences"][m], back["differences"][m]
        assert d["difference"] == pytest.approx(-r["difference"])
        assert d["stories"] == shared
        by_hand = [s["a"][m] - s["b"][m] for s in data["stories"]]
        assert d["difference"] == pytest.approx(sum(by_hand) / len(by_hand))
        if d["ci95"]:
            assert d["ci95"] == pytest.approx([-r["ci95"][1], -r["ci95"][0]])
        else:
            assert "no interval" in d["note"]
        assert d["drivers"] and d["drivers"][0]["link"].startswith("/small/-/media-bias/stories/")
    html = (await ds.client.get("/small/-/media-bias/outlets/quote-post/vs/plain-times")).text
    assert "Quote Post</bdi></a> against" in html
    assert 'href="/small/-/media-bias/outlets/quote-post/vs/plain-times.json"' in html
    assert (await ds.client.get(
        "/small/-/media-bias/outlets/quote-post/vs/nope")).status_code == 404


async def test_matrix_page(small_db):
    ds = make_datasette(small_db, metadata={})
    data = (await ds.client.get(
        "/small/-/media-bias/outlet-matrix.json?metric=quote_ratio&top=3")).json()
    assert len(data["rows"]) == 3 and data["metric"]["name"] == "quote_ratio"
    for i, row in enumerate(data["rows"]):
        for j, c in enumerate(row["cells"]):
            other = data["rows"][j]["cells"][i]
            assert (c is None) == (other is None) and (i != j or c is None)
            if c:
                assert c["difference"] == pytest.approx(-other["difference"])
    html = (await ds.client.get("/small/-/media-bias/outlet-matrix?metric=quote_ratio")).text
    assert "Outlet against outlet: Quote ratio" in html
    assert (await ds.client.get(
        "/small/-/media-bias/outlet-matrix?metric=nope")).status_code == 404


async def test_a_database_without_the_outlet_tables(small_db, tmp_path):
    old = tmp_path / "old.db"
    shutil.copy(small_db, old)
    conn = sqlite3.connect(old)
    for t in TABLES:
        conn.execute(f"drop table {t}")
    conn.commit()
    conn.close()
    ds = make_datasette(old, metadata={})
    page = await ds.client.get("/old/-/media-bias/outlets/quote-post")
    assert page.status_code == 200 and "recompute" in page.text
    vs = await ds.client.get("/old/-/media-bias/outlets/quote-post/vs/plain-times")
    assert vs.status_code == 404 and "recompute" in vs.text


# --- the dev corpus (../shared/data), when it is there ---------------------------------------------

@pytest.fixture(scope="module")
def dev_db(tmp_path_factory):
    src = needs_shared("articles_dev.jsonl")
    from datasette_media_bias.pipeline import load as _load

    db = tmp_path_factory.mktemp("dev") / "dev.db"
    _load(db, [str(src)], jobs=2)
    return db


async def test_dev_corpus_fox_news_quote_ratio_paired(dev_db):
    """On the dev corpus Fox News' quote ratio is 0.16 above all articles, but most of that is
    the story mix: against the other outlets on the same 64 stories it is about 0.04 above."""
    ds = make_datasette(dev_db, metadata={})
    data = (await ds.client.get("/dev/-/media-bias/outlets/fox-news.json")).json()
    qr = data["paired"]["quote_ratio"]
    raw_gap = (data["outlet_metrics"]["quote_ratio"]["mean"]
               - data["corpus_metrics"]["quote_ratio"]["mean"])
    assert raw_gap > 0.1
    assert qr["stories"] == 64 and 0.02 < qr["difference"] < 0.06
    assert qr["ci95"][0] > 0 and qr["ci95"][1] < raw_gap
    assert qr["ranked_among"] > 50
    vs = (await ds.client.get(
        "/dev/-/media-bias/outlets/fox-news/vs/new-york-times.json")).json()
    assert vs["shared_stories"] >= 50
    assert all(vs["differences"][m]["ci95"] for m in S.METRICS)
    html = (await ds.client.get("/dev/-/media-bias/outlets/fox-news/vs/new-york-times")).text
    assert "95% interval" in html


def test_placebo_intervals_contain_zero_about_95_percent():
    """The evaluation (media-bias evaluate --outlet-intervals): outlets shuffled within each
    story of the dev corpus differ in nothing, and the intervals say so ~95% of the time."""
    from datasette_media_bias.evaluation import TARGETS
    from datasette_media_bias.evaluation.outlets import outlet_intervals

    r = outlet_intervals(needs_shared("articles_dev.jsonl"), replicates=10)
    assert r["placebo_intervals"] > 500
    assert r["placebo_coverage"] >= TARGETS[("outlet_intervals", "placebo_coverage")][1]
    assert r["observed_excluding_zero"] > r["placebo_false_differences"]


def test_chart_ticks_for_values_equal_up_to_rounding_noise():
    """Means of identical texts differ in the last bits (5.000000000000001, ...002): the axis
    must still end (a step below the ticks' rounding once never got past the first tick, and
    the outlet page hung)."""
    from datasette_media_bias.web.charts import nice_ticks

    assert nice_ticks(5.000000000000001, 5.000000000000002, 4) == [5.0, 5.25, 5.5, 5.75, 6.0]
    assert nice_ticks(3.2, 7.9, 4) == [2, 4, 6, 8]
    assert nice_ticks(-2.5, 2.5) == [-3, -2, -1, 0, 1, 2, 3]
    for lo in (0.1, 7.3, 61.2, 1e6):
        ticks = nice_ticks(lo, lo + lo * 1e-13)
        assert len(ticks) <= 7 and ticks[0] <= lo < ticks[-1]
