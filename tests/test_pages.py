"""The comparison pages and their JSON twins, through Datasette's own test client."""
import pytest

STORY = "kanye-trump-tweets-2018-04"
PAGES = [
    "/-/media-bias",
    "/news/-/media-bias",
    f"/news/-/media-bias/stories/{STORY}",
    "/news/-/media-bias/articles/003_643a257d1eaeb7dc",
    "/news/-/media-bias/outlets/mirror",
]


@pytest.mark.parametrize("path", PAGES)
async def test_page_and_json_twin(ds, path):
    html = await ds.client.get(path)
    assert html.status_code == 200, html.text[:500]
    assert html.headers["content-type"].startswith("text/html")
    assert "media-bias.css" in html.text
    twin = await ds.client.get(path + ".json")
    assert twin.status_code == 200
    assert twin.headers["content-type"].startswith("application/json")
    assert f'href="{path}.json"' in html.text  # every page links its JSON twin


async def test_databases_json(ds):
    data = (await ds.client.get("/-/media-bias.json")).json()
    assert data == {"databases": [{"database": "news", "articles": 5, "outlets": 4,
                                   "stories": 2, "url": "/news/-/media-bias"}]}


async def test_index_lists_stories_with_outlet_counts(ds):
    data = (await ds.client.get("/news/-/media-bias.json")).json()
    assert data["stories_total"] == 2
    first = data["stories"][0]
    assert first["id"] == STORY and first["outlets"] == 4 and first["articles"] == 4
    assert first["url"] == f"/news/-/media-bias/stories/{STORY}"
    assert first["json_url"] == f"/news/-/media-bias/stories/{STORY}.json"
    found = (await ds.client.get("/news/-/media-bias.json?q=lunch")).json()
    assert [s["id"] for s in found["stories"]] == ["kanye-white-house-lunch-2018-10"]
    paged = (await ds.client.get("/news/-/media-bias.json?_size=1")).json()
    assert len(paged["stories"]) == 1 and paged["next_url"].endswith("page=2")


async def test_story_json_shape_and_values(ds, seeds_db):
    import sqlite3
    import statistics

    data = (await ds.client.get(f"/news/-/media-bias/stories/{STORY}.json")).json()
    assert data["story"]["id"] == STORY
    assert data["story"]["articles"] == 4 and data["story"]["outlets"] == 4
    names = [m["name"] for m in data["metrics"]]
    assert names[:5] == ["flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog",
                         "smog_index", "dale_chall_readability_score"]
    conn = sqlite3.connect(seeds_db)
    by_outlet = {a["outlet"]["name"]: a for a in data["articles"]}
    assert set(by_outlet) == {"ET Online", "Mirror", "Global News", None}
    for a in data["articles"]:
        assert set(a["links"]) >= {"page", "json", "sentences", "outlet", "original"}
        for name in names:
            m = a["metrics"][name]
            stored = conn.execute(f"select [{name}] from articles where id = ?",
                                  [a["id"]]).fetchone()[0]
            assert m["article"] == pytest.approx(stored)
            values = sorted(v for (v,) in conn.execute(
                f"select [{name}] from sentences where article_id = ? and is_boilerplate = 0 "
                f"and [{name}] is not null", [a["id"]]))
            assert sorted(m["sentence_values"]) == pytest.approx(values)
            spread = m["sentences"]
            assert spread["n"] == len(values)
            assert spread["min"] == values[0] and spread["max"] == values[-1]
            assert spread["median"] == pytest.approx(statistics.median(values))
            q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
            assert spread["q1"] == pytest.approx(q1) and spread["q3"] == pytest.approx(q3)
            assert spread["mean"] == pytest.approx(statistics.fmean(values))
            others = [o["metrics"][name]["article"] for o in data["articles"] if o is not a]
            assert m["vs_others"] == pytest.approx(m["article"] - sum(others) / len(others))


async def test_story_html_shows_each_outlet_with_spread_and_charts(ds):
    html = (await ds.client.get(f"/news/-/media-bias/stories/{STORY}")).text
    for outlet in ("ET Online", "Mirror", "Global News", "Unidentified outlet"):
        assert outlet in html
    # one distribution chart per metric, but SMOG's (defined over 30 sentences: its spread over
    # sentences means nothing, and the page says why instead)
    assert html.count('class="mb-chart"') == 6 and 'data-metric="smog_index"' in html
    assert '<figure class="mb-chart" data-metric="smog_index"' not in html
    assert "no sentence spread (SMOG needs 30 sentences)" in html
    assert "vs others" in html and "median" in html
    assert "/news/sentences?article_id=000_5f7206a3b60f1c06" in html


