"""Shared fixtures: real SQLite files built by the real loader, served by Datasette's test client."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_DATA = ROOT.parent / "shared" / "data"


def needs_shared(name: str) -> Path:
    """Path of a file in ../shared/data, or skip the test when it is not there."""
    path = SHARED_DATA / name
    if not path.exists():
        pytest.skip(f"../shared/data/{name} is not available")
    return path


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory) -> Path:
    """The bundled demo corpus, loaded by the real loader."""
    from datasette_media_bias.pipeline import load

    path = tmp_path_factory.mktemp("seeds") / "news.db"  # served as database "news"
    report = load(path, [SEEDS], jobs=1)
    assert report.rejected == 0, [str(p) for p in report.problems]
    assert report.loaded == 5
    return path


@pytest.fixture
def ds(seeds_db):
    """Datasette serving the demo corpus as database "news", with the project's metadata."""
    return make_datasette(seeds_db)


def write_jsonl(path, rows) -> Path:
    """Write ``rows`` (dicts) to ``path`` as JSON Lines, for the real loader to read."""
    import json

    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def make_datasette(db_path, **kwargs):
    from datasette.app import Datasette

    kwargs.setdefault("metadata", project_metadata())
    return Datasette([str(db_path)], **kwargs)


def project_metadata():
    import yaml

    return yaml.safe_load((ROOT / "metadata.yml").read_text())


def pytest_collection_modifyitems(items):
    """Run the real-browser tests last: Playwright's sync API keeps an event loop running in
    the main thread for as long as its session-scoped browser lives, which would stop the
    asyncio tests that come after it."""
    items.sort(key=lambda item: "browser" in getattr(item, "fixturenames", ()))
