"""Saved web pages: ``.html``/``.htm`` files (also gzipped), folders of them, and pages kept
by ``media-bias fetch`` in its cache (``<sha1>.body`` beside ``<sha1>.json``).

``extract_page(data, url, source, encoding)`` turns the bytes of one page into the loader's
raw article dict: the body text comes from trafilatura (``bare_extraction`` with
``favor_precision``, comments excluded, tables kept; a balanced retry when precision leaves a
short page); title, canonical URL, site name, date and author are read from the page's own
metadata (JSON-LD, Open Graph / meta tags, ``<time>``, ``<h1>``, ``<title>``) with
trafilatura's as a fallback. The title is the headline as the reader sees it, without the site
name or section glued on (``pick_title``). Each article records where it came from
(``source``), the extractor and its version, and ``raw_sha1``, the SHA-1 of the original bytes
(after gunzip), so a later ``media-bias recompute --reextract`` can redo the extraction.

A page that gives no article (a home page, a paywall stub, binary or non-HTML content, a page
over the size cap) raises ``PageError`` with a one-line message; the readers turn it into a
``Problem`` naming the file, and the rest loads.

Extraction costs ~45 ms of CPU per page, so ``extract_all`` runs it in forked worker processes
(one per core, a bounded window of pages in flight, results in input order) when there are
more than a few pages.
"""
from __future__ import annotations

import collections
import datetime as _datetime
import gzip
import hashlib
import json
import multiprocessing
import os
import re
import unicodedata
from pathlib import Path
from typing import Iterable
from urllib.parse import urljoin, urlsplit

import lxml.html

# trafilatura (and charset_normalizer, which it brings) are imported on the first page, not with
# the package: they take ~0.6 s to import, which every other command would pay

from .records import Problem

_THIS_YEAR = _datetime.date.today().year
EXTRACTOR = "trafilatura"
try:
    from importlib.metadata import version as _version
    EXTRACTOR_VERSION = _version("trafilatura")
except Exception:  # pragma: no cover - not installed as a distribution
    EXTRACTOR_VERSION = "unknown"
MIN_WORDS = 40  # fewer words of body text than this: "no article on the page"
MAX_BYTES = 10_000_000
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xhtml.gz")
CACHE_SUFFIX = ".body"  # a page kept by ``media-bias fetch`` (ingest/fetch.py), with its .json
PARALLEL_FROM = 4  # pages: fewer than this are extracted in the reading process


class PageError(ValueError):
    """A page that cannot give an article; ``str(err)`` is a one-line message."""


# --------------------------------------------------------------------------- decoding

_MAGIC = [
    (b"%PDF", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"), (b"PK\x03\x04", "a ZIP archive (or office document)"),
    (b"\x1f\x8b", "gzip data"), (b"RIFF", "a RIFF (WebP/AVI/WAV) file"),
    (b"\x00\x00\x00", "binary data"), (b"OggS", "an Ogg media file"), (b"ID3", "an MP3 file"),
    (b"WARC/", "a WARC file (use a .warc/.warc.gz name)"), (b"BZh", "bzip2 data"),
    (b"\xd0\xcf\x11\xe0", "an old MS Office document"), (b"{\\rtf", "an RTF document"),
]
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTMLISH = re.compile(
    r"<\s*(!doctype\s+html|html|head|body|title|meta|p|div|article|section|main|h1|span|table)\b",
    re.I)
_LABEL_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                  "us-ascii": "cp1252", "ascii": "cp1252", "iso8859-1": "cp1252",
                  "x-sjis": "shift_jis", "utf8": "utf-8", "unicode": "utf-8"}


