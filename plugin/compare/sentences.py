"""Which sentences of a story only one outlet has.

Pure functions over sentence rows. Similarity is measured on content words (lower-cased, stop
words dropped, plural "s" folded), so it is robust to punctuation, quotation marks and small
rewordings.
"""
from __future__ import annotations

from collections import Counter
from itertools import chain

from ..analysis.english import CONTENT_WORD, STOP_WORDS


_WORD = CONTENT_WORD

# a sentence needs this many content words to be judged at all
MIN_CONTENT_WORDS = 4
# share of a sentence's content words another article's sentence must contain for the content
# to count as reported there too
COVERED = 0.5


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


def unique_sentences(articles: list[dict]) -> dict[str, list[dict]]:
    """For each article id, its prose sentences whose content no other article reports.

    ``articles``: [{"id", "sentences": [{"position", "text", ...}]}]. A sentence counts as
    reported elsewhere when some sentence of another article of the story contains at least
    ``COVERED`` of its content words. Each returned sentence carries ``best_match``: the closest
    sentence elsewhere (article id, position, text, coverage), so a reader can check the call.
    """
    tokens = {a["id"]: [(s, content_words(s["text"])) for s in a["sentences"]]
              for a in articles}
    # every sentence of the story, numbered in article order, and for each article an inverted
    # index of the other articles' sentences: word -> the numbers of the sentences that have it
    everyone = [(a["id"], s) for a in articles for s, _ in tokens[a["id"]]]
    out = {a["id"]: [] for a in articles}
    if len(articles) < 2:
        return out
    start = 0
    for a in articles:
        aid = a["id"]
        own = tokens[aid]
        lo, hi = start, start + len(own)
        start = hi
        others: dict[str, list[int]] = {}
        i = 0
        for other in articles:
            for _, t in tokens[other["id"]]:
                if not lo <= i < hi:
                    for w in t:
                        others.setdefault(w, []).append(i)
                i += 1
        fallback = 0 if lo > 0 else (hi if hi < len(everyone) else None)
        found = out[aid]
        for s, t in own:
            if len(t) < MIN_CONTENT_WORDS:
                continue
            shared = Counter(chain.from_iterable([others[w] for w in t if w in others]))
            if shared:
                top = max(shared.values())
                best = min(i for i, c in shared.items() if c == top)
                best_cov = top / len(t)
            else:  # nothing in common: the first sentence of another article stands in
                best, best_cov = fallback, 0.0
            if best_cov < COVERED and best is not None:
                other_id, other = everyone[best]
                found.append({**s, "content_words": len(t), "best_match": {
                    "article_id": other_id, "position": other["position"],
                    "text": other["text"], "coverage": round(best_cov, 3)}})
    return out
