"""The one call every summarizer answers: rank(document) -> sentences, best first.

A summarizer ranks; it does not count. `select.choose` turns a ranking into a
summary of the asked length (sentences, ratio, words or characters), so every
algorithm honours every length option the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Document:
    """What a summarizer sees: the article's sentences and a little context."""

    sentences: tuple[str, ...]
    title: str | None = None
    language: str | None = "en"  # ISO 639-1; None: unknown (language-neutral processing)
    paragraph_of: tuple[int, ...] = ()  # paragraph index of each sentence (may be empty)
    # How many sentences the summary will hold, when known (for a word or
    # character budget, an estimate). A summarizer may adapt to it: the best
    # 3 sentences of 40 are chosen differently from the best 40%.
    wanted: int | None = None


@dataclass(frozen=True, slots=True)  # slots: one per sentence of every ranking, made fast
class Ranked:
    index: int  # position in Document.sentences
    score: float
    parts: tuple[tuple[str, float], ...] = ()  # the score's components, for --explain


class Summarizer(Protocol):
    name: str

    def rank(self, doc: Document) -> list[Ranked]:
        """Every sentence of `doc`, best first (ties keep document order)."""
        ...
