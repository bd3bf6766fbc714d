"""The comparison pages: short handlers that read a page's rows (``queries``), build its data
(``pages``) and render it (``render``): JSON for ``.json``, else the page's template."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass

from datasette import NotFound

from . import coverage_page, markup, outlet_pages, pages, queries, speaker_pages
from .access import (can_view_database, covers, ensure_can_view_instance, get_only,
                     has_media_bias_tables, media_bias_database, settings)
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
    await ensure_can_view_instance(datasette, request.actor)
    out = []
    for name, db in datasette.databases.items():
        if name == "_internal":
            continue
        if not covers(datasette, name) or not await can_view_database(datasette, request.actor,
                                                                      name):
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
    size = _int_arg(request, "_size", settings(datasette, page.name).page_size, 1,
                    pages.MAX_PAGE_SIZE)
    number = _int_arg(request, "page", 1, 1, 10**6)
    offset = (number - 1) * size
    kept = await state(datasette).kept(page.db)
    figures = await kept.corpus_figures()
    everything = figures["stories"]  # every story with its counts, in the index's order
    if q:  # the stories whose title or key has q, or whose articles have its words
        titled, rowids = await queries.search_hits(page.db, q, pages.fts_query(q))
        stories, total = pages.search_results(everything, await kept.story_places(), titled,
                                              rowids, offset, size)
    else:  # the full listing aggregates every article: computed once per change of the data
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
    most_loaded = settings(datasette, page.name).most_loaded_per_article
    # the story's reads, together in one visit to a SQL thread (each is a few index ranges)
    coverage_tables = queries.COVERAGE_TABLES
    results = await queries.rows_together(db, [
        (queries.STORY_ARTICLES, params), (queries.STORY_SENTENCES, params),
        (queries.STORY_MOST_LOADED, {**params, "top": most_loaded}),
        (queries.STORY_QUOTES, params), (queries.STORY_SPEAKERS, params),
        (queries.STORY_WORDS, params),
        (queries.STORY_COVERAGE, params, coverage_tables),
        (queries.STORY_COVERAGE_MATCHES, params, coverage_tables),
        (queries.STORY_ARTICLE_COVERAGE, params, coverage_tables),
        (queries.STORY_ENTITIES, params, coverage_tables),
        (queries.STORY_OWN_LOADED, params, coverage_tables)])
    coverage = results[6:] if results[6] is not None else None
    results = results[:6]
    data = pages.story_page(page.name, page.links, page.row, *results, coverage=coverage)
    if page.fmt == "json":
        return await respond(datasette, request, page.fmt, "story", data)
    return await respond(datasette, request, page.fmt, "story", data, {
        "links": page.links, "charts": pages.story_charts(data),
        "label": {a["id"]: a["label"] for a in data["articles"]},
        "mark_words": markup.mark_words,
        "most_loaded_per_article": most_loaded})


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
    """/<db>/-/media-bias/outlets/<outlet>: an outlet against the other outlets on the same
    stories (precomputed at load), by month, its source mix, and its articles."""
    page = await open_page(datasette, request, "outlet", queries.OUTLET_PAGE)
    db, outlet_id = page.db, page.key
    size = _int_arg(request, "_size", 100, 1, pages.MAX_PAGE_SIZE)
    kept, (arts, vs, months, partners, mix, top, copies) = await asyncio.gather(
        state(datasette).kept(db), _outlet_rows(db, outlet_id, size))
    corpus = await kept.corpus_figures()
    # an outlet with no articles has no summary among the corpus figures
    summary = (corpus["outlet_summaries"].get(outlet_id)
               or (await rows(db, queries.OUTLET_SUMMARY, {"outlet": outlet_id}))[0])
    mine, corpus_stats = pages.outlet_stats(summary, corpus["summary"], corpus["outlet_means"])
    dist = {**pages.distance_params(outlet_id, mine, corpus_stats),
            "limit": outlet_pages.typical_limit(summary["articles"])}
    # from the kept corpus figures, so kept with them: each scans all the outlet's articles
    typical, extreme = await kept.figures_of(("typical and extreme", outlet_id),
                                             lambda db: _typical_and_extreme(db, dist))
    data = pages.outlet_page(page.name, page.links, page.row, summary, mine, corpus_stats,
                             corpus["outlet_means"], typical, extreme, arts)
    data["typical_note"] = None if dist["limit"] else (
        f"{summary['articles']} article{'s' if summary['articles'] != 1 else ''}: 'most "
        f"typical' and 'most extreme' need at least 3, or both lists would name the same")
    available = vs is not None
    data.update(outlet_pages.outlet_comparison(page.links, outlet_id, vs or [], months or [],
                                               partners or [], available))
    data["wire_copies_left_out"] = copies and copies[0]["copies"]
    rates = await kept.outlet_coverage()
    data["coverage"] = coverage_page.outlet_coverage_rates(
        None if rates is None else rates.get(outlet_id, {}))
    data["sources"] = (None if mix is None
                       else speaker_pages.outlet_sources(page.links, mix, top))
    if page.fmt == "json":
        return await respond(datasette, request, page.fmt, "outlet", data)
    return await respond(datasette, request, page.fmt, "outlet", data, {
        "links": page.links, "charts": pages.outlet_charts(data, kept.memo),
        "month_charts": outlet_pages.month_charts(data),
        "article_cells": pages.metric_cells(data["articles"])})


async def _outlet_rows(db, outlet_id, size) -> list[list[dict] | None]:
    """The outlet's own reads, together in one visit to a SQL thread: its latest ``size``
    articles, paired figures, months, partners, source mix, most quoted speakers (None: the
    database has no outlet comparison tables, or no speakers, loaded by an older release) and
    its wire copies of another outlet's article."""
    params = {"outlet": outlet_id}
    return await queries.rows_together(db, [
        (queries.OUTLET_ARTICLES, {**params, "limit": size}),
        (queries.OUTLET_VS_OTHERS, params, queries.OUTLET_TABLES),
        (queries.OUTLET_MONTHS, params, queries.OUTLET_TABLES),
        (queries.OUTLET_PARTNERS, {**params, "metric": outlet_pages.METRIC_NAMES[0],
                                   "limit": outlet_pages.PARTNERS}, queries.OUTLET_TABLES),
        (queries.OUTLET_SOURCES, params, queries.OUTLET_SOURCE_TABLES),
        (queries.OUTLET_TOP_SPEAKERS, params, queries.OUTLET_SOURCE_TABLES),
        (queries.OUTLET_COPIES, params, queries.OUTLET_COPIES_NEEDS)])


