"""What each page shows, built from the rows its queries return: pure functions, testable
without Datasette. A page's dict is its JSON twin; the HTML renders exactly that dict (plus
chart geometry and helpers).
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from itertools import repeat

from markupsafe import Markup, escape

from ..analysis.english import STOP_WORDS
from ..analysis.metrics import BY_NAME, COMPARED, SENTENCE_SPREAD_NOT_SHOWN
from ..compare.coverage import DEFAULTS as COVERAGE_DEFAULTS, copies_within
from ..compare.quotes import shared_quotes
from ..compare.words import aligned_wording, own_voice_texts, quote_spans, word_choices
from . import charts, coverage_page
from .links import http_url

PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000
MOST_LOADED_PER_ARTICLE = 3


def fallback_title(text, limit: int = 90):
    """A title made from an article's first prose sentence (the queries give its first 200
    characters): white space collapsed, cut at a word with an ellipsis when longer than
    ``limit``."""
    if text is None:
        return None
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    space = text.rfind(" ", 0, limit + 1)
    # at a word boundary not too far back; a very long word is cut where it must be
    cut = text[:space] if space >= limit // 2 else text[:limit]
    return cut.rstrip(" ,;:-–—") + "…"


def metric_info() -> list[dict]:
    return [{"name": m.name, "label": m.label, "unit": m.unit, "description": m.description,
             "higher_means": m.higher_means,
             "sentence_spread_note": SENTENCE_SPREAD_NOT_SHOWN.get(m.name)} for m in COMPARED]


# --- index -----------------------------------------------------------------------------------

def index_page(name, links, q, page, size, stories, total, counts, fmt=None) -> tuple[dict, dict]:
    """The story list: (data, extra template context)."""
    for s in stories:
        s["url"] = links.story(s["id"])
        s["json_url"] = links.story(s["id"], "json")
    next_url = next_page_url = None
    if page * size < total:
        params = {"q": q, "_size": size, "page": page + 1}
        next_url = links.with_query(links.index(fmt), params)
        next_page_url = links.with_query(links.index(), params)
    data = {
        "database": name,
        "corpus": counts,
        "q": q,
        "page": page,
        "page_size": size,
        "stories_total": total,
        "stories": stories,
        "next_url": next_url,
    }
    return data, {"next_page_url": next_page_url}


@dataclass
class StoryPlaces:
    """Where each story stands in the index's story list (every story with articles, most
    articles first): by its key, and by the rowid of each of its articles. How a search maps
    the articles its full-text query finds to stories, with no read of the articles table."""
    by_key: dict
    by_rowid: list | dict  # a list indexed by rowid (-1: no listed story); a dict if sparse

    def of_articles(self, rowids: list[int]) -> set[int]:
        """The places of the stories of the articles ``rowids``."""
        table = self.by_rowid
        if isinstance(table, dict):
            found = set(map(table.get, rowids, repeat(-1)))
        else:
            if rowids and (min(rowids) < 0 or max(rowids) >= len(table)):
                rowids = [r for r in rowids if 0 <= r < len(table)]  # added since it was kept
            found = set(map(table.__getitem__, rowids))
        found.discard(-1)
        return found


def story_places(stories: list[dict], article_stories) -> StoryPlaces:
    """The places of ``stories`` (the kept story list), from each article's ``(rowid,
    story)``: a list up to the largest rowid (rowids given by SQLite are dense; 8 bytes each,
    the places themselves shared with ``by_key``), a dict when they are not."""
    by_key = {s["id"]: i for i, s in enumerate(stories)}
    pairs = [(r["article_rowid"], by_key[r["story"]]) for r in article_stories
             if r["story"] in by_key]
    rowids = [rowid for rowid, _ in pairs]
    if pairs and (min(rowids) < 0 or max(rowids) > 4 * len(pairs) + 1024):
        return StoryPlaces(by_key, dict(pairs))
    by_rowid = [-1] * (max(rowids, default=-1) + 1)
    for rowid, place in pairs:
        by_rowid[rowid] = place
    return StoryPlaces(by_key, by_rowid)


def search_results(stories: list[dict], places: StoryPlaces, titled: list[str],
                   rowids: list[int], offset: int, size: int) -> tuple[list[dict], int]:
    """A search's page of ``stories`` (the kept list, in its order and with its counts) from
    ``offset``, and how many it found in all: the stories whose key is in ``titled`` (title or
    key matched) or that have an article among ``rowids`` (its words matched)."""
    found = places.of_articles(rowids)
    found.update(places.by_key[k] for k in titled if k in places.by_key)
    chosen = sorted(found)[offset:offset + size]
    return [dict(stories[i]) for i in chosen], len(found)


# --- story -----------------------------------------------------------------------------------

def story_grouping(story, articles) -> dict:
    """How the story's articles were grouped (given by the input, or automatically), its key
    terms, each article's closeness to the story, and which are wire copies."""
    label = {a["id"]: a["label"] for a in articles}
    auto = story.get("kind") == "auto"
    rows = sorted(({"id": a["id"], "label": a["label"], "title": a["title"],
                    "closeness": a.get("story_similarity"), "copy_of": a.get("copy_of"),
                    "copy_of_label": label.get(a.get("copy_of"), a.get("copy_of"))}
                   for a in articles), key=lambda r: (-(r["closeness"] or 0), r["id"]))
    copies = len(copies_within((a["id"], a.get("copy_of")) for a in articles))
    return {
        "kind": story.get("kind") or "given",
        "how": ("Grouped automatically: these articles came without a story key and were put "
                "together by their headlines, the words and names of their first paragraphs, "
                "and their dates (media-bias stories corrects a grouping)." if auto else
                "Grouped by the input: each article's story key names this story."),
        "key_terms": json.loads(story.get("key_terms") or "[]"),
        "articles": rows,
        "wire_copies": copies,
        "independent_articles": len(rows) - copies,
    }


