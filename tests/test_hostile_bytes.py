"""Hostile input, bytes and encodings: every file ends in the right text or one clear line.

All inputs are built here: binary files from their magic numbers, news sentences
we wrote in each legacy encoding, broken UTF-8, UTF-16/32 with and without BOM.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import zipfile

import pytest
from conftest import run_cli

from newsdigest.api import SummaryOptions, clean_text, summarize_text
from newsdigest.errors import InputError
from newsdigest.loading import load_bytes

STORY = (
    "Harbor bridge reopens after repairs\n\n"
    "The Marrow Point harbor bridge reopened on Friday after a 14-month closure, the transit authority said.\n\n"
    "Crews replaced 212 corroded cables and resurfaced the deck at a cost of $48.5 million.\n\n"
    "Commuters had faced a 40-minute detour around Keel Bay while the bridge was closed.\n"
)

# A few sentences of news in each legacy encoding, written for these tests; none declares its charset.
LEGACY = {
    "gb18030": (
        "市政府周二宣布，新的地铁线路将于明年五月正式开通。\n\n"
        "交通局局长表示，工程比原计划晚了两个月，主要原因是雨季施工困难。\n\n"
        "预计每天将有超过十万名乘客使用这条线路。\n"
    ),
    "big5": (
        "台北市政府週二宣布，新的捷運路線將於明年五月正式通車。\n\n"
        "交通局局長表示，工程比原計畫晚了兩個月，主要原因是雨季施工困難。\n\n"
        "預計每天將有超過十萬名乘客使用這條路線。\n"
    ),
    "shift_jis": (
        "市は火曜日、新しい地下鉄路線を来年五月に開業すると発表した。\n\n"
        "交通局長によると、工事は雨季の影響で予定より二か月遅れている。\n\n"
        "一日あたり十万人以上の利用が見込まれている。\n"
    ),
    "euc_kr": (
        "서울시는 화요일 새 지하철 노선이 내년 5월에 개통된다고 발표했다.\n\n"
        "교통국장은 우기 때문에 공사가 예정보다 두 달 늦어졌다고 말했다.\n\n"
        "하루 이용객은 10만 명이 넘을 것으로 예상된다.\n"
    ),
    "koi8_r": (
        "Городские власти во вторник объявили, что новая линия метро откроется в мае следующего года.\n\n"
        "По словам главы транспортного управления, работы задержались на два месяца из-за дождей.\n\n"
        "Ожидается, что линией будут пользоваться более ста тысяч пассажиров в день.\n"
    ),
    "cp1252": (
        "Le maire a annoncé mardi que la nouvelle ligne de tramway ouvrira en mai – avec deux mois de retard.\n\n"
        "« Les travaux ont coûté 48 millions d’euros, soit 3 millions de plus que prévu », a-t-il précisé.\n\n"
        "La ligne desservira l’hôpital, l’université et le marché couvert.\n"
    ),
    "latin_1": (
        "El alcalde de La Coruña anunció el martes que la nueva línea de tranvía abrirá en mayo del año próximo.\n\n"
        "Según la concejalía, las obras costaron 48 millones de euros, tres millones más de lo previsto.\n\n"
        "La línea dará servicio al hospital, a la universidad y al mercado de abastos de la ciudad.\n"
    ),
}


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("story.txt", STORY)
    return buf.getvalue()


def _elf() -> bytes:
    # An ELF header: magic, 64-bit, little-endian, version 1, then the fields and padding of a tiny program.
    return b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00\x01\x00\x00\x00" + bytes(200)


# (file name, bytes, the message after "path: ")
REFUSED = [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b" \n\t\r\n  \n", "contains only whitespace"),
    ("nuls.txt", b"\x00" * 4096, "not text (only NUL bytes)"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 2, "not text (looks like a PNG image)"),
    ("archive.txt", _zip(), "not text (looks like a ZIP archive (or an Office document))"),
    ("story.txt.gz", gzip.compress(STORY.encode()), "not text (looks like a gzip archive)"),
    ("program", _elf(), "not text (looks like an ELF executable)"),
    (
        "paper.txt",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256)),
        "not text (looks like a PDF document)",
    ),
    ("noise.bin", bytes(range(256)) * 8, "not text (looks like binary data)"),
    ("bom-only.txt", codecs.BOM_UTF8, "contains only whitespace"),
]


def test_empty_whitespace_and_binary_files_are_refused_by_content(tmp_path):
    paths = []
    for name, data, _ in REFUSED:
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(str(path))
    for command in ("summarize", "clean"):
        result = run_cli(command, *paths)
        assert result.returncode == 1
        assert result.stdout == b""
        assert result.stderr.decode().splitlines() == [
            f"newsdigest: {path}: {message}" for path, (_, _, message) in zip(paths, REFUSED)
        ]


@pytest.mark.parametrize("name,data,message", REFUSED, ids=[r[0] for r in REFUSED])
def test_refused_bytes_raise_input_error_in_the_api(name, data, message):
    with pytest.raises(InputError) as err:
        load_bytes(data, name)
    assert str(err.value) == f"{name}: {message}"


@pytest.mark.parametrize("codec", sorted(LEGACY))
def test_undeclared_legacy_encodings_are_decoded(codec):
    text = LEGACY[codec]
    doc = load_bytes(text.encode(codec), "story.txt")
    assert doc.text == text
    assert doc.format == "text"


def test_legacy_encodings_through_the_cli(tmp_path):
    paths = []
    for codec, text in sorted(LEGACY.items()):
        path = tmp_path / f"{codec}.txt"
        path.write_bytes(text.encode(codec))
        paths.append(path)
    result = run_cli("clean", *map(str, paths), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    for path, line in zip(paths, result.stdout.decode("utf-8").splitlines()):
        data = json.loads(line)
        codec = path.stem
        # Each paragraph we wrote comes out as written (cleaning may call the first one the title).
        written = [p for p in LEGACY[codec].split("\n\n") if p.strip()]
        got = ([data["title"]] if data["title"] else []) + data["paragraphs"]
        assert [p.strip() for p in written] == got, codec


# (name, bytes, text that must come out)
DECODED = [
    ("utf-8", STORY.encode("utf-8"), STORY),
    ("utf-8 with BOM", codecs.BOM_UTF8 + STORY.encode("utf-8"), STORY),
    *[
        (f"{c} with BOM", bom + STORY.encode(c), STORY)
        for c, bom in (
            ("utf-16-le", codecs.BOM_UTF16_LE),
            ("utf-16-be", codecs.BOM_UTF16_BE),
            ("utf-32-le", codecs.BOM_UTF32_LE),
            ("utf-32-be", codecs.BOM_UTF32_BE),
        )
    ],
    *[(f"{c} without BOM", STORY.encode(c), STORY) for c in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")],
    ("utf-16 without BOM, not ASCII", LEGACY["koi8_r"].encode("utf-16-le"), LEGACY["koi8_r"]),
    ("utf-32 without BOM, CJK", LEGACY["gb18030"].encode("utf-32-be"), LEGACY["gb18030"]),
    # NUL bytes in otherwise good text are dropped, not a reason to refuse.
    ("a few NULs", STORY.encode().replace(b"14-month", b"14-month\x00\x00"), STORY),
    # A file that ends in NULs (preallocated, or cut short by a crash) is read without them.
    ("NUL padding", STORY.encode() + bytes(4096), STORY),
    ("NUL padding after UTF-16", STORY.encode("utf-16-le") + bytes(1000), STORY),
]


@pytest.mark.parametrize("name,data,expected", DECODED, ids=[d[0] for d in DECODED])
def test_unicode_encodings_with_and_without_bom(name, data, expected):
    doc = load_bytes(data, "story.txt")
    assert doc.text == expected


def test_utf16_and_32_files_through_the_cli(tmp_path):
    paths = []
    for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        for bom in (True, False):
            path = tmp_path / f"{codec}-{'bom' if bom else 'nobom'}.txt"
            data = STORY.encode(codec)
            path.write_bytes((codecs.lookup(codec).encode("\ufeff")[0] if bom else b"") + data)
            paths.append(str(path))
    result = run_cli("summarize", *paths, "--format", "jsonl", "-a", "lead")
    assert result.returncode == 0, result.stderr
    summaries = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(summaries) == len(paths)
    for data in summaries:
        assert data["title"] == "Harbor bridge reopens after repairs"
        assert data["summary"].startswith("The Marrow Point harbor bridge reopened on Friday")


def test_invalid_utf8_inside_utf8_keeps_the_rest():
    # A story in UTF-8 with a few broken sequences (a truncated character, a stray
    # continuation byte, an overlong encoding): the rest must decode as UTF-8, not
    # as a legacy code page that would turn every "é" into "Ã©".
    good = "Le café du marché a rouvert mardi, a déclaré la mairie. Les clients étaient nombreux dès l’aube.\n" * 3
    data = good.encode("utf-8")
    broken = data[:20] + b"\xe2\x82" + data[20:60] + b"\x80" + data[60:100] + b"\xc0\xaf" + data[100:]
    doc = load_bytes(broken, "story.txt")
    assert doc.encoding == "utf-8"
    assert "Le café du marché a rouvert" in doc.text
    assert "Ã" not in doc.text
    assert doc.text.count("\ufffd") >= 3


def test_invalid_utf8_through_the_cli(tmp_path):
    path = tmp_path / "broken.txt"
    story = STORY.replace("Friday", "Friday – “as promised” –")
    path.write_bytes(story.encode().replace(b"Friday", b"Fri\xffday\xc3"))
    result = run_cli("clean", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)  # strict UTF-8: no stray bytes got through
    assert "Fri\ufffdday\ufffd – “as promised” –" in data["text"]
    assert data["encoding"] == "utf-8"


@pytest.mark.parametrize(
    "garbled,repaired",
    [
        ("The caf\u00c3\u00a9 on Main Street reopened on Monday, its owner said.", "café on Main Street"),
        ("The mayor\u00e2\u20ac\u2122s office said the budget was approved on Tuesday evening.", "mayor's office"),
        (
            "Officials said the \u00e2\u20ac\u0153temporary\u00e2\u20ac\u009d closure would last a week.",
            '"temporary" closure',
        ),
        (
            "Die Stra\u00c3\u0178enbahn f\u00c3\u00a4hrt ab M\u00c3\u00a4rz wieder durch die Innenstadt.",
            "Straßenbahn fährt ab März",
        ),
    ],
)
def test_mojibake_is_repaired(garbled, repaired):
    assert repaired in clean_text(garbled + "\n").text


def test_mojibake_in_a_file_is_repaired(tmp_path):
    path = tmp_path / "garbled.txt"
    text = STORY.replace("Friday", "Friday, the caf\u00c3\u00a9 owner\u00e2\u20ac\u2122s husband said")
    path.write_bytes(text.encode("utf-8"))
    result = run_cli("clean", str(path))
    assert result.returncode == 0
    assert "the café owner's husband said" in result.stdout.decode()


@pytest.mark.parametrize(
    "text,kept",
    [
        ("The mayor \ud800 said on Monday that the roads would reopen in May.", "The mayor \ufffd said"),
        ("A lone low surrogate \udfff sits here. Another sentence follows it.", "surrogate \ufffd sits"),
        ("A split pair \ud83d\ude00 should join. Bytes \udcff\udcfe from a file name.", "pair \U0001f600 should"),
        ("\udc80" * 50 + " The story starts after the surrogates. It goes on.", "The story starts"),
    ],
)
def test_lone_surrogates_never_crash_an_encoder(text, kept):
    from newsdigest.render import SUMMARY_FORMATS as FORMATS
    from newsdigest.render import RenderOptions, render

    summary = summarize_text(text, SummaryOptions(algorithm="lead"))
    assert kept in summary.article.text
    for fmt in FORMATS:
        out = render([summary, summary.article], RenderOptions(format=fmt, color=fmt == "rich"))
        out.encode("utf-8")  # strict: raises on any surrogate left


def test_a_lone_surrogate_does_not_end_a_sentence():
    # Replaced by "?", it would look to the splitter like the end of a question.
    summary = summarize_text(
        "The mayor \ud800 said on Monday that the roads would reopen in May.\n", SummaryOptions(algorithm="lead")
    )
    assert [s.text for s in summary.sentences] == [
        "The mayor \ufffd said on Monday that the roads would reopen in May."
    ]


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "empty file"),
        (b"\n \n", "contains only whitespace"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "not text (looks like a PNG image)"),
        (b"\x00" * 100, "not text (only NUL bytes)"),
    ],
)
def test_standard_input_is_sniffed_like_a_file(data, message):
    result = run_cli("summarize", "-", input=data)
    assert result.returncode == 1
    assert result.stderr.decode() == f"newsdigest: -: {message}\n"
