"""Full-text search (FTS5 on articles(title, text) and sentences(text)): built at the end of
a first load, kept in step on reload and recompute, found by Datasette's own ?_search= and by
the story index search."""
import json
import sqlite3

import pytest

from conftest import make_datasette

ARTICLES = [
    {"id": "p1", "outlet": "Example News", "story": "plane-crash", "story_title": "A crash",
     "title": "Jet down after take-off",
     "text": "An airliner of Ethiopian Airlines crashed minutes after take-off. "
             "\u201cWe are devastated,\u201d the carrier said. Investigators arrived on Monday."},
    {"id": "p2", "outlet": "Other Times", "story": "plane-crash", "story_title": "A crash",
     "title": "Families wait for news",
     "text": "Relatives gathered at the airport in Addis Ababa. The cause is not yet known."},
    {"id": "b1", "outlet": "Example News", "story": "city-budget", "story_title": "Budget vote",
     "title": "Council passes budget",
     "text": "The council voted for the budget on Tuesday. Critics called it reckless."},
    {"id": "b2", "outlet": "Other Times", "story": "city-budget", "story_title": "Budget vote",
     "title": "Budget approved",
     "text": "A narrow vote approved the city budget. The mayor praised the result."},
]


def write(path, articles):
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


def integrity(db, table):
    conn = sqlite3.connect(db)
    try:
        conn.execute(f"insert into [{table}_fts]([{table}_fts], rank) values ('integrity-check', 1)")
    finally:
        conn.close()


def matches(db, table, query):
    conn = sqlite3.connect(db)
    try:
        return sorted(r[0] for r in conn.execute(
            f"select t.rowid from [{table}_fts] f join [{table}] t on t.rowid = f.rowid "
            f"where [{table}_fts] match ?", [query]))
    finally:
        conn.close()


@pytest.fixture
def fts_db(tmp_path):
    from datasette_media_bias.pipeline import load

    db = tmp_path / "any-name.db"
    report = load(db, [write(tmp_path / "a.jsonl", ARTICLES)], jobs=1)
    assert report.loaded == 4
    return db


def test_first_load_builds_both_indexes(fts_db):
    from datasette.utils import detect_fts

    conn = sqlite3.connect(fts_db)
    assert detect_fts(conn, "articles") == "articles_fts"
    assert detect_fts(conn, "sentences") == "sentences_fts"
    conn.close()
    integrity(fts_db, "articles")
    integrity(fts_db, "sentences")
    assert len(matches(fts_db, "articles", "ethiopian")) == 1
    assert len(matches(fts_db, "sentences", "devastated")) == 1


def test_reload_and_recompute_keep_the_indexes_in_step(fts_db, tmp_path):
    from datasette_media_bias.pipeline import load, recompute

    changed = [dict(a) for a in ARTICLES]
    changed[2]["text"] = "The council rejected the budget on Tuesday. Supporters were furious."
    changed[2]["title"] = "Council rejects budget"
    load(fts_db, [write(tmp_path / "b.jsonl", changed)], jobs=1)
    integrity(fts_db, "articles")
    integrity(fts_db, "sentences")
    assert matches(fts_db, "articles", "reckless") == []
    assert matches(fts_db, "sentences", "reckless") == []
    assert len(matches(fts_db, "articles", "rejects")) == 1
    assert len(matches(fts_db, "sentences", "furious")) == 1
    recompute(fts_db, everything=True, jobs=1)
    integrity(fts_db, "sentences")
    assert len(matches(fts_db, "sentences", "furious")) == 1
    conn = sqlite3.connect(fts_db)
    n_sentences = conn.execute("select count(*) from sentences").fetchone()[0]
    n_indexed = conn.execute("select count(*) from sentences_fts").fetchone()[0]
    assert n_indexed == n_sentences