def _codec(label: str | None) -> str | None:
    """Normalise a charset label (WHATWG: latin-1 and ascii mean windows-1252)."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _LABEL_ALIASES.get(label, label)
    import codecs
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def sniff_binary(data: bytes) -> str | None:
    """Say what the bytes are when they are clearly not a text/HTML document."""
    head = data[:16]
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return None  # byte order mark: text
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    sample = data[:4096]
    if sample.count(b"\x00") > len(sample) // 100 + 1:
        return "binary data (NUL bytes)"
    return None


def _non_ascii_words(data: bytes, limit: int = 200_000) -> bytes:
    """The words with non-ASCII bytes of the page's text (markup, scripts and styles cut):
    a sample in which the charset shows, not drowned in ASCII markup."""
    txt = re.sub(rb"(?is)<(script|style)\b.*?</\1\s*>|<[^>]*>", b" ", data[:2_000_000])
    words = re.findall(rb"[^\s<>]*[\x80-\xff][^\s<>]*", txt)
    return b" ".join(words)[:limit] or data[:limit]


def decode_html(data: bytes, declared: str | None = None) -> tuple[str, str, str]:
    """Decode page bytes.  Returns ``(text, codec, how)``.

    Order: byte order mark; the charset declared by the server (``declared``) or in a
    ``<meta>`` tag, if the bytes decode with it; UTF-8 if the bytes are valid UTF-8; a
    declared UTF-8 with a few (<0.1%) bad bytes (decoded with U+FFFD); otherwise the
    charset guessed by charset_normalizer from the non-ASCII words of the text
    (windows-1252 when it is among the equally good guesses); last resort windows-1252 with replacement.
    ``how`` says which rule won ("bom", "declared", "utf-8", "utf-8-lenient", "detected",
    "fallback"), so a wrong or missing declaration is visible.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace"), "utf-8", "bom"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace"), "utf-16", "bom"
    labels = []
    if declared:
        labels.append(_codec(declared))
    m = _META_CHARSET.search(data[:4096])
    if m:
        labels.append(_codec(m.group(1).decode("ascii", "ignore")))
    for codec in labels:
        if not codec or codec.startswith("utf-16"):
            continue  # a UTF-16 meta tag in a file readable as ASCII is always wrong
        try:
            return data.decode(codec), codec, "declared"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8", "utf-8"
    except UnicodeDecodeError:
        pass
    if "utf-8" in labels:
        text = data.decode("utf-8", "replace")
        if text.count("\ufffd") <= max(2, len(data) // 1000):
            return text, "utf-8", "utf-8-lenient"
    try:
        import charset_normalizer
    except ImportError:  # pragma: no cover - trafilatura depends on it
        charset_normalizer = None
    if charset_normalizer is not None:
        matches = list(charset_normalizer.from_bytes(_non_ascii_words(data)))
        best = matches[0] if matches else None
        if best is not None:
            # on near-ties (mostly ASCII pages) take windows-1252, the web's default
            for m in matches[1:]:
                if m.chaos <= best.chaos + 0.001 and m.coherence >= best.coherence - 0.02 and \
                        "cp1252" in (m.could_be_from_charset or [m.encoding]):
                    best = m
                    break
        if best is not None and best.encoding:
            codec = _codec(best.encoding) or best.encoding
            try:
                return data.decode(codec, "replace"), codec, "detected"
            except LookupError:
                pass
    return data.decode("cp1252", "replace"), "cp1252", "fallback"


# --------------------------------------------------------------------------- metadata

_WS = re.compile(r"\s+")
_SEP = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|«|/|:)\s+|\s*(?:\||::|»|«|•|·)\s*")
_ARTICLE_TYPES = re.compile(r"(Article|Posting|Report|Story|BlogPosting|WebPage)$", re.I)


def _clean(s) -> str:
    if not s:
        return ""
    if not isinstance(s, str):
        s = str(s)
    return _WS.sub(" ", unicodedata.normalize("NFC", s)).strip()


def _key(s: str) -> str:
    """Comparison key: case-folded letters and digits only."""
    s = unicodedata.normalize("NFKD", s or "").casefold()
    return "".join(ch for ch in s if ch.isalnum())


def _json_ld(tree) -> list[dict]:
    out = []
    for node in tree.xpath('//script[@type="application/ld+json"]'):
        raw = (node.text or "").strip()
        if not raw:
            continue
        try:
            obj = json.loads(raw)
        except ValueError:
            try:  # common breakage: trailing commas / control characters
                obj = json.loads(re.sub(r",\s*([}\]])", r"\1", raw.replace("\n", " ")),
                                 strict=False)
            except ValueError:
                continue
        stack = [obj]
        while stack:
            o = stack.pop()
            if isinstance(o, list):
                stack.extend(o)
            elif isinstance(o, dict):
                out.append(o)
                for k in ("@graph", "mainEntity", "mainEntityOfPage"):
                    if isinstance(o.get(k), (list, dict)):
                        stack.append(o[k])
    return out


