"""Summaries hold story sentences: no list items, headings or unended lines, in any language.

Every text here is invented."""

from __future__ import annotations

import pytest

from newsdigest.summarizers.base import Document
from newsdigest.summarizers.news import NewsSummarizer
from newsdigest.summarizers.nonstory import nonstory_flags, nonstory_reason, writes_sentence_ends


def _rank(sentences: list[str], title: str, language: str) -> list[str]:
    doc = Document(tuple(sentences), title, language, tuple(range(len(sentences))), 3)
    return [sentences[r.index] for r in NewsSummarizer().rank(doc)]


@pytest.mark.parametrize(
    "text",
    [
        "* 4 Die Fähre nach Marlow fährt nach zwei Wochen Streik wieder?",
        "* 58 港口为何重新开放？",
        "\u2022 The ferry strike is over after two weeks.",
    ],
)
def test_list_items_are_not_story_even_with_a_sentence_end(text):
    assert nonstory_reason(text) == "list item"


def test_a_long_line_without_a_sentence_end_is_not_story():
    dek = (
        "In Marlow the harbour wall rises again as the council and the builders finally agree "
        "on what the repairs will cost the town"
    )
    assert nonstory_reason(dek) == "no sentence end"
    # where the text writes no sentence ends (Thai), a long line is a sentence like any other
    assert nonstory_reason(dek, needs_end=False) is None


def test_texts_without_sentence_ends_are_told_apart():
    assert writes_sentence_ends(["The ferry runs again.", "Menu", "Sport"])
    thai = ["เรือข้ามฟากกลับมาให้บริการอีกครั้งหลังการหยุดงานสองสัปดาห์", "สภาเมืองตกลงเรื่องค่าซ่อมแซม"]
    assert not writes_sentence_ends(thai)
    long_line = thai[0] + " " + " ".join(thai * 6)
    assert nonstory_flags([*thai, long_line]).tolist()[2] is False


def test_a_japanese_heading_ranks_after_the_story():
    """A heading of many characters but few words was missed by the quick test that counted
    the scan's CJK words, and came first in the ranking."""
    story = [
        "港湾局は１日、老朽化した北側の防波堤を来年春までに改修すると発表した。",
        "改修費は約１２億円で、国と県が半分ずつ負担する。",
        "地元の漁業協同組合は、工事中も漁船の出入りができるよう求めている。",
        "港湾局によると、工事は夜間を中心に進め、漁の時間帯には作業を止める。",
    ]
    heading = "港湾局、北側防波堤を改修へ　漁協「工事中も出入りを」"
    ranked = _rank([*story, heading], "北側防波堤を来年春までに改修　港湾局", "ja")
    assert ranked[-1] == heading
    assert nonstory_reason(heading) is not None


def test_list_lines_of_a_text_dump_are_not_picked():
    story = [
        "The ferry between Marlow and Ashby runs again after a two-week strike.",
        "Crews accepted a pay rise of four percent on Friday evening.",
        "The first boat left Marlow at six in the morning with forty passengers.",
        "The operator said the timetable would be back to normal by Wednesday.",
    ]
    teasers = [
        "* 1 Ferry strike ends: crews accept pay rise?",
        "* 2 Marlow ferry timetable back to normal by Wednesday.",
    ]
    ranked = _rank([*story, *teasers], "Marlow ferry runs again after strike", "en")
    assert set(ranked[:3]) <= set(story)
    assert set(ranked[-2:]) == set(teasers)


def test_every_sentence_of_a_list_item_is_a_list_item():
    sentences = ["The ferry runs again after the strike.", "* [Marlow.", "Day two] Ferry, pier and fish market..."]
    paragraph_of = (0, 1, 1)
    assert nonstory_flags(sentences, paragraph_of=paragraph_of).tolist() == [False, True, True]
    assert nonstory_reason(sentences[2], in_list=True) == "list item"


def test_chinese_lines_are_counted_in_words_as_a_reader_counts_them():
    # 32 characters, about 18 words: a sentence of a blog that writes no full stops, not a
    # heading of three "words" (the runs between its spaces and commas)
    line = "一波波寒流接連報到 已將北方山區的層層山巒披上紅色的彩衣，遊客也跟著上山賞楓"
    assert nonstory_reason(line, needs_end=False) is None
    assert nonstory_reason(line) == "no sentence end"
    assert nonstory_reason("北方山區賞楓 遊客上山") == "heading or teaser (no sentence end)"


def test_the_story_starts_after_the_menu_lines_of_a_dump():
    """Position features count from the first story sentence: menu lines atop a text dump
    do not make the lead look like the fourth sentence."""
    from newsdigest.summarizers.features import FEATURES, analyse
    from newsdigest.summarizers.terms import vocabulary

    menu = ["* Home", "Sign in", "* Sport"]
    story = [
        "The ferry between Marlow and Ashby runs again after a two-week strike.",
        "Crews accepted a pay rise of four percent on Friday evening.",
        "The first boat left Marlow at six in the morning with forty passengers.",
    ]
    sentences = tuple(menu + story)
    doc = Document(sentences, "Marlow ferry runs again", "en", tuple(range(len(sentences))), 3)
    matrix = analyse(doc, vocabulary("en", keep_numbers=True).scan(sentences), 3).matrix
    lead, position = FEATURES.index("lead"), FEATURES.index("position")
    assert matrix[3, lead] == 1.0 and matrix[3, position] == 0.0
    assert matrix[4, lead] == 0.5
    plain = Document(tuple(story), "Marlow ferry runs again", "en", (0, 1, 2), 3)
    plain_matrix = analyse(plain, vocabulary("en", keep_numbers=True).scan(plain.sentences), 3).matrix
    similarity = FEATURES.index("lead_similarity")
    assert matrix[4, similarity] == pytest.approx(plain_matrix[1, similarity])


def test_a_labelled_copy_of_the_headline_is_not_story():
    title = "Marlow ferry runs again after strike"
    sentences = [
        "Link to this story: Marlow ferry runs again after strike",
        "The ferry between Marlow and Ashby runs again after a two-week strike.",
        "Marlow ferry runs again after strike.",
        "Crews say the Marlow ferry runs again after strike talks ended late on Friday in the town hall.",
    ]
    assert nonstory_flags(sentences, title=title).tolist() == [True, False, True, False]
    # a headline of two words recurs in story sentences: it is left alone
    assert not nonstory_flags(["Ferry strike ends after talks."], title="Ferry strike").any()