def _quantile(ordered: list, p: float) -> float:
    """Linear-interpolated quantile p of sorted values (numpy's default)."""
    pos = (len(ordered) - 1) * p
    lo = int(pos)
    frac = pos - lo
    value = ordered[lo] * (1 - frac)
    return value + ordered[lo + 1] * frac if lo + 1 < len(ordered) else value


def sentence_spread(values: list) -> dict | None:
    """The distribution of one metric over an article's prose sentences: n, min, quartiles,
    max and mean (None values left out; None when no sentence has a value)."""
    ordered = sorted(v for v in values if v is not None)
    if not ordered:
        return None
    total = 0.0
    for v in ordered:  # added in order, as SQLite's avg() did it (Python 3.12's sum() compensates)
        total += v
    return {"n": len(ordered), "min": ordered[0], "q1": _quantile(ordered, 0.25),
            "median": _quantile(ordered, 0.5), "q3": _quantile(ordered, 0.75),
            "max": ordered[-1], "mean": total / len(ordered)}


def story_page(name, links, story, arts, sentences, loaded, quotes, speakers,
               set_aside=(), coverage=None) -> dict:
    """The outlets of one story side by side, from the story's query rows (``sentences``: its
    prose sentences, which also give each metric's spread over each article's sentences)."""
    sentences_by_article = {}
    for v in sentences:
        sentences_by_article.setdefault(v["article_id"], []).append(v)
    articles = []
    for a in arts:
        own = sentences_by_article.get(a["id"], [])
        metric_values = {}
        for metric in COMPARED:
            values = [v[metric.name] for v in own if v[metric.name] is not None]
            metric_values[metric.name] = {
                "article": a.pop(metric.name),
                "vs_others": a.pop(f"{metric.name}__vs_others"),
                "sentences": sentence_spread(values),
                "sentence_values": values,
            }
        outlet = {"id": a.pop("outlet"), "name": a.pop("outlet_name")}
        a["untitled"] = bool(a["untitled"])
        if a["untitled"]:
            a["title"] = fallback_title(a["title"])
        articles.append({
            **a,
            "outlet": outlet,
            "label": outlet["name"] or f"Unidentified outlet ({a['id']})",
            "metrics": metric_values,
            "links": {
                "page": links.article(a["id"]),
                "json": links.article(a["id"], "json"),
                "sentences": links.sentences(a["id"]),
                "row": links.row("articles", a["id"]),
                "outlet": links.outlet(outlet["id"]) if outlet["id"] else None,
                "original": http_url(a["url"]),
            },
        })
    label = {a["id"]: a["label"] for a in articles}

    # the most loaded sentences of each outlet, in its own voice, with the words marked
    most_loaded = {a["id"]: [] for a in articles}
    for r in loaded:
        group = most_loaded[r["article_id"]]
        if not group or group[-1]["position"] != r["position"]:
            group.append({"position": r["position"], "text": r["text"], "start": r["start"],
                          "loaded_words_own_voice": r["loaded_words_own_voice"],
                          "loaded_per_100_words": r["loaded_per_100_words"], "words": [],
                          "link": links.article(r["article_id"]) + f"#s{r['position']}"})
        if r["term"] is not None:
            group[-1]["words"].append({"start": r["word_start"] - r["start"],
                                       "end": r["word_end"] - r["start"],
                                       "term": r["term"], "category": r["category"]})

    # who each outlet quotes
    speaker_rows = {}
    for r in speakers:  # by canonical speaker (speakers.id; None: not identified)
        key = r["speaker_id"]
        entry = speaker_rows.setdefault(key, {
            "speaker": r["name"], "id": key, "kind": r["kind"], "quotes": 0, "by_article": {},
            "link": links.speaker(key) if key else None})
        entry["quotes"] += r["quotes"]
        entry["by_article"][r["article_id"]] = {"quotes": r["quotes"],
                                                "quoted_chars": r["quoted_chars"]}
    who = sorted(speaker_rows.values(),
                 key=lambda e: (e["speaker"] is None, -len(e["by_article"]), -e["quotes"],
                                e["speaker"] or ""))

    own = own_voice_texts(sentences, quotes)  # the sentences, their direct quotations blanked
    # what each outlet alone reported, what it left out, who mentions what: stored at load
    # (``coverage``: the STORY_COVERAGE, _MATCHES, STORY_ARTICLE_COVERAGE, STORY_ENTITIES rows;
    # and STORY_OWN_LOADED's, the loaded words that the matched sentences are aligned on)
    judged, matches, summaries, entities, own_loaded = coverage or ([], [], [], [], [])
    return {
        "database": name,
        "story": {**story, "key_terms": json.loads(story.get("key_terms") or "[]"),
                  "articles": len(articles),
                  "outlets": len({a["outlet"]["id"] or a["id"] for a in articles})},
        "grouping": story_grouping(story, articles),
        "metrics": metric_info(),
        "articles": articles,
        "most_loaded_sentences": most_loaded,
        "speakers": who,
        "shared_quotes": [{**g, "link": links.speaker(g["speaker_id"]) if g["speaker_id"]
                           else None} for g in shared_quotes(quotes, label)],
        # loaded words: those the story's articles share, set aside, and where outlets name
        # the same thing with different sides of a known framing pair, in their own voice
        "story_words": list(set_aside),
        "word_choices": word_choices([{"id": a["id"], "text": own.get(a["id"], "")}
                                      for a in articles]),
        # sentences two outlets share, worded differently where one uses a loaded word
        "aligned_wording": _aligned_rows(links, label, aligned_wording(
            sentences, [(m["article_id"], m["position"], m["other_article_id"],
                         m["other_position"], m["score"]) for m in matches],
            own_loaded, quote_spans(quotes),
            {a["id"]: a["outlet"]["id"] or a["id"] for a in articles},
            min_score=COVERAGE_DEFAULTS["covered"])),
        "coverage": coverage_page.story_coverage(links, articles, sentences, judged, matches,
                                                 summaries, available=coverage is not None),
        "entities": coverage_page.story_entities(articles, entities),
    }


