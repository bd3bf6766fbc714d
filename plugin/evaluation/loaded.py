"""Loaded words in the outlet's own voice, as the loader stores them (``analysis.analyze_rows``:
lexicon matches read in context, voice from the quotations), against BABE and BASIL.

* ``babe(path)``: word-level P/R/F1 of own-voice loaded words against the experts'
  ``biased_words``, and sentence-level macro-F1 of "contains a loaded word in the author's
  voice".
* ``basil(path)``: recall of BASIL's lexical-bias spans (any voice and own voice), the share of
  flagged words inside quotations, and, per article, the Spearman rank correlation of the
  own-voice loaded-word density (per 100 own-voice words, the words the story's articles
  share set aside as the loader does) with the experts' lexical-bias density (spans per 100 words).
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict

from ..analysis import OCCURRENCE_COLUMNS, analyze_rows
from ..analysis.english import ASCII_TERM
from ..analysis.lexicon import Lexicon, default_lexicon
from ..compare.words import story_words
from .common import prf, read_jsonl

_F = {name: i for i, name in enumerate(OCCURRENCE_COLUMNS)}


def _occurrences(text: str, lexicon: Lexicon, everything: bool = False):
    """The counted occurrences of ``text`` (weight 1; all of them with ``everything``) as dicts
    with ``in_quote``, and the article-level figures, as the loader computes them."""
    rows = analyze_rows(text, lexicon)
    occs = [{"start": r[_F["start"]], "end": r[_F["end"]], "term": r[_F["term"]],
             "category": r[_F["category"]], "in_quote": r[_F["in_quote"]],
             "weight": r[_F["weight"]]}
            for r in rows.occurrences if everything or r[_F["weight"]]]
    return occs, rows.article


def _gold_tokens(text: str, words: list[str]) -> set[int]:
    """Token indexes of ``text`` covered by the annotated words/phrases."""
    toks = [(m.group().lower(), m.start(), m.end()) for m in ASCII_TERM.finditer(text)]
    covered = set()
    low = text.lower()
    for w in words:
        w = (w or "").strip().lower()
        if not w:
            continue
        for m in re.finditer(r"(?<![A-Za-z])" + re.escape(w) + r"(?![A-Za-z])", low):
            for i, (_, s, e) in enumerate(toks):
                if s < m.end() and e > m.start():
                    covered.add(i)
    return covered


def _pred_tokens(text: str, occs) -> set[int]:
    toks = [(m.start(), m.end()) for m in ASCII_TERM.finditer(text)]
    starts = [s for s, _ in toks]
    covered = set()
    for o in occs:
        i = bisect.bisect_right(starts, o["start"]) - 1
        while 0 <= i < len(toks) and toks[i][0] < o["end"]:
            if toks[i][1] > o["start"]:
                covered.add(i)
            i += 1
    return covered


def _macro_f1(y_true: list[bool], y_pred: list[bool]) -> float:
    f1s = []
    for cls in (True, False):
        tp = sum(1 for t, p in zip(y_true, y_pred) if t == cls and p == cls)
        fp = sum(1 for t, p in zip(y_true, y_pred) if t != cls and p == cls)
        fn = sum(1 for t, p in zip(y_true, y_pred) if t == cls and p != cls)
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * pr * rc / (pr + rc) if pr + rc else 0.0)
    return sum(f1s) / len(f1s)


def spearman(xs: list[float], ys: list[float]) -> float | None:
    """Spearman's rank correlation (average ranks for ties), None for fewer than 3 pairs."""
    if len(xs) < 3:
        return None

    def ranks(v):
        order = sorted(range(len(v)), key=v.__getitem__)
        r = [0.0] * len(v)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and v[order[j + 1]] == v[order[i]]:
                j += 1
            for k in range(i, j + 1):
                r[order[k]] = (i + j) / 2
            i = j + 1
        return r

    rx, ry = ranks(xs), ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    return cov / (vx * vy) ** 0.5 if vx and vy else None


