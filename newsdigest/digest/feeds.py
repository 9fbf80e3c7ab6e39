"""RSS, Atom and JSON Feed files -> one Article per item.

A feed item's body (its content, else its description) is already the story,
so it is not run through the page cleaner, which is built to find a story
among boilerplate; its markup is flattened to paragraphs and normalized like
every other input.

Safety: a feed never expands entities or fetches anything. Any DTD entity
declaration is refused before parsing (billion laughs, external entities that
would read a local file), checked a second time by defusedxml, and feedparser
is given bytes, never a string it could take for a URL or a file name.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import replace
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException

from ..cleaning.metadata import limited
from ..cleaning.normalize import normalize_text
from ..errors import InputError
from ..models import Article, Metadata, RawDocument
from ..urls import date_from_url

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*?\?>", re.IGNORECASE)
_ENTITY_DECL = re.compile(r"<!ENTITY", re.IGNORECASE)
_BLOCKS = (
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "tr",
    "section",
    "article",
    "figure",
)
_TAG = re.compile(r"<[^>]{0,2000}>")


def is_json_feed(text: str) -> bool:
    return text.lstrip().startswith("{")


def feed_articles(raw: RawDocument) -> list[Article]:
    """Every item of the feed in `raw`, in feed order; path "<file>#<n>" (n from 1)."""
    items = _json_items(raw) if is_json_feed(raw.text) else _xml_items(raw)
    return [_article(raw, n, item) for n, item in enumerate(items, 1)]


def _article(raw: RawDocument, n: int, item: dict) -> Article:
    paragraphs = tuple(p for p in paragraphs_of(item.get("body") or "") if p)
    title = _plain(item.get("title"))
    if not paragraphs and title:
        paragraphs = (title,)  # a headline-only item: its headline is its story
    meta = Metadata(
        title=title,
        authors=tuple(a for a in (_plain(a) for a in item.get("authors", ())) if a),
        publisher=_plain(item.get("publisher")),
        date=item.get("date") or date_from_url(item.get("link")),  # the link's /2024/05/03/ when the item gives no date
        url=item.get("link") or None,
        language=(item.get("language") or "")[:2].lower() or None,
    )
    meta = limited(meta)
    if not meta.language and paragraphs:
        from ..language import detect_language

        meta = replace(meta, language=detect_language("\n".join(paragraphs)[:2000]))
    return Article(
        path=f"{raw.path}#{n}", paragraphs=paragraphs, meta=meta, encoding=raw.encoding, format="feed", mtime=raw.mtime
    )


def _plain(value) -> str | None:
    if not value or not isinstance(value, str):
        return None
    text = " ".join(normalize_text(_TAG.sub(" ", value) if "<" in value else value).split())
    return text or None


def paragraphs_of(body: str) -> Iterator[str]:
    """An item body (HTML or plain text) as normalized paragraphs."""
    if "<" in body and ">" in body:
        body = _html_to_text(body)
    else:
        import html

        body = html.unescape(body)
    for line in normalize_text(body).split("\n"):
        line = " ".join(line.split())
        if line:
            yield line


def _html_to_text(fragment: str) -> str:
    try:
        import lxml.html

        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        for bad in root.xpath("//script|//style|//noscript|//iframe|//object|//embed|//form"):
            bad.drop_tree()
        for br in root.iter("br"):
            br.tail = "\n" + (br.tail or "")
        for block in root.iter(*_BLOCKS):
            block.tail = "\n" + (block.tail or "")
            block.text = "\n" + (block.text or "")
        return root.text_content()
    except Exception:  # lxml gives up on some broken or absurdly deep markup: strip tags instead
        import html

        return html.unescape(_TAG.sub("\n", fragment))


# -- RSS / Atom ---------------------------------------------------------------


def _xml_items(raw: RawDocument) -> list[dict]:
    text = raw.text
    if _ENTITY_DECL.search(text[:1_000_000]):
        raise InputError("feed refused: it declares XML entities (never expanded, for safety)", raw.path)
    data = _XML_DECL.sub('<?xml version="1.0" encoding="utf-8"?>', text, count=1).encode("utf-8", "replace")
    _refuse_unsafe_xml(data, raw.path)
    import feedparser

    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=True)
    if not parsed.entries and parsed.get("bozo") and not parsed.feed:
        raise InputError(f"not a readable feed ({_bozo_reason(parsed)})", raw.path)
    publisher = parsed.feed.get("title")
    language = parsed.feed.get("language")
    items = []
    for entry in parsed.entries:
        body = ""
        for content in entry.get("content") or ():  # Atom content / content:encoded: the fullest body
            if len(content.get("value") or "") > len(body):
                body = content.get("value") or ""
        body = body or entry.get("summary") or entry.get("description") or ""
        authors = [a.get("name") for a in entry.get("authors") or () if isinstance(a, dict) and a.get("name")]
        if not authors and entry.get("author"):
            authors = [entry.get("author")]
        items.append(
            {
                "title": entry.get("title"),
                "body": body,
                "authors": authors,
                "publisher": publisher,
                "date": _iso_date(entry.get("published_parsed") or entry.get("updated_parsed")),
                "link": _safe_link(entry.get("link")),
                "language": language,
            }
        )
    return items


def _refuse_unsafe_xml(data: bytes, path: str) -> None:
    """defusedxml's verdict on DTDs, entities and external references; malformed XML is left to feedparser."""
    import defusedxml.ElementTree as safe_et

    try:
        safe_et.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as err:
        raise InputError(
            f"feed refused: {type(err).__name__} (entities and external references are never resolved)", path
        ) from None
    except (ParseError, ValueError):
        pass  # not well-formed: feedparser's lenient reading decides


def _bozo_reason(parsed) -> str:
    exc = parsed.get("bozo_exception")
    return f"{type(exc).__name__}: {exc}".splitlines()[0][:200] if exc else "no items"


def _iso_date(struct) -> str | None:
    if not struct:
        return None
    try:
        return time.strftime("%Y-%m-%d", struct)
    except (TypeError, ValueError):
        return None


def _safe_link(link) -> str | None:
    if isinstance(link, str) and link.strip().lower().startswith(("http://", "https://")):
        return link.strip()
    return None


# -- JSON Feed (jsonfeed.org 1.0 / 1.1) -------------------------------------------------


def _json_items(raw: RawDocument) -> list[dict]:
    try:
        feed = json.loads(raw.text)
    except (ValueError, RecursionError) as err:
        raise InputError(f"not a readable JSON feed ({str(err)[:120]})", raw.path) from None
    if not isinstance(feed, dict) or not isinstance(feed.get("items", []), list):
        raise InputError("not a readable JSON feed (no items list)", raw.path)
    publisher = feed.get("title") if isinstance(feed.get("title"), str) else None
    language = feed.get("language") if isinstance(feed.get("language"), str) else None
    items = []
    for item in feed.get("items", []):
        if not isinstance(item, dict):
            continue
        body = item.get("content_html") or item.get("content_text") or item.get("summary") or ""
        authors = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
        items.append(
            {
                "title": item.get("title"),
                "body": body if isinstance(body, str) else "",
                "authors": [a.get("name") for a in authors if isinstance(a, dict) and isinstance(a.get("name"), str)],
                "publisher": publisher,
                "date": _json_date(item.get("date_published") or item.get("date_modified")),
                "link": _safe_link(item.get("url") or item.get("external_url")),
                "language": item.get("language") if isinstance(item.get("language"), str) else language,
            }
        )
    return items


def _json_date(value) -> str | None:
    if isinstance(value, str) and re.match(r"\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    return None
