"""Packaging: ``python -m build`` makes an sdist and a wheel carrying the templates, static files,
lexicon and the plugin's metadata; the wheel goes into a clean virtual environment with
``datasette install`` (which keeps the Datasette line that is there: the one running these tests,
so CI checks 0.65 and 1.0, one per environment) and serves the demo.

Slow (two minutes or more: a venv and its packages); ``make test PYTEST_ARGS='-m "not slow"'``
leaves it out. Needs the package index pip is configured with (or its cache)."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import tarfile
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STORY = "kanye-trump-tweets-2018-04"
PACKAGED = ["templates/media_bias_story.html", "templates/media_bias_base.html",
            "static/media-bias.css", "lexicon_data/loaded_words.csv",
            "lexicon_data/README.md", "media_bias_metadata.yml"]

pytestmark = pytest.mark.slow


def run(*args, cwd=None, timeout=900):
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, f"{args}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """sdist and wheel built from a copy of the source (the checkout stays untouched)."""
    src = tmp_path_factory.mktemp("src")
    for name in ("setup.py", "README.md"):
        shutil.copy(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "plugin", src / "plugin", ignore=ignore)
    shutil.copytree(ROOT / "data" / "lexicon", src / "data" / "lexicon", ignore=ignore)
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--outdir", out, src)
    return out


def test_wheel_and_sdist_carry_the_data_files(dist):
    wheel = next(dist.glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in PACKAGED:
        assert f"datasette_media_bias/{name}" in names, name
    requires = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("METADATA")))
    assert b"Requires-Dist: datasette<1.1,>=0.65" in requires
    sdist = next(dist.glob("*.tar.gz"))
    members = {m.split("/", 1)[1] for m in tarfile.open(sdist).getnames() if "/" in m}
    for name in ["plugin/templates/media_bias_story.html", "plugin/static/media-bias.css",
                 "plugin/media_bias_metadata.yml", "data/lexicon/loaded_words.csv",
                 "README.md", "setup.py"]:
        assert name in members, name


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def test_datasette_install_into_a_clean_venv_serves_the_demo(dist, tmp_path):
    from datasette.version import __version__

    wheel = next(dist.glob("*.whl"))
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv)
    bin_ = venv / "bin"
    run(bin_ / "pip", "install", "--quiet", f"datasette=={__version__}")
    run(bin_ / "datasette", "install", wheel)
    installed = run(bin_ / "python", "-c",
                    "import datasette.version as v; print(v.__version__)").strip()
    assert installed == __version__, "datasette install changed the Datasette version"
    db = tmp_path / "news.db"
    run(bin_ / "media-bias", "load", db, ROOT / "data" / "seeds", "--no-progress")
    port = free_port()
    server = subprocess.Popen([str(bin_ / "datasette"), "serve", str(db), "--metadata",
                               str(ROOT / "metadata.yml"), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                get(base + "/-/versions.json")
                break
            except OSError:
                time.sleep(0.2)
        plugins = json.loads(get(base + "/-/plugins.json")[1])
        assert any(p["name"] == "datasette-media-bias" for p in plugins)
        pages = ["/-/media-bias", "/news/-/media-bias", f"/news/-/media-bias/stories/{STORY}",
                 f"/news/-/media-bias/stories/{STORY}.csv?_table=articles",
                 f"/news/loaded_words_by_outlet.json?story={STORY}&_shape=array", "/news/articles"]
        for page in pages:
            status, body = get(base + page)
            assert status == 200, (page, body[:300])
        status, body = get(base + "/news/articles.json?_search=lunch&_shape=objects")
        assert status == 200 and len(json.loads(body)["rows"]) == 1  # the FTS index
    finally:
        server.terminate()
        server.wait(timeout=60)
