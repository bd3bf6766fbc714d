"""datasette-media-bias: the Datasette hooks, kept thin; the pages live in ``web``, the loader in
``pipeline`` (see docs/architecture.md)."""
from __future__ import annotations

from datasette import hookimpl
from datasette.utils import tilde_encode

from .web.access import has_media_bias_tables
from .web.links import Links
from .web.routes import ROUTES


@hookimpl
def register_routes():
    return ROUTES


@hookimpl
def prepare_connection(conn):
    from .analysis.lexicon import loaded_words
    from .analysis.metrics import READABILITY, readability
    from .analysis.quotes import quote_ratio

    def readability_function(name):
        def sql_function(text):
            return None if text is None else readability(str(text))[name]

        return sql_function

    # flesch_reading_ease(text), flesch_kincaid_grade(text), ... as textstat computes them
    for metric in READABILITY:
        conn.create_function(metric.name, 1, readability_function(metric.name),
                             deterministic=True)
    conn.create_function("loaded_words", 1, loaded_words, deterministic=True)
    conn.create_function("quote_ratio", 1, quote_ratio, deterministic=True)


@hookimpl
def menu_links(datasette, actor):
    async def inner():
        if not await datasette.permission_allowed(actor, "view-instance", default=True):
            return []
        return [{"href": datasette.urls.path("/-/media-bias"), "label": "Media bias"}]

    return inner


@hookimpl
def database_actions(datasette, actor, database):
    async def inner():
        if not await has_media_bias_tables(datasette.get_database(database)):
            return []
        return [{
            "href": datasette.urls.path(f"/{tilde_encode(database)}/-/media-bias"),
            "label": "Compare outlets by story",
            "description": "Readability, loaded language and quotation, outlet by outlet",
        }]

    return inner


@hookimpl
def table_actions(datasette, actor, database, table, request):
    async def inner():
        if table not in ("articles", "sentences", "stories", "outlets", "quotes"):
            return []
        db = datasette.get_database(database)
        if not await has_media_bias_tables(db):
            return []
        links = Links(datasette.urls, database)
        actions = [{"href": links.index(), "label": "Compare outlets by story"}]
        # filtered to one article or one story: offer that article's or story's page
        args = request.args if request else {}
        if table in ("sentences", "quotes") and args.get("article_id"):
            actions.insert(0, {"href": links.article(args["article_id"]),
                               "label": "Read this article with its marks"})
        if table == "articles" and args.get("story"):
            actions.insert(0, {"href": links.story(args["story"]),
                               "label": "Compare the outlets on this story"})
        return actions

    return inner
