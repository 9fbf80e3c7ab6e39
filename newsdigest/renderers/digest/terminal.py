"""Rich digest for a person at a terminal, on the Console renderers/terminal.py builds.

Article strings become rich.text.Text objects, never markup, so "[bold red]"
in a story prints as itself; colour and width come from the options.
"""

from __future__ import annotations

from collections.abc import Iterator

from .view import EMPTY, NO_TEXT, DigestView, EntryView


def _explain(out: list, entry: EntryView) -> None:
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
    out.append(table)


def _entry(out: list, entry: EntryView, explain: bool) -> None:
    from rich.text import Text

    from ..terminal import hanging

    out.append(Text(entry.title, style="bold"))
    if entry.facts:
        out.append(Text(" · ".join(entry.facts), style="dim"))
    if explain and entry.sentences:
        _explain(out, entry)
    elif not entry.headline_only:
        out.append(Text(entry.summary) if entry.summary else Text(NO_TEXT, style="yellow"))
    if entry.link:
        out.append(Text(entry.link, style="blue"))
    if len(entry.sources) == 1:
        source = entry.sources[0]
        out.append(
            Text("Source: " + " · ".join(source.parts(publisher=False, url=source.url != entry.link)), style="dim")
        )
    else:
        out.append(Text("Sources:", style="dim"))
        out.extend(hanging("  • ", Text(" · ".join(source.parts()), style="dim"), "dim") for source in entry.sources)
    out.append(Text())


_BATCH = 200  # stories printed at once: one print per story costs far more, all at once holds them all


def chunks(view: DigestView, options) -> Iterator[str]:
    """The digest, printed on a rich Console a batch of stories at a time."""
    from rich.console import Group
    from rich.rule import Rule
    from rich.text import Text

    from ..terminal import string_console

    console = string_console(options)
    out: list = [Text(view.heading, style="bold"), Text(view.counts_line, style="dim"), Text()]

    def flush() -> str:
        console.print(Group(*out))
        out.clear()
        text = console.file.getvalue()
        console.file.seek(0)
        console.file.truncate()
        return text

    if not view.size:
        out.append(Text(EMPTY))
    stories = 0
    for group in view.groups:
        if group.name is not None:
            out.extend([Rule(Text(group.name, style="bold magenta"), align="left", style="dim"), Text()])
        for entry in group.entries:
            _entry(out, entry, options.explain)
            stories += 1
            if stories % _BATCH == 0:
                yield flush()
    if view.failures:
        out.append(Text(f"Not read ({len(view.failures)})", style="bold yellow"))
        from ..terminal import spans

        out.extend(spans((f"  {path}: ", "yellow"), (reason, None)) for path, reason in view.failures)
    if out:
        yield flush()


def render(view: DigestView, options) -> str:
    return "".join(chunks(view, options))
