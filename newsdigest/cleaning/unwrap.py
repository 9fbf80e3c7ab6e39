"""Rebuild the paragraphs of hard-wrapped text before it is cleaned.

`lynx -dump`, `w3m -dump`, `links -dump`, html2text and mail clients cut every
paragraph into lines of at most one width (60 to 80 columns, 38 full-width
characters for Chinese and Japanese). Taken as they are, each of those lines
would be a block of its own, and a summary sentence would stop at a line end.

A text is taken as hard-wrapped when the longest lines that could have been
broken (they hold a space, or a full-width character, after their indent) are
bunched just under one width W, and the lines that reach that band were cut
there because the next line's first word would not have fitted: the greedy
rule every wrapper follows. Each `>` quote level has its own W. W is measured
in terminal columns (a Chinese, Japanese or Korean character takes two), or in
characters when that fits the text better (some wrappers count a Korean
syllable as one). Then a line is joined to the next one when:

- the next word would not have fitted on it (its width + a space + the next
  line's first word > W): so a short line (a menu item, a heading, a
  paragraph's last line) ends its paragraph;
- no blank line lies between them, and both have the same `>` quote depth and
  the same indent (a list item's continuation may be indented to its text);
- the next line does not start a list item, and neither line is a table row
  (a gap of three or more spaces inside the line).

Joined lines get a space between them, or none between Chinese or Japanese
characters (and none inside a Latin word that such a line cut at its margin).
The rule cannot tell a paragraph whose last line happens to be nearly full
from a wrapped line when no blank line follows it: then two paragraphs are
joined, though no sentence is ever cut.

Text that is not wrapped is returned unchanged. `> ` quote markers are dropped
from a wrapped text's lines; CRLF and form feeds are made plain line ends by
`normalize.strip_controls` before this runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Wrappers in use cut at 60 to 80 columns (mail at 72, lynx and html2text at
# 76-78); 40 and 140 bound the widths we believe. Wider "lines" are paragraphs.
MIN_WIDTH = 40
MAX_WIDTH = 140
# A line this close to the width is "full": in wrapped prose almost every line
# but a paragraph's last is (an English word and its space are 6 columns on
# average, a long word 12 to 15).
NEAR = 15
# Wrapped when at least this many full lines end where the next word could not
# fit, and they are at least this share of the full lines: in a text that is not
# wrapped, a long line's next word fits after it about half of the time.
MIN_FORCED = 3
MIN_FORCED_SHARE = 0.8
# Balancing wrappers (fmt, par) stop lines a few columns short of the width:
# the rule is also tried this many columns under the top width, then on at
# least MIN_FORCED_SLACK lines and this share of them.
SLACKS = (0, 3, 6, 9)
MIN_FORCED_SLACK = 10
MIN_FORCED_SHARE_SLACK = 0.9
# Lines over the width that may be ignored when finding it (a long URL or word
# with an indent), as a share of the breakable lines.
OUTLIERS = 0.02

_QUOTE = re.compile(r"^((?:[ \t]{0,3}>)+)[ \t]?")
# A list item's marker. "*", "+" and the bullet signs always start an item; a
# dash, a number or "o" may also be a wrapped sentence's next word ("- a move
# seen as", "7. Februar", Polish "o handlu"), so they start an item only in a
# list (see `_new_item`).
_BULLET = re.compile(r"^(?:[*+•▪●◦‣·](?:\s+|$)|[-–—o]\s+|\d{1,3}[.)]\s+|\[\d{1,4}\]\s*)")
_SURE_BULLET = re.compile(r"^(?:[*+•▪●◦‣·](?:\s|$)|\[\d{1,4}\])")
_ITEM_END = re.compile(r"[.!?:;。！？：；)\]\"”’»]$")
_TABLE_GAP = re.compile(r"\S {3,}\S")
# Characters two columns wide (East Asian Wide and Fullwidth): Hangul Jamo, CJK
# punctuation, kana, ideographs, Hangul syllables, compatibility forms, fullwidth forms.
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)
# Wide characters of scripts written without spaces (Chinese, Japanese), which a
# wrapper may break between; Korean puts spaces between words and is broken there.
_UNSPACED = re.compile(
    "[\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)


@dataclass
class _Row:
    content: str  # the line without its quote markers, trailing spaces and indent
    depth: int  # `>` quote depth
    indent: int  # columns of leading space
    width: int  # columns (or characters, see `_measure`), indent included
    breakable: bool  # holds a place a wrapper could have broken at (a space after the indent, or a wide character)
    wide: bool  # holds a Chinese or Japanese character (a wrapper may break between any two)


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: full-width characters count two."""
    if text.isascii():
        return len(text)
    return len(text) + len(_WIDE.findall(text))


