"""The public Python API: the whole pipeline, one call per job. The CLI uses these."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TypeVar

from .errors import InputError, NewsdigestError, NoStoryError
from .loading import DEFAULT_MAX_BYTES, load, load_bytes, sniff_format
from .models import Article, Failure, RawDocument, Sentence, Summary
from .summarizers.length import Length

T = TypeVar("T")


@dataclass(frozen=True)
class SummaryOptions:
    algorithm: str | None = None  # None: the default summarizer
    length: Length = field(default_factory=Length)
    language: str | None = None  # None: detect
    keywords: int = 0
    max_bytes: int = DEFAULT_MAX_BYTES
    rules: object = None  # a cleaning.rules.RuleSet (per-site cleaning rules), from load_rules()


def load_rules(path: str | os.PathLike | None = None):
    """Per-site cleaning rules from `path`, else from rules.toml in the user's config folder, else None."""
    from .cleaning.rules import find_rules

    return find_rules(path)


def clean_document(raw: RawDocument, rules=None) -> Article:
    """The cleaned article; NoStoryError when cleaning keeps no story text."""
    from .cleaning import clean

    article = clean(raw, rules)
    if not article.paragraphs:
        raise NoStoryError(article.path, article)
    return article


def clean_text(text: str, format: str | None = None, path: str = "<text>", rules=None) -> Article:
    """Clean a page given as a string; the format is sniffed unless given ("text" or "html")."""
    raw = RawDocument(path=path, text=text, format=format or sniff_format(text), encoding="utf-8", size=len(text))
    return clean_document(raw, rules)


def clean_file(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES, rules=None) -> Article:
    return clean_document(load(os.fspath(path), max_bytes), rules)


def summarize_article(article: Article, options: SummaryOptions | None = None) -> Summary:
    from . import summarizers
    from .language import resolve_language
    from .sentences.words import count_words
    from .summarizers.document import build
    from .summarizers.select import choose

    options = options or SummaryOptions()
    if not article.paragraphs:
        raise NoStoryError(article.path, article)
    # None: unknown or unsupported, processed language-neutrally (with a LanguageWarning)
    language = resolve_language(article.text, options.language, article.meta.language, article.path)
    if language and article.meta.language != language:
        article = replace(article, meta=replace(article.meta, language=language))
    name = options.algorithm or summarizers.DEFAULT_ALGORITHM  # reported as asked (an alias stays an alias)
    summarizer = summarizers.get(name)
    # Huge documents are ranked over their first sentences only: each summarizer
    # states how many it can rank in bounded time (see its max_sentences).
    doc, total = build(
        article.paragraphs, article.meta.title, language, options.length, getattr(summarizer, "max_sentences", None)
    )
    ranked = summarizer.rank(doc) if doc.sentences else []
    chosen = choose(ranked, doc, options.length)
    keywords: tuple[str, ...] = ()
    if options.keywords:
        from .keywords import key_phrases

        keywords = tuple(key_phrases(article.text, options.keywords, language, title=article.meta.title))
    return Summary(
        article=article,
        algorithm=name,
        sentences=tuple(Sentence(r.index, doc.sentences[r.index], round(float(r.score), 6), r.parts) for r in chosen),
        sentences_in=total,
        words_in=count_words(article.text),
        keywords=keywords,
    )


def summarize_text(
    text: str, options: SummaryOptions | None = None, format: str | None = None, path: str = "<text>"
) -> Summary:
    return summarize_article(clean_text(text, format, path), options)


def summarize_file(path: str | os.PathLike, options: SummaryOptions | None = None) -> Summary:
    options = options or SummaryOptions()
    return summarize_article(clean_file(path, options.max_bytes, options.rules), options)


def summarize_matching(path: str | os.PathLike, options: SummaryOptions | None = None, select=None) -> Summary | None:
    """summarize_file, or None when `select` (a filters.ArticleFilter) leaves the article out
    (it is then cleaned, not summarized)."""
    options = options or SummaryOptions()
    article = clean_file(path, options.max_bytes, options.rules)
    if select and not select.keeps(article.meta.title, article.text):
        return None
    return summarize_article(article, options)


def summarize_bytes(data: bytes, options: SummaryOptions | None = None, path: str = "-") -> Summary:
    options = options or SummaryOptions()
    return summarize_article(clean_document(load_bytes(data, path), options.rules), options)


def each_input(paths: Iterable[str], job: Callable[[str], T], strict: bool = False) -> Iterator[T | Failure]:
    """Run `job` on every path; a failing input becomes a Failure and the batch goes on.

    `strict` lets unexpected exceptions through (for --debug); our own errors
    always become Failures."""
    for path in paths:
        try:
            yield job(path)
        except NewsdigestError as err:
            yield Failure(path, err.message if err.path == path else str(err))
        except (KeyboardInterrupt, SystemExit, BrokenPipeError, MemoryError):
            raise
        except RecursionError:
            yield Failure(path, "too deeply nested to process")
        except Exception as err:  # a bug or a pathological input: report it, keep going
            if strict:
                raise
            yield Failure(path, f"could not be processed ({type(err).__name__}: {err}); run with --debug for details")


__all__ = [
    "SummaryOptions",
    "Length",
    "InputError",
    "NoStoryError",
    "clean_document",
    "clean_file",
    "clean_text",
    "load_rules",
    "summarize_article",
    "summarize_bytes",
    "summarize_file",
    "summarize_matching",
    "summarize_text",
    "each_input",
]
