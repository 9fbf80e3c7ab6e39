"""From a ranking to a summary of the asked length, in document order."""

from __future__ import annotations

from operator import attrgetter

from .base import Document, Ranked
from .length import Length, sentence_count

__all__ = ["Length", "choose"]

_INDEX = attrgetter("index")


def choose(ranked: list[Ranked], doc: Document, length: Length) -> list[Ranked]:
    """Take sentences best first until the length is reached; return them in document order.

    Word and character budgets are filled with whole sentences: a sentence that
    would overflow is skipped and the next best that fits is tried."""
    n = len(doc.sentences)
    chosen: list[Ranked] = []
    if length.is_budget:
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
        chosen = ranked[: sentence_count(length, n)]
    return sorted(chosen, key=_INDEX)
