"""From a ranking to a summary of the asked length, in document order."""

from __future__ import annotations

import re
from operator import attrgetter

from .base import Document, Ranked
from .length import Length, sentence_count

__all__ = ["Length", "choose", "list_after", "LIST_ITEM"]

_INDEX = attrgetter("index")
# A list item's marker: a bullet or dash, or "1." / "a)" numbering.
LIST_ITEM = re.compile(r"^\s*(?:[-*•·‣◦▪–—]|\(?(?:\d{1,2}|[a-z])[.)])\s")
# A list longer than this is not brought into a summary: its introduction is left out instead.
MAX_LIST_ITEMS = 6


def list_after(doc: Document, i: int) -> list[int] | None:
    """For a sentence ending in ":", the sentences of the list it introduces: the following
    one-sentence paragraphs that start with a list marker (at most MAX_LIST_ITEMS). None when
    the sentence introduces nothing a summary could show (no such list, or a longer one)."""
    items: list[int] = []
    paragraphs = doc.paragraph_of
    n = len(doc.sentences)
    j = i + 1
    while j < n and len(items) <= MAX_LIST_ITEMS and LIST_ITEM.match(doc.sentences[j]):
        alone = not paragraphs or (
            paragraphs[j] != paragraphs[j - 1] and (j + 1 == n or paragraphs[j + 1] != paragraphs[j])
        )
        if not alone:
            break
        items.append(j)
        j += 1
    return items if 0 < len(items) <= MAX_LIST_ITEMS else None


def _units(ranked: list[Ranked], doc: Document) -> list[list[Ranked]]:
    """The ranking as units to choose whole, best first: a sentence, or a sentence that ends in ":"
    with its list (the unit ranks where the best of its sentences ranks; the items carry their
    introduction's score). An introduction without a list it can bring is left out, and so is an
    item of its list on its own: "…Northwind Seaworks, will:" alone tells the reader nothing, nor
    does "- rebuild the north dock" without it."""
    score = {r.index: r.score for r in ranked}
    owner: dict[int, int] = {}  # list item -> its introduction
    lists: dict[int, list[int] | None] = {}
    for i, sentence in enumerate(doc.sentences):
        if sentence.rstrip().endswith(":"):
            lists[i] = list_after(doc, i)
            for j in lists[i] or ():
                owner[j] = i
    units, done = [], set()
    for r in ranked:
        intro = owner.get(r.index, r.index)
        if intro in done:
            continue
        done.add(intro)
        if intro not in lists:
            units.append([r])
        elif lists[intro] is not None:
            head = Ranked(intro, score.get(intro, r.score))
            units.append([head, *(Ranked(j, head.score) for j in lists[intro])])
    return units


def choose(ranked: list[Ranked], doc: Document, length: Length) -> list[Ranked]:
    """Take sentences best first until the length is reached; return them in document order.

    Word and character budgets are filled with whole sentences: a sentence that
    would overflow is skipped and the next best that fits is tried. A sentence
    that introduces a list (ends in ":") comes with the list, the two counting as
    one sentence towards --sentences and as their total size towards a budget;
    without a list to bring, it is not chosen."""
    units = _units(ranked, doc)
    chosen: list[Ranked] = []
    taken: set[int] = set()

    def take(unit: list[Ranked]) -> None:
        fresh = [r for r in unit if r.index not in taken]
        chosen.extend(fresh)
        taken.update(r.index for r in fresh)

    if length.is_budget:
        from ..sentences.words import count_words

        budget = length.chars if length.chars is not None else length.words

        def cost(i: int) -> int:
            text = doc.sentences[i]
            # characters include the space that joins two sentences
            return len(text) + 1 if length.chars is not None else count_words(text)

        used = 0
        for unit in units:
            c = sum(cost(r.index) for r in unit if r.index not in taken)
            if used + c <= budget + (1 if length.chars is not None else 0):
                take(unit)
                used += c
        # nothing fits whole: an empty summary is honest, a cut one is not
    else:
        count = sentence_count(length, len(doc.sentences))
        for unit in units:
            if count <= 0:
                break
            if all(r.index in taken for r in unit):
                continue
            take(unit)
            count -= 1
    return sorted(chosen, key=_INDEX)
