"""The comparison pages. Each view builds one dict that is served as JSON (``.json``) or
rendered into its template; the HTML shows exactly the data of its JSON twin.
"""
from __future__ import annotations

import asyncio
import math
from dataclasses import dataclass
from urllib.parse import unquote

from datasette import Forbidden, NotFound, Response
from datasette.utils import tilde_decode, tilde_encode
from markupsafe import Markup

from . import charts, compare, queries
from .metrics import COMPARED, BY_NAME

PAGE_SIZE = 50
_corpus_cache: dict = {}  # (database name, path) -> (articles signature, figures)
_corpus_locks: dict = {}  # ((database name, path), event loop id) -> asyncio.Lock
MOST_LOADED_PER_ARTICLE = 3
MAX_PAGE_SIZE = 1000


# --- helpers ---------------------------------------------------------------------------------

def decode_key(raw: str) -> str:
    """A key from a URL: tilde-encoded as Datasette builds them, or plain %-encoded."""
    if "%" in raw:
        raw = unquote(raw)
        return raw if "~" not in raw else tilde_decode(raw)
    return tilde_decode(raw)


async def ensure_can_view(datasette, request, database: str) -> None:
    """The same rule as Datasette's own table pages for ``articles``: table, then database,
    then instance permission. Raises Forbidden."""
    checks = [("view-table", (database, "articles")), ("view-database", database),
              "view-instance"]
    if hasattr(datasette, "ensure_permissions"):
        await datasette.ensure_permissions(request.actor, checks)
    else:  # pragma: no cover - Datasette 1.0 alphas
        for action, resource in checks[:2]:
            if not await datasette.permission_allowed(request.actor, action, resource):
                raise Forbidden(action)


async def media_bias_database(datasette, request, name: str):
    """The Database named in the URL, checked for permission and for media-bias tables."""
    try:
        db = datasette.get_database(name)
    except KeyError:
        raise NotFound(f"Database not found: {name}")
    await ensure_can_view(datasette, request, name)
    if not await has_media_bias_tables(db):
        raise NotFound(f"{name} has no media-bias tables: load articles with "
                       f"`media-bias load {name}.db INPUT`")
    return db


async def has_media_bias_tables(db) -> bool:
    names = set(await db.table_names())
    return all(t in names for t in queries.TABLES_NEEDED)


async def corpus_rows(db, sql, params=None) -> list[dict]:
    """Like rows(), without Datasette's per-request SQL time limit: for the aggregates over the
    whole corpus that are computed once per change of the data (corpus_figures)."""
    def run(conn):
        cursor = conn.execute(sql, params or {})
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, r)) for r in cursor.fetchall()]

    return await db.execute_fn(run)


async def rows(db, sql, params=None) -> list[dict]:
    result = await db.execute(sql, params or {})
    return [dict(r) for r in result.rows]


def metric_info() -> list[dict]:
    return [{"name": m.name, "label": m.label, "unit": m.unit, "description": m.description,
             "higher_means": m.higher_means} for m in COMPARED]


class Links:
    """Every link a page needs, built with datasette.urls (so base_url is respected)."""

    def __init__(self, datasette, database: str):
        self.urls = datasette.urls
        self.database = database

    def index(self, fmt=None):
        return self.urls.path(f"/{tilde_encode(self.database)}/-/media-bias", format=fmt)

    def _page(self, kind, key, fmt=None):
        return self.urls.path(
            f"/{tilde_encode(self.database)}/-/media-bias/{kind}/{tilde_encode(key)}",
            format=fmt)

    def story(self, key, fmt=None):
        return self._page("stories", key, fmt)

    def article(self, key, fmt=None):
        return self._page("articles", key, fmt)

    def outlet(self, key, fmt=None):
        return self._page("outlets", key, fmt)

    def sentences(self, article_id):
        return self.urls.table(self.database, "sentences") + "?" + _qs(
            {"article_id": article_id, "_sort": "position"})

    def row(self, table, pk):
        return self.urls.row(self.database, table, tilde_encode(pk))


def http_url(url) -> str | None:
    """The URL if it is http(s) (the only kind the pages turn into links), else None."""
    if isinstance(url, str) and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def _qs(params: dict) -> str:
    from urllib.parse import urlencode

    return urlencode(params)


def get_only(view):
    """Plugin pages only read: any method but GET and HEAD is answered 405."""
    async def inner(datasette, request):
        if request.method not in ("GET", "HEAD"):
            return Response.text("Method not allowed: these pages are read-only.\n", status=405,
                                 headers={"Allow": "GET, HEAD"})
        return await view(datasette, request)

    inner.__name__ = view.__name__
    inner.__doc__ = view.__doc__
    return inner


_sync_envs: dict = {}  # id(datasette.jinja_env) -> (that env, a synchronous twin)


