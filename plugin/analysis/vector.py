"""What the automatic story grouping needs from one article, computed with the rest of its
analysis (in the worker processes): the words and named-entity runs of the article's lead, hashed.

Pure function of the text; no corpus statistics, so an article's value never changes when other
articles are loaded. ``compare/stories.py`` adds the title (a short string, cheap to do there),
weights the counts and groups the articles.

* words: lower-cased words of 3+ letters, possessives dropped, stop words removed;
* named-entity runs: runs of capitalised words ("Supreme Court", "U.N."), as a phrase
  (``E:supreme court``) and their last word (``E:court``);
* each token is hashed to one of ``N_FEATURES`` buckets with CRC-32 (the same bucket on every run
  and machine).

``lead_tokens(text)`` gives the value stored in ``articles.story_vector``: little-endian int32s,
the number of word tokens, then the bucket of every word token, then the bucket of every entity
token (repeated tokens repeated: the counts are taken when the vector is built).
"""
from __future__ import annotations

import re
import zlib
from array import array

from .english import STOP_WORDS

VECTOR_VERSION = 1
N_FEATURES = 2 ** 20
LEAD_CHARS = 1500  # characters of text used (the lead carries the event)

_MASK = N_FEATURES - 1
_WORD = re.compile(r"[a-z][a-z\-]*[a-z]")
_POSS = re.compile(r"['’]s\b|['’]")
# a run starts with a capital letter: "[A-Z][A-Za-z\-]*[A-Za-z]|(?:[A-Z]\.){2,}" with the
# capital taken out in front, so that the regex engine skips ahead to the capitals (the
# same matches, tried in the same order)
_RUN = re.compile(r"[A-Z](?:[A-Za-z\-]*[A-Za-z]|\.(?:[A-Z]\.)+)"
                  r"(?:[ \t]+(?:(?:of|de|al)[ \t]+)?(?:[A-Z][A-Za-z\-]*[A-Za-z]|(?:[A-Z]\.){2,}))*")
# function words, reporting verbs, and words of photo credits and bylines
STOP = STOP_WORDS | frozenset("""
according just like new year years time people mr mrs ms dr image copyright caption getty images
photo video across afterwards almost along already although always among another anyone anything
anyway anywhere around became become becomes behind beside besides beyond cannot could either else
elsewhere enough even ever every everyone everything everywhere except first former formerly
hence however indeed last latter least less many may meanwhile might mine moreover mostly much
must namely neither never nevertheless next nobody none nothing nowhere often onto others otherwise
perhaps please rather several since still thereafter thereby therefore thus together toward towards
upon via well whatever whenever whereas whether whither whoever whole whose within without yet
""".split())


def words(s: str | None) -> list[str]:
    """Lower-cased words of 3+ letters, stop words removed (numbers dropped)."""
    return _words(_POSS.sub("", s or ""))


def _words(clean: str) -> list[str]:
    """``words`` of a text with possessives and apostrophes removed."""
    return [w for w in _WORD.findall(clean.lower()) if len(w) > 2 and w not in STOP]


# for _word_buckets: a byte table that keeps the ASCII lower-case letters and the hyphen and
# turns every other byte into a space, and the stop words as bytes
_LETTERS_AND_HYPHENS = bytes(c if ord("a") <= c <= ord("z") or c == ord("-") else ord(" ")
                             for c in range(256))
_STOP_BYTES = frozenset(w.encode() for w in STOP)


class _RunBuckets(dict):
    """Run of letters and hyphens (bytes) -> the bucket of the word it holds, or -1 when it
    holds none (``_word_buckets``): filled on lookup, up to ``_RUN_CACHE_MAX`` runs."""

    def __missing__(self, run: bytes) -> int:
        w = run.strip(b"-")
        b = zlib.crc32(w) & _MASK if len(w) > 2 and w not in _STOP_BYTES else -1
        if len(self) < _RUN_CACHE_MAX:
            self[run] = b
        return b


def _word_buckets(clean: str) -> list[int]:
    """The bucket of each of ``_words(clean)``, found without the regex: the matches of
    ``_WORD`` in a lower-cased text are its runs of ASCII letters and hyphens (every other
    character, a non-ASCII one included, ends a run) less their hyphens at either end, when
    two letters or more remain; such a word is ASCII, its own UTF-8 encoding. Each run's
    bucket (-1: no word) is looked up in ``_run_word_buckets``."""
    runs = clean.lower().encode("ascii", "replace").translate(_LETTERS_AND_HYPHENS).split()
    return list(filter(_NOT_MINUS_ONE, map(_run_word_buckets.__getitem__, runs)))


_NOT_MINUS_ONE = (-1).__ne__
_RUN_CACHE_MAX = 100_000
_run_word_buckets = _RunBuckets()


def entities(s: str | None) -> list[str]:
    """Runs of capitalised words, as phrases ("E:supreme court") and their last word
    ("E:court")."""
    return _entities(_POSS.sub("", s or ""))


def _entities(clean: str) -> list[str]:
    """``entities`` of a text with possessives and apostrophes removed."""
    out = []
    for run in _RUN.findall(clean):
        out.extend(_run_entities(run))
    return out


def _run_entities(run: str) -> list[str]:
    """The entity tokens of one run of capitalised words."""
    ws = run.lower().replace(".", "").split()
    while ws and (ws[0] in STOP or len(ws[0]) < 2):
        ws.pop(0)
    while ws and (ws[-1] in STOP or len(ws[-1]) < 2):
        ws.pop()
    if not ws:
        return []
    if len(ws) > 1:
        return ["E:" + " ".join(ws), "E:" + ws[-1]]
    return ["E:" + ws[0]]


# run of capitalised words -> the buckets of its entity tokens (runs recur: "White House")
_run_buckets: dict[str, tuple[int, ...]] = {}


def _entity_buckets(clean: str) -> list[int]:
    """The bucket of each of ``_entities(clean)``."""
    cache = _run_buckets
    out = []
    for run in _RUN.findall(clean):
        b = cache.get(run)
        if b is None:
            b = tuple(bucket(t) for t in _run_entities(run))
            if len(cache) < _RUN_CACHE_MAX:
                cache[run] = b
        out.extend(b)
    return out


def bucket(token: str) -> int:
    return zlib.crc32(token.encode("utf-8", "surrogatepass")) & _MASK


def lead_tokens(text: str) -> bytes:
    """The hashed word and entity tokens of the first ``LEAD_CHARS`` characters of ``text``."""
    clean = _POSS.sub("", (text or "")[:LEAD_CHARS])
    w = _word_buckets(clean)
    e = _entity_buckets(clean)
    out = array("i", [len(w)])
    out.extend(w)
    out.extend(e)
    if out.itemsize != 4:  # pragma: no cover (int is 32-bit on every platform Python runs on)
        raise RuntimeError("array('i') is not 32-bit here")
    if array("i", [1]).tobytes()[0] != 1:  # big-endian machine: store little-endian
        out.byteswap()
    return out.tobytes()


def decode(blob: bytes) -> tuple[list[int], list[int]]:
    """(word buckets, entity buckets) of a ``lead_tokens`` value."""
    a = array("i")
    a.frombytes(blob)
    if array("i", [1]).tobytes()[0] != 1:  # pragma: no cover
        a.byteswap()
    n = a[0]
    return a[1:1 + n].tolist(), a[1 + n:].tolist()
