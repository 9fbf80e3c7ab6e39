"""Make strings from articles safe for any output: terminal, document or mail.

Cleaning (newsdigest.cleaning.normalize) already strips these from article
text, but a digest also carries strings that never went through it (feed
titles, paths, publisher names, URLs), and the renderers must not rely on
what came before them. So every string a digest format shows passes through
here first (see view.py):

- ANSI/VT escape sequences (CSI, OSC, single-character escapes, 8-bit CSI)
  are removed whole, so no "[31m" remnant is left behind;
- C0 controls (except whitespace), DEL and C1 controls are removed;
- bidi embeddings, overrides, isolates and marks are removed, so a summary is
  displayed in the order it is stored;
- lone surrogates (from broken UTF-16) become "?", so no encoder fails later.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Same shapes as cleaning/normalize.py; OSC bodies bounded so a stray ESC ] cannot make the regex scan far.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]"
)
# Removed outright: C0 controls that are not whitespace, DEL, C1 controls but NEL, and the bidi
# embedding/override (U+202A-E), isolate (U+2066-9) and mark (U+200E/F, U+061C) characters.
_UNSAFE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Whitespace that is not a plain space: tab, newlines, VT, FF, file/group/record/unit separators, NEL, LS, PS.
_ODD_SPACE = re.compile("[\t\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]")
# Characters a URL never needs and that could end an attribute, a Markdown link or an autolink.
_URL_BAD = re.compile(r"[\s\"'<>`\\^{}|]")


def strip_unsafe(text: str | None) -> str:
    """Escape sequences, controls and bidi characters removed; whitespace left as it was."""
    if not text:
        return ""
    if "\x1b" in text or "\x9b" in text:
        text = _ESCAPES.sub("", text)
    text = _UNSAFE.sub("", text)
    return text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates -> "?"


def clean(text: str | None) -> str:
    """One line of safe text: unsafe characters removed, runs of whitespace (any kind) made one space."""
    return " ".join(strip_unsafe(text).split())


def clean_path(text: str | None) -> str:
    """A path kept as it was (runs of spaces too), but on one line and safe."""
    return _ODD_SPACE.sub(" ", strip_unsafe(text))


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
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url