async def test_article_json_has_text_sentences_quotes_and_words(ds):
    data = (await ds.client.get("/news/-/media-bias/articles/003_643a257d1eaeb7dc.json")).json()
    text = data["article"]["text"]
    assert data["article"]["outlet"] == "global-news"
    for s in data["sentences"]:
        assert text[s["start"]:s["end"]] == s["text"]
    assert data["quotes"] and all(text[q["start"]:q["end"]] == q["text"] for q in data["quotes"])
    assert all(text[w["start"]:w["end"]].lower().replace("’", "'") == w["term"]
               for w in data["loaded_words"])


async def test_outlet_json(ds):
    data = (await ds.client.get("/news/-/media-bias/outlets/et-online.json")).json()
    assert data["outlet"] == {"id": "et-online", "name": "ET Online", "domain": "etonline.com",
                              "articles": 1, "labels": []}
    assert data["corpus_metrics"]["flesch_reading_ease"]["n"] == 5
    assert data["articles"][0]["links"]["story"] == f"/news/-/media-bias/stories/{STORY}"


@pytest.mark.parametrize("path", [
    "/news/-/media-bias/stories/no-such-story",
    "/news/-/media-bias/articles/nope.json",
    "/news/-/media-bias/outlets/nope",
    "/nodb/-/media-bias",
])
async def test_missing_things_are_404(ds, path):
    assert (await ds.client.get(path)).status_code == 404


async def test_keys_with_special_characters(tmp_path):
    from datasette_media_bias.pipeline import load
    from datasette.utils import tilde_encode
    from conftest import make_datasette

    src = tmp_path / "a.jsonl"
    src.write_text('{"id": "baly:a/b.c d", "outlet": "Fox News (Online)", "story": "s.1 x", '
                   '"text": "One sentence here. Another one there."}\n')
    load(tmp_path / "odd.db", [src], jobs=1)
    ds = make_datasette(tmp_path / "odd.db")
    index = (await ds.client.get("/odd/-/media-bias.json")).json()
    story_url = index["stories"][0]["url"]
    assert story_url == "/odd/-/media-bias/stories/" + tilde_encode("s.1 x")
    story = (await ds.client.get(story_url + ".json")).json()
    article_url = story["articles"][0]["links"]["page"]
    assert (await ds.client.get(article_url + ".json")).json()["article"]["id"] == "baly:a/b.c d"
    # plain %-encoding works too
    assert (await ds.client.get("/odd/-/media-bias/articles/baly%3Aa%2Fb.c%20d.json")
            ).status_code == 200
    assert (await ds.client.get(story["articles"][0]["links"]["outlet"])).status_code == 200


async def test_menu_and_actions_link_to_the_pages(ds):
    home = (await ds.client.get("/")).text
    assert 'href="/-/media-bias"' in home
    db_page = (await ds.client.get("/news")).text
    assert 'href="/news/-/media-bias"' in db_page
    table = (await ds.client.get("/news/sentences?article_id=003_643a257d1eaeb7dc")).text
    assert 'href="/news/-/media-bias/articles/003_643a257d1eaeb7dc"' in table
    articles = (await ds.client.get(f"/news/articles?story={STORY}")).text
    assert f'href="/news/-/media-bias/stories/{STORY}"' in articles
    unrelated = (await ds.client.get("/news/lexicon")).text
    assert "Compare outlets by story" not in unrelated


async def test_story_most_loaded_sentences_are_in_the_outlets_own_voice(ds, seeds_db):
    import sqlite3

    data = (await ds.client.get(f"/news/-/media-bias/stories/{STORY}.json")).json()
    conn = sqlite3.connect(seeds_db)
    found = 0
    for article_id, sentences in data["most_loaded_sentences"].items():
        assert len(sentences) <= 3
        counts = [s["loaded_words_own_voice"] for s in sentences]
        assert counts == sorted(counts, reverse=True)
        for s in sentences:
            found += 1
            assert len(s["words"]) == s["loaded_words_own_voice"] > 0
            for w in s["words"]:
                assert s["text"][w["start"]:w["end"]].lower().replace("’", "'") == w["term"]
            in_quote = conn.execute(
                "select count(*) from loaded_word_occurrences where article_id = ? and "
                "start >= ? and [end] <= ? and in_quote = 1 and weight > 0 and story_word = 0",
                [article_id, s["start"], s["start"] + len(s["text"])]).fetchone()[0]
            assert len(s["words"]) + in_quote == conn.execute(
                "select loaded_words from sentences where article_id = ? and position = ?",
                [article_id, s["position"]]).fetchone()[0]
    assert found > 0