def _sync_env(datasette):
    """A synchronous Jinja environment over Datasette's template loader (so templates users put
    in --template-dir still win), with its filters and globals. Datasette renders in async
    mode, where every piece of output passes through a chain of async generators; the big
    per-page bodies render several times faster without that."""
    from jinja2 import Environment

    env = datasette.jinja_env
    cached = _sync_envs.get(id(env))
    if cached is None or cached[0] is not env:
        sync = Environment(loader=env.loader, autoescape=True, extensions=list(env.extensions),
                           trim_blocks=env.trim_blocks, lstrip_blocks=env.lstrip_blocks)
        sync.filters.update(env.filters)
        sync.globals.update(env.globals)
        cached = _sync_envs[id(env)] = (env, sync)
    return cached[1]


async def respond(datasette, request, fmt, template, data, extra=None):
    if fmt == "json":
        return Response.json(data, default=str)
    name = f"media_bias_{template}.html"
    context = {"data": data, "metrics": COMPARED, "metric_by_name": BY_NAME,
               "json_url": request.path + ".json" + (
                   "?" + request.query_string if request.query_string else ""),
               **(extra or {})}
    # the page's own content (its mb_content block) renders synchronously; Datasette renders
    # the rest of the page - its header, menus, title and crumbs - around it
    view = _sync_env(datasette).get_template(name)
    body = Markup("".join(view.blocks["mb_content"](view.new_context(
        {"urls": datasette.urls, "request": request, **context}))))
    html = await datasette.render_template(
        ["media_bias_page.html"], {**context, "page_template": name, "page_body": body},
        request=request)
    return Response.html(html)


@dataclass
class Page:
    """What every database page starts from: the database, its links, and the one row the URL
    names (a story, article or outlet)."""

    name: str
    fmt: str | None
    db: object
    links: Links
    key: str | None = None
    row: dict | None = None


async def open_page(datasette, request, key: str | None = None, query: str | None = None):
    """Resolve the database (permission-checked) and, for ``key``, its row, or raise 404."""
    name = request.url_vars["database"]
    db = await media_bias_database(datasette, request, name)
    page = Page(name, request.url_vars.get("format"), db, Links(datasette, name))
    if key:
        page.key = decode_key(request.url_vars[key])
        found = await rows(db, query, {key: page.key})
        if not found:
            raise NotFound(f"No {key} {page.key!r} in {name}")
        page.row = found[0]
    return page


def _int_arg(request, name, default, lo, hi):
    try:
        return max(lo, min(hi, int(request.args.get(name, default))))
    except ValueError:
        return default


# --- views -----------------------------------------------------------------------------------

@get_only
async def databases_view(datasette, request):
    """/-/media-bias: the databases that hold media-bias tables."""
    fmt = request.url_vars.get("format")
    await datasette.ensure_permissions(request.actor, ["view-instance"])
    out = []
    for name, db in datasette.databases.items():
        if name == "_internal":
            continue
        if not await datasette.permission_allowed(request.actor, "view-database", name,
                                                  default=True):
            continue
        if not await has_media_bias_tables(db):
            continue
        counts = (await rows(db, queries.CORPUS_COUNTS))[0]
        out.append({"database": name, **counts,
                    "url": Links(datasette, name).index()})
    data = {"databases": out}
    return await respond(datasette, request, fmt, "databases", data)


@get_only
async def index_view(datasette, request):
    """/<db>/-/media-bias: the stories, searchable, with how many outlets covered each."""
    page = await open_page(datasette, request)
    name, fmt, db, links = page.name, page.fmt, page.db, page.links
    q = (request.args.get("q") or "").strip()
    size = _int_arg(request, "_size", PAGE_SIZE, 1, MAX_PAGE_SIZE)
    page = _int_arg(request, "page", 1, 1, 10**6)
    offset = (page - 1) * size
    if q:
        params = {"q": q, "limit": size, "offset": offset}
        stories = await rows(db, queries.STORIES, params)
        total = (await db.execute(queries.STORIES_COUNT, {"q": q})).first()[0]
    else:  # the full listing aggregates every article: computed once per change of the data
        everything = (await corpus_figures(db))["stories"]
        stories = [dict(s) for s in everything[offset:offset + size]]
        total = len(everything)
    counts = (await corpus_figures(db))["counts"]
    for s in stories:
        s["url"] = links.story(s["id"])
        s["json_url"] = links.story(s["id"], "json")
    next_url = next_page_url = None
    if page * size < total:
        query = "?" + _qs({"q": q, "_size": size, "page": page + 1})
        next_url = links.index(fmt) + query
        next_page_url = links.index() + query
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
    return await respond(datasette, request, fmt, "index", data,
                         {"links": links, "next_page_url": next_page_url})


