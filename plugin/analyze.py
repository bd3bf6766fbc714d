"""Turn one article into the rows the database stores: sentences with their metrics, quotations
and loaded-word occurrences, plus the article-level metrics.

Pure functions of (article, lexicon): no database here, so the loader can run them in worker
processes. Offsets are character offsets into the article's ``text``.
"""
from __future__ import annotations

import bisect

from . import metrics
from .lexicon import Lexicon
from .quotes import find_quotes
from .segment import boilerplate_kind, split_sentences


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def analyze_text(text: str, lexicon: Lexicon) -> dict:
    """Sentences, quotes, occurrences and article metrics for ``text``."""
    spans = split_sentences(text)
    quotes = find_quotes(text)
    direct = [q for q in quotes if q.kind == "direct"]
    occurrences = lexicon.find(text)

    # quoted regions (marks included) for voice decisions, sorted by start
    regions = sorted((q.mark_start, q.mark_end) for q in direct)
    region_starts = [r[0] for r in regions]

    def in_quote(pos: int) -> bool:
        i = bisect.bisect_right(region_starts, pos) - 1
        return i >= 0 and regions[i][0] <= pos < regions[i][1]

    occ_rows = []
    for o in occurrences:
        occ_rows.append({"start": o.start, "end": o.end, "term": o.term, "category": o.category,
                         "in_quote": int(in_quote(o.start))})
    occ_starts = [o["start"] for o in occ_rows]

    sentence_rows = []
    prose_parts = []
    own_words_total = 0
    own_loaded_total = 0
    quoted_chars_total = 0
    chars_total = 0
    for position, (s, e) in enumerate(spans):
        stext = text[s:e]
        kind = boilerplate_kind(stext)
        r = metrics.readability(stext)
        quoted = sum(_overlap(s, e, q0, q1) for q0, q1 in regions)
        lo = bisect.bisect_left(occ_starts, s)
        hi = bisect.bisect_left(occ_starts, e)
        sent_occ = occ_rows[lo:hi]
        loaded_in_quotes = sum(o["in_quote"] for o in sent_occ)
        loaded_own = len(sent_occ) - loaded_in_quotes
        own_text = "".join(
            text[a:b] for a, b in _complement(s, e, [(max(q0, s), min(q1, e))
                                                    for q0, q1 in regions if q0 < e and q1 > s])
        )
        own_words = len(metrics._textstat_words(own_text))
        row = {
            "position": position,
            "start": s,
            "end": e,
            "text": stext,
            "is_boilerplate": int(kind is not None),
            "boilerplate_kind": kind,
            **r,
            "own_voice_words": own_words,
            "loaded_words": len(sent_occ),
            "loaded_words_own_voice": loaded_own,
            "loaded_words_in_quotes": loaded_in_quotes,
            "loaded_per_100_words": metrics.per_100(loaded_own, own_words),
            "quoted_chars": quoted,
            "quote_ratio": metrics.ratio(quoted, e - s),
        }
        sentence_rows.append(row)
        if kind is None:
            prose_parts.append(stext)
            own_words_total += own_words
            own_loaded_total += loaded_own
            quoted_chars_total += quoted
            chars_total += e - s

    for q in quotes:
        first = last = None
        for row in sentence_rows:
            if row["start"] < q.mark_end and row["end"] > q.mark_start:
                if first is None:
                    first = row["position"]
                last = row["position"]
        q.first_sentence, q.last_sentence = first, last

    prose = "\n".join(prose_parts)
    article = {
        **metrics.readability(prose),
        "sentences": len(prose_parts),
        "boilerplate_sentences": len(sentence_rows) - len(prose_parts),
        "own_voice_words": own_words_total,
        "loaded_words": sum(r["loaded_words"] for r in sentence_rows if not r["is_boilerplate"]),
        "loaded_words_own_voice": own_loaded_total,
        "loaded_words_in_quotes": sum(
            r["loaded_words_in_quotes"] for r in sentence_rows if not r["is_boilerplate"]),
        "loaded_per_100_words": metrics.per_100(own_loaded_total, own_words_total),
        "quoted_chars": quoted_chars_total,
        "quote_ratio": metrics.ratio(quoted_chars_total, chars_total),
        "quotes": sum(1 for q in quotes if q.kind == "direct"),
        "speakers": len({q.speaker for q in direct if q.speaker}),
    }
    quote_rows = []
    for i, q in enumerate(quotes):
        row = q.as_row()
        row["position"] = i
        row["first_sentence"] = q.first_sentence
        row["last_sentence"] = q.last_sentence
        quote_rows.append(row)
    return {"article": article, "sentences": sentence_rows, "quotes": quote_rows,
            "occurrences": occ_rows}


def _complement(s: int, e: int, holes: list[tuple[int, int]]):
    pos = s
    for a, b in sorted(holes):
        if a > pos:
            yield pos, a
        pos = max(pos, b)
    if pos < e:
        yield pos, e
