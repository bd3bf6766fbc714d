"""Turn one article into the rows the database stores: sentences with their metrics, quotations
and loaded-word occurrences, plus the article-level metrics.

Pure functions of (article, lexicon): no database here, so the loader can run them in worker
processes. Offsets are character offsets into the article's ``text``.

``analyze_rows`` gives the rows as tuples in the order of the ``*_FIELDS`` below, ready for
``executemany`` (what the loader writes); ``analyze_text`` gives the same rows as dicts.

Voice: a loaded word is ``in_quote`` when it lies inside a direct quotation (full or partial:
the words are the speaker's); everything else, scare quotes included, is the outlet's own
voice. Whether a lexicon match counts at all is read in its context (``context.judge``: a
verb entry used as a noun, part of a name, a negated evaluative word do not).
Boilerplate sentences (credits, links, newsletter blurbs, a repeated standfirst...) are kept and
flagged, and left out of every article-level figure.
"""
from __future__ import annotations

import bisect
from typing import NamedTuple

from . import metrics
from .lexicon import Lexicon
from .quotes import QUOTED_KINDS, find_quotes
from .boilerplate import FOREIGN_KINDS, NAMELESS_KINDS, boilerplate_kinds
from .context import judge
from .segment import split_sentences
from .speakers import article_speakers
from .vector import lead_tokens


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


# The columns of the rows an article gives, with their types: the one definition of them
# (``store.schema`` builds the tables from these; the tuples below follow their order).
# loaded words and quotation, per sentence and per article (own voice: outside quotations)
VOICE_COLUMNS = {
    "own_voice_words": int,
    "loaded_words": int,
    "loaded_words_own_voice": int,
    "loaded_words_in_quotes": int,
    "loaded_per_100_words": float,
    "quoted_chars": int,
    "quote_ratio": float,
}
SENTENCE_COLUMNS = {
    "article_id": str, "position": int, "start": int, "end": int, "text": str,
    "is_boilerplate": int, "boilerplate_kind": str,
    **metrics.READABILITY_COLUMNS, **VOICE_COLUMNS,
    "quote_position": int, "speaker": str,
}
QUOTE_COLUMNS = {
    "article_id": str, "position": int, "start": int, "end": int, "mark_start": int,
    "mark_end": int, "text": str, "speaker": str, "speaker_start": int, "speaker_end": int,
    "kind": str, "unbalanced": int, "first_sentence": int, "last_sentence": int,
    "partial": int, "paragraphs": int, "mention_start": int, "mention_end": int,
    # the canonical speaker as the article names it in full (``speakers.article_speakers``)
    "speaker_name": str, "speaker_kind": str, "speaker_role": str,
}
OCCURRENCE_COLUMNS = {
    "article_id": str, "position": int, "start": int, "end": int, "term": str,
    "category": str, "in_quote": int,
    # 1: counted as a loaded word; 0: shown but not counted (a verb entry used as a noun, part
    # of a name, a negated evaluative word); ``sense`` says why (``context.judge``)
    "weight": int, "sense": str,
    # 1: a word the story's articles share, set aside by the story stage (0 here)
    "story_word": int,
}
# the article-level figures (``Rows.article``)
ARTICLE_COLUMNS = {
    **metrics.READABILITY_COLUMNS,
    "sentences": int, "boilerplate_sentences": int,
    **VOICE_COLUMNS,
    "quotes": int, "speakers": int,
}
SENTENCE_FIELDS = tuple(SENTENCE_COLUMNS)
QUOTE_FIELDS = tuple(QUOTE_COLUMNS)
OCCURRENCE_FIELDS = tuple(OCCURRENCE_COLUMNS)
WORDS_MASK = metrics.WORDS_MASK  # token_counts & WORDS_MASK: the word count


def _quote_row(q, article_id, position: int, first, last, who: dict) -> tuple:
    """A quotation's row (QUOTE_FIELDS): where it stands, its canonical speaker (``who``, a row
    of ``article_speakers``), and the rest from the Quote."""
    return (article_id, position, q.start, q.end, q.mark_start, q.mark_end, q.text, q.speaker,
            q.speaker_start, q.speaker_end, q.kind, q.unbalanced, first, last, q.partial,
            q.paragraphs, q.mention_start, q.mention_end, who["name"], who["kind"], who["role"])


# _quote_row writes the fields in this order
assert QUOTE_FIELDS == (
    "article_id", "position", "start", "end", "mark_start", "mark_end", "text", "speaker",
    "speaker_start", "speaker_end", "kind", "unbalanced", "first_sentence", "last_sentence",
    "partial", "paragraphs", "mention_start", "mention_end", "speaker_name", "speaker_kind",
    "speaker_role"), "update _quote_row"


