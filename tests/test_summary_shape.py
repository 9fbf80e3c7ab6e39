"""What a summary may hold: a sentence that introduces a list comes with it; a headline is no summary."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli

from newsdigest.api import SummaryOptions, summarize_text
from newsdigest.summarizers.base import Document, Ranked
from newsdigest.summarizers.select import Length, choose

SHIPYARD = """Harbor shipyard plan approved

The Port Alden council on Tuesday approved a plan for the old shipyard that city officials said would bring work \
back to the waterfront after a decade of decline.

The plan, drawn up with Northwind Seaworks, will:

- add 140 jobs at the yard by 2028;
- rebuild the north dock and its two cranes;
- open a training school for welders.

Mayor Rita Okafor said the vote was the most important of her term. The company will invest 60 million dollars over \
five years, and the city will lease the land for one dollar a year.

Opponents said the lease gave away public land. Two council members voted against the plan.

Work on the north dock is expected to begin in March, the company said in a statement.
"""
ITEMS = (
    "- add 140 jobs at the yard by 2028;",
    "- rebuild the north dock and its two cranes;",
    "- open a training school for welders.",
)
INTRO = "The plan, drawn up with Northwind Seaworks, will:"


def _doc(sentences, paragraphs):
    return Document(tuple(sentences), "Title", "en", tuple(paragraphs))


def _ranked(order):
    return [Ranked(i, 1.0 - n / 10) for n, i in enumerate(order)]


LISTED = _doc(
    ["Lead sentence here.", "The plan will:", "- add jobs;", "- build a dock.", "Last sentence."], [0, 1, 2, 3, 4]
)


def test_an_introduction_brings_its_list_and_counts_as_one_sentence():
    chosen = choose(_ranked([1, 0, 4, 2, 3]), LISTED, Length(sentences=2))
    assert [r.index for r in chosen] == [0, 1, 2, 3]


def test_a_list_item_ranked_first_brings_its_introduction():
    chosen = choose(_ranked([3, 4, 0, 1, 2]), LISTED, Length(sentences=1))
    assert [r.index for r in chosen] == [1, 2, 3]


def test_an_introduction_without_a_list_is_not_chosen():
    doc = _doc(["He said:", "The quote went on for a while without any list.", "Another sentence."], [0, 1, 2])
    chosen = choose(_ranked([0, 1, 2]), doc, Length(sentences=2))
    assert [r.index for r in chosen] == [1, 2]


def test_a_budget_takes_the_introduction_and_its_list_whole_or_not_at_all():
    words = sum(len(s.split()) for s in LISTED.sentences[1:4])
    assert [r.index for r in choose(_ranked([1, 0, 4]), LISTED, Length(words=words))] == [1, 2, 3]
    assert [r.index for r in choose(_ranked([1, 0, 4]), LISTED, Length(words=words - 1))] == [0, 4]


@pytest.mark.parametrize("algorithm", ["news", "lead", "lexrank", "textrank", "lsa", "luhn"])
@pytest.mark.parametrize("length", [Length(), Length(sentences=2), Length(words=40), Length(sentences=5)])
def test_no_summary_ends_on_a_colon_or_shows_an_orphan_item(algorithm, length):
    summary = summarize_text(SHIPYARD, SummaryOptions(algorithm=algorithm, length=length))
    texts = [s.text for s in summary.sentences]
    assert texts
    if INTRO in texts:
        at = texts.index(INTRO)
        assert tuple(texts[at + 1 : at + 4]) == ITEMS
    else:
        assert not set(ITEMS) & set(texts)
    assert all(not t.endswith(":") or t == INTRO for t in texts)


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Valley Wire</title><link>https://wire.example.org/</link>
<item><title>Ferry service resumes after storm</title><link>https://wire.example.org/ferry</link></item>
<item><title>Library extends weekend hours</title><link>https://wire.example.org/library</link>
<description>Library extends weekend hours.</description></item>
<item><title>Council delays vote on parking fees</title><link>https://wire.example.org/parking</link>
<description>The Brackenford council delayed its vote on new parking fees until January after residents filled the \
chamber on Tuesday night. The fees would rise to two dollars an hour downtown.</description></item>
</channel></rss>
"""


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "rich"])
def test_a_headline_only_feed_item_is_listed_by_its_title_alone(tmp_path, fmt):
    feed = tmp_path / "wire.xml"
    feed.write_text(FEED, encoding="utf-8")
    result = run_cli("digest", str(feed), "--format", fmt, "--config", "/dev/null")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    for title in ("Ferry service resumes after storm", "Library extends weekend hours"):
        assert out.count(title) == (2 if fmt == "html" else 1), (
            title
        )  # the heading only (HTML: also its contents entry)
    assert "no story text" not in out
    assert "The Brackenford council delayed its vote" in out  # a real story keeps its summary


def test_a_headline_only_feed_item_has_no_summary_in_json(tmp_path):
    feed = tmp_path / "wire.xml"
    feed.write_text(FEED, encoding="utf-8")
    result = run_cli("digest", str(feed), "--format", "json", "--config", "/dev/null")
    entries = {e["title"]: e for g in json.loads(result.stdout)["groups"] for e in g["entries"]}
    assert entries["Ferry service resumes after storm"]["summary"] == ""
    assert entries["Ferry service resumes after storm"]["sentences"] == []
    assert entries["Council delays vote on parking fees"]["summary"].startswith("The Brackenford council")
