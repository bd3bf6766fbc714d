"""What every input reader gives: an article ``Record`` or a ``Problem``, and the checks that turn
a raw input article (a dict from JSON, CSV, a manifest...) into the loader's article dict."""
from __future__ import annotations

import gzip
import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlparse

FIELDS = ("id", "outlet", "url", "title", "date", "story", "text")
# optional, stored as given: who wrote it, where it came from and how it was extracted (web pages)
EXTRA_FIELDS = ("author", "site_name", "source", "extractor", "extractor_version", "raw_sha1")
BINARY_SNIFF = 8192


@dataclass
class Problem:
    where: str  # "file:line"
    message: str
    fatal: bool = True  # False: a warning, the article was still loaded

    def __str__(self):
        return f"{self.where}: {'error' if self.fatal else 'warning'}: {self.message}"


@dataclass
class Record:
    where: str
    article: dict


def decode(data: bytes, where: str, problems: list[Problem]) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        text = data.decode("utf-8", errors="replace")
        if text.startswith("\ufeff"):
            text = text[1:]
        bad = text.count("\ufffd")
        problems.append(Problem(where, f"not valid UTF-8 (first bad byte at offset {e.start}); "
                                       f"decoded the rest, {bad} undecodable byte sequence(s) "
                                       f"replaced with U+FFFD", fatal=False))
        return text


# U+00AD, an invisible hint where a word may be broken across lines: some sites put one inside
# nearly every word ("re\xadcalls"), which makes the word no word for any matcher (names,
# speech verbs, the lexicon, syllables); it is left out of every text field
SOFT_HYPHEN = "\xad"


def _clean(value):
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise TypeError(type(value).__name__)
    value = value.replace(SOFT_HYPHEN, "").strip()
    return value or None


def normalise(raw: dict, where: str) -> dict:
    """Check and normalise one input article; raise ValueError with a readable message."""
    if not isinstance(raw, dict):
        raise ValueError(f"expected an object with a 'text' field, got {type(raw).__name__}")
    text = raw.get("text")
    if text is None:
        raise ValueError("missing required field 'text'")
    if not isinstance(text, str):
        raise ValueError(f"field 'text' must be a string, got {type(text).__name__}")
    if not text.strip():
        raise ValueError("field 'text' is empty")
    if "\x00" in text:
        raise ValueError("field 'text' contains NUL characters (binary data?)")
    if SOFT_HYPHEN in text:
        text = text.replace(SOFT_HYPHEN, "")
        if not text.strip():
            raise ValueError("field 'text' is empty")
    article = {"text": text}
    for key in FIELDS[:-1] + EXTRA_FIELDS:
        try:
            article[key] = _clean(raw.get(key))
        except TypeError as e:
            raise ValueError(f"field {key!r} must be a string, got {e}") from None
    try:
        article["story_title"] = _clean(raw.get("story_title"))
    except TypeError as e:
        raise ValueError(f"field 'story_title' must be a string, got {e}") from None
    # the web domain of the URL, if it is a web address: the outlet's, and its name if none given
    article["domain"] = outlet_from_url(article["url"]) if article["url"] else None
    if article["url"] and not article["outlet"]:
        article["outlet"] = article["domain"]
    if not article["id"]:
        basis = article["url"] or text
        article["id"] = hashlib.sha1(basis.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return article


# the marks of UTF-8 text decoded as Windows-1252 or Latin-1 ("Ã¢â‚¬â„¢" for "’", "Ã©" for "é",
# "Â " for a no-break space): only a text with one goes to ftfy
_MOJIBAKE_MARKS = ("Ã", "Â", "â€")
REPAIRED_FIELDS = ("title", "text", "story_title", "author", "site_name")


def repair_mojibake(article: dict) -> list[tuple[str, str, str]]:
    """Repair, in place, the fields of ``article`` whose text was decoded with the wrong
    encoding somewhere before it reached us ("ObamaÃ¢â‚¬â„¢s" for "Obama’s": UTF-8 read as
    Windows-1252, as news scrapes often hold), with ftfy's ``fix_encoding`` (it changes
    nothing else: quotes, dashes and spaces stay as written). Returns (field, first changed
    piece before, after) for each field repaired."""
    repaired = []
    for key in REPAIRED_FIELDS:
        value = article.get(key)
        if not value or not any(m in value for m in _MOJIBAKE_MARKS):
            continue
        import ftfy  # imported only when a text needs it

        fixed = ftfy.fix_encoding(value)
        if fixed != value and fixed.strip():
            article[key] = fixed
            repaired.append((key, *_first_change(value, fixed)))
    return repaired


# a link box run into the prose: after a name, the person's full name glued to the first of
# several headlines, up to "MORE" ("President Trump Donald John TrumpFederal judge halts ...
# Harris presses Twitter ... MORE for distracting ..."): the full name's last word glued to a
# capital, the same word earlier as the name the prose gives, and "MORE" within the paragraph
_GLUED = re.compile(r"(?<=[a-z])(?=[A-Z0-9])")
_MORE = re.compile(r"\sMORE\b")


def strip_link_boxes(article: dict) -> int:
    """Remove, in place, the link boxes run into ``article["text"]`` (see ``_GLUED``); how many
    were removed. The name the prose gives stays ("President Trump ... for distracting")."""
    text = article.get("text") or ""
    if "MORE" not in text:
        return 0
    out, pos, n = [], 0, 0
    for g in _GLUED.finditer(text):
        at = g.start()
        if at < pos:
            continue
        word_start = max(text.rfind(" ", 0, at), text.rfind("\n", 0, at)) + 1
        surname = text[word_start:at]
        if len(surname) < 2 or not surname[0].isupper() or "-" == surname[-1]:
            continue
        # the same surname earlier, as the end of the name the prose gives
        prev = text.rfind(" " + surname + " ", max(pos, word_start - 120), word_start)
        if prev < 0:
            continue
        box_start = prev + 1 + len(surname)  # the space before the full name
        more = _MORE.search(text, at, min(len(text), at + 700))
        if not more or "\n" in text[box_start:more.start()] or \
                text[box_start:word_start].count(" ") > 6:
            continue
        out.append(text[pos:box_start])
        pos = more.end()
        n += 1
    if n:
        out.append(text[pos:])
        article["text"] = "".join(out)
    return n


def _first_change(before: str, after: str) -> tuple[str, str]:
    """The word around the first difference of two texts, in each."""
    i = next((k for k, (a, b) in enumerate(zip(before, after)) if a != b),
             min(len(before), len(after)))
    start = max(before.rfind(" ", 0, i), 0)
    head = before[start:i].lstrip()
    word = re.compile(r"\S{0,24}")
    return head + word.match(before, i).group(), head + word.match(after, i).group()


def outlet_from_url(url: str) -> str | None:
    """The domain of a web URL without "www." ("https://www.bbc.co.uk/x" -> "bbc.co.uk");
    None for anything that is not an http(s) or scheme-less web address."""
    url = url.strip()
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):(?!\d)", url)  # not host:port
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        return None  # javascript:, data:, mailto: ... name no outlet
    try:
        host = urlparse(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return re.sub(r"^www\d?\.", "", host.lower())


def is_binary(head: bytes) -> bool:
    return b"\x00" in head


def open_lines(path: Path):
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")
