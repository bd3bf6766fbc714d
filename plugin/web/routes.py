"""The pages' URLs: under ``/-/media-bias`` and ``/<db>/-/media-bias``, each with its ``.json``
twin. A key segment is anything but "/"; a trailing ".json" is always the format, because
Datasette's tilde-encoding turns a "." inside a key into "~2E"."""
from __future__ import annotations

from . import views

_KEY = r"(?P<{}>[^/]+?)"
_FMT = r"(\.(?P<format>json))?$"
_DB = r"^/(?P<database>[^/]+)/-/media-bias"

ROUTES = [
    (r"^/-/media-bias" + _FMT, views.databases_view),
    (_DB + _FMT, views.index_view),
    (_DB + "/stories/" + _KEY.format("story") + _FMT, views.story_view),
    (_DB + "/articles/" + _KEY.format("article") + _FMT, views.article_view),
    (_DB + "/outlets/" + _KEY.format("outlet") + _FMT, views.outlet_view),
]