def test_old_database_gets_the_indexes(fts_db, tmp_path):
    """A database built before FTS existed gets it at its next load or recompute."""
    import sqlite_utils

    from datasette_media_bias.pipeline import recompute

    db = sqlite_utils.Database(fts_db)
    db["articles"].disable_fts()
    db["sentences"].disable_fts()
    db.conn.close()
    recompute(fts_db, jobs=1)
    integrity(fts_db, "articles")
    assert len(matches(fts_db, "articles", "ethiopian")) == 1


@pytest.mark.parametrize("table,word,expected", [("articles", "ethiopian", 1),
                                                  ("sentences", "devastated", 1)])
async def test_datasette_search_parameter(fts_db, table, word, expected):
    ds = make_datasette(fts_db, metadata={})
    data = (await ds.client.get(f"/any-name/{table}.json",
                                params={"_search": word, "_shape": "objects"})).json()
    assert len(data["rows"]) == expected
    everything = (await ds.client.get(f"/any-name/{table}.json",
                                      params={"_shape": "objects"})).json()
    assert len(everything["rows"]) > expected


@pytest.mark.parametrize("q,expected", [("Ethiopia", ["plane-crash"]),  # a word of an article
                                        ("Addis Ababa", ["plane-crash"]),
                                        ("budget", ["city-budget"]),  # the title, as before
                                        ('"unbalanced OR NEAR(', []),  # FTS syntax is text
                                        ("nothing-like-this", [])])
async def test_story_index_finds_stories_by_their_articles_words(fts_db, q, expected):
    ds = make_datasette(fts_db, metadata={})
    data = (await ds.client.get("/any-name/-/media-bias.json", params={"q": q})).json()
    assert [s["id"] for s in data["stories"]] == expected
    assert data["stories_total"] == len(expected)


# a third story, of three outlets, one of whose articles speaks of a budget
STORM = [
    {"id": "s1", "outlet": "Example News", "story": "storm-warning",
     "story_title": "Storm on the coast", "title": "Storm hits",
     "text": "A storm reached the coast on Friday. The emergency budget was spent in a day."},
    {"id": "s2", "outlet": "Other Times", "story": "storm-warning",
     "story_title": "Storm on the coast", "title": "Winds",
     "text": "Winds of a hundred miles an hour hit the U.S. coast."},
    {"id": "s3", "outlet": "Third Post", "story": "storm-warning",
     "story_title": "Storm on the coast", "title": "Schools shut",
     "text": "Schools closed as the storm arrived."},
]


@pytest.fixture
def search_db(tmp_path):
    from datasette_media_bias.pipeline import load

    db = tmp_path / "any-name.db"
    report = load(db, [write(tmp_path / "a.jsonl", ARTICLES + STORM)], jobs=1)
    assert report.loaded == 7
    return db


EVERY_STORY = [("storm-warning", 3, 3), ("city-budget", 2, 2), ("plane-crash", 2, 2)]


@pytest.mark.parametrize("q,expected", [
    ("budget", [("storm-warning", 3, 3), ("city-budget", 2, 2)]),  # words, then title
    ("BUDGET", [("storm-warning", 3, 3), ("city-budget", 2, 2)]),
    ("crash", [("plane-crash", 2, 2)]),  # title (and words: crashed)
    ("a crash", [("plane-crash", 2, 2)]),
    ("plane-cr", [("plane-crash", 2, 2)]),  # a piece of the story key only
    ("Addis Ababa", [("plane-crash", 2, 2)]),  # words only
    ("Friday coast", [("storm-warning", 3, 3)]),  # several words of one article
    ("Friday schools", []),  # ... not spread over two articles
    ("%", EVERY_STORY),  # LIKE's wildcard, as typed: every title
    ("hurricane", []),
    ("U.S.", [("storm-warning", 3, 3)]),
    ("hundr", [("storm-warning", 3, 3)]),  # a prefix of a word...
    ("hu", []),  # ... of three letters at least (pages.MIN_PREFIX)
])
async def test_story_search_by_title_key_and_words_with_counts(search_db, q, expected):
    """A search finds a story by its title, by its key and by its articles' words, lists it
    with all its articles and outlets (not only those that matched), most articles first."""
    ds = make_datasette(search_db, metadata={})
    data = (await ds.client.get("/any-name/-/media-bias.json", params={"q": q})).json()
    assert [(s["id"], s["articles"], s["outlets"]) for s in data["stories"]] == expected
    assert data["stories_total"] == len(expected) and data["next_url"] is None
    html = await ds.client.get("/any-name/-/media-bias", params={"q": q})
    assert html.status_code == 200, html.text[:500]
    assert all(f"/stories/{story}" in html.text for story, _, _ in expected)


