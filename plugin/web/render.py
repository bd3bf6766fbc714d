"""One way of rendering every page: its data as JSON for the ``.json`` twin; otherwise the page's
template, whose content block (charts included) renders synchronously, inside Datasette's page
(header, menus, crumbs), which Datasette renders around it."""
from __future__ import annotations

from datasette import Response
from markupsafe import Markup

from ..analysis.metrics import BY_NAME, COMPARED, SENTENCE_SPREAD_NOT_SHOWN
from . import export
from .state import state


async def respond(datasette, request, fmt, template, data, extra=None):
    if export.wants_table(fmt, request):  # one of the page's tables, as CSV or JSON
        return export.table_response(data, fmt, request.args.get("_table"))
    if fmt == "json":
        return Response.json(data, default=str)
    name = f"media_bias_{template}.html"
    context = {"data": data, "metrics": COMPARED, "metric_by_name": BY_NAME,
               "sentence_spread_not_shown": SENTENCE_SPREAD_NOT_SHOWN,
               "json_url": request.path + ".json" + (
                   "?" + request.query_string if request.query_string else ""),
               "exports": export.table_links(request.path, data),
               **(extra or {})}
    view = state(datasette).sync_env(request).get_template(name)
    body = Markup("".join(view.blocks["mb_content"](view.new_context(
        {"urls": datasette.urls, "request": request, **context}))))
    html = await datasette.render_template(
        ["media_bias_page.html"], {**context, "page_template": name, "page_body": body},
        request=request)
    return Response.html(html)