class Rows(NamedTuple):
    article: dict  # article-level figures (columns of ``articles``)
    sentences: list[tuple]  # SENTENCE_FIELDS
    quotes: list[tuple]  # QUOTE_FIELDS
    occurrences: list[tuple]  # OCCURRENCE_FIELDS
    unbalanced: list[int]  # mark_start of each quotation whose mark is never closed


def analyze_text(text: str, lexicon: Lexicon) -> dict:
    """Sentences, quotes, occurrences (lists of dicts, without ``article_id``) and article
    metrics for ``text``."""
    rows = analyze_rows(text, lexicon)

    def dicts(fields, tuples):
        return [dict(zip(fields[1:], t[1:])) for t in tuples]

    return {"article": rows.article, "sentences": dicts(SENTENCE_FIELDS, rows.sentences),
            "quotes": dicts(QUOTE_FIELDS, rows.quotes),
            "occurrences": dicts(OCCURRENCE_FIELDS, rows.occurrences)}


def _set_aside_foreign(quotes: list, spans: list, kinds: list) -> None:
    """Quotations that open in a line that is not the article's own (``FOREIGN_KINDS``) become
    kind ``boilerplate``: stored where they stand, counted nowhere, given no speaker. A name
    the quote finder took from a line that names nobody (``NAMELESS_KINDS``: "he said" after a
    video list's "... Replay More Videos ...") is no speaker either."""
    starts = [s for s, _ in spans]

    def line_at(pos: int) -> int:
        i = bisect.bisect_right(starts, pos) - 1
        return i if i >= 0 and pos < spans[i][1] else -1

    for q in quotes:
        i = line_at(q.mark_start)
        kind = kinds[i] if i >= 0 else None
        # a repeated line's quotation is counted where it first stands, unless it runs on
        # past the line (a pull quote's words opening the full quotation)
        if kind in FOREIGN_KINDS and (kind != "repeated" or q.mark_end <= spans[i][1]):
            q.kind = "boilerplate"
        elif q.speaker_start is not None:
            j = line_at(q.speaker_start)
            if j >= 0 and kinds[j] in NAMELESS_KINDS:
                q.speaker = q.speaker_start = q.speaker_end = None


