"""The HTML digest people forward: masthead, contents, links, languages, dark and print looks, size, mail."""

from __future__ import annotations

import email
import re
from datetime import UTC, datetime
from email import policy
from html.parser import HTMLParser

from newsdigest.digest.model import Counts, Digest, Entry, Group, Source
from newsdigest.models import Article, Metadata, Sentence, Summary
from newsdigest.render import RenderOptions, render_digest

WHEN = datetime(2026, 12, 6, 7, 0, tzinfo=UTC)
SENTENCE = (
    "The {n} council of Brackenford approved a revised budget for the harbor district on Tuesday evening, "
    "after residents asked for more money for the ferry terminal and the public library."
)


def story(n: int, language: str = "en", title: str | None = None, sources=None) -> Entry:
    sentences = tuple(Sentence(i, SENTENCE.format(n=f"{n}-{i}"), 0.5) for i in range(3))
    meta = Metadata(
        title=title or f"Story number {n} about the harbor budget vote",
        authors=("Ana Ruiz", "Tom Beck"),
        publisher="Westmere Tribune",
        date="2026-12-05",
        language=language,
    )
    article = Article(path=f"inbox/story-{n}.txt", paragraphs=(" ".join(s.text for s in sentences),), meta=meta)
    summary = Summary(article, "news", sentences, 12, 300)
    sources = sources or (
        Source(f"inbox/story-{n}.txt", "Westmere Tribune", f"https://news.example.org/{n}"),
        Source(f"inbox/sub/copy-{n}.txt", "Coastline Daily", None),
    )
    return Entry(summary, tuple(sources), f"{n:032x}", "2026-12-05")


def digest(entries, groups=None) -> Digest:
    built = tuple(Group(name, tuple(e)) for name, e in groups) if groups else (Group(None, tuple(entries)),)
    n = sum(len(g.entries) for g in built)
    return Digest("Morning news", WHEN, built, Counts(inputs=n + 1, entries=n, duplicates=1), "none")


def html(d: Digest) -> str:
    return render_digest(d, RenderOptions(format="html"))


class Tree(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def find(self, tag=None, **attrs):
        return [
            a for t, a in self.elements if (tag is None or t == tag) and all(a.get(k) == v for k, v in attrs.items())
        ]


ARABIC = "وافق مجلس المدينة على ميزانية جديدة للميناء"
MIXED = digest(
    [story(1), story(2, "ar", ARABIC), story(3, sources=(Source("feeds/local.xml#4", "Valley Wire", None),))]
)


def test_masthead_has_title_date_and_counts():
    out = html(MIXED)
    masthead = out.split('<div class="masthead">', 1)[1].split("</div>", 1)[0]
    assert "<h1>Morning news</h1>" in masthead
    assert '<time datetime="2026-12-06">Sunday, 6 December 2026</time>' in masthead
    assert "3 stories from 4 articles · 1 duplicate merged" in masthead


def test_contents_link_every_story_and_headlines_link_the_story_url():
    tree = Tree(html(MIXED))
    stories = tree.find("div", **{"class": "story"})
    assert [s["id"] for s in stories] == ["story-1", "story-2", "story-3"]
    contents = [a["href"] for a in tree.find("a") if a["href"].startswith("#")]
    assert contents == ["#story-1", "#story-2", "#story-3"]
    out = html(MIXED)
    assert '<h2><a href="https://news.example.org/1" rel="noopener noreferrer">Story number 1' in out
    assert "<h2>Story number 3 about the harbor budget vote</h2>" in out  # no URL known: no link


def test_grouped_contents_nest_under_group_names():
    grouped = digest(None, groups=[("Local", [story(1), story(2)]), ("Business", [story(3)])])
    out = html(grouped)
    contents = out.split('<div class="toc">', 1)[1].split("</div>", 1)[0]
    assert re.search(r"<li>Local\n<ol>\n<li><a href=\"#story-1\">.*\n<li><a href=\"#story-2\">", contents)
    assert '<li>Business\n<ol>\n<li><a href="#story-3">' in contents


def test_byline_on_one_line_and_sources_as_links_or_bare_file_names():
    out = html(MIXED)
    assert '<p class="facts">Westmere Tribune · Ana Ruiz, Tom Beck · 2026-12-05</p>' in out
    assert (
        '<li>Westmere Tribune · <a href="https://news.example.org/1" rel="noopener '
        'noreferrer">news.example.org</a></li>' in out
    )
    assert "<li>Coastline Daily · copy-1.txt</li>" in out
    assert "Source: local.xml#4</p>" in out
    assert "inbox/" not in out and "feeds/" not in out  # never a relative path


def test_every_story_has_lang_and_dir_auto_in_the_page_and_the_mail():
    for out in (html(MIXED), _mail_html(MIXED)):
        tree = Tree(out)
        stories = tree.find("div", **{"class": "story"})
        assert len(stories) == 3 and all(s.get("dir") == "auto" for s in stories)
        assert [s.get("lang") for s in stories] == ["en", "ar", "en"]


def test_no_script_no_external_resource_and_a_content_security_policy():
    out = html(MIXED)
    tree = Tree(out)
    csp = tree.find("meta", **{"http-equiv": "Content-Security-Policy"})
    assert csp and "default-src 'none'" in csp[0]["content"] and "script-src" not in csp[0]["content"]
    assert not tree.find("script") and not tree.find("link") and not tree.find("img") and not tree.find("iframe")
    assert "url(" not in out and "@import" not in out and " src=" not in out


def test_dark_mode_and_print_stylesheets():
    style = html(MIXED).split("<style>", 1)[1].split("</style>", 1)[0]
    dark = style.split("@media (prefers-color-scheme: dark)", 1)[1]
    assert "background: #111111" in dark
    printed = style.split("@media print", 1)[1]
    assert ".toc { display: none; }" in printed and "attr(href)" in printed and "break-inside: avoid" in printed


def test_fifty_stories_stay_under_100_kb():
    out = html(digest([story(n) for n in range(1, 51)]))
    size = len(out.encode("utf-8"))
    assert size < 100_000, size
    assert len(Tree(out).find("div", **{"class": "story"})) == 50


def _mail_html(d: Digest) -> str:
    raw = render_digest(d, RenderOptions(format="email", to="me@example.org", sender="news@example.org"))
    msg = email.message_from_string(raw, policy=policy.default)
    return next(p.get_content() for p in msg.iter_parts() if p.get_content_type() == "text/html")


def test_the_mail_inlines_the_essential_styles():
    tree = Tree(_mail_html(MIXED))
    (page,) = tree.find("div", **{"class": "digest"})
    assert "max-width: 40em" in page["style"] and "font-family" in page["style"]
    assert all("style" in p for p in tree.find("p", **{"class": "facts"}))
    assert all("color: #55554f" in p["style"] for p in tree.find("p", **{"class": "sources"}))
    assert all("style" in h for h in tree.find("h2")) and all("style" in a for a in tree.find("a"))
    assert "<style>" in _mail_html(MIXED)  # the stylesheet too, for clients that keep it (dark mode)
    web = Tree(html(MIXED))
    assert not [a for _, a in web.elements if "style" in a]  # the web page needs no style attributes
