"""Coverage (``compare.coverage``) against sentences labelled by careful reading, and against
ECB+ cross-document event coreference.

* ``coverage_dev(path, articles=None)``: ``coverage_dev.jsonl`` labels sentences of real stories
  ``covered``, ``partly``, ``not_covered`` or ``no_content``; the stories' articles are read from
  ``articles`` (default: ``common.article_files``: ``articles_<split>.jsonl`` beside ``path``,
  then ``articles_dev.jsonl``), split into sentences by the
  loader's own splitter and boilerplate rules, and judged story by story. A labelled span is
  matched to the stored sentence it overlaps most. On the sentences labelled other than
  ``no_content``: precision, recall and F1 of "has information the other articles lack" (gold
  ``partly`` or ``not_covered``; ours ``partly`` or ``only_here``), the same for the strict
  ``only_here`` against ``not_covered``, and the share of ``covered`` sentences called
  ``only_here``.
* ``ecbplus_coverage(path)``: ECB+ documents grouped by ``subtopic`` (one event, several
  outlets), with the annotated sentences as given; of the sentences whose event is mentioned in
  another document of the subtopic (``covered_elsewhere``), the share called ``only_here`` (a
  false claim of exclusivity).
"""
from __future__ import annotations

import time
from collections import defaultdict

from ..analysis.boilerplate import boilerplate_kinds
from ..analysis.segment import split_sentences
from ..compare.coverage import story_coverage
from .common import article_files, check_articles, read_articles, read_jsonl


def _prf(tp: int, npred: int, ngold: int) -> dict:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
            "tp": tp, "predicted": npred, "gold": ngold}


def _sentences(text: str) -> list[dict]:
    """The sentence rows the loader stores (position, offsets, text, boilerplate)."""
    spans = split_sentences(text)
    kinds = boilerplate_kinds(text, spans)
    return [{"position": i, "start": s, "end": e, "text": text[s:e],
             "is_boilerplate": k is not None} for i, ((s, e), k) in enumerate(zip(spans, kinds))]


def coverage_dev(path, articles=None) -> dict:
    rows = read_jsonl(path)
    wanted = {r["story"] for r in rows}
    files = article_files(path, articles)
    stories = defaultdict(list)
    found = read_articles(files)
    for a in found.values():
        if a.get("story") in wanted:
            stories[a["story"]].append(a)
    refs: dict = {}
    for r in rows:
        refs.setdefault(r["sid"].rsplit("@", 1)[0], r["sid"])
    check_articles(path, refs, found, files)
    preds, sentences_of, ms = {}, {}, []
    for story in sorted(stories):
        arts = [{"id": a["id"], "sentences": _sentences(a["text"])}
                for a in sorted(stories[story], key=lambda a: a["id"])]
        t0 = time.perf_counter()
        preds.update(story_coverage(arts)["sentences"])
        ms.append((time.perf_counter() - t0) * 1000)
        sentences_of.update({a["id"]: a["sentences"] for a in arts})
    pairs = []
    for r in rows:
        if r["label"] == "no_content":
            continue
        aid, span = r["sid"].rsplit("@", 1)
        s0, e0 = map(int, span.split("-"))
        best, overlap = None, 0
        for s in sentences_of.get(aid, []):
            o = min(e0, s["end"]) - max(s0, s["start"])
            if o > overlap:
                best, overlap = s, o
        status = preds.get((aid, best["position"]), {}).get("coverage") if best else None
        pairs.append((r["label"], status))
    gold_new = [g in ("partly", "not_covered") for g, _ in pairs]
    pred_new = [p in ("partly", "only_here") for _, p in pairs]
    new_info = _prf(sum(g and p for g, p in zip(gold_new, pred_new)), sum(pred_new),
                    sum(gold_new))
    strict = _prf(sum(g == "not_covered" and p == "only_here" for g, p in pairs),
                  sum(p == "only_here" for _, p in pairs),
                  sum(g == "not_covered" for g, _ in pairs))
    covered = [p for g, p in pairs if g == "covered"]
    called = sum(p == "only_here" for p in covered)
    confusion = defaultdict(int)
    for g, p in pairs:
        confusion[f"{g}->{p}"] += 1
    return {
        "stories": len(stories), "sentences": len(pairs),
        "new_info_precision": new_info["precision"], "new_info_recall": new_info["recall"],
        "new_info_f1": new_info["f1"],
        "only_here_precision": strict["precision"], "only_here_recall": strict["recall"],
        "covered_called_only_here": round(called / len(covered), 3) if covered else None,
        "covered_called_only_here_n": [called, len(covered)],
        "new_info": new_info, "strict_only_here": strict,
        "confusion": dict(sorted(confusion.items())),
        "ms_per_story": round(sum(ms) / len(ms), 2) if ms else None,
    }


def ecbplus_coverage(path) -> dict:
    groups = defaultdict(list)
    for d in read_jsonl(path):
        groups[d["subtopic"]].append(d)
    covered = only_here = partly = 0
    ms = []
    for sub in sorted(groups):
        docs = groups[sub]
        arts = [{"id": d["id"], "sentences": [
            {"position": s["n"], "start": s["start"], "end": s["end"],
             "text": d["text"][s["start"]:s["end"]], "is_boilerplate": False}
            for s in d["sentences"]]} for d in docs]
        t0 = time.perf_counter()
        result = story_coverage(arts)["sentences"]
        ms.append((time.perf_counter() - t0) * 1000)
        for d in docs:
            for s in d["sentences"]:
                if s.get("covered_elsewhere"):
                    covered += 1
                    status = result.get((d["id"], s["n"]), {}).get("coverage")
                    only_here += status == "only_here"
                    partly += status == "partly"
    return {"subtopics": len(groups), "covered_sentences": covered,
            "called_only_here": only_here,
            "share_only_here": round(only_here / covered, 3) if covered else None,
            "called_partly": partly,
            "ms_per_story": round(sum(ms) / len(ms), 2) if ms else None}
