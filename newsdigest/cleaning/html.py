"""Clean a saved HTML page: metadata from the head, the story from the DOM.

The page is rendered into lines as a person's copy would give them
(`dom.render`), each line carrying its DOM evidence (link density, <nav>,
<article>, <main>, class and id hints, headings, lists, tables, whether its
words are in the JSON-LD articleBody). The HTML line classifier (`model.py`,
trained by benchmarks/train_cleaner.py) scores them with the plain-text
features, so lists, tables and subheadings that belong to the story stay.
Metadata comes from JSON-LD, OpenGraph and <meta>, <time>, then the text.
lxml is imported only here, when an HTML page is cleaned.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

from ..models import Metadata, Removed
from . import metadata as md
from . import titles
from .text import MAX_CLASSIFIED_LINES, TextCleanResult, decide, threshold, with_tail

# An XML declaration and a DOCTYPE with an internal subset (<!DOCTYPE x [ <!ENTITY ...> ]>):
# the HTML parser neither expands nor fetches those entities, but would show the
# subset's tail ("]>") as text, so it is cut off first.
_DOCTYPE_SUBSET = re.compile(r"\s*(?:<\?xml[^<>]{0,300}>\s*)?<!doctype[^<>\[]{0,1000}\[", re.IGNORECASE)
# Tags kept as they are when a page too deeply nested is flattened (see _flatten): the
# head's, and those whose content is raw text; every other tag goes or becomes <p>.
_FLAT_KEEP = frozenset({"html", "head", "body", "title", "meta", "link", "base", "script", "style", "br"})
# A tag: [^<>] (not [^>]) keeps the search linear when a "<" is never closed.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*>")


def parse_html(html: str):
    """The lxml tree of a page (an internal DTD subset dropped first), or None when it does not parse."""
    m = _DOCTYPE_SUBSET.match(html)
    if m:
        end = html.find("]>", m.end())
        if end >= 0:
            html = html[end + 2 :]
    root, too_deep = _parse_markup(html)
    if too_deep:
        # The parser stops at 2,048 levels of nesting and drops the rest of the page
        # (hostile pages, or thousands of unclosed <font> tags): read it flattened.
        flat, _ = _parse_markup(_flatten(html))
        root = flat if flat is not None else root
    return root


def _parse_markup(html: str):
    """(root or None, whether the parser stopped at its nesting limit)."""
    import lxml.html
    from lxml import etree

    # huge_tree: nesting up to 2,048 levels (instead of 256) and text nodes over
    # 10 MB; the HTML parser never expands a DTD's entities or fetches anything.
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=True, recover=True)
    try:
        root = lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        root = None
    limit = etree.ErrorTypes.ERR_RESOURCE_LIMIT
    too_deep = any(e.type == limit for e in parser.error_log)
    return root, too_deep


def _flatten(html: str) -> str:
    """The page with no nesting left: block tags become <p>, inline tags go, the head and
    scripts stay. The DOM evidence is lost, the text and its paragraphs are not."""
    from .dom import BLOCK_TAGS, CELL_TAGS

    def replace(match: re.Match) -> str:
        name = match.group(2).lower()
        if name in _FLAT_KEEP:
            return match.group(0)
        if name in BLOCK_TAGS:
            return "<p>"
        return " " if name in CELL_TAGS else ""

    return _TAG.sub(replace, html)


def json_ld_items(root) -> list[dict]:
    """The JSON-LD objects of the page's ld+json scripts (@graph members included)."""
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


