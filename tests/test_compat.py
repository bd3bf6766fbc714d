"""The same behaviour on Datasette 0.65 and 1.0 (web/compat.py), the plugin configuration
(web/access.py Settings) and long texts cut in Datasette's table views."""
import pytest
from datasette.app import Datasette

from conftest import make_datasette
from datasette_media_bias.web import access, compat

STORY = "kanye-trump-tweets-2018-04"


def one_x() -> bool:
    return compat.is_1x(Datasette([]))


def configured(db_path, plugin: dict, **kwargs):
    """Datasette with the plugin configured where each line reads it: datasette.yaml (config=)
    on 1.0, metadata on 0.65."""
    block = {"plugins": {access.PLUGIN: plugin}}
    if one_x():
        return make_datasette(db_path, config=block, metadata={}, **kwargs)
    return make_datasette(db_path, metadata=block, **kwargs)


def test_is_1x_matches_the_installed_datasette():
    from datasette.version import __version__

    assert one_x() == (int(__version__.split(".")[0]) >= 1)


def test_settings_defaults_and_errors():
    assert access.parse_settings(None) == access.Settings()
    s = access.parse_settings({"databases": "news", "page_size": 10})
    assert s.databases == ("news",) and s.page_size == 10 and s.truncate_text == 300
    for bad, word in [({"page_size": 0}, "page_size"), ({"page_size": "ten"}, "page_size"),
                      ({"truncate_text": -1}, "truncate_text"), ({"databases": [1]}, "databases"),
                      ({"colour": "red"}, "colour"), (["x"], "mapping")]:
        with pytest.raises(ValueError) as e:
            access.parse_settings(bad)
        assert word in str(e.value) and "\n" not in str(e.value)


async def test_bad_configuration_stops_the_server_saying_why(seeds_db):
    ds = configured(seeds_db, {"page_size": "many"})
    with pytest.raises(ValueError, match="page_size"):
        await ds.invoke_startup()


async def test_menu_and_actions_on_this_line(ds):
    home = await ds.client.get("/")
    assert home.status_code == 200
    assert "/-/media-bias" in home.text
    table = await ds.client.get("/news/articles")
    assert table.status_code == 200, table.text[:300]
    database = await ds.client.get("/news")
    assert database.status_code == 200
    assert "/news/-/media-bias" in database.text


async def test_databases_setting_limits_the_pages(seeds_db):
    ds = configured(seeds_db, {"databases": ["elsewhere"]})
    assert (await ds.client.get("/news/-/media-bias")).status_code == 404
    assert (await ds.client.get("/-/media-bias.json")).json()["databases"] == []
    assert "/news/-/media-bias" not in (await ds.client.get("/news")).text
    ds = configured(seeds_db, {"databases": ["news"]})
    assert (await ds.client.get("/news/-/media-bias.json")).status_code == 200


async def test_page_size_and_most_loaded_settings(seeds_db):
    default = make_datasette(seeds_db)
    story = (await default.client.get(f"/news/-/media-bias/stories/{STORY}.json")).json()
    assert max(len(v) for v in story["most_loaded_sentences"].values()) > 1
    ds = configured(seeds_db, {"page_size": 1, "most_loaded_per_article": 1})
    index = (await ds.client.get("/news/-/media-bias.json")).json()
    assert len(index["stories"]) == 1
    story = (await ds.client.get(f"/news/-/media-bias/stories/{STORY}.json")).json()
    assert max(len(v) for v in story["most_loaded_sentences"].values()) == 1
    page = (await ds.client.get(f"/news/-/media-bias/stories/{STORY}")).text
    assert "Up to 1 sentences per article" in page


async def _article_text(ds):
    rows = (await ds.client.get("/news/articles.json", params={
        "_shape": "array", "_col": "text", "_sort": "id", "_size": 1})).json()
    return rows[0]["id"], rows[0]["text"]


@pytest.mark.parametrize("limit", [300, 40])
async def test_long_texts_cut_in_table_views_only(seeds_db, limit):
    ds = configured(seeds_db, {"truncate_text": limit})
    article_id, text = await _article_text(ds)
    assert len(text) > limit + 100
    table = (await ds.client.get("/news/articles", params={"_sort": "id", "_size": 1})).text
    assert f"cut to {limit:,} of {len(text):,} characters" in table
    row = (await ds.client.get(f"/news/articles/{article_id}")).text
    assert "cut to" not in row
    assert text[-60:].split("\n")[-1][:30].replace("'", "&#39;").replace('"', "&#34;") in row
    sentences = (await ds.client.get("/news/sentences", params={"_size": 5})).text
    assert sentences.count("cut to") <= 5


async def test_a_database_block_overrides_the_instance(seeds_db):
    block = {"plugins": {access.PLUGIN: {"page_size": 1}},
             "databases": {"news": {"plugins": {access.PLUGIN: {"most_loaded_per_article": 2}}}}}
    ds = make_datasette(seeds_db, **({"config": block, "metadata": {}} if one_x()
                                     else {"metadata": block}))
    assert access.settings(ds, "news") == access.Settings(page_size=1, most_loaded_per_article=2)
    assert access.settings(ds, "other") == access.Settings(page_size=1)


async def test_truncate_zero_shows_texts_whole(seeds_db):
    ds = configured(seeds_db, {"truncate_text": 0})
    table = (await ds.client.get("/news/articles", params={"_size": 1})).text
    assert "cut to" not in table
