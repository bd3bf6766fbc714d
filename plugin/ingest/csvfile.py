"""CSV input: a header row naming the fields, one article a row (fields may span lines)."""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from .records import BINARY_SNIFF, Problem, decode, is_binary


def read_csv(path: Path, problems: list[Problem], required: str = "text"):
    csv.field_size_limit(sys.maxsize)
    try:
        raw = path.read_bytes()
    except OSError as e:
        yield Problem(str(path), f"cannot read: {e.strerror or e}")
        return
    if is_binary(raw[:BINARY_SNIFF]):
        yield Problem(f"{path}:1", "binary file (contains NUL bytes), not CSV")
        return
    data = decode(raw, str(path), problems)
    if not data.strip():
        yield Problem(str(path), "empty file: no articles in it")
        return
    reader = csv.DictReader(io.StringIO(data, newline=""))
    try:
        fieldnames = reader.fieldnames
    except csv.Error as e:
        yield Problem(f"{path}:1", f"malformed CSV header: {e}")
        return
    if required not in fieldnames:
        yield Problem(f"{path}:1", f"no {required!r} column (columns: {', '.join(fieldnames)})")
        return
    rows = 0
    last_line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            yield Problem(f"{path}:{last_line + 1}", f"malformed CSV: {e}; rest of file skipped")
            return
        # a row starts on the line after the previous one ended (quoted fields span lines)
        where = f"{path}:{last_line + 1}"
        last_line = reader.line_num
        rows += 1
        if None in row:
            yield Problem(where, f"{len(row[None])} more field(s) than the header has")
            continue
        if any(v is None for v in row.values()):
            missing = [k for k, v in row.items() if v is None]
            yield Problem(where, f"fewer fields than the header has (no {', '.join(missing)})")
            continue
        yield where, row
    if rows == 0 and required == "text":
        yield Problem(str(path), "no articles: the CSV file has a header and no rows")
