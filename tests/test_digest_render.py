"""Every digest format, from tiny Digest objects built here, with hostile article strings.

Outputs are parsed back (html.parser, json, the stdlib email package) and
checked for what must never be in them, not compared with golden files.
"""

from __future__ import annotations

import email
import json
import re
from dataclasses import replace
from datetime import UTC, datetime
from email import policy
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdigest.digest.model import Counts, Digest, Entry, Group, Source
from newsdigest.errors import UsageError
from newsdigest.models import Article, Failure, Metadata, Sentence, Summary
from newsdigest.render import DIGEST_FORMATS, RenderOptions, render_digest
from newsdigest.textsafe import one_line, path_line, safe_url

WHEN = datetime(2026, 11, 28, 7, 0, tzinfo=UTC)
HOSTILE_TITLE = (
    'Council <script>alert(1)</script> "vote" [bold red]x[/] \x1b[31mred\x1b[0m \u202eevil\r\nBcc: evil@example.org'
)
HOSTILE_TEXT = (
    'The <img src=x onerror=alert(1)> plan " onmouseover="x [link=https://evil.example]click[/link] passed '
    "\x1b]8;;https://evil.example\x07here\x1b]8;;\x07 with \x9b31m 7 votes \u2066hidden\u2069 \x00."
)
ARTICLE_LINKS = {"https://news.example.org/a", "https://coast.example.org/b?x=1&y=2"}


def entry(title, sentences, sources, publisher="Westmere Tribune", date="2026-11-27", language="en") -> Entry:
    chosen = tuple(
        Sentence(i, text, 0.9 - i / 10, (("position", 1.0 - i / 10), ("centrality", 0.25)))
        for i, text in enumerate(sentences)
    )
    meta = Metadata(title=title, publisher=publisher, date=date, authors=("Ana Ruiz",), language=language)
    article = Article(path=sources[0].path, paragraphs=(" ".join(sentences),), meta=meta)
    summary = Summary(article=article, algorithm="news", sentences=chosen, sentences_in=9, words_in=120)
    return Entry(summary=summary, sources=tuple(sources), fingerprint="f" * 32, date=date)


def make(groups, counts=None, failures=(), title="News digest", group_by="section") -> Digest:
    groups = tuple(Group(name, tuple(entries)) for name, entries in groups)
    n = sum(len(g.entries) for g in groups)
    return Digest(title, WHEN, groups, counts or Counts(inputs=n, entries=n), group_by, tuple(failures))


HOSTILE = make(
    [
        (
            "Section <i>one</i>",
            [
                entry(
                    HOSTILE_TITLE,
                    [HOSTILE_TEXT, "1. Second sentence & more."],
                    [
                        Source("inbox/a.txt", "Westmere <b>Tribune</b>", "javascript:alert(1)"),
                        Source(
                            "inbox/b\x1b[2J.txt",
                            "Coastline Daily",
                            "https://coast.example.org/b?x=1&y=2",
                            "Ferry \u202eadds stops",
                        ),
                        Source("inbox/c.txt", "Gull Herald", "data:text/html,<script>alert(1)</script>"),
                    ],
                ),
                entry(
                    "Quote in a link",
                    ["Nothing to see."],
                    [Source("inbox/q.txt", None, 'https://news.example.org/x" onclick="alert(1)')],
                ),
            ],
        )
    ],
    counts=Counts(inputs=5, entries=2, duplicates=2, failed=1),
    failures=[Failure("inbox/bad\x07.png", "not text (looks like a PNG image)")],
)
PLAIN = make(
    [
        (
            None,
            [
                entry(
                    "Ferry adds three stops",
                    ["The Westmere ferry will add three stops next month."],
                    [Source("inbox/a.txt", "Westmere Tribune", "https://news.example.org/a")],
                )
            ],
        )
    ],
    group_by="none",
)
EMPTY = make([], counts=Counts(inputs=3, seen=3), group_by="none")
FORBIDDEN = ("\x1b", "\x9b", "\x07", "\x00", "\u202e", "\u2066", "\u2069")


