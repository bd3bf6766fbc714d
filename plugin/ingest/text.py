"""Plain-text input: a ``.txt`` file is one article; a folder of them may carry a ``MANIFEST.csv``
(``file, outlet, url, story, date``, optionally ``title`` and ``story_title``)."""
from __future__ import annotations

from pathlib import Path

from .csvfile import read_csv
from .records import BINARY_SNIFF, Problem, decode, is_binary


def read_folder(path: Path, problems: list[Problem]):
    manifest = path / "MANIFEST.csv"
    listed = set()
    found = False
    if manifest.exists():
        for item in read_csv(manifest, problems, required="file"):
            if isinstance(item, Problem):
                yield item
                continue
            where, row = item
            name = (row.get("file") or "").strip()
            if not name:
                yield Problem(where, "manifest row has no 'file'")
                continue
            listed.add(name)
            found = True
            yield from read_txt(path / name, problems, row, where)
    for txt in sorted(path.glob("*.txt")):
        if txt.name not in listed:
            found = True
            yield from read_txt(txt, problems, {}, str(txt))
    if not found:
        yield Problem(str(path), "no .txt articles in this folder")


def read_txt(path: Path, problems: list[Problem], meta: dict, where: str):
    try:
        data = path.read_bytes()
    except OSError as e:
        yield Problem(where, f"cannot read {path}: {e.strerror or e}")
        return
    if is_binary(data[:BINARY_SNIFF]) or b"\x00" in data:
        yield Problem(f"{path}:1", "binary file (contains NUL bytes), not an article")
        return
    if not data.strip():
        yield Problem(f"{path}:1", "empty file: no article text")
        return
    raw = {k: v for k, v in meta.items() if k not in ("file", "text")}
    if not raw.get("id"):
        raw["id"] = path.stem
    raw["text"] = decode(data, f"{path}:1", problems)
    yield f"{path}:1", raw
