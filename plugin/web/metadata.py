"""Descriptions, label columns, facets and stored queries the plugin supplies for every
database that holds media-bias tables, whatever its name (media_bias_metadata.yml).

* Datasette 0.65: the ``get_metadata`` and ``canned_queries`` hooks (``hooks_065_*`` below);
  metadata.yml / ``--metadata`` entries win over what the plugin supplies.
* Datasette 1.0: ``install()`` writes the descriptions with ``set_resource_metadata`` /
  ``set_column_metadata`` (only where the user's metadata has none), the stored queries with
  ``add_query(source="plugin")`` (a query of the same name from the user's config is kept),
  and label_column/facets into ``datasette.config`` (setdefault: datasette.yaml wins). It runs
  from the startup hook and again, once per database, from the plugin's pages and actions, so a
  database attached or loaded after start-up gets them too.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path

import yaml

from . import compat
from .queries import TABLES_NEEDED

# packaged beside the hooks, at the top of the package (setup.py package_data)
_FILE = Path(__file__).resolve().parent.parent / "media_bias_metadata.yml"
_TABLE_CONFIG_KEYS = ("label_column", "facets", "sort", "sort_desc", "size")


@functools.lru_cache(maxsize=1)
def supplied() -> dict:
    """{"description": str, "tables": {table: {"description", "label_column", "facets",
    "columns": {column: description}}}, "queries": {name: {"title", "description", "sql"}}}"""
    return yaml.safe_load(_FILE.read_text(encoding="utf-8"))


def _copy(value):
    """A fresh copy of YAML data (dicts, lists, scalars): Datasette 0.65 asks the hooks for
    metadata several times per page, and ``copy.deepcopy`` cost milliseconds each time."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def database_metadata() -> dict:
    """The per-database metadata block (0.65 shape), without the queries."""
    data = _copy(supplied())
    data.pop("queries", None)
    return data


def canned_queries() -> dict:
    return _copy(supplied()["queries"])


# --- which databases hold media-bias tables ---------------------------------------------------

_CACHE_ATTR = "_media_bias_tables_cache"  # on the Datasette: name -> (file signature, bool)
_DONE_ATTR = "_media_bias_installed"  # on the Datasette: names of the databases done (1.0)


def _signature(db):
    path = getattr(db, "path", None)
    if not path or getattr(db, "is_memory", False):
        return None
    try:
        return tuple(os.stat(p).st_mtime_ns if os.path.exists(p) else 0
                     for p in (path, path + "-wal"))
    except OSError:
        return None


def has_tables_sync(datasette, name: str) -> bool:
    """Synchronous check for the 0.65 ``get_metadata`` hook, cached until the file changes."""
    try:
        db = datasette.get_database(name)
    except KeyError:
        return False
    sig = _signature(db)
    cache = datasette.__dict__.setdefault(_CACHE_ATTR, {})
    key = (name, getattr(db, "path", None))
    cached = cache.get(key)
    if cached is not None and sig is not None and cached[0] == sig:
        return cached[1]
    try:
        conn = db.connect()
        try:
            names = {r[0] for r in conn.execute(
                "select name from sqlite_master where type = 'table'")}
        finally:
            conn.close()
    except Exception:
        return False
    found = all(t in names for t in TABLES_NEEDED)
    cache[key] = (sig, found)
    return found


async def has_tables(db) -> bool:
    names = set(await db.table_names())
    return all(t in names for t in TABLES_NEEDED)


# --- Datasette 0.65 hooks ---------------------------------------------------------------------

# the keys the supplied block holds (database and table level): Datasette asks for others
# (plugins, allow, ...) on every plugin_config() and permission check
_PROVIDED = {"databases", "description", "tables", "queries", "label_column", "facets",
             "columns"}


