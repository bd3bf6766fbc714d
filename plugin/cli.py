"""The ``media-bias`` command: a thin shell over ``datasette_media_bias.pipeline`` (and
``evaluation``), drawing the library's progress callbacks with click's progress bar."""
from __future__ import annotations

import contextlib
import sys

import click

from .analysis.lexicon import Lexicon
from .pipeline import MAX_ARTICLE_CHARS, load as load_articles, recompute as recompute_articles


def _setup(lexicons, progress, quiet):
    """What load and recompute share: the lexicon, whether to show progress, the printer."""
    try:
        lexicon = Lexicon.load(lexicons)
    except (OSError, ValueError) as e:
        raise click.ClickException(str(e))
    if progress is None:
        progress = sys.stderr.isatty() and not quiet
    return lexicon, progress, _problem_printer(progress, quiet)


@contextlib.contextmanager
def _progress_bar(enabled: bool, label: str):
    """An ``on_progress(done, total)`` callback drawing click's progress bar on stderr (None
    when disabled). The bar is made on the first call, once the total is known."""
    if not enabled:
        yield None
        return
    state = {"bar": None, "done": 0}

    def on_progress(done, total):
        bar = state["bar"]
        if bar is None:
            bar = state["bar"] = click.progressbar(length=total, label=label, file=sys.stderr,
                                                   show_pos=True, show_eta=True)
            bar.__enter__()
        bar.update(done - state["done"])
        state["done"] = done

    try:
        yield on_progress
    finally:
        if state["bar"] is not None:
            state["bar"].__exit__(None, None, None)


def _problem_printer(progress: bool, quiet: bool, repeats: int = 10):
    """Print each problem to stderr; after ``repeats`` identical messages, only count them."""
    counts: dict[str, int] = {}

    def on_problem(p):
        if not (p.fatal or not quiet):
            return
        n = counts[p.message] = counts.get(p.message, 0) + 1
        if n <= repeats:
            click.echo(("\n" if progress else "") + str(p), err=True)
        if n == repeats:
            click.echo(f"(further '{p.message[:60]}' messages not shown)", err=True)

    return on_problem


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
@click.option("--max-article-chars", type=click.IntRange(1), default=MAX_ARTICLE_CHARS,
              show_default=True, help="Reject articles whose text is longer than this.")
@click.option("--commit-every", type=click.FloatRange(0), default=0.5, show_default=True,
              metavar="SECONDS", help="Commit at least this often (and every 500 articles), "
              "so Datasette shows articles as they load.")
def load(db, inputs, lexicons, jobs, accept_partial, progress, quiet, max_article_chars,
         commit_every):
    lexicon, progress, on_problem = _setup(lexicons, progress, quiet)

    with _progress_bar(progress, "Loading") as on_progress:
        report = load_articles(db, inputs, lexicon=lexicon, jobs=jobs, on_progress=on_progress,
                               on_problem=on_problem, max_chars=max_article_chars,
                               commit_seconds=commit_every)
    if not quiet:
        click.echo(report.summary(), err=True)
    if report.rejected and not accept_partial:
        if not quiet:
            click.echo(f"{report.rejected} input(s) rejected: exit status 1 (use --accept-partial "
                       f"to accept a partial load)", err=True)
        sys.exit(1)


@cli.command(help="""Re-analyse the articles stored in DB without the original inputs.

Run it after adding words to the lexicon (--lexicon FILE, as for load) or after upgrading to a
release whose metric definitions changed (a new METRICS_VERSION): articles whose stored metric or
lexicon version differs are re-analysed (all of them with --all) and their sentences, quotations
and loaded-word occurrences replaced. Texts, titles, outlets and stories are left as they are.

Example: media-bias recompute news.db --lexicon my_words.csv""")
@click.argument("db", type=click.Path(dir_okay=False, exists=True))
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra loaded-word CSV (columns term, category, source); repeatable.")
@click.option("--all", "everything", is_flag=True,
              help="Re-analyse every article, not only those with old versions.")
