"""Turn one article into the rows the database stores: sentences with their metrics, quotations
and loaded-word occurrences, plus the article-level metrics.

Pure functions of (article, lexicon): no database here, so the loader can run them in worker
processes. Offsets are character offsets into the article's ``text``.

Voice: a loaded word is ``in_quote`` when it lies inside a direct quotation (full or partial:
the words are the speaker's); everything else, scare quotes included, is the outlet's own
voice.
Boilerplate sentences (credits, links, newsletter blurbs, a repeated standfirst...) are kept and
flagged, and left out of every article-level figure.
"""
from __future__ import annotations

import bisect

from . import metrics
from .lexicon import Lexicon
from .quotes import QUOTED_KINDS, find_quotes
from .segment import boilerplate_kinds, split_sentences


def _merge(regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping union of ``regions``."""
    out: list[list[int]] = []
    for a, b in sorted(regions):
        if out and a <= out[-1][1]:
            if b > out[-1][1]:
                out[-1][1] = b
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def analyze_text(text: str, lexicon: Lexicon) -> dict:
    """Sentences, quotes, occurrences and article metrics for ``text``."""
    spans = split_sentences(text)
    kinds = boilerplate_kinds(text, spans)
    quotes = find_quotes(text)
    quoted = [q for q in quotes if q.kind in QUOTED_KINDS]
    occurrences = lexicon.find(text)

    # quoted regions (marks included), merged, for voice decisions
    regions = _merge([(q.mark_start, q.mark_end) for q in quoted])
    region_starts = [r[0] for r in regions]

    def in_quote(pos: int) -> bool:
        i = bisect.bisect_right(region_starts, pos) - 1
        return i >= 0 and regions[i][0] <= pos < regions[i][1]

    occ_rows = []
    for o in occurrences:
        occ_rows.append({"start": o.start, "end": o.end, "term": o.term, "category": o.category,
                         "in_quote": int(in_quote(o.start))})
    occ_starts = [o["start"] for o in occ_rows]

    # the first quotation (direct or partial) touching each sentence, found in one pass
    quoted_starts = [q.mark_start for q in quoted]

    sentence_rows = []
    prose_parts = []
    own_words_total = own_loaded_total = quoted_chars_total = chars_total = 0
    loaded_total = loaded_in_quotes_total = 0
    for position, ((s, e), kind) in enumerate(zip(spans, kinds)):
        stext = text[s:e]
        r = metrics.readability(stext)
        # quoted characters of this sentence and the own-voice text outside quotations
        i = bisect.bisect_right(region_starts, s) - 1
        if i < 0:
            i = 0
        own_parts = []
        pos = s
        quoted_chars = 0
        while i < len(regions) and regions[i][0] < e:
            a, b = regions[i]
            if b > s:
                a2, b2 = max(a, s), min(b, e)
                quoted_chars += b2 - a2
                if a2 > pos:
                    own_parts.append(text[pos:a2])
                pos = max(pos, b2)
            i += 1
        if pos == s:
            own_text = stext
        else:
            if pos < e:
                own_parts.append(text[pos:e])
            own_text = " ".join(own_parts)
        if own_text is stext:
            own_words = r["words"]  # textstat's lexicon_count of the whole sentence
        else:
            own_words = len(metrics._textstat_words(own_text)) if own_text else 0
        lo = bisect.bisect_left(occ_starts, s)
        hi = bisect.bisect_left(occ_starts, e)
        sent_occ = occ_rows[lo:hi]
        loaded_in_quotes = sum(o["in_quote"] for o in sent_occ)
        loaded_own = len(sent_occ) - loaded_in_quotes
        # the quotation this sentence belongs to (the first one overlapping it)
        quote_position = speaker = None
        j = bisect.bisect_left(quoted_starts, e) - 1
        # scan back over quotes that start before the sentence ends
        k = j
        while k >= 0 and k > j - 4:
            q = quoted[k]
            if q.mark_end > s and q.mark_start < e:
                quote_position, speaker = k, q.speaker
            elif q.mark_end <= s:
                break
            k -= 1
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
            "quoted_chars": quoted_chars,
            "quote_ratio": metrics.ratio(quoted_chars, e - s),
            "quote_position": quote_position,
            "speaker": speaker,
        }
        sentence_rows.append(row)
        if kind is None:
            prose_parts.append(stext)
            own_words_total += own_words
            own_loaded_total += loaded_own
            loaded_total += len(sent_occ)
            loaded_in_quotes_total += loaded_in_quotes
            quoted_chars_total += quoted_chars
            chars_total += e - s

    # link quotations to sentences: first and last sentence each one touches
    sent_starts = [s for s, _ in spans]
    quote_rows = []
    for i, q in enumerate(quotes):
        first = last = None
        if spans:
            a = bisect.bisect_right(sent_starts, q.mark_start) - 1
            if a < 0 or spans[a][1] <= q.mark_start:
                a += 1
            b = bisect.bisect_left(sent_starts, q.mark_end) - 1
            if a < len(spans) and b >= a:
                first, last = a, b
        row = q.as_row()
        row["position"] = i
        row["first_sentence"] = first
        row["last_sentence"] = last
        quote_rows.append(row)
    # sentences point at quotes by their position in the quotes table
    if quoted:
        table_pos = [i for i, q in enumerate(quotes) if q.kind in QUOTED_KINDS]
        for row in sentence_rows:
            if row["quote_position"] is not None:
                row["quote_position"] = table_pos[row["quote_position"]]

    prose = "\n".join(prose_parts)
    article = {
        **metrics.readability(prose),
        "sentences": len(prose_parts),
        "boilerplate_sentences": len(sentence_rows) - len(prose_parts),
        "own_voice_words": own_words_total,
        "loaded_words": loaded_total,
        "loaded_words_own_voice": own_loaded_total,
        "loaded_words_in_quotes": loaded_in_quotes_total,
        "loaded_per_100_words": metrics.per_100(own_loaded_total, own_words_total),
        "quoted_chars": quoted_chars_total,
        "quote_ratio": metrics.ratio(quoted_chars_total, chars_total),
        "quotes": len(quoted),
        "speakers": len({q.speaker for q in quoted if q.speaker}),
    }
    return {"article": article, "sentences": sentence_rows, "quotes": quote_rows,
            "occurrences": occ_rows}
