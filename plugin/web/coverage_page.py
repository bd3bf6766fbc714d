"""The coverage parts of the story and outlet pages, from the stored coverage (written at load by
``pipeline/coverage.py``): pure functions of the query rows, testable without Datasette.

Story page: per article, what only it reported (``only_here`` sentences, and ``partly`` ones
with the details no other article has) and what it left out that the others carried, each with
its evidence (the best-matching sentences elsewhere and their scores); and the matrix of which
outlet mentions which person, organisation, place or figure, those only one outlet mentions
first. Outlet page: the same counts added up over the outlet's articles.
"""
from __future__ import annotations

import json

from ..compare.coverage import DEFAULTS, compares_all, copies_within, left_out
from ..compare.entities import entity_matrix

# how many sentences of each kind the story page lists per article (the counts are complete)
LIST_LIMIT = 25
PAGE_LIST_LIMIT = 10  # of those, on the HTML page (the JSON twin has LIST_LIMIT)
LEFT_OUT_LIMIT = 10
EVIDENCE_LIMIT = 3  # best matches shown per sentence (several rows of one article: a window)
MATRIX_LIMIT = 80  # entity rows on the story page


def _ratio(n, d):
    return round(n / d, 4) if d else None


def story_coverage(links, articles, sentences, coverage, matches, summaries,
                   available: bool = True) -> dict:
    """``articles``: the story page's articles (``id``, ``label``); ``sentences``: its prose
    sentence rows (for the evidence's text); the rest: the STORY_COVERAGE* query rows;
    ``available``: false when the database has no coverage tables yet."""
    label = {a["id"]: a["label"] for a in articles}
    # wire copies of another article of the story are not compared (pipeline/coverage.py)
    copies = copies_within((a["id"], a.get("copy_of")) for a in articles)
    ids = [a["id"] for a in articles if a["id"] not in copies]
    text = {(s["article_id"], s["position"]): s["text"] for s in sentences}
    by_sentence: dict[tuple, list] = {}
    for m in matches:
        by_sentence.setdefault((m["article_id"], m["position"]), []).append(m)
    statuses = {(r["article_id"], r["position"]): r["coverage"] for r in coverage}
    n_sentences = sum(1 for s in sentences if s["article_id"] not in copies)
    complete = compares_all(len(ids), n_sentences)

    def link(aid, pos):
        return links.article(aid) + f"#s{pos}"

    def evidence(aid, pos, only_to=None):
        out = []
        for m in by_sentence.get((aid, pos), []):
            if only_to is not None and m["other_article_id"] != only_to:
                continue
            key = (m["other_article_id"], m["other_position"])
            out.append({"article_id": key[0], "outlet": label.get(key[0]), "position": key[1],
                        "text": text.get(key), "score": m["score"], "link": link(*key)})
            if len(out) >= EVIDENCE_LIMIT:
                break
        return out

    by_article = {a["id"]: {"summary": None, "only_here": [], "partly": [], "left_out": [],
                            "copy_of": None} for a in articles}
    for aid, original in copies.items():
        by_article[aid]["copy_of"] = {"article_id": original, "outlet": label[original]}
    for r in summaries:
        if r["article_id"] in by_article and r["article_id"] not in copies:
            by_article[r["article_id"]]["summary"] = {
                k: r[k] for k in ("judged", "covered", "partly", "only_here", "others_judged",
                                  "left_out", "entities", "entities_only_here")}
    for r in coverage:
        aid, pos = r["article_id"], r["position"]
        if r["coverage"] not in ("only_here", "partly") or aid not in by_article or \
                aid in copies:
            continue
        found = by_article[aid][r["coverage"]]
        if len(found) >= LIST_LIMIT:
            continue
        item = {"position": pos, "text": text.get((aid, pos)), "score": r["coverage_score"],
                "link": link(aid, pos), "evidence": evidence(aid, pos)}
        if r["coverage"] == "partly":
            item["missing"] = json.loads(r["coverage_missing"] or "[]")
        found.append(item)
    # what each article leaves out: the others' sentences it does not carry, those carried by
    # the most articles first, with its own closest sentence when it has one
    match_tuples = [(m["article_id"], m["position"], m["other_article_id"], m["other_position"],
                     m["score"]) for m in matches
                    if m["article_id"] not in copies and m["other_article_id"] not in copies]
    for aid, items in left_out(ids, statuses, match_tuples, LEFT_OUT_LIMIT,
                               n_sentences=n_sentences).items():
        for (other, pos), carried_by in items:
            closest = evidence(other, pos, only_to=aid)
            by_article[aid]["left_out"].append({
                "article_id": other, "outlet": label.get(other), "position": pos,
                "text": text.get((other, pos)), "carried_by": carried_by,
                "link": link(other, pos), "closest_here": closest[0] if closest else None})
    return {
        "available": available,
        "compared": len(ids) >= 2,
        "complete": complete,
        "thresholds": {"covered": DEFAULTS["covered"], "only_here": DEFAULTS["only_here"]},
        "list_limit": LIST_LIMIT,
        "page_list_limit": PAGE_LIST_LIMIT,
        "left_out_limit": LEFT_OUT_LIMIT,
        "by_article": by_article,
    }


