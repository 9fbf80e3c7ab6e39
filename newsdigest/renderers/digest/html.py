"""HTML digest: one self-contained page, readable on a phone and in a mail client.

No scripts, no external resources (styles are inline, no images or fonts),
every string from an article escaped, and links only for http(s) URLs.
"""

from __future__ import annotations

from html import escape

from .safe import EMPTY, clean, counts_line, entry_facts, safe_url, source_label

# Plain, conservative CSS: mail clients drop much of the rest; max-width keeps lines readable.
_STYLE = """
body { margin: 0; padding: 0; background: #f6f6f4; color: #1d1d1b; font-family: Georgia, 'Times New Roman', serif; }
.digest { max-width: 42em; margin: 0 auto; padding: 1em; background: #ffffff; }
h1 { font-size: 1.6em; margin: 0.2em 0; }
h2 { font-size: 1.25em; margin: 1.4em 0 0.4em; border-bottom: 1px solid #d8d8d4; }
h3 { font-size: 1.1em; margin: 1.2em 0 0.2em; }
p { font-size: 1em; line-height: 1.5; margin: 0.3em 0; }
.counts, .facts, .sources { color: #5c5c58; font-size: 0.9em; font-family: Helvetica, Arial, sans-serif; }
a { color: #1a4f8b; }
@media (max-width: 480px) { .digest { padding: 0.6em; } h1 { font-size: 1.35em; } }
"""


def _e(text: str | None) -> str:
    return escape(clean(text), quote=True)


def _link(text: str, url: str | None) -> str:
    url = safe_url(url)
    if not url:
        return _e(text)
    return f'<a href="{escape(url, quote=True)}" rel="noopener noreferrer">{_e(text)}</a>'


def render(digest, options) -> str:
    title = f"{clean(digest.title)} — {digest.date}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        '<div class="digest">',
        f"<h1>{_e(title)}</h1>",
        f'<p class="counts">{_e(counts_line(digest))}</p>',
    ]
    if not digest.entries:
        out.append(f"<p>{_e(EMPTY)}</p>")
    grouped = any(g.name is not None for g in digest.groups)
    heading = "h3" if grouped else "h2"
    for group in digest.groups:
        if group.name is not None:
            out.append(f"<h2>{_e(group.name)}</h2>")
        for entry in group.entries:
            out.append(f"<{heading}>{_link(entry.title, entry.link)}</{heading}>")
            facts = entry_facts(entry)
            if facts:
                out.append(f'<p class="facts">{_e(" · ".join(facts))}</p>')
            out.append(f"<p>{_e(entry.summary.text) or '<em>No story text found.</em>'}</p>")
            sources = "; ".join(_link(source_label(s), s.url) for s in entry.sources)
            out.append(f'<p class="sources">{"Source" if len(entry.sources) == 1 else "Sources"}: {sources}</p>')
    out.extend(["</div>", "</body>", "</html>"])
    return "\n".join(out) + "\n"