async def test_story_who_each_outlet_quotes(ds, seeds_db):
    import sqlite3

    data = (await ds.client.get(f"/news/-/media-bias/stories/{STORY}.json")).json()
    conn = sqlite3.connect(seeds_db)
    total = sum(c["quotes"] for sp in data["speakers"] for c in sp["by_article"].values())
    assert total == conn.execute(
        "select count(*) from quotes q join articles a on a.id = q.article_id "
        "where a.story = ? and q.kind = 'direct'", [STORY]).fetchone()[0]
    named = [sp["speaker"] for sp in data["speakers"] if sp["speaker"]]
    assert "Donald Trump" in named and "Kanye West" in named  # canonical speakers
    html = (await ds.client.get(f"/news/-/media-bias/stories/{STORY}")).text
    assert "Who each outlet quotes" in html


async def test_story_shared_quotes_show_wording_differences(ds):
    data = (await ds.client.get(f"/news/-/media-bias/stories/{STORY}.json")).json()
    groups = data["shared_quotes"]
    assert isinstance(data["story"]["key_terms"], list)  # a list, not a JSON string
    # "Thank you Kanye, very cool!" is quoted by every outlet on the story
    thanks = [g for g in groups if any("very cool" in v["text"] for v in g["versions"])]
    assert thanks and thanks[0]["articles"] == 4
    # the canonical speaker (the outlets write "Trump"), linked to the speaker page
    assert thanks[0]["speaker"] == "Donald Trump" and thanks[0]["speaker_id"]
    assert thanks[0]["link"] == f"/news/-/media-bias/speakers/{thanks[0]['speaker_id']}"
    assert {v["speaker"] for v in thanks[0]["versions"]} == {"Donald Trump"}
    assert any(g["wording_differs"] for g in groups)
    for g in groups:
        assert g["articles"] >= 2
        for v in g["versions"]:
            rebuilt = "".join(p["text"] for p in v["diff"] if p["op"] != "delete")
            assert rebuilt == v["text"]
    html = (await ds.client.get(f"/news/-/media-bias/stories/{STORY}")).text
    assert "Quotes several outlets share" in html and "<del>" in html
    assert f'<a href="{thanks[0]["link"]}">Donald Trump</a></strong>, quoted by 4 outlets' in html


async def test_story_coverage_differences(ds):
    data = (await ds.client.get(f"/news/-/media-bias/stories/{STORY}.json")).json()
    by_article = data["coverage"]["by_article"]  # stored at load (tests/test_coverage.py)
    assert set(by_article) == {a["id"] for a in data["articles"]}
    # only Global News reports John Legend's private text messages
    legend = [s for s in by_article["003_643a257d1eaeb7dc"]["only_here"] if "Legend" in s["text"]]
    assert legend
    for found in by_article.values():
        for s in found["only_here"]:
            assert s["score"] < data["coverage"]["thresholds"]["only_here"]
            assert all(e["score"] < 0.45 for e in s["evidence"])
    html = (await ds.client.get(f"/news/-/media-bias/stories/{STORY}")).text
    assert "What only one outlet reported" in html


async def test_outlet_position_uncertainty_and_extremes(ds):
    data = (await ds.client.get("/news/-/media-bias/outlets/global-news.json")).json()
    fre = data["outlet_metrics"]["flesch_reading_ease"]
    assert fre["n"] == 1 and fre["ci95"] is None  # one article: no interval
    assert 0 <= fre["percentile"] <= 100 and fre["outlets_compared"] == 4
    assert len(data["outlet_means"]) == 4
    # one article: no "most typical" / "most extreme" (they would name the same article)
    assert data["most_typical_articles"] == data["most_extreme_articles"] == []
    assert "need at least 3" in data["typical_note"]
    html = (await ds.client.get("/news/-/media-bias/outlets/global-news")).text
    assert html.count('class="mb-chart"') == 7
    assert "Most typical" in html and "need at least 3" in html
    assert "Outlets with a lower mean" not in html


async def test_article_page_marks_words_quotes_and_boilerplate(ds):
    html = (await ds.client.get("/news/-/media-bias/articles/003_643a257d1eaeb7dc")).text
    assert 'class="mb-loaded mb-cat-' in html
    assert 'class="mb-quote mb-speaker-0"' in html
    assert "mb-sent mb-boilerplate" in html  # READ MORE lines and tweet URLs are dimmed
    assert 'id="s0"' in html and 'id="row-s0"' in html


async def test_concurrent_first_requests_compute_the_corpus_figures_once(seeds_db):
    import asyncio

    from conftest import make_datasette

    ds = make_datasette(seeds_db)  # a new instance: its caches start empty
    db = ds.get_database("news")
    calls = []
    original = db.execute_fn

    async def counting(fn):
        calls.append(fn)
        return await original(fn)

    db.execute_fn = counting
    try:
        responses = await asyncio.gather(*[ds.client.get("/news/-/media-bias.json")
                                           for _ in range(8)])
    finally:
        db.execute_fn = original
    assert all(r.status_code == 200 for r in responses)
    corpus = [fn for fn in calls if "unlimited_rows" in fn.__qualname__]
    assert len(corpus) == 4  # summary, outlet means, story list, counts: once, not 8 times


