"""The headline of a text dump, chosen by the same cues in every language.

A page copied as text has no <title>; the headline is one of the short lines
above the story. Among them it is the one whose words the story repeats most
(a headline names what the story is about; a menu, a share bar, a date, an
author line or a "skip to content" link does not), closest to the story's
first paragraph, not a list item and not mostly digits. Captions repeat the
story too, so a line that opens the story's own paragraphs with a
name-and-date shape is not preferred over an earlier headline: the earliest
line within CLOSE_ENOUGH of the best overlap wins.

A line of two or three words reaches a full overlap by chance ("Search for:
Search", "Read Full Review", "AI & Data"): lines are ranked by their shared
words over their words, counted as at least RANK_WORDS, so that a headline that
shares seven words of eight outranks a menu item that shares three of three,
while a short headline is not ranked below the longer standfirst under it.
Text dumps' titles, English extraction dev (467 pages with a title): 58.7% ->
69.4% with the search above the first paragraph (text.py); multilingual dev:
77.1% -> 80.0%. (Ranking by shared / (words + 2) gave 66.6% and 80.0%; a
floor of 4 to 7 words gives 69.0 to 69.4% and 67.0%.)
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]{3,}")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]+")
_DIGIT = re.compile(r"\d")

LOOK_BACK = 40  # lines above the story searched for the headline
MIN_OVERLAP = 0.34  # a third of the line's words recur in the story: it is about the story
CLOSE_ENOUGH = 0.15  # overlaps this close are a tie, and the earlier line (a headline above a caption) wins
RANK_WORDS = 5  # a line is ranked as if it held at least this many words
MAX_DIGIT_SHARE = 0.25  # a date, a time, a score line


STORY_GAP = 6  # kept paragraphs this close are one block of story


def story_start(prose: list[int], lines: list[str]) -> int:
    """The first line of the biggest block of kept paragraphs (a kept cookie notice at the
    top of the page is a block of its own, far from the story)."""
    blocks: list[list[int]] = [[prose[0]]]
    for i in prose[1:]:
        if i - blocks[-1][-1] <= STORY_GAP:
            blocks[-1].append(i)
        else:
            blocks.append([i])
    return max(blocks, key=lambda b: sum(len(lines[i]) for i in b))[0]


def above_story(first: int, start: int, count: int) -> list[int]:
    """The lines searched for the headline, of `count`: LOOK_BACK lines above the story's first
    paragraph (`first`) and above its biggest block (`start`). A short lead can stand above a
    box of links, a table of contents or a video, and the headline above the lead."""
    found: set[int] = set()
    for edge in {first, start}:
        edge = min(edge, count)
        found.update(range(max(0, edge - LOOK_BACK), edge))
    return sorted(found)


def tokens(text: str) -> set[str]:
    """Words of three letters or more, lower case; CJK runs give their character pairs."""
    low = text.lower()
    out = set(_WORD.findall(_CJK_RUN.sub(" ", low)))
    for run in _CJK_RUN.findall(low):
        out.update(run[i : i + 2] for i in range(len(run) - 1))
    return out


def _shared(line: str, story: set[str]) -> tuple[float, float]:
    """(the share of the line's words in the story, the same over at least RANK_WORDS words)."""
    words = tokens(line)
    if not words:
        return 0.0, 0.0
    shared = len(words & story)
    return shared / len(words), shared / max(len(words), RANK_WORDS)


def pick(lines: list[str], candidates: list[int], story_text: str) -> int | None:
    """The index (from `candidates`, in page order) of the headline, or None."""
    story = tokens(story_text)
    scored = []
    for i in candidates:
        line = lines[i]
        if line.startswith(("* ", "\u2022 ")) or len(_DIGIT.findall(line)) > MAX_DIGIT_SHARE * len(
            line.replace(" ", "")
        ):
            continue
        share, rank = _shared(line, story)
        if share >= MIN_OVERLAP:
            scored.append((i, rank))
    if not scored:
        return None
    best = max(s for _, s in scored)
    return next(i for i, s in scored if s >= best - CLOSE_ENOUGH)
