"""A page's date in any language, from the lines around its headline, else from its URL.

The English forms, ISO dates and 年月日 are read by metadata.parse_date. Here:
numeric day-first dates ("Stand: 28.04.2020 18:00 Uhr", "21/03/2019"; month-first
only in English, and only when the day cannot be the month), and dates with a month
name in the page's language ("lundi 9 décembre 2019", "5 марта 2021",
"21.dez.2018"). Month names come from dateparser (a maintained library with ~200
locales), imported only when a line holds a day, a word and a year and the page is
not in English; the start-up cost is paid by those pages only.
"""

from __future__ import annotations

import re
from datetime import date

from ..urls import date_from_url
from . import metadata as md

_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})([./])\s?(\d{1,2})\2\s?((?:19|20)\d\d)(?!\d)")
_DAY_WORD_YEAR = re.compile(
    r"(?<!\d)(\d{1,2})[.\s]\s*(?:de\s+)?([^\W\d_]{3,12})\.?,?\s*(?:de\s+)?((?:19|20)\d\d)(?!\d)"
)
_WORD_DAY_YEAR = re.compile(r"\b([^\W\d_]{3,12})\.?\s+(\d{1,2}),?\s+((?:19|20)\d\d)(?!\d)")
MAX_LINE = 160  # a date line, a byline with a date; longer lines are sentences that mention dates
MAX_LINES = 80  # lines searched, from the top of the page down to the story


def find_date(lines: list[str], language: str | None, url: str | None = None) -> str | None:
    """The first date (YYYY-MM-DD) in `lines`, read in `language`; else the URL's date."""
    for line in lines[:MAX_LINES]:
        if len(line) > MAX_LINE or not any(ch.isdigit() for ch in line):
            continue
        found = md.parse_date(line)[0] or _numeric(line, language) or _worded(line, language)
        if found:
            return found[:10]

    return date_from_url(url)


def _iso(y: int, mo: int, d: int) -> str | None:
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


def _numeric(line: str, language: str | None) -> str | None:
    for m in _NUMERIC.finditer(line):
        a, b, y = int(m[1]), int(m[3]), int(m[4])
        if language == "en" and m[2] == "/" and a <= 12:
            a, b = b, a  # 03/21/2019
        found = _iso(y, b, a)
        if found:
            return found
    return None


def _worded(line: str, language: str | None) -> str | None:
    if not language or language == "en":
        return None
    spans = [(m[1], m[2], m[3]) for m in _DAY_WORD_YEAR.finditer(line)]
    spans += [(m[2], m[1], m[3]) for m in _WORD_DAY_YEAR.finditer(line)]
    for day, word, year in spans:
        month = _month_number(word, language)
        if month:
            found = _iso(int(year), month, int(day))
            if found:
                return found
    return None


_MONTH_CACHE: dict[tuple[str, str], int | None] = {}


def _month_number(word: str, language: str) -> int | None:
    """The month a word names in `language` ("décembre" -> 12, "марта" -> 3), or None."""
    key = (word.lower(), language)
    if key not in _MONTH_CACHE:
        _MONTH_CACHE[key] = _parse_month(word, language)
    return _MONTH_CACHE[key]


def _parse_month(word: str, language: str) -> int | None:
    try:
        import dateparser
    except ImportError:  # an optional speed-up of nothing: without it, no worded dates
        return None
    try:
        parsed = dateparser.parse(f"15 {word} 2001", languages=[language], settings={"DATE_ORDER": "DMY"})
    except Exception:  # an unknown language code, a locale dateparser lacks
        return None
    return parsed.month if parsed and parsed.year == 2001 and parsed.day == 15 else None
