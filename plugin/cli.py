"""The ``media-bias`` command: a thin shell over ``datasette_media_bias.loader``."""
from __future__ import annotations

import sys

import click

from .lexicon import Lexicon
from .loader import load as load_articles


@click.group(help="Load news articles with per-sentence bias metrics into SQLite, for "
                  "comparing outlets in Datasette.")
@click.version_option(package_name="datasette-media-bias")
def cli():
    pass


@cli.command(help="""Load articles into the SQLite database DB (created if missing).

INPUT is a .jsonl or .csv file of articles (fields id, outlet, url, title, date, story, text;
only text is required), a .txt file, or a folder of .txt files with a MANIFEST.csv
(file, outlet, url, story, date). Loading the same input again changes nothing; articles whose
text changed are replaced.

Example: media-bias load news.db data/seeds articles.jsonl

Bad articles are reported with their file and line and skipped; the others load. The command
then exits with status 1, unless --accept-partial is given.""")
@click.argument("db", type=click.Path(dir_okay=False))
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra loaded-word CSV (columns term, category, source); repeatable.")
@click.option("--jobs", "-j", type=click.IntRange(1), default=None,
              help="Worker processes for analysis (default: one per CPU core).")
@click.option("--accept-partial", is_flag=True,
              help="Exit 0 even when some articles were rejected.")
@click.option("--progress/--no-progress", default=None,
              help="Show counts, rate and time left (default: only on a terminal).")
@click.option("--quiet", "-q", is_flag=True, help="Print errors only, no summary.")
def load(db, inputs, lexicons, jobs, accept_partial, progress, quiet):
    try:
        lexicon = Lexicon.load(lexicons)
    except (OSError, ValueError) as e:
        raise click.ClickException(str(e))
    if progress is None:
        progress = sys.stderr.isatty() and not quiet

    def on_problem(p):
        if p.fatal or not quiet:
            click.echo(("\n" if progress else "") + str(p), err=True)

    report = load_articles(db, inputs, lexicon=lexicon, jobs=jobs, progress=progress,
                           on_problem=on_problem)
    if not quiet:
        click.echo(report.summary(), err=True)
    if report.rejected and not accept_partial:
        sys.exit(1)


def main():
    cli()


if __name__ == "__main__":
    main()
