"""The HTML digest in a real browser (Debian's chromium, driven by Playwright).

One browser for the module. Outside CI a machine without chromium skips these
tests; with CI set they fail instead, so CI can never pass without them
(.ci/run installs chromium when it is missing).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from datetime import UTC, datetime

import pytest
from conftest import ROOT

from newsdigest.digest.model import Counts, Digest, Entry, Group, Source
from newsdigest.models import Article, Failure, Metadata, Sentence, Summary
from newsdigest.render import RenderOptions, render_digest

CHROMIUM = os.environ.get("NEWSDIGEST_CHROMIUM", "/usr/bin/chromium")


def _screenshots_script():
    """scripts/screenshots.py as a module: its chromium flags are the ones these tests use too."""
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "scripts" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCREENSHOTS = _screenshots_script()
FLAGS = SCREENSHOTS.FLAGS
WIDTHS = (390, 1280)


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not shutil.which(CHROMIUM):
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is missing (pip install -e '.[test]')")
    profile = tmp_path_factory.mktemp("chromium-profile")  # a fresh --user-data-dir
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS
        )
        yield context
        context.close()


def _story(n, title, text, language="en", url=None, path=None, publisher="Westmere Tribune"):
    sentences = (Sentence(0, text, 1.0),)
    meta = Metadata(title=title, authors=("Ana Ruiz",), publisher=publisher, date="2026-12-05", language=language)
    path = path or f"inbox/story-{n}.txt"
    summary = Summary(Article(path, (text,), meta), "news", sentences, 5, 80)
    return Entry(
        summary, (Source(path, publisher, url), Source(f"inbox/copies/{n}.txt", "Coastline Daily", None)), f"{n:032x}"
    )


ARABIC_TITLE = "مجلس المدينة يوافق على ميزانية جديدة للميناء"
ARABIC_TEXT = "وافق مجلس مدينة الميناء مساء الثلاثاء على ميزانية جديدة تشمل توسيع محطة العبارات وتجديد المكتبة العامة."
LONG_URL = "https://news.example.org/" + "a-very-long-story-slug-without-any-break-" * 8
DIGEST = Digest(
    "Morning news",
    datetime(2026, 12, 6, 7, 0, tzinfo=UTC),
    (
        Group(
            "Local",
            (
                _story(
                    1,
                    "Ferry adds three stops on the west shore",
                    "The Westmere ferry will add three stops next month, the harbor authority said on Monday.",
                    url="https://news.example.org/ferry",
                ),
                _story(2, ARABIC_TITLE, ARABIC_TEXT, language="ar"),
            ),
        ),
        Group(
            "Business",
            (
                _story(
                    3,
                    "Supercalifragilisticexpialidocious" * 4,
                    "A headline with one very long word and a very long link must not widen the page. " * 3,
                    url=LONG_URL,
                ),
            ),
        ),
    ),
    Counts(inputs=4, entries=3, duplicates=1, failed=1),
    "section",
    (Failure("inbox/" + "deeply/nested/" * 10 + "broken.png", "not text (looks like a PNG image)"),),
)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The digest page and the email's HTML part, as files."""
    import email
    from email import policy

    folder = tmp_path_factory.mktemp("pages")
    page = folder / "digest.html"
    page.write_text(render_digest(DIGEST, RenderOptions(format="html")), encoding="utf-8")
    raw = render_digest(DIGEST, RenderOptions(format="email", to="me@example.org", sender="news@example.org"))
    part = next(
        p
        for p in email.message_from_string(raw, policy=policy.default).iter_parts()
        if p.get_content_type() == "text/html"
    )
    mail = folder / "mail.html"
    mail.write_text(part.get_content(), encoding="utf-8")
    return {"page": page, "mail": mail}


@pytest.fixture
def open_page(browser):
    """open_page(path, width) -> (page, console errors, requests), closed after the test."""
    opened = []

    def open_(path, width=1280, **media):
        page = browser.new_page()
        opened.append(page)
        errors, requests = [], []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.set_viewport_size({"width": width, "height": 900})
        if media:
            page.emulate_media(**media)
        page.goto(path.as_uri())
        return page, errors, requests

    yield open_
    for page in opened:
        page.close()


