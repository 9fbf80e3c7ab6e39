"""Hostile input, injection: nothing in an article or its file name can drive the terminal or become live markup.

Escape sequences, C1 controls and bidi overrides are stripped from article text
(or, in a path, shown as escapes); Rich markup prints as itself; Markdown output
escapes what would become HTML or links; JSON is always valid UTF-8 JSON.
"""

from __future__ import annotations

import html as html_lib
import json
import os
import re

import pytest
from conftest import run_cli

# Everything that must never reach a terminal: C0 controls but tab and newline,
# DEL, C1 controls, and the bidi embedding/override/isolate/mark characters.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
SGR = re.compile("\x1b\\[[0-9;]*m")  # the styling Rich itself adds in colour

PAYLOADS = {
    "csi colour": "\x1b[31;1m",
    "clear screen": "\x1b[2J\x1b[H",
    "cursor up": "\x1b[3A",
    "osc title": "\x1b]0;pwned-title\x07",
    "osc hyperlink": "\x1b]8;;https://evil.example/\x1b\\",
    "osc clipboard": "\x1b]52;c;cHduZWQ=\x07",
    "8-bit csi": "\x9b31m",
    "8-bit osc": "\x9d0;x\x9c",
    "c1 next line": "\x85",
    "bell and backspace": "\x07\x08\x08",
    "carriage return": "\r",
    "vertical tab and form feed": "\x0b\x0c",
    "delete": "\x7f",
    "right-to-left override": "\u202e",
    "isolates": "\u2066\u2067\u2068\u2069",
    "marks": "\u200e\u200f\u061c",
}
RICH_MARKUP = "[bold red]ALERT[/bold red] [link=https://evil.example]click[/link] :warning:"


def hostile_article() -> str:
    """A plain-text story whose every paragraph carries payloads (the title too)."""
    lines = [f"Harbor {PAYLOADS['csi colour']}bridge{PAYLOADS['csi colour']} reopens {RICH_MARKUP}", ""]
    for n, (name, payload) in enumerate(PAYLOADS.items()):
        lines.append(
            f"The harbor authority said on day {n} that the {name} test{payload} had passed, "
            f"and that {RICH_MARKUP} was printed as it is.{payload} Traffic resumed at noon."
        )
        lines.append("")
    return "\n".join(lines)


FORMATS = ["text", "json", "jsonl", "markdown", "rich"]