def render(digest, fmt, **kw) -> str:
    return render_digest(digest, RenderOptions(format=fmt, **kw))


def mail(raw: str):
    return email.message_from_string(raw, policy=policy.default)


def bodies(raw: str) -> str:
    """An email's decoded text and HTML parts (quoted-printable hides characters in the raw message)."""
    msg = mail(raw)
    return "\n".join(part.get_content() for part in msg.iter_parts())


class Page(HTMLParser):
    def __init__(self, text: str):
        super().__init__()
        self.tags, self.attrs, self.data = [], [], []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, name, value) for name, value in attrs)

    def handle_data(self, data):
        self.data.append(data)

    @property
    def text(self) -> str:
        return "".join(self.data)


def assert_safe_html(out: str) -> Page:
    page = Page(out)
    assert out.startswith("<!DOCTYPE html>\n") and '<meta charset="utf-8">' in out and 'name="viewport"' in out
    assert set(page.tags) <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "div",
        "h1",
        "h2",
        "h3",
        "p",
        "em",
        "ul",
        "ol",
        "li",
        "a",
        "time",
        "footer",
    }
    assert not [
        name
        for _, name, _ in page.attrs
        if name.startswith("on") or name in ("src", "srcset", "background", "formaction")
    ]
    for tag, name, value in page.attrs:
        if name == "href":  # only article links, only http(s), and the contents' links to stories on the page
            assert tag == "a" and (
                value in ARTICLE_LINKS or (value.startswith("#") and ("div", "id", value[1:]) in page.attrs)
            )
        if tag == "a":
            assert ("rel", "noopener noreferrer") in [(n, v) for t, n, v in page.attrs if t == "a" and n == "rel"]
    style = out.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "url(" not in style and "@import" not in style and "http" not in style  # no remote fonts, images or sheets
    return page


# -- what every format must hold ----------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(DIGEST_FORMATS))
def test_no_control_escape_or_bidi_character_reaches_any_format(fmt):
    out = render(HOSTILE, fmt, to="me@example.org")
    for text in (out, bodies(out)) if fmt == "email" else (out,):
        for ch in FORBIDDEN:
            assert ch not in text, (fmt, repr(ch))


@pytest.mark.parametrize("fmt", sorted(DIGEST_FORMATS))
def test_same_digest_renders_byte_identically(fmt):
    assert render(HOSTILE, fmt, to="me@example.org") == render(HOSTILE, fmt, to="me@example.org")


@pytest.mark.parametrize("fmt", sorted(DIGEST_FORMATS))
def test_every_source_of_a_merged_story_is_listed(fmt):
    out = render(HOSTILE, fmt)
    out = bodies(out) if fmt == "email" else out
    # HTML names local files by their bare names (a relative path means nothing to a reader mailed the page).
    needles = ("a.txt", "coast.example.org", "c.txt") if fmt == "html" else ("inbox/a", "inbox/b", "inbox/c")
    for needle in (*needles, "Coastline Daily", "Gull Herald"):
        assert needle in out, (fmt, needle)


@pytest.mark.parametrize("fmt", sorted(DIGEST_FORMATS))
def test_empty_digest_is_a_valid_document_saying_nothing_new(fmt):
    out = render(EMPTY, fmt)
    if fmt == "json":
        doc = json.loads(out)
        assert doc["groups"] == [] and doc["counts"]["entries"] == 0 and doc["counts"]["seen"] == 3
        return
    if fmt == "email":
        msg = mail(out)
        assert msg.get_content_type() == "multipart/alternative" and "0 stories" in msg["Subject"]
        out = bodies(out)
    elif fmt == "html":
        assert_safe_html(out)
    assert "Nothing new" in out and "3 already in an earlier digest" in out


