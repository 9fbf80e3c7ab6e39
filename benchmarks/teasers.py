#!/usr/bin/env python3
"""Teaser feeds: the share of a feed's teaser items whose story comes from a saved page of the same URL.

Usage (from the repository root)::

    .venv/bin/python benchmarks/teasers.py [--keep FOLDER]

Builds a test inbox from the invented stories of tests/fixtures/topics: one
RSS feed whose items carry only a story's first paragraph (a teaser), and
saved HTML pages of most of those stories, their URLs spelled as real pages
and feeds spell them differently (tracking parameters, a trailing slash,
http and https, host case, a default port, a fragment, og:url or only a
canonical link; one page saved from its AMP address, which no normalisation
maps to the article's). Then it makes the digest and counts the feed items
whose entry tells the saved page's story. Figures: replaced / teaser items,
and replaced / items that have a saved page.
"""

from __future__ import annotations

import argparse
import html
import os
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
STORIES = REPO_ROOT / "tests" / "fixtures" / "topics" / "stories"

# (story file, the URL in the feed, the page's og:url or None, the page's canonical or None); page None: not saved
INBOX = [
    (
        "ferry-1.txt",
        "https://coast.example/2025/05/03/ferries-collide",
        "https://coast.example/2025/05/03/ferries-collide",
        None,
    ),
    (
        "budget-1.txt",
        "https://coast.example/2025/03/03/budget?utm_source=rss&utm_medium=feed",
        None,
        "https://coast.example/2025/03/03/budget",
    ),
    (
        "fire-1.txt",
        "https://coast.example/2025/08/12/pine-hollow/",
        "https://coast.example/2025/08/12/pine-hollow",
        None,
    ),
    ("battery-1.txt", "http://COAST.example/2025/01/22/quillfern", None, "https://coast.example/2025/01/22/quillfern"),
    ("strike-1.txt", "https://coast.example:443/2025/10/07/strike", "https://coast.example/2025/10/07/strike", None),
    (
        "measles-1.txt",
        "https://coast.example/2025/02/10/measles#comments",
        "https://coast.example/2025/02/10/measles",
        None,
    ),
    (
        "football-1.txt",
        "https://coast.example/2025/05/18/cup-final?fbclid=abc",
        "https://coast.example/2025/05/18/cup-final",
        "https://coast.example/2025/05/18/cup-final",
    ),
    ("rates-1.txt", "https://coast.example/2025/06/11/rates", None, "https://coast.example/2025/06/11/rates/"),
    ("other-chess.txt", "https://coast.example/2025/04/14/chess", "https://coast.example/amp/2025/04/14/chess", None),
    ("other-butterflies.txt", "https://coast.example/2025/10/01/monarchs", False, False),
    ("other-brookhaven-library.txt", "https://coast.example/2025/09/09/library", False, False),
    ("other-keel-bay-oysters.txt", "https://coast.example/2025/09/21/oysters", False, False),
]


def _story(name: str) -> tuple[str, list[str]]:
    lines = [line for line in (STORIES / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines[0], [line for line in lines[1:] if not line.startswith("Published")]


def build_inbox(folder: str | os.PathLike) -> dict[str, str | None]:
    """Write the feed and the pages into `folder`.

    Returns {feed item path: the page path expected to tell it, or None}."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    items, expected = [], {}
    for n, (name, link, og_url, canonical) in enumerate(INBOX, 1):
        title, paragraphs = _story(name)
        items.append(
            f"<item><title>{html.escape(title)}</title><link>{html.escape(link)}</link>"
            f"<description>{html.escape(paragraphs[0])}</description></item>"
        )
        page = None
        if og_url is not False:
            page = folder / f"page-{n:02d}.html"
            head = [f"<title>{html.escape(title)}</title>"]
            if og_url:
                head.append(f'<meta property="og:url" content="{html.escape(og_url)}">')
            if canonical:
                head.append(f'<link rel="canonical" href="{html.escape(canonical)}">')
            body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
            page.write_text(
                f"<!doctype html><html lang=en><head>{''.join(head)}</head><body><article>"
                f"<h1>{html.escape(title)}</h1>{body}"
                "</article></body></html>",
                encoding="utf-8",
            )
        expected[f"{folder / 'feed.xml'}#{n}"] = str(page) if page and "/amp/" not in (og_url or "") else None
    (folder / "feed.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Coast Courier</title>'
        + "".join(items)
        + "</channel></rss>",
        encoding="utf-8",
    )
    return expected


def replaced(folder: str | os.PathLike, jobs: int = 1) -> tuple[int, int, int, object]:
    """(feed items told by a saved page, teaser items, items with a saved page, the digest)."""
    from newsdigest.digest import DigestOptions, make_digest

    digest = make_digest([str(folder)], DigestOptions(jobs=jobs))
    told = 0
    for entry in digest.entries:
        paths = [s.path for s in entry.sources]
        if entry.summary.article.format != "feed" and any(
            p.startswith(str(folder)) and p.endswith(".html") for p in paths
        ):
            told += sum(1 for fp in entry.fingerprints) - 1  # the page's own print, plus one per absorbed feed item
    pages = sum(1 for _, _, og, canonical in INBOX if og is not False)
    return told, len(INBOX), pages, digest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", default=None, help="build the inbox in this folder (kept) instead of a temporary one")
    parser.add_argument("--eval", default=None, help="accepted for run_all.py; the inbox is built from our own stories")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        build_inbox(folder)
        told, teasers, pages, digest = replaced(folder)
        print(f"teaser feed: {teasers} items, {pages} of them with a saved page in the inbox")
        print(f"{'':<34}{'items':>6}{'share':>8}")
        print(f"{'told by the saved page':<34}{told:>6}{told / teasers:>8.0%}   of teaser items")
        print(f"{'':<34}{'':>6}{told / pages:>8.0%}   of items with a saved page")
        print(f"digest: {digest.counts.entries} stories from {digest.counts.inputs} articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