def _aligned_rows(links, label, rows) -> list[dict]:
    """``compare.words.aligned_wording``'s rows with each side's outlet and sentence link."""
    for r in rows:
        for s in r["sides"]:
            s["outlet"] = label.get(s["article_id"])
            s["link"] = links.article(s["article_id"]) + f"#s{s['position']}"
    return rows


def story_charts(data: dict) -> list[dict]:
    """One distribution chart per metric: every prose sentence of each outlet's article."""
    out = []
    for metric in COMPARED:
        if metric.name in SENTENCE_SPREAD_NOT_SHOWN:
            continue
        chart = charts.distribution(metric, [{
            "label": a["label"],
            "values": a["metrics"][metric.name]["sentence_values"],
            "article": a["metrics"][metric.name]["article"],
            "spread": a["metrics"][metric.name]["sentences"],
        } for a in data["articles"]])
        if chart:
            out.append(chart)
    return out


# --- article ---------------------------------------------------------------------------------

def article_page(name, links, article_id, art, sentences, quotes, occurrences) -> dict:
    text = art.pop("text")
    if art.get("title") is None:
        art["display_title"] = fallback_title(art.get("display_title"))
    art.pop("fingerprint", None)
    art.pop("story_vector", None)  # hashed tokens for the grouping, not for readers
    return {
        "database": name,
        "article": {
            **{k: v for k, v in art.items() if k not in BY_NAME},
            "text": text,
            "metrics": {m.name: art.get(m.name) for m in COMPARED},
            "links": {
                "story": links.story(art["story"]) if art["story"] else None,
                "outlet": links.outlet(art["outlet"]) if art["outlet"] else None,
                "row": links.row("articles", article_id),
                "sentences": links.sentences(article_id),
                "original": http_url(art["url"]),
            },
        },
        "metrics": metric_info(),
        "sentences": sentences,
        "quotes": quotes,
        "loaded_words": occurrences,
    }


# --- outlet ----------------------------------------------------------------------------------

def summary_stats(row) -> dict:
    """Mean, sd, n and a normal 95% interval of each metric from a summary row."""
    out = {}
    for m in COMPARED:
        mean, sd, n = row[f"{m.name}__mean"], row[f"{m.name}__sd"], row[f"{m.name}__n"]
        ci = None
        if mean is not None and n and n > 1:
            half = 1.96 * sd * math.sqrt(n / (n - 1)) / math.sqrt(n)  # sample sd / sqrt(n)
            ci = [mean - half, mean + half]
        out[m.name] = {"mean": mean, "sd": sd, "n": n, "ci95": ci}
    return out