def story_entities(articles, rows) -> dict:
    """The matrix of entities and figures by article, those only one article mentions first."""
    ids = {a["id"] for a in articles}
    per_article: dict[str, list] = {}
    canon = {}
    for r in rows:
        if r["article_id"] not in ids:
            continue
        per_article.setdefault(r["article_id"], []).append(
            {"key": r["key"], "kind": r["kind"], "text": r["text"], "mentions": r["mentions"],
             "start": r["start"], "end": r["end"]})
        canon[r["key"]] = r["entity"]
    matrix = entity_matrix(per_article, canon)
    out = []
    for row in matrix[:MATRIX_LIMIT]:
        out.append({
            "entity": row["key"], "kind": row["kind"], "label": row["label"],
            "articles": row["n_articles"],
            "by_article": {aid: {"mentions": sum(m["mentions"] for m in ms),
                                 "text": ms[0]["text"], "start": ms[0]["start"],
                                 "end": ms[0]["end"]}
                           for aid, ms in row["articles"].items()}})
    return {"total": len(matrix),
            "only_one_article": sum(1 for r in matrix if r["n_articles"] == 1),
            "shown": len(out), "rows": out}


def outlet_coverage_rates(row: dict | None) -> dict:
    """The outlet page's coverage rates, from the OUTLET_COVERAGE row (None: the database has
    no coverage tables yet)."""
    available = row is not None
    row = dict(row or {})
    judged = row.get("judged") or 0
    others = row.get("others_judged") or 0
    return {
        "available": available,
        "articles": row.get("articles") or 0,
        "stories": row.get("stories") or 0,
        "judged": judged,
        "only_here": row.get("only_here") or 0,
        "partly": row.get("partly") or 0,
        "own_information": (row.get("only_here") or 0) + (row.get("partly") or 0),
        "own_information_rate": _ratio((row.get("only_here") or 0) + (row.get("partly") or 0),
                                       judged),
        "only_here_rate": _ratio(row.get("only_here") or 0, judged),
        "articles_with_own": row.get("articles_with_own") or 0,
        "others_judged": others,
        "left_out": row.get("left_out") or 0,
        "left_out_rate": _ratio(row.get("left_out") or 0, others),
        "articles_left_out_known": row.get("articles_left_out_known") or 0,
        "articles_leaving_out": row.get("articles_leaving_out") or 0,
        "entities": row.get("entities") or 0,
        "entities_only_here": row.get("entities_only_here") or 0,
        "entities_only_here_rate": _ratio(row.get("entities_only_here") or 0,
                                          row.get("entities") or 0),
    }