@get_only
async def story_view(datasette, request):
    """/<db>/-/media-bias/stories/<story>: the outlets that covered a story, side by side."""
    page = await open_page(datasette, request, "story", queries.STORY)
    name, fmt, db, links = page.name, page.fmt, page.db, page.links
    story_id, story = page.key, page.row
    params = {"story": story_id}
    # independent reads, run at once on Datasette's SQL threads (SQLite releases the GIL)
    arts, spread, sentences, loaded, quotes, speakers = await asyncio.gather(
        rows(db, queries.STORY_ARTICLES, params),
        rows(db, queries.STORY_SPREAD, params),
        rows(db, queries.STORY_SENTENCES, params),
        rows(db, queries.STORY_MOST_LOADED, {**params, "top": MOST_LOADED_PER_ARTICLE}),
        rows(db, queries.STORY_QUOTES, params),
        rows(db, queries.STORY_SPEAKERS, params),
    )

    sentences_by_article = {}
    for v in sentences:
        sentences_by_article.setdefault(v["article_id"], []).append(v)
    spread_by_article = {}
    for sp in spread:
        spread_by_article.setdefault(sp.pop("article_id"), {})[sp.pop("metric")] = sp
    articles = []
    for a in arts:
        own = sentences_by_article.get(a["id"], [])
        metric_values = {}
        for metric in COMPARED:
            metric_values[metric.name] = {
                "article": a.pop(metric.name),
                "vs_others": a.pop(f"{metric.name}__vs_others"),
                "sentences": spread_by_article.get(a["id"], {}).get(metric.name),
                "sentence_values": [v[metric.name] for v in own if v[metric.name] is not None],
            }
        outlet = {"id": a.pop("outlet"), "name": a.pop("outlet_name")}
        a["untitled"] = bool(a["untitled"])
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
    for r in speakers:
        key = r["speaker"]
        entry = speaker_rows.setdefault(key, {"speaker": key, "quotes": 0, "by_article": {}})
        entry["quotes"] += r["quotes"]
        entry["by_article"][r["article_id"]] = {"quotes": r["quotes"],
                                                "quoted_chars": r["quoted_chars"]}
    who = sorted(speaker_rows.values(),
                 key=lambda e: (e["speaker"] is None, -len(e["by_article"]), -e["quotes"],
                                e["speaker"] or ""))

    data = {
        "database": name,
        "story": {**story, "articles": len(articles),
                  "outlets": len({a["outlet"]["id"] or a["id"] for a in articles})},
        "metrics": metric_info(),
        "articles": articles,
        "most_loaded_sentences": most_loaded,
        "speakers": who,
        "shared_quotes": compare.shared_quotes(quotes, label),
        "only_here": compare.unique_sentences(
            [{"id": a["id"], "sentences": sentences_by_article.get(a["id"], [])}
             for a in articles]),
    }
    for found in data["only_here"].values():
        for s in found:
            for k in list(s):
                if k in BY_NAME:
                    del s[k]
    if fmt == "json":
        return await respond(datasette, request, fmt, "story", data)
    chart_list = []
    for metric in COMPARED:
        chart = charts.distribution(metric, [{
            "label": a["label"],
            "values": a["metrics"][metric.name]["sentence_values"],
            "article": a["metrics"][metric.name]["article"],
            "spread": a["metrics"][metric.name]["sentences"],
        } for a in articles])
        if chart:
            chart["svg"] = charts.distribution_svg(chart)
            chart_list.append(chart)
    return await respond(datasette, request, fmt, "story", data,
                         {"links": links, "charts": chart_list, "label": label,
                          "mark_words": mark_words,
                          "most_loaded_per_article": MOST_LOADED_PER_ARTICLE,
                          "min_content_words": compare.MIN_CONTENT_WORDS})


