"""The pages' URLs: under ``/-/media-bias`` and ``/<db>/-/media-bias``, each with its ``.json``
twin (and ``.csv?_table=`` for each of its tables). A key segment is anything but "/"; a
trailing ".json" or ".csv" is always the format, because
Datasette's tilde-encoding turns a "." inside a key into "~2E"."""
from __future__ import annotations

from . import views

_KEY = r"(?P<{}>[^/]+?)"
_FMT = r"(\.(?P<format>json|csv))?$"  # .csv?_table=: one of its tables (web/export.py)
_DB = r"^/(?P<database>[^/]+)/-/media-bias"

ROUTES = [
    (r"^/-/media-bias" + _FMT, views.databases_view),
    (_DB + _FMT, views.index_view),
    (_DB + "/stories/" + _KEY.format("story") + _FMT, views.story_view),
    (_DB + "/articles/" + _KEY.format("article") + _FMT, views.article_view),
    (_DB + "/outlets/" + _KEY.format("outlet") + _FMT, views.outlet_view),
    (_DB + "/speakers/" + _KEY.format("speaker") + _FMT, views.speaker_view),
    (_DB + "/outlets/" + _KEY.format("a") + "/vs/" + _KEY.format("b") + _FMT,
     views.outlet_vs_view),
    (_DB + "/outlet-matrix" + _FMT, views.outlet_matrix_view),
]
