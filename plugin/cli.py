"""The ``media-bias`` command: a thin shell over ``datasette_media_bias.pipeline`` (and
``evaluation``), drawing the library's progress callbacks with click's progress bar."""
from __future__ import annotations

import contextlib
import json
import sqlite3
import sys
from pathlib import Path

import click

from .analysis.lexicon import Lexicon
from .pipeline import MAX_ARTICLE_CHARS, load as load_articles, recompute as recompute_articles
from .pipeline import fetching, reextract as reextract_articles
from .pipeline.dask_engine import EngineUnavailable
from .pipeline.outlets import FilingConflict


def _setup(lexicons, progress, quiet, report_file=None):
    """What load and recompute share: the lexicon, whether to show progress, the printer."""
    try:
        lexicon = Lexicon.load(lexicons)
    except (OSError, ValueError) as e:
        raise click.ClickException(str(e))
    if progress is None:
        progress = sys.stderr.isatty() and not quiet
    return lexicon, progress, _problem_printer(progress, quiet, report_file=report_file)


_INPUT_SUFFIXES = (".jsonl", ".json", ".csv", ".txt", ".ndjson")
_SQLITE_HEADER = b"SQLite format 3\x00"


def _check_database_path(db: str, inputs=()) -> None:
    """A one-line error, not a traceback, for a DB path that cannot be a database: in a
    missing folder, a folder, or an existing file that is not SQLite (often the arguments
    swapped: ``load input.jsonl news.db``)."""
    path = Path(db)
    swapped = (f" - did you swap the arguments? The database comes first: "
               f"media-bias load DB INPUT..." if inputs else "")
    if not path.parent.is_dir():
        raise click.ClickException(f"DB {db}: the folder {path.parent} does not exist (create "
                                   f"it, or give a path in an existing folder)")
    if path.is_dir():
        raise click.ClickException(f"DB {db} is a folder, not a SQLite database file{swapped}")
    if path.exists():
        try:
            with open(path, "rb") as f:
                head = f.read(16)
        except OSError as e:
            raise click.ClickException(f"DB {db}: {e.strerror}")
        if head and head != _SQLITE_HEADER:
            raise click.ClickException(f"DB {db} is not a SQLite database{swapped}")
    elif inputs and path.suffix.lower() in _INPUT_SUFFIXES:
        raise click.ClickException(f"DB {db} looks like an input file, not a database{swapped}")


def _check_engine(engine: str, scheduler) -> None:
    """One line, before anything is opened, when --engine dask cannot run here."""
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    if engine == "dask":
        from .pipeline import dask_engine

        try:
            dask_engine.check_available()
        except dask_engine.EngineUnavailable as e:
            raise click.ClickException(str(e))


@contextlib.contextmanager
def _one_line_errors(db: str):
    """A library's one-line ValueError, or a database error, as the command's error."""
    try:
        yield
    except ValueError as e:
        raise click.ClickException(str(e))
    except sqlite3.DatabaseError as e:
        raise click.ClickException(f"DB {db}: {e}")