def test_unknown_format_is_a_usage_error():
    with pytest.raises(UsageError):
        render(PLAIN, "pdf")


# -- per format ---------------------------------------------------------------------------------


def test_text_is_plain_unwrapped_with_header_groups_and_failures():
    long = entry("A long one", ["word " * 200 + "end."], [Source("inbox/l.txt")])
    out = render(
        make(
            [("Transport", [long])], counts=Counts(inputs=1, entries=1, failed=1), failures=[Failure("x.txt", "empty")]
        ),
        "text",
    )
    lines = out.splitlines()
    assert lines[0] == "News digest — 2026-11-28" and lines[1] == "=" * len(lines[0])
    assert lines[2] == "1 story · 1 input failed"
    assert "Transport" in lines and ("word " * 200).strip() + " end." in lines  # no hard wrap
    assert "- x.txt: empty" in lines and "\x1b" not in out
    hostile = render(HOSTILE, "text")
    assert "2 stories from 5 articles · 2 duplicates merged · 1 input failed" in hostile
    assert "- Westmere <b>Tribune</b> · inbox/a.txt · javascript:alert(1)" in hostile  # not a link: shown as it is
    assert [line for line in hostile.splitlines() if line.startswith("Council")][0].endswith(
        " evil Bcc: evil@example.org".strip()
    )


def test_markdown_escapes_article_strings_and_links_only_http():
    out = render(HOSTILE, "markdown")
    assert not re.search(r"(?<!\\)<", out.replace("](<https://coast.example.org/b?x=1&y=2>)", ""))
    assert "\\<script>" in out and "\\[bold red\\]" in out
    assert "](javascript" not in out and "](data" not in out and "(<https://news.example.org/x" not in out
    assert "· javascript:alert(1)" in out  # an unsafe URL is shown as text (CommonMark makes no link of it)
    assert "## Section \\<i>one\\</i>" in out and "### " in out  # group heading, stories one level down
    plain = render(PLAIN, "markdown")
    assert plain.startswith("# News digest — 2026-11-28\n")
    assert "## [Ferry adds three stops](<https://news.example.org/a>)" in plain


def test_markdown_paragraph_never_becomes_a_list():
    numbered = make([(None, [entry("Numbers", ["1. Officials said so.", "It was done."], [Source("n.txt")])])])
    assert "\n1\\. Officials said so" in render(numbered, "markdown")


def test_html_is_self_contained_and_escapes_everything():
    out = render(HOSTILE, "html")
    page = assert_safe_html(out)
    assert (
        "<script>alert(1)</script>" in page.text and '" onmouseover="x' in page.text and "[bold red]x[/]" in page.text
    )
    assert "&lt;script&gt;" in out and "&quot; onmouseover=&quot;x" in out
    hrefs = [value for _, name, value in page.attrs if name == "href" and not value.startswith("#")]
    # The title and the one http(s) source link there; javascript:, data: and the URL with a quote are never links.
    assert hrefs == ["https://coast.example.org/b?x=1&y=2"] * 2
    assert "Section <i>one</i>" in page.text and "i" not in page.tags
    assert 'lang="en"' in out and "max-width" in out
    plain = assert_safe_html(render(PLAIN, "html"))
    assert [v for _, n, v in plain.attrs if n == "href"] == [
        "#story-1",
        "https://news.example.org/a",
        "https://news.example.org/a",
    ]


