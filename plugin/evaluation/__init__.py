"""Score the pipeline against annotated data: one function per data set, each returning a dict
of figures. ``media-bias evaluate`` prints them; ``docs/evaluation.md`` publishes them.

The data sets are read from paths given by the caller (``make evaluate`` passes the development
copies in ``../shared/data``); nothing here downloads anything, and no evaluation data is shipped
with the project.

* ``golden_rules(path)``: the English "Golden Rules" of sentence segmentation: rules passed, and
  the splitter's speed in MB/s of UTF-8 text.
* ``polnear(path)``: direct quotations found in PolNeAR articles (overlap match, P/R/F1) and the
  share of the found gold quotations whose speaker is right.
* ``babe(path)``: word-level P/R/F1 of loaded words in the author's voice against the experts'
  ``biased_words``, and sentence-level macro-F1 of "contains a loaded word in the author's voice".
* ``basil(path)``: recall of BASIL's lexical-bias spans, and how many flagged words fall inside
  quotations.
"""
from __future__ import annotations

import gzip
import json
import re
import time
from pathlib import Path

from ..analysis.english import ASCII_TERM
from ..analysis.lexicon import Lexicon, default_lexicon
from ..analysis.quotes import find_quotes
from ..analysis.segment import split_sentences

_WORDS = ASCII_TERM


def _read_jsonl(path) -> list[dict]:
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> dict:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


# --- sentences -----------------------------------------------------------------------------

def golden_rules(path, speed_text: str | None = None, repeat: int = 3) -> dict:
    """Rules passed (exact list of sentences) and splitter speed.

    Speed is measured on ``speed_text`` (default: the rules' texts and, when it is beside the
    rules file, the first 2,000 articles of ``baly_articles_10k.jsonl.gz``), best of ``repeat``.
    """
    rules = _read_jsonl(path)
    failed = []
    for r in rules:
        got = [r["text"][s:e] for s, e in split_sentences(r["text"])]
        if got != r["expected"]:
            failed.append(r["name"])
    if speed_text is None:
        corpus = Path(path).with_name("baly_articles_10k.jsonl.gz")
        if corpus.exists():
            texts = []
            with gzip.open(corpus, "rt", encoding="utf-8") as f:
                for i, line in enumerate(f):
                    if i >= 2000:
                        break
                    texts.append(json.loads(line)["text"])
            speed_text = "\n\n".join(texts)
            speed_source = f"{len(texts)} articles of {corpus.name}"
        else:
            speed_text = "\n".join(r["text"] for r in rules) * 200
            speed_source = "the rules' texts, repeated"
    else:
        speed_source = "given text"
    size = len(speed_text.encode("utf-8"))
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        split_sentences(speed_text)
        best = min(best, time.perf_counter() - t0)
    return {
        "rules": len(rules),
        "passed": len(rules) - len(failed),
        "failed": failed,
        "mb_per_s": round(size / best / 1e6, 2),
        "speed_text_mb": round(size / 1e6, 2),
        "speed_text": speed_source,
    }


# --- quotations ----------------------------------------------------------------------------

def _overlap(a0, a1, b0, b1) -> bool:
    return min(a1, b1) > max(a0, b0)


def _speaker_ok(q, gold: dict, text: str) -> bool:
    gs, ge = gold.get("source_start"), gold.get("source_end")
    if gs is None or ge is None:
        return q.speaker is None
    if q.speaker is None:
        return False
    for s, e in ((q.mention_start, q.mention_end), (q.speaker_start, q.speaker_end)):
        if s is not None and e is not None and _overlap(s, e, gs, ge):
            return True
    src = (gold.get("source_text") or text[gs:ge]).lower()
    last = q.speaker.split()[-1].lower().strip(".,")
    return len(last) > 2 and re.search(r"\b" + re.escape(last) + r"\b", src) is not None


