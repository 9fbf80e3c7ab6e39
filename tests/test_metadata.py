"""Bylines, dates and author names in the shapes real sites print them (names invented)."""

from __future__ import annotations

import pytest

from newsdigest import clean_text
from newsdigest.cleaning import metadata as md

BYLINES = [
    # (line, authors, publisher, published, updated)
    (
        "By Cao Yin (China Daily) Updated: 2014-11-20 07:00",
        ["Cao Yin"],
        "China Daily",
        "2014-11-20T07:00",
        "2014-11-20T07:00",
    ),
    ("By Jane Doe and John Roe, Staff Writers", ["Jane Doe", "John Roe"], None, None, None),
    (
        "By MARIA LOPEZ | Published Feb. 12, 2025 | Updated Feb. 13, 2025",
        ["Maria Lopez"],
        None,
        "2025-02-12",
        "2025-02-13",
    ),
    ("BY ELENA VOSS", ["Elena Voss"], None, None, None),
    ("By: Tomas Ferreira", ["Tomas Ferreira"], None, None, None),
    ("Written by Amara Okafor", ["Amara Okafor"], None, None, None),
    ("Posted by Ines Kowalczyk", ["Ines Kowalczyk"], None, None, None),
    (
        "By Priya Raman, Kofi Mensah and Lena Hoffmann",
        ["Priya Raman", "Kofi Mensah", "Lena Hoffmann"],
        None,
        None,
        None,
    ),
    ("By Hélène Dubois & Jean-Marc Leclerc", ["Hélène Dubois", "Jean-Marc Leclerc"], None, None, None),
    ("By Grace Mbeki - March 3, 2024", ["Grace Mbeki"], None, "2024-03-03", None),
    ("By Noor al-Hassan, Reuters", ["Noor al-Hassan"], None, None, None),
    ("By Staff Reporter", [], None, None, None),
    ("By Associated Press", [], None, None, None),
    ("By Sean O'Malley | 5 min read", ["Sean O'Malley"], None, None, None),
    ("By Dr. Ruth Adeyemi", ["Ruth Adeyemi"], None, None, None),
    ("By Kate Brennan, Staff Writer", ["Kate Brennan"], None, None, None),
    ("By Marta Silva and John Obi, Staff Writers", ["Marta Silva", "John Obi"], None, None, None),
]


@pytest.mark.parametrize(("line", "authors", "publisher", "published", "updated"), BYLINES, ids=[b[0] for b in BYLINES])
def test_bylines(line, authors, publisher, published, updated):
    info = md.parse_byline(line)
    if not authors and not publisher and not published:
        assert info is None or info["authors"] == []
        return
    assert info is not None
    assert info["authors"] == authors
    assert info["publisher"] == publisher
    if published:
        assert info["date"] == published
    if updated:
        assert info["updated"] == updated


@pytest.mark.parametrize(
    "line",
    [
        "By defining clear contracts, teams can separate infrastructure from business value.",
        "By the end of the week, the river had fallen below its summer level.",
        "By 2030 the city hopes to plant another 10,000 trees.",
        "By comparison, last year's harvest was poor.",
    ],
)
def test_sentences_starting_with_by_give_no_authors(line):
    info = md.parse_byline(line)
    assert info is None or info["authors"] == []


@pytest.mark.parametrize(
    "name", ["Updated", "By Jane", "Published Monday", "March 3, 2024", "Staff Writer", "Share", "5 min read"]
)
def test_no_name_is_a_label_or_a_date(name):
    assert md.parse_authors(name) == [] or all(
        "Updated" not in n and not any(c.isdigit() for c in n) for n in md.parse_authors(name)
    )


def test_authors_never_carry_labels_or_dates():
    for line, *_ in BYLINES:
        info = md.parse_byline(line)
        for name in info["authors"] if info else []:
            assert not name.lower().startswith(("by ", "updated", "published"))
            assert not any(ch.isdigit() for ch in name)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2014-11-20 07:00", "2014-11-20T07:00"),
        ("March 3, 2025", "2025-03-03"),
        ("3 March 2025", "2025-03-03"),
        ("Sept. 9, 2023", "2023-09-09"),
        ("Oct 14th, 2024", "2024-10-14"),
        ("2024年10月8日", "2024-10-08"),
        ("2025-02-30", None),  # no such day: null rather than wrong
        ("no date here", None),
    ],
)
def test_dates(text, iso):
    assert md.parse_date(text)[0] == iso


