"""docs/json-api.md's examples are the demo database's real answers (abbreviated), checked here
so they cannot drift. After a change to a page's JSON, rewrite them with

    MB_UPDATE_DOCS=1 .venv/bin/python -m pytest tests/test_json_api_docs.py

Each example in the document follows a marker line ``<!-- example: PATH -->``.
"""
import json
import os
import re
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "json-api.md"
BLOCK = re.compile(r"(<!-- example: (?P<path>\S+) -->\n```json\n)(?P<body>.*?)(\n```)", re.S)
ELLIPSIS = "\u2026"


def abbreviate(value, key=None):
    """Every key kept (so every field shows), lists cut to their first item, long strings to
    their first words, floats to 4 significant figures."""
    if isinstance(value, dict):
        if len(value) > 2 and all(isinstance(v, (dict, list)) for v in value.values()) and \
                len({json.dumps(sorted(v) if isinstance(v, dict) else type(v).__name__)
                     for v in value.values()}) == 1:  # one entry per metric, article...: the first
            k = next(iter(value))
            return {k: abbreviate(value[k], k), ELLIPSIS: ELLIPSIS}
        return {k: abbreviate(v, k) for k, v in value.items()}
    if isinstance(value, list):
        if not value:
            return []
        first = abbreviate(value[0], key)
        return [first, ELLIPSIS] if len(value) > 1 else [first]
    if isinstance(value, str) and len(value) > 48:
        space = value.rfind(" ", 0, 40)
        return value[:space if space > 20 else 40] + ELLIPSIS
    if isinstance(value, float):
        return float(f"{value:.4g}")
    return value


def compact(value, indent=0, width=100) -> str:
    """JSON with each value on one line when it fits in ``width`` columns."""
    one = json.dumps(value, ensure_ascii=False)
    if len(one) + indent <= width or not isinstance(value, (dict, list)) or not value:
        return one
    pad = " " * (indent + 1)
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {compact(v, indent + 1, width)}"
                 for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [pad + compact(v, indent + 1, width) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


def render(data) -> str:
    return compact(abbreviate(data))


async def test_json_api_examples_are_the_demo_databases_answers(ds):
    doc = DOC.read_text(encoding="utf-8")
    blocks = list(BLOCK.finditer(doc))
    assert len(blocks) >= 7, "docs/json-api.md lost its examples"
    stale, answers = [], {}
    for b in blocks:
        response = await ds.client.get(b["path"])
        assert response.status_code == 200, b["path"]
        answers[b["path"]] = render(response.json())
        if answers[b["path"]] != b["body"]:
            stale.append(b["path"])
    if stale and os.environ.get("MB_UPDATE_DOCS"):
        DOC.write_text(BLOCK.sub(lambda m: m[1] + answers[m["path"]] + m[4], doc),
                       encoding="utf-8")
        stale = []
    assert stale == [], ("docs/json-api.md examples differ from the demo database's answers "
                         "(MB_UPDATE_DOCS=1 rewrites them): " + ", ".join(stale))


def test_every_documented_page_and_display_title():
    doc = DOC.read_text(encoding="utf-8")
    for path in ("/-/media-bias.json", "/news/-/media-bias.json", "/outlets/", "/vs/",
                 "/outlet-matrix.json"):
        assert f"<!-- example: " in doc and path in doc, path
    assert "`display_title`" in doc  # the article's title, or its first words when it has none
    assert "`paired`" in doc and "`sentence_spread_note`" in doc
