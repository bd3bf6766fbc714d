"""Datasette's permissions and base_url hold on every plugin page and JSON twin."""
import pytest

from conftest import make_datasette, project_metadata

PATHS = [
    "/news/-/media-bias",
    "/news/-/media-bias/stories/kanye-trump-tweets-2018-04",
    "/news/-/media-bias/articles/003_643a257d1eaeb7dc",
    "/news/-/media-bias/outlets/mirror",
]


def private(meta_patch):
    meta = project_metadata()
    meta.setdefault("databases", {}).setdefault("news", {}).update(meta_patch)
    return meta


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("fmt", ["", ".json"])
async def test_private_database_stays_private(seeds_db, path, fmt):
    ds = make_datasette(seeds_db, metadata=private({"allow": {"id": "editor"}}))
    anon = await ds.client.get(path + fmt)
    assert anon.status_code == 403
    cookie = {"ds_actor": ds.sign({"a": {"id": "editor"}}, "actor")}
    ok = await ds.client.get(path + fmt, cookies=cookie)
    assert ok.status_code == 200


async def test_private_database_is_not_listed(seeds_db):
    ds = make_datasette(seeds_db, metadata=private({"allow": {"id": "editor"}}))
    data = (await ds.client.get("/-/media-bias.json")).json()
    assert data["databases"] == []


async def test_private_articles_table_hides_the_pages(seeds_db):
    meta = project_metadata()
    news = meta.setdefault("databases", {}).setdefault("news", {})
    news.setdefault("tables", {}).setdefault("articles", {})["allow"] = {"id": "editor"}
    ds = make_datasette(seeds_db, metadata=meta)
    assert (await ds.client.get(PATHS[1] + ".json")).status_code == 403


async def test_pages_need_no_execute_sql(seeds_db):
    meta = project_metadata()
    meta["allow_sql"] = {"id": "nobody"}
    ds = make_datasette(seeds_db, metadata=meta)
    for path in PATHS:
        assert (await ds.client.get(path + ".json")).status_code == 200


async def test_base_url_is_respected(seeds_db):
    ds = make_datasette(seeds_db, settings={"base_url": "/prefix/"})
    data = (await ds.client.get("/news/-/media-bias.json")).json()
    assert data["stories"][0]["url"].startswith("/prefix/news/-/media-bias/stories/")
    html = (await ds.client.get(PATHS[1])).text
    assert 'href="/prefix/news/-/media-bias/articles/' in html
    assert 'href="/news/-/media-bias' not in html