def get_metadata_065(datasette, key, database, table) -> dict:
    """The get_metadata hook's answer (a fresh copy: Datasette merges the user's metadata into
    it), cut down to the one table asked about."""
    if key is not None and key not in _PROVIDED:
        return {}
    names = [database] if database else [n for n in datasette.databases if n != "_internal"]
    names = [n for n in names if has_tables_sync(datasette, n)]
    if not names:
        return {}
    if table is not None:
        data = supplied()
        block = {"description": data["description"],
                 "tables": {table: _copy(data["tables"].get(table, {}))}}
        return {"databases": {n: _copy(block) for n in names}}
    return {"databases": {n: database_metadata() for n in names}}


async def canned_queries_065(datasette, database) -> dict:
    try:
        db = datasette.get_database(database)
    except KeyError:
        return {}
    if not await has_tables(db):
        return {}
    # Datasette 0.65 lets a hook's queries override metadata.yml's: leave the user's alone
    mine = datasette.metadata("queries", database=database, fallback=False) or {}
    return {name: q for name, q in canned_queries().items() if name not in mine}


# --- Datasette 1.0 ----------------------------------------------------------------------------

async def install(datasette, database: str) -> bool:
    """Supply descriptions, table config and stored queries for ``database`` (1.0 only);
    once per database and Datasette instance. Returns True when it (already) has them.
    On 0.65 a no-op (the hooks supply everything at every request)."""
    if not compat.is_1x(datasette):
        return False
    done = datasette.__dict__.setdefault(_DONE_ATTR, set())
    if database in done:
        return True
    try:
        db = datasette.get_database(database)
    except KeyError:
        return False
    if not await has_tables(db):
        return False
    data = supplied()
    existing = await datasette.get_database_metadata(database)
    if "description" not in existing and "description_html" not in existing:
        await datasette.set_database_metadata(database, "description", data["description"])
    config = datasette.config if datasette.config is not None else {}
    if datasette.config is None:
        datasette.config = config
    tables_config = (config.setdefault("databases", {}).setdefault(database, {})
                     .setdefault("tables", {}))
    for table, meta in data["tables"].items():
        have = await datasette.get_resource_metadata(database, table)
        if meta.get("description") and "description" not in have:
            await datasette.set_resource_metadata(database, table, "description",
                                                  meta["description"])
        for column, description in (meta.get("columns") or {}).items():
            col = await datasette.get_column_metadata(database, table, column)
            if "description" not in col:
                await datasette.set_column_metadata(database, table, column, "description",
                                                    description)
        tconf = tables_config.setdefault(table, {})
        for key in _TABLE_CONFIG_KEYS:
            if key in meta:
                tconf.setdefault(key, _copy(meta[key]))
    for name, query in data["queries"].items():
        current = await datasette.get_query(database, name)
        if current is not None and getattr(current, "source", "plugin") != "plugin":
            continue  # the user's own stored query of that name wins
        await datasette.add_query(database, name, query["sql"], title=query.get("title"),
                                  description=query.get("description"), is_trusted=True,
                                  source="plugin", replace=True)
    done.add(database)
    return True


async def install_all(datasette) -> None:
    for name in list(datasette.databases):
        if name != "_internal":
            await install(datasette, name)


# --- long texts in Datasette's table views -----------------------------------------------------

LONG_TEXTS = {("articles", "text"), ("sentences", "text")}


def cut_cell(value, column, table, limit: int, path: str | None):
    """render_cell: ``articles.text`` and ``sentences.text`` cut to ``limit`` characters in
    Datasette's table views (and query results naming the table), whole on the row page
    (``/<db>/<table>/<pk>``); None leaves the cell to Datasette."""
    if (table, column) not in LONG_TEXTS or not isinstance(value, str) or not limit:
        return None
    if len(value) <= limit:
        return None
    parts = (path or "").rstrip("/").split("/")
    if len(parts) >= 4 and parts[-2] == table:  # a row page: the whole text
        return None
    from markupsafe import Markup, escape

    return Markup(f'{escape(value[:limit])}<span class="mb-cut" title="cut to {limit:,} of '
                  f'{len(value):,} characters: the row page shows it whole">&nbsp;…</span>')
