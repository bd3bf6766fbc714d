"""Comparing the articles of one story with each other: which sentences only one outlet has,
which quotations several outlets share and how their wording differs.

Pure functions over rows the views read with ``queries.py``. Similarity is measured on content
words (lower-cased, stop words dropped, plural "s" folded), so it is robust to punctuation,
quotation marks and small rewordings.
"""
from __future__ import annotations

import difflib
from collections import Counter
from itertools import chain
import re

STOP_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself no nor not now of off on once only or other our ours ourselves out over
own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who
whom why will with would you your yours yourself yourselves said says say told tweeted wrote
added one two new also like get got
""".split())

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

# a sentence needs this many content words to be judged at all
MIN_CONTENT_WORDS = 4
# share of a sentence's content words another article's sentence must contain for the content
# to count as reported there too
COVERED = 0.5
# two quotations are the same quote when they share this share of the shorter one's content
# words, and at least SAME_QUOTE_WORDS of them
SAME_QUOTE = 0.6
SAME_QUOTE_WORDS = 3


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


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0).lower().replace("’", "'"), m.start(), m.end())
            for m in _WORD.finditer(text)]


def word_diff(base: str, other: str) -> list[dict]:
    """Word-level differences turning ``base`` into ``other``: a list of
    {"op": "equal"|"delete"|"insert", "text"} pieces. The equal and insert pieces, in order,
    are ``other`` exactly (punctuation and spacing kept); delete pieces are words of ``base``
    that ``other`` lacks. Case and punctuation do not count as differences.
    """
    a, b = _words(base), _words(other)
    sm = difflib.SequenceMatcher(a=[w for w, _, _ in a], b=[w for w, _, _ in b],
                                 autojunk=False)

    def b_at(k):  # where the k-th word of other starts (its whole text is covered)
        if k == 0:
            return 0
        return b[k][1] if k < len(b) else len(other)

    pieces = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if i2 > i1 and op != "equal":
            pieces.append({"op": "delete", "text": base[a[i1][1]:a[i2 - 1][2]]})
        if j2 > j1 or (op == "equal" and j2 == len(b)):
            text = other[b_at(j1):b_at(j2)]
            if text:
                pieces.append({"op": "equal" if op == "equal" else "insert", "text": text})
    if not b and other:
        pieces.append({"op": "equal", "text": other})
    return pieces


def _difference(base: str, other: str) -> str:
    """identical / shortened / extended / altered, on words (case and punctuation ignored)."""
    a = [w for w, _, _ in _words(base)]
    b = [w for w, _, _ in _words(other)]
    if a == b:
        return "identical"
    sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    ops = {op for op, *_ in sm.get_opcodes() if op != "equal"}
    if ops == {"delete"}:
        return "shortened"
    if ops == {"insert"}:
        return "extended"
    return "altered"


def shared_quotes(quotes: list[dict], article_outlet: dict[str, str]) -> list[dict]:
    """Group the direct quotations of a story's articles that are the same quotation.

    ``quotes``: rows of the quotes table (direct only) for the story's articles.
    Returns groups used by two or more articles, largest first: {"speaker", "articles",
    "wording_differs", "versions": [{"article_id", "outlet", "positions", "text", "speaker",
    "is_longest", "difference", "diff"}]}: one version per article (the article's matching
    quotations joined with " … " when it splits the quotation), ``diff`` the word diff from the
    group's longest version and ``difference`` its class (identical, shortened, extended,
    altered; "longest" for the longest itself).
    """
    items = [(q, content_words(q["text"])) for q in quotes]
    items = [(q, t) for q, t in items if len(t) >= SAME_QUOTE_WORDS]
    parent = list(range(len(items)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (qi, ti) in enumerate(items):
        for j in range(i + 1, len(items)):
            qj, tj = items[j]
            if qi["article_id"] == qj["article_id"]:
                continue
            shared = len(ti & tj)
            if shared >= SAME_QUOTE_WORDS and shared / min(len(ti), len(tj)) >= SAME_QUOTE:
                parent[find(i)] = find(j)
    groups: dict[int, list[dict]] = {}
    for i, (q, _) in enumerate(items):
        groups.setdefault(find(i), []).append(q)
    out = []
    for members in groups.values():
        by_article: dict[str, list[dict]] = {}
        for q in sorted(members, key=lambda q: q["start"]):
            by_article.setdefault(q["article_id"], []).append(q)
        if len(by_article) < 2:
            continue
        # an outlet that splits one quotation into pieces: its version is the pieces joined
        versions = [{
            "article_id": aid,
            "outlet": article_outlet.get(aid),
            "positions": [q["position"] for q in qs],
            "text": " … ".join(q["text"] for q in qs),
            "speaker": next((q["speaker"] for q in qs if q["speaker"]), None),
        } for aid, qs in by_article.items()]
        # the fullest version: most words, then fewest pieces
        base = max(versions, key=lambda v: (len(_words(v["text"])), -len(v["positions"])))
        for v in versions:
            v["is_longest"] = v is base
            v["difference"] = "longest" if v is base else _difference(base["text"], v["text"])
            v["diff"] = word_diff(base["text"], v["text"])
        versions.sort(key=lambda v: (v["outlet"] or "~", v["article_id"]))
        speakers = [v["speaker"] for v in versions if v["speaker"]]
        out.append({
            "speaker": max(set(speakers), key=speakers.count) if speakers else None,
            "articles": len(versions),
            "wording_differs": any(v["difference"] not in ("identical", "longest")
                                   for v in versions),
            "versions": versions,
        })
    out.sort(key=lambda g: (-g["articles"], g["versions"][0]["text"]))
    return out
