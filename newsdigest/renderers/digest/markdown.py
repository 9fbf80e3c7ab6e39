"""Markdown digest: a heading per group and story; article strings escaped so they never become markup.

Links are made only for http(s) URLs (safe.safe_url), written as <...>
destinations, which no character left in such a URL can close early; any other
URL (javascript:, data:, ...) is shown as escaped text.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..markdown import escape
from .stream import lines, trimmed
from .text import explain_line
from .view import EMPTY, NO_TEXT, DigestView, EntryView, SourceView


def _block(text: str) -> str:
    """Escaped text that begins a line and stays a paragraph ("1. Officials said" is no list)."""
    return escape(text, line_start=True)


def _link(text: str, url: str | None) -> str:
    return f"[{escape(text)}](<{url}>)" if url else escape(text)


def _source(source: SourceView, publisher: bool, skip_link: str | None) -> str:
    # The first part may begin a list item's line: escaped as a line start.
    parts = [escape(p, line_start=not n) for n, p in enumerate(source.parts(publisher=publisher, url=False))]
    if source.url and source.url != skip_link:
        parts.append(_link(source.url, source.url))
    return " · ".join(parts)


def _entry(entry: EntryView, heading: str, explain: bool) -> list[str]:
    out = [f"{heading} {_link(entry.title, entry.link)}", ""]
    if entry.facts:
        out.extend([f"*{escape(' · '.join(entry.facts))}*", ""])
    if explain and entry.sentences:
        out.extend(f"- {escape(explain_line(s), line_start=True)}" for s in entry.sentences)
        out.append("")
    elif not entry.headline_only:
        out.extend([_block(entry.summary) if entry.summary else f"*{escape(NO_TEXT)}*", ""])
    if len(entry.sources) == 1:
        out.extend(["Source: " + _source(entry.sources[0], publisher=False, skip_link=entry.link), ""])
    else:
        out.extend(["Sources:", ""])
        out.extend(f"- {_source(s, publisher=True, skip_link=None)}" for s in entry.sources)
        out.append("")
    return out


def chunks(view: DigestView, options) -> Iterator[str]:
    """The digest a story at a time."""
    return trimmed(_blocks(view, options))


def render(view: DigestView, options) -> str:
    return "".join(chunks(view, options))


def _blocks(view: DigestView, options) -> Iterator[str]:
    yield lines([f"# {escape(view.title)} — {view.date}", "", f"*{escape(view.counts_line)}*", ""])
    if not view.size:
        yield lines([escape(EMPTY), ""])
    heading = "###" if view.grouped else "##"
    for group in view.groups:
        if group.name is not None:
            yield lines([f"## {escape(group.name)}", ""])
        for entry in group.entries:
            yield lines(_entry(entry, heading, options.explain))
    if view.failures:
        yield lines(
            [
                f"## Not read ({len(view.failures)})",
                "",
                *(f"- {escape(path, line_start=True)}: {escape(reason)}" for path, reason in view.failures),
            ]
        )
