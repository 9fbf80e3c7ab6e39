"""Markdown digest: headings per group and story; article text escaped so it never becomes markup."""

from __future__ import annotations

from ..markdown import escape
from .safe import EMPTY, clean, counts_line, entry_facts, safe_url, source_label


def _link(text: str, url: str | None) -> str:
    url = safe_url(url)
    if not url:
        return escape(text)
    return f"[{escape(text)}](<{url.replace('>', '%3E').replace(' ', '%20')}>)"


def render(digest, options) -> str:
    out = [f"# {escape(clean(digest.title))} — {digest.date}", "", f"*{escape(counts_line(digest))}*", ""]
    if not digest.entries:
        out.extend([escape(EMPTY), ""])
    grouped = any(g.name is not None for g in digest.groups)
    for group in digest.groups:
        if group.name is not None:
            out.extend([f"## {escape(clean(group.name))}", ""])
        for entry in group.entries:
            out.extend([f"{'###' if grouped else '##'} {_link(clean(entry.title), entry.link)}", ""])
            facts = entry_facts(entry)
            if facts:
                out.extend([f"*{escape(' · '.join(facts))}*", ""])
            out.extend([escape(clean(entry.summary.text)) or "*No story text found.*", ""])
            sources = [_link(source_label(s), s.url) for s in entry.sources]
            label = "Source" if len(sources) == 1 else "Sources"
            out.extend([f"{label}: " + "; ".join(sources), ""])
    return "\n".join(out).rstrip("\n") + "\n"
