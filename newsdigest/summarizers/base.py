"""The one call every summarizer answers: rank(document) -> sentences, best first.

A summarizer ranks; it does not count. `select.choose` turns a ranking into a
summary of the asked length (sentences, ratio, words or characters), so every
algorithm honours every length option the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

# Rankings compare scores rounded to this many decimals, then sentence positions:
# the last bits of a float can differ between two processes (BLAS kernels,
# summation order) and must never flip a pick, or `--jobs 2` would not give the
# same digest as `--jobs 1`. Real score differences are far above 1e-9.
SCORE_DECIMALS = 9


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


class Ranked:
    """One sentence of a ranking: its position in Document.sentences, its score,
    and the score's parts (name, value) that --explain shows.

    The parts are given as a tuple, or made when they are read: a summarizer
    ranks every sentence of an article but only the few chosen ones are ever
    explained, so one that would build a tuple of pairs per sentence (news) passes
    `explain`, a function index -> parts, instead. Rankings are made for every
    article, so this is a plain class with slots (a frozen dataclass takes three
    times as long to build)."""

    __slots__ = ("index", "score", "_parts", "_explain")

    def __init__(
        self,
        index: int,
        score: float,
        parts: tuple[tuple[str, float], ...] = (),
        explain: Callable[[int], tuple[tuple[str, float], ...]] | None = None,
    ) -> None:
        self.index = index
        self.score = score
        self._parts = parts
        self._explain = explain

    @property
    def parts(self) -> tuple[tuple[str, float], ...]:
        """The score's components, for --explain."""
        return self._parts if self._explain is None else self._explain(self.index)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Ranked):
            return NotImplemented
        return (self.index, self.score, self.parts) == (other.index, other.score, other.parts)

    __hash__ = None  # type: ignore[assignment]  # equal by value, so unhashable (as a dataclass with eq=True is)

    def __repr__(self) -> str:
        return f"Ranked(index={self.index!r}, score={self.score!r}, parts={self.parts!r})"


class Summarizer(Protocol):
    name: str

    def rank(self, doc: Document) -> list[Ranked]:
        """Every sentence of `doc`, best first (ties keep document order)."""
        ...
