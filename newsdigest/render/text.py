"""Plain text: what pipes, `less`, scripts, logs and plain-text mail get. No colour, no hard wrapping.

Every string from an input comes through the view already safe; a list's whole
output passes through textsafe.safe_text once more, for the cleaned articles it
shows as they are. Nothing from an input reaches the terminal as a control code.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..models import Article, Summary
from ..textsafe import safe_text
from .options import RenderOptions
from .stream import lines, trimmed
from .view import EMPTY, NO_TEXT, DigestView, EntryView, SentenceView, summary_entry


def explain_line(s: SentenceView) -> str:
    """'[3] 0.412 (position 0.900, centrality 0.310) The sentence.' (shared with markdown's digest)."""
    parts = ", ".join(f"{name} {value:.3f}" for name, value in s.parts)
    return f"[{s.index}] {s.score:.3f}" + (f" ({parts})" if parts else "") + f" {s.text}"


# -- a list of summaries or cleaned articles ------------------------------------------------------


def _summary(entry: EntryView, options: RenderOptions) -> str:
    lines = [entry.title]
    if entry.byline:
        lines.append(entry.byline)
    lines.append(entry.path)
    lines.append("")
    if options.explain:
        lines.extend(explain_line(s) for s in entry.sentences)
    else:
        lines.append(entry.summary if entry.sentences else NO_TEXT)
    if entry.keywords:
        lines.append("")
        lines.append("Keywords: " + ", ".join(entry.keywords))
    return "\n".join(lines)


def _article(article: Article, options: RenderOptions) -> str:
    text = article.text
    if not options.show_removed:
        return text
    removed = "\n".join(f"[{r.reason}] {r.text}" for r in article.removed)
    return f"{text}\n\n--- removed ---\n{removed}" if removed else text


def render_items(items: Sequence[Summary | Article], options: RenderOptions) -> str:
    blocks = [_summary(summary_entry(i), options) if isinstance(i, Summary) else _article(i, options) for i in items]
    separator = "\n\n" if all(isinstance(i, Summary) for i in items) else "\n\n\n"
    return safe_text(separator.join(blocks)) + "\n" if blocks else ""


# -- a digest ---------------------------------------------------------------------------------------


def _underline(text: str, char: str) -> str:
    from rich.cells import cell_len  # wide (CJK) characters take two columns

    return char * max(cell_len(text), 3)


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


def digest_chunks(view: DigestView, options: RenderOptions) -> Iterator[str]:
    """The digest a story at a time."""
    return trimmed(_blocks(view, options))


def digest_text(view: DigestView, options: RenderOptions) -> str:
    """The whole digest as one string (an email's plain-text part)."""
    return "".join(digest_chunks(view, options))


def _blocks(view: DigestView, options: RenderOptions) -> Iterator[str]:
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