def analyze_rows(text: str, lexicon: Lexicon, article_id=None) -> Rows:
    """The rows of one article, as tuples whose first value is ``article_id``."""
    spans = split_sentences(text)
    # each sentence's text and white-space tokens, made once for the boilerplate rules and
    # the word counts
    stexts = [text[s:e] for s, e in spans]
    stokens = [t.split() for t in stexts]
    kinds = boilerplate_kinds(text, spans, stexts, stokens)
    quotes = find_quotes(text)
    if quotes and not FOREIGN_KINDS.isdisjoint(kinds):
        _set_aside_foreign(quotes, spans, kinds)
    quoted = [q for q in quotes if q.kind in QUOTED_KINDS]
    occurrences = lexicon.find(text)

    # quoted regions (marks included), merged, for voice decisions
    regions = _merge([(q.mark_start, q.mark_end) for q in quoted])
    region_starts = [r[0] for r in regions]

    def in_quote(pos: int) -> bool:
        i = bisect.bisect_right(region_starts, pos) - 1
        return i >= 0 and regions[i][0] <= pos < regions[i][1]

    occ_rows = []
    occ_starts = []  # of the occurrences that count
    occ_quoted = []
    for i, (o, (weight, sense)) in enumerate(zip(occurrences, judge(text, occurrences))):
        q = int(in_quote(o.start)) if regions else 0
        occ_rows.append((article_id, i, o.start, o.end, o.term, o.category, q, weight, sense, 0))
        if weight:
            occ_starts.append(o.start)
            occ_quoted.append(q)

    # the position among quoted quotations -> position in the quotes table
    table_pos = [i for i, q in enumerate(quotes) if q.kind in QUOTED_KINDS]
    quoted_starts = [q.mark_start for q in quoted]
    scores, per_100, ratio, word_count = (metrics.scores, metrics.per_100, metrics.ratio,
                                          metrics.word_count)
    all_counts = metrics.sentences_counts(stokens)
    all_pieces = metrics.sentences_pieces(stexts, [c & WORDS_MASK for c in all_counts])

    sentence_rows = []
    prose_parts = []
    prose_pieces = []
    prose_counts = 0
    own_words_total = own_loaded_total = quoted_chars_total = chars_total = 0
    loaded_total = loaded_in_quotes_total = 0
    n_regions = len(regions)
    bisect_left, bisect_right = bisect.bisect_left, bisect.bisect_right
    add_row = sentence_rows.append
    for position, ((s, e), kind, stext, counts, pieces) in enumerate(
            zip(spans, kinds, stexts, all_counts, all_pieces)):
        # quoted characters of this sentence and the own-voice text outside quotations
        quoted_chars = 0
        own_words = None
        if n_regions:
            i = bisect_right(region_starts, s) - 1
            if i < 0:
                i = 0
            own_parts = []
            pos = s
            while i < n_regions and regions[i][0] < e:
                a, b = regions[i]
                if b > s:
                    a2, b2 = max(a, s), min(b, e)
                    quoted_chars += b2 - a2
                    if a2 > pos:
                        own_parts.append(text[pos:a2])
                    pos = max(pos, b2)
                i += 1
            if pos != s:
                if pos < e:
                    own_parts.append(text[pos:e])
                own_words = word_count(" ".join(own_parts))
        if own_words is None:
            own_words = counts & WORDS_MASK  # textstat's lexicon_count of the sentence
        n_loaded = loaded_in_quotes = 0
        if occ_starts:
            lo = bisect_left(occ_starts, s)
            n_loaded = bisect_left(occ_starts, e, lo) - lo
            if n_loaded:
                loaded_in_quotes = sum(occ_quoted[lo:lo + n_loaded])
        loaded_own = n_loaded - loaded_in_quotes
        # the quotation this sentence belongs to (the first one overlapping it)
        quote_position = speaker = None
        if quoted:
            j = bisect_left(quoted_starts, e) - 1
            # scan back over quotes that start before the sentence ends
            k = j
            while k >= 0 and k > j - 4:
                q = quoted[k]
                if q.mark_end > s and q.mark_start < e:
                    quote_position, speaker = table_pos[k], q.speaker
                elif q.mark_end <= s:
                    break
                k -= 1
        words, syllables, fre, fkg, fog, smog, dc = scores(counts, max(1, pieces[0] - pieces[1]))
        add_row((
            article_id, position, s, e, stext, int(kind is not None), kind,
            words, syllables, fre, fkg, fog, smog, dc,
            own_words, n_loaded, loaded_own, loaded_in_quotes, per_100(loaded_own, own_words),
            quoted_chars, ratio(quoted_chars, e - s), quote_position, speaker,
        ))
        if kind is None:
            prose_parts.append(stext)
            prose_pieces.append(pieces)
            prose_counts += counts
            own_words_total += own_words
            own_loaded_total += loaded_own
            loaded_total += n_loaded
            loaded_in_quotes_total += loaded_in_quotes
            quoted_chars_total += quoted_chars
            chars_total += e - s

    # link quotations to sentences: first and last sentence each one touches
    sent_starts = [s for s, _ in spans]
    quote_rows = []
    unbalanced = []
    who = article_speakers(text, quotes, [sp for sp, kind in zip(spans, kinds)
                                          if kind in NAMELESS_KINDS])
    for i, q in enumerate(quotes):
        first = last = None
        if spans:
            a = bisect.bisect_right(sent_starts, q.mark_start) - 1
            if a < 0 or spans[a][1] <= q.mark_start:
                a += 1
            b = bisect.bisect_left(sent_starts, q.mark_end) - 1
            if a < len(spans) and b >= a:
                first, last = a, b
        quote_rows.append(_quote_row(q, article_id, i, first, last, who[i]))
        if q.unbalanced:
            unbalanced.append(q.mark_start)

    # the article's prose is its sentences joined by newlines: its word counts are the sum of
    # theirs, and textstat's sentence count of it is found without joining them
    n_prose_sentences = metrics.joined_sentence_count(prose_parts, prose_pieces)
    article = {
        **dict(zip(metrics.READABILITY_FIELDS, scores(prose_counts, n_prose_sentences))),
        "sentences": len(prose_parts),
        "boilerplate_sentences": len(sentence_rows) - len(prose_parts),
        "own_voice_words": own_words_total,
        "loaded_words": loaded_total,
        "loaded_words_own_voice": own_loaded_total,
        "loaded_words_in_quotes": loaded_in_quotes_total,
        "loaded_per_100_words": per_100(own_loaded_total, own_words_total),
        "quoted_chars": quoted_chars_total,
        "quote_ratio": ratio(quoted_chars_total, chars_total),
        "quotes": len(quoted),
        "speakers": len({w["name"] for q, w in zip(quotes, who)
                         if q.kind in QUOTED_KINDS and w["name"]}),
        # for the automatic story grouping (analysis/vector.py; not a figure)
        "story_vector": lead_tokens(text),
    }
    return Rows(article, sentence_rows, quote_rows, occ_rows, unbalanced)
