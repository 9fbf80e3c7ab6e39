"""From an article's paragraphs to the Document a summarizer ranks."""

from __future__ import annotations

from itertools import repeat

from ..sentences import split_sentences
from .base import Document
from .length import Length, sentence_count


def wanted_sentences(length: Length, sentences: list[str]) -> int:
    """How many sentences a summary of `length` will hold (estimated for budgets)."""
    n = len(sentences)
    if n == 0:
        return 0
    if length.is_budget:
        # A budget is filled with whole sentences: estimate from the mean size.
        if length.chars is not None:
            mean = sum(len(s) + 1 for s in sentences) / n
            budget = length.chars
        else:
            from ..sentences.words import count_words

            mean = sum(count_words(s) for s in sentences) / n
            budget = length.words
        return max(1, min(n, round(budget / max(mean, 1))))
    return min(n, sentence_count(length, n))


def build(
    paragraphs, title: str | None, language: str | None, length: Length, limit: int | None = None
) -> tuple[Document, int]:
    """Split `paragraphs` into sentences and build the Document to rank.

    Returns (document, sentences in the article). With `limit`, splitting stops
    once that many sentences are found (a summarizer ranks at most its cap, and a
    huge input must not cost time for text that will never be ranked); the count
    is then of the sentences split, at least `limit`."""
    sentences: list[str] = []
    paragraph_of: list[int] = []
    for p, paragraph in enumerate(paragraphs):
        found = split_sentences(paragraph, language)
        sentences += found
        paragraph_of += repeat(p, len(found))
        if limit is not None and len(sentences) >= limit:
            break
    total = len(sentences)
    if limit is not None and total > limit:
        sentences, paragraph_of = sentences[:limit], paragraph_of[:limit]
    doc = Document(tuple(sentences), title, language, tuple(paragraph_of), wanted_sentences(length, sentences))
    return doc, total
