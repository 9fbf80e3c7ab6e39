"""Make article strings safe for any output, and the few facts every format shows."""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates and marks.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]")


def clean(text: str | None) -> str:
    """One line of text with escape sequences, controls and bidi overrides removed."""
    if not text:
        return ""
    text = _ESCAPES.sub("", text)
    text = _UNSAFE.sub(" ", text)
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates -> "?"
    return " ".join(text.split())


def safe_url(url: str | None) -> str | None:
    """The URL when it is an http(s) link with nothing odd in it; else None (never javascript:, data:, ...)."""
    url = clean(url)
    if url and re.match(r"^https?://[^\s\"'<>`]+$", url, re.IGNORECASE):
        return url
    return None


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def counts_line(digest) -> str:
    """'3 stories from 4 articles · 1 duplicate merged · 2 already sent · 1 input failed'."""
    c = digest.counts
    parts = [f"{plural(c.entries, 'story', 'stories')} from {plural(c.inputs, 'article')}"]
    if c.duplicates:
        parts.append(f"{plural(c.duplicates, 'duplicate')} merged")
    if c.seen:
        parts.append(f"{c.seen} already in an earlier digest")
    if c.old:
        parts.append(f"{c.old} too old")
    if c.over_limit:
        parts.append(f"{c.over_limit} over the limit")
    if c.failed:
        parts.append(f"{plural(c.failed, 'input')} failed")
    return " · ".join(parts)


def entry_facts(entry) -> list[str]:
    """Publisher, authors, date: the parts that are known, cleaned."""
    meta = entry.summary.article.meta
    facts = [clean(meta.publisher), clean(", ".join(meta.authors)), clean(entry.date)]
    return [f for f in facts if f]


def source_label(source) -> str:
    """'Coastline Daily: inbox/b.txt' or just the path."""
    publisher = clean(source.publisher)
    return f"{publisher}: {clean(source.path)}" if publisher else clean(source.path)


EMPTY = "Nothing new: no stories in this digest."