def _measure(text: str, columns: bool) -> int:
    """Terminal columns, or characters: some wrappers count Korean syllables as one."""
    return display_width(text) if columns else len(text)


def _row(line: str, columns: bool = True) -> _Row | None:
    depth = 0
    quote = _QUOTE.match(line)
    if quote:
        depth = quote.group(1).count(">")
        line = line[quote.end() :]
    line = line.rstrip().expandtabs(8)
    content = line.lstrip(" ")
    if not content:
        return None if not depth else _Row("", depth, 0, 0, False, False)
    indent = len(line) - len(content)
    body = _BULLET.sub("", content, count=1)
    wide = not content.isascii() and bool(_UNSPACED.search(content))
    breakable = " " in body.strip() or (wide and bool(_UNSPACED.search(body)))
    return _Row(content, depth, indent, indent + _measure(content, columns), breakable, wide)


def _first_unit(row: _Row, columns: bool) -> int:
    """The width of a line's first word (or first Chinese or Japanese character)."""
    first = row.content[0]
    if _UNSPACED.match(first):
        return 2 if columns else 1
    word = row.content.split(" ", 1)[0]
    cut = _UNSPACED.search(word)
    if cut:
        word = word[: cut.start()]
    return _measure(word, columns)


def _forced(row: _Row, nxt: _Row, width: int, columns: bool) -> bool:
    """Whether a wrapper at `width` had to break after `row`: the next word and
    the space before it did not fit. (Before a Chinese or Japanese character
    there may have been no space, but a wrapper may also have dropped one there:
    the one column is allowed for.)"""
    return row.width + 1 + _first_unit(nxt, columns) > width


def _pairs(rows: list[_Row | None]):
    """Consecutive non-blank rows of one quote depth."""
    for a, b in zip(rows, rows[1:]):
        if a and b and a.content and b.content and a.depth == b.depth:
            yield a, b


def guess_width(rows: list[_Row | None], columns: bool = True) -> int | None:
    """The width the text was wrapped at (its widest quote level's), or None when it does not look wrapped."""
    widths, _share, _slack = _evidence(rows, columns)
    return max(widths.values()) if widths else None


def _top(widths: list[int]) -> int:
    """The widest line, but for a few outliers."""
    widths = sorted(widths)
    return widths[-1 - int(len(widths) * OUTLIERS)]


def _widths(rows: list[_Row | None]) -> dict[int, int] | None:
    """The width each `>` quote level looks wrapped at: a mail client wraps the
    quoted text at its own width, or adds "> " to lines already wrapped."""
    by_depth: dict[int, list[int]] = {}
    for r in rows:
        if r and r.breakable:
            by_depth.setdefault(r.depth, []).append(r.width)
    if sum(map(len, by_depth.values())) < MIN_FORCED:
        return None
    overall = _top([w for ws in by_depth.values() for w in ws])
    if not MIN_WIDTH <= overall <= MAX_WIDTH:
        return None
    out = {}
    for depth, ws in by_depth.items():
        own = _top(ws) if len(ws) >= MIN_FORCED else overall
        out[depth] = own if MIN_WIDTH <= own <= overall else overall
    return out


