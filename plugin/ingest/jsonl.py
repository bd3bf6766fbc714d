"""JSON Lines input (``.jsonl``, ``.ndjson``, ``.json``, optionally gzipped): one article a line,
streamed."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

from .records import BINARY_SNIFF, Problem, decode, is_binary, open_lines


def read_jsonl(path: Path, problems: list[Problem]):
    try:
        f = open_lines(path)
        head = f.peek(BINARY_SNIFF)[:BINARY_SNIFF] if hasattr(f, "peek") else b""
    except (OSError, EOFError) as e:
        yield Problem(str(path), f"cannot read: {getattr(e, 'strerror', None) or e}")
        return
    with f:
        if is_binary(head):
            yield Problem(f"{path}:1", "binary file (contains NUL bytes), not JSON lines")
            return
        any_line = False
        lineno = 0
        try:
            for lineno, line in enumerate(f, start=1):
                where = f"{path}:{lineno}"
                if not line.strip():
                    continue
                any_line = True
                text = decode(line, where, problems)
                try:
                    raw = json.loads(text)
                except json.JSONDecodeError as e:
                    msg = e.msg[:-3] if e.msg.endswith(" at") else e.msg
                    yield Problem(where, f"malformed JSON: {msg} at column {e.colno}")
                    continue
                except RecursionError:
                    yield Problem(where, "malformed JSON: nested too deeply")
                    continue
                yield where, raw
        except (OSError, EOFError, gzip.BadGzipFile) as e:
            yield Problem(str(path), f"cannot read past line {lineno}: {e}")
            return
        if not any_line:
            yield Problem(str(path), "empty file: no articles in it")
