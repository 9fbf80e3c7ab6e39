"""Markdown escaping: only what CommonMark would misread, checked by rendering with markdown-it-py."""

from __future__ import annotations

import html
import re
from datetime import UTC

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from newsdigest.render.markdown import escape

MD = MarkdownIt("commonmark")
# Words and every character Markdown gives a meaning to, in any order.
TOKENS = st.sampled_from(
    [
        "a",
        "B",
        "word",
        "late-night",
        "2026-12-06",
        "x_y",
        "1.",
        "2)",
        "12",
        "www.",
        "&amp;",
        "&copy;",
        "&#35;",
        "&",
        ";",
        "*",
        "**",
        "_",
        "__",
        "`",
        "``",
        "[",
        "]",
        "(",
        ")",
        "<",
        ">",
        "<b>",
        "</b>",
        "<a@b.c>",
        "<http://x.y>",
        "!",
        "#",
        "##",
        "-",
        "---",
        "+",
        "=",
        "==",
        "\\",
        "~",
        "~~",
        "|",
        ":",
        "http://x.example",
        ".",
        " ",
        "  ",
    ]
)
TEXTS = st.lists(TOKENS, min_size=1, max_size=12).map("".join).filter(lambda t: t.strip())

# Each place the renderers put an escaped string, with the HTML structure it must keep.
CONTEXTS = {
    "paragraph": (lambda t: escape(t, line_start=True), "<p>{}</p>"),
    "heading": (lambda t: "## " + escape(t), "<h2>{}</h2>"),
    "emphasis": (lambda t: f"*{escape(t)}*", "<p><em>{}</em></p>"),
    "list item": (lambda t: "- " + escape(t, line_start=True), "<ul><li>{}</li></ul>"),
    "after a label": (lambda t: "Source: " + escape(t), "<p>Source: {}</p>"),
    "link text": (
        lambda t: f"[{escape(t)}](<https://news.example.org/a>)",
        '<p><a href="https://news.example.org/a">{}</a></p>',
    ),
}


def _visible(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


def _shape(rendered: str) -> str:
    return re.sub(r">[^<]*<", "><", rendered.replace("\n", "")).strip()


@pytest.mark.parametrize("context", CONTEXTS)
@settings(max_examples=300, deadline=None)
@given(text=TEXTS)
def test_escaped_text_round_trips_through_commonmark(context, text):
    make, shape = CONTEXTS[context]
    rendered = MD.render(make(text))
    expected = " ".join(text.split())
    label = "Source: " if context == "after a label" else ""
    assert _visible(rendered) == label + expected
    assert _shape(rendered) == _shape(shape.format("x"))


@pytest.mark.parametrize(
    "text",
    [
        "2026-12-06",
        "late-night",
        "two-day",
        "city-council-budget.txt",
        "feeds/local.xml#1",
        "Nothing new: no stories",
        "snake_case_name",
        "C# and F#",
        "5 + 3 = 8",
        "a > b",
        "rock 'n' roll!",
        "Q&A session",
        "(see page 3)",
    ],
)
def test_ordinary_text_is_left_alone(text):
    assert escape(text) == text
    assert escape(text, line_start=True) == text


@pytest.mark.parametrize(
    "text,escaped",
    [
        ("# not a heading", "\\# not a heading"),
        ("> not a quote", "\\> not a quote"),
        ("- not a bullet", "\\- not a bullet"),
        ("+ not a bullet", "\\+ not a bullet"),
        ("1. not a list", "1\\. not a list"),
        ("3) not a list", "3\\) not a list"),
    ],
)
def test_line_start_markers_are_escaped_only_at_a_line_start(text, escaped):
    assert escape(text, line_start=True) == escaped
    assert escape(text) == text


def test_digest_markdown_does_not_over_escape():
    from datetime import datetime

    from newsdigest.digest.model import Digest, Entry, Group, Source
    from newsdigest.models import Article, Metadata, Sentence, Summary
    from newsdigest.render import RenderOptions, render_digest

    text = "A late-night vote ended the two-day debate on the city_council budget."
    article = Article("feeds/local.xml#1", (text,), Metadata(title="Budget passes", date="2026-12-06"))
    summary = Summary(article, "news", (Sentence(0, text, 1.0),), 1, 12)
    digest = Digest(
        "News digest",
        datetime(2026, 12, 6, tzinfo=UTC),
        (Group(None, (Entry(summary, (Source("feeds/local.xml#1"),), "f", "2026-12-06"),)),),
    )
    md = render_digest(digest, RenderOptions(format="markdown"))
    assert "# News digest — 2026-12-06" in md and "*2026-12-06*" in md
    assert text in md and "Source: feeds/local.xml#1" in md
    empty = Digest("News digest", datetime(2026, 12, 6, tzinfo=UTC), ())
    assert "Nothing new: no stories in this digest." in render_digest(empty, RenderOptions(format="markdown"))
