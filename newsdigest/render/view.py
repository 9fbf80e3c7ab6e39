"""Summaries and digests as the formats see them: every string already made safe, every fact decided once.

An EntryView is one story: built from a digest's Entry (`digest_view`), or for
the list formats from a Summary (`summary_entry`) or a cleaned Article's title,
byline and path (`article_entry`). Each format formats views and never reads
the models' strings itself, so no format can forget to clean one, and all agree
on what a story says (its byline and facts, which link it gets, how a source is
labelled). JSON lists are the exception: they serialize the models
(serialize.py), so that exact values, such as a file name that is not UTF-8,
round-trip.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from ..textsafe import one_line, path_line, safe_text, safe_url, visible_path

if TYPE_CHECKING:
    from ..digest.model import Counts, Digest, Entry, Source
    from ..models import Article, Summary

EMPTY = "Nothing new: no stories in this digest."
NO_TEXT = "(no story text found)"
UNTITLED = "(untitled)"
PAYWALLED = "paywalled — the summary may be of a teaser"  # the marker every format shows among an entry's facts
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?")  # what may go in an HTML lang attribute


@dataclass(frozen=True)
class SourceView:
    path: str
    publisher: str
    url: str | None  # a link to follow: http(s) only
    url_text: str  # the URL as given when it may not be linked (javascript:, file:, ...), to show as text
    title: str  # this copy's headline when it differs from the entry's, else ""

    def parts(self, publisher: bool = True, url: bool = True) -> list[str]:
        """['Coastline Daily', '“Ferry adds stops”', 'inbox/b.txt', 'https://...']: what is known.

        publisher=False leaves out the publisher, url=False the link (an unlinkable URL is always shown as text).
        """
        out = [self.publisher if publisher else "", f"“{self.title}”" if self.title else "", self.path]
        out.append(self.url if url and self.url else self.url_text)
        return [p for p in out if p]


@dataclass(frozen=True)
class SentenceView:
    index: int
    score: float
    parts: tuple[tuple[str, float], ...]
    text: str


@dataclass(frozen=True)
class EntryView:
    title: str
    link: str | None  # the first source's http(s) URL
    publisher: str
    authors: tuple[str, ...]
    section: str
    date: str  # the publication date, or ""
    saved: str  # for an undated article, the day its file was saved, or ""
    language: str  # safe for a lang attribute, or ""
    summary: str  # "" when no story text was found
    sentences: tuple[SentenceView, ...]
    keywords: tuple[str, ...]
    algorithm: str
    fingerprint: str
    sources: tuple[SourceView, ...]
    headline_only: bool = False  # no text beyond the title (a headline-only feed item): listed by title alone
    paywalled: bool | None = None  # the page says so, or its text is much shorter than its articleBody

    @property
    def facts(self) -> list[str]:
        """Publisher, authors, date (or, undated, the day the file was saved), the paywall marker: those known."""
        when = self.date or (f"saved {self.saved}" if self.saved else "")
        return [f for f in (self.publisher, ", ".join(self.authors), when, PAYWALLED if self.paywalled else "") if f]

    @property
    def byline(self) -> str:
        """'Cao Yin · China Daily · Business · 2014-11-20': authors, publisher, section, date; the ones known."""
        return " · ".join(p for p in (", ".join(self.authors), self.publisher, self.section, self.date) if p)

    @property
    def path(self) -> str:
        """The first source's path: a single summary's file, shown escaped."""
        return self.sources[0].path if self.sources else ""


@dataclass(frozen=True)
class GroupView:
    name: str | None
    entries: Collection[EntryView]  # made as iterated: a digest's stories are never all in memory


@dataclass(frozen=True)
class DigestView:
    title: str
    date: str
    generated: datetime  # when the digest was made (timezone-aware unless the caller forgot)
    group_by: str
    counts: Counts
    groups: tuple[GroupView, ...]
    failures: tuple[tuple[str, str], ...]  # (path, reason)

    @property
    def heading(self) -> str:
        return f"{self.title} — {self.date}"

    @property
    def size(self) -> int:
        """How many entries, in all groups."""
        return sum(len(g.entries) for g in self.groups)

    @property
    def entries(self) -> Iterator[EntryView]:
        """Every entry, in order, made one at a time."""
        return (e for g in self.groups for e in g.entries)

    @property
    def grouped(self) -> bool:
        return any(g.name is not None for g in self.groups)

    @property
    def counts_line(self) -> str:
        """'3 stories from 4 articles · 1 duplicate merged · 1 input failed': what happened, briefly."""
        c = self.counts
        stories = plural(c.entries, "story", "stories")
        parts = [stories if c.inputs == c.entries else f"{stories} from {plural(c.inputs, 'article')}"]
        if c.duplicates:
            parts.append(f"{plural(c.duplicates, 'duplicate')} merged")
        if c.seen:
            parts.append(f"{c.seen} already in an earlier digest")
        if c.old:
            parts.append(f"{c.old} too old")
        if c.over_limit:
            parts.append(f"{c.over_limit} over the article limit")
        if c.filtered:
            parts.append(f"{c.filtered} filtered out")
        if c.paywalled:
            parts.append(f"{c.paywalled} paywalled skipped")
        if c.failed:
            parts.append(f"{plural(c.failed, 'input')} failed")
        return " · ".join(parts)


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _source(source: Source, entry_title: str) -> SourceView:
    url = safe_url(source.url)
    title = one_line(source.title)
    return SourceView(
        path=path_line(source.path),
        publisher=one_line(source.publisher),
        url=url,
        url_text="" if url else one_line(source.url),
        title="" if title == entry_title else title,
    )


def _entry(entry: Entry) -> EntryView:
    summary = entry.summary
    meta = summary.article.meta
    title = one_line(meta.title) or path_line(entry.sources[0].path if entry.sources else summary.article.path).strip()
    title = title or UNTITLED
    sources = tuple(_source(s, title) for s in entry.sources)
    language = (meta.language or "").strip()
    text = one_line(summary.text)
    headline_only = bool(text) and _words(text) == _words(title)
    return EntryView(
        title=title,
        link=next((s.url for s in sources if s.url), None),
        publisher=one_line(meta.publisher) or next((s.publisher for s in sources if s.publisher), ""),
        authors=tuple(a for a in (one_line(a) for a in meta.authors) if a),
        section=one_line(meta.section),
        date=one_line(entry.date),
        saved=one_line(entry.saved),
        language=language if _LANGUAGE.fullmatch(language) else "",
        summary="" if headline_only else text,
        sentences=()
        if headline_only
        else tuple(
            SentenceView(s.index, s.score, tuple((one_line(n), v) for n, v in s.parts), one_line(s.text))
            for s in summary.sentences
        ),
        keywords=tuple(k for k in (one_line(k) for k in summary.keywords) if k),
        algorithm=one_line(summary.algorithm),
        fingerprint=one_line(entry.fingerprint),
        sources=sources,
        headline_only=headline_only,
        paywalled=meta.paywalled,
    )


def article_entry(article: Article) -> EntryView:
    """A cleaned article's title, byline and path as a list format shows them: made safe, line breaks kept."""
    meta = article.meta
    publisher = safe_text(meta.publisher or "")
    return EntryView(
        title=safe_text(meta.title or UNTITLED),
        link=None,
        publisher=publisher,
        authors=tuple(safe_text(a) for a in meta.authors),
        section=safe_text(meta.section or ""),
        date=safe_text(meta.date or ""),
        saved="",
        language="",
        summary="",
        sentences=(),
        keywords=(),
        algorithm="",
        fingerprint="",
        sources=(SourceView(visible_path(article.path), publisher, None, "", ""),),
        paywalled=meta.paywalled,
    )