def test_page_data_is_built_without_datasette(seeds_db):
    """The story page's data comes from a pure function of its query rows: run the same
    queries with sqlite3 and build it with plain links."""
    import sqlite3

    from datasette_media_bias.web import pages, queries
    from datasette_media_bias.web.links import Links

    class Urls:  # what Links needs of datasette.urls
        def path(self, p, format=None):
            return p + (f".{format}" if format else "")

        def table(self, db, table):
            return f"/{db}/{table}"

        def row(self, db, table, pk):
            return f"/{db}/{table}/{pk}"

    conn = sqlite3.connect(seeds_db)
    conn.row_factory = sqlite3.Row
    story = conn.execute("select story from articles where story is not null").fetchone()[0]
    params = {"story": story}

    def q(sql, extra=None):
        return [dict(r) for r in conn.execute(sql, {**params, **(extra or {})})]

    data = pages.story_page("news", Links(Urls(), "news"), q(queries.STORY)[0],
                            q(queries.STORY_ARTICLES),
                            q(queries.STORY_SENTENCES), q(queries.STORY_MOST_LOADED, {"top": 3}),
                            q(queries.STORY_QUOTES), q(queries.STORY_SPEAKERS))
    assert data["story"]["articles"] == len(data["articles"]) >= 2
    assert data["articles"][0]["links"]["page"].startswith("/news/-/media-bias/articles/")
    charts = pages.story_charts(data)
    assert {c["metric"] for c in charts} == {m["name"] for m in data["metrics"]
                                             if not m["sentence_spread_note"]}


# --- right on first use (issue 18) -------------------------------------------------------------

async def test_a_one_outlet_story_does_not_speak_of_others(ds):
    html = (await ds.client.get("/news/-/media-bias/stories/kanye-white-house-lunch-2018-10")).text
    assert "Nothing that the others did not also report" not in html
    assert "no other outlet" in html.lower()  # it says there are no others to compare with
    html = (await ds.client.get(f"/news/-/media-bias/stories/{STORY}")).text
    assert "no other outlet to compare" not in html.lower()


def test_fallback_titles_end_at_a_word():
    from datasette_media_bias.web.pages import fallback_title

    text = ("Kanye West has a lot of fans, and one of them is Donald Trump, who said the rapper "
            "would come out and appear at a rally")
    title = fallback_title(text)
    assert title.endswith("\u2026") and len(title) <= 91
    assert text.startswith(title[:-1]) and text[len(title) - 1] == " "  # cut before a space
    assert fallback_title("Short and whole.") == "Short and whole."
    assert fallback_title("x" * 300) == "x" * 90 + "\u2026"


async def test_untitled_articles_get_a_fallback_title_cut_at_a_word(ds):
    story = (await ds.client.get(f"/news/-/media-bias/stories/{STORY}.json")).json()
    untitled = [a for a in story["articles"] if a["untitled"]]
    assert untitled, "the demo corpus has an untitled article"
    for a in untitled:
        art = (await ds.client.get(f"/news/-/media-bias/articles/{a['id']}.json")).json()
        prose = " ".join(art["article"]["text"].split())
        for title in (a["title"], art["article"]["display_title"]):
            assert title.endswith("\u2026") or prose.startswith(title)
            if title.endswith("\u2026"):
                assert prose.startswith(title[:-1]) and prose[len(title) - 1] == " "



def test_month_axis_labels_never_overlap():
    # months a few apart at the end of the axis ("2019-02" beside "2019-03") and a long span
    from datasette_media_bias.web.outlet_pages import month_charts

    months = ["2010-06", "2011-12", "2013-05", "2014-06", "2015-06", "2017-05", "2018-11",
              "2019-01", "2019-02", "2019-03"]
    fig = {"mean": 50.0, "outlet_same_stories": 50.0, "others_same_stories": 48.0,
           "articles": 1, "stories": 1}
    charts = month_charts({"months": [{"month": m, "flesch_reading_ease": fig}
                                      for m in months]})
    ticks = charts[0]["xticks"]
    assert ticks[0]["label"] == "2010-06" and ticks[-1]["label"] == "2019-03"
    assert len(ticks) >= 4  # more than the two ends

    def extent(t):  # a label is ~50 px wide at the chart's font size
        return {"start": (t["x"], t["x"] + 50), "end": (t["x"] - 50, t["x"]),
                "middle": (t["x"] - 25, t["x"] + 25)}[t["anchor"]]
    spans = sorted(extent(t) for t in ticks)
    assert all(a[1] < b[0] for a, b in zip(spans, spans[1:])), ticks
