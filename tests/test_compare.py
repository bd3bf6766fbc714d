"""Comparing a story's articles: shared quotes, word diffs (coverage: tests/test_coverage.py)."""
from datasette_media_bias.compare.quotes import shared_quotes, word_diff
from datasette_media_bias.compare.sentences import content_words


def sentences(*texts):
    return [{"position": i, "text": t} for i, t in enumerate(texts)]


def test_content_words_ignore_stop_words_case_and_plurals():
    assert content_words("The Senators VOTED on the bills.") == {"senator", "voted", "bill"}


def test_word_diff_keeps_the_other_text_exactly():
    base = "You don't have to agree with Trump, but the mob can't make me not love him."
    other = "You don't have to agree with trump but the mob can't make me love him!"
    pieces = word_diff(base, other)
    assert "".join(p["text"] for p in pieces if p["op"] != "delete") == other
    assert [p["text"] for p in pieces if p["op"] == "delete"] == ["not"]
    assert not any(p["op"] == "insert" for p in pieces)  # case and punctuation do not count


def quote(article, position, text, speaker=None, start=0):
    return {"article_id": article, "position": position, "text": text, "speaker": speaker,
            "start": start}


def test_shared_quotes_group_and_classify_versions():
    quotes = [
        quote("a", 0, "We are both dragon energy. He is my brother. I love everyone.", "West"),
        quote("b", 0, "We are both dragon energy. He is my brother.", "West"),
        quote("c", 0, "We are both dragon energy. He is my friend. I love everyone.", None),
        quote("a", 1, "Thank you Kanye, very cool!", "Trump", 100),
        quote("b", 1, "Nothing to see here at all folks", "Someone", 100),
    ]
    groups = shared_quotes(quotes, {"a": "Outlet A", "b": "Outlet B", "c": "Outlet C"})
    assert len(groups) == 1
    g = groups[0]
    assert g["speaker"] == "West" and g["articles"] == 3 and g["wording_differs"]
    kinds = {v["outlet"]: v["difference"] for v in g["versions"]}
    assert kinds == {"Outlet A": "longest", "Outlet B": "shortened", "Outlet C": "altered"}
    altered = next(v for v in g["versions"] if v["outlet"] == "Outlet C")
    assert {p["text"] for p in altered["diff"] if p["op"] == "delete"} == {"brother"}
    assert {p["text"].strip(". ") for p in altered["diff"] if p["op"] == "insert"} == {"friend"}


def test_a_quote_split_in_pieces_is_one_version():
    quotes = [
        quote("a", 0, "If your friend jumps off the bridge you don't have to do the same. "
                      "For people in my life the idea of Trump is pretty much a split.", "West"),
        quote("b", 0, "If your friend jumps off the bridge you don't have to do the same,",
              "West", 10),
        quote("b", 1, "For people in my life the idea of Trump is pretty much a split.", "West",
              200),
    ]
    (g,) = shared_quotes(quotes, {"a": "A", "b": "B"})
    b = next(v for v in g["versions"] if v["outlet"] == "B")
    assert b["positions"] == [0, 1] and " … " in b["text"]
    assert b["difference"] == "identical"


def test_two_shared_words_do_not_make_the_same_quote():
    quotes = [quote("a", 0, "Thank you Kanye, very cool!"),
              quote("b", 0, "Just cause you thank Kanye for his crazy")]
    assert shared_quotes(quotes, {}) == []
