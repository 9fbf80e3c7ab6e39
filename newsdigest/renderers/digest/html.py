"""HTML digest: one self-contained page, readable on a phone and in a mail client.

No scripts, no event handlers, no external resources (the only styles are the
inline <style> block and a few style attributes; no images, no web fonts);
every string from an article is escaped with quotes; links are made only for
http(s) URLs, with rel="noopener noreferrer". The structure is plain (headings,
paragraphs, lists) so that mail clients which drop <style> still show it well.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from .stream import lines
from .view import EMPTY, NO_TEXT, DigestView, EntryView, SourceView

# Conservative CSS that mail clients keep: system fonts, 16px text, lines no
# wider than ~40em (readable on a desktop), 100% width on a phone.
_STYLE = """
body { margin: 0; padding: 0; background: #f4f4f2; color: #1d1d1b;
  -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
.digest { max-width: 40em; margin: 0 auto; padding: 16px; background: #ffffff;
  font-family: -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; font-size: 16px; line-height: 1.5; }
h1 { font-size: 24px; line-height: 1.25; margin: 8px 0; }
h2 { font-size: 20px; line-height: 1.3; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid #d8d8d4; }
h3 { font-size: 18px; line-height: 1.3; margin: 24px 0 4px; }
p { margin: 6px 0; }
ul { margin: 6px 0; padding-left: 20px; }
.counts, .facts, .sources, .failures { color: #55554f; font-size: 14px; }
.story { margin-bottom: 20px; }
a { color: #1a4f8b; overflow-wrap: break-word; word-break: break-word; }
@media (max-width: 480px) { .digest { padding: 12px; } h1 { font-size: 21px; } }
@media (prefers-color-scheme: dark) {
  body { background: #111111; color: #e8e8e4; }
  .digest { background: #1b1b1a; }
  .counts, .facts, .sources, .failures { color: #a8a8a0; }
  h2 { border-bottom-color: #3a3a38; }
  a { color: #8ab4f8; }
}
"""


def _e(text: str) -> str:
    return escape(text, quote=True)


def _link(text: str, url: str | None) -> str:
    if not url:
        return _e(text)
    return f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(text)}</a>'


def _source(source: SourceView, publisher: bool, skip_link: str | None) -> str:
    parts = [_e(p) for p in source.parts(publisher=publisher, url=False)]
    if source.url and source.url != skip_link:
        parts.append(_link(source.url, source.url))
    return " · ".join(parts)


def _entry(entry: EntryView, heading: str) -> list[str]:
    lang = f' lang="{_e(entry.language)}"' if entry.language else ""
    out = [f'<div class="story"{lang}>', f"<{heading}>{_link(entry.title, entry.link)}</{heading}>"]
    if entry.facts:
        out.append(f'<p class="facts">{_e(" · ".join(entry.facts))}</p>')
    if not entry.headline_only:
        out.append(f"<p>{_e(entry.summary)}</p>" if entry.summary else f"<p><em>{_e(NO_TEXT)}</em></p>")
    if len(entry.sources) == 1:
        out.append(f'<p class="sources">Source: {_source(entry.sources[0], publisher=False, skip_link=entry.link)}</p>')
    else:
        out.append('<p class="sources">Sources:</p>')
        out.append('<ul class="sources">')
        out.extend(f"<li>{_source(s, publisher=True, skip_link=None)}</li>" for s in entry.sources)
        out.append("</ul>")
    out.append("</div>")
    return out


def chunks(view: DigestView, options) -> Iterator[str]:
    """The page a story at a time."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        f"<title>{_e(view.heading)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        '<div class="digest" style="max-width: 40em; margin: 0 auto;">',
        f"<h1>{_e(view.heading)}</h1>",
        f'<p class="counts">{_e(view.counts_line)}</p>',
    ]
    if not view.size:
        out.append(f"<p>{_e(EMPTY)}</p>")
    yield lines(out)
    heading = "h3" if view.grouped else "h2"
    for group in view.groups:
        if group.name is not None:
            yield lines([f"<h2>{_e(group.name)}</h2>"])
        for entry in group.entries:
            yield lines(_entry(entry, heading))
    out = []
    if view.failures:
        out.append(f"<h2>Not read ({len(view.failures)})</h2>")
        out.append('<ul class="failures">')
        out.extend(f"<li>{_e(path)}: {_e(reason)}</li>" for path, reason in view.failures)
        out.append("</ul>")
    out.extend(["</div>", "</body>", "</html>"])
    yield lines(out)


def render(view: DigestView, options) -> str:
    return "".join(chunks(view, options))
