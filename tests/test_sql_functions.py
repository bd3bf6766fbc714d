"""SQL functions registered with prepare_connection, used through Datasette's JSON API."""
import pytest
import textstat

TEXT = "The senator slammed the bizarre plan. “It is a disaster,” she said."


async def sql(ds, query, **params):
    r = await ds.client.get("/news.json", params={"sql": query, "_shape": "array", **params})
    assert r.status_code == 200, r.text
    return r.json()


@pytest.mark.parametrize("name", ["flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog",
                                  "smog_index", "dale_chall_readability_score"])
async def test_readability_functions_equal_textstat(ds, name):
    rows = await sql(ds, f"select {name}(:t) as v", t=TEXT)
    assert rows == [{"v": getattr(textstat, name)(TEXT)}]


async def test_loaded_words_and_quote_ratio(ds):
    rows = await sql(ds, "select loaded_words(:t) as lw, quote_ratio(:t) as qr", t=TEXT)
    from datasette_media_bias.analysis.lexicon import default_lexicon

    assert rows[0]["lw"] == len(default_lexicon().find(TEXT)) >= 2  # slammed, bizarre, ...
    quoted = "“It is a disaster,”"
    assert rows[0]["qr"] == pytest.approx(len(quoted) / len(TEXT))


async def test_functions_on_null_and_empty(ds):
    rows = await sql(ds, "select flesch_reading_ease(null) a, loaded_words(null) b, "
                         "quote_ratio(null) c, quote_ratio('') d, loaded_words('') e")
    assert rows == [{"a": None, "b": None, "c": None, "d": 0.0, "e": 0}]


async def test_functions_over_a_table(ds):
    rows = await sql(ds, "select id, flesch_reading_ease(text) as fre from articles "
                         "order by id limit 1")
    assert isinstance(rows[0]["fre"], float)
