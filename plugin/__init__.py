"""datasette-media-bias: the Datasette hooks, kept thin; the pages live in ``web``, the loader in
``pipeline`` (see docs/architecture.md)."""
from __future__ import annotations

import functools

from datasette import hookimpl

from .web import access, compat
from .web import metadata as mb_metadata
from .web.access import has_media_bias_tables
from .web.compat import tilde_encode
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

    # article_flesch_reading_ease(text), ..., article_quote_ratio(text): the values the loader
    # stores in articles (the prose only, boilerplate left out; bundled lexicon), by the same
    # analysis; the functions above measure the raw text as given, boilerplate included
    from .analysis.metrics import COMPARED
    for metric in COMPARED:
        conn.create_function(f"article_{metric.name}", 1, _article_function(metric.name),
                             deterministic=True)


def _article_function(name):
    def sql_function(text):
        return None if text is None else _article_values(str(text))[name]

    return sql_function


@functools.lru_cache(maxsize=16)
def _article_values(text: str) -> dict:
    """One analysis per text, shared by the article_* functions of a row."""
    from .analysis import analyze_rows
    from .analysis.lexicon import default_lexicon

    return analyze_rows(text, default_lexicon()).article


@hookimpl
def startup(datasette):
    async def inner():
        access.settings(datasette)  # a bad plugin configuration stops the server, saying why
        await mb_metadata.install_all(datasette)  # Datasette 1.0 (0.65: the two hooks below)

    return inner


# Datasette 0.65 only (1.0 has neither hook: there install_all/install supply the same)
@hookimpl
def get_metadata(datasette, key, database, table):
    return mb_metadata.get_metadata_065(datasette, key, database, table)


@hookimpl
def canned_queries(datasette, database):
    return mb_metadata.canned_queries_065(datasette, database)


@hookimpl
def asgi_wrapper(datasette):
    return compat.remember_path  # 0.65 calls render_cell without the request


@hookimpl
def render_cell(value, column, table, database, datasette):
    """Long texts (articles.text, sentences.text) cut in table views, whole on the row page."""
    if (table, column) not in mb_metadata.LONG_TEXTS:
        return None
    return mb_metadata.cut_cell(value, column, table,
                                access.settings(datasette, database).truncate_text,
                                compat.request_path())


@hookimpl
def menu_links(datasette, actor):
    async def inner():
        if not await compat.allowed(datasette, actor, "view-instance", default=True):
            return []
        return [{"href": datasette.urls.path("/-/media-bias"), "label": "Media bias"}]

    return inner


@hookimpl
def database_actions(datasette, actor, database):
    async def inner():
        if not access.covers(datasette, database) or not await has_media_bias_tables(
                datasette.get_database(database)):
            return []
        await mb_metadata.install(datasette, database)  # 1.0: a database attached later
        return [{
            "href": datasette.urls.path(f"/{tilde_encode(database)}/-/media-bias"),
            "label": "Compare outlets by story",
            "description": "Readability, loaded language and quotation, outlet by outlet",
        }]

    return inner


@hookimpl
def table_actions(datasette, actor, database, table, request):
    async def inner():
        if table not in ("articles", "sentences", "stories", "outlets", "quotes") or (
                not access.covers(datasette, database)):
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
