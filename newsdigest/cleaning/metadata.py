"""Metadata from the words of a page: bylines, datelines, publishers, dates.

Shared by the text and HTML cleaners. The rule throughout: a wrong author is
worse than none, so anything doubtful becomes None (or an empty list).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)


_ISO_DATE = re.compile(r"\b((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]+(\d{1,2}):(\d\d)(?::(\d\d))?)?")
_MDY = re.compile(rf"\b({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_CJK_DATE = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH}),?\s+((?:19|20)\d\d)\b", re.IGNORECASE)

# "By Cao Yin (China Daily)", "By Jane Doe and John Roe, Staff Writers", "By MARIA LOPEZ | Published ..."
_BYLINE = re.compile(r"^\s*(?:(?:written|posted|reported|words|story|text)\s+)?by[:\s]+(?P<rest>.+)$", re.IGNORECASE)
_NOT_NAME_WORDS = {
    "staff",
    "writer",
    "writers",
    "reporter",
    "reporters",
    "correspondent",
    "editor",
    "editors",
    "updated",
    "published",
    "posted",
    "news",
    "agency",
    "agencies",
    "desk",
    "team",
    "contributor",
    "associated",
    "press",
    "reuters",
    "afp",
    "ap",
    "daily",
    "times",
    "post",
    "herald",
    "online",
    "share",
    "min",
    "read",
    "comments",
    "photo",
    "photos",
    "video",
}
_PUBLISHER_IN_PARENS = re.compile(r"\(([^()]{2,60})\)")
_DATE_LABEL = re.compile(r"\b(updated|published|posted|last modified|modified)\s*:?\s*", re.IGNORECASE)

# The longest headlines in print run to about 150 characters; a "title", section,
# author or publisher far past that is a paragraph (or a run of junk) taken for one.
MAX_FIELD = 300


def limited(meta):
    """`meta` with no field over MAX_FIELD characters: a long title is cut at a word, others dropped."""
    changes = {}
    if meta.title and len(meta.title) > MAX_FIELD:
        cut = meta.title[: MAX_FIELD - 1]
        cut = cut.rsplit(" ", 1)[0] if " " in cut[MAX_FIELD // 2 :] else cut
        changes["title"] = cut.rstrip(" ,;:-–—") + "…"
    for name in ("section", "publisher"):
        value = getattr(meta, name)
        if value and len(value) > MAX_FIELD:
            changes[name] = None
    if any(len(a) > MAX_FIELD for a in meta.authors):
        changes["authors"] = tuple(a for a in meta.authors if len(a) <= MAX_FIELD)
    return replace(meta, **changes) if changes else meta


def parse_date(text: str) -> tuple[str | None, bool]:
    """The first date in `text` as ISO 8601, and whether it carried a time of day."""
    found = []
    for match in _ISO_DATE.finditer(text):
        y, mo, d = int(match[1]), int(match[2]), int(match[3])
        hh, mm = match[4], match[5]
        found.append((match.start(), _iso(y, mo, d, hh, mm)))
    for match in _MDY.finditer(text):
        mo = MONTHS.get(_month_key(match[1]))
        found.append((match.start(), _iso(int(match[3]), mo, int(match[2]), None, None)))
    for match in _DMY.finditer(text):
        found.append((match.start(), _iso(int(match[3]), MONTHS.get(_month_key(match[2])), int(match[1]), None, None)))
    for match in _CJK_DATE.finditer(text):
        found.append((match.start(), _iso(int(match[1]), int(match[2]), int(match[3]), None, None)))
    found = [f for f in found if f[1]]
    if not found:
        return None, False
    value = min(found)[1]
    return value, "T" in value


def _month_key(name: str) -> str:
    key = name.lower().rstrip(".")
    return key if key in MONTHS else key[:3]


def _iso(y: int, mo: int | None, d: int, hh: str | None, mm: str | None) -> str | None:
    if not mo:
        return None
    try:
        if hh is not None and mm is not None:
            return datetime(y, mo, d, int(hh), int(mm)).strftime("%Y-%m-%dT%H:%M")
        return datetime(y, mo, d).strftime("%Y-%m-%d")
    except ValueError:
        return None


def split_dates(text: str) -> tuple[str | None, str | None]:
    """(published, updated) from a line like "Published 12 Feb 2025 | Updated 13 Feb 2025"."""
    published = updated = None
    labels = list(_DATE_LABEL.finditer(text))
    if not labels:
        value, _ = parse_date(text)
        return value, None
    for i, label in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        value, _ = parse_date(text[label.end() : end])
        if not value:
            continue
        if label[1].lower() in ("updated", "last modified", "modified"):
            updated = updated or value
        else:
            published = published or value
    if published is None and updated is not None:
        published = updated  # only one date shown: it is the best we know of publication
    return published, updated


_PARTICLES = {"de", "van", "von", "da", "del", "della", "la", "le", "bin", "ibn", "al", "dos", "du", "der", "ter", "y"}


def _name_word(word: str) -> bool:
    """ "Hélène", "O'Neill", "Jean-Luc", "J.", "McAdams", or a particle such as "van"."""
    if word.lower() in _PARTICLES:
        return True
    head, dash, tail = word.partition("-")
    if dash and head.lower() in _PARTICLES and tail[:1].isupper():
        return _name_word(tail)  # "al-Hassan", "el-Sayed"
    if not word[:1].isupper():
        return False
    if len(word) == 2 and word[1] == ".":
        return True  # an initial
    return all(ch.isalpha() or ch in "'’-." for ch in word) and any(ch.islower() for ch in word)


def looks_like_name(candidate: str) -> bool:
    words = candidate.split()
    if not 2 <= len(words) <= 5 or not all(_name_word(w) for w in words):
        return False
    if words[0].lower() in _PARTICLES:
        return False
    if any(w.lower().strip(".") in _NOT_NAME_WORDS for w in words):
        return False
    return not any(ch.isdigit() for ch in candidate)


_HONORIFIC = re.compile(r"^(?:dr|prof|mr|mrs|ms|mx|sir|dame|rev|fr)\.?\s+(?=\S+\s)", re.IGNORECASE)


def parse_authors(text: str) -> list[str]:
    """Names from an author string ("Jane Doe and John Roe, Staff Writers"); [] when unsure."""
    text = _PUBLISHER_IN_PARENS.sub(" ", text)
    text = re.sub(r"^\s*by\b[:\s]*", "", text, flags=re.IGNORECASE)  # "By Owen Price" in a JSON-LD author name
    text = re.split(r"\s[|•·–—]\s|\s-\s|\b(?:updated|published|posted)\b|\d", text, maxsplit=1, flags=re.IGNORECASE)[0]
    parts = re.split(r"\s*(?:,|&|\band\b|;)\s*", text.strip(" ,.:"))
    names = []
    for part in parts:
        part = part.strip(" .,:")
        if not part:
            continue
        if part.isupper() and len(part) > 3:
            part = part.title()
        part = _HONORIFIC.sub("", part)
        if looks_like_name(part):
            names.append(part)
        elif part.lower().split()[0] in _NOT_NAME_WORDS:
            continue  # "Staff Writers", "Reuters": a role or agency, not a person
        else:
            return []  # something we do not understand: no authors rather than a wrong one
    return names


def parse_byline(line: str) -> dict | None:
    """Authors, publisher and dates from a byline such as
    "By Cao Yin (China Daily) Updated: 2014-11-20 07:00". None if `line` is no byline."""
    match = _BYLINE.match(line)
    if not match or len(line) > 200:
        return None
    rest = match["rest"]
    publisher = None
    paren = _PUBLISHER_IN_PARENS.search(rest)
    if paren and not any(ch.isdigit() for ch in paren[1]):
        publisher = paren[1].strip()
    authors = parse_authors(rest)
    published, updated = split_dates(rest)
    if not authors and not publisher and not published:
        return None
    return {"authors": authors, "publisher": publisher, "date": published, "updated": updated}


_DATELINE = re.compile(
    r"^\s*(?:(?:published|updated|posted|last updated)\b[:\s]*|[A-Z][a-z]+day,?\s+)?"
    rf"(?:{MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTH}\s+\d{{4}}|\d{{4}}-\d\d-\d\d|\d{{4}}年\d{{1,2}}月\d{{1,2}}日)",
    re.IGNORECASE,
)


def is_dateline(line: str) -> bool:
    """A line that is only a date and time ("Published March 3, 2025 at 9:14 a.m.")."""
    if _CJK_DATE.search(line) and len(line) <= 40:
        return True  # "本报记者 林晓雯 2024年10月8日": a short line built around a date
    if len(line) > 90 or not _DATELINE.match(line):
        return False
    rest = _DATELINE.sub("", line, count=1)
    return len(re.findall(r"[A-Za-z]{4,}", rest)) <= 4
