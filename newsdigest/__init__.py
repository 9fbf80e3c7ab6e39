"""newsdigest: clean and summarize raw news articles.

    >>> from newsdigest import summarize_file
    >>> summary = summarize_file("article.txt")
    >>> print(summary.article.meta.title, summary.text)

Importing this package is cheap: the pipeline's heavy libraries load on first use.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import (  # noqa: E402
    Length,
    SummaryOptions,
    clean_document,
    clean_file,
    clean_text,
    each_input,
    summarize_article,
    summarize_bytes,
    summarize_file,
    summarize_text,
)
from .errors import ExitCode, InputError, NewsdigestError, NoStoryError  # noqa: E402
from .models import Article, Failure, Metadata, RawDocument, Removed, Sentence, Summary  # noqa: E402

__all__ = [
    "__version__",
    "Article",
    "ExitCode",
    "Failure",
    "InputError",
    "Length",
    "Metadata",
    "NewsdigestError",
    "NoStoryError",
    "RawDocument",
    "Removed",
    "Sentence",
    "Summary",
    "SummaryOptions",
    "clean_document",
    "clean_file",
    "clean_text",
    "each_input",
    "summarize_article",
    "summarize_bytes",
    "summarize_file",
    "summarize_text",
]