async def test_story_search_pages(search_db):
    ds = make_datasette(search_db, metadata={})
    seen = []
    for page in (1, 2, 3):
        data = (await ds.client.get("/any-name/-/media-bias.json",
                                    params={"q": "%", "_size": 1, "page": page})).json()
        assert data["stories_total"] == 3
        assert (data["next_url"] is None) == (page == 3)
        seen += [(s["id"], s["articles"], s["outlets"]) for s in data["stories"]]
    assert seen == EVERY_STORY
    past = (await ds.client.get("/any-name/-/media-bias.json",
                                params={"q": "%", "_size": 1, "page": 4})).json()
    assert past["stories"] == [] and past["stories_total"] == 3


async def test_story_search_follows_a_load(search_db, tmp_path):
    """What a search maps articles to stories with is kept per state of the data: a load
    that adds an article (to a new story, or to a story found before) shows at once."""
    from datasette_media_bias.pipeline import load

    ds = make_datasette(search_db, metadata={})

    async def found(q):
        data = (await ds.client.get("/any-name/-/media-bias.json", params={"q": q})).json()
        return [(s["id"], s["articles"]) for s in data["stories"]]

    assert await found("volcano") == []
    assert await found("budget") == [("storm-warning", 3), ("city-budget", 2)]
    load(search_db, [write(tmp_path / "more.jsonl", [
        {"id": "v1", "outlet": "Example News", "story": "volcano", "story_title": "Eruption",
         "title": "Ash cloud", "text": "The volcano erupted at dawn."},
        {"id": "b3", "outlet": "Third Post", "story": "city-budget", "story_title": "Budget vote",
         "title": "Budget, again", "text": "The volcano of spending goes on."}])], jobs=1)
    assert await found("volcano") == [("city-budget", 3), ("volcano", 1)]
    assert await found("budget") == [("city-budget", 3), ("storm-warning", 3)]


async def test_story_search_without_the_full_text_index(search_db):
    """A database without the articles' full-text index (loaded by an older release) is
    searched by titles and keys."""
    import sqlite_utils

    db = sqlite_utils.Database(search_db)
    db["articles"].disable_fts()
    db.conn.close()
    ds = make_datasette(search_db, metadata={})
    for q, expected in [("budget", ["city-budget"]), ("plane-cr", ["plane-crash"]),
                        ("Addis", [])]:
        response = await ds.client.get("/any-name/-/media-bias.json", params={"q": q})
        assert response.status_code == 200, response.text[:500]
        assert [s["id"] for s in response.json()["stories"]] == expected


@pytest.mark.parametrize("q,expected", [
    ("Ethiopia", '"Ethiopia"*'),
    ("police shooting", '"police"* "shooting"*'),
    ('"nuclear option" OR', '"nuclear"* "option"* "OR"'),  # operators and quotes are text
    ("U.S.", '"U.S."'),  # its last token, s, is too short to be a prefix
    ("Trump's tax", "\"Trump's\" \"tax\"*"),
    ("gun", '"gun"*'),
    ("the border wall", '"the" "border"* "wall"*'),  # a function word is no prefix
    ("( - *", ""),
])
def test_fts_query(q, expected):
    from datasette_media_bias.web.pages import fts_query

    assert fts_query(q) == expected


