"""The rooms of plugin/ import one way (docs/architecture.md): no room imports one above it."""
import ast
from pathlib import Path

import pytest

PLUGIN = Path(__file__).resolve().parent.parent / "plugin"
# room -> the rooms of the package it may import
ALLOWED = {
    "__init__": {"web", "analysis"},
    "cli": {"pipeline", "evaluation", "analysis"},
    "web": {"compare", "store", "analysis"},
    "evaluation": {"compare", "analysis", "ingest"},
    "pipeline": {"ingest", "store", "compare", "analysis"},
    "ingest": set(),
    "store": {"analysis"},
    "compare": {"analysis"},
    "analysis": set(),
}


def room_of(path: Path) -> str:
    rel = path.relative_to(PLUGIN)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def imported_rooms(path: Path, source: str | None = None) -> set[str]:
    """The package's rooms that ``path`` (or ``source`` standing at ``path``) imports, by
    relative or absolute imports."""
    tree = ast.parse(source if source is not None else path.read_text(encoding="utf-8"))
    here = path.relative_to(PLUGIN).parts[:-1]  # the module's package, inside plugin/
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(here[:len(here) - node.level + 1]) if node.level > 1 else list(here)
                parts = base + (node.module.split(".") if node.module else [])
                names = [parts] if parts else [[a.name] for a in node.names]
            elif (node.module or "").startswith("datasette_media_bias"):
                parts = node.module.split(".")[1:]
                names = [parts] if parts else [[a.name] for a in node.names]
            else:
                continue
            for p in names:
                if p:
                    found.add(p[0])
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("datasette_media_bias."):
                    found.add(a.name.split(".")[1])
    return found


MODULES = sorted(p for p in PLUGIN.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PLUGIN)))
def test_imports_run_one_way(path):
    room = room_of(path)
    assert room in ALLOWED, f"{room} is not a room of docs/architecture.md"
    outside = imported_rooms(path) - ALLOWED[room] - {room}
    assert not outside, f"{path.relative_to(PLUGIN)} imports {sorted(outside)}"


def test_the_checker_sees_a_wrong_way_import():
    assert "web" in imported_rooms(PLUGIN / "analysis" / "x.py", "from ..web import views\n")
    assert "pipeline" in imported_rooms(PLUGIN / "store" / "x.py",
                                        "from datasette_media_bias.pipeline import load\n")
    assert "store" in imported_rooms(PLUGIN / "cli.py", "from .store import schema\n")


def test_architecture_doc_names_every_room():
    doc = (PLUGIN.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    for room in ALLOWED:
        if room != "__init__":
            assert f"`{room}" in doc, room
