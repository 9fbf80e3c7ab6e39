"""Clean a plain-text copy of a news page: keep the story, drop the page around it.

The page is cut into lines. A line classifier shipped with the package
(`model.py`, trained by benchmarks/train_cleaner.py) scores each line from
evidence that generalizes across sites: its length, sentence punctuation,
stop words, capitals, list bullets and separators, byline/date/reading-time
and boilerplate patterns, its place in the page, the densest run of prose, and
its neighbours. Lines scored as story are kept; every other line is reported
in `removed` with a reason a person can read (menu, byline, teaser, ...).

Hand rules still do what rules do best: pull out the headline, byline, dates,
section and publisher, and name the kind of each removed line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Metadata, Removed
from . import headline
from . import metadata as md
from .blocks import DETACHED_REASON, FORM_REASON, detached, edge_appeals, form_blocks
from .features import Line, split_lines
from .repair import collapse_repeated_fragment, drop_repeated_paragraphs
from .shapes import STAMP_REASON, TICKER_REASON, shape_boilerplate

# A story line reads as prose: enough words and sentence punctuation. News
# paragraphs are rarely under 12 words; teasers and menu items rarely over 12.
PROSE_MIN_WORDS = 12
PROSE_ANY_WORDS = 25  # this long, a line is prose even without a final full stop
SENTENCE_END = re.compile(r"[.!?。！？…]['\"”’)\]]*$")
_NAV_SEPARATORS = re.compile(r"\s+(?:[|/>»•·›]|::)\s+|\s*\|\s*")
_BULLET = re.compile(r"^(?:[*+•▪●◦‣·\-–—o]\s|\d{1,3}[.)]\s)")
_BOILERPLATE_HEADINGS = re.compile(
    r"^(?:hot topics|editor'?s'? picks?|related(?: stories| articles| news| content| coverage)?|"
    r"most (?:popular|read|viewed|shared)|more (?:stories|news|from [\w ]+)|trending(?: now)?|"
    r"top stories|latest(?: news| stories)?|recommended(?: for you)?|you may also like|"
    r"read more|see also|advertisement|sponsored(?: content)?|share(?: this)?(?: article| story)?|"
    r"comments?|follow us|sign up|subscribe|newsletter|popular|what to read next|"
    r"in (?:other|related) news|also read|watch|video|photos?|more|"
    r"(?:trending|popular|top|recent|featured|latest|more|related|recommended|suggested)"
    r"(?: news| stories| posts| articles| videos| reads| reading| links| topics| content)(?: for you| now)?|"
    r"you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|"
    r"more (?:on|in|about) (?:this|[\w&' -]{1,30}))\s*[:.]?$",
    re.IGNORECASE,
)
_BOILERPLATE_LINE = re.compile(
    r"(?:©|\(c\)\s*\d{4}|copyright\b|all rights reserved|privacy policy|terms of (?:use|service)|"
    r"cookie (?:policy|settings)|\bsubscribe\b|sign up for|newsletter|share (?:this|on)|"
    r"follow us on|click here|\d+\s*min(?:ute)?s? read|read more\b|^read more|^advertisement$|"
    r"log ?in\b|sign in\b|download (?:our|the) app|contact us)",
    re.IGNORECASE,
)
_CAPTION = re.compile(
    r"\((?:photo|image|picture|credit|file photo)[^)]*\)\s*$|^(?:photo|image|picture)\s*:", re.IGNORECASE
)
_COPYRIGHT_OWNER = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*"
    r"([A-Z][\w&.' -]{2,60}?)(?:[.,|]|\s+all rights|\s*$)",
    re.IGNORECASE,
)
# Removed lines that are never the headline: the lines of a ticker or a comment thread.
_NOT_TITLE = frozenset({STAMP_REASON, TICKER_REASON})
# When the classifier keeps nothing, the densest run of prose is the story if it
# holds at least this many words: less is a menu page's blurb, not a story.
FALLBACK_MIN_WORDS = 40


@dataclass
class TextCleanResult:
    paragraphs: list[str]
    removed: list[Removed]
    meta: Metadata
    extra: dict = field(default_factory=dict)


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def word_count(line: str) -> int:
    """Words in a line; Chinese and Japanese have no spaces, so two characters count as a word
    (the average length of a Chinese word is about 1.5 to 2 characters)."""
    if line.isascii():
        return len(line.split())
    cjk = len(_CJK.findall(line))
    if not cjk:
        return len(line.split())
    return len(_CJK.sub(" ", line).split()) + (cjk + 1) // 2


def is_prose(line: str) -> bool:
    words = word_count(line)
    if words >= PROSE_ANY_WORDS and not _NAV_SEPARATORS.search(line[:240]):
        return True
    return words >= PROSE_MIN_WORDS and bool(SENTENCE_END.search(line[-8:]))


def is_nav(line: str) -> bool:
    """A menu or breadcrumb: several short items joined by separators."""
    items = [p for p in _NAV_SEPARATORS.split(line) if p.strip()]
    if len(items) < 2:
        return False
    return all(len(item.split()) <= 5 for item in items) and not SENTENCE_END.search(items[-1])


def label(line: str) -> tuple[str, dict | None]:
    """What a line looks like to hand rules: byline, dateline, heading, boilerplate,
    prose, nav, list, caption or short (and a byline's parsed parts)."""
    byline = md.parse_byline(line)
    if byline:
        return "byline", byline
    if md.is_dateline(line):
        return "dateline", None
    if _BOILERPLATE_HEADINGS.match(line):
        return "heading", None
    if is_prose(line):
        if len(line) < 250 and _BOILERPLATE_LINE.search(line) and len(line.split()) < 30:
            return "boilerplate", None
        return "prose", None
    if is_nav(line):
        return "nav", None
    if _CAPTION.search(line):
        return "caption", None
    if _BOILERPLATE_LINE.search(line):
        return "boilerplate", None
    if _BULLET.match(line):
        return "list", None
    return "short", None


_REASONS = {
    "byline": "byline",
    "dateline": "date line",
    "heading": "heading of a related-links, share or footer block",
    "boilerplate": "boilerplate (copyright, subscribe, share or login prompt, reading time)",
    "nav": "navigation menu or breadcrumb",
    "caption": "photo caption or credit",
    "list": "list of links (menu, related stories)",
    "short": "short line (teaser headline, label or menu item)",
    "prose": "text that is not part of the story (another story's teaser, a comment, a footer)",
}


def _reason(kind: str, where: str, score: float | None) -> str:
    reason = f"{_REASONS.get(kind, 'not part of the story')}, {where}"
    return reason if score is None else f"{reason} (story score {score:.2f})"


def story_scores(lines: list[Line]) -> list[float]:
    """The classifier's story probability for each line."""
    from .features import page_matrix
    from .model import score_lines

    if not lines:
        return []
    return [float(p) for p in score_lines(page_matrix(lines))]


# Cleaning judges at most this many lines of a document. A real page has a few
# hundred (the longest of the 577 dev pages: 1,406 lines as text, 1,508 rendered
# from HTML); a document thirteen times that is a book, a log or an attack, and
# at some 60 us a line the classifier and the hand rules would take minutes on
# 20 MB of short lines. The lines past the cap are kept when they read as prose
# (`is_prose`, a few us a line): see `with_tail`.
MAX_CLASSIFIED_LINES = 20_000
PAST_THE_CAP = f"not prose, past the first {MAX_CLASSIFIED_LINES:,} lines (only prose is kept there)"


def with_tail(result: TextCleanResult, tail: list[Line]) -> TextCleanResult:
    """`result` (of the first MAX_CLASSIFIED_LINES lines) with the prose lines of `tail` added."""
    if not tail:
        return result
    kept: list[str] = []
    removed = list(result.removed)
    for line in tail:
        if is_prose(line.text):
            kept.append(collapse_repeated_fragment(line.text))
        else:
            removed.append(Removed(line.text, PAST_THE_CAP))
    paragraphs, dropped = drop_repeated_paragraphs(list(result.paragraphs) + kept)
    removed.extend(Removed(p, "repeated paragraph") for p in dropped)
    return TextCleanResult(paragraphs, removed, result.meta, result.extra)


def threshold(kind: str = "text") -> float:
    from .model import load_model

    return load_model(kind).threshold


def _fallback(lines: list[Line]) -> set[int]:
    """The prose lines of the densest run of prose, when the classifier kept nothing."""
    from .features import densest_run

    prose = [is_prose(line.text) for line in lines]
    weights = [len(line.text) if p else -min(len(line.text), 80) - 20 for line, p in zip(lines, prose)]
    a, b = densest_run(weights)
    chosen = {i for i in range(a, b + 1) if prose[i]}
    if sum(word_count(lines[i].text) for i in chosen) < FALLBACK_MIN_WORDS:
        return set()
    return chosen


_READ_TIME = re.compile(r"^\W*\d+\s*(?:-\s*)?min(?:ute)?s?\.?\s+(?:read|to read)\W*$|^reading time\b", re.IGNORECASE)
# "Read more: Another story's headline": a link to another story inside this one.
_TEASER = re.compile(
    r"^(?:read (?:more|also|next)|see also|also read|related|more|watch|listen|recommended|suggested"
    r"|further reading|don'?t miss)"
    r"\s*[:|»>–—-]\s*\S",
    re.IGNORECASE,
)
TABLE_GAP = 3  # a caption, a source line or a heading between a story and its own table
TEASER_MAX_WORDS = 20  # a headline; a longer line is a sentence that happens to start so
_SOCIAL = re.compile(
    r"\b(?:facebook|twitter|whatsapp|linkedin|email|e-mail|print|share|subscribe|sign in|log in|login)\b", re.IGNORECASE
)
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved", re.IGNORECASE)


def _sure_boilerplate(texts: list[str], labels: list[tuple[str, dict | None]]) -> dict[int, str]:
    """Lines that are boilerplate whatever the classifier says, with the reason.

    Each kind below is story text on under 1% of the dev set's lines that have
    it (bylines, date lines, "Related"/"Most read" headings and the short lines
    under them), so dropping them always costs almost nothing and saves the
    pages that look unlike the training pages."""
    sure: dict[int, str] = {}
    under_heading = False
    for i, (text, (kind, _info)) in enumerate(zip(texts, labels)):
        if kind == "prose":
            under_heading = False
        if kind == "byline":
            sure[i] = "byline"
        elif kind == "dateline":
            sure[i] = "date line (reported as the date)"
        elif kind == "heading":
            sure[i] = "heading of a related-links, share or footer block"
            under_heading = True
        elif _READ_TIME.search(text):
            sure[i] = "reading time"
        elif _COPYRIGHT.search(text) and word_count(text) < 30:
            sure[i] = "copyright or legal line"
        elif _TEASER.match(text) and word_count(text) <= TEASER_MAX_WORDS:
            sure[i] = "link to another story"
        elif under_heading:
            sure[i] = "teaser or link under a related-links heading"
    return sure


def _shape_drops(texts: list[str], labels: list[tuple[str, dict | None]], keep: set[int]) -> dict[int, str]:
    """Boilerplate by shape (shapes.py). Comment headers and tickers go anywhere; table
    rows and rankings only away from the story's prose: a table within or right after
    the story (at most TABLE_GAP other lines between) is the story's own (results, the
    ranking it reports), one further off is a side box (a league table, "most read")."""
    prose = [kind == "prose" for kind, _ in labels]
    inside = [i for i in keep if prose[i]]
    lo, hi = (min(inside), max(inside)) if inside else (len(texts), -1)
    found = shape_boilerplate(texts, prose)
    near = set()
    for edge, step in ((hi, 1), (lo, -1)):  # walk out of the story over its tables
        gap, i = 0, edge + step
        while 0 <= i < len(texts) and gap <= TABLE_GAP:
            if i in found and not found[i][1]:
                near.add(i)
                gap = 0
            else:
                gap += 1
            i += step
    return {i: reason for i, (reason, anywhere) in found.items() if anywhere or not (lo < i < hi or i in near)}


def clean_plain(text: str, rules=None, url: str | None = None) -> TextCleanResult:
    """Story paragraphs, removed lines with reasons, and metadata of a plain-text page.

    `rules` (a `rules.RuleSet` or one site's `rules.SiteRules`) adds a site's
    own patterns of lines to drop or to keep; they win over the classifier. A
    RuleSet is matched on `url` or on the publisher the page names."""
    lines = split_lines(text)
    lines, tail = lines[:MAX_CLASSIFIED_LINES], lines[MAX_CLASSIFIED_LINES:]
    scores = story_scores(lines)
    cut = threshold() if lines else 0.5
    if rules is not None and hasattr(rules, "for_page"):
        first = decide(lines, scores, cut)
        rules = rules.for_page(url, first.meta.publisher)
        if not rules:
            return with_tail(first, tail)
    return with_tail(decide(lines, scores, cut, rules), tail)


def decide(
    lines: list[Line],
    scores: list[float],
    cut: float,
    rules=None,
    forced_keep: set[int] = frozenset(),
    forced_drop: dict[int, str] | None = None,
    fallback=None,
    dump: bool = True,
) -> TextCleanResult:
    """Keep the lines scored as story, drop the rest with reasons, and read the metadata.

    Sure boilerplate (bylines, date lines, related-links headings and their
    teasers) goes whatever the score; then a site's rules, then the caller's
    forced choices (e.g. HTML elements matched by a rule's CSS selector) win.
    `fallback(lines)` gives the lines to keep when nothing scored as story.
    `dump`: the lines are a text dump's, whose dropped lines are page furniture:
    kept groups cut off from the story and unlike it go, and so do appeals at the
    story's edges (blocks.py). Lines rendered from HTML also hold the story's own
    captions, buttons and spec rows between its parts, and the DOM tells boxes
    apart (English extraction dev HTML F1: 0.9781 without these, 0.9777 with)."""
    texts = [line.text for line in lines]
    labels = [label(t) for t in texts]
    keep = {i for i, s in enumerate(scores) if s >= cut}
    forced = _sure_boilerplate(texts, labels)
    for i, reason in _shape_drops(texts, labels, keep).items():
        forced.setdefault(i, reason)
    if rules is not None:
        for i, t in enumerate(texts):
            verdict = rules.judge_line(t)
            if verdict == "keep":
                keep.add(i)
                forced.pop(i, None)
            elif verdict is not None:
                forced[i] = verdict
    for i, reason in (forced_drop or {}).items():
        forced[i] = reason
    for i in forced_keep:
        keep.add(i)
        forced.pop(i, None)
    keep -= set(forced)
    prose = [kind == "prose" for kind, _ in labels]
    for i in detached(texts, prose, keep - set(forced_keep)) if dump else ():
        keep.discard(i)
        forced[i] = DETACHED_REASON
    for i in form_blocks(texts, keep - set(forced_keep)) if dump else ():
        keep.discard(i)
        forced[i] = FORM_REASON
    for i in edge_appeals(texts, keep - set(forced_keep)) if dump else ():
        keep.discard(i)
        forced[i] = "at the story's edge with a price, address or link (a subscription, donation or contact appeal)"
    if not keep and lines:
        keep = (fallback or _fallback)(lines) - set(forced)
    order = sorted(keep)
    first = order[0] if order else len(lines)
    last = order[-1] if order else -1

    # Lines of a ticker, a comment thread or a box cut off from the story are no headline.
    meta = _metadata(texts, labels, keep, {i for i, r in forced.items() if r in _NOT_TITLE})
    title_at = meta.pop("title_at")
    keep.discard(title_at)
    removed: list[Removed] = []
    kept: list[str] = []
    for i, t in enumerate(texts):
        kind = labels[i][0]
        if i == title_at:
            removed.append(Removed(t, "headline (reported as the title)"))
        elif i in forced:
            removed.append(Removed(t, forced[i]))
        elif i in keep:
            kept.append(collapse_repeated_fragment(t))
        else:
            where = "before the story" if i < first else "after the story" if i > last else "inside the story"
            removed.append(Removed(t, _reason(kind, where, scores[i] if scores else None)))

    paragraphs, dropped = drop_repeated_paragraphs(kept)
    removed.extend(Removed(p, "repeated paragraph") for p in dropped)
    return TextCleanResult(paragraphs=paragraphs, removed=removed, meta=Metadata(**meta))


def _metadata(
    lines: list[str], labels: list[tuple[str, dict | None]], keep: set[int], not_title: set[int] = frozenset()
) -> dict:
    """Title, authors, publisher, dates and section from the lines around the story."""
    meta: dict = {"authors": (), "publisher": None, "date": None, "updated": None, "section": None, "title": None}
    order = sorted(keep)
    first = order[0] if order else len(lines)
    last = order[-1] if order else -1
    for i, (kind, info) in enumerate(labels):
        if kind == "byline" and info and not meta["authors"] and not meta["publisher"]:
            meta["authors"] = tuple(info["authors"])
            meta["publisher"] = info["publisher"]
            meta["date"] = meta["date"] or info["date"]
            meta["updated"] = meta["updated"] or info["updated"]
        elif kind == "dateline" and not meta["date"] and i <= max(first, 0) + 3:
            meta["date"], meta["updated"] = md.split_dates(lines[i])
    title_at = _find_title(lines, labels, keep, not_title)
    meta["title"] = lines[title_at] if title_at is not None else None
    meta["section"] = _find_section(lines, labels, title_at if title_at is not None else first)
    if not meta["publisher"]:
        for line in lines[last + 1 :] if last >= 0 else lines:
            owner = _COPYRIGHT_OWNER.search(line)
            if owner and not any(ch.isdigit() for ch in owner[1]):
                meta["publisher"] = owner[1].strip(" .")
                break
    if meta["date"]:
        meta["date"] = meta["date"][:10]  # the day; the time stays in `updated`
    meta["title_at"] = title_at
    return meta


def _title_like(line: str, kind: str) -> bool:
    """A headline: a short plain line (3 to 25 words) that does not end like a sentence."""
    if kind != "short" or not 3 <= word_count(line) <= 25:
        return False
    return not SENTENCE_END.search(line) or line.endswith(("?", "!", "？", "！"))


def _find_title(
    lines: list[str], labels: list[tuple[str, dict | None]], keep: set[int], not_title: set[int] = frozenset()
) -> int | None:
    """The headline: among the headline-like lines above the story's first paragraph or its
    biggest block that the classifier did not keep, the one the story repeats most
    (headline.pick; English extraction dev text-dump titles 62.7% -> 66.6% with the first
    paragraph looked above too, multilingual dev unchanged at 80%); else the
    line just above the byline or date line, else the last of them (a kept one is more
    likely a subheading), else the story's first line if it is one."""
    order = sorted(keep)
    first_prose = next((i for i in order if labels[i][0] == "prose"), order[0] if order else len(lines))
    prose = [i for i in order if labels[i][0] == "prose"]
    anchor = headline.story_start(prose, lines) if prose else first_prose
    head = headline.above_story(first_prose, anchor, len(lines))
    story = " ".join(lines[i] for i in prose)
    skip = keep | not_title
    picked = headline.pick(lines, [i for i in head if i not in skip and _title_like(lines[i], labels[i][0])], story)
    likely = [i for i in range(min(first_prose, len(lines))) if i not in skip and _title_like(lines[i], labels[i][0])]
    if picked is not None:
        return picked
    for i in range(min(first_prose, len(lines))):
        if labels[i][0] in ("byline", "dateline"):
            for j in range(i - 1, -1, -1):
                if _title_like(lines[j], labels[j][0]):
                    return j
                if labels[j][0] not in ("dateline", "byline", "boilerplate", "heading", "caption"):
                    break
            break
    if likely:
        return likely[-1]
    if order and order[0] < first_prose and _title_like(lines[order[0]], labels[order[0]][0]):
        return order[0]
    return None


def _find_section(lines: list[str], labels: list[tuple[str, dict | None]], before: int) -> str | None:
    """The section from a breadcrumb above the headline ("Business / World Internet Conference")."""
    for i in range(min(before, len(lines)) - 1, -1, -1):
        # "Home > World > Europe" anywhere above; "World | Science" only just above the headline
        # (further up, "|" joins menu items, not a path).
        separators = r"\s(?:/|>|»|›)\s" if before - i > 2 else r"\s(?:/|>|»|›|\|)\s"
        if labels[i][0] != "nav" or _SOCIAL.search(lines[i]):
            continue  # share buttons and account links are no path to the story
        if re.search(separators, lines[i]) and len(re.split(separators, lines[i])) <= 5:
            items = [p.strip() for p in re.split(separators, lines[i]) if p.strip()]
            items = [p for p in items if p.lower() not in ("home", "news", "homepage", "index")]
            return items[0] if items else None
    # A kicker: one to three capitalised words alone just above the headline ("Farming").
    kicker = before - 1
    if 0 <= kicker < len(lines) and labels[kicker][0] == "short":
        words = lines[kicker].split()
        if (
            1 <= len(words) <= 3
            and all(w[:1].isupper() or w == "&" for w in words)
            and not SENTENCE_END.search(lines[kicker])
        ):
            return lines[kicker]
    return None
