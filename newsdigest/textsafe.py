"""Strings from outside made safe to show: the one place that knows what is unsafe.

Article text, titles, file names, feed fields and error messages may hold ANSI
escape sequences, control characters, bidi overrides and lone surrogates
(broken UTF-16, or bytes that are not UTF-8 in a file name that Python kept
with surrogateescape). Every output removes them or shows them, in one of
these modes:

- `safe_text`: removed, line breaks kept (tab and newline; CR and FF become
  newlines); what cleaning applies to every input and the list formats to
  their whole output;
- `one_line` / `path_line`: removed, on one line (a digest's strings);
- `visible_path`: shown as escapes (``\\x1b``, ``\\xff`` for a byte that was
  not UTF-8), so a file name stays recognisable on one line;
- `json_safe`: written as ``\\u`` escapes inside JSON strings, the value unchanged.

One rule for lone surrogates holds in every mode that shows text: a pair
written as two code points is joined, a lone one becomes U+FFFD, Unicode's
replacement character (not "?", which would end a sentence). Only the modes
that must keep the exact value (an escaped path, a JSON string) escape it.
"""

from __future__ import annotations

import re

# ANSI/VT escape sequences: CSI, OSC (bounded, so a stray ESC ] cannot make the regex scan far,
# ended by BEL or ST), single-character escapes, and the 8-bit CSI.
ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]"
)
# Bidi embeddings/overrides (U+202A-E), isolates (U+2066-9) and marks (U+200E/F, U+061C): they reorder what is shown.
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
SURROGATES = "\ud800-\udfff"
_SURROGATE = re.compile(f"[{SURROGATES}]")
# C0 controls except tab/newline/carriage return, DEL, C1 controls, and the bidi controls.
_CONTROLS = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI}]")
# One-line modes: controls that are not whitespace, DEL, C1 controls but NEL, and the bidi controls
# (what is whitespace to str.split, tab to NEL, is left for the caller to make a space).
_NOT_WHITESPACE = re.compile(f"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f{BIDI}]")
# Whitespace that is not a plain space: tab, newlines, VT, FF, file/group/record/unit separators, NEL, LS, PS.
_ODD_SPACE = re.compile("[\t\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]")
# Shown as escapes in a path: C0 and C1 controls, DEL, bidi controls, surrogates.
_PATH_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI}{SURROGATES}]")
# json.dumps escapes C0 controls itself; the rest it leaves raw. U+2028/U+2029 are
# valid inside JSON strings, but line breaks to str.splitlines() and to older
# JavaScript: raw, they would cut a JSON Lines record in two.
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f\u2028\u2029{BIDI}{SURROGATES}]")
# Characters a URL never needs and that could end an attribute, a Markdown link or an autolink.
_URL_BAD = re.compile(r"[\s\"'<>`\\^{}|]")


def strip_controls(text: str) -> str:
    """Escape sequences, control characters and bidi controls removed; \\n and \\t kept, CR and FF made \\n."""
    if "\x1b" in text or "\x9b" in text:  # substring tests are far cheaper than a regex pass
        text = ESCAPES.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x0c" in text:
        text = text.replace("\x0c", "\n")  # a form feed (a page break in a printed dump) ends a line
    return _CONTROLS.sub("", text)


def fix_surrogates(text: str) -> str:
    """The rule for lone surrogates: pairs given as two code points joined, lone ones made U+FFFD.

    A lone surrogate cannot be encoded for output; U+FFFD is the usual
    replacement character, where "?" would end a sentence."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def safe_text(text: str) -> str:
    """Text without escape sequences, controls (but tab and newline), bidi controls or lone surrogates."""
    return fix_surrogates(strip_controls(text))


def strip_unsafe(text: str | None) -> str:
    """Escape sequences, controls and bidi characters removed, lone surrogates replaced; whitespace left as it was."""
    if not text:
        return ""
    if "\x1b" in text or "\x9b" in text:
        text = ESCAPES.sub("", text)
    return fix_surrogates(_NOT_WHITESPACE.sub("", text))


def one_line(text: str | None) -> str:
    """One line of safe text: unsafe characters removed, runs of whitespace (any kind) made one space."""
    return " ".join(strip_unsafe(text).split())


def path_line(text: str | None) -> str:
    """A path kept as it was (runs of spaces too), but on one line and safe."""
    return _ODD_SPACE.sub(" ", strip_unsafe(text))


def _show(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible_path(path: str) -> str:
    """The path (or an error line naming one) on one line, each unsafe character shown as an escape."""
    return _PATH_UNSAFE.sub(_show, path)


def json_safe(dumped: str) -> str:
    """JSON text with DEL, C1, bidi controls, line/paragraph separators and lone surrogates written as \\u escapes.

    They can only occur inside strings, so the document stays valid and means the
    same; a lone surrogate (from a file name that is not UTF-8) can then be encoded,
    and a terminal showing the JSON is not reordered or sent control codes."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def safe_url(url: str | None) -> str | None:
    """The URL if a reader may follow it: an http(s) link with a host and nothing odd in it; else None.

    javascript:, data:, file:, mailto: and everything else are refused rather than
    filtered, and so are URLs holding quotes, spaces, angle brackets or backslashes:
    a URL that needs them was not written by a news site.
    """
    if not url:
        return None
    url = url.strip()
    if url != strip_unsafe(url) or _URL_BAD.search(url):
        return None
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url
