"""Bytes from a path or stdin -> RawDocument: read safely, sniff the format, decode.

Only regular files are read (a directory, FIFO or device would hang or make no
sense), at most `max_bytes` of them. Binary files are refused by content, not by
name. The encoding is found in the WHATWG standard's order: a byte-order mark, a
charset the document declares (<meta charset>, XML declaration) when the bytes
decode strictly with it (valid UTF-8 wins over any other declaration), then
detection (see encodings.py).
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
from typing import BinaryIO

from .encodings import BOMS
from .errors import InputError
from .models import RawDocument

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # 20 MB: far above any real article page

# Magic numbers of common binary formats, so the error can say what the file looks like.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF media file"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ", "a Windows executable"),
    (b"\xca\xfe\xba\xbe", "a Mach-O or Java class file"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 audio file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
    (b"wOFF", "a web font"),
)

_HTML_SIGNS = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>|<div[\s>]|<p[\s>]|<article[\s>]",
    re.IGNORECASE,
)
_FEED_SIGNS = re.compile(r"<rss[\s>]|<feed[\s>][^>]*?xmlns|<rdf:RDF[\s>]", re.IGNORECASE)

STDIN = "-"

# Among equally plausible detections, the code pages most common on the web, in order.
_PREFERRED_CODECS = (
    "utf_8",
    "cp1252",
    "gb18030",
    "big5",
    "shift_jis",
    "euc_kr",
    "cp1251",
    "koi8_r",
    "cp1250",
    "iso8859_15",
    "latin_1",
)


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes, float | None]:
    """Read a regular file (or stdin for "-"), refusing anything else; returns (data, mtime)."""
    if path == STDIN:
        return _read_limited(sys.stdin.buffer, path, max_bytes), None
    try:
        # O_NONBLOCK: opening a FIFO with no writer must not hang before we can stat it.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file (use `newsdigest digest` for folders)", path) from None
    except PermissionError:
        raise InputError("permission denied", path) from None
    except OSError as err:
        if err.errno == 40:  # ELOOP
            raise InputError("too many levels of symbolic links", path) from None
        raise InputError(err.strerror or str(err), path) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError("is a directory, not a file (use `newsdigest digest` for folders)", path)
        if not stat.S_ISREG(info.st_mode):
            kind = (
                "a FIFO"
                if stat.S_ISFIFO(info.st_mode)
                else ("a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else "not a regular file")
            )
            raise InputError(f"is {kind}, not a regular file", path)
        if info.st_size > max_bytes:
            raise InputError(_too_big(info.st_size, max_bytes), path)
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=True) as fh:
            fd = -1
            data = _read_limited(fh, path, max_bytes)
        return data, info.st_mtime
    except OSError as err:
        raise InputError(err.strerror or str(err), path) from None
    finally:
        if fd >= 0:
            os.close(fd)


def _read_limited(fh: BinaryIO, path: str, max_bytes: int) -> bytes:
    data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:  # one byte more than the limit was read: "more than" the limit, not than that
        raise InputError(_too_big(max_bytes, max_bytes, at_least=True), path)
    return data


def _too_big(size: int, limit: int, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    return f"too large ({more}{size:,} bytes; the limit is {limit:,}, raise it with --max-bytes)"


def binary_kind(data: bytes) -> str | None:
    """Say what binary format `data` looks like, or None when it may be text."""
    head = data[:64]
    if head.startswith(tuple(b for b, _ in BOMS)):
        return None  # a BOM: UTF-16/32 text has many NULs and is still text
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    sample = data[:8192]
    if not sample:
        return None
    if _looks_like_bomless_utf16_or_32(sample):
        return None
    nul = sample.count(0)
    # Text, even broken text, has almost no NULs or C0 control bytes; binary data has many.
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    if nul > len(sample) * 0.01 or controls > len(sample) * 0.10:
        return "binary data"
    return None


# BOM-less UTF-16: at least this many NULs, and this share of them in one byte
# column (the high byte of spaces, newlines, digits and ASCII punctuation).
# Text in a one-byte encoding has no NULs; binary data has them in both columns.
# Not all: a character such as U+4E00 (一, "one") has a NUL low byte.
_WIDE_MIN_NULS = 4
_WIDE_NUL_SHARE = 0.8
# A decoding is believable when at most this share of its characters are
# controls, unassigned or private-use code points.
_WIDE_MAX_ODD = 0.01


def _looks_like_bomless_utf16_or_32(sample: bytes) -> str | None:
    """The UTF-16/32 codec of BOM-less text, or None.

    UTF-32: every code unit's top byte is NUL (and the next is at most 0x10).
    UTF-16: the NULs sit in one column (the high byte of ASCII characters), and
    the decoded text has almost no controls or unassigned code points: that
    holds for Latin, Cyrillic and CJK text alike, and for no one-byte encoding."""
    n = len(sample) - len(sample) % 4
    if n < 8:
        return None
    sample = sample[:n]
    nuls = sample.count(0)
    if nuls < _WIDE_MIN_NULS:
        return None
    candidates = []
    if not sample[3::4].strip(b"\x00") and max(sample[2::4]) <= 0x10:
        candidates.append("utf-32-le")
    if not sample[0::4].strip(b"\x00") and max(sample[1::4]) <= 0x10:
        candidates.append("utf-32-be")
    odd_nuls = sample[1::2].count(0)
    if odd_nuls >= nuls * _WIDE_NUL_SHARE:
        candidates.append("utf-16-le")
    elif nuls - odd_nuls >= nuls * _WIDE_NUL_SHARE:
        candidates.append("utf-16-be")
    for codec in candidates:
        try:
            # Incremental: a surrogate pair cut at the end of the sample is not an error.
            text = codecs.getincrementaldecoder(codec)().decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        if text and _odd_share(text) <= _WIDE_MAX_ODD:
            return codec
    return None


def _odd_share(text: str) -> float:
    """The share of characters no text holds: controls (but whitespace), NUL, unassigned, private use."""
    import unicodedata

    odd = sum(1 for ch in text if ch not in "\t\n\r\x0c" and unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs"))
    return odd / len(text)


def detect_encoding(data: bytes) -> str:
    """The codec to decode `data` with (see `sniff_encoding`)."""
    return sniff_encoding(data)[0]


def sniff_encoding(data: bytes) -> tuple[str, str | None]:
    """(the codec to decode `data` with, the charset label the document declares or None).

    The order is the WHATWG standard's (see newsdigest/encodings.py): a BOM,
    the declared charset if the bytes decode strictly with it (valid UTF-8
    wins over any other declaration), then detection."""
    from . import encodings as enc

    label = enc.declared_charset(data)
    for bom, codec in BOMS:
        if data.startswith(bom):
            return codec, label
    declared = enc.codec_for_label(label) if label else None
    if declared in _WIDE_DECLARED:
        declared = None  # a UTF-16 declaration in bytes we can read as ASCII is a lie
    if declared and declared != "utf-8" and enc.is_utf8_text(data):
        return "utf-8", label
    if declared and enc.strictly_decodes(data, declared):
        return declared, label
    return _detected(data), label


_WIDE_DECLARED = ("utf-16", "utf-32", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")


def _detected(data: bytes) -> str:
    """The codec of bytes whose declaration (if any) did not hold: UTF-16/32 without
    BOM, UTF-8, else charset-normalizer's guess, Western text read as windows-1252."""
    from .encodings import prefer_windows_1252

    wide = _looks_like_bomless_utf16_or_32(data[:8192])
    if wide:
        return wide
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as err:
        if err.start > len(data) - 4 and err.reason == "unexpected end of data":
            return "utf-8"  # cut off mid-character at the end
        if _mostly_utf8(data):
            return "utf-8"  # UTF-8 with a few broken bytes: keep it UTF-8, replace the bad bytes
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:262144]))
    if not matches:
        return "utf-8"
    # charset-normalizer often finds several single-byte code pages equally good
    # (same chaos, same coherence): the bytes of accented Latin letters decode
    # in all of them. Then the one most used for news text wins.
    best = matches[0]
    ties = [m.encoding for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    chosen = next((p for p in _PREFERRED_CODECS if p in ties), best.encoding)
    return prefer_windows_1252(data, codecs.lookup(chosen).name)


def _mostly_utf8(data: bytes) -> bool:
    """True when the bytes are valid UTF-8 but for a few bad sequences."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 127) - bad
    return multibyte > 0 and bad <= max(2, multibyte // 10)


def sniff_format(text: str) -> str:
    """ "html", "feed" or "text", by content: markup signs near the start of the document."""
    head = text[:4096]
    stripped = head.lstrip("\ufeff \t\r\n")
    if _FEED_SIGNS.search(head) and (stripped.startswith("<") or stripped.startswith("\ufeff<")):
        return "feed"
    if stripped.startswith("{") and '"version"' in head and "jsonfeed.org" in head:
        return "feed"
    if stripped.startswith("<") and _HTML_SIGNS.search(head):
        return "html"
    if len(_HTML_SIGNS.findall(head)) >= 3:
        return "html"
    return "text"


# A text file that ends in a run of NULs (a writer that preallocated it, a crash
# before the rest was written) is read without them; a run this long at least.
_NUL_PADDING = 16


def decode(data: bytes, path: str) -> tuple[str, str]:
    """(text, codec) for raw bytes; refuses empty and binary input."""
    text, codec, _declared = decode_declared(data, path)
    return text, codec


def decode_declared(data: bytes, path: str) -> tuple[str, str, str | None]:
    """(text, codec, the declared charset label or None) for raw bytes; refuses empty and binary input."""
    if not data.strip():
        raise InputError("empty file" if not data else "contains only whitespace", path)
    if not data.strip(b"\x00 \t\r\n"):
        raise InputError("not text (only NUL bytes)", path)
    padding = len(data) - len(data.rstrip(b"\x00"))
    if padding >= _NUL_PADDING:
        data = data[: len(data) - padding // 4 * 4]  # whole UTF-32 units, so wide text stays aligned
    kind = binary_kind(data)
    if kind:
        raise InputError(f"not text (looks like {kind})", path)
    codec, declared = sniff_encoding(data)
    text = data.decode(codec, errors="replace")
    text = text.lstrip("\ufeff").replace("\x00", "")
    if not text.strip():
        raise InputError("contains only whitespace", path)
    return text, codec, declared


def load_bytes(data: bytes, path: str = STDIN, mtime: float | None = None) -> RawDocument:
    """Decode and sniff bytes already in memory."""
    from .encodings import codec_for_label

    text, codec, label = decode_declared(data, path)
    # Reported only when the page declared something else than what was used.
    differs = (
        label
        if label
        and codec_for_label(label) != codecs.lookup(codec).name
        and not (codec == "utf-8-sig" and codec_for_label(label) == "utf-8")
        else None
    )
    return RawDocument(
        path=path,
        text=text,
        format=sniff_format(text),
        encoding=codec,
        size=len(data),
        mtime=mtime,
        encoding_declared=differs,
    )


def load(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """Read one input (a path, or "-" for stdin) into a RawDocument, or raise InputError."""
    data, mtime = read_bytes(path, max_bytes)
    return load_bytes(data, path, mtime)
