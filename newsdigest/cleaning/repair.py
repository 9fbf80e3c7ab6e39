"""Repair copy glitches inside the story text.

A page copied by select-all sometimes repeats a fragment back to back ("The
conference, scheduled to end The conference, scheduled to end on Friday") or a
whole paragraph. Fragments are collapsed once; repeated paragraphs are kept once.
"""

from __future__ import annotations

import re

# A repeated run shorter than this is left alone: "had had", "very, very" and
# "bye bye bye" are real prose. Copy glitches repeat a clause, not a word.
MIN_REPEAT_WORDS = 3
MIN_REPEAT_CHARS = 12
MAX_REPEAT_WORDS = 40  # longer runs are whole sentences, handled as duplicate sentences


def _has_near_repeat(words: list[str]) -> bool:
    """Whether some run of MIN_REPEAT_WORDS words comes back within MAX_REPEAT_WORDS:
    a cheap test that rules out almost every paragraph before the exact search."""
    last: dict[tuple[str, ...], int] = {}
    for i in range(len(words) - MIN_REPEAT_WORDS + 1):
        key = tuple(words[i : i + MIN_REPEAT_WORDS])
        j = last.get(key)
        if j is not None and i - j <= MAX_REPEAT_WORDS:
            return True
        last[key] = i
    return False


def collapse_repeated_fragment(paragraph: str) -> str:
    """Remove the second copy of a word run that immediately repeats itself."""
    words = paragraph.split(" ")
    n = len(words)
    if n < 2 * MIN_REPEAT_WORDS or not _has_near_repeat(words):
        return paragraph
    out: list[str] = []
    i = 0
    changed = False
    while i < n:
        skip = 0
        # The run starting at i repeats at i+k only if words[i] == words[i+k]: cheap pruning.
        for k in range(MIN_REPEAT_WORDS, min(MAX_REPEAT_WORDS, (n - i) // 2) + 1):
            if words[i + k] == words[i] and words[i : i + k] == words[i + k : i + 2 * k]:
                if len(" ".join(words[i : i + k])) >= MIN_REPEAT_CHARS:
                    skip = k
                    break
        if skip:
            out.extend(words[i : i + skip])
            i += 2 * skip
            changed = True
        else:
            out.append(words[i])
            i += 1
    return " ".join(out) if changed else paragraph


def _key(paragraph: str) -> str:
    return re.sub(r"\W+", " ", paragraph.lower()).strip()


def drop_repeated_paragraphs(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """(kept, dropped): each paragraph kept once, at its first place."""
    seen: set[str] = set()
    kept, dropped = [], []
    for para in paragraphs:
        key = _key(para)
        if key and key in seen:
            dropped.append(para)
            continue
        seen.add(key)
        kept.append(para)
    return kept, dropped
