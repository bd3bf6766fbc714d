"""Pipeline: drives a load (read inputs, analyse in worker processes, write) and a recompute.

    from datasette_media_bias.pipeline import load, recompute
    report = load("news.db", ["articles.jsonl", "data/seeds"])
    print(report.summary())
"""
from . import coverage, outlet_stats, speakers, stages, stories, story_words
from ..ingest import fetch as fetching  # the downloader behind `media-bias fetch`
from .driver import MAX_ARTICLE_CHARS, LoadReport, load, recompute, reextract
from .pool import analyze, analyze_batch

# the stages that span articles, in the order they run: each reads what the ones before it
# wrote (grouping makes the stories the others judge; outlet statistics sum up the rest).
# Coverage, a generator stage, comes right after grouping: its worker processes judge the
# stories (reading only what grouping and the load wrote) while the writer runs the stages
# after it, describing the stories first, and its results are written last (nothing after it
# reads them)
stages.STAGES[:] = [
    stories.group_stories,
    coverage.judge_coverage,
    stories.describe_stories,
    story_words.set_aside_story_words,
    speakers.assign_speakers,
    outlet_stats.stage,
]

__all__ = ["MAX_ARTICLE_CHARS", "LoadReport", "analyze", "analyze_batch", "fetching", "load",
           "recompute", "reextract"]
