"""One place for everything that differs between Datasette 0.65.x and the 1.0 alphas.

The rest of the plugin calls these helpers and never tests the Datasette version itself:

* permissions: ``allowed()`` / ``ensure_allowed()`` / ``ensure_can_view()`` use
  ``datasette.allowed(action=, resource=, actor=)`` with ``datasette.resources`` classes where
  it exists (1.0a20+) and ``datasette.permission_allowed()`` / ``ensure_permissions()`` on 0.65;
* SQL URLs: ``sql_url()`` (``/db/-/query?sql=`` on 1.0, ``/db?sql=`` on 0.65);
* Jinja: ``jinja_env()`` (``get_jinja_environment(request)`` on 1.0, ``jinja_env`` on 0.65);
* re-exports of the names both lines share (Response, Forbidden, NotFound, tilde_*).

Plugin configuration (``datasette.plugin_config``) is read the same way on both lines: from
metadata ``plugins:`` on 0.65, from ``datasette.yaml`` on 1.0 (web/access.py ``settings``).
"""
from __future__ import annotations

import contextvars
from urllib.parse import urlencode

from datasette import Forbidden, NotFound, Response  # noqa: F401  (both lines)
from datasette.utils import tilde_decode, tilde_encode  # noqa: F401  (both lines)

try:  # Datasette 1.0a20+
    from datasette.resources import DatabaseResource, QueryResource, TableResource
except ImportError:  # Datasette 0.65
    DatabaseResource = QueryResource = TableResource = None

# actions whose resource is a (database, table) pair, a (database, query) pair, or a database
_TABLE_ACTIONS = {"view-table", "insert-row", "delete-row", "update-row", "alter-table",
                  "drop-table", "create-table"}
_QUERY_ACTIONS = {"view-query"}


def is_1x(datasette) -> bool:
    """True on Datasette 1.0 alphas (the resource-based permission API)."""
    return hasattr(datasette, "allowed") and TableResource is not None


def resource_object(action: str, resource):
    """The 1.0 Resource for a 0.65-style resource: None, "db" or ("db", "table")."""
    if resource is None:
        return None
    if isinstance(resource, str):
        return DatabaseResource(resource)
    database, child = resource
    if action in _QUERY_ACTIONS:
        return QueryResource(database, child)
    return TableResource(database, child)


async def allowed(datasette, actor, action: str, resource=None, default: bool = False) -> bool:
    """Can ``actor`` do ``action`` on ``resource`` (None, "db" or ("db", "table"))?

    1.0: ``datasette.allowed()`` (rules cascade from instance to database to table by
    themselves; ``default`` is Datasette's own, the argument is ignored). 0.65:
    ``datasette.permission_allowed(actor, action, resource, default=default)``."""
    if is_1x(datasette):
        return await datasette.allowed(action=action, resource=resource_object(action, resource),
                                       actor=actor)
    return await datasette.permission_allowed(actor, action, resource, default=default)


async def ensure_allowed(datasette, actor, action: str, resource=None, default=True) -> None:
    """``allowed()`` or raise Forbidden(action)."""
    if not await allowed(datasette, actor, action, resource, default=default):
        raise Forbidden(action)


async def ensure_can_view(datasette, actor, database: str, table: str = "articles") -> None:
    """The rule Datasette's own table page applies to ``table``: on 0.65 the first of
    view-table, view-database, view-instance that has an opinion decides (each defaulting to
    allow); on 1.0 ``view-table`` on the TableResource, whose rules cascade from the database
    and instance. Raises Forbidden."""
    if is_1x(datasette):
        await ensure_allowed(datasette, actor, "view-table", (database, table))
        return
    await datasette.ensure_permissions(
        actor, [("view-table", (database, table)), ("view-database", database),
                "view-instance"])


async def can_view_database(datasette, actor, database: str) -> bool:
    return await allowed(datasette, actor, "view-database", database, default=True)


async def ensure_can_view_instance(datasette, actor) -> None:
    await ensure_allowed(datasette, actor, "view-instance", None, default=True)


def sql_url(datasette, database: str, sql: str, params: dict | None = None,
            fmt: str | None = None) -> str:
    """URL of Datasette's arbitrary-SQL page for ``sql`` (needs execute-sql), optionally as
    ``fmt`` (json, csv): ``/db/-/query.csv?sql=`` on 1.0, ``/db.csv?sql=`` on 0.65."""
    qs = urlencode({"sql": sql, **(params or {})})
    if is_1x(datasette):
        base = datasette.urls.path(f"/{tilde_encode(database)}/-/query"
                                   + (f".{fmt}" if fmt else ""))
    else:
        base = datasette.urls.database(database, format=fmt)
    return f"{base}?{qs}"


def jinja_env(datasette, request=None):
    """Datasette's Jinja environment: ``get_jinja_environment(request)`` on 1.0 (plugins may
    swap it per request), the ``jinja_env`` attribute on 0.65."""
    if hasattr(datasette, "get_jinja_environment"):
        return datasette.get_jinja_environment(request)
    return datasette.jinja_env


# --- the request's path, for hooks that 0.65 calls without the request (render_cell) --------

_PATH: contextvars.ContextVar[str | None] = contextvars.ContextVar("media_bias_path",
                                                                   default=None)


def remember_path(app):
    """ASGI middleware (the asgi_wrapper hook): keeps the request's path where
    ``request_path()`` finds it while Datasette handles the request."""
    async def inner(scope, receive, send):
        if scope.get("type") != "http":
            return await app(scope, receive, send)
        token = _PATH.set(scope.get("path"))
        try:
            return await app(scope, receive, send)
        finally:
            _PATH.reset(token)

    return inner


def request_path() -> str | None:
    """The path of the request being handled (None outside a request)."""
    return _PATH.get()
