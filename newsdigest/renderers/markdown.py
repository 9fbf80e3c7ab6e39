"""Markdown: a heading per article, escaped so article text never becomes markup."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Article, Summary
from . import RenderOptions
from .sanitize import safe_text, visible_path
from .text import byline

# Escaped wherever they stand: backslash escapes, code spans, emphasis, link brackets, raw HTML and autolinks.
_ALWAYS = re.compile(r"([\\`*\[\]<])")
# "_" opens or closes emphasis only at a word's edge (CommonMark: never inside a word, as in snake_case).
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
# "&copy;" or "&#35;" would become the character it names.
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# "~~" is strikethrough to GitHub's Markdown (and to most renderers a cron user's mail client has).
_TILDES = re.compile(r"~(?=~)")
# "www." is a link to GitHub's Markdown.
_WWW = re.compile(r"\b(www)\.", re.IGNORECASE)
# A heading's closing sequence: " #" at the end of an ATX heading would be dropped.
_CLOSING_HASHES = re.compile(r"(^|\s)#(#*)$")
# At the start of a line: a heading, a quote, a list item (bullet or number), a thematic break.
_LINE_START = re.compile(r"^([#>+=-]|\d{1,9}(?=[.)]))")


def escape(text: str, line_start: bool = False) -> str:
    """Text on one line that CommonMark shows exactly as it is: only what it would misread in
    that position gets a backslash. line_start=True when the text begins a line (a paragraph, a
    list item's text), where "#", ">", "-", "+" and "1." would start a block."""
    text = " ".join(safe_text(text).split())
    text = _ALWAYS.sub(r"\\\1", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _TILDES.sub(r"\\~", text)
    text = _WWW.sub(r"\1\\.", text)
    text = _CLOSING_HASHES.sub(r"\1\\#\2", text)
    if line_start:
        text = _LINE_START.sub(lambda m: m.group(1) + "\\" if m.group(1).isdigit() else "\\" + m.group(1), text)
    return text


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
        out.append(escape(summary.text, line_start=True) if summary.sentences else "*No story text found.*")
    if summary.keywords:
        out.extend(["", "**Keywords:** " + ", ".join(escape(k) for k in summary.keywords)])
    return "\n".join(line for line in out if line is not None)


def _article(article: Article, options: RenderOptions) -> str:
    out = [f"# {escape(article.meta.title or '(untitled)')}", ""]
    meta = byline(article)
    if meta:
        out.extend([f"*{escape(meta)}*", ""])
    out.extend(p for para in article.paragraphs for p in (escape(para, line_start=True), ""))
    if options.show_removed and article.removed:
        out.extend(["## Removed", ""])
        out.extend(f"- *{escape(r.reason)}*: {escape(r.text)}" for r in article.removed)
    return "\n".join(out).rstrip()


def render(items: Sequence[Summary | Article], options: RenderOptions) -> str:
    blocks = [_summary(i, options) if isinstance(i, Summary) else _article(i, options) for i in items]
    return safe_text("\n\n".join(blocks)) + "\n" if blocks else ""
