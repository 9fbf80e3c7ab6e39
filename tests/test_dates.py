"""Dates in any language: numeric day-first, month names in the page's language, the URL as fallback."""

from __future__ import annotations

import pytest

from newsdigest.cleaning.dates import find_date
from newsdigest.urls import date_from_url as url_date


@pytest.mark.parametrize(
    "line, lang, expected",
    [
        ("Stand: 28.04.2026 18:00 Uhr", "de", "2026-04-28"),
        ("lundi 9 décembre 2026 à 09h08", "fr", "2026-12-09"),
        ("21.dez.2026 às 12h55", "pt", "2026-12-21"),
        ("Опубликовано 5 марта 2026", "ru", "2026-03-05"),
        ("Dodano: 12 października 2026, 10:15", "pl", "2026-10-12"),
        ("Actualizado domingo 28/10/2026 03:21 horas", "es", "2026-10-28"),
        ("Posted 03/21/2026", "en", "2026-03-21"),
        ("2026年3月1日 10:00", "ja", "2026-03-01"),
    ],
)
def test_dates_in_the_page_language(line, lang, expected):
    assert find_date(["Menü", line, "Teilen"], lang) == expected


def test_no_date_and_a_word_that_is_no_month():
    assert find_date(["Seite 12 von 2026 Einträgen"], "de") is None
    assert find_date(["Impressum"], "de") is None


def test_the_url_is_the_fallback():
    assert url_date("https://example.org/news/2026/05/03/bridge-opens") == "2026-05-03"
    assert url_date("https://example.org/news/2026/13/03/x") is None
    assert find_date(["Impressum"], "de", "https://example.org/2026/05/03/story.html") == "2026-05-03"


def test_a_text_dump_gets_its_date():
    from newsdigest.api import clean_text

    story = [
        "Die Stadt will im Frühjahr mit dem Bau der neuen Brücke über den Fluss beginnen, teilte die Verwaltung mit.",
        "Die Kosten werden auf rund zwölf Millionen Euro geschätzt, etwa ein Drittel mehr als zunächst geplant.",
        "Anwohner hatten sich seit Jahren über den Verkehr auf der alten Brücke beklagt, die nur einspurig ist.",
    ]
    article = clean_text("\n\n".join(["Neue Brücke für die Altstadt", "Stand: 28.04.2026 18:00 Uhr", *story]))
    assert article.meta.date == "2026-04-28"