def _ld_type(o: dict) -> str:
    t = o.get("@type", "")
    if isinstance(t, list):
        t = " ".join(str(x) for x in t)
    return str(t)


def _names(v) -> list[str]:
    if isinstance(v, str):
        return [_clean(v)]
    if isinstance(v, dict):
        return _names(v.get("name"))
    if isinstance(v, list):
        return [n for x in v for n in _names(x)]
    return []


def _meta_index(tree) -> dict:
    """All <meta> tags in one pass: lower-cased property/name/itemprop -> first content."""
    idx = {}
    for m in tree.iter("meta"):
        content = _clean(m.get("content"))
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            k = (m.get(attr) or "").strip().lower()
            if k and k not in idx:
                idx[k] = content
    return idx


def _meta(idx: dict, *keys) -> str:
    for k in keys:
        v = idx.get(k.lower())
        if v:
            return v
    return ""


def _domain(url: str | None) -> str:
    if not url:
        return ""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def _domain_core(domain: str) -> str:
    """'edition.cnn.com' -> 'cnn', 'bbc.co.uk' -> 'bbc'."""
    parts = [p for p in domain.split(".") if p]
    if len(parts) >= 3 and len(parts[-1]) == 2 and parts[-2] in {
            "co", "com", "org", "net", "gov", "ac", "edu", "ne", "or"}:
        parts = parts[:-2]
    elif len(parts) >= 2:
        parts = parts[:-1]
    return parts[-1] if parts else ""


def _is_site_piece(piece: str, sites: list[str], core: str) -> bool:
    k = _key(piece)
    if not k:
        return True
    for s in sites:
        ks = _key(s)
        if ks and (k == ks or (len(ks) >= 4 and (ks in k or k in ks) and len(k) <= len(ks) + 12)):
            return True
    if core and len(core) >= 3:
        if k == core or k.startswith(core) and len(k) <= len(core) + 10:
            return True  # "CNN", "CNN International", "nytimes.com"
        if len(k) >= 4 and k in core:
            return True
    if re.fullmatch(r"[\w.-]+\.(com|org|net|co\.uk|news|de|fr|in|io|info)", piece.strip(), re.I):
        return True
    return False


def _split_pieces(title: str) -> list[str]:
    return [p.strip() for p in _SEP.split(title) if p and p.strip()]


def _strip_site(title: str, sites: list[str], core: str, h1s: list[str]) -> str:
    """Remove site names and sections glued before/after a headline."""
    title = _clean(title)
    pieces = _split_pieces(title)
    if len(pieces) <= 1:
        return title
    # a piece equal to a headline the reader sees (an <h1>) wins outright
    h1keys = {_key(h) for h in h1s if _key(h)}
    for i in range(len(pieces)):
        for j in range(len(pieces), i, -1):
            if (i, j) == (0, len(pieces)):
                continue
            if _key(" ".join(pieces[i:j])) in h1keys:
                return _join_span(title, pieces[i], pieces[j - 1])
    keep = list(range(len(pieces)))
    # drop site-name pieces from either end
    while len(keep) > 1 and _is_site_piece(pieces[keep[-1]], sites, core):
        keep.pop()
    while len(keep) > 1 and _is_site_piece(pieces[keep[0]], sites, core):
        keep.pop(0)
    removed_site = len(keep) < len(pieces)
    # then short section labels ("News", "World news", "Opinion") left at either end,
    # only when the title had a site piece or clear separators ('|' style) and the rest is long
    def short(p):
        w = p.split()
        return len(w) <= 3 and not re.search(r"[.?!\"“”]$", p) and all(
            x[:1].isupper() or not x[:1].isalpha() for x in w)
    changed = True
    while changed and len(keep) > 1:
        changed = False
        rest_words = sum(len(pieces[i].split()) for i in keep)
        if short(pieces[keep[-1]]) and (removed_site or "|" in title) and \
                rest_words - len(pieces[keep[-1]].split()) >= 4:
            keep.pop(); changed = True
        elif short(pieces[keep[0]]) and (removed_site or "|" in title) and \
                rest_words - len(pieces[keep[0]].split()) >= 4 and len(keep) > 1:
            keep.pop(0); changed = True
    if keep == list(range(len(pieces))):
        return title
    return _join_span(title, pieces[keep[0]], pieces[keep[-1]])


