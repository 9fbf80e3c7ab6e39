"""Hostile input, markup: broken, deep, huge or crafted HTML and XML never crash, hang or leak.

Every page is built here. Pages whose story survives must give that story;
pages with no story are failed inputs, one line each ("no story text found"), never a traceback.
Nothing ever expands an entity or reads a local file.
"""

from __future__ import annotations

import json

import pytest
from conftest import run_cli

from newsdigest.api import clean_text
from newsdigest.errors import NoStoryError

P1 = "The harbor authority said on Tuesday that the new ferry terminal would open in May, two months late."
P2 = "Engineers blamed the delay on a wet winter that flooded the site twice and slowed the pouring of concrete."
P3 = "The terminal will handle twelve sailings a day to the islands, twice as many as the old pier could take."
STORY = f"<p>{P1}</p><p>{P2}</p><p>{P3}</p>"
SECRET = "root:x:0:0"  # the first line of /etc/passwd


def page(body: str, head: str = "<title>Ferry terminal late</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


# (name, page, paragraphs that must survive). Each is read through the CLI below.
SURVIVING = [
    ("unclosed tags", f"<html><body><div><p>{P1}<p>{P2} <b>bold <i>italic <span>{P3}", [P1, P2]),
    (
        "unclosed inline tags past the old depth limit",
        page(f"<p>{P1}</p>" + "<font size=2>" * 300 + f"<p>{P2}</p><p>{P3}</p>"),
        [P1, P2, P3],
    ),
    ("100,000 nested divs", page("<div>" * 100_000 + STORY + "</div>" * 100_000), [P1, P2, P3]),
    ("100,000 unclosed inline tags", page(f"<p>{P1}</p>" + "<b>" * 100_000 + f"<p>{P2}</p><p>{P3}</p>"), [P1, P2, P3]),
    ("45,000 <br> in a row", page(f"<p>{P1}</p>" + "<br>" * 45_000 + f"<p>{P2}</p><p>{P3}</p>"), [P1, P2, P3]),
    ("a 5 MB comment", page("<!-- " + "a comment that goes on " * 220_000 + "-->" + STORY), [P1, P2, P3]),
    (
        "script and style around the story",
        page("<script>var x = '<p>not story</p>';</script>" * 2000 + STORY + "<style>p { color: red }</style>" * 2000),
        [P1, P2, P3],
    ),
    (
        "an XML prolog with an internal DTD subset",
        '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY lol "lol">]>'
        + page(f"<p>&xxe;&lol; {P1}</p><p>{P2}</p><p>{P3}</p>"),
        [P2, P3],
    ),
    (
        "billion laughs in an HTML page",
        '<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        + "".join(f'<!ENTITY {chr(99 + i)} "{("&" + chr(98 + i) + ";") * 10}">' for i in range(8))
        + "]>"
        + page(f"<p>&j;&j;</p>{STORY}"),
        [P1, P2, P3],
    ),
]


@pytest.fixture(scope="module")
def surviving(tmp_path_factory):
    """All SURVIVING pages cleaned in one CLI run (the interpreter starts once)."""
    folder = tmp_path_factory.mktemp("markup")
    paths = []
    for n, (_, html, _) in enumerate(SURVIVING):
        path = folder / f"page-{n}.html"
        path.write_text(html, encoding="utf-8")
        paths.append(str(path))
    result = run_cli("clean", *paths, "--format", "jsonl", timeout=300)
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


@pytest.mark.parametrize("n", range(len(SURVIVING)), ids=[s[0] for s in SURVIVING])
def test_the_story_survives_broken_and_hostile_markup(surviving, n):
    _, _, expected = SURVIVING[n]
    data = surviving[n]
    for paragraph in expected:
        assert paragraph in data["text"]
    text = data["text"]
    assert SECRET not in text and "lollol" not in text and "aaaaaaaaaaaaaaaaaaaa" not in text
    assert "]>" not in text and "not story" not in text and "color: red" not in text


# Pages with no story at all: a clear "no story" result, exit 0.
STORYLESS = [
    ("all script", page("<script>document.write('<div>' + Math.random() + '</div>');</script>" * 20_000)),
    ("all style", page("<style>.story p { margin: 0 }</style>" * 20_000)),
    ("an unclosed comment", page("<!-- the rest of the page is a comment " + STORY * 100)),
    ("only tags", page("<div><span><a href='#'></a></span></div>" * 20_000)),
    ("a lone <", "<" * 200_000),
    ("unclosed attribute quote", page('<a href="' + STORY * 200)),
]


@pytest.mark.parametrize("name,html", STORYLESS, ids=[s[0] for s in STORYLESS])
def test_pages_without_a_story_end_cleanly(name, html):
    try:
        article = clean_text(html, format="html")
    except NoStoryError as err:
        article = err.article
    assert P1 not in article.text


def test_storyless_pages_through_the_cli(tmp_path):
    paths = []
    for n, (_, html) in enumerate(STORYLESS):
        path = tmp_path / f"empty-{n}.html"
        path.write_text(html)
        paths.append(str(path))
    story = tmp_path / "story.html"
    story.write_text(page(STORY))
    result = run_cli("summarize", *paths, str(story), "--format", "text", "-a", "lead", timeout=300)
    assert result.returncode == 1, result.stderr
    assert b"Traceback" not in result.stderr
    errors = result.stderr.decode().splitlines()
    assert len(errors) >= len(STORYLESS) - 1
    assert all(line.startswith("newsdigest: ") and line.endswith(": no story text found") for line in errors), errors
    assert P1 in result.stdout.decode()  # the one page with a story is still summarized


BILLION_LAUGHS_FEED = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY lol "lol">\n'
    + "".join(f'<!ENTITY lol{i + 1} "{("&lol" + (str(i) if i else "") + ";") * 10}">\n' for i in range(9))
    + ']>\n<rss version="2.0"><channel><title>&lol9;</title><item><title>Laughs</title>'
    f"<description>&lol9; {P1}</description></item></channel></rss>\n"
)
XXE_FEED = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    '<rss version="2.0"><channel><title>Port news</title><item><title>Ferry &xxe;</title>'
    f"<description>&xxe; {P1}</description></item></channel></rss>\n"
)
EXTERNAL_DTD_FEED = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "file:///etc/passwd">\n'
    f'<rss version="2.0"><channel><title>Port '
    f"news</title><item><title>Ferry</title><description>{P1}</description></item></channel></rss>\n"
)
PARAMETER_ENTITY_FEED = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY % ext SYSTEM "file:///etc/passwd"> %ext;]>\n'
    f'<rss version="2.0"><channel><title>Port '
    f"news</title><item><title>Ferry</title><description>{P1}</description></item></channel></rss>\n"
)
ATOM_XXE = (
    '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE feed [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    '<feed xmlns="http://www.w3.org/2005/Atom"><title>Port</title><entry><title>&xxe;</title>'
    f'<content type="html">&lt;p&gt;{P1}&lt;/p&gt; &xxe;</content></entry></feed>\n'
)
# (name, feed, whether the digest reads it): a feed declaring entities is refused; an external DTD is never fetched.
FEEDS = [
    ("billion laughs", BILLION_LAUGHS_FEED, False),
    ("external entity", XXE_FEED, False),
    ("external DTD", EXTERNAL_DTD_FEED, True),
    ("parameter entity", PARAMETER_ENTITY_FEED, False),
    ("atom external entity", ATOM_XXE, False),
]