def test_json_schema_is_stable():
    doc = json.loads(render(HOSTILE, "json"))
    assert list(doc) == ["schema_version", "title", "date", "generated", "group_by", "counts", "groups", "failures"]
    assert (
        doc["date"] == "2026-11-28" and doc["generated"] == "2026-11-28T07:00:00+00:00" and doc["group_by"] == "section"
    )
    assert doc["counts"] == {
        "entries": 2,
        "inputs": 5,
        "duplicates": 2,
        "seen": 0,
        "old": 0,
        "over_limit": 0,
        "filtered": 0,
        "paywalled": 0,
        "failed": 1,
    }
    group = doc["groups"][0]
    assert group["name"] == "Section <i>one</i>"  # JSON carries text as text
    first = group["entries"][0]
    assert list(first) == [
        "title",
        "publisher",
        "authors",
        "section",
        "date",
        "saved",
        "language",
        "link",
        "paywalled",
        "summary",
        "sentences",
        "keywords",
        "algorithm",
        "fingerprint",
        "sources",
    ]
    assert first["title"].startswith("Council <script>alert(1)</script>") and "\r" not in first["title"]
    assert (
        first["link"] == "https://coast.example.org/b?x=1&y=2"
    )  # the first source's URL is javascript: and is skipped
    assert [s["url"] for s in first["sources"]] == [None, "https://coast.example.org/b?x=1&y=2", None]
    assert set(first["sources"][0]) == {"path", "publisher", "url", "title"}
    assert first["sources"][1]["path"] == "inbox/b.txt" and first["sources"][1]["title"] == "Ferry adds stops"
    assert len(first["sentences"]) == 2 and first["summary"] == " ".join(first["sentences"])
    assert doc["failures"] == [{"path": "inbox/bad.png", "reason": "not text (looks like a PNG image)"}]
    assert "scores" not in first
    explained = json.loads(render(HOSTILE, "json", explain=True))["groups"][0]["entries"][0]
    assert explained["scores"][0] == {"index": 0, "score": 0.9, "parts": {"position": 1.0, "centrality": 0.25}}


def test_rich_prints_markup_literally_and_respects_color_and_width():
    out = render(HOSTILE, "rich", color=False, width=60)
    assert "[bold red]x[/]" in out and "[link=https://evil.example]click[/link]" in out and "\x1b" not in out
    assert max(len(line) for line in out.splitlines()) <= 60
    colored = render(PLAIN, "rich", color=True)
    assert "\x1b[" in colored  # styling only when asked
    assert "0.900" in render(PLAIN, "rich", explain=True)


def test_explain_in_text_and_markdown():
    assert "[0] 0.900 (position 1.000, centrality 0.250) The Westmere ferry" in render(PLAIN, "text", explain=True)
    assert "\\[0\\] 0.900" in render(PLAIN, "markdown", explain=True)


# -- email --------------------------------------------------------------------------------------


def test_email_is_multipart_alternative_with_every_header():
    raw = render(
        replace(HOSTILE, title=HOSTILE_TITLE),
        "email",
        to="Reader <me@example.org>",
        sender="Digest <digest@example.org>",
    )
    msg = mail(raw)
    assert msg.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]
    assert msg["To"] == "Reader <me@example.org>" and msg["From"] == "Digest <digest@example.org>"
    assert msg["Date"] == "Sat, 28 Nov 2026 07:00:00 +0000"
    assert re.fullmatch(r"<[0-9a-f]{32}\.newsdigest@example\.org>", msg["Message-ID"])
    assert msg["Subject"].startswith("Council <script>alert(1)</script>") and msg["Subject"].endswith(
        "— 2026-11-28 (2 stories)"
    )
    assert msg["Bcc"] is None and "Bcc: evil" in msg["Subject"]  # the injected line stayed inside the subject
    assert all("\r" not in line for line in raw.split("\n"))  # \n line ends, for sendmail -t
    assert_safe_html(msg.get_body(("html",)).get_content())
    assert "[bold red]x[/]" in msg.get_body(("plain",)).get_content()


def test_email_subject_defaults_and_can_be_set():
    assert mail(render(PLAIN, "email"))["Subject"] == "News digest — 2026-11-28 (1 story)"
    assert (
        mail(render(PLAIN, "email", subject="Morning\r\nBcc: evil@example.org"))["Subject"]
        == "Morning Bcc: evil@example.org"
    )
    msg = mail(render(PLAIN, "email", subject="Morning\r\nBcc: evil@example.org"))
    assert msg["Bcc"] is None


