"""What a person at a terminal sees: the progress bar, styles per span, hanging indents."""

from __future__ import annotations

import io
from datetime import UTC

from conftest import SAMPLES


class _Terminal(io.StringIO):
    """A stream that says it is a terminal and logs every write, in order, into a shared list."""

    def __init__(self, name: str, log: list) -> None:
        super().__init__()
        self.name, self.log = name, log

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if text:
            self.log.append((self.name, text))
        return super().write(text)


def test_the_progress_bar_is_cleared_before_the_digest_is_written(monkeypatch):
    from newsdigest.app import commands, progress
    from newsdigest.app.console import Environment

    monkeypatch.setattr(progress, "PROGRESS_AFTER_SECONDS", 0.0)  # draw the bar at once
    log: list = []
    env = Environment(_Terminal("out", log), _Terminal("err", log), True, True, color=False)
    code = commands.digest([str(SAMPLES)], {"format": "text", "config": "/dev/null"}, env)
    assert code == 0
    streams = [name for name, _ in log]
    assert "err" in streams and "out" in streams  # the bar was drawn, the digest written
    first_out = streams.index("out")
    assert "err" not in streams[first_out:]  # nothing reaches the terminal's stderr once the digest starts
    assert "reading articles" in "".join(text for name, text in log if name == "err")
    assert "reading articles" not in env.stdout.getvalue()
    assert env.stdout.getvalue().startswith("News digest — ")


def _styles(ansi: str) -> list[tuple[str, frozenset]]:
    """Each visible character of ANSI text with the SGR codes active on it."""
    import re

    out, active = [], frozenset()
    for token in re.split(r"(\x1b\[[0-9;]*m)", ansi):
        if token.startswith("\x1b["):
            codes = token[2:-1].split(";")
            active = frozenset() if codes in (["0"], [""]) else active | set(codes)
        else:
            out.extend((ch, active) for ch in token)
    return out


def _style_of(ansi: str, needle: str) -> set:
    """The styles seen on the characters of `needle` (its first occurrence in the plain text)."""
    chars = _styles(ansi)
    plain = "".join(ch for ch, _ in chars)
    start = plain.index(needle)
    return {chars[i][1] for i in range(start, start + len(needle)) if not chars[i][0].isspace()}


BOLD, DIM, CYAN = frozenset({"1"}), frozenset({"2"}), frozenset({"36"})


def _summary(keywords=("harbor bridge", "Keel Bay")):
    from newsdigest.models import Article, Metadata, Sentence, Summary

    article = Article(
        path="inbox/bridge.txt",
        paragraphs=(
            "The bridge reopened on Friday after a long repair that kept commuters on a detour around the bay.",
        ),
        meta=Metadata(title="Bridge reopens", authors=("Ann Lee",), publisher="Coastal Gazette", date="2026-11-02"),
    )
    sentence = Sentence(0, article.paragraphs[0], 1.0)
    return Summary(article, "news", (sentence, sentence), 1, 20, keywords=tuple(keywords))


def test_summarize_styles_each_span_on_its_own():
    from newsdigest.render import RenderOptions, render

    ansi = render([_summary()], RenderOptions(format="rich", color=True, width=200))
    assert _style_of(ansi, "Bridge reopens") == {BOLD}
    assert _style_of(ansi, "Ann Lee · Coastal Gazette") == {DIM}
    assert _style_of(ansi, "The bridge reopened on Friday") == {frozenset()}  # the body: no style at all
    assert _style_of(ansi, "Keywords:") == {BOLD}
    assert _style_of(ansi, "harbor bridge") == {CYAN} and _style_of(ansi, "Keel Bay") == {CYAN}
    assert _style_of(ansi, "bridge, Keel") == {CYAN, frozenset()}  # the separator is unstyled


def test_wrapped_bullets_hang_under_their_text():
    from newsdigest.render import RenderOptions, render

    text = render([_summary(keywords=())], RenderOptions(format="rich", color=False, width=40))
    lines = text.splitlines()
    first = next(n for n, line in enumerate(lines) if line.startswith("• "))
    assert lines[first + 1].startswith("  ") and lines[first + 1][2] != " "  # under the text, not column 0
    assert all(len(line) <= 40 and line == line.rstrip() for line in lines)


def test_digest_terminal_styles_and_hanging_source_list():
    from datetime import datetime

    from newsdigest.digest.model import Digest, Entry, Group, Source
    from newsdigest.render import RenderOptions, render_digest

    summary = _summary()
    sources = (
        Source("inbox/bridge.txt", "Coastal Gazette"),
        Source("inbox/a-very-long-folder-name/bridge-copy-of-the-story.txt", "Harbor Herald"),
    )
    digest = Digest("News digest", datetime(2026, 11, 3, tzinfo=UTC), (Group(None, (Entry(summary, sources, "f"),)),))
    ansi = render_digest(digest, RenderOptions(format="rich", color=True, width=50))
    assert _style_of(ansi, "Bridge reopens") == {BOLD}
    assert _style_of(ansi, "Coastal Gazette · Ann Lee") == {DIM}
    assert _style_of(ansi, "The bridge reopened") == {frozenset()}
    plain = "".join(ch for ch, _ in _styles(ansi))
    bullet = [n for n, line in enumerate(plain.splitlines()) if line.startswith("  • Harbor Herald")]
    assert bullet and plain.splitlines()[bullet[0] + 1].startswith("    ")
