"""Property tests: on any Unicode input the splitter, the quotation finder and analyze_text
never raise and return offsets that make sense."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datasette_media_bias.analysis import analyze_text
from datasette_media_bias.analysis.lexicon import Lexicon
from datasette_media_bias.analysis.quotes import find_quotes
from datasette_media_bias.analysis.boilerplate import boilerplate_kinds
from datasette_media_bias.analysis.segment import split_sentences

# text biased towards the characters the code cares about
NEWSY = st.lists(st.sampled_from(
    list("aAbZ .!?…,:;'\"“”‘’()[]\n\t\xa0-—12•⁃") + ["Mr.", "U.S.", "''", ". . .", "said",
                                                   " he ", "READ MORE:", "Getty Images"]),
    max_size=80).map("".join)
ANY = st.text(max_size=300)
SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
LEXICON = Lexicon.load()


def _check_sentences(text):
    spans = split_sentences(text)
    prev_end = 0
    covered = set()
    for s, e in spans:
        assert 0 <= prev_end <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        covered.update(range(s, e))
        prev_end = e
    for i, ch in enumerate(text):
        if not ch.isspace():
            assert i in covered, (i, ch)
    assert len(boilerplate_kinds(text, spans)) == len(spans)


def _check_quotes(text):
    for q in find_quotes(text):
        assert 0 <= q.mark_start <= q.start < q.end <= q.mark_end <= len(text)
        assert q.text == text[q.start:q.end]
        assert q.kind in ("direct", "scare")
        if q.speaker_start is not None:
            assert 0 <= q.speaker_start < q.speaker_end <= len(text)


@SETTINGS
@given(NEWSY)
def test_sentences_newsy(text):
    _check_sentences(text)


@SETTINGS
@given(ANY)
def test_sentences_any(text):
    _check_sentences(text)


@SETTINGS
@given(NEWSY)
def test_quotes_newsy(text):
    _check_quotes(text)


@SETTINGS
@given(ANY)
def test_quotes_any(text):
    _check_quotes(text)


@settings(max_examples=100, deadline=None)
@given(NEWSY)
def test_analyze_never_raises(text):
    a = analyze_text(text, LEXICON)
    for o in a["occurrences"]:
        assert 0 <= o["start"] < o["end"] <= len(text)
