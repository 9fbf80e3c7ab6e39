"""Property-based tests (Hypothesis): whatever the input, each step ends in its result or the project's own error.

- loading: any bytes -> a RawDocument or InputError;
- cleaning: any text or HTML-like markup -> an Article (with nothing unsafe in it) or NewsdigestError;
- splitting: any text, any language -> sentences that are stripped substrings of the text, in order;
- rendering: any Article or Summary, however hostile its strings -> output valid for its format.

Examples are kept few so the suite stays fast; the fuzz target (fuzz/) runs the same checks for as long as you like.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdigest.api import clean_text
from newsdigest.errors import InputError, NewsdigestError
from newsdigest.loading import load_bytes
from newsdigest.models import Article, Metadata, RawDocument, Removed, Sentence, Summary
from newsdigest.render import SUMMARY_FORMATS as FORMATS
from newsdigest.render import RenderOptions, render
from newsdigest.sentences import split_sentences

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
SGR = re.compile("\x1b\\[[0-9;]*m")

FEW = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SOME = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Every code point, surrogates and controls included: what a caller of the API may pass.
ANY_CHAR = st.characters(codec=None, categories=None)
ANY_TEXT = st.text(ANY_CHAR, max_size=300)
NEWSY = st.sampled_from(
    [
        "The council met on Monday.",
        "Officials said the bridge would reopen.",
        "Mr. Smith, 54, of No. 5 St. disagreed!",
        "“Why now?” asked the mayor.",
        "Der Bürgermeister sagte am Dienstag nichts.",
        "市政府周二宣布。",
        "\n",
        "\n\n",
        " ",
        "\x1b[31m",
        "\x1b]8;;http://x\x07",
        "\u202e",
        "\x85",
        "\x00",
        "\ud800",
        "[bold]",
        "<b>",
        "&amp;",
        "...",
        "e.g.",
        "U.S.",
    ]
)
STORYISH = st.lists(st.one_of(NEWSY, ANY_TEXT.filter(lambda t: len(t) < 40)), max_size=40).map("".join)


# -- loading -------------------------------------------------------------------------

MAGIC_PREFIXES = st.sampled_from(
    [
        b"",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\xfe\xff",
        b"\xff\xfe\x00\x00",
        b"\x00\x00\xfe\xff",
        b"\x89PNG\r\n\x1a\n",
        b"%PDF-",
        b"<?xml version='1.0' encoding='koi8-r'?>",
        b"<meta charset=utf-16>",
        b"<html><body>",
        b"<rss><channel>",
        b'{"version": "https://jsonfeed.org"',
    ]
)


@SOME
@given(prefix=MAGIC_PREFIXES, body=st.binary(max_size=2000))
def test_any_bytes_load_or_raise_input_error(prefix, body):
    data = prefix + body
    try:
        doc = load_bytes(data, "fuzz.txt")
    except InputError as err:
        assert str(err).startswith("fuzz.txt: ") and "\n" not in str(err)
        return
    assert isinstance(doc, RawDocument)
    assert doc.format in ("text", "html", "feed")
    assert "\x00" not in doc.text and doc.text.strip()
    doc.text.encode("utf-8")  # decoded text never holds lone surrogates


@FEW
@given(
    text=STORYISH,
    codec=st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-32-be", "gb18030", "cp1252", "koi8_r", "shift_jis"]),
)
def test_encoded_text_loads_or_raises_input_error(text, codec):
    data = text.encode(codec, errors="ignore")
    try:
        doc = load_bytes(data, "story.txt")
    except InputError:
        return
    assert isinstance(doc, RawDocument)


# -- cleaning ------------------------------------------------------------------------

TAGS = [
    "p",
    "div",
    "span",
    "b",
    "a",
    "br",
    "li",
    "ul",
    "table",
    "td",
    "tr",
    "h1",
    "script",
    "style",
    "nav",
    "footer",
    "article",
    "form",
    "button",
    "svg",
    "iframe",
    "title",
    "meta",
    "html",
    "body",
    "head",
    "noscript",
    "template",
]


@st.composite
def markup(draw, depth: int = 0):
    """HTML-like text: nested, unclosed, misnested tags, attributes, comments, entities, doctypes and text."""
    parts = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.integers(0, 9))
        if kind <= 3 and depth < 6:
            tag = draw(st.sampled_from(TAGS))
            attrs = draw(
                st.sampled_from(
                    [
                        "",
                        ' class="story"',
                        " class='nav menu'",
                        ' id="x" onclick="alert(1)"',
                        ' href="javascript:alert(1)"',
                        ' lang="de"',
                        ' data-x="<b>"',
                        " a=b c",
                    ]
                )
            )
            inner = draw(markup(depth + 1))
            close = draw(st.sampled_from([f"</{tag}>", "", f"</{tag}", "</div>"]))
            parts.append(f"<{tag}{attrs}>{inner}{close}")
        elif kind == 4:
            parts.append(
                draw(
                    st.sampled_from(
                        [
                            "<!-- c -->",
                            "<!--",
                            "-->",
                            "<!DOCTYPE html>",
                            "<?xml version='1.0'?>",
                            "<![CDATA[x]]>",
                            "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>",
                            "&e;",
                            "&amp;",
                            "&#0;",
                            "&#x110000;",
                            "&nbsp;",
                            "&bogus;",
                            "<",
                            ">",
                            "</",
                        ]
                    )
                )
            )
        elif kind == 5:
            parts.append(
                '<script type="application/ld+json">'
                + draw(
                    st.sampled_from(
                        [
                            '{"@type": "NewsArticle", "headline": "H", "author": {"name": "A"}, "datePublished": '
                            '"2024-13-45"}',
                            "[[[[[[[[[[[[[[[[[[[[",
                            '{"articleBody": 5, "author": [null, 1, {"name": []}]}',
                            "not json",
                        ]
                    )
                )
                + "</script>"
            )
        else:
            parts.append(draw(STORYISH))
    return "".join(parts)


def _check_article(article: Article) -> None:
    assert isinstance(article, Article)
    for text in (*article.paragraphs, article.meta.title or "", *article.meta.authors, article.meta.publisher or ""):
        assert not UNSAFE.search(text.replace("\n", "")), repr(text)


@SOME
@given(text=STORYISH)
def test_any_text_cleans_to_an_article_or_our_error(text):
    try:
        article = clean_text(text)
    except NewsdigestError:
        return
    _check_article(article)


@FEW
@given(page=markup())
def test_any_markup_cleans_to_an_article_or_our_error(page):
    try:
        article = clean_text("<html><body>" + page, format="html")
    except NewsdigestError:
        return
    _check_article(article)
    assert "root:x:0:0" not in article.text


@FEW
@given(page=markup())
def test_any_markup_through_the_loader(page):
    try:
        raw = load_bytes(page.encode("utf-8", "surrogatepass"), "page.html")
        from newsdigest.api import clean_document

        article = clean_document(raw)
    except NewsdigestError:
        return
    _check_article(article)


# -- splitting -----------------------------------------------------------------------

LANGUAGES = st.sampled_from(["en", "de", "fr", "ru", "zh", "ja", "ko", "ar", None, "xx", "english", "EN-gb"])


@SOME
@given(text=STORYISH, language=LANGUAGES)
def test_sentences_are_stripped_substrings_in_order(text, language):
    sentences = split_sentences(text, language)
    position = 0
    for sentence in sentences:
        assert sentence and sentence == sentence.strip()
        found = text.find(sentence, position)
        assert found >= 0, (sentence, text)
        position = found + len(sentence)


@FEW
@given(text=ANY_TEXT, language=LANGUAGES)
def test_splitting_any_text_never_raises(text, language):
    for sentence in split_sentences(text, language):
        assert sentence in text


# -- rendering -----------------------------------------------------------------------

HOSTILE = st.one_of(
    ANY_TEXT, NEWSY, st.sampled_from(["", " ", "\n\n", "`", "[link=x]y[/link]", "<script>", "1. x", "\ud83d\ude00"])
)
SCORES = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-5, 5).map(float))


@st.composite
def articles(draw):
    meta = Metadata(
        title=draw(st.one_of(st.none(), HOSTILE)),
        authors=tuple(draw(st.lists(HOSTILE, max_size=3))),
        publisher=draw(st.one_of(st.none(), HOSTILE)),
        section=draw(st.one_of(st.none(), HOSTILE)),
        date=draw(st.one_of(st.none(), HOSTILE)),
        updated=draw(st.one_of(st.none(), HOSTILE)),
        language=draw(st.one_of(st.none(), HOSTILE)),
        url=draw(st.one_of(st.none(), HOSTILE)),
    )
    removed = tuple(Removed(draw(HOSTILE), draw(HOSTILE)) for _ in range(draw(st.integers(0, 3))))
    return Article(
        path=draw(HOSTILE),
        paragraphs=tuple(draw(st.lists(HOSTILE, max_size=4))),
        meta=meta,
        removed=removed,
        encoding=draw(HOSTILE),
        format=draw(st.sampled_from(["text", "html", "feed"])),
    )


@st.composite
def summaries(draw):
    article = draw(articles())
    sentences = tuple(
        Sentence(
            i, draw(HOSTILE), draw(SCORES), tuple((draw(HOSTILE), draw(SCORES)) for _ in range(draw(st.integers(0, 2))))
        )
        for i in range(draw(st.integers(0, 4)))
    )
    return Summary(
        article,
        draw(HOSTILE),
        sentences,
        draw(st.integers(0, 10**6)),
        draw(st.integers(0, 10**6)),
        tuple(draw(st.lists(HOSTILE, max_size=3))),
    )


def _no_constants(name):
    raise AssertionError(f"not JSON: {name}")


@SOME
@given(
    items=st.lists(st.one_of(articles(), summaries()), min_size=1, max_size=3),
    explain=st.booleans(),
    show_removed=st.booleans(),
    color=st.booleans(),
    width=st.integers(20, 200),
)
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_renderer_gives_valid_output(fmt, items, explain, show_removed, color, width):
    out = render(items, RenderOptions(format=fmt, explain=explain, show_removed=show_removed, color=color, width=width))
    out.encode("utf-8")  # strict: no lone surrogate reaches an encoder
    if fmt == "json":
        data = json.loads(out, parse_constant=_no_constants)
        assert len(data if isinstance(data, list) else [data]) == len(items)
    elif fmt == "jsonl":
        lines = out.splitlines()
        assert len(lines) == len(items)
        for line in lines:
            json.loads(line, parse_constant=_no_constants)
    if fmt == "rich":
        out = SGR.sub("", out)
    assert not UNSAFE.search(out), repr(UNSAFE.search(out).group())
