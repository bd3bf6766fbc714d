"""Who may see a page, and which databases have media-bias tables."""
from __future__ import annotations

from datasette import Forbidden, NotFound, Response

from .queries import TABLES_NEEDED


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


async def has_media_bias_tables(db) -> bool:
    names = set(await db.table_names())
    return all(t in names for t in TABLES_NEEDED)


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