def babe(path, lexicon: Lexicon | None = None) -> dict:
    """Word-level P/R/F1 of own-voice loaded words against ``biased_words`` (tokens, over all
    sentences), and sentence-level macro-F1 of "has an own-voice loaded word" vs ``label``."""
    lexicon = lexicon or default_lexicon()
    rows = read_jsonl(path)
    n_pred = n_gold = tp = 0
    y_true, y_pred = [], []
    for r in rows:
        text = r["text"]
        occs = [o for o in _occurrences(text, lexicon)[0] if not o["in_quote"]]
        pred = _pred_tokens(text, occs)
        gold = _gold_tokens(text, r.get("biased_words") or [])
        n_pred += len(pred)
        n_gold += len(gold)
        tp += len(pred & gold)
        y_true.append(r.get("label") == "biased")
        y_pred.append(bool(occs))
    out = {"sentences": len(rows), "gold_words": n_gold, "flagged_words": n_pred}
    out.update({"word_" + k: v for k, v in prf(tp, n_pred, tp, n_gold).items()})
    out["sentence_macro_f1"] = round(_macro_f1(y_true, y_pred), 4)
    acc = sum(1 for t, p in zip(y_true, y_pred) if t == p) / len(rows) if rows else 0.0
    out["sentence_accuracy"] = round(acc, 4)
    return out


def _articles(rows: list[dict]) -> list[dict]:
    """BASIL sentences joined into their articles, in order, with each sentence's offset."""
    by_article: dict[str, list[dict]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_article[r.get("article_id") or r.get("id") or f"row {i + 1}"].append(r)
    out = []
    for aid, sents in by_article.items():
        offsets, pos = [], 0
        for r in sents:
            offsets.append(pos)
            pos += len(r["text"]) + 1
        out.append({"id": aid, "story": sents[0].get("story") or aid, "title": "",
                    "text": "\n".join(r["text"] for r in sents), "rows": sents,
                    "offsets": offsets})
    return out


def basil(path, lexicon: Lexicon | None = None) -> dict:
    """Recall of BASIL lexical-bias spans (a span is found when a counted loaded word overlaps
    it), the share of flagged words inside quotations, and the per-article Spearman
    correlation of own-voice loaded density with the experts' lexical-bias density."""
    lexicon = lexicon or default_lexicon()
    articles = _articles(read_jsonl(path))
    for a in articles:
        a["occurrences"], a["figures"] = _occurrences(a["text"], lexicon, everything=True)
    # the words the story's articles share are set aside, as the loader's story stage does
    by_story: dict[str, list[dict]] = defaultdict(list)
    for a in articles:
        by_story[a["story"]].append(a)
    set_aside = 0
    for group in by_story.values():
        found = story_words(group)
        set_aside += len(found)
        for a in group:
            a["occurrences"] = [o for o in a["occurrences"]
                                if o["weight"] and o["term"] not in found]
    spans = found_any = found_own = 0
    flagged = flagged_in_quotes = 0
    xs, ys = [], []
    for a in articles:
        occs = a["occurrences"]
        flagged += len(occs)
        flagged_in_quotes += sum(o["in_quote"] for o in occs)
        n_spans = 0
        for r, off in zip(a["rows"], a["offsets"]):
            low = r["text"].lower()
            for w in r.get("biased_words") or []:
                w = (w or "").strip().lower()
                i = low.find(w) if w else -1
                if i < 0:
                    continue
                n_spans += 1
                i += off
                j = i + len(w)
                hit = [o for o in occs if o["start"] < j and o["end"] > i]
                found_any += bool(hit)
                found_own += any(not o["in_quote"] for o in hit)
        spans += n_spans
        own_words = a["figures"]["own_voice_words"]
        own = sum(1 for o in occs if not o["in_quote"])
        words = len(ASCII_TERM.findall(a["text"]))
        xs.append(100 * own / own_words if own_words else 0.0)
        ys.append(100 * n_spans / words if words else 0.0)
    rho = spearman(xs, ys)
    return {
        "sentences": sum(len(a["rows"]) for a in articles),
        "articles": len(articles),
        "lexical_spans": spans,
        "spans_found": found_any,
        "recall": round(found_any / spans, 4) if spans else 0.0,
        "recall_own_voice": round(found_own / spans, 4) if spans else 0.0,
        "flagged_words": flagged,
        "flagged_in_quotes": flagged_in_quotes,
        "flagged_in_quotes_share": round(flagged_in_quotes / flagged, 4) if flagged else 0.0,
        "article_spearman": round(rho, 4) if rho is not None else None,
        "story_words_set_aside": set_aside,
    }