def _http_equiv(root, name: str) -> str | None:
    for node in root.iter("meta"):
        if (node.get("http-equiv") or "").lower() == name and (node.get("content") or "").strip():
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
    ld = [
        i
        for i in json_ld_items(root)
        if str(i.get("@type", "")).lower().endswith(("article", "newsarticle", "reportagenewsarticle", "blogposting"))
        or "headline" in i
    ]
    article = ld[0] if ld else {}
    authors = (
        _names(article.get("author"))
        or md.parse_authors(_meta(root, "author", "article:author", "byl", "dc.creator") or "")
        or _byline_authors(root)
    )
    publisher_ld = article.get("publisher")
    publisher = (publisher_ld.get("name") if isinstance(publisher_ld, dict) else None) or _meta(
        root, "og:site_name", "application-name"
    )
    raw_date = article.get("datePublished") or _meta(
        root, "article:published_time", "datepublished", "date", "pubdate", "dc.date", "publishdate"
    )
    if not raw_date:
        time = next((t for t in root.iter("time") if t.get("datetime")), None)
        raw_date = time.get("datetime") if time is not None else None
    date = md.parse_date(str(raw_date))[0] if raw_date else None
    raw_updated = article.get("dateModified") or _meta(root, "article:modified_time", "datemodified")
    updated = md.parse_date(str(raw_updated))[0] if raw_updated else None
    section = article.get("articleSection")
    if isinstance(section, list):  # ["Weather", "News"]: the first is the main one
        section = next((x for x in section if isinstance(x, str) and x.strip()), None)
    section = section.strip() if isinstance(section, str) and section.strip() else _meta(root, "article:section")
    # The page's declared language (a prior: the cleaner's caller checks it against the text).
    lang = (root.get("lang") or root.get("xml:lang") or _http_equiv(root, "content-language") or "").split(",")[0]
    lang = lang.strip().split("-")[0].split("_")[0].lower() or None
    links = _rel_links(root)
    canonical = links.get("canonical")
    url = _meta(root, "og:url") or canonical
    title = titles.resolve(
        article.get("headline") if isinstance(article.get("headline"), str) else None,
        _meta(root, "og:title", "twitter:title"),
        _first_text(root, "h1"),
        _first_text(root, "title"),
        publisher,
        url,
    )
    return Metadata(
        title=title,
        authors=tuple(authors),
        publisher=publisher,
        section=section,
        date=date[:10] if date else None,
        updated=updated,
        language=lang if lang and len(lang) == 2 else None,
        url=url,
        canonical=canonical if canonical != url else None,
        prev_url=links.get("prev") or links.get("previous"),
        next_url=links.get("next"),
    )


def _rel_links(root) -> dict[str, str]:
    """The first href of each <link> or <a> rel of interest (canonical, prev, previous, next); <link> first."""
    found: dict[str, str] = {}
    for tag in ("link", "a"):
        for node in root.iter(tag):
            href = (node.get("href") or "").strip()
            if not href:
                continue
            for rel in (node.get("rel") or "").lower().split():
                if (
                    rel in ("canonical", "prev", "previous", "next")
                    and rel not in found
                    and (tag == "link" or rel != "canonical")
                ):
                    found[rel] = href
    return found


def _first_text(root, tag: str) -> str | None:
    for node in root.iter(tag):
        text = " ".join(node.text_content().split())
        if text:
            return text
    return None


def ld_article_body(root) -> str | None:
    """The JSON-LD articleBody, when the page declares one of useful length."""
    for item in json_ld_items(root):
        body = item.get("articleBody")
        if isinstance(body, str) and len(body.split()) >= 20:
            return body
    return None


def page_lines(root, ld_body: str | None = None):
    """The rendered lines of a parsed page, with their DOM evidence (`dom.DomLine`)."""
    from . import threads
    from .dom import render
    from .normalize import normalize_text

    # The whole tree: broken markup can leave the story after </body>.
    return render(root, ld_body, normalize_text, threads.find(root))


def candidates(dlines):
    """(lines the classifier judges, texts of the furniture links dropped before it)."""
    from .dom import is_furniture

    kept, furniture = [], []
    for d in dlines:
        if is_furniture(d):
            furniture.append(d.line.text)
        else:
            kept.append(d)
    return kept, furniture


def _apply_selectors(root, rules) -> tuple[list[Removed], list[str]]:
    """Drop the elements a site rule's `drop_selectors` match; return the texts its `keep_selectors` match."""
    removed: list[Removed] = []
    kept: list[str] = []
    for selector in rules.drop_selectors:
        for el in rules.select(root, selector):
            if el.getparent() is None:
                continue
            text = " ".join(el.text_content().split())
            if text:
                removed.append(Removed(text[:500], f"dropped by site rule (selector {selector!r})"))
            el.drop_tree()
    for selector in rules.keep_selectors:
        kept.extend(" ".join(el.text_content().split()) for el in rules.select(root, selector))
    return removed, [k for k in kept if k]


LINK_LIST_MIN = 3  # three list items in a row that are all link: related stories, a ranking
SURE_STORY = 0.9  # the story's span: from its first to its last line of prose scored at least this


def link_lists_outside(dlines, lines, scores) -> list[int]:
    """List items that are (almost) all link text, in runs of LINK_LIST_MIN or more, after the
    story's last surely scored line of prose and outside the blocks that hold its prose: lists
    of other stories, in any language.

    A list inside the block that holds the story's paragraphs (or inside a block within it)
    is the story's own: its sources, its references, the places it names. On the English
    extraction dev set that keeps 5 reference lists the rule dropped (HTML F1 0.97788 ->
    0.97802); a "related" list in a block of its own, beside the story's, still goes
    (multilingual dev ja HTML F1 0.954; 0.895 without the rule)."""
    from .dom import DOM_NAMES, FURNITURE_LINK_SHARE
    from .text import is_prose

    story = [i for i, (line, p) in enumerate(zip(lines, scores)) if p >= SURE_STORY and is_prose(line.text)]
    hi = story[-1] if story else -1
    holders = {dlines[i].boxes[-1] for i in story if dlines[i].boxes}  # the blocks the story's prose sits in
    tag_li = DOM_NAMES.index("tag_li")
    out: list[int] = []
    run: list[int] = []
    for i, d in enumerate([*dlines, None]):
        if d is not None and d.dom[tag_li] and d.dom[0] >= FURNITURE_LINK_SHARE and i > hi:
            run.append(i)
            continue
        inside = sum(not holders.isdisjoint(dlines[j].boxes) for j in run)
        if len(run) >= LINK_LIST_MIN and 2 * inside <= len(run):
            out.extend(run)
        run = []
    return out