def _join_span(title: str, first: str, last: str) -> str:
    a = title.find(first)
    b = title.rfind(last)
    if a < 0 or b < 0 or b + len(last) <= a:
        return first
    return title[a:b + len(last)].strip()


def _slug_words(url: str | None) -> list[str]:
    """Words of the last wordy path segment of a URL ('/2019/11/a-b-c.html' -> [a, b, c])."""
    if not url:
        return []
    for seg in reversed([x for x in urlsplit(url).path.split("/") if x]):
        seg = re.sub(r"\.\w{2,5}$", "", seg)
        words = [w.lower() for w in re.split(r"[-_+]+", seg) if w and not w.isdigit()]
        if len(words) >= 3:
            return words
    return []


def _words(s: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"\w+", s)}


def pick_title(ld_headline: str, og_title: str, html_title: str, h1s: list[str],
               sites: list[str], domain: str, fallback: str = "", url: str | None = None,
               late_h1s: Iterable[str] = ()) -> str:
    """Choose the headline as the reader sees it.

    Candidates: JSON-LD headline, og:title/twitter:title, <title>, trafilatura's title (each
    with site names and section labels cut off, see ``_strip_site``) and the page's <h1>s.
    Each candidate scores one point per independent kind of source (metadata, <title>, <h1>)
    saying the same (same letters, or one containing the other), up to 1.5 points for sharing the words of the URL slug, and half a
    point for being an <h1> (what the reader sees; one point when another source confirms
    it; minus half a point when it shares no word with any metadata title: a logo), minus 1.5 for an <h1> placed after the start of the article body (``late_h1s``: a
    sidebar or "next story" heading).  The best score wins.
    """
    core = _domain_core(domain)
    raw = [c for c in (_clean(ld_headline), _clean(og_title), _clean(html_title)) if c]
    if not raw and _clean(fallback):  # trafilatura's title only when the page gives none
        raw = [_clean(fallback)]
    h1s = [h for h in (_clean(x) for x in h1s) if h and len(h.split()) >= 2 and len(h) <= 300]
    h1s = list(dict.fromkeys(h for h in h1s if not _is_site_piece(h, sites, core)))
    stripped = {}
    for c in raw:
        sc = _strip_site(c, sites, core, h1s)
        if sc and not _is_site_piece(sc, sites, core):
            stripped[sc] = stripped.get(sc, False) or sc != c
    cleaned = list(stripped)
    if not cleaned and not h1s:
        return raw[0] if raw else ""
    # independent witnesses: structured/social metadata, the <title>, the <h1>s
    groups = {"meta": [_key(x) for x in (ld_headline, og_title) if _clean(x)],
              "title": [_key(html_title)] if _clean(html_title) else [],
              "h1": [_key(h) for h in h1s]}
    slug = _slug_words(url)
    late = set(late_h1s)

    def agree(kc: str, ks: str) -> bool:
        return kc == ks or (len(kc) >= 15 and len(ks) >= 15 and (kc in ks or ks in kc))

    best, best_score = None, -1.0
    for order, (c, is_h1) in enumerate([(h, True) for h in h1s] + [(c, False) for c in cleaned]):
        kc = _key(c)
        own = "h1" if is_h1 else None
        score = float(sum(1 for g, keys in groups.items()
                          if g != own and any(agree(kc, ks) for ks in keys)))
        if not is_h1:  # a metadata candidate is its own witness; count the other groups only
            score = max(0.0, score - 1) if any(agree(kc, ks) for ks in groups["meta"] +
                                               groups["title"]) else score
        if slug:
            score += 1.5 * len(set(slug) & _words(c)) / len(set(slug))
        if is_h1:
            if score == 0 and raw and not any(_words(c) & _words(r) for r in raw):
                score -= 0.5  # shares no word with any title of the page: a logo or a teaser
            else:
                score += 1.0 if score >= 1 else 0.5
            if c in late:
                score -= 1.5
        score -= order * 1e-6  # stable: earlier (h1 in page order, then ld, og, title) first
        if score > best_score:
            best, best_score = c, score
    return best or ""


