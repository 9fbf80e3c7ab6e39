"""Plain-text digest: what a pipe, a log or a plain-text mail gets. No colour, no hard wrapping."""

from __future__ import annotations

from collections.abc import Iterator

from .stream import lines, trimmed
from .view import EMPTY, NO_TEXT, DigestView, EntryView


def _underline(text: str, char: str) -> str:
    from rich.cells import cell_len  # wide (CJK) characters take two columns

    return char * max(cell_len(text), 3)


def explain_line(s) -> str:
    """'[3] 0.412 (position 0.900, centrality 0.310) The sentence.' (shared with markdown)."""
    parts = ", ".join(f"{name} {value:.3f}" for name, value in s.parts)
    return f"[{s.index}] {s.score:.3f}" + (f" ({parts})" if parts else "") + f" {s.text}"


def _entry(entry: EntryView, explain: bool) -> list[str]:
    lines = [entry.title]
    if entry.facts:
        lines.append(" · ".join(entry.facts))
    if explain and entry.sentences:
        lines.extend(explain_line(s) for s in entry.sentences)
    elif not entry.headline_only:
        lines.append(entry.summary or NO_TEXT)
    if entry.link:
        lines.append(entry.link)
    if len(entry.sources) == 1:
        source = entry.sources[0]
        lines.append("Source: " + " · ".join(source.parts(publisher=False, url=source.url != entry.link)))
    else:
        lines.append("Sources:")
        lines.extend("- " + " · ".join(s.parts()) for s in entry.sources)
    return lines


def chunks(view: DigestView, options) -> Iterator[str]:
    """The digest a story at a time."""
    return trimmed(_blocks(view, options))


def render(view: DigestView, options) -> str:
    return "".join(chunks(view, options))


def _blocks(view: DigestView, options) -> Iterator[str]:
    yield lines([view.heading, _underline(view.heading, "="), view.counts_line, ""])
    if not view.size:
        yield lines([EMPTY, ""])
    for group in view.groups:
        if group.name is not None:
            yield lines([group.name, _underline(group.name, "-"), ""])
        for entry in group.entries:
            yield lines([*_entry(entry, options.explain), ""])
    if view.failures:
        yield lines([f"Not read ({len(view.failures)}):", *(f"- {path}: {reason}" for path, reason in view.failures)])
