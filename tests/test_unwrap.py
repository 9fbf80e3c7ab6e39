"""Hard-wrapped text dumps (lynx, w3m, html2text, mail) get their paragraphs back
before cleaning: prose is joined, lists, tables and short lines stay lines."""

from __future__ import annotations

import json
import textwrap

import pytest

from newsdigest.api import SummaryOptions, clean_document, summarize_article
from newsdigest.cleaning.unwrap import unwrap
from newsdigest.loading import load_bytes
from newsdigest.summarizers.select import Length

TITLE = "Ferry service to Harlow Island resumes after winter storms"
PARAGRAPHS = [
    "The ferry between Portbury and Harlow Island sailed again on Monday morning, eleven weeks after "
    "the January storms tore away part of the island's landing stage and left its four hundred residents "
    "relying on a weekly supply boat.",
    "Engineers from the county council rebuilt the landing stage on new steel piles, which they said "
    "would stand up to waves twice as high as those that wrecked the old timber structure.",
    "Island shopkeeper Maren Olsen said the first crossing felt like a holiday, with neighbours waving "
    "from the quay and children counting the gulls that followed the boat across the strait.",
    "The council expects the repairs to cost about 2.4 million pounds, most of it paid by a national "
    "fund for coastal communities that was set up after similar storms three years ago.",
    "Timetables for the summer season will be published next month, and the operator said it plans to "
    "add an evening sailing on Fridays once the new pier lights have been installed and tested.",
]
MENU = ["Home", "News", "Island life", "Weather"]
FOOTER = ["Copyright 2026 Portbury Gazette", "Contact us | Privacy"]


def dump(paragraphs=PARAGRAPHS, blank: bool = True) -> str:
    """A text copy of the page: menu, headline, paragraphs (a blank line between
    them, as lynx prints them, unless `blank` is false), footer."""
    body = "\n\n".join(paragraphs) if blank else "\n".join(paragraphs)
    return "\n".join([*MENU, "", TITLE, "", body, "", *FOOTER]) + "\n"


def wrapped(text: str, width: int, indent: str = "", quote: str = "") -> str:
    """Each line hard-wrapped at `width` columns, the way lynx -dump does (our own wrapper)."""
    out = []
    for line in text.split("\n"):
        if not line.strip():
            out.append(quote.rstrip())
            continue
        hanging = indent + ("  " if line.startswith("* ") else "")
        parts = textwrap.wrap(
            line,
            width=width - len(quote),
            initial_indent=indent,
            subsequent_indent=hanging,
            break_long_words=False,
            break_on_hyphens=False,
        )
        out.extend(quote + part for part in parts)
    return "\n".join(out)


def lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


@pytest.mark.parametrize("width", [60, 72, 76, 80])
def test_wrapped_paragraphs_are_rebuilt_and_short_lines_stay(width):
    text = dump()
    assert max(map(len, wrapped(text, width).split("\n"))) <= width
    assert lines(unwrap(wrapped(text, width))) == lines(text)


def runs_of(rebuilt: list[str], original: list[str]) -> bool:
    """Each rebuilt line is one original line or several consecutive ones joined: nothing is cut."""
    i = 0
    for line in rebuilt:
        joined = original[i]
        i += 1
        while joined != line and i < len(original) and line.startswith(joined + " "):
            joined += " " + original[i]
            i += 1
        if joined != line:
            return False
    return i == len(original)


@pytest.mark.parametrize("width", [60, 72, 76, 80])
def test_without_blank_lines_no_line_is_cut(width):
    # One block per line and no blank line between paragraphs: a paragraph whose
    # last line is nearly full cannot be told from a wrapped line (the next word
    # would not have fitted either way), so two paragraphs may be joined; but no
    # sentence is ever cut, and short lines stay lines.
    text = dump(blank=False)
    rebuilt = lines(unwrap(wrapped(text, width)))
    assert runs_of(rebuilt, lines(text))
    assert rebuilt[:4] == MENU and TITLE in rebuilt and rebuilt[-2:] == FOOTER


def test_unwrapped_text_is_left_as_it_is():
    text = dump()
    assert unwrap(text) is text or unwrap(text) == text
    short = "Home\nNews\nSport\n\nA line.\nAnother line.\n"
    assert unwrap(short) == short


def test_indented_dump_and_mail_quoting():
    text = dump()
    assert lines(unwrap(wrapped(text, 76, indent="   "))) == lines(text)
    quoted = unwrap(wrapped(text, 72, quote="> "))
    assert lines(quoted) == lines(text)  # quote markers dropped, paragraphs whole


def test_crlf_and_form_feeds_are_line_ends():
    text = dump()
    raw = wrapped(text, 72).replace("\n", "\r\n").replace(FOOTER[0], "\x0c" + FOOTER[0])
    article = clean_document(load_bytes(raw.encode("ascii"), "gazette.txt"))
    assert article.paragraphs == tuple(PARAGRAPHS)


def test_lists_and_tables_stay_lines():
    items = [
        "* The landing stage was rebuilt on twelve new steel piles driven deep into the rock of the harbour floor",
        "* A second ramp lets vehicles board at low tide, which the old stage never allowed in winter",
        "* Short item",
    ]
    table = ["Crossing      Depart   Arrive", "Morning       07:15    07:50", "Evening       18:30    19:05"]
    text = "\n\n".join([*PARAGRAPHS[:2], "\n".join(items), "\n".join(table), *PARAGRAPHS[2:]])
    assert lines(unwrap(wrapped(text, 72))) == lines(text)


def test_a_dash_or_number_inside_a_wrapped_sentence_is_not_a_list_item():
    sentence = (
        "The council said the work on the old landing stage, which had stood since 1921, was finished in "
        "seven weeks - a record for the island - and that 12. of the piles came from the old pier."
    )
    text = "\n\n".join([sentence, PARAGRAPHS[0], PARAGRAPHS[1]])
    for width in (60, 72, 76, 80):
        assert lines(unwrap(wrapped(text, width))) == lines(text)


