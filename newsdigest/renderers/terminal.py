"""Rich output for a person at a terminal: the only place that builds a Rich Console.

Article strings become rich.text.Text objects, never markup, so "[bold]" in a
story prints as itself; each passes through sanitize first, so no control code
from an input reaches the terminal among the styling codes Rich adds.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from ..models import Article, Summary
from . import RenderOptions
from .sanitize import safe_text, visible_path
from .text import byline


def _text(value: str, style: str | None = None):
    """A Rich Text of an input string: never markup, never a control code."""
    from rich.text import Text

    return Text(safe_text(value), style=style or "")


def spans(*parts: tuple[str, str | None]):
    """One Text of (string, style) parts, each keeping its own style (adding Texts would
    give the whole line the left-hand part's style)."""
    from rich.text import Text

    out = Text()
    for value, style in parts:
        out.append(safe_text(value), style=style or None)
    return out


class hanging:
    """A list item whose wrapped lines start under its text, not under the marker."""

    def __init__(self, marker: str, body, marker_style: str | None = None) -> None:
        self.marker, self.body, self.marker_style = marker, body, marker_style

    def __rich_console__(self, console, options):
        from rich.cells import cell_len
        from rich.segment import Segment
        from rich.style import Style

        indent = cell_len(self.marker)
        lines = self.body.wrap(console, max(options.max_width - indent, 8))
        for n, line in enumerate(lines):
            line.rstrip()
            if n:
                yield Segment(" " * indent)
            else:
                yield Segment(self.marker, Style.parse(self.marker_style) if self.marker_style else None)
            yield from line.render(console)
            yield Segment.line()


def keywords_line(keywords: Sequence[str]):
    """'Keywords: a, b, c' with the label bold and each keyword styled on its own."""
    parts: list[tuple[str, str | None]] = [("Keywords: ", "bold")]
    for n, keyword in enumerate(keywords):
        if n:
            parts.append((", ", None))
        parts.append((keyword, "cyan"))
    return spans(*parts)


def string_console(options: RenderOptions):
    """A Rich Console that prints into a string, with the colour and width of `options`."""
    from rich.console import Console

    return Console(
        file=io.StringIO(),
        force_terminal=options.color,
        color_system="standard" if options.color else None,
        no_color=not options.color,
        width=options.width,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
    )


def _header(console, article: Article) -> None:
    from rich.text import Text

    console.print(_text(article.meta.title or "(untitled)", "bold"))
    meta = byline(article)
    if meta:
        console.print(_text(meta, "dim"))
    console.print(Text(visible_path(article.path), style="dim"))
    console.print()


def _summary(console, summary: Summary, options: RenderOptions) -> None:
    from rich.table import Table
    from rich.text import Text

    _header(console, summary.article)
    if options.explain:
        table = Table(show_header=True, header_style="bold", box=None, padding=(0, 1))
        table.add_column("#", justify="right")
        table.add_column("score", justify="right")
        table.add_column("parts")
        table.add_column("sentence")
        for s in summary.sentences:
            parts = ", ".join(f"{n} {v:.2f}" for n, v in s.parts)
            table.add_row(str(s.index), f"{s.score:.3f}", _text(parts, "dim"), _text(s.text))
        console.print(table)
    elif summary.sentences:
        from ..summarizers.select import LIST_ITEM

        for s in summary.sentences:
            # An item of a list the sentence before introduced: under it, with its own marker.
            console.print(
                hanging("  ", _text(s.text)) if LIST_ITEM.match(s.text) else hanging("• ", _text(s.text), "cyan")
            )
    else:
        console.print(Text("(no story text found)", style="yellow"))
    if summary.keywords:
        console.print(keywords_line(summary.keywords))


def _article(console, article: Article, options: RenderOptions) -> None:
    from rich.text import Text

    _header(console, article)
    for para in article.paragraphs:
        console.print(_text(para))
        console.print()
    if options.show_removed and article.removed:
        console.print(Text("Removed", style="bold yellow"))
        for r in article.removed:
            console.print(hanging(f"[{safe_text(r.reason)}] ", _text(r.text, "dim"), "yellow"))


def render(items: Sequence[Summary | Article], options: RenderOptions) -> str:
    console = string_console(options)
    for n, item in enumerate(items):
        if n:
            console.rule(style="dim")
        if isinstance(item, Summary):
            _summary(console, item, options)
        else:
            _article(console, item, options)
    return console.file.getvalue()