@pytest.mark.parametrize(
    ("line", "published", "updated"),
    [
        ("Published 12 Feb 2025 | Updated 13 Feb 2025", "2025-02-12", "2025-02-13"),
        ("Updated: March 5, 2024", "2024-03-05", "2024-03-05"),
        ("Last modified 2023-01-02", "2023-01-02", "2023-01-02"),
        ("Posted on June 1, 2022", "2022-06-01", None),
    ],
)
def test_published_and_updated(line, published, updated):
    assert md.split_dates(line) == (published, updated)


HTML_META = """<html lang="de-DE"><head>
<meta property="og:title" content="Stadtrat beschließt neuen Radweg | Rheintal Bote">
<meta property="og:site_name" content="Rheintal Bote">
<meta name="author" content="Klara Vogt">
<meta property="article:published_time" content="2024-04-02T08:30:00+02:00">
<meta property="article:modified_time" content="2024-04-03T10:00:00+02:00">
<meta property="article:section" content="Lokales">
</head><body><article><h1>Stadtrat beschließt neuen Radweg</h1>
<p>Der Stadtrat hat am Dienstag mit großer Mehrheit beschlossen, entlang der Hauptstraße einen geschützten Radweg zu \
bauen, der im Herbst fertig sein soll.</p>
<p>Die Kosten von rund zwei Millionen Euro trägt zum größten Teil das Land, teilte die Verwaltung nach der Sitzung \
mit.</p>
</article></body></html>"""


def test_html_metadata_from_meta_and_opengraph():
    meta = clean_text(HTML_META, format="html").meta
    assert meta.title == "Stadtrat beschließt neuen Radweg"
    assert meta.authors == ("Klara Vogt",)
    assert meta.publisher == "Rheintal Bote"
    assert meta.section == "Lokales"
    assert meta.date == "2024-04-02"
    assert meta.updated and meta.updated.startswith("2024-04-03")
    assert meta.language == "de"


HTML_LD = """<html><head><title>Ignored title</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","name":"Coast Herald"},
 {"@type":"NewsArticle","headline":"Storm closes ferry routes","author":{"@type":"Person","name":"By Owen Price"},
  "datePublished":"2023-12-01T06:00:00Z","publisher":{"@type":"Organization","name":"Coast Herald"},
  "articleSection":["Weather","News"]}]}</script></head>
<body><p>Ferries between the islands were cancelled on Friday as gusts of more than 100 km/h swept the coast, the \
operator said in an update to passengers.</p>
<p>Crossings are expected to resume on Saturday afternoon once the wind drops, but passengers were told to check \
before travelling.</p></body></html>"""


def test_html_metadata_from_json_ld_graph():
    meta = clean_text(HTML_LD, format="html").meta
    assert meta.title == "Storm closes ferry routes"
    assert meta.authors == ("Owen Price",)
    assert meta.publisher == "Coast Herald"
    assert meta.date == "2023-12-01"
    assert meta.section == "Weather"


HTML_TIME = """<html><body><article><h1>Library reopens after flood repairs</h1>
<p class="byline">By Sofia Marino</p><time datetime="2022-07-19T09:00">July 19</time>
<p>The central library reopened on Tuesday after eight months of repairs to its flooded basement, with a new \
children's room and longer weekend hours.</p>
<p>Staff said about 2,000 damaged books had been replaced with help from donations by local readers and businesses.</p>
</article></body></html>"""


def test_html_metadata_from_time_and_visible_byline():
    meta = clean_text(HTML_TIME, format="html").meta
    assert meta.date == "2022-07-19"
    assert meta.authors == ("Sofia Marino",)
    assert meta.title == "Library reopens after flood repairs"
    assert meta.publisher is None  # nothing names it: null rather than a guess
