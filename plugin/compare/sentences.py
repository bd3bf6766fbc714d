"""Content words of a sentence, as ``compare.quotes`` matches quotations on them (what only one
outlet reports is ``compare.coverage``).

Content words are lower-cased, stop words dropped, plural "s" folded, so that matching is robust
to punctuation, quotation marks and small rewordings.
"""
from __future__ import annotations

from ..analysis.english import CONTENT_WORD, STOP_WORDS


_WORD = CONTENT_WORD


def content_words(text: str) -> set[str]:
    words = set()
    for w in set(_WORD.findall(text.lower().replace("’", "'"))).difference(STOP_WORDS):
        if len(w) < 3:
            continue
        if w.endswith("'s"):
            w = w[:-2]
        if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        words.add(w)
    return words
