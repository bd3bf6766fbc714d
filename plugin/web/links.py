"""Keys in URLs and every link a page needs, built with datasette.urls (so base_url is
respected)."""
from __future__ import annotations

from urllib.parse import unquote, urlencode

from datasette.utils import tilde_decode, tilde_encode


def decode_key(raw: str) -> str:
    """A key from a URL: tilde-encoded as Datasette builds them, or plain %-encoded."""
    if "%" in raw:
        raw = unquote(raw)
        return raw if "~" not in raw else tilde_decode(raw)
    return tilde_decode(raw)


def http_url(url) -> str | None:
    """The URL if it is http(s) (the only kind the pages turn into links), else None."""
    if isinstance(url, str) and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


class Links:
    """Every link of one database's pages. ``urls`` is ``datasette.urls`` (or anything with
    its ``path``, ``table`` and ``row`` methods)."""

    def __init__(self, urls, database: str):
        self.urls = urls
        self.database = database
        self._pages = {}  # a page links the same few articles hundreds of times


    def index(self, fmt=None):
        return self.urls.path(f"/{tilde_encode(self.database)}/-/media-bias", format=fmt)

    def _page(self, kind, key, fmt=None):
        url = self._pages.get((kind, key, fmt))
        if url is None:
            url = self._pages[(kind, key, fmt)] = self.urls.path(
                f"/{tilde_encode(self.database)}/-/media-bias/{kind}/{tilde_encode(key)}",
                format=fmt)
        return url

    def story(self, key, fmt=None):
        return self._page("stories", key, fmt)

    def article(self, key, fmt=None):
        return self._page("articles", key, fmt)

    def outlet(self, key, fmt=None):
        return self._page("outlets", key, fmt)

    def speaker(self, key, fmt=None):
        return self._page("speakers", key, fmt)

    def outlet_vs(self, a, b, fmt=None):
        return self.urls.path(
            f"/{tilde_encode(self.database)}/-/media-bias/outlets/{tilde_encode(a)}/vs/"
            f"{tilde_encode(b)}", format=fmt)

    def outlet_matrix(self, metric=None, fmt=None):
        url = self.urls.path(f"/{tilde_encode(self.database)}/-/media-bias/outlet-matrix",
                             format=fmt)
        return url + "?" + urlencode({"metric": metric}) if metric else url

    def sentences(self, article_id):
        return self.urls.table(self.database, "sentences") + "?" + urlencode(
            {"article_id": article_id, "_sort": "position"})

    def row(self, table, pk):
        return self.urls.row(self.database, table, tilde_encode(pk))

    def with_query(self, url: str, params: dict) -> str:
        return url + "?" + urlencode(params)