def polnear(path, limit: int | None = None) -> dict:
    """Direct quotations: overlap P/R/F1 against ``is_direct`` attributions; speaker accuracy
    over the gold direct quotations that were found."""
    articles = _read_jsonl(path)[:limit]
    n_pred = tp_pred = n_gold = tp_gold = 0
    spk_total = spk_ok = 0
    attributed = 0
    for a in articles:
        text = a["text"]
        gold = [g for g in a["attributions"] if g.get("is_direct")]
        pred = [q for q in find_quotes(text) if q.kind == "direct" and not q.partial]
        n_pred += len(pred)
        n_gold += len(gold)
        for q in pred:
            if any(_overlap(q.mark_start, q.mark_end, g["content_start"], g["content_end"])
                   for g in gold):
                tp_pred += 1
        for g in gold:
            frags = g.get("content_fragments") or [[g["content_start"], g["content_end"]]]
            hits = [q for q in pred
                    if any(_overlap(q.mark_start, q.mark_end, s, e) for s, e in frags)]
            if not hits:
                continue
            tp_gold += 1
            spk_total += 1
            # the speaker of the quotation is judged on the fragment that carries it
            if any(q.speaker is not None for q in hits):
                attributed += 1
            if any(_speaker_ok(q, g, text) for q in hits):
                spk_ok += 1
    out = {"articles": len(articles), "gold_direct": n_gold, "predicted_direct": n_pred}
    out.update(_prf(tp_pred, n_pred, tp_gold, n_gold))
    out["speaker_accuracy"] = round(spk_ok / spk_total, 4) if spk_total else 0.0
    out["speaker_attributed"] = round(attributed / spk_total, 4) if spk_total else 0.0
    return out


# --- loaded words --------------------------------------------------------------------------

def _own_voice_occurrences(text: str, lexicon: Lexicon):
    """Loaded-word occurrences of ``text`` with an ``in_quote`` flag."""
    regions = [(q.mark_start, q.mark_end) for q in find_quotes(text) if q.kind == "direct"]
    out = []
    for o in lexicon.find(text):
        inq = any(a <= o.start < b for a, b in regions)
        out.append((o, inq))
    return out


def _gold_tokens(text: str, words: list[str]) -> set[int]:
    """Token indexes of ``text`` covered by the annotated words/phrases."""
    toks = [(m.group().lower(), m.start(), m.end()) for m in _WORDS.finditer(text)]
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
    toks = [(m.start(), m.end()) for m in _WORDS.finditer(text)]
    starts = [s for s, _ in toks]
    covered = set()
    import bisect
    for o in occs:
        i = bisect.bisect_right(starts, o.start) - 1
        while 0 <= i < len(toks) and toks[i][0] < o.end:
            if toks[i][1] > o.start:
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


def babe(path, lexicon: Lexicon | None = None) -> dict:
    """Word-level P/R/F1 of own-voice loaded words against ``biased_words`` (tokens, over all
    sentences), and sentence-level macro-F1 of "has an own-voice loaded word" vs ``label``."""
    lexicon = lexicon or default_lexicon()
    rows = _read_jsonl(path)
    n_pred = n_gold = tp = 0
    y_true, y_pred = [], []
    for r in rows:
        text = r["text"]
        occs = [o for o, inq in _own_voice_occurrences(text, lexicon) if not inq]
        pred = _pred_tokens(text, occs)
        gold = _gold_tokens(text, r.get("biased_words") or [])
        n_pred += len(pred)
        n_gold += len(gold)
        tp += len(pred & gold)
        y_true.append(r.get("label") == "biased")
        y_pred.append(bool(occs))
    out = {"sentences": len(rows), "gold_words": n_gold, "flagged_words": n_pred}
    out.update({"word_" + k: v for k, v in _prf(tp, n_pred, tp, n_gold).items()})
    out["sentence_macro_f1"] = round(_macro_f1(y_true, y_pred), 4)
    acc = sum(1 for t, p in zip(y_true, y_pred) if t == p) / len(rows) if rows else 0.0
    out["sentence_accuracy"] = round(acc, 4)
    return out


