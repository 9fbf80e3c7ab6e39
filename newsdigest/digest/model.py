"""The digest model: what `newsdigest digest` builds and every digest format renders.

A Digest is made once from the inputs (see newsdigest.digest.build) and then
rendered by newsdigest.render into rich, text, markdown, html, json
or email; no renderer looks at files or state.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime

from ..models import Failure, Summary


@dataclass(frozen=True)
class Source:
    """One copy of a story: the file (or feed item) it came from."""

    path: str  # the input path, or "feed.xml#3" for the third item of a feed
    publisher: str | None = None
    url: str | None = None  # the article's own link, when known (feed item link, canonical URL)
    title: str | None = None  # this copy's headline, when it differs from the entry's


@dataclass(frozen=True)
class Entry:
    """One story in the digest: its summary and every source it was found in."""

    summary: Summary
    sources: tuple[Source, ...]  # first is the copy summarized; near-duplicates follow
    fingerprint: str  # hex digest of the cleaned text (what --new-only remembers)
    date: str | None = None  # ISO date the article was published, when it says; never a file time
    fingerprints: tuple[str, ...] = ()  # every copy's fingerprint: what --new-only remembers
    saved: str | None = None  # ISO date of the file's modification time, for undated articles' order

    @property
    def title(self) -> str:
        meta = self.summary.article.meta
        return meta.title or self.sources[0].path

    @property
    def link(self) -> str | None:
        """A link a reader can follow: the first source's URL, if any."""
        for source in self.sources:
            if source.url:
                return source.url
        return None


@dataclass(frozen=True)
class Group:
    """Entries under one heading; name is None when not grouped (--group-by none).

    entries is anything sized that can be iterated more than once: a tuple, or
    (from build_digest) the stories read back from disk as they are rendered.
    """

    name: str | None
    entries: Collection[Entry]


@dataclass(frozen=True)
class Counts:
    inputs: int = 0  # articles read (feed items count one each)
    entries: int = 0  # stories in the digest
    duplicates: int = 0  # copies merged into another story
    seen: int = 0  # skipped by --new-only: already in an earlier digest
    old: int = 0  # skipped by --since
    over_limit: int = 0  # left out by --max-articles
    filtered: int = 0  # articles left out by --include/--exclude
    paywalled: int = 0  # articles left out by --skip-paywalled
    failed: int = 0  # inputs that could not be read


@dataclass(frozen=True)
class Digest:
    title: str  # "News digest" unless configured
    generated: datetime  # timezone-aware; SOURCE_DATE_EPOCH pins it for reproducible output
    groups: tuple[Group, ...]
    counts: Counts = field(default_factory=Counts)
    group_by: str = "none"  # source, section, day or none
    failures: tuple[Failure, ...] = ()

    @property
    def date(self) -> str:
        return self.generated.date().isoformat()

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Every entry, in digest order, all in memory at once (formats read them a group at a time)."""
        return tuple(entry for group in self.groups for entry in group.entries)
