"""The loaded-word lexicon: terms, their categories and where each came from.

A lexicon is one or more CSV files with columns ``term, category, source`` (a term may be
several words; matching is case-insensitive on whole words) and a ``sources.csv`` beside the
bundled one naming each source's licence. Users add words with ``--lexicon FILE`` (same
columns; ``source`` may be left empty) and reload or ``media-bias recompute``.
"""
from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path


def _bundled_dir() -> Path:
    """data/lexicon: inside an installed wheel it is the ``lexicon_data`` folder of the
    package (setup.py maps it there); in a checkout or editable install, the repo's data/."""
    here = Path(__file__).resolve().parent
    for d in (here / "lexicon_data", here.parent / "data" / "lexicon"):
        if (d / "loaded_words.csv").exists():
            return d
    raise FileNotFoundError("the bundled lexicon (data/lexicon/loaded_words.csv) is missing")


BUNDLED_DIR = _bundled_dir()

_TOKEN = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")


@dataclass(frozen=True)
class Occurrence:
    start: int
    end: int
    term: str
    category: str


class Lexicon:
    def __init__(self, entries: list[dict], sources: list[dict]):
        self.entries = entries
        self.sources = sources
        # normalised term ("witch hunt", "don't") -> entry; the first entry of a term wins
        self._by_key: dict[str, dict] = {}
        for e in entries:
            toks = [t.lower().replace("’", "'") for t in _TOKEN.findall(e["term"])]
            if toks:
                self._by_key.setdefault(" ".join(toks), e)
        self._rx = _trie_regex(self._by_key)
        digest = hashlib.sha1()
        for e in sorted(entries, key=lambda e: (e["term"], e["category"])):
            digest.update(f"{e['term']}\t{e['category']}\n".encode())
        self.version = digest.hexdigest()[:12]

    @classmethod
    def load(cls, extra: list[str | Path] = (), bundled: bool = True) -> "Lexicon":
        files = []
        if bundled:
            files.append(BUNDLED_DIR / "loaded_words.csv")
        files.extend(Path(p) for p in extra)
        seen = {}
        for path in files:
            with open(path, newline="", encoding="utf-8") as f:
                for lineno, row in enumerate(csv.DictReader(f), start=2):
                    term = (row.get("term") or "").strip()
                    category = (row.get("category") or "").strip()
                    if not term or not category:
                        raise ValueError(
                            f"{path}:{lineno}: a lexicon row needs a term and a category"
                        )
                    source = (row.get("source") or "").strip() or f"user:{Path(path).name}"
                    seen[(term.lower(), category)] = {
                        "term": term.lower(), "category": category, "source": source,
                    }
        sources = []
        src_file = BUNDLED_DIR / "sources.csv"
        if bundled and src_file.exists():
            with open(src_file, newline="", encoding="utf-8") as f:
                sources = list(csv.DictReader(f))
        known = {s["source"] for s in sources}
        for e in seen.values():
            if e["source"] not in known:
                known.add(e["source"])
                sources.append({"source": e["source"], "licence": "supplied by the user",
                                "description": "Terms added with --lexicon"})
        return cls(list(seen.values()), sources)

    @classmethod
    def from_table(cls, conn, table: str = "lexicon",
                   sources_table: str = "lexicon_sources") -> "Lexicon":
        """The lexicon stored in a database table (columns term, category, source), e.g. one a
        user edited in Datasette: ``Lexicon.from_table(sqlite3.connect("news.db"))``."""
        entries = [{"term": (t or "").strip().lower(), "category": (c or "").strip(),
                    "source": (s or "").strip() or f"user:{table}"}
                   for t, c, s in conn.execute(
                       f"select term, category, source from [{table}]")
                   if (t or "").strip() and (c or "").strip()]
        try:
            sources = [{"source": s, "licence": l, "description": d} for s, l, d in
                       conn.execute(f"select source, licence, description from "
                                    f"[{sources_table}]")]
        except Exception:
            sources = []
        known = {s["source"] for s in sources}
        for e in entries:
            if e["source"] not in known:
                known.add(e["source"])
                sources.append({"source": e["source"], "licence": "supplied by the user",
                                "description": f"Terms added to the {table} table"})
        return cls(entries, sources)

    def find(self, text: str) -> list[Occurrence]:
        """Occurrences of the lexicon's terms in ``text``: whole words, case-insensitive, the
        longest term first, not overlapping, in order."""
        if self._rx is None or not text:
            return []
        out = []
        get = self._by_key.get
        for m in self._rx.finditer(text):
            key = _SPACES.sub(" ", m.group().lower().replace("’", "'"))
            e = get(key)
            if e is not None:
                out.append(Occurrence(m.start(), m.end(), e["term"], e["category"]))
        return out


_SPACES = re.compile(r"\s+")


def _trie_regex(keys) -> "re.Pattern | None":
    """One regular expression matching any of ``keys`` (normalised terms) as whole words,
    built as a trie so that matching costs little more than one scan of the text."""
    trie: dict = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = True
    if not trie:
        return None

    def emit(node: dict) -> str:
        terminal = "" in node
        alts = []
        for ch in sorted(k for k in node if k):
            if ch == " ":
                piece = r"\s+"
            elif ch == "'":
                piece = "['’]"
            else:
                piece = re.escape(ch)
            alts.append(piece + emit(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if terminal:
            return "(?:" + body + ")?"
        return body

    pattern = (r"(?<![A-Za-z])(?<![A-Za-z]['’-])" + emit(trie) +
               r"(?![A-Za-z]|['’-][A-Za-z])")
    return re.compile(pattern, re.IGNORECASE | re.ASCII)


_default: Lexicon | None = None


def default_lexicon() -> Lexicon:
    global _default
    if _default is None:
        _default = Lexicon.load()
    return _default


def loaded_words(text: str | None) -> int | None:
    """SQL function: number of loaded-word occurrences in ``text`` (bundled lexicon)."""
    if text is None:
        return None
    return len(default_lexicon().find(str(text)))
