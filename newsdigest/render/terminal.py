"""Rich output for a person at a terminal: the only place that builds a Rich Console.

Strings from an input become rich.text.Text objects, never markup, so "[bold]"
in a story prints as itself; each is already safe (view.py) and passes through
textsafe.safe_text once more, so no control code from an input reaches the
terminal among the styling codes Rich adds. Colour and width come from the options.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence

from ..models import Article, Summary
from ..textsafe import safe_text
from .options import RenderOptions
from .view import EMPTY, NO_TEXT, DigestView, EntryView, article_entry, summary_entry


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


def console(options: RenderOptions):
    """A Console that writes into a string, styled only when options.color says so."""
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


def explain_table(entry: EntryView):
    """Each chosen sentence with its position, its score and the score's parts."""
    from rich.table import Table

    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 1))
    table.add_column("#", justify="right")
    table.add_column("score", justify="right")
    table.add_column("parts")
    table.add_column("sentence")
    for s in entry.sentences:
        parts = ", ".join(f"{n} {v:.2f}" for n, v in s.parts)
        table.add_row(str(s.index), f"{s.score:.3f}", _text(parts, "dim"), _text(s.text))
    return table


# -- a list of summaries or cleaned articles ------------------------------------------------------


def _header(out, entry: EntryView) -> None:
    from rich.text import Text

    out.print(_text(entry.title, "bold"))
    if entry.byline:
        out.print(_text(entry.byline, "dim"))
    out.print(Text(entry.path, style="dim"))
    out.print()


def _summary(out, entry: EntryView, options: RenderOptions) -> None:
    from rich.text import Text

    _header(out, entry)
    if options.explain:
        out.print(explain_table(entry))
    elif entry.sentences:
        from ..summarizers.select import LIST_ITEM

        for s in entry.sentences:
            # An item of a list the sentence before introduced: under it, with its own marker.
            out.print(hanging("  ", _text(s.text)) if LIST_ITEM.match(s.text) else hanging("• ", _text(s.text), "cyan"))
    else:
        out.print(Text(NO_TEXT, style="yellow"))
    if entry.keywords:
        out.print(keywords_line(entry.keywords))


def _article(out, article: Article, options: RenderOptions) -> None:
    from rich.text import Text

    _header(out, article_entry(article))
    for para in article.paragraphs:
        out.print(_text(para))
        out.print()
    if options.show_removed and article.removed:
        out.print(Text("Removed", style="bold yellow"))
        for r in article.removed:
            out.print(hanging(f"[{safe_text(r.reason)}] ", _text(r.text, "dim"), "yellow"))


def render_items(items: Sequence[Summary | Article], options: RenderOptions) -> str:
    out = console(options)
    for n, item in enumerate(items):
        if n:
            out.rule(style="dim")
        if isinstance(item, Summary):
            _summary(out, summary_entry(item), options)
        else:
            _article(out, item, options)
    return out.file.getvalue()


# -- a digest ---------------------------------------------------------------------------------------


def _entry(out: list, entry: EntryView, explain: bool) -> None:
    from rich.text import Text

    out.append(Text(entry.title, style="bold"))
    if entry.facts:
        out.append(Text(" · ".join(entry.facts), style="dim"))
    if explain and entry.sentences:
        out.append(explain_table(entry))
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


def digest_chunks(view: DigestView, options: RenderOptions) -> Iterator[str]:
    """The digest, printed on a rich Console a batch of stories at a time."""
    from rich.console import Group
    from rich.rule import Rule
    from rich.text import Text

    screen = console(options)
    out: list = [Text(view.heading, style="bold"), Text(view.counts_line, style="dim"), Text()]

    def flush() -> str:
        screen.print(Group(*out))
        out.clear()
        text = screen.file.getvalue()
        screen.file.seek(0)
        screen.file.truncate()
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
        out.extend(spans((f"  {path}: ", "yellow"), (reason, None)) for path, reason in view.failures)
    if out:
        yield flush()
