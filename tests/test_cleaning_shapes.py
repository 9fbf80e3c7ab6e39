"""Boilerplate found by its shape in any language: comment headers, rankings, table rows."""

from __future__ import annotations

from newsdigest.api import clean_text
from newsdigest.cleaning.shapes import shape_boilerplate

STORY = [
    "Die Stadt will im Frühjahr mit dem Bau der neuen Brücke über den Fluss beginnen, teilte die Verwaltung mit.",
    "Die Kosten werden auf rund zwölf Millionen Euro geschätzt, etwa ein Drittel mehr als zunächst geplant.",
    "Anwohner hatten sich seit Jahren über den Verkehr auf der alten Brücke beklagt, die nur einspurig befahrbar ist.",
    "Der Gemeinderat soll im März über die endgültigen Pläne abstimmen, hieß es weiter aus dem Rathaus.",
]


def test_comment_headers_with_date_and_time_go():
    headers = [f"小明的家 於 2026/01/0{d} 20:1{d} 回覆" for d in range(1, 4)]
    texts = [*STORY, *(x for h in headers for x in (h, "謝謝分享，很有用！"))]
    sure = shape_boilerplate(texts, [True] * 4 + [False] * 6)
    assert {texts.index(h) for h in headers} <= set(sure)
    assert not set(sure) & set(range(4))


def test_one_date_line_is_not_a_list():
    texts = ["Stand: 28.04.2026 18:00 Uhr", *STORY]
    assert shape_boilerplate(texts, [False] + [True] * 4) == {}


def test_a_ranking_of_other_stories_goes():
    ranking = ["* 1 Streit um Parkplätze eskaliert", "* 2 Neues Café am Markt", "* 3 Bahn sperrt Strecke"]
    texts = [*STORY, *ranking]
    sure = shape_boilerplate(texts, [True] * 4 + [False] * 3)
    assert set(sure) == {4, 5, 6}


def test_two_numbered_lines_and_repeated_numbers_stay():
    texts = [
        *STORY,
        "* 1 Streit um Parkplätze",
        "* 2 Neues Café",
        "Ende",
        "* 2020 Gründung",
        "* 2020 Umzug",
        "* 2020 Neubau",
    ]
    assert shape_boilerplate(texts, [True] * 4 + [False] * 6) == {}


def test_table_rows_go_but_prose_with_a_bar_stays():
    texts = [
        *STORY,
        "| 5 | Mainz | 5 | 10",
        "Der Sender | ARD berichtete am Abend ausführlich über die Pläne der Stadt.",
    ]
    assert shape_boilerplate(texts, [True] * 4 + [False, True]) == {4: ("table row", False)}


def test_a_table_inside_or_right_after_the_story_stays():
    table = ["| 1 | Mainz | 5 | 10", "| 2 | Köln | 5 | 9", "| 3 | Bonn | 5 | 7"]
    article = clean_text("\n\n".join(["Neue Brücke für die Altstadt", *STORY[:2], *table, *STORY[2:]]))
    assert all(row in article.text for row in table)
    article = clean_text("\n\n".join(["Neue Brücke für die Altstadt", *STORY, "Tabelle:", *table]))
    assert all(row in article.text for row in table)


def test_the_cleaner_drops_them_from_a_text_dump():
    side = ["Mehr aus der Region", "Sport", "Tabelle", "Bundesliga, 5. Spieltag"]
    page = "\n\n".join(
        [
            "Neue Brücke für die Altstadt",
            *STORY,
            *side,
            "| 1 | Mainz | 5 | 10",
            "| 2 | Köln | 5 | 9",
            "| 3 | Bonn | 5 | 7",
        ]
    )
    article = clean_text(page)
    assert article.paragraphs[:4] == tuple(STORY)
    assert "Mainz" not in article.text and "Bonn" not in article.text
