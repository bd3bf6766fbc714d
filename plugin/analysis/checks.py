"""Warnings about an article that still loads: no prose, unclosed quotation marks, not English."""
from __future__ import annotations

import re

from . import metrics
from .article import Rows
from .english import LETTER_WORD

# LETTER_WORD for a lower-cased text whose letters are all ASCII (the usual case), where its
# letters are a-z: the same matches, with a cheaper character class
_ASCII_LETTER_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")
# the characters to look at to know: non-ASCII, but for common punctuation
_UNUSUAL = re.compile(r"[^\x00-\x7f’“”‘—–…•]")
_LETTER = re.compile(r"[^\W\d_]")  # a character of LETTER_WORD's words


def _letter_words(low: str) -> list[str]:
    """``LETTER_WORD.findall(low)`` of a lower-cased text."""
    if not low.isascii():
        for m in _UNUSUAL.finditer(low):
            if _LETTER.match(m.group()):
                return LETTER_WORD.findall(low)
    return _ASCII_LETTER_WORD.findall(low)


def warnings(text: str, rows: Rows) -> list[str]:
    """Readable warnings about ``text``, analysed into ``rows``."""
    out = []
    if rows.sentences and rows.article.get("sentences") == 0:
        out.append("every sentence looks like boilerplate (credits, links, newsletter "
                   "text): the article has no prose to measure")
    if rows.unbalanced:
        line = text.count("\n", 0, rows.unbalanced[0]) + 1
        out.append(f"{len(rows.unbalanced)} quotation mark(s) never closed (first on line "
                   f"{line} of the text); each quotation was closed at the end of its paragraph")
    known_words = metrics.pronounced_words()
    words = _letter_words(text[:1500].lower())
    if len(words) >= 20:
        known = sum(map(known_words.__contains__, words))
        if known < 0.6 * len(words):
            out.append(f"does not look like English: only {100 * known // len(words)}% of its "
                       f"words are English words; readability scores and loaded words assume "
                       f"English")
    return out
