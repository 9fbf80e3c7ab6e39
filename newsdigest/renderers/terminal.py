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


def _console(options: RenderOptions):
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
    console.print(_text(article.meta.title or "(untitled)", "bold"))
    meta = byline(article)
    if meta:
        console.print(_text(meta, "cyan"))
    console.print(_text(visible_path(article.path), "dim"))
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
        for s in summary.sentences:
            console.print(Text("• ", style="cyan") + _text(s.text))
    else:
        console.print(Text("(no story text found)", style="yellow"))
    if summary.keywords:
        console.print(Text("Keywords: ", style="bold") + _text(", ".join(summary.keywords)))


def _article(console, article: Article, options: RenderOptions) -> None:
    from rich.text import Text

    _header(console, article)
    for para in article.paragraphs:
        console.print(_text(para))
        console.print()
    if options.show_removed and article.removed:
        console.print(Text("Removed", style="bold yellow"))
        for r in article.removed:
            console.print(_text(f"[{r.reason}] ", "yellow") + _text(r.text, "dim"))


def render(items: Sequence[Summary | Article], options: RenderOptions) -> str:
    console = _console(options)
    for n, item in enumerate(items):
        if n:
            console.rule(style="dim")
        if isinstance(item, Summary):
            _summary(console, item, options)
        else:
            _article(console, item, options)
    return console.file.getvalue()