async def _typical_and_extreme(db, dist) -> tuple[list[dict], list[dict]]:
    """The outlet's most typical and most extreme articles (``queries.OUTLET_TYPICAL``,
    ``OUTLET_EXTREME`` with ``dist``)."""
    return tuple(await asyncio.gather(rows(db, queries.OUTLET_TYPICAL, dist),
                                      rows(db, queries.OUTLET_EXTREME, dist)))


# --- outlet comparisons ----------------------------------------------------------------------------

async def has_outlet_tables(db) -> bool:
    """Whether the database has the outlet tables (a database loaded by an older release gets
    them at its next load or recompute)."""
    names = set(await db.table_names())
    return all(t in names for t in queries.OUTLET_TABLES)


def _no_outlet_tables(name):
    return NotFound(f"{name} has no outlet comparison tables yet: run `media-bias recompute "
                    f"{name}.db --all` (or load into it) to compute them")


@get_only
async def outlet_vs_view(datasette, request):
    """/<db>/-/media-bias/outlets/<a>/vs/<b>: two outlets on the stories both covered."""
    page = await open_page(datasette, request, "a", queries.OUTLET_A)
    b = decode_key(request.url_vars["b"])
    found = await rows(page.db, queries.OUTLET, {"outlet": b})
    if not found:
        raise NotFound(f"No outlet {b!r} in {page.name}")
    if not await has_outlet_tables(page.db):
        raise _no_outlet_tables(page.name)
    params = {"a": page.key, "b": b}
    cells, pair = await asyncio.gather(rows(page.db, queries.OUTLET_PAIR_CELLS, params),
                                       rows(page.db, queries.OUTLET_PAIR, params))
    data = outlet_pages.vs_page(page.name, page.links, page.row, found[0], cells, pair)
    return await respond(datasette, request, page.fmt, "outlet_vs", data,
                         {"links": page.links})


@get_only
async def outlet_matrix_view(datasette, request):
    """/<db>/-/media-bias/outlet-matrix?metric=...: outlet against outlet, one metric."""
    page = await open_page(datasette, request)
    metric = request.args.get("metric") or outlet_pages.METRIC_NAMES[-1]
    if metric not in outlet_pages.METRIC_NAMES:
        raise NotFound(f"No metric {metric!r}: one of {', '.join(outlet_pages.METRIC_NAMES)}")
    if not await has_outlet_tables(page.db):
        raise _no_outlet_tables(page.name)
    top = _int_arg(request, "top", outlet_pages.MATRIX_TOP, 2, outlet_pages.MATRIX_MAX)
    params = {"metric": metric, "top": top}
    outlets, pairs = await asyncio.gather(rows(page.db, queries.MATRIX_OUTLETS, params),
                                          rows(page.db, queries.MATRIX_PAIRS, params))
    data = outlet_pages.matrix_page(page.name, page.links, metric, top, outlets, pairs)
    return await respond(datasette, request, page.fmt, "outlet_matrix", data,
                         {"links": page.links})


@get_only
async def speaker_view(datasette, request):
    """/<db>/-/media-bias/speakers/<speaker>: which outlets quote a speaker, how often, in which
    stories, with the quotations."""
    page = await open_page(datasette, request, "speaker", queries.SPEAKER)
    params = {"speaker": page.key}
    outlets, quotes = await asyncio.gather(
        rows(page.db, queries.SPEAKER_OUTLETS, params),
        rows(page.db, queries.SPEAKER_QUOTES, {**params, "limit": speaker_pages.QUOTES_SHOWN}))
    data = speaker_pages.speaker_page(page.name, page.links, page.row, outlets, quotes)
    return await respond(datasette, request, page.fmt, "speaker", data, {"links": page.links})