def outlet_stats(summary, corpus_summary, means) -> tuple[dict, dict]:
    """The outlet's and the corpus' statistics, with where the outlet's mean sits among every
    outlet's."""
    mine, corpus = summary_stats(summary), summary_stats(corpus_summary)
    for m in COMPARED:
        others = [r[m.name] for r in means if r[m.name] is not None]
        mean = mine[m.name]["mean"]
        mine[m.name]["percentile"] = (
            round(100 * sum(1 for v in others if v < mean) / len(others), 1)
            if mean is not None and others else None)
        mine[m.name]["outlets_compared"] = len(others)
    return mine, corpus


def distance_params(outlet_id, mine, corpus) -> dict:
    """Parameters of the most typical / most extreme article queries."""
    params = {"outlet": outlet_id, "limit": 3}
    for m in COMPARED:
        params[f"mean_{m.name}"] = mine[m.name]["mean"] or 0.0
        params[f"sd_{m.name}"] = corpus[m.name]["sd"] or 1.0
    return params


def outlet_page(name, links, outlet, summary, mine, corpus, means, typical, extreme,
                arts) -> dict:
    # typical and extreme are kept between requests: copied, not changed
    typical, extreme = ([{**a, "link": links.article(a["id"])} for a in found]
                        for found in (typical, extreme))
    for a in arts:
        a["metrics"] = {m.name: a.pop(m.name) for m in COMPARED}
        a["links"] = {"page": links.article(a["id"]),
                      "story": links.story(a["story"]) if a["story"] else None}
    labels = json.loads(outlet.get("labels") or "null") or {}
    return {
        "database": name,
        "outlet": {"id": outlet["id"], "name": outlet["name"], "domain": outlet["domain"],
                   "articles": summary["articles"],
                   # the input's labels filed under it (by web site, or aliases), most first
                   "labels": [{"label": k, "articles": v} for k, v in labels.items()]},
        "metrics": metric_info(),
        "outlet_metrics": mine,
        "corpus_metrics": corpus,
        "outlet_means": [{"outlet": r["outlet"], "articles": r["articles"],
                          **{m.name: r[m.name] for m in COMPARED}} for r in means],
        "most_typical_articles": typical,
        "most_extreme_articles": extreme,
        "articles": arts,
    }


def outlet_charts(data: dict, memo: dict | None = None) -> list[dict]:
    """Where the outlet's mean sits among every outlet's, one chart per metric (``memo``: see
    ``charts.position``)."""
    out = []
    means = data["outlet_means"]
    labels = {}  # escaped once for all the charts
    for m in COMPARED:
        ci = data["outlet_metrics"][m.name]["ci95"] or [None, None]
        chart = charts.position(m, [(r["outlet"], r[m.name]) for r in means],
                                data["outlet"]["id"], ci[0], ci[1], labels, memo)
        if chart:
            out.append(chart)
    return out


def metric_cells(articles: list[dict]) -> list[Markup]:
    """Each article's row of metric cells in the outlet page's table of its articles (a
    hundred rows of numbers: drawn here, like the charts' dots)."""
    return [Markup("".join(f'<td class="mb-num">{escape(m.show(a["metrics"][m.name], ""))}</td>'
                           for m in COMPARED)) for a in articles]


# the shortest last token of a word that also matches as a prefix: FTS5 merges the list of every
# word that starts with the prefix, and at 100k articles "U.S."* (the phrase u s*: every word in
# s) costs a second, "co"* 0.3 s, where "U.S." costs 14 ms; a prefix of three letters at most
# ~0.2 s ("the"*)
MIN_PREFIX = 3
_TOKEN = re.compile(r"[^\W_]+")  # FTS5's unicode61 tokens: runs of letters and digits


def fts_query(q: str) -> str:
    """A search box's words as an FTS5 query (a bound parameter, never SQL) matching all of
    them, each a quoted string (so that FTS5 operators and punctuation typed in are plain text)
    and a prefix ("Ethiopia" finds "Ethiopian") unless its last token is shorter than
    MIN_PREFIX ("U.S." finds U.S., not every u followed by a word in s) or it is a function word
    ("the border wall": "the"* would merge every word in the..., 0.15 s at 100k articles, for
    the same articles); empty when no word is left."""
    words = [w.replace('"', "") for w in q.split()]
    return " ".join(f'"{w}"*' if len(_TOKEN.findall(w)[-1]) >= MIN_PREFIX
                    and w.lower() not in STOP_WORDS else f'"{w}"'
                    for w in words if any(c.isalnum() for c in w))