@pytest.mark.parametrize("command", ["summarize", "clean"])
def test_a_feed_given_to_summarize_or_clean_is_refused_without_parsing(command, tmp_path):
    paths = []
    for n, (_, xml, _) in enumerate(FEEDS):
        path = tmp_path / f"feed-{n}.xml"
        path.write_text(xml)
        paths.append(str(path))
    result = run_cli(command, *paths, "--format", "json")
    assert result.returncode == 1
    assert result.stdout == b""
    message = "is a news feed (RSS, Atom or JSON Feed), not an article; `newsdigest digest FILE` reads its stories"
    assert result.stderr.decode().splitlines() == [f"newsdigest: {p}: {message}" for p in paths]


@pytest.mark.parametrize("name,xml,read", FEEDS, ids=[f[0] for f in FEEDS])
def test_the_digest_never_expands_entities_or_reads_files(name, xml, read, tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(xml)
    result = run_cli("digest", str(path), "--format", "json", "--config", "/dev/null")
    output = result.stdout + result.stderr
    assert SECRET.encode() not in output
    assert b"lollol" not in output
    assert b"Traceback" not in result.stderr
    assert len(output) < 20_000
    if read:
        assert result.returncode == 0, result.stderr
        assert P1.encode() in result.stdout
    else:
        assert result.returncode == 1
        assert result.stderr.decode().startswith(f"newsdigest: {path}: feed refused")


def test_a_huge_text_node_in_html_is_read_whole():
    # libxml2 caps text nodes at 10 MB unless told otherwise: the page came out empty.
    sentence = "The council met on Monday to discuss the budget for the coming year, officials said. "
    big = sentence * (10_500_000 // len(sentence))
    article = clean_text(page(f"<p>{P1}</p><p>{big}</p>"))
    assert len(article.text) > 1_000_000
    assert article.paragraphs[0] == P1


def test_deep_nesting_in_the_api_reads_the_story():
    for depth in (255, 256, 300, 2047, 2049, 5000):
        article = clean_text(page(f"<p>{P1}</p>" + "<font>" * depth + f"<p>{P2}</p><p>{P3}</p>"))
        assert article.paragraphs == (P1, P2, P3), depth