@pytest.mark.parametrize("rowids", [[1, 2, 3, 4], [1, 2, 10**12], [-5, 2, 3, 4]])
def test_story_places_dense_or_sparse(rowids):
    """Articles map to their story's place by rowid (an array; a dict when rowids are sparse
    or negative); an article of no listed story, or unknown, maps to none."""
    from datasette_media_bias.web.pages import search_results, story_places

    stories = [{"id": "big", "articles": 2}, {"id": "small", "articles": 1}]
    places = story_places(stories, [
        {"article_rowid": rowids[0], "story": "small"},
        {"article_rowid": rowids[1], "story": "big"},
        {"article_rowid": rowids[2], "story": "big"},
        *[{"article_rowid": r, "story": "no-such-story"} for r in rowids[3:]]])
    assert places.of_articles([rowids[0]]) == {1}
    assert places.of_articles(rowids + [7, 10**13, -1]) == {0, 1}

    def ids(titled, found_rowids, offset=0, size=10):
        page, total = search_results(stories, places, titled, found_rowids, offset, size)
        return [s["id"] for s in page], total

    assert ids([], [rowids[0]]) == (["small"], 1)
    assert ids(["small"], [rowids[2]]) == (["big", "small"], 2)
    assert ids(["small", "gone"], [rowids[2]], offset=1, size=1) == (["small"], 2)
    assert ids([], []) == ([], 0)


@pytest.mark.parametrize("table,search,expected", [
    ("articles", "Ethiopian Airlines", 1),  # several words: all of them
    ("articles", "airport Ababa", 1),
    ("articles", "take-off", 1),  # inner punctuation: Datasette makes it a phrase
    ("sentences", "carrier said", 1),
    ("sentences", "take-off", 1),
    ("sentences", "Monday Tuesday", 0),  # both words, not either
])
async def test_datasette_search_multi_word_and_phrases(fts_db, table, search, expected):
    """Datasette quotes every word of ?_search=; a word with inner punctuation becomes a phrase
    query, which FTS5 refuses with detail=none or detail=column: hence detail=full."""
    ds = make_datasette(fts_db, metadata={})
    response = await ds.client.get(f"/any-name/{table}.json",
                                   params={"_search": search, "_shape": "objects"})
    assert response.status_code == 200, response.text
    assert len(response.json()["rows"]) == expected


def test_updates_of_other_columns_leave_the_index_alone(fts_db):
    """The stages update articles and sentences (story, coverage...): the update triggers fire
    only for the indexed columns."""
    conn = sqlite3.connect(fts_db)
    triggers = dict(conn.execute("select name, sql from sqlite_master where type = 'trigger' "
                                 "and name like '%\\_au' escape '\\'"))
    conn.close()
    assert "update of [title], [text] on [articles]" in triggers["articles_au"]
    assert "update of [text] on [sentences]" in triggers["sentences_au"]


def test_a_build_cut_short_is_built_again(fts_db, monkeypatch):
    """The indexes are filled in steps, one transaction each, and get their triggers last: a
    load killed half way through leaves an index without triggers, which the next run builds
    again from the start (not left half full)."""
    import sqlite_utils

    from datasette_media_bias.pipeline import recompute
    from datasette_media_bias.store import schema

    db = sqlite_utils.Database(fts_db)
    for suffix in ("ai", "ad", "au"):
        db.execute(f"drop trigger [sentences_{suffix}]")
    db.execute("delete from sentences_fts_data where id > 10")  # half an index, say
    db.conn.commit()
    db.conn.close()
    monkeypatch.setattr(schema, "FTS_STEP_CHARS", 50)  # a step per few sentences
    steps = []
    real = schema.create_fts
    monkeypatch.setattr(schema, "create_fts",
                        lambda db, between=None: real(db, lambda: steps.append(1)))
    recompute(fts_db, jobs=1)
    assert len(steps) > 3
    integrity(fts_db, "sentences")
    assert len(matches(fts_db, "sentences", "devastated")) == 1
    conn = sqlite3.connect(fts_db)
    assert conn.execute("select count(*) from sentences_fts").fetchone()[0] == \
        conn.execute("select count(*) from sentences").fetchone()[0]
    assert {r[0] for r in conn.execute("select name from sqlite_master where type = 'trigger'"
                                       " and tbl_name = 'sentences'")} == {
        "sentences_ai", "sentences_ad", "sentences_au"}


