"""Key phrases (--keywords N): offline, per language, in every output format."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli

from newsdigest.keywords import key_phrases

STORY = (
    "The Marlow city council approved the harbor budget on Tuesday. "
    "The harbor budget pays for new harbor walls and a ferry pier. "
    "Ferry operators said the ferry pier had been closed for two winters. "
    "The council will vote on the school budget next month."
)


def test_key_phrases_are_few_distinct_and_from_the_text():
    phrases = key_phrases(STORY, 3, "en")
    assert 1 <= len(phrases) <= 3
    assert len({p.lower() for p in phrases}) == len(phrases)
    assert all(p.lower() in STORY.lower() for p in phrases)
    assert any("harbor" in p.lower() or "ferry" in p.lower() for p in phrases)


def test_no_phrases_for_nothing():
    assert key_phrases(STORY, 0, "en") == []
    assert key_phrases("   ", 3, "en") == []


@pytest.mark.parametrize(
    "code, text, expected",
    [
        (
            "de",
            "Die Stadt baut eine neue Hafenbrücke. Die Hafenbrücke kostet vierzig Millionen Euro. "
            "Die Hafenbrücke öffnet im Mai.",
            "hafenbrücke",
        ),
        ("zh", "北京市将建设新的地铁线路。这条地铁线路连接机场。市民欢迎地铁线路。", "地铁线路"),
    ],
)
def test_key_phrases_in_other_languages(code, text, expected):
    assert any(expected in p.lower() for p in key_phrases(text, 3, code))


@pytest.mark.parametrize("fmt", ["json", "text", "markdown"])
def test_keywords_reach_every_format(tmp_path, fmt):
    page = tmp_path / "story.txt"
    page.write_text(STORY, encoding="utf-8")
    result = run_cli("summarize", str(page), "--keywords", "3", "--format", fmt)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    if fmt == "json":
        assert 1 <= len(json.loads(out)["keywords"]) <= 3
    else:
        assert "Keywords:" in out


def test_japanese_key_phrases_are_whole_words_not_windows():
    text = (
        "市はプライバシー保護の新しい規則を発表した。プライバシーの専門家は規則を評価している。"
        "新しい規則は来月から適用され、プライバシー保護の対象が広がる。"
    )
    phrases = key_phrases(text, 3, "ja", for_reader=False)  # extracted for topics, not offered
    assert "プライバシー" in phrases
    assert not any(p in ("ライバシ", "イバシー", "ている") for p in phrases)


THAI = (
    "กรุงเทพมหานครประกาศสร้างสะพานใหม่ข้ามแม่น้ำเจ้าพระยา สะพานนี้จะเปิดใช้ในปีหน้า "
    "ชาวบ้านในพื้นที่ต่างรอคอยสะพานใหม่มานานหลายปี เจ้าหน้าที่กล่าวว่างานก่อสร้างจะเริ่มในเดือนหน้า "
    "ค่าใช้จ่ายทั้งหมดประมาณสองพันล้านบาท "
) * 3


def test_no_key_phrases_where_they_are_not_offered():
    assert key_phrases(THAI, 5, "th") == []


def test_the_cli_says_once_that_keywords_are_not_available(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("สะพานใหม่\n\n" + THAI, encoding="utf-8")
    b.write_text("สะพานเก่า\n\n" + THAI.replace("ใหม่", "เก่า"), encoding="utf-8")
    result = run_cli("summarize", str(a), str(b), "--keywords", "3", "--format", "json")
    assert result.returncode == 0
    lines = result.stderr.decode().splitlines()
    assert [line.endswith("keywords are not available for Thai") for line in lines].count(True) == 1
    assert "keywords" not in result.stdout.decode() or '"keywords": []' in result.stdout.decode()


JAPANESE = "市は新しい橋の計画を発表した。橋の工事は来年始まる。市民は新しい橋を歓迎している。" * 2


def test_keywords_are_not_offered_in_japanese_where_readers_rated_them_under_60_percent():
    assert key_phrases(JAPANESE, 3, "ja") == []
    assert key_phrases(JAPANESE, 3, "ja", for_reader=False)  # topic grouping still compares them


def test_the_cli_says_keywords_are_not_available_for_japanese(tmp_path):
    page = tmp_path / "hashi.txt"
    page.write_text("新しい橋\n\n" + JAPANESE, encoding="utf-8")
    result = run_cli("summarize", str(page), "--keywords", "3", "--format", "json", "--language", "ja")
    assert result.returncode == 0
    assert result.stderr.decode().strip().endswith("keywords are not available for Japanese")
    assert not json.loads(result.stdout).get("keywords")


FERRY = (
    "Putin met with Japanese journalists on Tuesday before the Marlow ferry talks. "
    "The Marlow ferry operator said the Marlow ferry would run again. "
    "Crews of the Marlow ferry accepted the pay rise. The Harbour Authority of Marlow agreed."
)


def test_a_phrase_across_two_phrases_is_no_keyword():
    phrases = [p.lower() for p in key_phrases(FERRY, 8, "en")]
    assert "marlow ferry" in phrases
    # once in the text, across a phrase edge: not a topic
    assert not any("met with" in p or "journalists on" in p or "japanese journalists" in p for p in phrases)


def test_one_keyword_per_word_and_its_plural():
    text = (
        "Whale strandings worry the tribe. The whale beached at dawn near the Ninety Mile beach. "
        "Whales beach when they are sick, elders say. The whale was saved by the tribe. "
        "Whales recover slowly. The whale swam away."
    )
    phrases = key_phrases(text, 6, "en")
    stems = [{word.lower().rstrip("s") for word in phrase.split()} for phrase in phrases]
    assert all(not (a & b) for i, a in enumerate(stems) for b in stems[i + 1 :]), phrases


def test_the_headline_s_words_come_first():
    text = (
        "The council met on Tuesday. The ferry pier was closed for two winters. "
        "The council voted on the budget. The ferry pier reopens in May. The council will meet again."
    )
    assert key_phrases(text, 1, "en", title="Ferry pier reopens")[0].lower() == "ferry pier"


def test_chinese_windows_across_two_words_are_no_keyword():
    text = (
        "国际空间站的宇航员不能喝酒。国际空间站上禁止饮酒。宇航员在国际空间站工作。空间站的宇航员说，国际空间站很安全。"
    )
    phrases = key_phrases(text, 5, "zh")
    assert "国际空间站" in phrases
    assert not any(p in ("际空间站", "国际空间", "际空间") for p in phrases)
