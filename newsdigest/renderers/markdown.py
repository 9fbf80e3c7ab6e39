"""Markdown: a heading per article, escaped so article text never becomes markup."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Article, Summary
from . import RenderOptions
from .sanitize import safe_text, visible_path
from .text import byline

# Everything CommonMark could read as markup, links or raw HTML.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~&:-])")
# "1. " at the start of a line opens an ordered list; "www." is a link to GitHub's Markdown.
_LIST_NUMBER = re.compile(r"^(\d{1,9})\.")
_WWW = re.compile(r"\b(www)\.", re.IGNORECASE)


def escape(text: str) -> str:
    text = " ".join(safe_text(text).split())
    text = _SPECIAL.sub(r"\\\1", text)
    return _WWW.sub(r"\1\\.", _LIST_NUMBER.sub(r"\1\\.", text))


def _summary(summary: Summary, options: RenderOptions) -> str:
    article = summary.article
    out = [f"## {escape(article.meta.title or '(untitled)')}", ""]
    meta = byline(article)
    out.append(f"*{escape(meta)}*  " if meta else "")
    out.append(f"Source: `{visible_path(article.path).replace('`', '')}`")
    out.append("")
    if options.explain:
        for s in summary.sentences:
            parts = ", ".join(f"{escape(name)} {value:.3f}" for name, value in s.parts)
            out.append(f"- **{s.score:.3f}**" + (f" *({parts})*" if parts else "") + f" {escape(s.text)}")
    else:
        out.append(escape(summary.text) if summary.sentences else "*No story text found.*")
    if summary.keywords:
        out.extend(["", "**Keywords:** " + ", ".join(escape(k) for k in summary.keywords)])
    return "\n".join(line for line in out if line is not None)


def _article(article: Article, options: RenderOptions) -> str:
    out = [f"# {escape(article.meta.title or '(untitled)')}", ""]
    meta = byline(article)
    if meta:
        out.extend([f"*{escape(meta)}*", ""])
    out.extend(p for para in article.paragraphs for p in (escape(para), ""))
    if options.show_removed and article.removed:
        out.extend(["## Removed", ""])
        out.extend(f"- *{escape(r.reason)}*: {escape(r.text)}" for r in article.removed)
    return "\n".join(out).rstrip()


def render(items: Sequence[Summary | Article], options: RenderOptions) -> str:
    blocks = [_summary(i, options) if isinstance(i, Summary) else _article(i, options) for i in items]
    return safe_text("\n\n".join(blocks)) + "\n" if blocks else ""