@get_only
async def article_view(datasette, request):
    """/<db>/-/media-bias/articles/<article>: one article, sentence by sentence."""
    page = await open_page(datasette, request, "article", queries.ARTICLE)
    name, fmt, db, links = page.name, page.fmt, page.db, page.links
    article_id, art = page.key, page.row
    params = {"article": article_id}
    sentences = await rows(db, queries.ARTICLE_SENTENCES, params)
    quotes = await rows(db, queries.ARTICLE_QUOTES, params)
    occurrences = await rows(db, queries.ARTICLE_OCCURRENCES, params)
    text = art.pop("text")
    art.pop("fingerprint", None)
    data = {
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
    marked = mark_up(text, sentences, quotes, occurrences)
    return await respond(datasette, request, fmt, "article", data,
                         {"links": links, "segments": marked,
                          "speakers": speaker_legend(quotes)})


async def corpus_figures(db) -> dict:
    """Figures over the whole database (corpus summary, every outlet's means, the story list
    with its counts), computed in SQL once and kept until the articles table changes."""
    signature = tuple((await db.execute(queries.ARTICLES_SIGNATURE)).first())
    key = (db.name, db.path)
    cached = _corpus_cache.get(key)
    if cached is not None and cached[0] == signature:
        return cached[1]
    # one computation at a time: concurrent first requests wait for it instead of each
    # aggregating the whole corpus (and running into the SQL time limit together)
    lock = _corpus_locks.setdefault((key, id(asyncio.get_running_loop())), asyncio.Lock())
    async with lock:
        cached = _corpus_cache.get(key)
        if cached is not None and cached[0] == signature:
            return cached[1]
        # aggregates over the whole corpus, run once per change of the data: not held to the
        # per-request SQL time limit, which a busy server would otherwise overrun
        figures = {
            "summary": (await corpus_rows(db, queries.CORPUS_SUMMARY))[0],
            "outlet_means": await corpus_rows(db, queries.OUTLET_MEANS),
            "stories": await corpus_rows(db, queries.STORIES,
                                         {"q": "", "limit": -1, "offset": 0}),
            "counts": (await corpus_rows(db, queries.CORPUS_COUNTS))[0],
        }
        cached = _corpus_cache[key] = (signature, figures)
    return cached[1]


def _stats(row) -> dict:
    out = {}
    for m in COMPARED:
        mean, sd, n = row[f"{m.name}__mean"], row[f"{m.name}__sd"], row[f"{m.name}__n"]
        ci = None
        if mean is not None and n and n > 1:
            half = 1.96 * sd * math.sqrt(n / (n - 1)) / math.sqrt(n)  # sample sd / sqrt(n)
            ci = [mean - half, mean + half]
        out[m.name] = {"mean": mean, "sd": sd, "n": n, "ci95": ci}
    return out


@get_only
async def outlet_view(datasette, request):
    """/<db>/-/media-bias/outlets/<outlet>: an outlet across its stories, against the corpus."""
    page = await open_page(datasette, request, "outlet", queries.OUTLET)
    name, fmt, db, links = page.name, page.fmt, page.db, page.links
    outlet_id, outlet = page.key, page.row
    size = _int_arg(request, "_size", 100, 1, MAX_PAGE_SIZE)
    arts = await rows(db, queries.OUTLET_ARTICLES, {"outlet": outlet_id, "limit": size})
    summary = (await rows(db, queries.OUTLET_SUMMARY, {"outlet": outlet_id}))[0]
    corpus = await corpus_figures(db)
    outlet_stats = _stats(summary)
    corpus_stats = _stats(corpus["summary"])
    means = corpus["outlet_means"]
    for m in COMPARED:
        others = [r[m.name] for r in means if r[m.name] is not None]
        mine = outlet_stats[m.name]["mean"]
        outlet_stats[m.name]["percentile"] = (
            round(100 * sum(1 for v in others if v < mine) / len(others), 1)
            if mine is not None and others else None)
        outlet_stats[m.name]["outlets_compared"] = len(others)

    distance_params = {"outlet": outlet_id, "limit": 3}
    for m in COMPARED:
        distance_params[f"mean_{m.name}"] = outlet_stats[m.name]["mean"] or 0.0
        distance_params[f"sd_{m.name}"] = corpus_stats[m.name]["sd"] or 1.0
    typical = await rows(db, queries.OUTLET_TYPICAL, distance_params)
    extreme = await rows(db, queries.OUTLET_EXTREME, distance_params)
    for a in typical + extreme:
        a["link"] = links.article(a["id"])
    for a in arts:
        a["metrics"] = {m.name: a.pop(m.name) for m in COMPARED}
        a["links"] = {"page": links.article(a["id"]),
                      "story": links.story(a["story"]) if a["story"] else None}
    data = {
        "database": name,
        "outlet": {**outlet, "articles": summary["articles"]},
        "metrics": metric_info(),
        "outlet_metrics": outlet_stats,
        "corpus_metrics": corpus_stats,
        "outlet_means": [{"outlet": r["outlet"], "articles": r["articles"],
                          **{m.name: r[m.name] for m in COMPARED}} for r in means],
        "most_typical_articles": typical,
        "most_extreme_articles": extreme,
        "articles": arts,
    }
    position_charts = []
    for m in COMPARED:
        ci = outlet_stats[m.name]["ci95"] or [None, None]
        chart = charts.position(m, [(r["outlet"], r[m.name]) for r in means], outlet_id,
                                ci[0], ci[1])
        if chart:
            chart["svg"] = charts.position_svg(chart, outlet["name"])
            position_charts.append(chart)
    return await respond(datasette, request, fmt, "outlet", data,
                         {"links": links, "charts": position_charts})


# --- article mark-up -------------------------------------------------------------------------

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
