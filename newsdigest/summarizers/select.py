"""From a ranking to a summary of the asked length, in document order."""

from __future__ import annotations

import math
from dataclasses import dataclass
from operator import attrgetter

from ..errors import UsageError
from .base import Document, Ranked

_INDEX = attrgetter("index")


@dataclass(frozen=True)
class Length:
    """How long a summary may be. Exactly one of the limits is used: chars, then
    words, then ratio, then sentences. With none given, the summary holds 3
    sentences, or a third of a short article (`document.default_sentences`)."""

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


def choose(ranked: list[Ranked], doc: Document, length: Length) -> list[Ranked]:
    """Take sentences best first until the length is reached; return them in document order.

    Word and character budgets are filled with whole sentences: a sentence that
    would overflow is skipped and the next best that fits is tried."""
    n = len(doc.sentences)
    chosen: list[Ranked] = []
    if length.chars is not None or length.words is not None:
        budget = length.chars if length.chars is not None else length.words

        def cost(i: int) -> int:
            text = doc.sentences[i]
            # characters include the space that joins two sentences
            return len(text) + 1 if length.chars is not None else len(text.split())

        used = 0
        for r in ranked:
            c = cost(r.index)
            if used + c <= budget + (1 if length.chars is not None else 0):
                chosen.append(r)
                used += c
        if not chosen and ranked:
            chosen = []  # nothing fits whole: an empty summary is honest, a cut one is not
    else:
        if length.ratio is not None:
            count = max(1, math.ceil(n * length.ratio))
        elif length.sentences:
            count = length.sentences
        else:
            from .document import default_sentences  # (document imports this module)

            count = default_sentences(n)
        chosen = ranked[:count]
    return sorted(chosen, key=_INDEX)
