"""Direct quotations and who said them, against PolNeAR's attributions."""
from __future__ import annotations

import re

from ..analysis.quotes import find_quotes
from .common import prf, read_jsonl


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
    articles = read_jsonl(path)[:limit]
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
    out.update(prf(tp_pred, n_pred, tp_gold, n_gold))
    out["speaker_accuracy"] = round(spk_ok / spk_total, 4) if spk_total else 0.0
    out["speaker_attributed"] = round(attributed / spk_total, 4) if spk_total else 0.0
    return out
