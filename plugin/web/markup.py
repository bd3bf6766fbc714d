"""The article text cut into marked-up pieces for the templates (quotations by speaker, loaded
words, sentences), linear in the size of the text."""
from __future__ import annotations


SPEAKER_COLOURS = 8


def mark_up(text, sentences, quotes, occurrences):
    """The article text cut into segments for the template, in order, covering it whole.

    Each segment is {"sentence": the sentence row or None (text between sentences),
    "pieces": [{"text", "category"/"term" (a loaded word, or None), "quote" (quote position or
    None), "speaker", "colour" (speaker colour index)}]}. The template shows them with white
    space preserved; autoescaping keeps every piece inert. Linear in the size of the text.
    """
    direct = sorted((q for q in quotes if q["kind"] == "direct"), key=lambda q: q["mark_start"])
    colours = {}
    for q in direct:
        colours.setdefault(q["speaker"], len(colours) % SPEAKER_COLOURS)
    occs = sorted(occurrences, key=lambda o: o["start"])
    boundaries = {0, len(text)}
    for q in direct:
        boundaries.update((q["mark_start"], q["mark_end"]))
    for o in occs:
        boundaries.update((o["start"], o["end"]))
    for s in sentences:
        boundaries.update((s["start"], s["end"]))
    cuts = sorted(b for b in boundaries if 0 <= b <= len(text))
    segments = []
    qi = oi = si = 0
    for a, b in zip(cuts, cuts[1:]):
        while qi < len(direct) and direct[qi]["mark_end"] <= a:
            qi += 1
        while oi < len(occs) and occs[oi]["end"] <= a:
            oi += 1
        while si < len(sentences) and sentences[si]["end"] <= a:
            si += 1
        quote = direct[qi] if qi < len(direct) and direct[qi]["mark_start"] <= a else None
        occ = occs[oi] if oi < len(occs) and occs[oi]["start"] <= a else None
        sent = sentences[si] if si < len(sentences) and sentences[si]["start"] <= a else None
        if not segments or segments[-1]["sentence"] is not sent:
            segments.append({"sentence": sent, "pieces": []})
        segments[-1]["pieces"].append({
            "text": text[a:b],
            "category": occ["category"] if occ else None,
            "term": occ["term"] if occ else None,
            # why a loaded-word match is shown but not counted (None: it counts)
            "not_counted": _not_counted(occ) if occ else None,
            "quote": quote["position"] if quote else None,
            "speaker": quote["speaker"] if quote else None,
            "colour": colours[quote["speaker"]] if quote else None,
        })
    return segments


def speaker_legend(quotes):
    """[(speaker, colour index, quotations)] in order of first appearance."""
    out = {}
    for q in sorted(quotes, key=lambda q: q["mark_start"]):
        if q["kind"] != "direct":
            continue
        if q["speaker"] not in out:
            out[q["speaker"]] = [q["speaker"], len(out) % SPEAKER_COLOURS, 0]
        out[q["speaker"]][2] += 1
    return [tuple(v) for v in out.values()]


def mark_words(text: str, words: list[dict]) -> list[dict]:
    """Pieces of a sentence with its loaded words marked: [{"text", "category", "term"}]."""
    pieces, pos = [], 0
    for w in sorted(words, key=lambda w: w["start"]):
        if w["start"] < pos:
            continue
        if w["start"] > pos:
            pieces.append({"text": text[pos:w["start"]], "category": None, "term": None})
        pieces.append({"text": text[w["start"]:w["end"]], "category": w["category"],
                       "term": w["term"]})
        pos = w["end"]
    if pos < len(text):
        pieces.append({"text": text[pos:], "category": None, "term": None})
    return pieces


def _not_counted(occ) -> str | None:
    """Why an occurrence does not count as a loaded word, or None when it does."""
    if occ.get("story_word"):
        return "the story's articles share it (its own subject, or a word most of them use)"
    if occ.get("weight") == 0:
        return occ.get("sense") or "its context"
    return None
