"""The data that flows through the pipeline: load -> clean -> summarize -> render.

Every step takes one of these frozen dataclasses and returns the next, so each
step can be used and tested on its own, from Python, without the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RawDocument:
    """Bytes read from one input, decoded, with what we learned while loading."""

    path: str  # display name: the path as given, or "-" for stdin
    text: str  # decoded text
    format: str  # "text", "html" or "feed"
    encoding: str  # the codec used to decode (e.g. "utf-8", "gb18030")
    size: int = 0  # bytes read
    mtime: float | None = None  # modification time of the file, if any
    url: str | None = None  # a link the input named for itself (feed item, canonical URL)
    encoding_declared: str | None = None  # the charset the input declared, when it was not the one used


@dataclass(frozen=True)
class Removed:
    """A block that cleaning dropped, and why (shown by `clean --show-removed`)."""

    text: str
    reason: str


@dataclass(frozen=True)
class Metadata:
    """What cleaning learned about the article besides its text. None means unknown."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    section: str | None = None
    date: str | None = None  # ISO 8601 publication date (YYYY-MM-DD or full timestamp)
    updated: str | None = None  # ISO 8601 date of the last update, when given apart
    language: str | None = None  # ISO 639-1 code: the language of the text
    url: str | None = None
    language_declared: str | None = None  # the language the page declared, when the text said otherwise
    paywalled: bool | None = None  # a paywalled or truncated copy (cleaning/paywall.py); None: no evidence
    canonical: str | None = None  # the page's rel="canonical" link, when it differs from url (og:url)
    prev_url: str | None = None  # rel="prev": the page before this one of a multi-page article
    next_url: str | None = None  # rel="next": the page after it


@dataclass(frozen=True)
class Article:
    """A cleaned article: the story's paragraphs plus metadata."""

    path: str
    paragraphs: tuple[str, ...]
    meta: Metadata = field(default_factory=Metadata)
    removed: tuple[Removed, ...] = ()
    encoding: str = "utf-8"
    format: str = "text"
    mtime: float | None = None
    encoding_declared: str | None = None  # the charset the input declared, when it was not the one used

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class Sentence:
    """One sentence chosen for a summary, with its place in the article."""

    index: int  # position among the article's sentences, from 0
    text: str
    score: float
    parts: tuple[tuple[str, float], ...] = ()  # named components of the score (--explain)


@dataclass(frozen=True)
class Summary:
    """The summary of one article: chosen sentences in document order."""

    article: Article
    algorithm: str
    sentences: tuple[Sentence, ...]
    sentences_in: int
    words_in: int
    keywords: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        from .sentences.words import join_sentences

        return join_sentences(s.text for s in self.sentences)

    @property
    def words_out(self) -> int:
        from .sentences.words import count_words

        return sum(count_words(s.text) for s in self.sentences)


@dataclass(frozen=True)
class Failure:
    """An input that could not be processed; a batch records it and goes on."""

    path: str
    reason: str
