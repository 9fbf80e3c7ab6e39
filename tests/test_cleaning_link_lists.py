"""Lists of links after the story: other stories go, the story's own sources stay.

The rule is the DOM's, in any language: a run of list items that are all link text,
after the story's last sure paragraph, is dropped unless it sits inside the block that
holds the story's paragraphs. Every page here is invented."""

from __future__ import annotations

from newsdigest.api import clean_text

STORY = [
    "The county council approved a plan on Tuesday to rebuild the old harbour wall before next winter's storms.",
    "Engineers found last spring that the wall had shifted by almost a metre along its northern stretch.",
    "The work will cost about 4.2 million pounds, shared between the council and the national flood agency.",
    "Fishing crews said they welcomed the decision but asked that the slipway stay open while the work goes on.",
    "The council expects the first stones to be moved in March, once the tender for the contract has closed.",
]
RELATED = [
    "Ferry timetable changes for the winter season",
    "Lifeboat crew rescues two walkers cut off by the tide",
    "New cycle path opens along the seafront promenade",
    "School roof repairs delayed until the summer holidays",
]
SOURCES = [
    "Harbour wall survey, county engineering report, 2026",
    "Flood agency funding statement for coastal defences",
    "Minutes of the council meeting of 3 November",
    "Fishing association letter to the harbour board",
]


def _items(texts: list[str], host: str) -> str:
    return "".join(f'<li><a href="https://{host}/{i}">{t}</a></li>' for i, t in enumerate(texts))


def _page(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>Harbour wall</title></head><body>{body}</body></html>"


def _story() -> str:
    return "".join(f"<p>{p}</p>" for p in STORY)


def test_a_list_of_other_stories_beside_the_story_goes():
    page = _page(
        f'<div class="body">{_story()}</div><div class="more"><ul>{_items(RELATED, "news.example")}</ul></div>'
    )
    text = clean_text(page).text
    assert STORY[0] in text and STORY[-1] in text
    assert [t for t in RELATED if t in text] == []


def _dropped(page: str) -> list[str]:
    """The lines the rule drops, the classifier's scores pinned: the story's paragraphs sure
    (0.95), every other line in doubt (0.7), so only the DOM decides."""
    from newsdigest.cleaning.html import link_lists_outside, page_lines, parse_html

    dlines = page_lines(parse_html(page))
    lines = [d.line for d in dlines]
    scores = [0.95 if line.text in STORY else 0.7 for line in lines]
    return [lines[i].text.lstrip("* ") for i in link_lists_outside(dlines, lines, scores)]


def test_the_rule_drops_a_list_in_a_block_of_its_own():
    page = _page(
        f'<div class="body">{_story()}</div><div class="more"><ul>{_items(RELATED, "news.example")}</ul></div>'
    )
    assert _dropped(page) == RELATED


def test_the_rule_keeps_a_list_inside_the_story_block():
    assert _dropped(_page(f'<div class="body">{_story()}<ul>{_items(SOURCES, "news.example")}</ul></div>')) == []


def test_the_rule_keeps_a_list_in_a_section_within_the_story_block():
    sources = f'<section class="notes"><h3>Sources</h3><ol>{_items(SOURCES, "records.example")}</ol></section>'
    assert _dropped(_page(f'<article><div class="body">{_story()}{sources}</div></article>')) == []


def test_two_links_are_no_list():
    assert _dropped(_page(f'<div class="body">{_story()}</div><ul>{_items(RELATED[:2], "news.example")}</ul>')) == []


def test_a_list_before_the_story_ends_is_the_story_s_own():
    items = f'<div class="box"><ul>{_items(RELATED, "news.example")}</ul></div>'
    body = "".join(f"<p>{p}</p>" for p in STORY[:2]) + items + "".join(f"<p>{p}</p>" for p in STORY[2:])
    assert _dropped(_page(f'<div class="body">{body}</div>')) == []