def _check_safe(out: bytes, fmt: str, from_text: bool = True) -> str:
    text = out.decode("utf-8")  # strict: valid UTF-8, no stray bytes
    if fmt == "rich":
        text = SGR.sub("", text)
    bad = UNSAFE.search(text)
    assert bad is None, f"{fmt} output carries {bad.group()!r}"
    if from_text:  # escape sequences in article text go whole, with what they carried
        assert "pwned" not in text and "cHduZWQ" not in text and "evil.example/" not in text.replace(RICH_MARKUP, "")
    return text


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("inject") / "story.txt"
    path.write_text(hostile_article(), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", ["summarize", "clean"])
def test_escape_sequences_and_controls_never_reach_the_output(hostile_file, command, fmt):
    extra = ["-n", "100", "-a", "lead"] if command == "summarize" else ["--show-removed"]
    result = run_cli(command, str(hostile_file), "--format", fmt, *extra)
    assert result.returncode == 0, result.stderr
    text = _check_safe(result.stdout, fmt)
    assert "Traffic resumed at noon" in text
    if fmt in ("text", "rich"):
        assert RICH_MARKUP in text  # printed as itself, not interpreted
    if fmt == "rich":
        assert "\x1b]8;" not in result.stdout.decode()  # Rich made no hyperlink of [link=...]


def test_rich_markup_stays_literal_in_colour(hostile_file):
    result = run_cli("summarize", str(hostile_file), "--format", "rich", "-n", "100", "-a", "lead")
    out = result.stdout.decode()
    assert "\x1b[" in out  # colour is on: our own styling
    plain = SGR.sub("", out)
    assert RICH_MARKUP in plain
    assert plain.count("ALERT") == out.count("ALERT")


NASTY_NAMES = [
    "esc-\x1b[31mred.txt",
    "osc-\x1b]0;pwned-title\x07.txt",
    "newline\nin-name.txt",
    "rlo-\u202etxt.exe",
    "c1-\u0085\u009b31m.txt",
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_file_name_cannot_inject_either(tmp_path, fmt):
    story = "Harbor bridge reopens\n\nThe harbor bridge reopened on Friday after 14 months of repairs, the city said.\n"
    paths = []
    for name in NASTY_NAMES:
        path = tmp_path / name
        path.write_text(story)
        paths.append(str(path))
    raw = os.fsencode(str(tmp_path)) + b"/bytes-\xff\xfe-not-utf8.txt"  # a name that is not UTF-8 at all
    with open(raw, "w") as fh:
        fh.write(story)
    paths.append(os.fsdecode(raw))
    result = run_cli("summarize", *paths, "--format", fmt)
    assert result.returncode == 0, result.stderr
    text = _check_safe(result.stdout, fmt, from_text=False)
    if fmt in ("json", "jsonl"):
        items = json.loads(text) if fmt == "json" else [json.loads(line) for line in text.splitlines()]
        assert [item["path"] for item in items] == paths  # the exact names, escaped in JSON
    else:
        assert "esc-\\x1b[31mred.txt" in text  # shown, visibly
        assert "bytes-\\xff\\xfe-not-utf8.txt" in text


def test_a_file_name_cannot_inject_through_an_output_file(tmp_path):
    path = tmp_path / "esc-\x1b[2J-\udcff.txt"
    with open(os.fsencode(str(path)), "w") as fh:
        fh.write("Harbor bridge reopens\n\nThe harbor bridge reopened on Friday after 14 months of repairs.\n")
    for ext in ("txt", "md", "json"):
        out = tmp_path / f"out.{ext}"
        result = run_cli("summarize", str(path), "-o", str(out))
        assert result.returncode == 0, result.stderr  # was: UnicodeEncodeError, an "internal error"
        _check_safe(out.read_bytes(), "json" if ext == "json" else "text", from_text=False)


def test_a_file_name_cannot_inject_through_an_error_line(tmp_path):
    result = run_cli("summarize", str(tmp_path / "missing-\x1b]0;pwned\x07-\x1b[2J.txt"))
    assert result.returncode == 1
    assert b"\x1b" not in result.stderr and b"\x07" not in result.stderr


MARKDOWN_ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">win a prize</a>',
    "[win a prize](javascript:alert(1))",
    "![pixel](https://tracker.example/p.gif)",
    "<https://evil.example/autolink>",
    "[ref]: https://evil.example/ref",
    "&lt;script&gt; &#60;b&#62; &amp;",
    "`code` and ``more``",
    "<!-- a comment --> <?php echo 1; ?> <![CDATA[x]]>",
    "1. a number that starts a list",
    "# a heading",
    "> a quote",
    "| a | table |",
    "*emphasis* _emphasis_ **strong** ~~strike~~",
]


def test_markdown_output_escapes_html_and_links(tmp_path):
    from markdown_it import MarkdownIt

    paragraphs = [
        f"{attack} The council said on Monday that item {n} was on the agenda."
        for n, attack in enumerate(MARKDOWN_ATTACKS)
    ]
    path = tmp_path / "md.txt"
    path.write_text("Agenda items reviewed\n\n" + "\n\n".join(paragraphs) + "\n")
    for command, extra in (("clean", []), ("summarize", ["-n", "100", "-a", "lead"])):
        result = run_cli(command, str(path), "--format", "markdown", *extra)
        assert result.returncode == 0, result.stderr
        md = result.stdout.decode()
        html = MarkdownIt("commonmark").render(md)
        tags = set(re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", html))
        assert tags <= {"h1", "h2", "p", "em", "strong", "code", "br"}, tags
        # What was written is what a reader sees: the escaping is invisible once rendered.
        visible = html_lib.unescape(re.sub(r"<[^>]+>", "", html))
        if command == "clean":  # every paragraph is there (a summary may split or skip some)
            for attack in MARKDOWN_ATTACKS:
                assert attack in visible, attack


def test_markdown_www_and_list_numbers_are_escaped():
    from newsdigest.render.markdown import escape

    assert escape("1. first", line_start=True) == "1\\. first"  # not an ordered list
    assert escape("see www.evil.example now") == "see www\\.evil.example now"  # not a GitHub autolink
    assert escape("a\x1b[31mb\u202ec") == "abc"  # the whole escape sequence goes, and the override


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_is_always_valid(hostile_file, tmp_path, fmt):
    weird = tmp_path / "weird.txt"
    weird.write_text(
        'Quotes " and \\ backslashes\n\n'
        'The council said "no" on Monday \\ and then \u2028 and \u2029 and \ufeff and \U0001f600 turned up. Unpaired '
        "} ] { [ too.\n"
    )
    result = run_cli("summarize", str(hostile_file), str(weird), "--format", fmt, "-a", "lead")
    assert result.returncode == 0, result.stderr

    def no_constants(name):
        raise AssertionError(f"not JSON: {name}")

    text = result.stdout.decode("utf-8")
    docs = (
        [json.loads(text, parse_constant=no_constants)]
        if fmt == "json"
        else [json.loads(line, parse_constant=no_constants) for line in text.splitlines()]
    )
    items = docs[0] if fmt == "json" else docs
    assert len(items) == 2
    assert 'the council said "no" on monday \\ and then' in items[1]["summary"].lower()


def test_json_never_holds_nan():
    from newsdigest.models import Article, Sentence, Summary
    from newsdigest.render import RenderOptions, render

    article = Article(path="a.txt", paragraphs=("The same sentence. The same sentence.",))
    summary = Summary(
        article, "lexrank", (Sentence(0, "The same sentence.", float("nan"), (("centrality", float("inf")),)),), 2, 6
    )
    for fmt in ("json", "jsonl"):
        data = json.loads(render([summary], RenderOptions(format=fmt, explain=True)), parse_constant=lambda name: 1 / 0)
        assert data["sentences"][0]["score"] is None and data["sentences"][0]["parts"] == {"centrality": None}


def test_jsonl_records_stay_one_line_each():
    # U+2028 and U+2029 are line breaks to str.splitlines(): raw, they cut a record in two.
    from newsdigest.models import Article
    from newsdigest.render import RenderOptions, render

    article = Article(path="a\u2028b.txt", paragraphs=("One\u2028two\u2029three\u0085four.",))
    out = render([article, article], RenderOptions(format="jsonl"))
    lines = out.splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0])["path"] == "a\u2028b.txt"
