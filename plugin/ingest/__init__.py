"""Ingest: one reader per input kind, each turning files into article ``Record``s (or
``Problem``s naming the file and line). No analysis and no database here.

``read_inputs(paths, problems)`` reads any mix of inputs; ``count_inputs(paths)`` estimates how
many articles they hold, for progress.
"""
from __future__ import annotations

from pathlib import Path

from .csvfile import read_csv
from .jsonl import read_jsonl
from .records import FIELDS, Problem, Record, normalise, open_lines, outlet_from_url
from .text import read_folder, read_txt

__all__ = ["FIELDS", "Problem", "Record", "count_inputs", "normalise", "outlet_from_url",
           "read_inputs"]


def read_inputs(inputs, problems: list[Problem]):
    """Yield Record or Problem for every article in ``inputs``."""
    for inp in inputs:
        path = Path(inp)
        name = path.name.lower()
        if path.is_dir():
            items = read_folder(path, problems)
        elif not path.exists():
            yield Problem(str(path), "no such file or folder")
            continue
        elif name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".json")):
            items = read_jsonl(path, problems)
        elif name.endswith(".csv"):
            items = read_csv(path, problems)
        elif name.endswith(".txt"):
            items = read_txt(path, problems, {}, str(path))
        else:
            yield Problem(str(path), "unknown input type: give a .jsonl, .csv or .txt file, "
                                     "or a folder of .txt files with a MANIFEST.csv")
            continue
        for item in items:
            if isinstance(item, Problem):
                yield item
                continue
            where, raw = item
            try:
                yield Record(where, normalise(raw, where))
            except ValueError as e:
                yield Problem(where, str(e))


def count_inputs(inputs) -> int | None:
    """A quick estimate of how many articles the inputs hold (for progress)."""
    total = 0
    for inp in inputs:
        p = Path(inp)
        if p.is_dir():
            total += len(list(p.glob("*.txt")))
        elif p.name.lower().endswith((".jsonl", ".csv", ".jsonl.gz", ".ndjson")) and p.exists():
            with open_lines(p) as f:
                total += sum(buf.count(b"\n") for buf in iter(lambda: f.read(1 << 20), b""))
        else:
            return None
    return total
