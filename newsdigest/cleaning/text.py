"""Clean a plain-text copy of a news page: keep the story, drop the page around it.

The page is cut into lines (hard-wrapped paragraphs are joined first). Each line
is labelled from evidence that generalizes across sites: its length, whether it
reads as sentences, whether it looks like a menu, a byline, a dateline or a
boilerplate heading. The story is the run from the first to the last prose
line; labels decide which short lines inside that run stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Metadata, Removed
from . import metadata as md
from .repair import collapse_repeated_fragment, drop_repeated_paragraphs

# A story line reads as prose: enough words and sentence punctuation. News
# paragraphs are rarely under 12 words; teasers and menu items rarely over 12.
PROSE_MIN_WORDS = 12
PROSE_ANY_WORDS = 25  # this long, a line is prose even without a final full stop
SENTENCE_END = re.compile(r"[.!?。！？…]['\"”’)\]]*$")
_NAV_SEPARATORS = re.compile(r"\s+(?:[|/>»•·›]|::)\s+|\s*\|\s*")
_BOILERPLATE_HEADINGS = re.compile(
    r"^(?:hot topics|editor'?s'? picks?|related(?: stories| articles| news| content| coverage)?|"
    r"most (?:popular|read|viewed|shared)|more (?:stories|news|from [\w ]+)|trending(?: now)?|"
    r"top stories|latest(?: news| stories)?|recommended(?: for you)?|you may also like|"
    r"read more|see also|advertisement|sponsored(?: content)?|share(?: this)?(?: article| story)?|"
    r"comments?|follow us|sign up|subscribe|newsletter|popular|what to read next|"
    r"in (?:other|related) news|also read|watch|video|photos?|more)\s*[:.]?$",
    re.IGNORECASE,
)
_BOILERPLATE_LINE = re.compile(
    r"(?:©|\(c\)\s*\d{4}|copyright\b|all rights reserved|privacy policy|terms of (?:use|service)|"
    r"cookie (?:policy|settings)|\bsubscribe\b|sign up for|newsletter|share (?:this|on)|"
    r"follow us on|click here|\d+\s*min(?:ute)?s? read|read more\b|^read more|^advertisement$|"
    r"log ?in\b|sign in\b|download (?:our|the) app|contact us)",
    re.IGNORECASE,
)
_CAPTION = re.compile(r"\((?:photo|image|picture|credit|file photo)[^)]*\)\s*$|^(?:photo|image|picture)\s*:", re.IGNORECASE)


@dataclass
class TextCleanResult:
    paragraphs: list[str]
    removed: list[Removed]
    meta: Metadata
    extra: dict = field(default_factory=dict)


def _join_wrapped(block: list[str]) -> list[str]:
    """Join hard-wrapped lines of one blank-line-separated block into paragraphs."""
    if len(block) < 2:
        return block
    lengths = [len(line) for line in block[:-1]]
    wrapped = all(40 <= n <= 100 for n in lengths) and max(lengths) - min(lengths) < 40
    if not wrapped:
        return block
    if not all(len(line.split()) >= 5 for line in block[:-1]):
        return block
    return [" ".join(line.strip() for line in block)]


def _lines(text: str) -> list[str]:
    blocks: list[list[str]] = [[]]
    for raw in text.split("\n"):
        line = raw.strip()
        if line:
            blocks[-1].append(re.sub(r"[ \t]+", " ", line))
        elif blocks[-1]:
            blocks.append([])
    out: list[str] = []
    for block in blocks:
        out.extend(_join_wrapped(block))
    return out


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def word_count(line: str) -> int:
    """Words in a line; Chinese and Japanese have no spaces, so two characters count as a word
    (the average length of a Chinese word is about 1.5 to 2 characters)."""
    cjk = len(_CJK.findall(line))
    if not cjk:
        return len(line.split())
    return len(_CJK.sub(" ", line).split()) + (cjk + 1) // 2


def is_prose(line: str) -> bool:
    words = word_count(line)
    if words >= PROSE_ANY_WORDS and not _NAV_SEPARATORS.search(line):
        return True
    return words >= PROSE_MIN_WORDS and bool(SENTENCE_END.search(line))


def is_nav(line: str) -> bool:
    """A menu or breadcrumb: several short items joined by separators."""
    items = [p for p in _NAV_SEPARATORS.split(line) if p.strip()]
    if len(items) < 2:
        return False
    return all(len(item.split()) <= 5 for item in items) and not SENTENCE_END.search(items[-1])


def _label(line: str) -> tuple[str, dict | None]:
    byline = md.parse_byline(line)
    if byline:
        return "byline", byline
    if md.is_dateline(line):
        return "dateline", None
    if _BOILERPLATE_HEADINGS.match(line):
        return "heading", None
    if is_prose(line):
        if _BOILERPLATE_LINE.search(line) and len(line.split()) < 30:
            return "boilerplate", None
        return "prose", None
    if is_nav(line):
        return "nav", None
    if _CAPTION.search(line):
        return "caption", None
    if _BOILERPLATE_LINE.search(line):
        return "boilerplate", None
    return "short", None


_REASONS = {
    "byline": "byline",
    "dateline": "dateline",
    "heading": "boilerplate heading (related links, footer, share prompt)",
    "boilerplate": "boilerplate (copyright, subscribe or share prompt, reading time)",
    "nav": "navigation menu or breadcrumb",
    "caption": "photo caption or credit",
    "short": "short line outside the story (teaser, label or menu item)",
}
_COPYRIGHT_OWNER = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*([A-Z][\w&.' -]{2,60}?)(?:[.,|]|\s+all rights|\s*$)", re.IGNORECASE)


def clean_plain(text: str) -> TextCleanResult:
    lines = _lines(text)
    labels = [_label(line) for line in lines]
    prose_at = [i for i, (kind, _) in enumerate(labels) if kind == "prose"]
    removed: list[Removed] = []
    meta: dict = {"authors": (), "publisher": None, "date": None, "updated": None, "section": None, "title": None}

    first = prose_at[0] if prose_at else len(lines)
    last = prose_at[-1] if prose_at else -1

    # Metadata from the lines above the story (and bylines anywhere).
    for i, (kind, info) in enumerate(labels):
        if kind == "byline" and info and not meta["authors"] and not meta["publisher"]:
            meta["authors"] = tuple(info["authors"])
            meta["publisher"] = info["publisher"]
            meta["date"] = meta["date"] or info["date"]
            meta["updated"] = meta["updated"] or info["updated"]
        elif kind == "dateline" and not meta["date"]:
            meta["date"], meta["updated"] = md.split_dates(lines[i])
    title_at = _find_title(lines, labels, first)
    if title_at is not None:
        meta["title"] = lines[title_at]
    section = _find_section(lines, labels, title_at if title_at is not None else first)
    if section:
        meta["section"] = section
    if not meta["publisher"]:
        for line in lines[last + 1 :] if last >= 0 else lines:
            owner = _COPYRIGHT_OWNER.search(line)
            if owner and not any(ch.isdigit() for ch in owner[1]):
                meta["publisher"] = owner[1].strip(" .")
                break

    kept: list[str] = []
    after_heading = False
    for i, line in enumerate(lines):
        kind = labels[i][0]
        if i == title_at:
            removed.append(Removed(line, "title (reported as metadata)"))
            continue
        if i < first or i > last:
            where = "before the story" if i < first else "after the story"
            reason = _REASONS.get(kind, "outside the story")
            removed.append(Removed(line, f"{reason}, {where}" if kind in ("short", "prose") else reason))
            continue
        if kind == "prose":
            kept.append(collapse_repeated_fragment(line))
            after_heading = False
            continue
        if kind == "heading":
            after_heading = True
        if kind == "short" and not after_heading and _is_subheading(line, lines, i):
            kept.append(line)
            continue
        removed.append(Removed(line, _REASONS[kind]))

    paragraphs, dropped = drop_repeated_paragraphs(kept)
    removed.extend(Removed(p, "repeated paragraph") for p in dropped)
    return TextCleanResult(
        paragraphs=paragraphs,
        removed=removed,
        meta=Metadata(
            title=meta["title"],
            authors=tuple(meta["authors"]),
            publisher=meta["publisher"],
            section=meta["section"],
            date=meta["date"][:10] if meta["date"] else None,  # the day; the time stays in `updated`
            updated=meta["updated"],
        ),
    )


def _is_subheading(line: str, lines: list[str], i: int) -> bool:
    """A short line inside the story that introduces the next paragraph, not a teaser.

    Teasers come in runs of short lines; a subheading stands alone between prose."""
    before = i > 0 and is_prose(lines[i - 1])
    after = i + 1 < len(lines) and is_prose(lines[i + 1])
    return before and after and 2 <= len(line.split()) <= 10


def _find_title(lines: list[str], labels: list[tuple[str, dict | None]], first: int) -> int | None:
    """The headline: the short line just above the byline, else the last plain short
    line above the story."""
    head = range(min(first, len(lines)))
    for i in head:
        if labels[i][0] in ("byline", "dateline"):
            for j in range(i - 1, -1, -1):
                if labels[j][0] in ("short",) and 3 <= word_count(lines[j]) <= 25:
                    return j
                if labels[j][0] not in ("dateline", "byline", "boilerplate", "heading", "caption"):
                    break
            break
    candidates = [i for i in head if labels[i][0] == "short" and 3 <= word_count(lines[i]) <= 25]
    return candidates[-1] if candidates else None


def _find_section(lines: list[str], labels: list[tuple[str, dict | None]], before: int) -> str | None:
    """The section from a breadcrumb above the headline ("Business / World Internet Conference")."""
    for i in range(min(before, len(lines)) - 1, -1, -1):
        if labels[i][0] == "nav" and re.search(r"\s(?:/|>|»|›)\s", lines[i]):
            items = [p.strip() for p in re.split(r"\s(?:/|>|»|›)\s", lines[i]) if p.strip()]
            items = [p for p in items if p.lower() not in ("home", "news", "homepage", "index")]
            return items[0] if items else None
    # A kicker: one to three capitalised words alone just above the headline ("Farming").
    kicker = before - 1
    if 0 <= kicker < len(lines) and labels[kicker][0] == "short":
        words = lines[kicker].split()
        if 1 <= len(words) <= 3 and all(w[:1].isupper() or w == "&" for w in words) and not SENTENCE_END.search(lines[kicker]):
            return lines[kicker]
    return None