def summary_entry(summary: Summary) -> EntryView:
    """One summary as a list format shows it: its article's entry with the chosen sentences, made safe."""
    return replace(
        article_entry(summary.article),
        summary=safe_text(summary.text),
        sentences=tuple(
            SentenceView(s.index, s.score, tuple((safe_text(n), v) for n, v in s.parts), safe_text(s.text))
            for s in summary.sentences
        ),
        keywords=tuple(safe_text(k) for k in summary.keywords),
        algorithm=safe_text(summary.algorithm),
    )


def _words(text: str) -> str:
    """Text compared by its words only: case, punctuation and spacing aside."""
    return " ".join(re.sub(r"[\W_]+", " ", text).casefold().split())


class _Entries:
    """A group's entries as views, each made when the iteration reaches it; may be iterated again."""

    def __init__(self, entries: Collection[Entry]) -> None:
        self._entries = entries

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[EntryView]:
        return (_entry(e) for e in self._entries)


def digest_view(digest: Digest) -> DigestView:
    groups = []
    for group in digest.groups:
        if len(group.entries):
            groups.append(
                GroupView(None if group.name is None else (one_line(group.name) or UNTITLED), _Entries(group.entries))
            )
    return DigestView(
        title=one_line(digest.title) or "News digest",
        date=digest.date,
        generated=digest.generated,
        group_by=one_line(digest.group_by),
        counts=digest.counts,
        groups=tuple(groups),
        failures=tuple((path_line(f.path), one_line(f.reason)) for f in digest.failures),
    )
