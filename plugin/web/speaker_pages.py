"""The data of the speaker page and of an outlet's source mix, built from their query rows: pure
functions, testable without Datasette."""
from __future__ import annotations

import json

# the kinds of speaker, in the order the pages show them ("none": no speaker identified)
KINDS = ("person", "organisation", "document", "anonymous", "group", "none")
KIND_LABELS = {"person": "named people", "organisation": "organisations",
               "document": "documents (statements, reports, lawsuits...)",
               "anonymous": "anonymous sources", "group": "groups (protesters, Democrats...)",
               "none": "speaker not identified"}
QUOTES_SHOWN = 100  # articles whose quotations a speaker page lists


def speaker_page(name, links, speaker, outlets, quotes, limit=QUOTES_SHOWN) -> dict:
    """A speaker: its outlets (how often each quotes it) and its quotations, story by story."""
    sp = dict(speaker)
    try:
        sp["roles"] = json.loads(sp.get("roles") or "[]")
    except ValueError:
        sp["roles"] = []
    total = sum(o["quotes"] for o in outlets) or 0
    out_rows = []
    for o in outlets:
        out_rows.append({
            "id": o["outlet"], "name": o["outlet_name"] or "Unidentified outlet",
            "quotes": o["quotes"], "articles": o["articles"], "stories": o["stories"],
            "share": round(o["quotes"] / total, 4) if total else None,
            "link": links.outlet(o["outlet"]) if o["outlet"] else None})
    stories: dict = {}
    for q in quotes:
        key = q["story"] or f"article:{q['article_id']}"
        st = stories.setdefault(key, {
            "id": q["story"], "title": q["story_title"] or q["story"] or q["title"],
            "link": links.story(q["story"]) if q["story"] else None, "quotations": []})
        st["quotations"].append({
            "article_id": q["article_id"], "position": q["position"], "text": q["text"],
            "as_written": q["speaker"], "role": q["speaker_role"], "partial": bool(q["partial"]),
            "outlet": q["outlet_name"] or "Unidentified outlet", "date": q["date"],
            "article_title": q["title"], "link": links.article(q["article_id"])})
    return {
        "database": name,
        "speaker": {**sp, "links": {"row": links.row("speakers", sp["id"])}},
        "outlets": out_rows,
        "stories": list(stories.values()),
        "quotations_shown": len(quotes),
        "quotations_total": sp.get("quotes"),
        "articles_limit": limit,
    }


def _shares(counts: dict) -> tuple[dict, int]:
    total = sum(counts.values())
    return {k: {"quotes": counts.get(k, 0),
                "share": round(counts.get(k, 0) / total, 4) if total else None}
            for k in KINDS}, total


def outlet_sources(links, mix, top) -> dict:
    """An outlet's source mix (rows of ``outlet_sources``): its direct quotations by kind of
    speaker on all its articles and on the stories another outlet also covered, the other
    outlets' on the stories it covered, and the speakers it quotes most (``outlet_speakers``)
    with how often the others quote them there."""
    def column(name):
        return {r["kind"] if r["kind"] in KINDS else "none": r[name] or 0 for r in mix}

    mine, total = _shares(column("quotes"))
    shared, shared_total = _shares(column("shared_quotes"))
    theirs, theirs_total = _shares(column("others_quotes"))
    return {
        "kinds": [{"kind": k, "label": KIND_LABELS[k], "outlet": mine[k],
                   "outlet_same_stories": shared[k], "others_same_stories": theirs[k]}
                  for k in KINDS],
        "quotes": total,
        "quotes_same_stories": shared_total,
        "others_quotes_same_stories": theirs_total,
        "anonymous_share": mine["anonymous"]["share"],
        "anonymous_share_same_stories": shared["anonymous"]["share"],
        "others_anonymous_share_same_stories": theirs["anonymous"]["share"],
        "top_speakers": [{"id": r["speaker_id"], "name": r["name"], "kind": r["kind"],
                          "quotes": r["quotes"], "articles": r["articles"],
                          "others_quotes_same_stories": r["others_quotes"],
                          "link": links.speaker(r["speaker_id"])} for r in top],
    }
