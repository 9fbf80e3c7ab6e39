"""Each output format on tiny summaries built in code."""

from __future__ import annotations

import json
import re

import pytest

from newsdigest.errors import UsageError
from newsdigest.models import Article, Metadata, Removed, Sentence, Summary
from newsdigest.render import RenderOptions, render, resolve_format


def _summary(title="Ferry terminal opens late", text="The terminal opened on Monday. It cost $40 million.") -> Summary:
    sentences = tuple(
        Sentence(i, s.strip() + ("." if not s.strip().endswith(".") else ""), 0.5 - i / 10, (("position", 1.0),))
        for i, s in enumerate(t for t in text.split(". ") if t)
    )
    article = Article(
        path="a.txt",
        paragraphs=(text,),
        meta=Metadata(title=title, authors=("Ann Lee",), publisher="Harbor Times", date="2025-05-01"),
        removed=(Removed("Share this article", "boilerplate"),),
    )
    return Summary(article, "lead", sentences, sentences_in=len(sentences), words_in=len(text.split()))


def test_resolve_format():
    assert resolve_format("auto", True, None) == "rich"
    assert resolve_format("auto", False, None) == "text"
    assert resolve_format("auto", True, "out.md") == "markdown"
    assert resolve_format("auto", False, "out.JSON") == "json"
    assert resolve_format("auto", False, "out") == "text"  # no extension: text
    with pytest.raises(UsageError):
        resolve_format("auto", False, "out.pdf")  # an extension we do not write
    assert resolve_format("markdown", False, "out.pdf") == "markdown"  # unless --format says
    assert resolve_format("jsonl", True, None) == "jsonl"


def test_text_format():
    out = render([_summary()], RenderOptions("text"))
    assert out.splitlines()[:3] == ["Ferry terminal opens late", "Ann Lee · Harbor Times · 2025-05-01", "a.txt"]
    assert "The terminal opened on Monday. It cost $40 million." in out


def test_json_one_object_for_one_item_and_an_array_for_several():
    one = json.loads(render([_summary()], RenderOptions("json")))
    assert one["title"] == "Ferry terminal opens late" and one["sentences"][0] == {
        "index": 0,
        "text": "The terminal opened on Monday.",
        "score": 0.5,
    }
    many = json.loads(render([_summary(), _summary(title="Second")], RenderOptions("json")))
    assert [m["title"] for m in many] == ["Ferry terminal opens late", "Second"]
    lines = render([_summary(), _summary()], RenderOptions("jsonl")).splitlines()
    assert len(lines) == 2 and all(json.loads(line)["algorithm"] == "lead" for line in lines)


def test_explain_adds_score_parts():
    data = json.loads(render([_summary()], RenderOptions("json", explain=True)))
    assert data["sentences"][0]["parts"] == {"position": 1.0}
    assert "[0] 0.500 (position 1.000)" in render([_summary()], RenderOptions("text", explain=True))


def test_article_json_lists_removed_blocks():
    article = _summary().article
    data = json.loads(render([article], RenderOptions("json")))
    assert data["removed"] == [{"text": "Share this article", "reason": "boilerplate"}]
    assert data["paragraphs"] == list(article.paragraphs) and data["text"] == article.text


@pytest.mark.parametrize(
    "hostile,absent",
    [
        ("<script>alert(1)</script>", "<script>"),
        ("[click me](javascript:alert(1))", "](javascript"),
        ("**bold** and _em_", "**bold**"),
        ("# not a heading", "\n# not"),
    ],
)
def test_markdown_escapes_article_text(hostile, absent):
    from markdown_it import MarkdownIt

    out = render(
        [_summary(title=hostile, text=f"Lead sentence with {hostile} inside. Second one.")], RenderOptions("markdown")
    )
    page = MarkdownIt("commonmark").render(out)
    tags = set(re.findall(r"</?([a-z][a-z0-9]*)", page))
    assert tags <= {"h2", "p", "em", "br", "code"}, tags  # no script, link, emphasis or heading from the text
    assert page.count("<h2>") == 1


def test_rich_prints_markup_literally_and_without_colour_when_off():
    summary = _summary(title="[bold red]Alarm[/bold red]", text="A [link=http://x]link[/link] here. Done.")
    plain = render([summary], RenderOptions("rich", color=False))
    assert "[bold red]Alarm[/bold red]" in plain and "[link=http://x]link[/link]" in plain
    assert "\x1b" not in plain
    coloured = render([summary], RenderOptions("rich", color=True))
    assert "\x1b[" in coloured and "[bold red]Alarm" in coloured


def test_one_registry_serves_both_kinds():
    import importlib

    from newsdigest.render.formats import DIGEST, DIGEST_FORMATS, MODULES, SUMMARY_FORMATS

    for name in SUMMARY_FORMATS:
        assert hasattr(importlib.import_module(MODULES[name]), "render_items"), name
    for name in DIGEST_FORMATS:
        assert hasattr(importlib.import_module(MODULES[name]), "digest_chunks"), name
    assert set(MODULES) == set(SUMMARY_FORMATS) | set(DIGEST_FORMATS)
    assert resolve_format("auto", False, "digest.eml", DIGEST) == "email"
    assert resolve_format("auto", False, "digest.HTM", DIGEST) == "html"
    with pytest.raises(UsageError, match="unknown format 'jsonl'; choose one of: auto, rich, text, markdown"):
        resolve_format("jsonl", False, None, DIGEST)  # a list's format, not a digest's


def test_each_kind_accepts_only_the_extensions_of_its_formats():
    from newsdigest.render.formats import DIGEST

    with pytest.raises(UsageError, match=r"use one of \.eml \.htm \.html \.json \.markdown \.md \.text \.txt,"):
        resolve_format("auto", False, "digest.jsonl", DIGEST)
    with pytest.raises(UsageError, match=r"use one of \.json \.jsonl \.markdown \.md \.ndjson \.text \.txt,"):
        resolve_format("auto", False, "summary.html")
    assert resolve_format("auto", False, "summary.ndjson") == "jsonl"


def test_list_formats_show_a_summary_through_the_digest_entry_view():
    from newsdigest.render.view import summary_entry

    summary = _summary(title="Ferry \x1b[31mterminal\x1b[0m opens late")
    entry = summary_entry(summary)
    assert entry.title == "Ferry terminal opens late"
    assert entry.byline == "Ann Lee · Harbor Times · 2025-05-01" and entry.path == "a.txt"
    assert [s.text for s in entry.sentences] == [s.text for s in summary.sentences]
    assert render([summary], RenderOptions("text")).startswith("Ferry terminal opens late\n")
