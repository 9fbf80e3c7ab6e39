"""Plain-text digest: what a pipe, a log or a plain mail gets. No colour, no hard wrapping."""

from __future__ import annotations

from .safe import EMPTY, clean, counts_line, entry_facts, safe_url, source_label


def render(digest, options) -> str:
    title = f"{clean(digest.title)} — {digest.date}"
    lines = [title, "=" * len(title), counts_line(digest), ""]
    if not digest.entries:
        lines.extend([EMPTY, ""])
    for group in digest.groups:
        if group.name is not None:
            name = clean(group.name)
            lines.extend([name, "-" * len(name), ""])
        for entry in group.entries:
            lines.append(clean(entry.title))
            facts = entry_facts(entry)
            if facts:
                lines.append(" · ".join(facts))
            lines.append(clean(entry.summary.text) or "(no story text found)")
            link = safe_url(entry.link)
            if link:
                lines.append(link)
            if len(entry.sources) > 1:
                lines.append("Also in: " + "; ".join(source_label(s) for s in entry.sources[1:]))
            lines.append(f"Source: {clean(entry.sources[0].path)}")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
