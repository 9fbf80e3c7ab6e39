"""HTML titles: the headline over the site name, separators resolved by comparing the page's titles."""

from __future__ import annotations

import pytest

from newsdigest.api import clean_text
from newsdigest.cleaning.titles import decode, resolve

CASES = [
    # (ld headline, og:title, h1, <title>, site name, url, expected)
    (
        None,
        None,
        "Harbor Daily",
        "Ferry terminal opens two months late | Harbor Daily",
        None,
        None,
        "Ferry terminal opens two months late",
    ),
    (
        None,
        None,
        "Диета для бегунов - как питаться перед марафоном",
        "Диета для бегунов (14 дней) - Отзывы",
        None,
        None,
        "Диета для бегунов - как питаться перед марафоном",
    ),
    (None, None, "晨报", "这个软件想帮你找到对象_科技_晨报", None, None, "这个软件想帮你找到对象_科技"),
    (None, "新しい橋が完成：東都新聞", None, "新しい橋が完成：東都新聞", "東都新聞", None, "新しい橋が完成"),
    (
        None,
        "Le pont – enfin ouvert",
        "Le pont – enfin ouvert",
        "Le pont – enfin ouvert - Le Quotidien",
        None,
        "https://www.lequotidien.fr/a",
        "Le pont – enfin ouvert",
    ),
    ("Stadt baut Brücke&#58; Kosten steigen", None, None, None, None, None, "Stadt baut Brücke: Kosten steigen"),
    (None, "Gazette", "Gazette", "Bridge opens &#8211; at last | Gazette", "Gazette", None, "Bridge opens – at last"),
    # the <h1> a reader sees over a title rewritten for search, when they name one story
    (
        "Ferry terminal delay: 5 things to know about the new date",
        "Ferry terminal delay: 5 things to know about the new date",
        "Ferry terminal delay pushes the opening to May",
        "Ferry terminal delay: 5 things to know about the new date | Harbor Daily",
        "Harbor Daily",
        None,
        "Ferry terminal delay pushes the opening to May",
    ),
    # a blog's name in the <h1> shares no word with the <title>: a logo, and the <title> is the headline
    (
        None,
        None,
        "Marta's Notebook",
        "Harbour wall survey: what the engineers found",
        None,
        None,
        "Harbour wall survey: what the engineers found",
    ),
    # the same <h1> as og:title is the headline, though the <title> was rewritten for search
    (
        None,
        "Keeping the harbour open",
        "Keeping the harbour open",
        "Storm wall repairs and ferry times | Harbor Daily",
        "Harbor Daily",
        None,
        "Keeping the harbour open",
    ),
    # a section heading in the first <h1> shares no word with the story's title: not the headline
    (
        None,
        "Ferry terminal opens two months late",
        "Local news",
        "Ferry terminal opens two months late | Harbor Daily",
        None,
        None,
        "Ferry terminal opens two months late",
    ),
]


@pytest.mark.parametrize("ld, og, h1, title, site, url, expected", CASES)
def test_resolve(ld, og, h1, title, site, url, expected):
    assert resolve(ld, og, h1, title, site, url) == expected


def test_entities_are_decoded_even_twice_over():
    assert decode("A &amp;#8211; B") == "A – B"


def test_a_page_gives_its_headline_not_its_logo():
    p = "The harbor authority said on Tuesday that the new ferry terminal would open in May, two months late."
    page = (
        f"<html><head><title>Ferry terminal late &#8211; again | Harbor Daily</title></head><body>"
        f"<h1>Harbor Daily</h1><article><p>{p}</p><p>{p}</p></article></body></html>"
    )
    assert clean_text(page).meta.title == "Ferry terminal late – again"
