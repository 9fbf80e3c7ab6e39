"""Loading: only regular files, format by content, encoding by BOM, declaration, detection."""

from __future__ import annotations

import codecs
import os

import pytest

from newsdigest.errors import InputError
from newsdigest.loading import decode, detect_encoding, load, load_bytes, sniff_format

STORY = "The harbor authority said on Tuesday that the new ferry terminal would open in May, two months late.\n"


@pytest.mark.parametrize(
    "bom,codec",
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_a_byte_order_mark_decides_the_encoding(bom, codec):
    data = bom + STORY.encode(codec)
    doc = load_bytes(data, "x.txt")
    assert doc.text == STORY


def test_a_declared_charset_wins_over_detection():
    page = f'<html><head><meta charset="koi8-r"><title>t</title></head><body><p>{"Москва сегодня"}</p></body></html>'
    data = page.encode("koi8-r")
    assert detect_encoding(data) == "koi8-r"
    assert "Москва" in load_bytes(data).text


def test_an_xml_declaration_is_read():
    data = (
        '<?xml version="1.0" encoding="iso-8859-15"?>'
        '<rss version="2.0"><channel><title>Caf\u00e9 \u20ac</title></channel></rss>'
    ).encode("iso-8859-15")

    doc = load_bytes(data)
    assert "Café €" in doc.text and doc.format == "feed"


def test_plain_utf8_and_undeclared_legacy_text():
    assert detect_encoding(STORY.encode("utf-8")) == "utf-8"
    text = "Der Bürgermeister von München sagte am Dienstag, die Straßenbahn werde im Frühjahr fahren. " * 3
    doc = load_bytes(text.encode("cp1252"))
    assert "Bürgermeister von München" in doc.text


@pytest.mark.parametrize(
    "text,expected",
    [
        ("<!DOCTYPE html><html><body><p>Hi</p></body></html>", "html"),
        ("  \n<html lang='en'><head><title>x</title></head></html>", "html"),
        ("<div class='story'><p>One.</p><p>Two.</p></div>", "html"),
        ("Breaking news\n\nThe council met on Monday. It said <b> is a tag.", "text"),
        ('<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "feed"),
        ('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>', "feed"),
        ("Plain text that mentions <html> once in the middle of a sentence.", "text"),
    ],
)
def test_format_is_sniffed_from_content(text, expected):
    assert sniff_format(text) == expected


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "empty file"),
        (b"  \n\t\n ", "contains only whitespace"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "not text (looks like a PNG image)"),
        (b"PK\x03\x04" + b"\x00" * 100, "not text (looks like a ZIP archive (or an Office document))"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "not text (looks like an ELF executable)"),
        (bytes(range(256)) * 20, "not text (looks like binary data)"),
    ],
)
def test_empty_and_binary_input_is_refused_by_content(data, message):
    with pytest.raises(InputError) as err:
        decode(data, "f.txt")
    assert err.value.message == message
    assert str(err.value) == f"f.txt: {message}"


def test_only_regular_files_are_read(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        load(str(tmp_path))
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="is a FIFO"):
        load(str(fifo))  # must not hang waiting for a writer
    with pytest.raises(InputError, match="is a device"):
        load("/dev/zero")
    with pytest.raises(InputError, match="no such file"):
        load(str(tmp_path / "missing.txt"))


def test_size_limit(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(STORY * 100)
    with pytest.raises(InputError, match="too large"):
        load(str(big), max_bytes=1000)
    assert load(str(big), max_bytes=len(STORY) * 100).text.startswith("The harbor")


def test_loaded_document_records_what_was_learned(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(("Überschrift\n\n" + STORY).encode("latin-1"))
    doc = load(str(path))
    assert doc.format == "text" and doc.size == path.stat().st_size and doc.mtime
    assert doc.text.startswith("Überschrift")
