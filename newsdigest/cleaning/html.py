"""Clean a saved HTML page: metadata from the head, the story from the DOM.

First, honest path: drop the elements that are never story (script, style, nav,
header, footer, aside, form, ...), take <article> or <main> when the page has
one, else the element holding the most paragraph text, then turn its blocks into
lines and let the plain-text cleaner judge them.
"""

from __future__ import annotations

import json
import re

from ..models import Metadata, Removed
from . import metadata as md
from .text import TextCleanResult, clean_plain

_DROP_TAGS = (
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "iframe", "svg", "button", "select", "input", "textarea", "object", "embed", "canvas", "figure",
)
_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "dt", "dd", "div", "section", "article", "main", "br", "tr", "ul", "ol", "table", "figcaption"}
_BOILERPLATE_HINT = re.compile(
    r"share|social|related|promo|newsletter|subscribe|cookie|consent|banner|advert|\bads?\b|sponsor|"
    r"comment|sidebar|popular|trending|recommend|outbrain|taboola|breadcrumb|byline|author-bio|tags|toolbar|modal|popup",
    re.IGNORECASE,
)


def _parse(html: str):
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=False, recover=True)
    try:
        root = lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        root = None
    return root


def _json_ld(root) -> list[dict]:
    items: list[dict] = []
    for node in root.iter("script"):
        if (node.get("type") or "").lower() != "application/ld+json":
            continue
        try:
            data = json.loads(node.text or "")
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                items.append(item)
    return items


def _meta(root, *names: str) -> str | None:
    for name in names:
        for node in root.iter("meta"):
            key = (node.get("property") or node.get("name") or node.get("itemprop") or "").lower()
            if key == name and (node.get("content") or "").strip():
                return node.get("content").strip()
    return None


def _names(value) -> list[str]:
    if isinstance(value, str):
        return md.parse_authors(value) if not value.startswith("http") else []
    if isinstance(value, dict):
        return _names(value.get("name", ""))
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


_AUTHOR_HINT = re.compile(r"byline|author|writer|contributor", re.IGNORECASE)


def _byline_authors(root) -> list[str]:
    """Names from a visible byline element (class, id, itemprop or rel naming an author)."""
    for el in root.iter("p", "div", "span", "a", "address"):
        hint = " ".join(el.get(a, "") for a in ("class", "id", "itemprop", "rel"))
        if not _AUTHOR_HINT.search(hint):
            continue
        text = " ".join(el.text_content().split())
        if not text or len(text) > 150:
            continue  # an author biography or a block of links, not a byline
        info = md.parse_byline(text)
        names = info["authors"] if info else md.parse_authors(text)
        if names:
            return names
    return []


def _metadata(root) -> Metadata:
    ld = [i for i in _json_ld(root) if str(i.get("@type", "")).lower().endswith(("article", "newsarticle", "reportagenewsarticle", "blogposting")) or "headline" in i]
    article = ld[0] if ld else {}
    title = (
        (article.get("headline") if isinstance(article.get("headline"), str) else None)
        or _meta(root, "og:title", "twitter:title")
        or _first_text(root, "h1")
        or _first_text(root, "title")
    )
    authors = _names(article.get("author")) or md.parse_authors(_meta(root, "author", "article:author", "byl", "dc.creator") or "") or _byline_authors(root)
    publisher_ld = article.get("publisher")
    publisher = (publisher_ld.get("name") if isinstance(publisher_ld, dict) else None) or _meta(root, "og:site_name", "application-name")
    raw_date = article.get("datePublished") or _meta(root, "article:published_time", "datepublished", "date", "pubdate", "dc.date", "publishdate")
    if not raw_date:
        time = next((t for t in root.iter("time") if t.get("datetime")), None)
        raw_date = time.get("datetime") if time is not None else None
    date = md.parse_date(str(raw_date))[0] if raw_date else None
    raw_updated = article.get("dateModified") or _meta(root, "article:modified_time", "datemodified")
    updated = md.parse_date(str(raw_updated))[0] if raw_updated else None
    section = article.get("articleSection") if isinstance(article.get("articleSection"), str) else _meta(root, "article:section")
    lang = (root.get("lang") or "").split("-")[0].lower() or None
    url = _meta(root, "og:url") or next((link.get("href") for link in root.iter("link") if link.get("rel") == "canonical"), None)
    return Metadata(
        title=_clean_title(title, publisher),
        authors=tuple(authors),
        publisher=publisher,
        section=section,
        date=date[:10] if date else None,
        updated=updated,
        language=lang if lang and len(lang) == 2 else None,
        url=url,
    )


def _clean_title(title: str | None, publisher: str | None) -> str | None:
    if not title:
        return None
    title = " ".join(title.split())
    # "Story headline | Site Name" or "Story headline - Site Name": drop the site part.
    parts = re.split(r"\s+[|–—-]\s+", title)
    if len(parts) > 1 and (publisher is None or publisher.lower() in parts[-1].lower() or len(parts[-1].split()) <= 3):
        title = " - ".join(parts[:-1])
    return title or None


def _first_text(root, tag: str) -> str | None:
    for node in root.iter(tag):
        text = " ".join(node.text_content().split())
        if text:
            return text
    return None


def _content_root(root):
    for tag in ("article", "main"):
        nodes = [n for n in root.iter(tag)]
        if nodes:
            return max(nodes, key=lambda n: len(n.text_content()))
    best, best_len = root, 0
    for node in root.iter("div", "section", "td"):
        length = sum(len(p.text_content()) for p in node.iterchildren("p"))
        if length > best_len:
            best, best_len = node, length
    return best


def _block_lines(node) -> list[str]:
    """The text of `node` as lines: a new line at every block element."""
    parts: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _BLOCK_TAGS:
            parts.append("\n")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in _BLOCK_TAGS:
            parts.append("\n")

    walk(node)
    return [" ".join(line.split()) for line in "".join(parts).split("\n") if line.strip()]


def clean_html(html: str) -> TextCleanResult:
    root = _parse(html)
    if root is None:
        return TextCleanResult([], [], Metadata())
    meta = _metadata(root)
    removed: list[Removed] = []
    for el in list(root.iter(*_DROP_TAGS)):
        if el.getparent() is not None:
            text = " ".join(el.text_content().split()) if el.tag not in ("script", "style", "template") else ""
            if text:
                removed.append(Removed(text[:500], f"<{el.tag}> element"))
            el.drop_tree()
    for el in list(root.iter("div", "section", "ul", "span", "p")):
        hint = f"{el.get('class', '')} {el.get('id', '')}"
        if el.getparent() is not None and _BOILERPLATE_HINT.search(hint) and next(el.iter("article"), None) is None:
            text = " ".join(el.text_content().split())
            if len(text) < 2000:
                if text:
                    removed.append(Removed(text[:500], f"boilerplate block (class or id {hint.strip()!r})"))
                el.drop_tree()
    lines = _block_lines(_content_root(root))
    result = clean_plain("\n\n".join(lines))
    text_meta = result.meta
    merged = Metadata(
        title=meta.title or text_meta.title,
        authors=meta.authors or text_meta.authors,
        publisher=meta.publisher or text_meta.publisher,
        section=meta.section or text_meta.section,
        date=meta.date or text_meta.date,
        updated=meta.updated or text_meta.updated,
        language=meta.language,
        url=meta.url,
    )
    paragraphs = result.paragraphs
    if merged.title and paragraphs and paragraphs[0] == merged.title:
        paragraphs = paragraphs[1:]
    return TextCleanResult(paragraphs, removed + result.removed, merged)
