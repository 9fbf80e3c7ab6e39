"""Which encoding a document's bytes are in, in the order browsers use.

The WHATWG Encoding Standard's order for HTML: a byte-order mark, then the
charset the document declares (<meta charset>, <meta http-equiv=Content-Type>,
an XML declaration), then detection. Two corrections make that order hold up
on pages as they are really saved:

- A declaration is trusted only when the bytes decode strictly with it, and
  bytes that are valid UTF-8 (with at least one multi-byte character) are
  UTF-8 whatever the page declares: a legacy multi-byte text is almost never
  also valid UTF-8, while pages re-saved as UTF-8 keep their old declaration.
- Labels mean what the standard maps them to: "iso-8859-1", "latin1" and
  "ascii" are windows-1252; "gb2312" and "gbk" are GB18030; "shift_jis" is
  Windows-31J; "euc-kr" is windows-949.

Detection (charset-normalizer) often prefers a DOS code page (cp850, cp437)
for Western text; undeclared Latin-script text is read as windows-1252 unless
the bytes clearly say otherwise, that is unless windows-1252 makes clearly
more oddities (capitals inside lower-case words, symbols inside words,
controls) than the detected code page does.

The prescan reads the first 4,096 bytes, not the standard's 1,024: saved pages
often carry long scripts before their <meta charset>, and a declaration found
there is still only trusted when the bytes agree with it.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

BOMS = (
    # Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
PRESCAN_BYTES = 4096
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""",
    re.IGNORECASE,
)
# The WHATWG label table, for the labels whose Python codec differs.
_WHATWG = {
    "latin-1": "cp1252",
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "ks_c_5601": "cp949",
    "big5": "big5hkscs",
}
# Code pages detection picks for Western text that windows-1252 reads better:
# the DOS pages and windows-1252's near relatives. Other pages it finds
# (windows-1250 for Polish, windows-1254 for Turkish, ...) are trusted unless
# they read the bytes exactly as windows-1252 does: their letters are
# windows-1252 letters too, so only the language could tell them apart.
_CHALLENGED = frozenset(
    "cp437 cp850 cp852 cp858 cp860 cp861 cp863 cp865 latin-1 iso8859-1 iso8859-15 mac-roman hp-roman8".split()
)
# Symbols a news text holds; any other symbol, box drawing or control is an oddity.
_USUAL_SYMBOLS = frozenset("°±×÷€£¥¢©®™§¶•…–—‘’‚“”„†‡‰‹›«»·¡¿ªº½¼¾¹²³µ")


def codec_for_label(label: str) -> str | None:
    """The Python codec for a declared charset label, as the standard maps it; None if unknown."""
    try:
        codec = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return _WHATWG.get(codec, codec)


def declared_charset(data: bytes) -> str | None:
    """The charset label the document declares in its first bytes, lower case, or None."""
    found = _DECLARED_CHARSET.search(data[:PRESCAN_BYTES])
    if not found:
        return None
    return (found.group(1) or found.group(2)).decode("ascii", "replace").lower()


def strictly_decodes(data: bytes, codec: str) -> bool:
    try:
        # Incremental: a character cut off at the end of a file is not a wrong encoding.
        codecs.getincrementaldecoder(codec)().decode(data, final=False)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def is_utf8_text(data: bytes) -> bool:
    """Valid UTF-8 holding at least one multi-byte character."""
    return not data.isascii() and strictly_decodes(data, "utf-8")


def oddities(text: str) -> int:
    """Characters that real text in the right encoding seldom has: a capital right
    after a lower-case letter ("TuesdayÆs", "cafÚ"), a symbol inside a word
    ("£ódŸ"), a control, box drawing or unassigned code point."""
    odd = 0
    for i, ch in enumerate(text):
        if ch.isascii():
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        category = unicodedata.category(ch)
        if category == "Lu" and before.islower():
            odd += 1
        elif category[0] in "SP" and ch not in _USUAL_SYMBOLS and before.isalpha() and after.isalpha():
            odd += 1
        elif category in ("Cc", "Cn", "Co") or "\u2500" <= ch <= "\u259f":
            odd += 1
    return odd


def prefer_windows_1252(data: bytes, detected: str) -> str:
    """`detected`, or windows-1252 when the detection is a DOS or Latin-1 code
    page and windows-1252 reads the bytes at least about as well, or when the
    detected page reads them exactly as windows-1252 does."""
    if detected == "cp1252" or not strictly_decodes(data, "cp1252"):
        return detected
    sample = data[:65536]
    text_1252 = sample.decode("cp1252", "replace")
    if detected not in _CHALLENGED:
        single_byte = detected.startswith(("cp", "iso8859", "mac-", "latin", "koi8"))
        return "cp1252" if single_byte and sample.decode(detected, "replace") == text_1252 else detected
    theirs = oddities(sample.decode(detected, "replace"))
    ours = oddities(text_1252)
    # "Clearly": windows-1252 makes more than twice the oddities, and a few of them.
    return detected if ours > 2 * theirs + 2 else "cp1252"