def test_email_non_ascii_is_encoded_in_headers():
    digest = make([], title="Nachrichten für Zürich", group_by="none")
    raw = render(digest, "email", to="Zoë <zoe@bücher.example>", sender="Jürgen <j@example.org>")
    head = raw.split("\n\n", 1)[0]
    assert head.isascii()  # headers are ASCII on the wire
    msg = mail(raw)
    assert "Zürich" in msg["Subject"] and msg["From"].addresses[0].display_name == "Jürgen"
    assert msg["To"].addresses[0].domain == "xn--bcher-kva.example"


def test_email_without_to_has_no_to_header_and_a_default_sender(monkeypatch):
    import socket

    monkeypatch.setattr(socket, "getfqdn", lambda: "mail.example.net")
    msg = mail(render(PLAIN, "email"))
    assert msg["To"] is None and msg["From"] == "newsdigest <newsdigest@mail.example.net>"
    assert msg["Message-ID"].endswith("@mail.example.net>")


def test_email_message_id_is_stable_but_follows_the_content():
    one = mail(render(PLAIN, "email", to="a@example.org"))["Message-ID"]
    assert one == mail(render(PLAIN, "email", to="a@example.org"))["Message-ID"]
    assert one != mail(render(PLAIN, "email", to="b@example.org"))["Message-ID"]
    assert one != mail(render(HOSTILE, "email", to="a@example.org"))["Message-ID"]


@pytest.mark.parametrize("address", ["not an address", "@example.org", "zoë@example.org", ""])
def test_email_bad_address_is_a_usage_error(address):
    with pytest.raises(UsageError):
        render(PLAIN, "email", to=address or " ", sender="d@example.org")


# -- the shared helper --------------------------------------------------------------------------


def test_one_line_removes_escapes_controls_and_bidi_and_keeps_text():
    assert one_line("\x1b[31mred\x1b[0m \x1b]0;title\x07ok \x9b2Jx") == "red ok x"
    assert one_line("a\u202eb\u2066c\u2069\u200fd\x00e\x7ff\x85g") == "abcdef g"
    assert one_line("one\r\ntwo\tthree\u2028four") == "one two three four"
    assert one_line("\ud800 lone") == "\ufffd lone"  # the one rule for lone surrogates: U+FFFD, never "?"
    assert one_line("[bold red]kept[/] <b>kept</b> 東京 café") == "[bold red]kept[/] <b>kept</b> 東京 café"
    assert one_line(None) == "" and path_line("my  file\n.txt") == "my  file .txt"


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://news.example.org/a?x=1&y=2#f", True),
        ("HTTP://EXAMPLE.ORG/", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("file:///etc/passwd", False),
        ("//evil.example/x", False),
        ("https://", False),
        ('https://x.example/" onclick="a', False),
        ("https://x.example/\x1b]8;;x", False),
        ("https://[::1", False),
        ("https://x.example/a\\b", False),
        (None, False),
    ],
)
def test_safe_url(url, ok):
    assert (safe_url(url) == url.strip()) if ok else safe_url(url) is None


# -- any text at all ----------------------------------------------------------------------------