@pytest.mark.parametrize("which", ["page", "mail"])
@pytest.mark.parametrize("width", WIDTHS)
def test_no_console_error_no_request_and_no_horizontal_overflow(pages, open_page, which, width):
    page, errors, requests = open_page(pages[which], width)
    assert errors == []
    assert requests == [pages[which].as_uri()]  # nothing but the page itself
    overflow = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert overflow[0] <= overflow[1], overflow
    wide = page.evaluate(
        "Array.from(document.querySelectorAll('.digest *')).filter(e => e.getBoundingClientRect().right > "
        "document.documentElement.clientWidth + 1).map(e => e.tagName)"
    )
    assert wide == []


@pytest.mark.parametrize("which", ["page", "mail"])
def test_right_to_left_stories_render_right_to_left(pages, open_page, which):
    page, _, _ = open_page(pages[which], 390)
    directions = page.evaluate(
        "Array.from(document.querySelectorAll('.story')).map(s => [s.lang, "
        "getComputedStyle(s.querySelector('p.summary')).direction])"
    )
    assert directions == [["en", "ltr"], ["ar", "rtl"], ["en", "ltr"]]
    # The Arabic headline's text sits against the right edge of its block, not the left.
    edges = page.evaluate(
        """(() => { const h = document.querySelectorAll('.story')[1].querySelector('h3');
                    const r = document.createRange(); r.selectNodeContents(h);
                    const t = r.getBoundingClientRect(), b = h.getBoundingClientRect();
                    return [b.right - t.right, t.left - b.left]; })()"""
    )
    assert edges[0] < 2 and edges[1] > 2, edges


def test_every_contents_link_resolves(pages, open_page):
    page, _, _ = open_page(pages["page"], 390)
    targets = page.evaluate("Array.from(document.querySelectorAll('.toc a')).map(a => a.getAttribute('href'))")
    assert targets == ["#story-1", "#story-2", "#story-3"]
    assert page.evaluate(f"{targets}.every(h => document.getElementById(h.slice(1)) !== null)")
    page.click(".toc a[href='#story-3']")
    assert page.evaluate("location.hash") == "#story-3"
    top, scrolled, height = page.evaluate(
        "[document.getElementById('story-3').getBoundingClientRect().top, scrollY, innerHeight]"
    )
    assert (
        scrolled > 0 and -1 <= top < height
    )  # scrolled down to the story (the page may end before it reaches the top)


def test_dark_mode_colours_apply(pages, open_page):
    colours = (
        "[getComputedStyle(document.body).backgroundColor, "
        "getComputedStyle(document.querySelector('.digest')).backgroundColor, "
        "getComputedStyle(document.querySelector('p.summary')).color, "
        "getComputedStyle(document.querySelector('p.facts')).color]"
    )
    light, _, _ = open_page(pages["page"], 1280, color_scheme="light")
    assert light.evaluate(colours) == ["rgb(244, 244, 242)", "rgb(255, 255, 255)", "rgb(29, 29, 27)", "rgb(85, 85, 79)"]
    for which in ("page", "mail"):  # the mail's inline colours give way too
        dark, _, _ = open_page(pages[which], 1280, color_scheme="dark")
        assert dark.evaluate(colours) == [
            "rgb(17, 17, 17)",
            "rgb(27, 27, 26)",
            "rgb(232, 232, 228)",
            "rgb(168, 168, 160)",
        ], which


def test_print_media_has_no_fixed_or_sticky_elements(pages, open_page):
    page, _, _ = open_page(pages["page"], 1280, media="print")
    positioned = page.evaluate(
        "Array.from(document.querySelectorAll('*')).map(e => getComputedStyle(e).position).filter(p => p === 'fixed' "
        "|| p === 'sticky')"
    )
    assert positioned == []
    assert page.evaluate("getComputedStyle(document.querySelector('.toc')).display") == "none"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    after = page.evaluate("getComputedStyle(document.querySelector('.story h3 a'), '::after').content")
    assert "news.example.org/ferry" in after  # the link's target is printed


def test_the_screenshot_script_shoots_the_sample_digest_at_each_width(browser, tmp_path):
    import struct
    import subprocess
    import sys

    # A process of its own: Playwright's sync API does not nest inside this module's browser session.
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshots.py"), "--chromium", CHROMIUM, "--out", str(tmp_path)],
        capture_output=True,
        timeout=180,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    for name, (width, height, _) in SCREENSHOTS.SHOTS.items():
        data = (tmp_path / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (width, height)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in SCREENSHOTS.SHOTS:  # the README shows the committed pictures
        assert f"(docs/{name})" in readme and (ROOT / "docs" / name).stat().st_size < 200_000
