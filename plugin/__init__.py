"""datasette-media-bias: Datasette hooks (kept thin; the work lives in the other modules)."""
from __future__ import annotations

from datasette import hookimpl
from datasette.utils import tilde_encode

from . import views

# A key segment: anything but "/"; a trailing ".json" is always the format, because Datasette's
# tilde-encoding turns a "." inside a key into "~2E".
_KEY = r"(?P<{}>[^/]+?)"
_FMT = r"(\.(?P<format>json))?$"
_DB = r"^/(?P<database>[^/]+)/-/media-bias"


@hookimpl
def register_routes():
    return [
        (r"^/-/media-bias" + _FMT, views.databases_view),
        (_DB + _FMT, views.index_view),
        (_DB + "/stories/" + _KEY.format("story") + _FMT, views.story_view),
        (_DB + "/articles/" + _KEY.format("article") + _FMT, views.article_view),
        (_DB + "/outlets/" + _KEY.format("outlet") + _FMT, views.outlet_view),
    ]


@hookimpl
def prepare_connection(conn):
    from .lexicon import loaded_words
    from .metrics import READABILITY, readability
    from .quotes import quote_ratio

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
        if not await views.has_media_bias_tables(datasette.get_database(database)):
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
        if not await views.has_media_bias_tables(db):
            return []
        links = views.Links(datasette, database)
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
