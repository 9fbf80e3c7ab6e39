"""Invented pages, one per kind of boilerplate, each with what cleaning must give.

tests/fixtures/cleaning/NAME.txt|.html is paired with NAME.expected.json:
title/authors/publisher/section/date, the story's first and last words,
must_contain / must_not_contain, count (a phrase that must appear exactly so
many times) and removed_reasons (a removed line -> a word its reason must
contain). Adding a case means adding two files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdigest import clean_file

HERE = Path(__file__).parent / "fixtures" / "cleaning"
PAGES = sorted(p for p in HERE.iterdir() if p.suffix in (".txt", ".html"))


def test_there_are_pages():
    assert len(PAGES) >= 5


@pytest.mark.parametrize("path", PAGES, ids=[p.name for p in PAGES])
def test_page(path):
    expected = json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))
    article = clean_file(path)
    meta = article.meta
    for key in ("title", "publisher", "section", "date", "updated"):
        if key in expected:
            assert getattr(meta, key) == expected[key], key
    if "authors" in expected:
        assert list(meta.authors) == expected["authors"]
    words = article.text.split()
    if "story_first_words" in expected:
        first = expected["story_first_words"].split()
        assert words[: len(first)] == first
    if "story_last_words" in expected:
        last = expected["story_last_words"].split()
        assert words[-len(last) :] == last
    for needle in expected.get("must_contain", []):
        assert needle in article.text
    for needle in expected.get("must_not_contain", []):
        assert needle not in article.text, needle
    for needle, times in expected.get("count", {}).items():
        assert article.text.count(needle) == times, needle
    reasons = {r.text: r.reason for r in article.removed}
    for line, word in expected.get("removed_reasons", {}).items():
        assert line in reasons, f"{line!r} not reported as removed"
        assert word in reasons[line], (line, reasons[line])


@pytest.mark.parametrize("path", PAGES, ids=[p.name for p in PAGES])
def test_every_line_is_kept_or_removed_with_a_reason(path):
    """Nothing disappears silently: each input line is in the story, the title, or `removed`."""
    if path.suffix != ".txt":
        pytest.skip("HTML blocks are not input lines")
    article = clean_file(path)
    accounted = article.text + "\n" + "\n".join(r.text for r in article.removed)
    for line in path.read_text(encoding="utf-8").splitlines():
        line = " ".join(line.split())
        if line:
            assert line in accounted or line.split(" ")[0] in article.text, line
    assert all(r.reason for r in article.removed)
