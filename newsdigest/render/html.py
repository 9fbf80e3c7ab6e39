"""HTML digest: one self-contained page people forward, readable on a phone, in a mail client and on paper.

A masthead (title, date, counts), a table of contents linking every story,
then the stories: each headline links to the story's own URL (canonical,
og:url or the feed item's link), publisher, authors and date share one line,
and sources are links, or bare file names for local files (a relative path
means nothing to whoever the digest is mailed to). Every story block carries
`lang` (when known) and dir="auto", so a right-to-left story reads right to
left. A footer lists what could not be read.

No scripts, no event handlers, no external resources, and a
Content-Security-Policy that forbids them anyway; every string from an
article is escaped with quotes; links are made only for http(s) URLs, with
rel="noopener noreferrer". The look is in html_style.py; for mail
(inline=True) the essential styles are repeated as style attributes.
"""

from __future__ import annotations

import ntpath
import posixpath
from collections.abc import Iterator
from html import escape
from urllib.parse import urlsplit

from .. import __version__
from .html_style import INLINE, STYLE
from .options import RenderOptions
from .stream import lines
from .view import EMPTY, NO_TEXT, DigestView, EntryView, SourceView

# Nothing may load or run: only the page's own <style> block and style attributes.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'"


def _e(text: str) -> str:
    return escape(text, quote=True)


class _Page:
    """What every piece of markup needs to know: whether styles are also inlined (mail)."""

    def __init__(self, inline: bool) -> None:
        self.inline = inline

    def style(self, key: str) -> str:
        return f' style="{_e(INLINE[key])}"' if self.inline else ""

    def link(self, text: str, url: str | None) -> str:
        if not url:
            return _e(text)
        return f'<a href="{_e(url)}" rel="noopener noreferrer"{self.style("a")}>{_e(text)}</a>'


def story_id(n: int) -> str:
    return f"story-{n}"


def local_name(path: str) -> str:
    """'inbox/city-council.txt' -> 'city-council.txt'; 'feeds/local.xml#3' -> 'local.xml#3'."""
    return ntpath.basename(posixpath.basename(path.rstrip("/\\"))) or path


def _host(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def _source(page: _Page, source: SourceView, publisher: bool) -> str:
    parts = [_e(source.publisher)] if publisher and source.publisher else []
    if source.title:
        parts.append(_e(f"“{source.title}”"))
    parts.append(page.link(_host(source.url), source.url) if source.url else _e(local_name(source.path)))
    return " · ".join(parts)


def _entry(page: _Page, entry: EntryView, n: int, heading: str) -> list[str]:
    lang = f' lang="{_e(entry.language)}"' if entry.language else ""
    out = [
        f'<div class="story" id="{story_id(n)}"{lang} dir="auto">',
        f"<{heading}{page.style('h2')}>{page.link(entry.title, entry.link)}</{heading}>",
    ]
    if entry.facts:
        out.append(f'<p class="facts"{page.style("muted")}>{_e(" · ".join(entry.facts))}</p>')
    if not entry.headline_only:
        text = _e(entry.summary) if entry.summary else f"<em>{_e(NO_TEXT)}</em>"
        out.append(f'<p class="summary"{page.style("p")}>{text}</p>')
    if len(entry.sources) == 1:
        out.append(
            f'<p class="sources"{page.style("muted")}>Source: {_source(page, entry.sources[0], publisher=False)}</p>'
        )
    else:
        out.append(f'<p class="sources"{page.style("muted")}>Sources:</p>')
        out.append(f'<ul class="sources"{page.style("muted")}>')
        out.extend(f"<li>{_source(page, s, publisher=True)}</li>" for s in entry.sources)
        out.append("</ul>")
    out.append("</div>")
    return out


def _contents(page: _Page, view: DigestView) -> Iterator[str]:
    """The table of contents: every story's title, linking to it (stories are read again, a group at a time)."""
    yield f'<div class="toc"{page.style("toc")}>\n<h2{page.style("toc_heading")}>In this digest</h2>\n<ol>\n'
    n = 0
    for group in view.groups:
        items = []
        for entry in group.entries:
            n += 1
            items.append(f'<li><a href="#{story_id(n)}"{page.style("a")}>{_e(entry.title)}</a></li>')
        if group.name is None:
            yield lines(items)
        else:
            yield lines([f"<li>{_e(group.name)}", "<ol>", *items, "</ol>", "</li>"])
    yield "</ol>\n</div>\n"


def _head(view: DigestView) -> list[str]:
    return [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{_e(view.heading)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
    ]


def _masthead(page: _Page, view: DigestView) -> list[str]:
    day = view.generated
    long_date = f"{day:%A}, {day.day} {day:%B %Y}"
    return [
        "<body>",
        f'<div class="digest"{page.style("digest")}>',
        '<div class="masthead">',
        f"<h1{page.style('h1')}>{_e(view.title)}</h1>",
        f'<p class="dateline"{page.style("muted")}><time datetime="{_e(view.date)}">{_e(long_date)}</time></p>',
        f'<p class="counts"{page.style("muted")}>{_e(view.counts_line)}</p>',
        "</div>",
    ]


def _footer(page: _Page, view: DigestView) -> list[str]:
    out = ["<footer>"]
    if view.failures:
        out.append(f"<h2{page.style('group')}>Not read ({len(view.failures)})</h2>")
        out.append(f'<ul class="failures"{page.style("muted")}>')
        out.extend(f"<li>{_e(local_name(path))}: {_e(reason)}</li>" for path, reason in view.failures)
        out.append("</ul>")
    made = view.generated.strftime("%Y-%m-%d %H:%M %Z").strip()
    out.append(f'<p class="colophon"{page.style("muted")}>Made by newsdigest {_e(__version__)} on {_e(made)}.</p>')
    out.extend(["</footer>", "</div>", "</body>", "</html>"])
    return out


def digest_chunks(view: DigestView, options: RenderOptions, inline: bool = False) -> Iterator[str]:
    """The page, a story at a time (the contents first read the stories' titles)."""
    page = _Page(inline)
    yield lines(_head(view) + _masthead(page, view))
    if not view.size:
        yield lines([f"<p{page.style('p')}>{_e(EMPTY)}</p>"])
    else:
        yield from _contents(page, view)
    heading = "h3" if view.grouped else "h2"
    n = 0
    for group in view.groups:
        if group.name is not None:
            yield lines([f'<h2 class="group"{page.style("group")}>{_e(group.name)}</h2>'])
        for entry in group.entries:
            n += 1
            yield lines(_entry(page, entry, n, heading))
    yield lines(_footer(page, view))


def digest_page(view: DigestView, options: RenderOptions, inline: bool = False) -> str:
    """The whole page as one string (inline=True: an email's HTML part)."""
    return "".join(digest_chunks(view, options, inline))