def _late_h1s(tree, body: str) -> set[str]:
    """<h1>s that come after the element where the extracted body text starts."""
    h1_keys = {_key(h.text_content()) for h in tree.iter("h1")}
    lines = [ln.strip() for ln in body.splitlines() if ln.strip()]
    head = {_key(ln) for ln in lines[:3]}
    first = next((ln for ln in lines if len(ln) >= 30 and _key(ln) not in h1_keys), "")
    if not first:
        return set()
    probe = _key(first[:40])
    h1_pos, start = [], None
    for i, el in enumerate(tree.iter()):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "h1":
            h1_pos.append((i, _clean(el.text_content())))
        elif start is None and tag not in ("script", "style", "title", "meta", ""):
            own = _key((el.text or "")[:80])
            if own and len(own) >= 10 and (own.startswith(probe[:len(own)]) and
                                            probe.startswith(own[:len(probe)])):
                start = i
    if start is None:
        return set()
    return {t for i, t in h1_pos if i > start and _key(t) not in head}


def _page_meta(tree, url: str | None) -> dict:
    ld = _json_ld(tree)
    arts = [o for o in ld if _ARTICLE_TYPES.search(_ld_type(o)) and
            not re.search(r"WebSite|Organization", _ld_type(o))]
    arts.sort(key=lambda o: 0 if re.search(r"Article|Posting|Report", _ld_type(o)) else 1)
    ld_headline = next((_clean(o.get("headline") or o.get("name")) for o in arts
                        if isinstance(o.get("headline") or o.get("name"), str)), "")
    ld_date = next((_clean(o.get(k)) for o in arts for k in ("datePublished", "dateCreated")
                    if isinstance(o.get(k), str) and o.get(k).strip()), "")
    ld_authors = next((_names(o.get("author")) for o in arts if _names(o.get("author"))), [])
    ld_publisher = next((n for o in arts for n in _names(o.get("publisher")) if n), "")
    if not ld_publisher:
        ld_publisher = next((n for o in ld if re.search(r"WebSite|Organization", _ld_type(o))
                             for n in _names(o) if n), "")

    canonical = ""
    for href in tree.xpath('//link[@rel="canonical"]/@href') + \
            tree.xpath('//meta[@property="og:url"]/@content'):
        href = (href or "").strip()
        if not href:
            continue
        absu = urljoin(url or "", href)
        if urlsplit(absu).scheme in ("http", "https") and urlsplit(absu).hostname:
            # a canonical pointing to the bare home page while we are deeper is a site bug
            if urlsplit(absu).path in ("", "/") and url and urlsplit(url).path not in ("", "/"):
                continue
            canonical = absu
            break

    mi = _meta_index(tree)
    og_site = _meta(mi, "og:site_name")
    extra_sites = [x.lstrip("@") for x in (_meta(mi, "application-name"),
                                           _meta(mi, "twitter:site")) if x]
    paywalled = any(str(o.get("isAccessibleForFree", "")).lower() == "false" for o in arts)
    og_title = _meta(mi, "og:title", "twitter:title", "title", "headline")
    html_title = _clean(" ".join(tree.xpath("//head/title//text()")) or
                        " ".join(tree.xpath("//title//text()")))
    h1s = [_clean(h.text_content()) for h in tree.xpath("//h1")[:6]]
    date = ld_date or _meta(mi, "article:published_time", "datePublished", "pubdate",
                            "publishdate", "date", "DC.date.issued", "dc.date",
                            "sailthru.date", "parsely-pub-date", "og:published_time")
    if not date:
        t = tree.xpath("//time[@datetime]/@datetime")
        date = _clean(t[0]) if t else ""
    author = "; ".join(dict.fromkeys(a for a in ld_authors if a and not a.startswith("http")))
    if not author:
        author = _meta(mi, "author", "article:author", "byl", "parsely-author", "dc.creator",
                       "sailthru.author")
        if author.startswith("http"):
            author = ""
    return {"ld_headline": ld_headline, "og_title": og_title, "html_title": html_title,
            "h1s": h1s, "canonical": canonical, "site_names": [x for x in (og_site, ld_publisher) if x],
            "extra_sites": extra_sites, "paywalled": paywalled,
            "date": date, "author": re.sub(r"^(?i:by)\s+", "", author)}


