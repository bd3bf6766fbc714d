"""Quotations several outlets of a story share, and how their wording differs."""
from __future__ import annotations

import difflib

from ..analysis.english import CONTENT_WORD
from .sentences import content_words

_WORD = CONTENT_WORD

# two quotations are the same quote when they share this share of the shorter one's content
# words, and at least SAME_QUOTE_WORDS of them
SAME_QUOTE = 0.6
SAME_QUOTE_WORDS = 3


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

    ``quotes``: rows of the quotes table (direct only) for the story's articles; ``speaker``
    the speaker's name (the canonical one where known), with ``speaker_id`` (the ``speakers``
    row, or None) when given.
    Returns groups used by two or more articles, largest first: {"speaker", "speaker_id",
    "articles", "wording_differs", "versions": [{"article_id", "outlet", "positions", "text",
    "speaker", "speaker_id", "is_longest", "difference", "diff"}]}: one version per article
    (the article's matching
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
            **next(({"speaker": q["speaker"], "speaker_id": q.get("speaker_id")}
                    for q in qs if q["speaker"]), {"speaker": None, "speaker_id": None}),
        } for aid, qs in by_article.items()]
        # the fullest version: most words, then fewest pieces
        base = max(versions, key=lambda v: (len(_words(v["text"])), -len(v["positions"])))
        for v in versions:
            v["is_longest"] = v is base
            v["difference"] = "longest" if v is base else _difference(base["text"], v["text"])
            v["diff"] = word_diff(base["text"], v["text"])
        versions.sort(key=lambda v: (v["outlet"] or "~", v["article_id"]))
        # the speaker most versions name (ties: the first in outlet order)
        speakers = [(v["speaker"], v["speaker_id"]) for v in versions if v["speaker"]]
        speaker, speaker_id = max(speakers, key=speakers.count) if speakers else (None, None)
        out.append({
            "speaker": speaker,
            "speaker_id": speaker_id,
            "articles": len(versions),
            "wording_differs": any(v["difference"] not in ("identical", "longest")
                                   for v in versions),
            "versions": versions,
        })
    out.sort(key=lambda g: (-g["articles"], g["versions"][0]["text"]))
    return out
