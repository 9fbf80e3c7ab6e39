"""One story across inputs: a feed's teaser told by the saved page, and multi-page articles joined."""

from __future__ import annotations

import importlib.util
import json
import os

from conftest import ROOT, run_cli

from newsdigest.digest import DigestOptions, make_digest

BASE = {"SOURCE_DATE_EPOCH": "1795000000", "NEWSDIGEST_CONFIG": os.devnull}


def _teasers():
    spec = importlib.util.spec_from_file_location("teasers", ROOT / "benchmarks" / "teasers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_teaser_items_are_told_by_their_saved_pages(tmp_path):
    teasers = _teasers()
    expected = teasers.build_inbox(tmp_path)
    digest = make_digest([str(tmp_path)], DigestOptions())
    by_source = {s.path: entry for entry in digest.entries for s in entry.sources}
    for item, page in expected.items():
        if page is None:  # no saved page (or one saved from another address): the teaser is its own story
            assert item in by_source and by_source[item].summary.article.format == "feed"
        else:  # the page tells the story, listed once: the feed item is no source line of its own
            assert item not in by_source
            entry = by_source[page]
            assert [s.path for s in entry.sources] == [page]
            assert len(entry.fingerprints) == 2  # --new-only remembers the teaser too
    told, items, pages, _ = teasers.replaced(tmp_path)
    assert (told, items, pages) == (8, 12, 9)


def test_a_longer_feed_item_tells_the_story_of_a_shorter_page(tmp_path):
    full = " ".join(
        f"Sentence {n} of the complete story about the Tallow valley cider press and its growers." for n in range(12)
    )
    (tmp_path / "feed.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Courier</title><item><title>Cider press '
        "opens</title>"
        f"<link>https://v.example/press?utm_source=rss</link><description>{full}</description></item></channel></rss>",
        encoding="utf-8",
    )
    (tmp_path / "page.html").write_text(
        '<html><head><title>Cider press opens</title><link rel="canonical" href="https://v.example/press/"></head><body>'
        "<article><h1>Cider press opens</h1><p>The Tallow valley cooperative opened its new cider press on Saturday, "
        "the first "
        "in the valley for forty years, chairwoman Ines Calder said.</p></article></body></html>",
        encoding="utf-8",
    )
    digest = make_digest([str(tmp_path)], DigestOptions())
    assert digest.counts.entries == 1
    (entry,) = digest.entries
    assert [s.path for s in entry.sources] == [f"{tmp_path}/feed.xml#1"]
    assert entry.summary.article.format == "feed"


def page(title: str, paragraphs: list[str], head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html lang=en><head><title>{title}</title>{head}</head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )


PARTS = {
    1: [
        "Part one: the Greyhaven wind farm vote drew 61 percent turnout, the highest for a local ballot in the town's "
        "history.",
        "Supporters gathered at the harbor hall while the count went on past midnight, and cheered when the result "
        "came in.",
    ],
    2: [
        "Part two: opponents said the turbines would spoil the view from the cliffs and hurt the summer trade in the "
        "old town.",
        "The developer promised a community fund of two million a year for the life of the project, paid into a local "
        "trust.",
    ],
    3: [
        "Part three: construction is due to start in the spring, with the first turbines turning by the end of next "
        "year.",
        "The cable will come ashore at Pell Cove, where a new substation is planned beside the old lifeboat station.",
    ],
}
TITLE = "Greyhaven backs wind farm"


def write_numbered(folder) -> None:
    """Three pages under one URL with page numbers; saved under names that sort out of page order."""
    folder.mkdir()
    base = "https://g.example/news/wind-vote"
    (folder / "c.html").write_text(page(TITLE, PARTS[1], f'<link rel="canonical" href="{base}">'), encoding="utf-8")
    (folder / "a.html").write_text(
        page(TITLE, PARTS[3], f'<link rel="canonical" href="{base}?page=3">'), encoding="utf-8"
    )
    (folder / "b.html").write_text(
        page(TITLE, PARTS[2], f'<meta property="og:url" content="{base}/2/">'), encoding="utf-8"
    )


def joined_text(entry) -> str:
    return " ".join(s.text for s in entry.summary.sentences)


def test_pages_with_numbers_are_joined_in_page_order(tmp_path):
    write_numbered(tmp_path / "in")
    digest = make_digest([str(tmp_path / "in")], DigestOptions(summary=_all_sentences()))
    assert digest.counts.entries == 1 and digest.counts.inputs == 3
    (entry,) = digest.entries
    text = joined_text(entry)
    assert text.index("Part one") < text.index("Part two") < text.index("Part three")
    assert [os.path.basename(s.path) for s in entry.sources] == ["c.html"]  # page one; listed once
    assert len(entry.fingerprints) == 3


def test_pages_linked_by_rel_next_and_prev_are_joined(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    first = "https://g.example/wind"
    # Page two's canonical link points at page one (a common mistake); the rel links still join them.
    (folder / "1.html").write_text(
        page(TITLE, PARTS[2], f'<link rel="canonical" href="{first}"><link rel="prev" href="/wind">'), encoding="utf-8"
    )
    (folder / "2.html").write_text(
        page(TITLE, PARTS[1], f'<link rel="canonical" href="{first}"><link rel="next" href="{first}-p2">'),
        encoding="utf-8",
    )
    digest = make_digest([str(folder)], DigestOptions(summary=_all_sentences()))
    assert digest.counts.entries == 1
    text = joined_text(next(iter(digest.entries)))
    assert text.index("Part one") < text.index("Part two")


def test_the_same_page_saved_twice_is_not_joined_to_itself(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    head = '<link rel="canonical" href="https://g.example/wind">'
    (folder / "a.html").write_text(page(TITLE, PARTS[1], head), encoding="utf-8")
    (folder / "b.html").write_text(page(TITLE, PARTS[1], head), encoding="utf-8")
    digest = make_digest([str(folder)], DigestOptions(summary=_all_sentences()))
    (entry,) = digest.entries
    assert joined_text(entry).count("Part one") == 1 and len(entry.sources) == 2  # an ordinary duplicate


def test_any_number_of_jobs_gives_the_same_digest(tmp_path):
    _teasers().build_inbox(tmp_path / "teasers")
    write_numbered(tmp_path / "pages")
    args = ("digest", str(tmp_path / "teasers"), str(tmp_path / "pages"), "--format", "json")
    one = run_cli(*args, "--jobs", "1", env=BASE)
    two = run_cli(*args, "--jobs", "2", env=BASE)
    assert one.returncode == 0 and one.stdout == two.stdout
    doc = json.loads(one.stdout)
    assert doc["counts"]["entries"] == 14 and doc["counts"]["inputs"] == 24


def test_include_judges_a_teaser_by_the_saved_pages_story(tmp_path):
    _teasers().build_inbox(tmp_path)
    # "Castlegate" is in the saved page of the cup final, not in the feed's teaser of it
    doc = json.loads(run_cli("digest", str(tmp_path), "--format", "json", "--include", "Castlegate", env=BASE).stdout)
    entries = [e for g in doc["groups"] for e in g["entries"]]
    assert [e["title"] for e in entries] == ["Harlow Rovers win Eastmark Cup on late Okonkwo goal"]
    assert doc["counts"]["filtered"] == 19  # 21 articles: the page and its absorbed feed item are kept


def _all_sentences():
    from newsdigest.api import SummaryOptions
    from newsdigest.summarizers.select import Length

    return SummaryOptions(algorithm="lead", length=Length(sentences=20))


def test_a_blogs_next_post_link_joins_nothing(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    # Blogs link each post to the next post with rel="next": another story, with another headline.
    (folder / "a.html").write_text(
        page(
            TITLE,
            PARTS[1],
            '<link rel="canonical" href="https://b.example/wind"><link rel="next" href="https://b.example/harbor">',
        ),
        encoding="utf-8",
    )
    (folder / "b.html").write_text(
        page(
            "Harbor hall gets a new roof",
            PARTS[2],
            '<link rel="canonical" href="https://b.example/harbor"><link rel="prev" href="https://b.example/wind">',
        ),
        encoding="utf-8",
    )
    assert make_digest([str(folder)], DigestOptions()).counts.entries == 2


def test_a_page_marker_in_the_headline_still_joins(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    first = "https://g.example/wind"
    (folder / "1.html").write_text(
        page(TITLE, PARTS[1], f'<link rel="canonical" href="{first}"><link rel="next" href="{first}/more">'),
        encoding="utf-8",
    )
    (folder / "2.html").write_text(
        page(f"{TITLE} - Page 2", PARTS[2], f'<link rel="canonical" href="{first}/more">'), encoding="utf-8"
    )
    digest = make_digest([str(folder)], DigestOptions(summary=_all_sentences()))
    (entry,) = digest.entries
    assert entry.title == TITLE and "Part two" in joined_text(entry)


def test_batch_rows_tell_the_story_once_and_carry_paywalled(tmp_path):
    _teasers().build_inbox(tmp_path / "in")
    write_numbered(tmp_path / "pages")
    out = tmp_path / "rows"
    result = run_cli(
        "batch", str(tmp_path / "in"), str(tmp_path / "pages"), "-o", str(out), "--exclude", "chess", env=BASE
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in (out / "part-00000.jsonl").read_text(encoding="utf-8").splitlines()]
    by_path = {os.path.basename(r["path"]): r for r in rows}
    # the saved page tells its teaser's story: one row, the feed item listed as joined
    assert [os.path.basename(p) for p in by_path["page-01.html"]["joined"]] == ["feed.xml#1"]
    assert "feed.xml#1" not in by_path
    # a multi-page article is one row, for page one, its later pages joined
    assert sorted(os.path.basename(p) for p in by_path["c.html"]["joined"]) == ["a.html", "b.html"]
    assert "a.html" not in by_path and "b.html" not in by_path
    # --exclude leaves rows out (the chess page and the feed item it would have told)
    assert not any("chess" in (r["title"] or "").lower() for r in rows)
    assert all(r["paywalled"] is None for r in rows) and all("joined" in r for r in rows)
