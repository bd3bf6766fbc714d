"""SQL functions registered with prepare_connection, used through Datasette's JSON API."""
import pytest
import textstat

TEXT = "The senator slammed the bizarre plan. “It is a disaster,” she said."


async def sql(ds, query, **params):
    # 0.65 answers /news.json?sql= itself; 1.0 redirects it to /news/-/query.json?sql=
    r = await ds.client.get("/news.json", params={"sql": query, "_shape": "array", **params},
                            follow_redirects=True)
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


async def test_article_functions_agree_with_the_stored_values(ds):
    """article_<metric>(text) gives the pages' values (prose only, as the loader measures);
    <metric>(text) measures the raw text, boilerplate included, and may differ."""
    from datasette_media_bias.analysis.metrics import COMPARED

    cols = ", ".join(f"{m.name}, article_{m.name}(text) as [article_{m.name}]" for m in COMPARED)
    rows = await sql(ds, f"select id, boilerplate_sentences, {cols} from articles order by id")
    assert len(rows) == 5
    for r in rows:
        for m in COMPARED:
            assert r[f"article_{m.name}"] == pytest.approx(r[m.name], abs=1e-9), (r["id"], m.name)
    raw = await sql(ds, "select flesch_reading_ease(text) as raw, flesch_reading_ease as stored "
                        "from articles where boilerplate_sentences > 0")
    assert any(r["raw"] != pytest.approx(r["stored"]) for r in raw)  # why both exist
