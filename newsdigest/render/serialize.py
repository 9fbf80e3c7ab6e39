"""Summaries and articles as plain dicts: the one shape JSON and JSONL share."""

from __future__ import annotations

import math

from ..models import Article, Failure, Summary

SCHEMA_VERSION = 1


def _number(value: float) -> float | None:
    """A score as JSON can hold it: NaN and infinities (a degenerate document) become null."""
    value = float(value)
    return value if math.isfinite(value) else None


def _meta(article: Article) -> dict:
    m = article.meta
    data = {
        "schema_version": SCHEMA_VERSION,
        "path": article.path,
        "title": m.title,
        "authors": list(m.authors),
        "publisher": m.publisher,
        "section": m.section,
        "date": m.date,
        "updated": m.updated,
        "language": m.language,
        "url": m.url,
        "paywalled": m.paywalled,
        "format": article.format,
        "encoding": article.encoding,
    }
    # What the page declared, only when the text or its bytes said otherwise.
    if m.language_declared and m.language_declared != m.language:
        data["language_declared"] = m.language_declared
    if article.encoding_declared:
        data["encoding_declared"] = article.encoding_declared
    return data


def summary_to_dict(summary: Summary, explain: bool = False) -> dict:
    data = _meta(summary.article)
    data["algorithm"] = summary.algorithm
    sentences = []
    for s in summary.sentences:
        item = {"index": s.index, "text": s.text, "score": _number(s.score)}
        if explain:
            item["parts"] = {name: _number(round(value, 6)) for name, value in s.parts}
        sentences.append(item)
    data["sentences"] = sentences
    data["summary"] = summary.text
    if summary.keywords:
        data["keywords"] = list(summary.keywords)
    data["stats"] = {"sentences_in": summary.sentences_in, "words_in": summary.words_in, "words_out": summary.words_out}
    return data


def article_to_dict(article: Article) -> dict:
    data = _meta(article)
    data["text"] = article.text
    data["paragraphs"] = list(article.paragraphs)
    data["removed"] = [{"text": r.text, "reason": r.reason} for r in article.removed]
    return data


def to_dict(item: Summary | Article, explain: bool = False) -> dict:
    if isinstance(item, Summary):
        return summary_to_dict(item, explain)
    if isinstance(item, Article):
        return article_to_dict(item)
    if isinstance(item, Failure):
        return {"schema_version": SCHEMA_VERSION, "path": item.path, "error": item.reason}
    raise TypeError(f"cannot serialize {type(item).__name__}")
