"""Text normalisation applied to every input before cleaning.

Control characters, escape sequences and bidi overrides never belong in a news
story; removing them here means no output format can carry them to a terminal
or document. Mojibake ("cafÃ©") is repaired with ftfy when it is present.
"""

from __future__ import annotations

import re
import unicodedata

from ..textsafe import fix_surrogates, strip_controls

_MOJIBAKE_HINT = re.compile("[ÃÂâ][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2018-\u203a\u20ac\u2122]")


def fix_mojibake(text: str) -> str:
    if ("Ã" not in text and "Â" not in text and "â" not in text) or not _MOJIBAKE_HINT.search(text):
        return text  # the common case: no sign of mojibake, skip ftfy's cost
    import ftfy

    return ftfy.fix_text(text, normalization="NFC")


def normalize_text(text: str) -> str:
    text = fix_mojibake(text)
    text = strip_controls(text)
    text = fix_surrogates(text)
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
