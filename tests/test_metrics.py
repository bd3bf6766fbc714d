"""metrics.readability equals textstat 0.7.8's own functions, value for value and type for type."""
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
import textstat

from conftest import FIXTURES, needs_shared
from datasette_media_bias.analysis import metrics

FUNCTIONS = {
    "words": textstat.lexicon_count,
    "syllables": textstat.syllable_count,
    "flesch_reading_ease": textstat.flesch_reading_ease,
    "flesch_kincaid_grade": textstat.flesch_kincaid_grade,
    "gunning_fog": textstat.gunning_fog,
    "smog_index": textstat.smog_index,
    "dale_chall_readability_score": textstat.dale_chall_readability_score,
}


def mismatches(texts):
    bad = []
    for text in texts:
        got = metrics.readability(text)
        for name, fn in FUNCTIONS.items():
            want = fn(text)
            # bit-identical: == on floats, and the same type (int counts, float scores)
            if not (got[name] == want and type(got[name]) is type(want)):
                bad.append((name, text[:80], want, got[name]))
    return bad


def fixture_texts():
    lines = (FIXTURES / "metrics_sentences.txt").read_text(encoding="utf-8").split("\n")
    return lines + ["", "\n".join(lines), "a", "A b c. D e f! G?"]


def test_identical_on_awkward_fixture_text():
    assert mismatches(fixture_texts()) == []


def test_identical_on_real_sentences_and_articles():
    from datasette_media_bias.analysis.segment import split_sentences

    path = needs_shared("articles_dev.jsonl")
    texts = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % 4:  # every fourth article keeps the test quick (~300 articles)
                continue
            text = json.loads(line)["text"]
            texts.append(text)
            texts.extend(text[s:e] for s, e in split_sentences(text))
    assert len(texts) > 2000
    assert mismatches(texts) == []


def test_article_value_is_textstat_of_the_prose_not_a_sum():
    text = "The cat sat. It was happy.\nThe dog, however, was incomprehensibly unhappy."
    assert metrics.readability(text)["smog_index"] == textstat.smog_index(text)


@pytest.mark.parametrize("word", ["İstanbul", "DON'T", "naïve", "ﬁnance", "x'y", "rock'n'roll"])
def test_word_syllables_match_syllable_count(word):
    assert metrics.word_syllables(word) == textstat.syllable_count(word)


def _prose_of(text):
    from datasette_media_bias.analysis import analyze_text
    from datasette_media_bias.analysis.lexicon import default_lexicon

    a = analyze_text(text, default_lexicon())
    return a["article"], [s["text"] for s in a["sentences"] if not s["is_boilerplate"]]


def test_article_values_are_textstat_of_the_joined_prose():
    """An article's counts are summed from its sentences' and its sentence count comes from
    joined_sentence_count: the values must still be textstat's of the prose, joined."""
    texts = fixture_texts()
    texts.append("Senator Slams Plan\n\nThe plan, he said, is bad.\nYes\nNo.\n\"Quote ends.\"\n"
                 "Michael Kazin\n\nHeadline: no stop\nU.S. officials met Mr. Smith at 3 p.m. "
                 "today.\n— Jane Doe (@jane) May 1, 2020")
    for text in texts:
        article, prose = _prose_of(text)
        joined = "\n".join(prose)
        for name, fn in FUNCTIONS.items():
            want = fn(joined)
            assert article[name] == want and type(article[name]) is type(want), (name, text)


def test_article_values_on_real_articles():
    path = needs_shared("articles_dev.jsonl")
    with open(path, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for i, line in enumerate(f) if i % 10 == 0]
    for text in texts:
        article, prose = _prose_of(text)
        joined = "\n".join(prose)
        for name, fn in FUNCTIONS.items():
            assert article[name] == fn(joined), (name, text[:60])


sentence_text = st.text(
    alphabet=st.sampled_from(list("ab Cd.!?\"”’'—-_:,(1 \u00e9\u0130")),
    min_size=1, max_size=40,
).map(str.strip).filter(bool)


@settings(max_examples=300, deadline=None)
@given(st.lists(sentence_text, max_size=8))
def test_joined_sentence_count_equals_counting_the_joined_text(texts):
    joined = "\n".join(texts)
    assert metrics.joined_sentence_count(texts) == metrics.sentence_count(joined)
    pieces = [metrics.sentence_pieces(t) for t in texts]
    assert metrics.joined_sentence_count(texts, pieces) == metrics.sentence_count(joined)
    assert metrics.token_counts(joined) == sum(map(metrics.token_counts, texts))
    for t in texts + [joined]:
        words = metrics.token_counts(t) & metrics.WORDS_MASK
        assert metrics.sentence_pieces(t, words) == metrics.sentence_pieces(t)


def _pyphen_points(word):
    from pyphen import Pyphen

    return len(Pyphen(lang="en_US").positions(word))


def test_hyphenation_points_match_pyphen_on_dictionary_words():
    # words outside the CMU dictionary get pyphen's syllables; metrics computes pyphen's
    # points itself (faster): check it on every 5th dictionary word, in three spellings
    cmu = metrics._resources()[0]
    for word in list(cmu)[::5]:
        for w in (word, word.capitalize(), word + "s'"):
            assert metrics._hyphen_points(w) == _pyphen_points(w), w


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aeiouybcdhlmnprstxz.'-é\u0130\u0131ß")),
               max_size=30))
def test_hyphenation_points_match_pyphen(word):
    metrics._resources()
    assert metrics._hyphen_points(word) == _pyphen_points(word)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZé\u0130ß1_'’‘.,;:!?\"()[]“”—–-*…#/")),
               min_size=1, max_size=8))
def test_token_counts_are_textstat_counts_of_the_token(token):
    # a token's cached counts, however they were found, are those of textstat's one word
    metrics._resources()
    words = metrics.textstat_words(token)
    expected = metrics._pack(1, *metrics._stats(words[0])) if words else 0
    assert metrics._token(token) == expected
    assert metrics._token_stats.get(token, expected) == expected


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZé\u0130ß1_'’‘.,;:!?\"()“”—-* \n\xa0")),
               max_size=30))
def test_word_count_is_textstat_lexicon_count(text):
    # from textstat_words while some token is new, from the token cache once all are known
    metrics._resources()
    want = textstat.lexicon_count(text)
    assert want == len(metrics.textstat_words(text))
    assert metrics.word_count(text) == want
    metrics.token_counts(text)
    assert metrics.word_count(text) == want
