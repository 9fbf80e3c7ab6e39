"""Markdown: a heading per story (and per digest group), escaped so article text never becomes markup.

Digest links are made only for http(s) URLs (textsafe.safe_url), written as
<...> destinations, which no character left in such a URL can close early; any
other URL (javascript:, data:, ...) is shown as escaped text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..models import Article, Summary
from ..textsafe import safe_text
from .options import RenderOptions
from .stream import lines, trimmed
from .text import explain_line
from .view import EMPTY, NO_TEXT, DigestView, EntryView, SourceView, article_entry, summary_entry

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


def _summary(entry: EntryView, options: RenderOptions) -> str:
    out = [f"## {escape(entry.title)}", ""]
    out.append(f"*{escape(entry.byline)}*  " if entry.byline else "")
    out.append(f"Source: `{entry.path.replace('`', '')}`")
    out.append("")
    if options.explain:
        for s in entry.sentences:
            parts = ", ".join(f"{escape(name)} {value:.3f}" for name, value in s.parts)
            out.append(f"- **{s.score:.3f}**" + (f" *({parts})*" if parts else "") + f" {escape(s.text)}")
    else:
        out.append(escape(entry.summary, line_start=True) if entry.sentences else "*No story text found.*")
    if entry.keywords:
        out.extend(["", "**Keywords:** " + ", ".join(escape(k) for k in entry.keywords)])
    return "\n".join(line for line in out if line is not None)


def _article(article: Article, options: RenderOptions) -> str:
    entry = article_entry(article)
    out = [f"# {escape(entry.title)}", ""]
    if entry.byline:
        out.extend([f"*{escape(entry.byline)}*", ""])
    out.extend(p for para in article.paragraphs for p in (escape(para, line_start=True), ""))
    if options.show_removed and article.removed:
        out.extend(["## Removed", ""])
        out.extend(f"- *{escape(r.reason)}*: {escape(r.text)}" for r in article.removed)
    return "\n".join(out).rstrip()


def render_items(items: Sequence[Summary | Article], options: RenderOptions) -> str:
    blocks = [_summary(summary_entry(i), options) if isinstance(i, Summary) else _article(i, options) for i in items]
    return safe_text("\n\n".join(blocks)) + "\n" if blocks else ""


# -- a digest ---------------------------------------------------------------------------------------


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


def digest_chunks(view: DigestView, options: RenderOptions) -> Iterator[str]:
    """The digest a story at a time."""
    return trimmed(_blocks(view, options))


def _blocks(view: DigestView, options: RenderOptions) -> Iterator[str]:
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