def clean_html(html: str, rules=None, url: str | None = None) -> TextCleanResult:
    """Story paragraphs, removed blocks with reasons, and metadata of an HTML page.

    `rules` (a `rules.RuleSet` or `rules.SiteRules`) may add a site's CSS
    selectors and line patterns to drop or keep."""
    from .model import score_lines

    # The markup is parsed as it is (only NUL, which stops the parser, is taken
    # out); each rendered line and the metadata are normalized instead, which
    # is a tenth of the text to go through.
    root = parse_html(html.replace("\x00", "") if "\x00" in html else html)
    if root is None:
        return TextCleanResult([], [], Metadata())
    meta = _metadata(root)
    if rules is not None and hasattr(rules, "for_page"):
        rules = rules.for_page(url or meta.url, meta.publisher)
    removed: list[Removed] = []
    keep_texts: list[str] = []
    if rules is not None:
        removed, keep_texts = _apply_selectors(root, rules)
    ld_body = ld_article_body(root)
    dlines, furniture = candidates(page_lines(root, ld_body))
    removed.extend(Removed(text, "link in the page's navigation, header, footer or sidebar") for text in furniture)
    tail = [d.line for d in dlines[MAX_CLASSIFIED_LINES:]]  # past the cap: kept if prose (see text.with_tail)
    dlines = dlines[:MAX_CLASSIFIED_LINES]
    lines = [d.line for d in dlines]
    if lines:
        from .dom import dom_matrix

        scores = [float(p) for p in score_lines(dom_matrix(dlines), "html")]
    else:
        scores = []
    forced_keep = set()
    if keep_texts:
        joined = "\n".join(keep_texts)
        forced_keep = {i for i, line in enumerate(lines) if line.text.lstrip("* ") in joined}
    from .dom import DOM_NAMES

    in_form = DOM_NAMES.index("in_form")
    # A <form> holds sign-up, search, login or comment boxes, never the story.
    forced_drop = {
        i: "inside a form (sign-up, search, login or comment box)" for i, d in enumerate(dlines) if d.dom[in_form]
    }
    from . import threads

    for i in threads.outside_story(dlines, scores):
        forced_drop.setdefault(i, threads.REASON)
    for i in link_lists_outside(dlines, lines, scores):
        forced_drop.setdefault(i, "list of links outside the story (related stories, rankings)")
    result = with_tail(
        decide(lines, scores, threshold("html") if lines else 0.5, rules, forced_keep, forced_drop, dump=False),
        tail,
    )
    paragraphs = result.paragraphs
    if not paragraphs and ld_body:  # nothing scored as story, not even the densest prose: the declared body
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", ld_body) if p.strip()]
    text_meta = result.meta
    from .paywall import paywalled

    merged = Metadata(
        title=meta.title or text_meta.title,
        authors=meta.authors or text_meta.authors,
        publisher=meta.publisher or text_meta.publisher,
        section=meta.section or text_meta.section,
        date=meta.date or text_meta.date,
        updated=meta.updated or text_meta.updated,
        language=meta.language,
        url=meta.url,
        canonical=meta.canonical,
        prev_url=meta.prev_url,
        next_url=meta.next_url,
    )
    if merged.title and paragraphs and paragraphs[0] == merged.title:
        removed.append(Removed(paragraphs[0], "headline (reported as the title)"))
        paragraphs = paragraphs[1:]
    merged = replace(merged, paywalled=paywalled(json_ld_items(root), sum(len(p.split()) for p in paragraphs)))
    return TextCleanResult(paragraphs, removed + result.removed, _normalized(merged))


def _normalized(meta: Metadata) -> Metadata:
    from .normalize import normalize_text

    def norm(value):
        return " ".join(normalize_text(value).split()) or None if isinstance(value, str) else value

    return replace(
        meta,
        title=norm(meta.title),
        authors=tuple(filter(None, map(norm, meta.authors))),
        publisher=norm(meta.publisher),
        section=norm(meta.section),
    )
