"""The fragments Punkt is known to cut off, joined back (per line: short inputs, linear).

* a fragment that is only a list marker or initials (``1.``, ``J.R.R.``) joins
  the next sentence;
* a fragment that starts with an all-lowercase word joins the previous one
  when that ended in a dotted acronym (``the E.U. agreed``) or in ``?``/``!``
  plus a closing quote (``"Why now?" asked the minister.``).
"""

from __future__ import annotations

import re

#: A fragment that can only be the start of what follows it: a list marker
#: ("1.", "12)", "(iv)", "IV.", "a)") or a run of initials ("J.", "J.R.R.").
_LEADING_FRAGMENT = re.compile(r"(?:\(?(?:\d{1,3}|[ivx]{1,4}|[IVX]{1,4}|[^\W\d_])[.)]|(?:[^\W\d_]\.){1,4})\Z")
#: A fragment ending in a dotted acronym (E.U., J.R.R.) ...
_ENDS_WITH_ACRONYM = re.compile(r"(?:^|[\s(\"'\u201c\u2018])(?:[^\W\d_]\.){2,}\Z")
#: ... or in ? / ! followed by a closing quote or bracket.
_ENDS_WITH_QUOTED_QUESTION = re.compile(r"[?!\u203d]+[\"'\u201d\u2019\u00bb)\]]+\Z")
#: An all-lowercase first word: continues the previous sentence.
_STARTS_LOWERCASE_WORD = re.compile(r"[^\W\d_]+(?=[\s,;:.!?]|\Z)")
#: The longest list marker or run of initials _LEADING_FRAGMENT can match.
_FRAGMENT_MAX = 8


def _starts_with_lowercase_word(line: str, start: int, end: int) -> bool:
    """Whether line[start:end] starts with an all-lowercase word."""
    match = _STARTS_LOWERCASE_WORD.match(line, start, end)
    return bool(match) and match.group().islower()


def _continues(line: str, start: int, end: int, last_start: int, last_end: int) -> bool:
    """Whether the span start..end continues the sentence last_start..last_end."""
    if line[start : start + 1].isupper() or not _starts_with_lowercase_word(line, start, end):
        return False
    prev = line[max(last_start, last_end - 32) : last_end]  # a bounded look back
    return bool(_ENDS_WITH_QUOTED_QUESTION.search(prev) or _ENDS_WITH_ACRONYM.search(prev))


def repair(line: str, spans: list[tuple[int, int]]) -> list[str]:
    """Punkt's spans of `line`, with the known fragments joined; stripped, non-empty strings."""
    out: list[str] = []
    # the last sentence's span, not yet in `out`: what follows may still join it
    last_start = last_end = -1
    carry: int | None = None  # start of a leading fragment waiting for its sentence
    for start, end in spans:
        if carry is not None:
            start, carry = carry, None
        # (the patterns run on the span in place, where their \Z is its end)
        if end - start <= _FRAGMENT_MAX and _LEADING_FRAGMENT.match(line, start, end):
            carry = start
            continue
        if last_start >= 0:
            if _continues(line, start, end, last_start, last_end):
                last_end = end
                continue
            sentence = line[last_start:last_end].strip()
            if sentence:
                out.append(sentence)
        last_start, last_end = start, end
    if carry is not None:
        if last_start >= 0:
            last_end = spans[-1][1]  # nothing follows: the fragment belongs to the previous sentence
        else:
            last_start, last_end = carry, spans[-1][1]
    if last_start >= 0:
        sentence = line[last_start:last_end].strip()
        if sentence:
            out.append(sentence)
    return out
