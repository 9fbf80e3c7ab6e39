"""Splitters that need no model: Chinese and Japanese, and a language-neutral fallback."""

from __future__ import annotations

import re

#: A run of full-width terminators and the closing quotes/brackets after it.
#: (ASCII quotes are left out: after 。 a " usually opens the next sentence.)
_CJK_BOUNDARY = re.compile(
    r"[\u3002\uff01\uff1f]+[\u201d\u2019\u300d\u300f\uff09\u300b\u3009\u3011\u3015\uff3d\uff5d)]*"
)

#: After a terminator (and its closing quote), these continue the sentence:
#: a comma, or the Japanese quotative と / って (「本当ですか？」と彼は聞いた。).
CJK_CONTINUATION = frozenset("\u3001\uff0c,\u3068\u3063")
#: The quotative only: it follows a closing quote or a ！/？ (「行く！」と, すごい！って),
#: never a bare 。, after which と and っ open a sentence (。ところが, 。とはいえ).
_QUOTATIVE = frozenset("\u3068\u3063")


#: After ！ or ？ and a closing quote or bracket, a Japanese case particle carries the sentence on: the
#: quotation is its subject or object (「チコちゃんに叱られる！」が受賞した。). No
#: Japanese sentence opens with one of these.
_PARTICLES = frozenset("\u304c\u3092\u306b\u306f\u3067\u3078\u3082\u306e")
_CLOSING = frozenset("\u300d\u300f\uff09)")


def continues(line: str, end: int, terminator: str) -> bool:
    """Whether the text at `end` carries on the sentence that `terminator` seemed to close."""
    ch = line[end]
    if ch in _PARTICLES and terminator[-1] in _CLOSING and "\u3002" not in terminator:
        return True
    if ch not in CJK_CONTINUATION:
        return False
    if ch not in _QUOTATIVE:
        return True
    return terminator[-1] not in "\u3002"


def cjk_split(line: str) -> list[str]:
    """Chinese/Japanese: cut after 。！？ runs (plus closing quotes/brackets)."""
    out: list[str] = []
    position = 0
    length = len(line)
    for match in _CJK_BOUNDARY.finditer(line):
        if match.end() < length and continues(line, match.end(), match.group()):
            continue
        piece = line[position : match.end()].strip()
        if piece:
            out.append(piece)
        position = match.end()
    tail = line[position:].strip()
    if tail:
        out.append(tail)
    return out


#: Language-neutral candidates: Latin/Arabic/Indic terminators followed by
#: whitespace, or CJK full-width terminators (no space needed).
_NEUTRAL_BOUNDARY = re.compile(
    r"(?<![.!?\u2026\u061f\u06d4\u0964\u0965])"  # start of a run only: keeps it linear
    r"[.!?\u2026\u061f\u06d4\u0964\u0965]+[\"'\u201d\u2019\u00bb)\]]*(\s+)"
    r"|[\u3002\uff01\uff1f]+[\u201d\u2019\u300d\u300f\uff09\u300b)]*(\s*)"
)

#: A single letter and its period (an initial), after a space or at the line start.
_NEUTRAL_INITIAL = re.compile(r"(?:^|(?<=\s))[^\W\d_]\.\s")


def neutral_split(line: str) -> list[str]:
    """Fallback for any language: split after . ! ? 。 unless a lowercase word follows."""
    out: list[str] = []
    position = 0
    length = len(line)
    for match in _NEUTRAL_BOUNDARY.finditer(line):
        after = match.end()
        if after >= length:
            break
        if line[after].islower() or continues(line, after, match.group().rstrip()):
            continue  # "e.g. this", "the U.S. economy", "好！，他说": not a boundary
        if _NEUTRAL_INITIAL.search(line, max(0, match.start() - 2), match.end()):
            continue  # "J. Smith"
        piece = line[position : match.start() + len(match.group().rstrip())].strip()
        if piece:
            out.append(piece)
        position = after
    tail = line[position:].strip()
    if tail:
        out.append(tail)
    return out
