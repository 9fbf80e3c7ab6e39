"""Every digest format, from tiny Digest objects built here, with hostile article strings."""

from __future__ import annotations

import email
import json
from datetime import datetime, timezone
from email import policy
from html.parser import HTMLParser

import pytest

from newsdigest.digest.model import Counts, Digest, Entry, Group, Source
from newsdigest.models import Article, Metadata, Sentence, Summary
from newsdigest.renderers.digest import DIGEST_FORMATS, DigestRenderOptions, render_digest

WHEN = datetime(2026, 11, 28, 7, 0, tzinfo=timezone.utc)
HOSTILE_TITLE = 'Council <script>alert(1)</script> "vote" [bold red]passes[/] \x1b[31mred\x1b[0m \u202eevil\r\nBcc: victim@example.org'
HOSTILE_TEXT = 'The <img src=x onerror=alert(1)> plan [link=https://evil.example]click[/link] passed \x1b]8;;https://evil.example\x07here\x1b]8;;\x07 with \x9b31m 7 votes.'


def entry(title: str, text: str, url: str | None = "https://news.example.org/a", publisher: str | None = "Westmere Tribune", date: str = "2026-11-27", extra_sources=()) -> Entry:
    article = Article(path="inbox/a.txt", paragraphs=(), meta=Metadata(title=title, publisher=publisher, date=date, url=url, authors=("Ana Ruiz",)))
    summary = Summary(article=article, algorithm="news", sentences=(Sentence(0, text, 1.0),), sentences_in=5, words_in=80)
    sources = (Source("inbox/a.txt", publisher, url), *extra_sources)
    return Entry(summary=summary, sources=sources, fingerprint="f" * 32, date=date, fingerprints=("f" * 32,))


def make(entries, group: str | None = None) -> Digest:
    groups = (Group(group, tuple(entries)),) if entries else ()
    return Digest(title="News digest", generated=WHEN, groups=groups, counts=Counts(inputs=len(entries), entries=len(entries)))


HOSTILE = make(
    [
        entry(HOSTILE_TITLE, HOSTILE_TEXT, url="javascript:alert(1)", extra_sources=(Source("inbox/b.txt", "Other <b>Paper</b>", "data:text/html,x"),)),
        entry("Ferry adds stops", "The ferry adds three stops.", url='https://news.example.org/x" onclick="alert(1)'),
    ],
    group="Section <i>one</i>",
)
PLAIN = make([entry("Ferry adds three stops", "The Westmere ferry will add three stops next month.")])
EMPTY = make([])

CONTROL = ("\x1b", "\x9b", "\x07", "\u202e", "\x00")


def render(digest, fmt, **kw):
    return render_digest(digest, DigestRenderOptions(format=fmt, **kw))


@pytest.mark.parametrize("fmt", sorted(DIGEST_FORMATS))
def test_no_control_characters_reach_any_format(fmt):
    out = render(HOSTILE, fmt, to="me@example.org")
    text = out if fmt != "rich" else out  # color off: no ANSI at all
    for ch in CONTROL:
        assert ch not in text, (fmt, repr(ch))


@pytest.mark.parametrize("fmt", sorted(DIGEST_FORMATS))
def test_deterministic_and_empty_digest_is_valid(fmt):
    assert render(PLAIN, fmt) == render(PLAIN, fmt)
    out = render(EMPTY, fmt)
    assert "Nothing new" in out or json.loads(out)["counts"]["entries"] == 0 if fmt == "json" else "Nothing new" in out


class Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_self_contained_and_escapes_everything():
    out = render(HOSTILE, "html")
    page = Collect()
    page.feed(out)
    assert out.startswith("<!DOCTYPE html>") and "viewport" in out
    assert not {"script", "img", "iframe", "link", "object", "b", "i"} & set(page.tags)
    assert not [name for name, _ in page.attrs if name.startswith("on")]
    hrefs = [value for name, value in page.attrs if name == "href"]
    assert hrefs == []  # javascript:, data: and a URL carrying a quote are not links
    assert not [value for name, value in page.attrs if name == "src"]
    text = "".join(page.text)
    assert "<script>alert(1)</script>" in text and "[bold red]passes[/]" in text  # shown, as text
    good = render(PLAIN, "html")
    assert 'href="https://news.example.org/a"' in good and 'rel="noopener noreferrer"' in good


def test_markdown_escapes_markup_and_links():
    out = render(HOSTILE, "markdown")
    import re

    assert not re.search(r"(?<!\\)<", out)  # every < from an article is escaped
    assert "](javascript" not in out and "](data:" not in out
    assert "\\<script\\>" in out
    assert "[Ferry adds three stops](<https://news.example.org/a>)" in render(PLAIN, "markdown")


def test_json_schema():
    doc = json.loads(render(HOSTILE, "json"))
    assert set(doc) >= {"title", "date", "generated", "group_by", "counts", "groups", "failures"}
    first = doc["groups"][0]["entries"][0]
    assert set(first) >= {"title", "publisher", "date", "summary", "sentences", "sources", "link", "fingerprint"}
    assert first["link"] is None and first["sources"][1]["url"] is None
    assert doc["groups"][0]["name"] == "Section <i>one</i>"  # JSON carries text as text


def test_rich_prints_markup_literally():
    out = render(HOSTILE, "rich", color=False)
    assert "[bold red]passes[/]" in out and "[link=https://evil.example]click[/link]" in out
    colored = render(PLAIN, "rich", color=True)
    assert "\x1b[" in colored  # styling only when asked


def test_email_is_multipart_with_safe_headers():
    raw = render(HOSTILE, "email", to="Reader <me@example.org>", sender="Digest <digest@example.org>")
    msg = email.message_from_string(raw, policy=policy.default)
    assert msg.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]
    assert msg["To"] == "Reader <me@example.org>" and msg["From"] == "Digest <digest@example.org>"
    assert msg["Date"] and msg["Message-ID"].startswith("<") and "Subject" in msg
    assert msg["Bcc"] is None and "victim" not in "".join(f"{k}:{v}" for k, v in msg.items() if k != "Subject")
    html = msg.get_body(("html",)).get_content()
    assert "<script>alert" not in html
    assert render(HOSTILE, "email", to="me@example.org") == render(HOSTILE, "email", to="me@example.org")


def test_email_subject_in_unicode_is_encoded():
    digest = Digest(title="Nachrichten für Zürich", generated=WHEN, groups=(), counts=Counts())
    raw = render(digest, "email", to="me@example.org")
    assert all(ord(c) < 128 for c in raw.split("\n\n", 1)[0])  # headers are ASCII on the wire
    assert "Zürich" in email.message_from_string(raw, policy=policy.default)["Subject"]
