"""CSV and JSON for every table a comparison page shows.

Every page already has one JSON twin of its whole data (``<page>.json``). Each table in that data
is also served flat, from the same data dict, so it holds exactly the figures on the page:
``<page>.csv?_table=<name>`` and ``<page>.json?_table=<name>`` (``{"table", "columns",
"rows"}``). The page's own permission check applies; no ``execute-sql`` is needed.

A table is found in the page's data by its shape, so a page (or a new section of one) gets its
downloads without a list to keep up to date:

* a list of objects (``articles``, ``speakers``): one row per object;
* an object whose values are lists of objects (``most_loaded_sentences``, keyed by article): one
  row per object, with the key in a ``key`` column;
* an object whose values are all objects (``paired``, keyed by metric): one row per value, with
  its key in ``key``;
* found at the top of the data or one object down, named by their path (``coverage.by_article``).

Rows are flattened: a nested object's fields become ``parent__field`` columns, a list of plain
values one ``; ``-separated field, a list of objects a JSON text.
"""
from __future__ import annotations

import csv
import io
import json

from .compat import NotFound, Response

KEY = "key"


def _flat(obj: dict, prefix: str = "") -> dict:
    out = {}
    for k, v in obj.items():
        name = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(_flat(v, name + "__"))
        elif isinstance(v, (list, tuple)):
            if any(isinstance(x, (dict, list, tuple)) for x in v):
                out[name] = json.dumps(v, default=str, ensure_ascii=False)
            else:
                out[name] = "; ".join("" if x is None else str(x) for x in v)
        else:
            out[name] = v
    return out


def _keyed(key, obj: dict) -> dict:
    row = _flat(obj)
    return {(KEY if KEY not in row else "group_key"): key, **row}


def _items(value) -> list[tuple] | None:
    """``value``'s rows as (key or None, object) if it is a table (module docstring), else
    None."""
    if isinstance(value, list):
        if value and all(isinstance(x, dict) for x in value):
            return [(None, x) for x in value]
        return [] if not value else None
    if isinstance(value, dict) and value:
        items = list(value.values())
        if all(isinstance(v, list) and all(isinstance(x, dict) for x in v) for v in items):
            return [(k, x) for k, v in value.items() for x in v]
        if len(items) > 1 and all(isinstance(v, dict) for v in items):
            return list(value.items())
    return None


def _tables(data: dict) -> dict[str, list[tuple]]:
    """{table name: its (key, object) rows} of a page's data dict."""
    tables: dict[str, list[tuple]] = {}

    def walk(value, path):
        items = _items(value)
        if items is not None:
            tables[".".join(path)] = items
        elif isinstance(value, dict) and len(path) < 2:
            for k, v in value.items():
                walk(v, path + [str(k)])

    for k, v in data.items():
        walk(v, [str(k)])
    return tables


def page_tables(data: dict) -> dict[str, list[dict]]:
    """{table name: [flat row]} of a page's data dict (the JSON twin's)."""
    return {name: [_flat(x) if key is None else _keyed(key, x) for key, x in items]
            for name, items in _tables(data).items()}


def columns_of(rows: list[dict]) -> list[str]:
    cols: dict[str, None] = {}
    for r in rows:
        cols.update(dict.fromkeys(r))
    return list(cols)


def to_csv(rows: list[dict], columns: list[str] | None = None) -> str:
    """CSV text with a header row; booleans as 0/1, None as an empty field. Text is written as
    it is (a leading = or + stays: import as text into a spreadsheet)."""
    columns = columns if columns is not None else columns_of(rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for r in rows:
        writer.writerow(["" if r.get(c) is None else int(r[c]) if isinstance(r.get(c), bool)
                         else r.get(c) for c in columns])
    return out.getvalue()


def wants_table(fmt, request) -> bool:
    """Whether the request asks for one table: ``.csv``, or ``.json?_table=``."""
    return fmt == "csv" or (fmt == "json" and bool(request.args.get("_table")))


def table_response(data: dict, fmt: str, name: str | None) -> Response:
    tables = page_tables(data)
    if name not in tables:
        known = ", ".join(n for n, rows in tables.items() if rows) or "none"
        raise NotFound(f"No table {name!r} on this page: ?_table= one of {known}"
                       if name else f"Which table? ?_table= one of {known}")
    rows = tables[name]
    columns = columns_of(rows)
    if fmt == "csv":
        return Response(to_csv(rows, columns), content_type="text/csv; charset=utf-8")
    return Response.json({"table": name, "columns": columns, "rows": rows}, default=str)


def table_links(path: str, data: dict) -> dict[str, dict[str, str]]:
    """{name: {"csv": url, "json": url}} for the page at ``path`` (its tables with rows)."""
    from urllib.parse import quote

    return {n: {"csv": f"{path}.csv?_table={quote(n)}", "json": f"{path}.json?_table={quote(n)}"}
            for n, rows in _tables(data).items() if rows}