def _short(message: str, limit: int = 60) -> str:
    """``message`` cut at a word, with an ellipsis, when longer than ``limit``."""
    if len(message) <= limit:
        return message
    space = message.rfind(" ", 0, limit + 1)
    return (message[:space] if space > limit // 2 else message[:limit]).rstrip(" ,;:") + "\u2026"


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


def _problem_printer(progress: bool, quiet: bool, repeats: int = 10, report_file=None):
    """Print each problem to stderr; after ``repeats`` identical messages, only count them
    (``on_problem.hidden``). Every problem goes to ``report_file`` as a JSON line."""
    import json

    counts: dict[str, int] = {}

    def on_problem(p):
        if report_file is not None:
            report_file.write(json.dumps({"where": p.where,
                                          "level": "error" if p.fatal else "warning",
                                          "message": p.message}, ensure_ascii=False) + "\n")
        if not (p.fatal or not quiet):
            on_problem.hidden += 1
            return
        n = counts[p.message] = counts.get(p.message, 0) + 1
        if n <= repeats:
            click.echo(("\n" if progress else "") + str(p), err=True)
        else:
            on_problem.hidden += 1
        if n == repeats:
            click.echo(f"(further '{_short(p.message)}' messages not shown)", err=True)

    on_problem.hidden = 0
    return on_problem


@click.group(help="Load news articles with per-sentence bias metrics into SQLite, for "
                  "comparing outlets in Datasette.")
@click.version_option(package_name="datasette-media-bias")
def cli():
    pass


@cli.command(help="""Load articles into the SQLite database DB (created if missing).

INPUT is a .jsonl or .csv file of articles (fields id, outlet, url, title, date, story, text;
only text is required), a .txt file, or a folder of .txt files with a MANIFEST.csv
(file, outlet, url, story, date); or saved web pages (.html, .htm, also .gz, or a folder of
them) or a web archive (.warc, .warc.gz), whose article text, title, date and author are
extracted with trafilatura. Loading the same input again changes nothing; articles whose
text changed are replaced.

Example: media-bias load news.db data/seeds articles.jsonl

Bad articles are reported with their file and line and skipped; the others load. The command
then exits with status 1, unless --accept-partial is given.""")
@click.argument("db", type=click.Path(dir_okay=False))
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Loaded-word CSV (columns term, category, source, and action: add, remove "
                   "or set) applied to the bundled lexicon; repeatable.")
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
@click.option("--report", "report_path", type=click.Path(dir_okay=False), default=None,
              help="Write every problem (errors and warnings, none left out) to this file as "
                   "JSON Lines: where, level, message.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where the analysis runs: local worker processes, or a Dask cluster "
                   "(pip install 'datasette-media-bias[dask]'; docs/scale-out.md).")
@click.option("--outlet-by", type=click.Choice(["label", "domain"]), default=None,
              help="File articles under outlets by the input's outlet label (the default) or "
                   "by their URL's web domain, which merges one site's name variants; kept in "
                   "DB for later loads (change it with: media-bias outlets DB --by ...).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="With --engine dask: the scheduler of a running cluster (tcp://host:8786); "
                   "default: a local cluster of --jobs workers.")
def load(db, inputs, lexicons, jobs, accept_partial, progress, quiet, max_article_chars,
         commit_every, report_path, engine, outlet_by, scheduler):
    _check_database_path(db, inputs)
    _check_engine(engine, scheduler)
    with contextlib.ExitStack() as stack:
        report_file = None
        if report_path:
            try:
                report_file = stack.enter_context(open(report_path, "w", encoding="utf-8"))
            except OSError as e:
                raise click.ClickException(f"--report {report_path}: {e.strerror}")
        lexicon, progress, on_problem = _setup(lexicons, progress, quiet, report_file)
        with _progress_bar(progress, "Loading") as on_progress:
            try:
                report = load_articles(db, inputs, lexicon=lexicon, jobs=jobs,
                                       on_progress=on_progress, on_problem=on_problem,
                                       max_chars=max_article_chars, commit_seconds=commit_every,
                                       engine=engine, scheduler=scheduler,
                                       outlet_by=outlet_by)
            except sqlite3.DatabaseError as e:
                raise click.ClickException(f"DB {db}: {e}")
            except (EngineUnavailable, FilingConflict) as e:
                raise click.ClickException(str(e))
    if not quiet:
        click.echo(report.summary(), err=True)
        if report_path:
            click.echo(f"Every problem ({len(report.problems)}): {report_path}", err=True)
        elif on_problem.hidden:
            click.echo(f"{on_problem.hidden} problem message(s) not shown: --report FILE writes "
                       f"every problem to FILE", err=True)
        for note in report.notes():
            click.echo(f"Note: {note}", err=True)
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
              help="Loaded-word CSV (columns term, category, source, and action: add, remove "
                   "or set) applied to the bundled lexicon; repeatable.")
@click.option("--lexicon-table", is_flag=True,
              help="Use the lexicon as stored (and perhaps edited) in DB's lexicon table "
                   "instead of the bundled one.")
@click.option("--all", "everything", is_flag=True,
              help="Re-analyse every article, not only those with old versions.")
@click.option("--reextract", is_flag=True,
              help="Extract the articles loaded from web pages again from their source (the "
                   "saved file, or the fetch cache) - after upgrading trafilatura; those whose "
                   "extraction changed are replaced and re-analysed.")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False), default=None,
              help="With --reextract: the fetch cache folder (default: DB's name with .cache).")
@click.option("--jobs", "-j", type=click.IntRange(1), default=None,
              help="Worker processes for analysis (default: one per CPU core).")
@click.option("--progress/--no-progress", default=None,
              help="Show counts, rate and time left (default: only on a terminal).")
