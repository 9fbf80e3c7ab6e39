"""Rich digest for a person at a terminal, on the Console renderers/terminal.py builds.

Article strings become rich.text.Text objects, never markup, so "[bold red]"
in a story prints as itself; colour and width come from the options.
"""

from __future__ import annotations

from .view import EMPTY, NO_TEXT, DigestView, EntryView


def _explain(console, entry: EntryView) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 1))
    table.add_column("#", justify="right")
    table.add_column("score", justify="right")
    table.add_column("parts")
    table.add_column("sentence")
    for s in entry.sentences:
        parts = ", ".join(f"{n} {v:.2f}" for n, v in s.parts)
        table.add_row(str(s.index), f"{s.score:.3f}", Text(parts, style="dim"), Text(s.text))
    console.print(table)


def _entry(console, entry: EntryView, explain: bool) -> None:
    from rich.text import Text

    console.print(Text(entry.title, style="bold"))
    if entry.facts:
        console.print(Text(" · ".join(entry.facts), style="cyan"))
    if explain and entry.sentences:
        _explain(console, entry)
    else:
        console.print(Text(entry.summary) if entry.summary else Text(NO_TEXT, style="yellow"))
    if entry.link:
        console.print(Text(entry.link, style="blue"))
    if len(entry.sources) == 1:
        source = entry.sources[0]
        console.print(Text("Source: " + " · ".join(source.parts(publisher=False, url=source.url != entry.link)), style="dim"))
    else:
        console.print(Text("Sources:", style="dim"))
        for source in entry.sources:
            console.print(Text("  • " + " · ".join(source.parts()), style="dim"))
    console.print()


def render(view: DigestView, options) -> str:
    from rich.rule import Rule
    from rich.text import Text

    from ..terminal import _console

    console = _console(options)
    console.print(Text(view.heading, style="bold"))
    console.print(Text(view.counts_line, style="dim"))
    console.print()
    if not view.entries:
        console.print(Text(EMPTY))
    for group in view.groups:
        if group.name is not None:
            console.print(Rule(Text(group.name, style="bold magenta"), align="left", style="dim"))
            console.print()
        for entry in group.entries:
            _entry(console, entry, options.explain)
    if view.failures:
        console.print(Text(f"Not read ({len(view.failures)})", style="bold yellow"))
        for path, reason in view.failures:
            console.print(Text(f"  {path}: ", style="yellow") + Text(reason))
    return console.file.getvalue()
