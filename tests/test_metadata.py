"""metadata.yml documents every column the loader writes, and its canned queries run."""
import pytest

from conftest import project_metadata
from datasette_media_bias.store import schema

STORY = "kanye-trump-tweets-2018-04"


def test_every_column_is_described():
    tables = project_metadata()["databases"]["news"]["tables"]
    missing = []
    for table, (columns, _) in schema.TABLES.items():
        described = tables.get(table, {}).get("columns", {})
        missing += [f"{table}.{c}" for c in columns if not described.get(c)]
    assert missing == []


def test_no_description_for_a_column_that_does_not_exist():
    tables = project_metadata()["databases"]["news"]["tables"]
    extra = [f"{t}.{c}" for t, meta in tables.items() for c in meta.get("columns", {})
             if c not in schema.TABLES.get(t, ({}, None))[0]]
    assert extra == []


def test_title_licence_and_source():
    meta = project_metadata()
    assert meta["title"] and meta["license"] and meta["source"]


@pytest.mark.parametrize("name", list(project_metadata()["databases"]["news"]["queries"]))
async def test_canned_query_runs(ds, name):
    response = await ds.client.get(f"/news/{name}.json",
                                   params={"story": STORY, "_shape": "array"})
    assert response.status_code == 200, response.text
    rows = response.json()
    assert rows, f"{name} returned no rows for the demo corpus"
