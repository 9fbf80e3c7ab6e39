"""Chinese and Japanese: words counted for budgets, sentences joined without a space."""

from __future__ import annotations

from newsdigest.api import SummaryOptions, summarize_text
from newsdigest.sentences.words import count_words, join_sentences
from newsdigest.summarizers.length import Length

ZH = [
    "市政府今天宣布，新的跨河大桥将于明年春天开工，预计总投资十二亿元。",
    "大桥全长一千二百米，双向六车道，建成后从城东到城西只需十分钟。",
    "附近居民多年来一直抱怨老桥拥堵，每天早晚高峰都要排队半小时以上。",
    "市长在发布会上表示，工程将分三期进行，第一期主要建设桥墩和引桥部分。",
    "专家认为，新桥将带动城西新区的发展，吸引更多企业前来投资。",
    "交通部门提醒市民，施工期间部分道路将临时封闭，请提前规划出行路线。",
]


def test_cjk_words_are_counted_not_sentences():
    assert count_words("The ferry left on time.") == 5
    assert 15 <= count_words(ZH[0]) <= 20  # 31 characters, about 17 words
    assert count_words("東京でiPhone 15を買った。") == 2 + round(7 / 1.8)  # 東京で を買った: 7 characters


def test_cjk_sentences_join_without_a_space():
    assert join_sentences(ZH[:2]) == ZH[0] + ZH[1]
    assert join_sentences(["The ferry left.", "It rained."]) == "The ferry left. It rained."
    assert join_sentences(["大桥开工。", "The mayor spoke."]) == "大桥开工。 The mayor spoke."


def test_a_word_budget_holds_a_few_chinese_sentences_not_all():
    text = "新桥明年开工\n\n" + "\n\n".join(ZH)
    summary = summarize_text(text, SummaryOptions(length=Length(words=40)))
    assert 1 <= len(summary.sentences) < len(ZH)
    assert summary.words_out <= 40
    assert " " not in summary.text
