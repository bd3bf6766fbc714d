"""Who may see a page, which databases the pages cover, and the plugin's settings.

Permissions go through ``compat`` (Datasette 0.65's ``permission_allowed`` or 1.0's
``allowed``); the settings come from Datasette's plugin configuration, ``plugins:
datasette-media-bias:`` in metadata on 0.65 or in ``datasette.yaml`` on 1.0 (README
"Configuration")."""
from __future__ import annotations

from dataclasses import dataclass, fields

from . import compat
from . import metadata as mb_metadata
from .compat import NotFound, Response
from .queries import TABLES_NEEDED

PLUGIN = "datasette-media-bias"


@dataclass(frozen=True)
class Settings:
    """The plugin configuration, with its defaults (README "Configuration")."""

    # the databases the pages cover; None: every database that holds the media-bias tables
    databases: tuple | None = None
    # stories per page of the story index (?_size= still overrides it, up to 1,000)
    page_size: int = 50
    # sentences per article in the story page's "most loaded sentences" table
    most_loaded_per_article: int = 3
    # characters of articles.text and sentences.text shown in Datasette's table views
    # (the row page shows the whole text); 0 shows them whole
    truncate_text: int = 300


_LIMITS = {"page_size": (1, 1000), "most_loaded_per_article": (1, 50),
           "truncate_text": (0, 10**7)}


def parse_settings(raw, where: str = PLUGIN) -> Settings:
    """Settings from a plugin configuration block; a one-line ValueError naming the key for a
    bad one."""
    if not raw:
        return Settings()
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: the plugin configuration must be a mapping, got {raw!r}")
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ValueError(f"{where}: unknown setting {unknown[0]!r} (known: "
                         f"{', '.join(sorted(known))})")
    values = {}
    for key, value in raw.items():
        if key == "databases":
            if value is None:
                continue
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"{where}: databases must be a list of database names, "
                                 f"got {value!r}")
            values[key] = tuple(value)
            continue
        lo, hi = _LIMITS[key]
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            raise ValueError(f"{where}: {key} must be a whole number from {lo} to {hi}, "
                             f"got {value!r}")
        values[key] = value
    return Settings(**values)


def settings(datasette, database: str | None = None) -> Settings:
    """The plugin configuration for ``database``: the instance's block, with the database's
    own block over it. (Read level by level: Datasette 1.0a41's plugin_config does not fall
    back to the instance's block when a database has configuration of its own.)"""
    raw = datasette.plugin_config(PLUGIN) or {}
    if database is not None:
        own = datasette.plugin_config(PLUGIN, database=database, fallback=False)
        if own:
            if not isinstance(own, dict) or not isinstance(raw, dict):
                return parse_settings(own, f"{PLUGIN} (database {database})")
            raw = {**raw, **own}
    return parse_settings(raw)


def covers(datasette, name: str) -> bool:
    """Whether the configuration lets the pages cover database ``name``."""
    chosen = settings(datasette).databases
    return chosen is None or name in chosen


async def ensure_can_view(datasette, request, database: str) -> None:
    """The same rule as Datasette's own table pages for ``articles``: table, then database,
    then instance permission. Raises Forbidden."""
    await compat.ensure_can_view(datasette, request.actor, database, "articles")


async def can_view_database(datasette, actor, database: str) -> bool:
    return await compat.can_view_database(datasette, actor, database)


async def ensure_can_view_instance(datasette, actor) -> None:
    await compat.ensure_can_view_instance(datasette, actor)


async def has_media_bias_tables(db) -> bool:
    names = set(await db.table_names())
    return all(t in names for t in TABLES_NEEDED)


async def media_bias_database(datasette, request, name: str):
    """The Database named in the URL, checked for permission, for the plugin configuration and
    for media-bias tables."""
    try:
        db = datasette.get_database(name)
    except KeyError:
        raise NotFound(f"Database not found: {name}")
    await ensure_can_view(datasette, request, name)
    if not covers(datasette, name):
        raise NotFound(f"The media-bias pages do not cover {name}: see the `databases` "
                       f"setting of the {PLUGIN} plugin configuration")
    if not await has_media_bias_tables(db):
        raise NotFound(f"{name} has no media-bias tables: load articles with "
                       f"`media-bias load {name}.db INPUT`")
    # Datasette 1.0: a database attached after start-up gets the plugin's descriptions and
    # stored queries at its first page (0.65 reads them from the hooks at every request)
    await mb_metadata.install(datasette, name)
    return db


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
