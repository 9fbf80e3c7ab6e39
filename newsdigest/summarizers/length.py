"""How long a summary may be, and the one rule that turns a length into a sentence count."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..errors import UsageError


@dataclass(frozen=True)
class Length:
    """How long a summary may be. Exactly one of the limits is used: chars, then
    words, then ratio, then sentences. With none given, the summary holds 3
    sentences, or a third of a short article (`default_sentences`)."""

    sentences: int | None = None
    ratio: float | None = None
    words: int | None = None
    chars: int | None = None

    def __post_init__(self) -> None:
        if self.sentences is not None and self.sentences < 1:
            raise UsageError("--sentences must be at least 1")
        if self.ratio is not None and not 0 < self.ratio <= 1:
            raise UsageError("--ratio must be above 0 and at most 1")
        if self.words is not None and self.words < 1:
            raise UsageError("--words must be at least 1")
        if self.chars is not None and self.chars < 1:
            raise UsageError("--chars must be at least 1")

    @property
    def is_budget(self) -> bool:
        """A word or character budget, filled with whole sentences (not a count)."""
        return self.chars is not None or self.words is not None


def default_sentences(n: int) -> int:
    """The summary length when none is asked: 3 sentences, but at most a third of
    the article (rounded up), so a 4-sentence story gets 2 and a 2-sentence one 1:
    a summary as long as the article summarizes nothing."""
    return max(1, min(3, math.ceil(n / 3)))


def sentence_count(length: Length, n: int) -> int:
    """How many of an article's n sentences a count-type length (ratio, sentences or none) asks for."""
    if length.ratio is not None:
        return max(1, math.ceil(n * length.ratio))
    return length.sentences or default_sentences(n)
