"""Text normalisation applied to every input before cleaning.

Control characters, escape sequences and bidi overrides never belong in a news
story; removing them here means no output format can carry them to a terminal
or document. Mojibake ("cafÃ©") is repaired with ftfy when it is present.
"""

from __future__ import annotations

import re
import unicodedata

# ANSI/VT escape sequences (CSI ... final byte, OSC ... BEL/ST, and single-char escapes).
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]"
)
# C0 controls except tab/newline/carriage return, DEL, C1 controls, and the
# bidi embedding/override/isolate marks that can reorder displayed text.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_MOJIBAKE_HINT = re.compile("[ÃÂâ][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2018-\u203a\u20ac\u2122]")


def strip_controls(text: str) -> str:
    """Remove escape sequences, control characters and bidi controls; keep \\n and \\t."""
    if "\x1b" in text or "\x9b" in text:  # substring tests are far cheaper than a regex pass
        text = _ESCAPES.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x0c" in text:
        text = text.replace("\x0c", "\n")  # a form feed (a page break in a printed dump) ends a line
    return _CONTROLS.sub("", text)


def fix_mojibake(text: str) -> str:
    if ("Ã" not in text and "Â" not in text and "â" not in text) or not _MOJIBAKE_HINT.search(text):
        return text  # the common case: no sign of mojibake, skip ftfy's cost
    import ftfy

    return ftfy.fix_text(text, normalization="NFC")


def fix_surrogates(text: str) -> str:
    """Join surrogate pairs given as two code points; make lone surrogates U+FFFD.

    A lone surrogate (from broken UTF-16, or a file name Python decoded with
    surrogateescape) cannot be encoded for output. It becomes U+FFFD, the usual
    replacement character, not "?", which would end a sentence."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def normalize_text(text: str) -> str:
    text = fix_mojibake(text)
    text = strip_controls(text)
    text = fix_surrogates(text)
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