def test_chinese_and_japanese_wrapped_by_characters():
    zh = (
        "市政府星期一宣布，连接港口和小岛的渡轮在冬季风暴过后恢复运行，岛上四百名居民终于不再依靠每周一次的补给船。"
        "工程师用新的钢桩重建了码头，他们说新码头能够承受两倍高的海浪。"
    )
    ja = (
        "港と島を結ぶフェリーが月曜日の朝、冬の嵐から十一週間ぶりに運航を再開した。島の住民四百人は週に一度の補給船に頼っていた。"
        "技術者たちは新しい鋼の杭で桟橋を再建し、以前の二倍の高さの波にも耐えられると話した。"
    )
    for text in (zh, ja):
        page = "\n".join(["首页", text, "", text[:30], "", text])
        # 38 full-width characters a line (76 columns), cut anywhere, as a terminal dump does.
        cut = "\n".join(line[i : i + 38] for line in page.split("\n") for i in range(0, max(len(line), 1), 38))
        assert max(map(len, cut.split("\n"))) == 38
        assert lines(unwrap(cut)) == lines(page)


def test_cleaner_sees_paragraphs_and_show_removed_lists_drops(tmp_path):
    text = wrapped(dump(), 76)
    article = clean_document(load_bytes(text.encode("utf-8"), "gazette.txt"))
    assert article.paragraphs == tuple(PARAGRAPHS)
    assert article.meta.title == TITLE
    removed = [r.text for r in article.removed]
    assert "Home" in removed and FOOTER[0] in removed
    summary = summarize_article(article, SummaryOptions(length=Length(sentences=3)))
    whole = {s for p in PARAGRAPHS for s in p.split(". ")}
    for sentence in summary.sentences:
        assert sentence.text[0].isupper() and sentence.text.endswith(".")
        assert any(sentence.text.rstrip(".") in p for p in PARAGRAPHS) and whole


def test_show_removed_on_a_wrapped_file(tmp_path):
    from conftest import run_cli

    path = tmp_path / "gazette.txt"
    path.write_bytes(wrapped(dump(), 72).encode("utf-8"))
    done = run_cli("clean", str(path), "--format", "json")
    assert done.returncode == 0
    data = json.loads(done.stdout)
    assert data["paragraphs"] == PARAGRAPHS
    assert {"text": "Weather", "reason": next(r["reason"] for r in data["removed"] if r["text"] == "Weather")} in data[
        "removed"
    ]
    listed = run_cli("clean", str(path), "--show-removed", "--format", "text")
    assert listed.returncode == 0 and b"Weather" in listed.stdout


def test_a_change_of_quote_depth_ends_a_paragraph():
    reply = PARAGRAPHS[3]
    quoted = PARAGRAPHS[0]
    text = "\n".join(
        [*textwrap.wrap(reply, 72), *("> " + x for x in textwrap.wrap(quoted, 70)), *textwrap.wrap(PARAGRAPHS[4], 72)]
    )
    assert lines(unwrap(text)) == [reply, quoted, PARAGRAPHS[4]]


def test_html2text_style_indented_list_items():
    items = [
        "The new landing stage has lights along its whole length, so the evening boat can dock safely in fog",
        "Tickets can be bought on board with cash or card, and season tickets at the harbour office",
    ]
    text = "\n\n".join([PARAGRAPHS[0], "\n".join("  * " + i for i in items), PARAGRAPHS[1]])
    wrapped_text = "\n".join(
        part
        for block in text.split("\n")
        for part in (
            textwrap.wrap(block, 78, subsequent_indent="    ")
            if block.startswith("  * ")
            else textwrap.wrap(block, 78) or [""]
        )
    )
    assert lines(unwrap(wrapped_text)) == lines(text)


def test_a_quote_level_without_wrapped_lines_of_its_own():
    text = "\n".join(
        [*textwrap.wrap(PARAGRAPHS[3], 72), "> Thanks", ">", "> Regards", *textwrap.wrap(PARAGRAPHS[4], 72)]
    )
    assert lines(unwrap(text)) == [PARAGRAPHS[3], "Thanks", "Regards", PARAGRAPHS[4]]


def balanced(text: str, width: int) -> str:
    """Each line wrapped into as few lines as at `width`, but as evenly as they go
    (the way fmt and par leave lines a few columns short), our own wrapper."""
    out = []
    for line in text.split("\n"):
        count = len(textwrap.wrap(line, width)) or 1
        narrowest = next(w for w in range(20, width + 1) if len(textwrap.wrap(line, w) or [""]) <= count)
        out.extend(textwrap.wrap(line, narrowest) or [""])
    return "\n".join(out)


def test_balanced_wrapping_like_fmt_is_mostly_unwrapped():
    # Balanced lines may end further short of the width than the next word is
    # long, so the greedy rule is applied a few columns under the top width:
    # most paragraphs come back whole, and the short lines stay lines.
    more = [p.replace("ferry", "boat").replace("council", "county") for p in PARAGRAPHS]
    text = dump(PARAGRAPHS + more)
    shaped = balanced(text, 72)
    assert max(map(len, shaped.split("\n"))) <= 72
    rebuilt = lines(unwrap(shaped))
    assert sum(p in rebuilt for p in PARAGRAPHS + more) >= 0.8 * len(PARAGRAPHS + more)
    assert rebuilt[:4] == MENU and TITLE in rebuilt and rebuilt[-2:] == FOOTER
    assert sum(p in lines(shaped) for p in PARAGRAPHS + more) == 0  # every paragraph was wrapped
