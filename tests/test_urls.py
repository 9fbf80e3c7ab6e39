"""URLs: one spelling per article, page numbers, and the date in the path (used when a page gives none)."""

from __future__ import annotations

import json
import os

import pytest
from conftest import run_cli

from newsdigest.api import clean_text
from newsdigest.urls import date_from_url, page_key, page_of, url_in_text, url_key

BASE = {"SOURCE_DATE_EPOCH": "1795000000", "NEWSDIGEST_CONFIG": os.devnull}
BODY = (
    "The Tallow valley cooperative opened its new cider press on Saturday, the first in the valley for forty years.\n\n"
    "Growers can now press their own apples instead of trucking them two hours to the coast, chairwoman Ines Calder "
    "said.\n"
)


@pytest.mark.parametrize(
    "a, b",
    [
        ("https://news.example/a/story", "HTTPS://News.Example/a/story/"),
        ("https://news.example/a/story", "http://news.example:80/a/story"),
        ("https://news.example/a/story", "https://news.example:443/a/story#comments"),
        (
            "https://news.example/a/story?id=3",
            "https://news.example/a/story?utm_source=rss&id=3&utm_medium=feed&fbclid=x",
        ),
    ],
)
def test_spellings_of_one_url_have_one_key(a, b):
    assert url_key(a) == url_key(b) is not None


def test_different_articles_keep_different_keys():
    assert url_key("https://news.example/a/story?id=3") != url_key("https://news.example/a/story?id=4")
    assert url_key("https://news.example:8080/a") != url_key("https://news.example/a")
    assert url_key("javascript:alert(1)") is None and url_key("not a url") is None and url_key(None) is None


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://n.example/a/story?page=2", ("https://n.example/a/story", 2)),
        ("https://n.example/a/story/3/", ("https://n.example/a/story", 3)),
        ("https://n.example/a/story-page-2.html", ("https://n.example/a/story", 2)),
        ("https://n.example/a/story/page/4", ("https://n.example/a/story", 4)),
        ("https://n.example/2024/05/03/", None),  # a date, not page 3
        ("https://n.example/a/story", None),
        ("https://blog.example/?p=123", None),  # WordPress's post id, not a page
    ],
)
def test_page_numbers(url, expected):
    assert page_of(url) == expected


def test_page_one_has_the_key_of_its_followers():
    assert page_key("https://n.example/a/story.html") == ("https://n.example/a/story", 1)
    assert page_key("https://n.example/a/story.html")[0] == page_key("https://n.example/a/story-page-2.html")[0]


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://n.example/2024/05/03/cider-press", "2024-05-03"),
        ("https://n.example/news/2024-05-03/cider-press", "2024-05-03"),
        ("https://n.example/20240503/cider-press", "2024-05-03"),
        ("https://n.example/2024/5/3/cider-press", "2024-05-03"),
        ("https://n.example/2024/13/03/cider-press", None),  # no 13th month
        ("https://n.example/story/202405031234", None),  # an id, not a date
        ("https://n.example/cider-press?d=2024/05/03", None),  # the path only
    ],
)
def test_dates_in_the_path(url, expected):
    assert date_from_url(url) == expected


def test_a_text_copy_names_its_address_on_a_line_of_its_own():
    assert (
        url_in_text("Source: https://n.example/2024/05/03/press\n\nTitle\n\nBody.")
        == "https://n.example/2024/05/03/press"
    )
    assert (
        url_in_text("Title\n\nBody text.\n\nhttps://n.example/2024/05/03/press\n")
        == "https://n.example/2024/05/03/press"
    )
    assert url_in_text("Title\n\nRead the report at https://n.example/2024/05/03/x today.\n") is None  # inside prose


def test_html_page_without_a_date_takes_the_urls():
    html = (
        f'<html><head><title>Cider press opens</title><link rel="canonical" href="https://n.example/2024/05/03/press">'
        f"</head><body><article><h1>Cider press opens</h1><p>{BODY}</p></article></body></html>"
    )
    assert clean_text(html).meta.date == "2024-05-03"
    dated = html.replace("</head>", '<meta property="article:published_time" content="2024-05-05T08:00"></head>')
    assert clean_text(dated).meta.date == "2024-05-05"  # the page's own date wins


def test_text_page_without_a_date_takes_the_urls(tmp_path):
    path = tmp_path / "press.txt"
    path.write_text(
        f"Cider press opens in Tallow valley\n\n{BODY}\nhttps://n.example/2024/05/03/press\n", encoding="utf-8"
    )
    doc = json.loads(run_cli("summarize", str(path), "--format", "json").stdout)
    assert doc["date"] == "2024-05-03" and doc["url"] == "https://n.example/2024/05/03/press"


def test_digest_dates_undated_pages_and_feed_items_by_their_urls(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "press.txt").write_text(
        f"Cider press opens in Tallow valley\n\nURL: https://n.example/2024/05/03/press\n\n{BODY}", encoding="utf-8"
    )
    (inbox / "feed.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Courier</title><item><title>Orchard '
        "frost</title>"
        "<link>https://v.example/2024-04-20/frost</link><description>A late frost cut the apple harvest by a third, "
        "growers said on Monday, after two nights below freezing in April.</description></item></channel></rss>",
        encoding="utf-8",
    )
    doc = json.loads(run_cli("digest", str(inbox), "--format", "json", env=BASE).stdout)
    dates = {e["title"]: (e["date"], e["saved"]) for g in doc["groups"] for e in g["entries"]}
    assert dates == {"Cider press opens in Tallow valley": ("2024-05-03", None), "Orchard frost": ("2024-04-20", None)}
