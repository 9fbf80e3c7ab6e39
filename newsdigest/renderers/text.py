"""Plain text: what pipes, `less` and scripts get. No colour, no hard wrapping.

The whole output passes through sanitize.safe_text, and the path is shown with
its unsafe characters as escapes: nothing from an input reaches the terminal
as a control code."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Article, Summary
from . import RenderOptions
from .sanitize import safe_text, visible_path


def byline(article: Article) -> str:
    """ "Cao Yin · China Daily · Business · 2014-11-20": the parts that are known."""
    m = article.meta
    parts = [", ".join(m.authors) if m.authors else None, m.publisher, m.section, m.date]
    return " · ".join(p for p in parts if p)


def _summary(summary: Summary, options: RenderOptions) -> str:
    article = summary.article
    lines = [article.meta.title or "(untitled)"]
    if byline(article):
        lines.append(byline(article))
    lines.append(visible_path(article.path))
    lines.append("")
    if options.explain:
        for s in summary.sentences:
            parts = ", ".join(f"{name} {value:.3f}" for name, value in s.parts)
            lines.append(f"[{s.index}] {s.score:.3f}" + (f" ({parts})" if parts else "") + f" {s.text}")
    else:
        lines.append(summary.text if summary.sentences else "(no story text found)")
    if summary.keywords:
        lines.append("")
        lines.append("Keywords: " + ", ".join(summary.keywords))
    return "\n".join(lines)


def _article(article: Article, options: RenderOptions) -> str:
    text = article.text
    if not options.show_removed:
        return text
    removed = "\n".join(f"[{r.reason}] {r.text}" for r in article.removed)
    return f"{text}\n\n--- removed ---\n{removed}" if removed else text


def render(items: Sequence[Summary | Article], options: RenderOptions) -> str:
    blocks = [_summary(i, options) if isinstance(i, Summary) else _article(i, options) for i in items]
    separator = "\n\n" if all(isinstance(i, Summary) for i in items) else "\n\n\n"
    return safe_text(separator.join(blocks)) + "\n" if blocks else ""