def test_the_writer_writes_between_the_steps_of_the_build(tmp_path, monkeypatch):
    """A first load builds the indexes in a thread beside the stages, in steps: the stages'
    writes go in between (a stage that writes finishes before the build does), and the
    result is whole."""
    import threading
    import time

    from datasette_media_bias.pipeline import load, stages
    from datasette_media_bias.store import schema

    monkeypatch.setattr(schema, "FTS_STEP_CHARS", 40)
    log = []  # ("fts", thread name) after each step; ("stage", name) when a stage is done
    real = schema.create_fts

    def create_fts(db, between=None):
        def step():
            log.append(("fts", threading.current_thread().name))
            time.sleep(0.05)
            between()
        return real(db, step)

    monkeypatch.setattr(schema, "create_fts", create_fts)

    def logged(stage):
        def run(db, changes, report):
            out = stage(db, changes, report)
            log.append(("stage", stage.__name__))
            return out
        run.__name__ = stage.__name__
        return run

    monkeypatch.setattr(stages, "STAGES", [logged(s) for s in stages.STAGES])
    db = tmp_path / "steps.db"
    report = load(db, [write(tmp_path / "a.jsonl", ARTICLES)], jobs=1)
    assert report.loaded == 4
    kinds = [kind for kind, _ in log]
    assert kinds.count("fts") > 5 and kinds.count("stage") == len(stages.STAGES)
    # the grouping stage wrote its stories and finished while the build was still going
    assert log.index(("stage", "group_stories")) < len(kinds) - 1 - kinds[::-1].index("fts")
    assert {name for kind, name in log if kind == "fts"} == {"media-bias-beside"}
    integrity(db, "articles")
    integrity(db, "sentences")
    assert len(matches(db, "sentences", "devastated")) == 1


def test_a_failed_stage_stops_the_build_and_the_next_run_finishes_it(tmp_path, monkeypatch):
    import time

    from datasette_media_bias.pipeline import load, stages
    from datasette_media_bias.store import schema

    monkeypatch.setattr(schema, "FTS_STEP_CHARS", 40)
    steps = []
    real = schema.create_fts

    def create_fts(db, between=None):
        def step():
            steps.append(1)
            time.sleep(0.05)
            between()
        return real(db, step)

    monkeypatch.setattr(schema, "create_fts", create_fts)

    def broken(db, changes, report):
        raise RuntimeError("a stage failed")

    monkeypatch.setattr(stages, "STAGES", [stages.STAGES[0], broken])
    db = tmp_path / "stopped.db"
    with pytest.raises(RuntimeError, match="a stage failed"):
        load(db, [write(tmp_path / "a.jsonl", ARTICLES)], jobs=1)
    assert steps  # it had started
    conn = sqlite3.connect(db)
    triggers = {r[0] for r in conn.execute("select name from sqlite_master where type = "
                                           "'trigger' and tbl_name = 'sentences'")}
    conn.close()
    assert not triggers  # the build did not finish: it stopped at its next step
    monkeypatch.undo()
    load(db, [write(tmp_path / "a.jsonl", ARTICLES)], jobs=1)  # the stages run again
    integrity(db, "articles")
    integrity(db, "sentences")
    assert len(matches(db, "sentences", "devastated")) == 1
