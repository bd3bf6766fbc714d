"""analyze_text: rows whose keys match the schema, voice split, boilerplate left out."""
from datasette_media_bias.store import schema
from datasette_media_bias.analysis import analyze_text
from datasette_media_bias.analysis.lexicon import Lexicon

TEXT = (
    "Senator Slams Plan\n\n"
    "Getty Images\n\n"
    "The senator slammed the bizarre plan on Tuesday.\n\n"
    "The senator slammed the bizarre plan on Tuesday.\n\n"
    '"This is a disgraceful, reckless scheme," Jane Doe said. "We will fight it."\n\n'
    "READ MORE: Other news here\n\n"
    "The vote is due next week."
)


def test_rows_match_schema_columns():
    a = analyze_text(TEXT, Lexicon.load())
    cols = {t: set(schema.TABLES[t][0]) for t in schema.TABLES}
    assert set(a["article"]) <= cols["articles"]
    for table, key in (("sentences", "sentences"), ("quotes", "quotes"),
                       ("loaded_word_occurrences", "occurrences")):
        for row in a[key]:
            assert set(row) - {"article_id"} <= cols[table], (table, set(row) - cols[table])


def test_voice_boilerplate_and_links():
    a = analyze_text(TEXT, Lexicon.load())
    sents = a["sentences"]
    kinds = [s["boilerplate_kind"] for s in sents]
    assert "image_credit" in kinds and "related_link" in kinds
    assert "repeated" in kinds
    for s in sents:
        assert TEXT[s["start"]:s["end"]] == s["text"]
    occ = a["occurrences"]
    own = {o["term"] for o in occ if not o["in_quote"]}
    quoted = {o["term"] for o in occ if o["in_quote"]}
    assert {"slammed", "bizarre"} <= own and {"disgraceful", "reckless"} <= quoted
    quotes = [q for q in a["quotes"] if q["kind"] == "direct"]
    assert [q["speaker"] for q in quotes] == ["Jane Doe", "Jane Doe"]
    for q in quotes:
        linked = [s for s in sents if s["quote_position"] == q["position"]]
        assert linked and all(s["speaker"] == "Jane Doe" for s in linked)
        assert q["first_sentence"] <= linked[0]["position"] <= q["last_sentence"]
    art = a["article"]
    # boilerplate is left out: the repeated standfirst's words are not counted twice
    prose = [s for s in sents if not s["is_boilerplate"]]
    assert art["sentences"] == len(prose)
    assert art["loaded_words_own_voice"] == sum(s["loaded_words_own_voice"] for s in prose)
    assert art["loaded_words_in_quotes"] == sum(o["in_quote"] for o in occ) >= 2
    assert art["quotes"] == 2 and art["speakers"] == 1
    assert 0 < art["quote_ratio"] < 1


def test_empty_text():
    a = analyze_text("", Lexicon.load())
    assert a["sentences"] == [] and a["quotes"] == [] and a["occurrences"] == []
    assert a["article"]["sentences"] == 0