# --------------------------------------------------------------------------- extraction

_WORDISH = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]|"
                      r"[^\W\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]+")


def count_words(text: str) -> int:
    """Words, counting each Chinese/Japanese/Korean character as one."""
    return len(_WORDISH.findall(text or ""))


def _looks_like_home(url: str | None) -> bool:
    if not url:
        return False
    p = urlsplit(url)
    return p.path in ("", "/") and not p.query


def _digest(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def _iso_date(d: str) -> str:
    """The calendar date YYYY-MM-DD of a date string, or "" when it is not a plausible one."""
    d = (d or "").strip()
    if not d:
        return ""
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", d)
    if m:
        y = int(m.group(1))
        return m.group(0) if 1990 <= y <= _THIS_YEAR + 1 else ""
    try:
        import warnings
        from dateutil import parser as _dp  # a dependency of htmldate (trafilatura)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unknown time-zone names: the date is enough
            dt = _dp.parse(re.sub(r"\s+(GMT|UTC)([+-]\d{4})?$", "", d), fuzzy=True)
    except (ValueError, OverflowError, ImportError, TypeError):
        return ""
    return dt.strftime("%Y-%m-%d") if 1990 <= dt.year <= _THIS_YEAR + 1 else ""




def extract_page(data: bytes, url: str | None = None, source: str | None = None,
                 encoding: str | None = None, min_words: int = MIN_WORDS,
                 reject_stubs: bool = True, favor: str | None = "precision") -> dict:
    """Extract one article from the bytes of an HTML page.

    ``url``: where the page was fetched from (resolves relative canonical links, gives the
    domain); ``source``: the file path or URL recorded in ``source``; ``encoding``: the
    charset from an HTTP header, if any; ``favor``: "precision" (default: less boilerplate,
    +0.004 F1 on AEB), "recall" or None (trafilatura's balance); ``reject_stubs=False``
    keeps short pages (benchmarks).  Raises ``PageError`` when there is no article.

    Returns ``{"id", "outlet", "url", "title", "date", "author", "site_name", "text",
    "source", "extractor", "extractor_version", "raw_sha1", "encoding", "encoding_rule"}``.
    """
    if data is None or not data.strip():
        raise PageError("empty input")
    if len(data) > MAX_BYTES:
        raise PageError(f"page too large ({len(data):,} bytes)")
    what = sniff_binary(data)
    if what:
        raise PageError(f"not an HTML page: {what}")
    text, codec, how = decode_html(data, encoding)
    if not _HTMLISH.search(text[:200_000]):
        kind = "JSON" if text.lstrip()[:1] in "{[" else "plain text or another format"
        raise PageError(f"not an HTML page: no HTML tags found (looks like {kind})")
    if text.count("\ufffd") > max(50, len(text) // 50):
        raise PageError(f"undecodable text: too many invalid {codec} characters")
    try:
        tree = lxml.html.fromstring(text.encode("utf-8"),
                                    parser=lxml.html.HTMLParser(encoding="utf-8",
                                                                remove_comments=True))
    except Exception as e:  # lxml.etree.ParserError, ValueError
        raise PageError(f"cannot parse HTML: {str(e).splitlines()[0] if str(e) else type(e).__name__}")
    meta = _page_meta(tree, url)
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(tree, url=url, include_comments=False,
                                          with_metadata=True, include_tables=True,
                                          favor_precision=favor == "precision",
                                          favor_recall=favor == "recall")
    except Exception as e:  # trafilatura seldom raises, but one page must not stop a run
        raise PageError(f"extraction failed: {type(e).__name__}: {e}".splitlines()[0])
    d = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    body = (d.get("text") or "").strip()
    if favor == "precision" and count_words(body) < 3 * min_words:
        # precision mode sometimes drops most of a short or oddly built article: retry balanced
        try:
            tree2 = lxml.html.fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(
                encoding="utf-8", remove_comments=True))
            doc2 = trafilatura.bare_extraction(tree2, url=url, include_comments=False,
                                               with_metadata=True, include_tables=True)
            d2 = doc2.as_dict() if doc2 is not None else {}
            if count_words(d2.get("text") or "") > count_words(body):
                d, body = d2, (d2.get("text") or "").strip()
        except Exception:
            pass
    final_url = meta["canonical"] or url or d.get("url") or ""
    n_words = count_words(body)
    if n_words == 0:
        raise PageError("no article: no text found on the page"
                        + (" (home page)" if _looks_like_home(final_url) else ""))
    if not reject_stubs:
        pass
    elif meta["paywalled"] and n_words < 3 * min_words:
        raise PageError(f"no article: paywalled page with only {n_words} words of text")
    elif n_words < min_words:
        if _looks_like_home(final_url):
            raise PageError(f"no article: home page ({n_words} words of text)")
        raise PageError(f"no article: only {n_words} words of text "
                        f"(a home/index page, a paywall or a stub?)")
    elif _looks_like_home(final_url) and (d.get("pagetype") or "") not in ("article",):
        raise PageError("no article: home page")
    domain = _domain(final_url) or _domain(url) or (d.get("hostname") or "")
    sites = list(meta["site_names"]) + meta["extra_sites"]
    if d.get("sitename"):
        sites.append(_clean(d["sitename"]))
    title = pick_title(meta["ld_headline"], meta["og_title"], meta["html_title"], meta["h1s"],
                       sites, domain, fallback=d.get("title") or "", url=final_url or url,
                       late_h1s=_late_h1s(tree, body))
    outlet = next((s for s in meta["site_names"] if s and not s.startswith("http")), "") or domain
    raw_sha1 = _digest(data)
    # the id: records.normalise derives it from the URL, as for every input; without a URL
    # from the original bytes, which a re-extraction after an upgrade keeps (not the text)
    ident = None if final_url else raw_sha1[:16]
    return {
        "id": ident,
        "outlet": outlet,
        "url": final_url or None,
        "title": title,
        "date": _iso_date(meta["date"]) or _iso_date(d.get("date")) or None,
        "author": meta["author"] or _clean(d.get("author")) or None,
        "site_name": (meta["site_names"] or [None])[0] or _clean(d.get("sitename")) or None,
        "text": body,
        "source": source or url,
        "extractor": EXTRACTOR,
        "extractor_version": EXTRACTOR_VERSION + (f" (favor_{favor})" if favor else ""),
        "raw_sha1": raw_sha1,
        "encoding": codec,
        "encoding_rule": how,
    }


# --------------------------------------------------------------------------- readers

def is_page_name(name: str) -> bool:
    """A saved page (``.html``, ``.htm``, ``.xhtml``, optionally ``.gz``) or a fetch-cache
    page (``.body``)."""
    return name.lower().endswith(HTML_SUFFIXES + (CACHE_SUFFIX,))


def page_files(folder: Path) -> list[Path]:
    """The pages under ``folder`` (walked recursively, in sorted order; other files ignored)."""
    out = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        out.extend(Path(root) / f for f in sorted(files) if is_page_name(f))
    return out


def _charset_of(content_type: str | None) -> str | None:
    m = re.search(r"charset=\s*[\"']?([\w.:-]+)", content_type or "", re.I)
    return m.group(1) if m else None


def _load_file(p: Path, max_bytes: int = MAX_BYTES):
    """``(where, data, extract_kw)`` for one page file, or a ``Problem``."""
    where = str(p)
    kw = {"source": str(p.resolve())}
    try:
        if p.name.lower().endswith(CACHE_SUFFIX):  # a page kept by media-bias fetch
            try:
                meta = json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return Problem(where, "fetch cache page without a readable .json beside it")
            url = meta.get("url") or meta.get("final_url")
            where = url or where
            kw = {"source": url, "url": meta.get("final_url") or url,
                  "encoding": _charset_of(meta.get("content_type"))}
        size = p.stat().st_size
        if p.name.lower().endswith(".gz"):
            with gzip.open(p, "rb") as f:
                data = f.read(max_bytes + 1)
            if len(data) > max_bytes:
                return Problem(where, f"page too large (over {max_bytes:,} bytes unzipped)")
        elif size > max_bytes:
            return Problem(where, f"page too large ({size:,} bytes, over {max_bytes:,})")
        else:
            data = p.read_bytes()
    except (OSError, EOFError, gzip.BadGzipFile) as e:
        return Problem(where, f"cannot read {p}: {getattr(e, 'strerror', None) or e}")
    return where, data, kw


def read_pages(paths, problems: list[Problem] | None = None, jobs: int | None = None):
    """Yield ``(where, raw article)`` or ``Problem`` for each page in ``paths`` (page files, or
    folders walked for them)."""
    def tasks():
        for p in paths:
            p = Path(p)
            if p.is_dir():
                found = page_files(p)
                if not found:
                    yield Problem(str(p), "no .html or .htm pages in this folder")
                for f in found:
                    yield _load_file(f)
            else:
                yield _load_file(p)

    yield from extract_all(tasks(), jobs)


def _extract_task(task):
    where, data, kw = task
    try:
        return where, extract_page(data, **kw), None
    except PageError as e:
        return where, None, str(e)
    except Exception as e:  # one page must never stop a load
        return where, None, f"extraction failed: {type(e).__name__}: {e}".splitlines()[0]


def _charset_note(art: dict) -> str | None:
    how, codec = art.get("encoding_rule"), art.get("encoding")
    if how == "detected":
        return (f"no charset declared, or the declared one does not fit the bytes: decoded as "
                f"{codec} (guessed from the text)")
    if how == "fallback":
        return "charset unknown: decoded as windows-1252, undecodable bytes replaced"
    if how == "utf-8-lenient":
        return "a few bytes are not valid UTF-8: replaced with U+FFFD"
    return None


def _finish(result):
    if isinstance(result, Problem):
        yield result
        return
    where, art, error = result
    if error:
        yield Problem(where, error)
        return
    note = _charset_note(art)
    if note:
        yield Problem(where, note, fatal=False)
    yield where, art


def extract_all(tasks, jobs: int | None = None):
    """Extract ``tasks`` (each ``(where, data, extract_page keywords)`` or a ``Problem``,
    passed through) and yield ``(where, raw article)`` or ``Problem``, in input order.

    From ``PARALLEL_FROM`` pages on, the extraction runs in forked worker processes (``jobs``,
    default one per core) with at most four pages per worker in flight, so memory stays flat
    and reading overlaps extraction; the reading process only reads and collects."""
    jobs = jobs or os.cpu_count() or 1
    it = iter(tasks)
    head = []
    for t in it:
        head.append(t)
        if len(head) >= PARALLEL_FROM:
            break
    pool = None
    if jobs > 1 and len(head) >= PARALLEL_FROM:
        import trafilatura  # noqa: F401  (imported once here, inherited by the workers)
        try:
            pool = multiprocessing.get_context("fork").Pool(jobs)
        except (OSError, ValueError, AssertionError):  # no fork here (or a daemon process)
            pool = None
    if pool is None:
        for t in _chain(head, it):
            yield from _finish(t if isinstance(t, Problem) else _extract_task(t))
        return
    window: collections.deque = collections.deque()
    try:
        for t in _chain(head, it):
            window.append(t if isinstance(t, Problem) else pool.apply_async(_extract_task, (t,)))
            while len(window) >= 4 * jobs:
                yield from _finish(_result(window.popleft()))
        while window:
            yield from _finish(_result(window.popleft()))
    finally:
        pool.terminate()
        pool.join()


def _chain(head, it):
    yield from head
    yield from it


def _result(item):
    return item if isinstance(item, Problem) else item.get()