@click.option("--quiet", "-q", is_flag=True, help="Print errors only, no summary.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where the analysis runs: local worker processes, or a Dask cluster "
                   "(pip install 'datasette-media-bias[dask]'; docs/scale-out.md).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="With --engine dask: the scheduler of a running cluster (tcp://host:8786); "
                   "default: a local cluster of --jobs workers.")
def recompute(db, lexicons, lexicon_table, everything, jobs, progress, quiet, reextract,
              cache_dir, engine, scheduler):
    _check_database_path(db)
    _check_engine(engine, scheduler)
    lexicon, progress, on_problem = _setup(lexicons, progress, quiet)
    if reextract:
        with _progress_bar(progress, "Re-extracting") as on_progress:
            report = reextract_articles(db, cache_dir, lexicon=lexicon, jobs=jobs,
                                        on_progress=on_progress, on_problem=on_problem)
        if not quiet:
            click.echo(f"{report.read} web pages extracted again: {report.loaded} changed and "
                       f"re-analysed, {report.unchanged} unchanged, {report.rejected} failed, "
                       f"{report.warnings} warnings ({report.seconds:.1f}s)", err=True)
        sys.exit(1 if report.rejected else 0)
    if lexicon_table:
        import sqlite3

        if lexicons:
            raise click.ClickException("give either --lexicon or --lexicon-table, not both")
        with sqlite3.connect(db) as conn:
            lexicon = Lexicon.from_table(conn)

    with _progress_bar(progress, "Re-analysing") as on_progress:
        report = recompute_articles(db, lexicon=lexicon, jobs=jobs, everything=everything,
                                    on_progress=on_progress, on_problem=on_problem,
                                    engine=engine, scheduler=scheduler)
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
                  share of them attributed to the right speaker, and whether the
                  speaker's canonical name is that person.
  --babe          babe_sentences_dev.jsonl: BABE sentences; reports word-level P/R/F1
                  of loaded words in the author's voice and sentence-level macro-F1.
  --basil         basil_sentences_dev.jsonl: BASIL sentences; reports recall of the
                  lexical-bias spans and the share of flagged words inside quotations.
  --ecbplus       ecbplus.jsonl.gz: ECB+ person mentions with cross-document chains;
                  reports B-cubed P/R/F1 of merging name variants within a subtopic,
                  and (ecbplus_coverage) the share of sentences whose event another
                  document reports that coverage calls only_here.
  --coverage      coverage_dev.jsonl: sentences of real stories labelled covered,
                  partly, not_covered (the articles from --articles; by default
                  articles_<split>.jsonl beside it, e.g. articles_test.jsonl for
                  coverage_test.jsonl, and articles_dev.jsonl); reports P/R/F1 of
                  "has information the other articles lack" and of the strict
                  only_here.
  --speakers      speakers_dev.jsonl: quotations with their speaker labelled (the
                  articles found as for --coverage); reports the canonical speaker
                  and its kind correct.
  --aeb           the Article Extraction Benchmark folder (html/*.html.gz and
                  ground-truth.json): reports body precision, recall and F1 of
                  the text extracted from saved pages, and pages per second.
  --stories       articles_dev.jsonl: articles labelled with their story, grouped
                  automatically without it among the --distractors articles
                  (baly_articles_10k.jsonl.gz); reports B-cubed P/R/F1 (takes a
                  minute: 11k articles).

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
@click.option("--ecbplus", type=click.Path(exists=True, dir_okay=False),
              help="ECB+ documents with person mentions and chains (.jsonl.gz).")
@click.option("--speakers", type=click.Path(exists=True, dir_okay=False),
              help="Quotations with their speaker labelled (articles: see --articles).")
@click.option("--coverage", type=click.Path(exists=True, dir_okay=False),
              help="Story sentences labelled covered / partly / not_covered / no_content.")
@click.option("--articles", type=click.Path(exists=True, dir_okay=False),
              help="The articles of the --coverage stories and --speakers quotations "
                   "(default: articles_<split>.jsonl beside them, then articles_dev.jsonl).")
@click.option("--aeb", type=click.Path(exists=True, file_okay=False),
              help="Article Extraction Benchmark folder (html/, ground-truth.json).")
@click.option("--stories", type=click.Path(exists=True, dir_okay=False),
              help="Articles labelled with their story (articles_dev.jsonl), grouped "
                   "automatically without it.")
@click.option("--distractors", type=click.Path(exists=True, dir_okay=False),
              help="Unlabelled articles grouped with the --stories ones "
                   "(baly_articles_10k.jsonl.gz).")
@click.option("--outlet-intervals", "outlet_intervals", type=click.Path(exists=True,
                                                                         dir_okay=False),
              help="Articles labelled with their story (articles_dev.jsonl): the outlet "
                   "comparison intervals under a placebo (outlets shuffled within stories).")
@click.option("--only", type=click.Choice(["golden_rules", "polnear", "babe", "basil",
                                           "ecbplus", "speakers", "coverage",
                                           "ecbplus_coverage", "aeb", "stories",
                                           "outlet_intervals"]),
              multiple=True, help="Of the data sets given, score only these (repeatable).")
@click.option("--lexicon", "lexicons", multiple=True,
              type=click.Path(exists=True, dir_okay=False),
              help="Extra loaded-word CSV to evaluate with the bundled lexicon; repeatable.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def evaluate(golden_rules, polnear, babe, basil, ecbplus, speakers, coverage, articles, aeb,
             stories, distractors, outlet_intervals, only, lexicons, as_json):
    import json

    from . import evaluation as ev

    given = {"golden_rules": golden_rules, "polnear": polnear, "babe": babe, "basil": basil,
             "ecbplus": ecbplus, "speakers": speakers, "coverage": coverage,
             "ecbplus_coverage": ecbplus, "aeb": aeb, "stories": stories,
             "outlet_intervals": outlet_intervals}
    paths = {name: p for name, p in given.items() if p and (not only or name in only)}
    if not paths:
        raise click.ClickException(
            "no data set given: give at least one of --golden-rules, --polnear, --babe, "
            "--basil, --ecbplus, --speakers, --coverage (the path of its JSON Lines file), "
            "--aeb (a folder)")
    if articles:
        paths["articles"] = articles
    if distractors:
        paths["distractors"] = distractors
    try:
        lexicon = Lexicon.load(lexicons) if lexicons else None
    except (OSError, ValueError) as e:
        raise click.ClickException(str(e))
    try:
        results = ev.evaluate_all(paths, lexicon=lexicon)
    except (OSError, ValueError) as e:  # a missing article, a line that is not JSON
        raise click.ClickException(str(e).splitlines()[0] if str(e) else repr(e))
    if as_json:
        click.echo(json.dumps(results, indent=2))
        return
    click.echo(ev.format_table(results, paths))


@cli.command(help="""Download web pages politely and load their articles into DB.

URL... are article pages; --urls FILE reads more (one a line, # comments), --feed takes the
article links of an RSS or Atom feed, --sitemap the pages of a sitemap or sitemap index (all
repeatable). The pages are kept in a cache folder (--cache, default: DB's name with .cache) so
that a re-run downloads nothing again, then loaded like saved pages (media-bias load).

Politeness: robots.txt is obeyed (on every redirect too); the user agent names the tool and its
home page; one request per host every --rate seconds (or the robots.txt Crawl-delay if longer);
timeouts, 429 and 5xx answers are retried with exponential back-off (Retry-After honoured);
pages over --max-bytes are refused.

Example: media-bias fetch news.db --feed https://example.org/rss.xml

Pages that fail are reported with their URL and skipped; the others load. The command then exits
with status 1, unless --accept-partial is given.""")
@click.argument("db", type=click.Path(dir_okay=False))
@click.argument("urls", nargs=-1)
@click.option("--urls", "url_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A file of URLs, one a line (blank lines and # comments skipped).")
@click.option("--feed", "feeds", multiple=True, metavar="URL", help="An RSS or Atom feed.")
@click.option("--sitemap", "sitemaps", multiple=True, metavar="URL",
              help="A sitemap or sitemap index (.xml or .xml.gz).")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False), default=None,
              help="Folder for the downloaded pages (default: DB's name with .cache).")
@click.option("--rate", type=click.FloatRange(0), default=1.0, show_default=True,
              metavar="SECONDS", help="Seconds between two requests to the same host.")
@click.option("--timeout", type=click.FloatRange(0.1), default=20, show_default=True,
              metavar="SECONDS", help="Give up on a connection or a read after this long.")
@click.option("--retries", type=click.IntRange(0), default=3, show_default=True,
              help="Retries after a timeout, a connection error, 429 or 5xx.")
@click.option("--max-bytes", type=click.IntRange(1), default=10_000_000, show_default=True,
              help="Refuse pages larger than this.")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Loaded-word CSV applied to the bundled lexicon, as for load; repeatable.")
@click.option("--jobs", "-j", type=click.IntRange(1), default=None,
              help="Worker processes for analysis (default: one per CPU core).")
@click.option("--accept-partial", is_flag=True,
              help="Exit 0 even when some pages failed or were rejected.")
@click.option("--progress/--no-progress", default=None,
              help="Show counts, rate and time left (default: only on a terminal).")
@click.option("--quiet", "-q", is_flag=True, help="Print errors only, no summary.")
def fetch(db, urls, url_files, feeds, sitemaps, cache_dir, rate, timeout, retries, max_bytes,
          lexicons, jobs, accept_partial, progress, quiet):
    _check_database_path(db)
    lexicon, progress, on_problem = _setup(lexicons, progress, quiet)
    cache = cache_dir or fetching.default_cache(db)
    fetcher = fetching.Fetcher(cache, rate_per_host_seconds=rate, timeout=timeout,
                               retries=retries, max_bytes=max_bytes)
    todo, failed = list(urls), 0
    for path in url_files:
        with open(path, encoding="utf-8", errors="replace") as f:
            todo += [ln.strip() for ln in f if ln.strip() and not ln.lstrip().startswith("#")]
    for kind, expand, given in (("feed", fetching.expand_feed, feeds),
                                ("sitemap", fetching.expand_sitemap, sitemaps)):
        for url in given:
            try:
                found = expand(url, fetcher)
            except (fetching.FetchError, ValueError) as e:
                on_problem(fetching.Problem(url, f"{kind} not read: {e}"))
                failed += 1
                continue
            if not quiet:
                click.echo(f"{url}: {len(found)} page(s) listed", err=True)
            todo += found
    if not todo and not failed:
        raise click.ClickException("no URL given: give URLs, --urls FILE, --feed URL or "
                                   "--sitemap URL")
    pages = []
    with _progress_bar(progress, "Fetching") as bar:
        for item in fetching.fetch(todo, cache, fetcher=fetcher,
                                   on_progress=bar and (lambda d, t, u, o: bar(d, t))):
            if isinstance(item, fetching.Problem):
                on_problem(item)
                failed += item.fatal
            else:
                pages.append(str(item.path))
    if not quiet:
        click.echo(f"Fetched: {fetcher.summary}; cache {cache}", err=True)
    report = None
    if pages:
        with _progress_bar(progress, "Loading") as on_progress:
            try:
                report = load_articles(db, pages, lexicon=lexicon, jobs=jobs,
                                       on_progress=on_progress, on_problem=on_problem)
            except sqlite3.DatabaseError as e:
                raise click.ClickException(f"DB {db}: {e}")
        if not quiet:
            click.echo(report.summary(), err=True)
    rejected = failed + (report.rejected if report else 0)
    if rejected and not accept_partial:
        if not quiet:
            click.echo(f"{rejected} page(s) failed or rejected: exit status 1 (use "
                       f"--accept-partial to accept a partial load)", err=True)
        sys.exit(1)


@cli.command(help="""Regroup or correct the automatic stories of DB (articles loaded without a
story key; stories given by the input are never changed).

  media-bias stories DB --regroup [--setting threshold=0.25 ...]

  media-bias stories DB --move ARTICLE STORY | --merge S1 S2 [S3...] | --split ARTICLE...

Corrections are stored in DB (story_corrections) and kept across regrouping. With no option,
lists the settings and corrections.""")
@click.argument("db", type=click.Path(dir_okay=False, exists=True))
@click.argument("ids", nargs=-1)
@click.option("--regroup", is_flag=True, help="Group every automatic article again.")
@click.option("--setting", "settings", multiple=True, metavar="NAME=VALUE",
              help="A grouping setting for --regroup, kept for later loads: threshold (0.20), "
                   "window_days (3), day_penalty (0.15), copy_threshold (0.80), "
                   "undated_margin (0.20), link (average|centroid), title_weight (0.25), "
                   "entity_weight (0.25).")
@click.option("--defaults", is_flag=True, help="With --regroup: forget the stored settings.")
@click.option("--move", "move", is_flag=True, help="IDS are ARTICLE STORY: the article goes to "
                                                   "that story (existing or new key).")
@click.option("--merge", "merge", is_flag=True, help="IDS are stories: they become one story.")
@click.option("--split", "split", is_flag=True,
              help="IDS are articles: they leave their stories for a story of their own.")
@click.option("--quiet", "-q", is_flag=True, help="Print errors only, no summary.")
def stories(db, ids, regroup, settings, defaults, move, merge, split, quiet):
    from .pipeline import stories as grouping_stage

    _check_database_path(db)
    actions = [name for name, on in (("regroup", regroup), ("move", move), ("merge", merge),
                                     ("split", split)) if on]
    if len(actions) > 1:
        raise click.UsageError(f"choose one of --{' / --'.join(actions)}")
    pairs = {}
    for item in settings:
        name, eq, value = item.partition("=")
        if not eq:
            raise click.UsageError(f"--setting {item!r}: expected NAME=VALUE")
        pairs[name.strip()] = value.strip()
    if (settings or defaults) and actions != ["regroup"]:
        raise click.UsageError("--setting and --defaults go with --regroup")
    with _one_line_errors(db):
        if not actions:
            import sqlite_utils
            from .pipeline.stories import settings as stored_settings

            conn = sqlite_utils.Database(db).conn
            try:
                shown = stored_settings(conn)
            except sqlite3.OperationalError:
                raise click.ClickException(f"DB {db}: not loaded with automatic stories yet")
            click.echo(json.dumps(shown, indent=1))
            return
        if regroup:
            if ids:
                raise click.UsageError("--regroup takes no ids")
            report = grouping_stage.regroup(db, pairs, reset=defaults)
        elif move:
            if len(ids) != 2:
                raise click.UsageError("--move takes ARTICLE STORY")
            report = grouping_stage.correct(db, "move", [ids[0]], ids[1])
        else:
            if not ids:
                raise click.UsageError(f"--{actions[0]} needs ids")
            report = grouping_stage.correct(db, actions[0], list(ids))
    if not quiet:
        click.echo(f"{report.grouped} articles grouped into automatic stories "
                   f"({report.seconds:.1f}s)", err=True)


@cli.command(help="""How DB files its articles under outlets, and filing them again.

Inputs often name one outlet in several ways ("Fox News", "Fox Online News") or give a writer
as the outlet ("Guest Writer - Right"). By default an article goes under the outlet its input
names; --by domain files every article whose URL is on one web site under that site (named
after the label its articles give most often), and articles without a URL by their label.
An alias renames a label (--alias "Fox Online News=Fox News") before anything else.

  media-bias outlets DB --by domain

  media-bias outlets DB --alias "LABEL=OUTLET" [--alias ...] | --unalias LABEL | --no-aliases

The rules are kept in DB for later loads. When an article changes outlet, the automatic stories
are grouped again and every comparison is recomputed. With no option, shows the rules.""")
@click.argument("db", type=click.Path(dir_okay=False, exists=True))
@click.option("--by", "by", type=click.Choice(["label", "domain"]), default=None,
              help="File by the input's outlet label or by the URL's web domain.")
@click.option("--alias", "aliases", multiple=True, metavar="LABEL=OUTLET",
              help="Articles labelled LABEL go under OUTLET (repeatable).")
@click.option("--unalias", "unaliases", multiple=True, metavar="LABEL",
              help="Forget the alias of LABEL (repeatable).")
@click.option("--no-aliases", is_flag=True, help="Forget every alias.")
@click.option("--quiet", "-q", is_flag=True, help="Print errors only, no summary.")
def outlets(db, by, aliases, unaliases, no_aliases, quiet):
    from .pipeline.outlets import parse_alias, refile, stored_rules

    _check_database_path(db)
    with _one_line_errors(db):
        added = dict(parse_alias(a) for a in aliases)
        if not (by or aliases or unaliases or no_aliases):
            click.echo(json.dumps(stored_rules(db), indent=1))
            return
        report, done = refile(db, by, added, unaliases, no_aliases)
    if not quiet:
        click.echo(f"Outlets filed by {done['rules'].by} ({len(done['rules'].aliases)} "
                   f"alias(es)): {done['articles']} article(s) moved; {done['outlets_before']} "
                   f"-> {done['outlets']} outlets ({report.seconds:.1f}s)", err=True)


def main():
    cli()


if __name__ == "__main__":
    main()