# Pieces of hostile input mixed with any characters at all, surrogates included.
PIECES = (
    "<script>",
    '"',
    "'",
    "\r\n",
    "javascript:",
    "https://x.example/",
    "[b]",
    "](",
    "&amp;",
    "\x1b[31m",
    "\x1b]8;;",
    "\x9b",
    "\u202e",
    "\x00",
)
ANY_TEXT = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(st.characters(exclude_categories=()), max_size=4)), max_size=8
).map("".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=ANY_TEXT, sentence=ANY_TEXT, path=ANY_TEXT, url=ANY_TEXT, publisher=ANY_TEXT, group=ANY_TEXT)
def test_any_article_strings_render_valid_output_in_every_format(title, sentence, path, url, publisher, group):
    digest = make(
        [
            (
                group,
                [
                    entry(
                        title,
                        [sentence],
                        [Source(path or "-", publisher, url), Source("b.txt", None, url)],
                        publisher=publisher,
                    )
                ],
            )
        ]
    )
    for fmt in DIGEST_FORMATS:
        out = render(digest, fmt, to="me@example.org")
        out.encode("utf-8")  # no lone surrogate survives
        assert not any(ch in out for ch in FORBIDDEN), fmt
        if fmt == "json":
            json.loads(out)
        elif fmt == "html":
            page = Page(out)
            assert "script" not in page.tags and not [n for _, n, _ in page.attrs if n.startswith("on")]
            assert all(
                v.startswith(("http://", "https://", "HTTP", "#story-")) or not v
                for _, n, v in page.attrs
                if n == "href"
            )
        elif fmt == "email":
            msg = mail(out)
            assert (
                msg.get_content_type() == "multipart/alternative"
                and msg["Bcc"] is None
                and len(list(msg.iter_parts())) == 2
            )


# -- written a piece at a time ----------------------------------------------------------


def _many(count: int, group_by: str = "section"):
    entries = [
        entry(
            f"Story {i} <b>&</b>",
            [f"Sentence {i} of the story.", "A second one."],
            [Source(f"inbox/{i}.txt", "Westmere Tribune", f"https://news.example.org/{i}")],
        )
        for i in range(count)
    ]
    return make([("Local", entries[: count // 2]), ("World", entries[count // 2 :])], group_by=group_by)


@pytest.mark.parametrize("fmt", sorted(DIGEST_FORMATS))
@pytest.mark.parametrize("digest", ["many", "plain", "empty", "hostile"])
def test_pieces_join_to_the_whole_digest(fmt, digest):
    from newsdigest.render import iter_digest

    d = {"many": _many(450), "plain": PLAIN, "empty": EMPTY, "hostile": HOSTILE}[digest]
    options = RenderOptions(format=fmt, to="me@example.org", explain=digest == "many")
    pieces = list(iter_digest(d, options))
    assert "".join(pieces) == render(d, fmt, to="me@example.org", explain=digest == "many")
    if digest == "many" and fmt != "email":  # stories come a few at a time, not all in one string
        assert len(pieces) > 2 and max(map(len, pieces)) < len("".join(pieces)) / 2


@pytest.mark.parametrize("explain", [False, True])
@pytest.mark.parametrize("digest", ["many", "plain", "empty", "hostile"])
def test_streamed_json_is_exactly_json_dumps_of_the_whole(digest, explain):
    from newsdigest.render.json_format import digest_to_dict
    from newsdigest.render.view import digest_view

    d = {"many": _many(7), "plain": PLAIN, "empty": EMPTY, "hostile": HOSTILE}[digest]
    whole = json.dumps(digest_to_dict(digest_view(d), explain), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    assert render(d, "json", explain=explain) == whole


@given(st.lists(st.text(alphabet="ab\n", max_size=6), max_size=8))
def test_trimmed_streams_what_rstrip_would_give(pieces):
    from newsdigest.render.stream import trimmed

    assert "".join(trimmed(pieces)) == "".join(pieces).rstrip("\n") + "\n"


def test_entries_are_made_only_as_the_format_reaches_them():
    from newsdigest.render import iter_digest

    made = []

    class Counting:
        def __init__(self, entries):
            self.entries = entries

        def __len__(self):
            return len(self.entries)

        def __iter__(self):
            for e in self.entries:
                made.append(e)
                yield e

    base = _many(20)
    lazy = replace(base, groups=tuple(replace(g, entries=Counting(g.entries)) for g in base.groups))
    pieces = iter_digest(lazy, RenderOptions(format="markdown"))
    first = next(pieces)
    assert first.startswith("# News digest") and made == []  # the header needs only the counts
    rest = list(pieces)
    assert len(made) == 20 and "Story 19" in "".join(rest)
