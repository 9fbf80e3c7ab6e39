"""HTML cleaning drops what no reader sees: hidden elements and ruby readings."""

from __future__ import annotations

import pytest

from newsdigest.api import clean_text

P1 = "The harbor authority said on Tuesday that the new ferry terminal would open in May, two months late."
P2 = "Engineers blamed the delay on a wet winter that flooded the site twice and slowed the pouring of concrete."
P3 = "The terminal will handle twelve sailings a day to the islands, twice as many as the old pier could take."
JUNK = "Click here to reveal the hidden panel javascript:void(0) now"


def page(body: str) -> str:
    return (
        "<!DOCTYPE html><html><head><title>Ferry terminal late</title></head>"
        f"<body><article>{body}</article></body></html>"
    )


@pytest.mark.parametrize(
    "attrs",
    [
        "hidden",
        'aria-hidden="true"',
        'style="display:none"',
        'style="color: red; DISPLAY : none;"',
        'style="visibility: hidden"',
    ],
)
def test_hidden_elements_are_dropped(attrs):
    article = clean_text(page(f"<p>{P1}</p><div {attrs}><span>{JUNK}</span></div><p>{P2}</p><p>{P3}</p>"))
    assert article.paragraphs == (P1, P2, P3)


@pytest.mark.parametrize("attrs", ['aria-hidden="false"', 'style="display:block"', 'class="hidden-xs"'])
def test_visible_elements_stay(attrs):
    article = clean_text(page(f"<p>{P1}</p><p {attrs}>{P2}</p><p>{P3}</p>"))
    assert article.paragraphs == (P1, P2, P3)


def test_ruby_readings_are_dropped():
    body = (
        "<p>市は<ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもへの支援を広げると発表した。"
        "新しい制度は来年の春から始まる予定だ。</p>"
        "<p>担当者によると、申し込みは区役所の窓口で受け付ける。対象は小学生までの家庭だという。</p>"
        "<p>市長は会見で、地域の声を聞きながら内容を見直していくと述べた。</p>"
    )
    article = clean_text(page(body))
    assert article.paragraphs[0].startswith("市は子どもへの支援を広げる")
    assert "こ" not in article.paragraphs[0][:6]


def test_a_hidden_block_holding_the_whole_story_is_read():
    # React streams the article into <div hidden id="S:0"> and a script moves it into place.
    story = "".join(f"<p>{p} {p}</p>" for p in (P1, P2, P3)) * 2
    article = clean_text(page(f'<div hidden id="S:0">{story}</div>'))
    assert P1 in article.text and P3 in article.text