@click.option("--jobs", "-j", type=click.IntRange(1), default=None,
              help="Worker processes for analysis (default: one per CPU core).")
@click.option("--progress/--no-progress", default=None,
              help="Show counts, rate and time left (default: only on a terminal).")
@click.option("--quiet", "-q", is_flag=True, help="Print errors only, no summary.")
def recompute(db, lexicons, everything, jobs, progress, quiet):
    lexicon, progress, on_problem = _setup(lexicons, progress, quiet)

    with _progress_bar(progress, "Re-analysing") as on_progress:
        report = recompute_articles(db, lexicon=lexicon, jobs=jobs, everything=everything,
                                    on_progress=on_progress, on_problem=on_problem)
    if not quiet:
        click.echo(f"{report.loaded} articles re-analysed, {report.unchanged} already current, "
                   f"{report.rejected} failed ({report.seconds:.1f}s)", err=True)
    if report.rejected:
        sys.exit(1)


@cli.command(help="""Score the pipeline against annotated data sets and print the figures.

Each data set is a JSON Lines file given by path; only the data sets given are scored.
(In a checkout, `make evaluate` scores the development copies in ../shared/data.)

\b
  --golden-rules  golden_rules_en.jsonl: the English "Golden Rules" of sentence
                  segmentation; reports rules passed and splitter speed (MB/s).
  --polnear       polnear_quotes_dev.jsonl: PolNeAR articles; reports precision,
                  recall and F1 of direct quotations found (overlap match) and the
                  share of them attributed to the right speaker.
  --babe          babe_sentences_dev.jsonl: BABE sentences; reports word-level P/R/F1
                  of loaded words in the author's voice and sentence-level macro-F1.
  --basil         basil_sentences_dev.jsonl: BASIL sentences; reports recall of the
                  lexical-bias spans and the share of flagged words inside quotations.

Example: media-bias evaluate --babe ../shared/data/babe_sentences_dev.jsonl --json

Figures and how to read them: docs/evaluation.md.""")
@click.option("--golden-rules", "golden_rules", type=click.Path(exists=True, dir_okay=False),
              help="Golden Rules file (fields name, text, expected).")
@click.option("--polnear", type=click.Path(exists=True, dir_okay=False),
              help="PolNeAR articles with attributions.")
@click.option("--babe", type=click.Path(exists=True, dir_okay=False),
              help="BABE sentences with biased_words.")
@click.option("--basil", type=click.Path(exists=True, dir_okay=False),
              help="BASIL sentences with lexical-bias spans.")
@click.option("--only", type=click.Choice(["golden_rules", "polnear", "babe", "basil"]),
              multiple=True, help="Of the data sets given, score only these (repeatable).")
@click.option("--lexicon", "lexicons", multiple=True,
              type=click.Path(exists=True, dir_okay=False),
              help="Extra loaded-word CSV to evaluate with the bundled lexicon; repeatable.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def evaluate(golden_rules, polnear, babe, basil, only, lexicons, as_json):
    import json

    from . import evaluation as ev

    given = {"golden_rules": golden_rules, "polnear": polnear, "babe": babe, "basil": basil}
    paths = {name: p for name, p in given.items() if p and (not only or name in only)}
    if not paths:
        raise click.ClickException(
            "no data set given: give at least one of --golden-rules, --polnear, --babe, "
            "--basil (the path of its JSON Lines file)")
    try:
        lexicon = Lexicon.load(lexicons) if lexicons else None
    except (OSError, ValueError) as e:
        raise click.ClickException(str(e))
    results = ev.evaluate_all(paths, lexicon=lexicon)
    if as_json:
        click.echo(json.dumps(results, indent=2))
        return
    click.echo(ev.format_table(results, paths))


def main():
    cli()


if __name__ == "__main__":
    main()