def basil(path, lexicon: Lexicon | None = None) -> dict:
    """Recall of BASIL lexical-bias spans (a span is found when a loaded word overlaps it), and
    the share of flagged words that fall inside quotations."""
    lexicon = lexicon or default_lexicon()
    rows = _read_jsonl(path)
    spans = found = found_own = 0
    flagged = flagged_in_quotes = 0
    gold_in_quotes = 0
    for r in rows:
        text = r["text"]
        occ = _own_voice_occurrences(text, lexicon)
        flagged += len(occ)
        flagged_in_quotes += sum(1 for _, inq in occ if inq)
        regions = [(q.mark_start, q.mark_end) for q in find_quotes(text) if q.kind == "direct"]
        low = text.lower()
        for w in r.get("biased_words") or []:
            w = (w or "").strip().lower()
            if not w:
                continue
            i = low.find(w)
            if i < 0:
                continue
            spans += 1
            j = i + len(w)
            if any(a <= i < b for a, b in regions):
                gold_in_quotes += 1
            hit = [(o, inq) for o, inq in occ if o.start < j and o.end > i]
            if hit:
                found += 1
                if any(not inq for _, inq in hit):
                    found_own += 1
    return {
        "sentences": len(rows),
        "lexical_spans": spans,
        "spans_found": found,
        "recall": round(found / spans, 4) if spans else 0.0,
        "recall_own_voice": round(found_own / spans, 4) if spans else 0.0,
        "gold_spans_in_quotes": round(gold_in_quotes / spans, 4) if spans else 0.0,
        "flagged_words": flagged,
        "flagged_in_quotes": flagged_in_quotes,
        "flagged_in_quotes_share": round(flagged_in_quotes / flagged, 4) if flagged else 0.0,
    }


DATASETS = {
    "golden_rules": ("golden_rules_en.jsonl", golden_rules),
    "polnear": ("polnear_quotes_dev.jsonl", polnear),
    "babe": ("babe_sentences_dev.jsonl", babe),
    "basil": ("basil_sentences_dev.jsonl", basil),
}


def evaluate_all(paths: dict[str, str | Path | None], lexicon: Lexicon | None = None) -> dict:
    """Run each evaluation whose path is given; returns {name: figures}."""
    out = {}
    for name, (_, fn) in DATASETS.items():
        p = paths.get(name)
        if not p:
            continue
        if name in ("babe", "basil"):
            out[name] = fn(p, lexicon=lexicon)
        else:
            out[name] = fn(p)
    return out


TARGETS = {
    ("golden_rules", "passed"): (">=", 47),
    ("golden_rules", "mb_per_s"): (">=", 3.0),
    ("polnear", "f1"): (">=", 0.90),
    ("polnear", "speaker_accuracy"): (">=", 0.80),
    ("babe", "word_f1"): (">=", 0.40),
    ("babe", "sentence_macro_f1"): (">=", 0.65),
}
_LABELS = {
    "golden_rules": [("passed", "rules passed"), ("rules", "rules"), ("mb_per_s", "speed, MB/s")],
    "polnear": [("gold_direct", "gold direct quotations"),
                ("predicted_direct", "direct quotations found"),
                ("precision", "precision (overlap)"), ("recall", "recall (overlap)"),
                ("f1", "F1 (overlap)"), ("speaker_accuracy", "speaker correct"),
                ("speaker_attributed", "speaker given")],
    "babe": [("word_precision", "word precision"), ("word_recall", "word recall"),
             ("word_f1", "word F1"), ("sentence_macro_f1", "sentence macro-F1"),
             ("sentence_accuracy", "sentence accuracy")],
    "basil": [("lexical_spans", "lexical-bias spans"), ("recall", "recall (any voice)"),
              ("recall_own_voice", "recall (own voice)"),
              ("gold_spans_in_quotes", "gold spans inside quotations"),
              ("flagged_words", "flagged words"),
              ("flagged_in_quotes_share", "flagged words inside quotations")],
}


def format_table(results: dict, paths: dict | None = None) -> str:
    """A plain-text table of ``results`` with the targets where there are any."""
    lines = []
    for name, figures in results.items():
        where = f" ({paths[name]})" if paths and paths.get(name) else ""
        lines.append(f"{name}{where}")
        for key, label in _LABELS.get(name, []):
            if key not in figures:
                continue
            value = figures[key]
            target = TARGETS.get((name, key))
            note = ""
            if target:
                op, t = target
                ok = value >= t
                note = f"   target {op} {t}: {'met' if ok else 'NOT met'}"
            lines.append(f"  {label:<34} {value}{note}")
        if name == "golden_rules" and figures.get("failed"):
            lines.append(f"  {'failed':<34} {', '.join(figures['failed'])}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
