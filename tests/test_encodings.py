"""Encodings in the WHATWG order: BOM, a declaration the bytes agree with, then
detection; valid UTF-8 beats any other declaration; undeclared Western text is
windows-1252, not a DOS code page. Every case's bytes are made here."""

from __future__ import annotations

import json

import pytest

from newsdigest.api import clean_document
from newsdigest.encodings import codec_for_label, oddities
from newsdigest.loading import load_bytes, sniff_encoding

STORY = (
    "On Tuesday\u2019s opening of the harbour caf\u00e9, its owner said \u201cwe are thrilled\u201d and thanked the "
    "fishermen\u2019s co-operative for the loan. The caf\u00e9\u2019s terrace seats forty people and looks out over "
    "the old quay, where the ferries to the islands leave every morning at seven."
)
BYLINE = "By Ana Sörensen \u00b7 Portbury Gazette"


def page(charset: str | None, title: str, body: str, lang: str = "en", byline: str = BYLINE) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head>{meta}<title>{title}</title></head><body>'
        f"<article><h1>{title}</h1><p>{byline}</p><p>{body}</p><p>{body}</p></article></body></html>"
    )


def test_undeclared_windows_1252_text_is_not_read_as_a_dos_code_page():
    data = (STORY + "\n\n" + STORY + "\n").encode("cp1252")
    doc = load_bytes(data, "cafe.txt")
    assert doc.encoding == "cp1252" and doc.encoding_declared is None
    assert "Tuesday\u2019s" in doc.text and "\u201cwe are thrilled\u201d" in doc.text
    assert "\u00c6" not in doc.text and "\u00da" not in doc.text  # cp850's "TuesdayÆs", "cafÚ"


def test_undeclared_windows_1252_html():
    data = page(None, "Harbour caf\u00e9 opens", STORY).encode("cp1252")
    article = clean_document(load_bytes(data, "cafe.html"))
    assert article.encoding == "cp1252"
    assert "caf\u00e9\u2019s terrace" in article.text


def test_windows_1252_bytes_that_declare_utf8_are_read_as_windows_1252():
    data = page("utf-8", "Harbour caf\u00e9 opens", STORY).encode("cp1252")
    doc = load_bytes(data, "cafe.html")
    assert doc.encoding == "cp1252" and doc.encoding_declared == "utf-8"
    article = clean_document(doc)
    assert "Tuesday\u2019s" in article.text and "\ufffd" not in article.text
    assert article.meta.title == "Harbour caf\u00e9 opens"
    assert BYLINE in doc.text  # the "·" of the byline is whole


@pytest.mark.parametrize("charset", ["gb2312", "GBK", "Shift_JIS", "euc-kr", "windows-1251"])
def test_valid_utf8_wins_over_another_declaration(charset):
    title = "DeepMind新电脑已学会自己的语言"
    body = "研究人员星期二说，这台新电脑已经学会了自己的语言，并能在几分钟内回答问题。" * 3
    data = page(charset, title, body, lang="zh").encode("utf-8")
    doc = load_bytes(data, "ai.html")
    assert doc.encoding == "utf-8" and doc.encoding_declared == charset.lower()
    article = clean_document(doc)
    assert article.meta.title == title and "鏂" not in article.text and "学会了自己的语言" in article.text


def test_a_declaration_the_bytes_agree_with_is_used():
    body = "Правительство во вторник объявило о строительстве нового моста через реку. " * 3
    data = page("windows-1251", "Новый мост", body, lang="ru", byline="Анна Петрова").encode("cp1251")
    doc = load_bytes(data, "most.html")
    assert doc.encoding == "cp1251" and doc.encoding_declared is None
    assert "Правительство во вторник" in doc.text


def test_shift_jis_declared_and_encoded():
    body = "港と島を結ぶフェリーが月曜日の朝、冬の嵐から十一週間ぶりに運航を再開した。" * 3
    data = page("Shift_JIS", "フェリー再開", body, lang="ja", byline="山田花子").encode("cp932")
    doc = load_bytes(data, "ferry.html")
    assert doc.encoding == "cp932" and doc.encoding_declared is None  # the standard's Shift_JIS is Windows-31J
    assert "フェリーが月曜日の朝" in doc.text


def test_latin1_labels_mean_windows_1252():
    assert codec_for_label("ISO-8859-1") == "cp1252" and codec_for_label("latin1") == "cp1252"
    assert codec_for_label("us-ascii") == "cp1252" and codec_for_label("gb2312") == "gb18030"
    assert codec_for_label("no-such-charset") is None
    data = page("iso-8859-1", "Caf\u00e9", STORY).encode("cp1252")  # curly quotes: bytes 0x91-0x94
    codec, label = sniff_encoding(data)
    assert codec == "cp1252" and label == "iso-8859-1"
    assert load_bytes(data).encoding_declared is None  # the label means what was used


def test_undeclared_central_european_text_keeps_its_code_page():
    text = (
        "Łódź: W poniedziałek otwarto nowy most nad rzeką. Mieszkańcy świętowali przez cały dzień, "
        "a burmistrz dziękował robotnikom za ciężką pracę. "
    ) * 4
    doc = load_bytes(text.encode("cp1250"), "most.txt")
    assert "Mieszkańcy świętowali" in doc.text


def test_oddities_tell_a_wrong_single_byte_decoding():
    data = STORY.encode("cp1252")
    assert oddities(data.decode("cp850")) > 2 * oddities(data.decode("cp1252")) + 2


def test_json_gives_the_encoding_used_and_the_declared_one(tmp_path):
    from conftest import run_cli

    path = tmp_path / "cafe.html"
    path.write_bytes(page("utf-8", "Harbour caf\u00e9 opens", STORY).encode("cp1252"))
    done = run_cli("clean", str(path), "--format", "json")
    assert done.returncode == 0
    data = json.loads(done.stdout)
    assert data["encoding"] == "cp1252" and data["encoding_declared"] == "utf-8"
    plain = tmp_path / "plain.txt"
    plain.write_bytes((STORY + "\n").encode("utf-8"))
    data = json.loads(run_cli("clean", str(plain), "--format", "json").stdout)
    assert data["encoding"] == "utf-8" and "encoding_declared" not in data


def test_undeclared_turkish_text_keeps_its_code_page():
    # Its letters are windows-1252 letters too ("þ" for "ş"): detection, not windows-1252, knows better.
    text = (
        "İstanbul Büyükşehir Belediyesi salı günü yeni köprünün açıldığını duyurdu. "
        "Şehirde yaşayanlar çok mutlu olduğunu söyledi. "
    ) * 3
    doc = load_bytes(text.encode("cp1254"), "kopru.txt")
    assert doc.encoding == "cp1254" and "Büyükşehir Belediyesi" in doc.text
