"""Pipeline: drives a load (read inputs, analyse in worker processes, write) and a recompute.

    from datasette_media_bias.pipeline import load, recompute
    report = load("news.db", ["articles.jsonl", "data/seeds"])
    print(report.summary())
"""
from .driver import MAX_ARTICLE_CHARS, LoadReport, load, recompute
from .pool import analyze, analyze_batch

__all__ = ["MAX_ARTICLE_CHARS", "LoadReport", "analyze", "analyze_batch", "load", "recompute"]