def _evidence(rows: list[_Row | None], columns: bool) -> tuple[dict[int, int] | None, float, int]:
    """(the width per quote level to join lines at, or None when the text does
    not look wrapped; the share of full lines that had to break there; the slack).

    Greedy wrappers (lynx, w3m, html2text, mail clients) fill each line as far
    as it goes; `fmt` and `par` balance a paragraph's lines and leave each a
    few columns short. So the rule is tried at the top width, then a few
    columns under it (SLACKS), the latter only on stronger evidence."""
    widths = _widths(rows)
    if widths is None:
        return None, 0.0, 0
    pairs = [
        (a, b)
        for a, b in _pairs(rows)
        if a.breakable
        and not (
            # A list's next item starts a line wherever the last one ended: no evidence either way.
            # Nor do table rows, whose lines end where their cells do.
            _SURE_BULLET.match(b.content) or _TABLE_GAP.search(a.content) or _TABLE_GAP.search(b.content)
        )
    ]
    full = [(a, b) for a, b in pairs if widths.get(a.depth, 0) - NEAR <= a.width <= widths.get(a.depth, 0)]
    best = 0.0
    for slack in SLACKS:
        forced = sum(_forced(a, b, widths[a.depth] - slack, columns) for a, b in full)
        share = forced / len(full) if full else 0.0
        best = max(best, share) if slack == 0 else best
        need, share_needed = (
            (MIN_FORCED, MIN_FORCED_SHARE) if slack == 0 else (MIN_FORCED_SLACK, MIN_FORCED_SHARE_SLACK)
        )
        if forced >= need and share >= share_needed:
            return {d: w - slack for d, w in widths.items()}, share, slack
    return None, best, 0


def _new_item(a: _Row, b: _Row, in_list: bool) -> bool:
    """Whether `b` starts a list item rather than continuing `a`'s sentence."""
    if _SURE_BULLET.match(b.content):
        return True
    return bool(_BULLET.match(b.content)) and (in_list or bool(_ITEM_END.search(a.content)))


def _continues(a: _Row, b: _Row, hanging: int | None, width: int, columns: bool) -> bool:
    """Whether `b` continues the paragraph whose last line so far is `a`."""
    if a.depth != b.depth or _new_item(a, b, hanging is not None):
        return False
    if _TABLE_GAP.search(a.content) or _TABLE_GAP.search(b.content):
        return False  # table rows and aligned columns stay lines
    if b.indent != a.indent and b.indent != hanging:
        return False
    return _forced(a, b, width, columns)


def _separator(left: str, right: str, full: bool) -> str:
    """What goes between two joined lines: a space, or nothing."""
    if _UNSPACED.match(left[-1]) or _UNSPACED.match(right[0]):
        return ""  # Chinese and Japanese put no space between words
    if full and left[-1].isascii() and right[0].isascii():
        return ""  # a Latin word cut at the margin of Chinese or Japanese text ("Andr" + "oid", "Wi" + "-Fi")
    return " "


def text_is_narrow(lines: list[str]) -> bool:
    return all(line.isascii() or not _WIDE.search(line) for line in lines)


def _wrapped_rows(lines: list[str]) -> tuple[list[_Row | None], dict[int, int], bool] | None:
    """The rows, the width and whether it is measured in columns (else in
    characters: some wrappers count a Korean syllable as one), or None."""
    best = None
    for columns in (True, False) if not text_is_narrow(lines) else (True,):
        rows = [_row(line, columns) for line in lines]
        widths, share, slack = _evidence(rows, columns)
        # The measure that fits the greedy rule best: least slack, then the larger share.
        if widths is not None and (best is None or (-slack, share) > best[0]):
            best = ((-slack, share), rows, widths, columns)
    return best[1:] if best else None


def unwrap(text: str) -> str:
    """`text` with its hard-wrapped paragraphs joined into one line each; `text`
    itself when it does not look hard-wrapped (see the module docstring)."""
    lines = text.split("\n")
    found = _wrapped_rows(lines)
    if found is None:
        return text
    rows, widths, columns = found
    widest = max(widths.values())
    out: list[list[str]] = []  # each paragraph's pieces, joined at the end (no quadratic string growth)
    prev: _Row | None = None
    hanging: int | None = None
    for row in rows:
        if row is None or not row.content:
            out.append([""])
            prev = None
            continue
        # A quote level without a wrapped line of its own takes the widest level's width.
        width = widths.get(prev.depth, widest) if prev is not None else widest
        if prev is not None and _continues(prev, row, hanging, width, columns):
            # A line of Chinese or Japanese text that reaches the margin was cut wherever the margin fell.
            out[-1].append(_separator(prev.content, row.content, prev.wide and prev.width >= width - 1))
            out[-1].append(row.content)
        else:
            out.append([" " * row.indent + row.content])
            bullet = _BULLET.match(row.content)
            # A marker alone on its line ("*" before a URL too long to fit) is followed by its text's indent.
            mark = bullet.end() + (bullet.end() == len(row.content)) if bullet else 0
            hanging = row.indent + mark if bullet and _new_item(prev or row, row, True) else None
        prev = row
    return "\n".join("".join(parts) for parts in out)
