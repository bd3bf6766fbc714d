"""The comparison pages: short handlers that read a page's rows (``queries``), build its data
(``pages``) and render it (``render``): JSON for ``.json``, else the page's template."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass

from datasette import NotFound

from . import markup, pages, queries
from .access import get_only, has_media_bias_tables, media_bias_database
from .links import Links, decode_key
from .queries import rows
from .render import respond
from .state import state


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
    page = Page(name, request.url_vars.get("format"), db, Links(datasette.urls, name))
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
        out.append({"database": name, **counts, "url": Links(datasette.urls, name).index()})
    return await respond(datasette, request, fmt, "databases", {"databases": out})


@get_only
async def index_view(datasette, request):
    """/<db>/-/media-bias: the stories, searchable, with how many outlets covered each."""
    page = await open_page(datasette, request)
    q = (request.args.get("q") or "").strip()
    size = _int_arg(request, "_size", pages.PAGE_SIZE, 1, pages.MAX_PAGE_SIZE)
    number = _int_arg(request, "page", 1, 1, 10**6)
    offset = (number - 1) * size
    figures = await state(datasette).corpus_figures(page.db)
    if q:
        params = {"q": q, "limit": size, "offset": offset}
        stories = await rows(page.db, queries.STORIES, params)
        total = (await page.db.execute(queries.STORIES_COUNT, {"q": q})).first()[0]
    else:  # the full listing aggregates every article: computed once per change of the data
        everything = figures["stories"]
        stories = [dict(s) for s in everything[offset:offset + size]]
        total = len(everything)
    data, extra = pages.index_page(page.name, page.links, q, number, size, stories, total,
                                   figures["counts"], page.fmt)
    return await respond(datasette, request, page.fmt, "index", data,
                         {"links": page.links, **extra})


@get_only
async def story_view(datasette, request):
    """/<db>/-/media-bias/stories/<story>: the outlets that covered a story, side by side."""
    page = await open_page(datasette, request, "story", queries.STORY)
    db, params = page.db, {"story": page.key}
    # independent reads, run at once on Datasette's SQL threads (SQLite releases the GIL)
    results = await asyncio.gather(
        rows(db, queries.STORY_ARTICLES, params),
        rows(db, queries.STORY_SPREAD, params),
        rows(db, queries.STORY_SENTENCES, params),
        rows(db, queries.STORY_MOST_LOADED, {**params, "top": pages.MOST_LOADED_PER_ARTICLE}),
        rows(db, queries.STORY_QUOTES, params),
        rows(db, queries.STORY_SPEAKERS, params),
    )
    data = pages.story_page(page.name, page.links, page.row, *results)
    if page.fmt == "json":
        return await respond(datasette, request, page.fmt, "story", data)
    return await respond(datasette, request, page.fmt, "story", data, {
        "links": page.links, "charts": pages.story_charts(data),
        "label": {a["id"]: a["label"] for a in data["articles"]},
        "mark_words": markup.mark_words,
        "most_loaded_per_article": pages.MOST_LOADED_PER_ARTICLE,
        "min_content_words": pages.MIN_CONTENT_WORDS})


@get_only
async def article_view(datasette, request):
    """/<db>/-/media-bias/articles/<article>: one article, sentence by sentence."""
    page = await open_page(datasette, request, "article", queries.ARTICLE)
    params = {"article": page.key}
    sentences, quotes, occurrences = await asyncio.gather(
        rows(page.db, queries.ARTICLE_SENTENCES, params),
        rows(page.db, queries.ARTICLE_QUOTES, params),
        rows(page.db, queries.ARTICLE_OCCURRENCES, params))
    data = pages.article_page(page.name, page.links, page.key, page.row, sentences, quotes,
                              occurrences)
    if page.fmt == "json":
        return await respond(datasette, request, page.fmt, "article", data)
    return await respond(datasette, request, page.fmt, "article", data, {
        "links": page.links,
        "segments": markup.mark_up(data["article"]["text"], sentences, quotes, occurrences),
        "speakers": markup.speaker_legend(quotes)})


@get_only
async def outlet_view(datasette, request):
    """/<db>/-/media-bias/outlets/<outlet>: an outlet across its stories, against the corpus."""
    page = await open_page(datasette, request, "outlet", queries.OUTLET)
    db, outlet_id = page.db, page.key
    size = _int_arg(request, "_size", 100, 1, pages.MAX_PAGE_SIZE)
    arts = await rows(db, queries.OUTLET_ARTICLES, {"outlet": outlet_id, "limit": size})
    summary = (await rows(db, queries.OUTLET_SUMMARY, {"outlet": outlet_id}))[0]
    corpus = await state(datasette).corpus_figures(db)
    mine, corpus_stats = pages.outlet_stats(summary, corpus["summary"], corpus["outlet_means"])
    params = pages.distance_params(outlet_id, mine, corpus_stats)
    typical = await rows(db, queries.OUTLET_TYPICAL, params)
    extreme = await rows(db, queries.OUTLET_EXTREME, params)
    data = pages.outlet_page(page.name, page.links, page.row, summary, mine, corpus_stats,
                             corpus["outlet_means"], typical, extreme, arts)
    if page.fmt == "json":
        return await respond(datasette, request, page.fmt, "outlet", data)
    return await respond(datasette, request, page.fmt, "outlet", data,
                         {"links": page.links, "charts": pages.outlet_charts(data)})
