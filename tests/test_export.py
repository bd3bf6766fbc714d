"""CSV and JSON for every table a comparison page shows, linked from the page, with the page's
own figures and permissions."""
import csv
import html
import io

import pytest

from conftest import make_datasette
from datasette_media_bias.web import export

STORY = "/news/-/media-bias/stories/kanye-trump-tweets-2018-04"
ARTICLE = "/news/-/media-bias/articles/003_643a257d1eaeb7dc"
OUTLET = "/news/-/media-bias/outlets/mirror"
PAGES = [STORY, ARTICLE, OUTLET, "/news/-/media-bias"]


def expected(value):
    return "" if value is None else str(int(value) if isinstance(value, bool) else value)


@pytest.mark.parametrize("page", PAGES)
async def test_every_table_as_csv_and_json(ds, page):
    data = (await ds.client.get(page + ".json")).json()
    tables = export.page_tables(data)
    assert [n for n, rows in tables.items() if rows], "no table found on " + page
    for name, rows in tables.items():
        as_json = await ds.client.get(page + ".json", params={"_table": name})
        assert as_json.status_code == 200, (name, as_json.text[:200])
        body = as_json.json()
        assert body["table"] == name
        assert body["rows"] == rows
        as_csv = await ds.client.get(page + ".csv", params={"_table": name})
        assert as_csv.status_code == 200
        assert as_csv.headers["content-type"].startswith("text/csv")
        got = list(csv.DictReader(io.StringIO(as_csv.text)))
        assert len(got) == len(rows), name
        if rows:
            assert list(got[0]) == body["columns"]
            for key, value in rows[0].items():
                assert got[0][key] == expected(value), (name, key)


@pytest.mark.parametrize("page,tables", [
    (STORY, {"articles", "speakers", "shared_quotes", "most_loaded_sentences"}),
    (ARTICLE, {"sentences", "quotes", "loaded_words"}),
    (OUTLET, {"articles", "outlet_means"}),
])
async def test_page_links_its_tables(ds, page, tables):
    text = html.unescape((await ds.client.get(page)).text)
    for table in tables:
        assert f'href="{page}.csv?_table={table}"' in text, table
        assert f'href="{page}.json?_table={table}"' in text, table


async def test_story_outlet_rows_carry_the_page_figures(ds):
    page = (await ds.client.get(STORY + ".json")).json()
    rows = (await ds.client.get(STORY + ".json", params={"_table": "articles"})).json()["rows"]
    assert [r["id"] for r in rows] == [a["id"] for a in page["articles"]]
    for r, a in zip(rows, page["articles"]):
        for name, v in a["metrics"].items():
            assert r[f"metrics__{name}__article"] == v["article"]


async def test_most_loaded_sentences_keep_their_article(ds):
    page = (await ds.client.get(STORY + ".json")).json()
    rows = (await ds.client.get(STORY + ".json",
                                params={"_table": "most_loaded_sentences"})).json()["rows"]
    assert len(rows) == sum(len(v) for v in page["most_loaded_sentences"].values())
    assert {r["key"] for r in rows} <= set(page["most_loaded_sentences"])


async def test_unknown_or_missing_table_is_404_naming_the_tables(ds):
    missing = await ds.client.get(STORY + ".csv")
    assert missing.status_code == 404
    unknown = await ds.client.get(STORY + ".csv", params={"_table": "nope"})
    assert unknown.status_code == 404
    assert "speakers" in unknown.text


async def test_private_database_keeps_its_tables_private(seeds_db):
    ds = make_datasette(seeds_db, config={"databases": {"news": {"allow": {"id": "editor"}}}}) \
        if _datasette_1() else make_datasette(seeds_db, metadata={
            "databases": {"news": {"allow": {"id": "editor"}}}})
    for path in (STORY + ".csv?_table=articles", ARTICLE + ".json?_table=sentences"):
        assert (await ds.client.get(path)).status_code == 403, path
        cookie = {"ds_actor": ds.sign({"a": {"id": "editor"}}, "actor")}
        assert (await ds.client.get(path, cookies=cookie)).status_code == 200, path


def test_shapes_of_tables():
    data = {"rows": [{"a": 1, "b": {"c": 2}, "d": [1, 2], "e": [{"f": 1}]}],
            "by_key": {"x": [{"a": 1}], "y": [{"a": 2}, {"a": 3}]},
            "by_metric": {"m1": {"v": 1}, "m2": {"v": 2}},
            "nested": {"list": [{"a": 1}], "note": "text"},
            "words": ["plain", "values"], "title": "not a table"}
    tables = export.page_tables(data)
    assert set(tables) == {"rows", "by_key", "by_metric", "nested.list"}
    assert tables["rows"] == [{"a": 1, "b__c": 2, "d": "1; 2", "e": '[{"f": 1}]'}]
    assert [r["key"] for r in tables["by_key"]] == ["x", "y", "y"]
    assert tables["by_metric"] == [{"key": "m1", "v": 1}, {"key": "m2", "v": 2}]
    text = export.to_csv([{"a": True, "b": None, "c": "=1+1"}])
    assert text.splitlines() == ["a,b,c", "1,,=1+1"]


async def test_sql_url_works_on_both_lines(ds):
    """compat.sql_url: Datasette's arbitrary-SQL export (/db.csv?sql= on 0.65,
    /db/-/query.csv?sql= on 1.0)."""
    from datasette_media_bias.web import compat

    url = compat.sql_url(ds, "news", "select count(*) as n from articles", fmt="json")
    assert (await ds.client.get(url + "&_shape=array")).json() == [{"n": 5}]
    csv_url = compat.sql_url(ds, "news", "select count(*) as n from articles", fmt="csv")
    assert (await ds.client.get(csv_url)).text.splitlines() == ["n", "5"]


def _datasette_1():
    from datasette_media_bias.web.compat import is_1x
    from datasette.app import Datasette

    return is_1x(Datasette([]))
