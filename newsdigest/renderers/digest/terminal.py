"""Rich digest for a person at a terminal. Article strings become Text objects, never markup."""

from __future__ import annotations

from .safe import EMPTY, clean, counts_line, entry_facts, safe_url, source_label


def render(digest, options) -> str:
    from rich.rule import Rule
    from rich.text import Text

    from ..terminal import _console

    console = _console(options)
    console.print(Text(f"{clean(digest.title)} — {digest.date}", style="bold"))
    console.print(Text(counts_line(digest), style="dim"))
    console.print()
    if not digest.entries:
        console.print(Text(EMPTY))
    for group in digest.groups:
        if group.name is not None:
            console.print(Rule(Text(clean(group.name), style="bold magenta"), align="left"))
        for entry in group.entries:
            console.print(Text(clean(entry.title), style="bold"))
            facts = entry_facts(entry)
            if facts:
                console.print(Text(" · ".join(facts), style="cyan"))
            console.print(Text(clean(entry.summary.text) or "(no story text found)"))
            link = safe_url(entry.link)
            if link:
                console.print(Text(link, style="blue"))
            if len(entry.sources) > 1:
                console.print(Text("Also in: " + "; ".join(source_label(s) for s in entry.sources[1:]), style="dim"))
            console.print(Text(clean(entry.sources[0].path), style="dim"))
            console.print()
    return console.file.getvalue()
