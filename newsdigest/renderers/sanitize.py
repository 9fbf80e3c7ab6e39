"""Strings from outside made safe to show in a single-article format.

Cleaning already strips escape sequences, control characters, bidi controls and
lone surrogates from article text (cleaning/normalize.py). The renderers also
show strings that never went through it: the path as the user gave it (a file
name may hold an escape sequence, a newline or bytes that are not UTF-8), and
whatever a caller put into an Article it built itself. So they do not rely on
what came before them:

- `visible_path` shows a path's unsafe characters as escapes (``\\x1b``,
  ``\\xff`` for a byte that is not UTF-8), so the name stays recognisable;
- `safe_text` removes them from any other text;
- `json_safe` escapes them inside JSON strings (the value is unchanged).
"""

from __future__ import annotations

import re

from ..cleaning.normalize import fix_surrogates, strip_controls

# C0 and C1 controls, DEL, bidi embeddings/overrides/isolates/marks, surrogates.
_UNSAFE = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_PATH_UNSAFE = re.compile(f"[{_UNSAFE}]")
# json.dumps escapes C0 controls itself; the rest it leaves raw. U+2028/U+2029 are
# valid inside JSON strings, but line breaks to str.splitlines() and to older
# JavaScript: raw, they would cut a JSON Lines record in two.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _show(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible_path(path: str) -> str:
    """The path on one line, each unsafe character shown as an escape."""
    return _PATH_UNSAFE.sub(_show, path)


def safe_text(text: str) -> str:
    """Text without escape sequences, controls (but tab and newline), bidi controls or lone surrogates."""
    return fix_surrogates(strip_controls(text))


def json_safe(dumped: str) -> str:
    """JSON text with DEL, C1, bidi controls, line/paragraph separators and lone surrogates written as \\u escapes.

    They can only occur inside strings, so the document stays valid and means the
    same; a lone surrogate (from a file name that is not UTF-8) can then be encoded,
    and a terminal showing the JSON is not reordered or sent control codes."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
