"""Ingest: one reader per input kind, each turning files into article ``Record``s (or
``Problem``s naming the file and line). No analysis and no database here.

``read_inputs(paths, problems)`` reads any mix of inputs; ``count_inputs(paths)`` estimates how
many articles they hold, for progress.
"""
from __future__ import annotations

from pathlib import Path

from .csvfile import read_csv
from .jsonl import read_jsonl
from .html import is_page_name, page_files, read_pages
from .records import (EXTRA_FIELDS, FIELDS, Problem, Record, normalise, open_lines,
                      outlet_from_url, repair_mojibake, strip_link_boxes)
from .text import read_folder, read_txt
from .warc import WARC_SUFFIXES, read_warc

__all__ = ["EXTRA_FIELDS", "FIELDS", "Problem", "Record", "count_inputs", "normalise", "outlet_from_url",
           "read_inputs"]


def read_inputs(inputs, problems: list[Problem]):
    """Yield Record or Problem for every article in ``inputs``."""
    for inp in _pages_together(inputs):
        path = None if isinstance(inp, list) else Path(inp)
        name = path.name.lower() if path else ""
        if path is None:  # page files in a row (load news.db *.html): extracted together
            items = read_pages(inp)
        elif path.is_dir():
            # saved web pages, unless it is a folder of .txt articles (then the pages as well)
            texts = (path / "MANIFEST.csv").exists() or any(path.glob("*.txt"))
            items = read_pages([path]) if not texts else read_folder(path, problems)
            if texts and page_files(path):
                items = _chain(items, read_pages([path]))
        elif not path.exists():
            yield Problem(str(path), "no such file or folder")
            continue
        elif name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".json")):
            items = read_jsonl(path, problems)
        elif name.endswith(".csv"):
            items = read_csv(path, problems)
        elif name.endswith(".txt"):
            items = read_txt(path, problems, {}, str(path))
        elif name.endswith(WARC_SUFFIXES):
            items = read_warc(path)
        else:
            yield Problem(str(path), "unknown input type: give a .jsonl, .csv or .txt file, "
                                     "a folder of .txt files with a MANIFEST.csv, saved web "
                                     "pages (.html, .htm, or a folder of them) or a web "
                                     "archive (.warc, .warc.gz)")
            continue
        for item in items:
            if isinstance(item, Problem):
                yield item
                continue
            where, raw = item
            try:
                article = normalise(raw, where)
            except ValueError as e:
                yield Problem(where, str(e))
                continue
            for field, before, after in repair_mojibake(article):
                yield Problem(where, f"mis-decoded characters in the {field} (UTF-8 read as "
                                     f"another encoding): repaired, e.g. {before!r} -> "
                                     f"{after!r}", fatal=False)
            boxes = strip_link_boxes(article)
            if boxes:
                yield Problem(where, f"{boxes} link box(es) run into the text (a name's full "
                                     f"name glued to other stories' headlines, up to 'MORE') "
                                     f"left out of the stored text", fatal=False)
            yield Record(where, article)


def count_inputs(inputs) -> int | None:
    """A quick estimate of how many articles the inputs hold (for progress)."""
    total = 0
    for inp in inputs:
        p = Path(inp)
        if p.is_dir():
            total += len(list(p.glob("*.txt"))) + len(page_files(p))
        elif is_page_name(p.name):
            total += 1
        elif p.name.lower().endswith((".jsonl", ".csv", ".jsonl.gz", ".ndjson")) and p.exists():
            with open_lines(p) as f:
                total += sum(buf.count(b"\n") for buf in iter(lambda: f.read(1 << 20), b""))
        else:
            return None
    return total


def _pages_together(inputs):
    """``inputs``, with each run of saved-page files gathered in one list."""
    run = []
    for inp in inputs:
        if is_page_name(Path(inp).name) and Path(inp).is_file():
            run.append(inp)
            continue
        if run:
            yield run
            run = []
        yield inp
    if run:
        yield run


def _chain(*iterables):
    for it in iterables:
        yield from it
