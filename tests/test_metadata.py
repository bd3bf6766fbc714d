"""The plugin's own metadata (plugin/media_bias_metadata.yml) documents every column the loader
writes; any database with media-bias tables, whatever its name, gets the descriptions, facets
and stored queries, on Datasette 0.65 and on 1.0; metadata.yml is the demo's (title, licence,
source); the stored queries run."""
import shutil
import sqlite3

import pytest
from markupsafe import escape

from conftest import project_metadata
from datasette_media_bias.store import schema
from datasette_media_bias.web import compat
from datasette_media_bias.web import metadata as mb_metadata

STORY = "kanye-trump-tweets-2018-04"
SUPPLIED = mb_metadata.supplied()


def described_tables() -> dict:
    """The table and column descriptions: the plugin's packaged file, nothing else."""
    return SUPPLIED["tables"]


def test_every_column_is_described():
    tables = described_tables()
    missing = []
    for table, (columns, _) in schema.TABLES.items():
        described = tables.get(table, {}).get("columns", {})
        missing += [f"{table}.{c}" for c in columns if not described.get(c)]
    assert missing == []


def test_every_table_is_described():
    assert [t for t in schema.TABLES if not described_tables().get(t, {}).get("description")] \
        == []


def test_no_description_for_a_column_that_does_not_exist():
    extra = [f"{t}.{c}" for t, meta in described_tables().items()
             for c in meta.get("columns", {}) if c not in schema.TABLES.get(t, ({}, None))[0]]
    assert extra == []


def test_facets_name_real_columns():
    for table, meta in SUPPLIED["tables"].items():
        for column in meta.get("facets", []):
            assert column in schema.TABLES[table][0], f"{table}.{column}"


def test_title_licence_and_source():
    meta = project_metadata()
    assert meta["title"] and meta["license"] and meta["source"]
    # the demo's metadata only: the descriptions and queries come with the plugin
    assert "databases" not in meta


@pytest.mark.parametrize("name", list(SUPPLIED["queries"]))
async def test_canned_query_runs(ds, name):
    response = await ds.client.get(f"/news/{name}.json",
                                   params={"story": STORY, "_shape": "array"})
    assert response.status_code == 200, response.text
    rows = response.json()
    assert rows, f"{name} returned no rows for the demo corpus"


def serve(paths, **kwargs):
    """Datasette over several files, with no metadata of the project's."""
    from datasette.app import Datasette

    kwargs.setdefault("metadata", {})
    return Datasette([str(p) for p in paths], **kwargs)


@pytest.fixture(scope="module")
def other_db(seeds_db, tmp_path_factory):
    """The demo corpus under another file name, next to a database without media-bias tables."""
    folder = tmp_path_factory.mktemp("other")
    path = folder / "coverage_2024.db"
    shutil.copy(seeds_db, path)
    plain = folder / "plain.db"
    conn = sqlite3.connect(plain)
    conn.execute("create table articles (id integer primary key, title text)")
    conn.commit()
    conn.close()
    return path, plain


async def test_any_database_name_gets_descriptions_and_queries(other_db):
    other, plain = other_db
    ds = serve([other, plain])
    page = await ds.client.get("/coverage_2024/articles")
    assert page.status_code == 200
    for table in ("articles", "sentences", "outlets"):
        html = (await ds.client.get(f"/coverage_2024/{table}")).text
        assert str(escape(SUPPLIED["tables"][table]["description"])) in html, table
        for column, description in list(SUPPLIED["tables"][table]["columns"].items())[:5]:
            assert str(escape(description)) in html, (table, column)
    database_page = (await ds.client.get("/coverage_2024")).text
    for name, query in SUPPLIED["queries"].items():
        assert str(escape(query["title"])) in database_page, name
        response = await ds.client.get(f"/coverage_2024/{name}.json",
                                       params={"story": STORY, "_shape": "array"})
        assert response.status_code == 200, (name, response.text[:300])
        assert response.json(), name
    # a database without the tables gets nothing
    plain_page = await ds.client.get("/plain/articles")
    assert plain_page.status_code == 200
    assert str(escape(SUPPLIED["tables"]["articles"]["description"])) not in plain_page.text
    first = next(iter(SUPPLIED["queries"]))
    assert (await ds.client.get(f"/plain/{first}.json")).status_code == 404


async def test_default_facets_on_articles(other_db):
    other, _ = other_db
    ds = serve([other])
    data = (await ds.client.get("/coverage_2024/articles.json",
                                params={"_extra": "facet_results"})).json()
    facets = data["facet_results"]
    facets = facets.get("results", facets)  # 1.0 nests them under "results"
    assert set(SUPPLIED["tables"]["articles"]["facets"]) <= set(facets)


async def test_users_metadata_wins(other_db):
    other, _ = other_db
    mine = "My own words about the title."
    ds = serve([other], metadata={"databases": {"coverage_2024": {"tables": {
        "articles": {"columns": {"title": mine}}}}}})
    page = (await ds.client.get("/coverage_2024/articles")).text
    assert mine in page
    assert str(escape(SUPPLIED["tables"]["articles"]["columns"]["url"])) in page


async def test_users_stored_query_of_the_same_name_wins(other_db):
    other, _ = other_db
    name = next(iter(SUPPLIED["queries"]))
    mine = {"databases": {"coverage_2024": {"queries": {name: {"sql": "select 42 as answer"}}}}}
    if compat.is_1x(serve([other])):
        ds = serve([other], config=mine)
    else:
        ds = serve([other], metadata=mine)
    rows = (await ds.client.get(f"/coverage_2024/{name}.json", params={"_shape": "array"})).json()
    assert rows == [{"answer": 42}]


async def test_private_database_stays_private_with_the_supplied_queries(other_db):
    other, _ = other_db
    private = {"databases": {"coverage_2024": {"allow": {"id": "editor"}}}}
    if compat.is_1x(serve([other])):
        ds = serve([other], config=private)
    else:
        ds = serve([other], metadata=private)
    name = next(iter(SUPPLIED["queries"]))
    paths = ["/coverage_2024", "/coverage_2024/articles", f"/coverage_2024/{name}?story={STORY}",
             "/coverage_2024/-/media-bias", f"/coverage_2024/-/media-bias/stories/{STORY}"]
    for path in paths:
        assert (await ds.client.get(path)).status_code == 403, path
    cookie = {"ds_actor": ds.sign({"a": {"id": "editor"}}, "actor")}
    for path in paths:
        assert (await ds.client.get(path, cookies=cookie)).status_code == 200, path
