"""Analysis: pure functions of one article (sentences, boilerplate, quotations, loaded words,
readability), with no database. The loader runs them in worker processes.

``analyze_rows(text, lexicon, article_id)`` gives an article's rows, ready to store;
``analyze_text(text, lexicon)`` the same as dicts.
"""
from . import checks, metrics
from .article import (ARTICLE_COLUMNS, OCCURRENCE_COLUMNS, QUOTE_COLUMNS, SENTENCE_COLUMNS,
                      Rows, analyze_rows, analyze_text)

__all__ = ["ARTICLE_COLUMNS", "OCCURRENCE_COLUMNS", "QUOTE_COLUMNS", "SENTENCE_COLUMNS", "Rows",
           "analyze_rows", "analyze_text"]
