"""An HTML page as lines of text, each with the evidence its place in the DOM gives.

The page is rendered the way a person's select-all copy would give it (a line
per block element, list items as "* item", blank lines between blocks), so the
plain-text features apply unchanged; each line also carries what only the DOM
knows: how much of it is link text, whether it sits in <nav>, <header>,
<footer>, <aside>, <form>, <article> or <main>, under a heading, in a list or
a table, and what the class and id names of its ancestors hint at ("share",
"related", "comment" versus "article-body", "story", "content").

lxml is imported by the caller (html.py); nothing here imports it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .features import Line, context_names, page_matrix

SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "iframe",
        "object",
        "embed",
        "canvas",
        "head",
        "select",
        "option",
        "input",
        "textarea",
        "video",
        "audio",
        "picture",
        "source",
        "map",
        "rt",
        "rp",
    }  # ruby readings and their brackets: "子(こ)ども" reads as "子ども"
)
# Inline styles that hide an element from every reader. Scripts may reveal it later,
# but what no reader sees when the page is saved is not story ("javascript:void(0)").
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# A hidden block holding paragraphs, or more text than this, is content waiting for a
# script, not furniture: React streams article parts into <div hidden id="S:0">,
# anti-flicker snippets hide <body> until the page is drawn, and an unclosed hidden
# <ins> swallows the page. Hidden menus, links and labels hold less and no <p>; a
# bigger block is left to the classifier as before (English extraction dev: dropping
# every hidden element cost 0.010 HTML F1).
HIDDEN_MAX_CHARS = 1000
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "nav",
        "aside",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "tr",
        "thead",
        "tbody",
        "tfoot",
        "caption",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "form",
        "fieldset",
        "address",
        "details",
        "summary",
        "hr",
        "center",
        "body",
        "html",
        "menu",
        "dialog",
        "legend",
        "hgroup",
    }
)
CELL_TAGS = frozenset({"td", "th"})
# Ancestors whose presence is recorded for every line below them.
REGIONS = (
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "article",
    "main",
    "li",
    "table",
    "blockquote",
    "figure",
    "a_block",
)
BIG_FORM_CHARS = 2000  # sign-up, search and comment forms hold a few lines; more is a page-wide form
BAD_HINT = re.compile(
    r"share|social|sharing|related|promo|newsletter|subscri|cookie|consent|banner|advert|\bads?\b|-ad-|sponsor|"
    r"comment|sidebar|popular|trending|recommend|outbrain|taboola|breadcrumb|byline|author|tags?\b|toolbar|modal|popup|"
    r"menu|nav|footer|header|widget|signup|login|teaser|more-|read-?more|caption|credit|meta|disclaimer|pagination",
)
GOOD_HINT = re.compile(r"article|content|story|body|entry|post|text|main|prose|rich")  # both on lowercased names
DOM_NAMES = (
    "link_share",
    "tag_p",
    "tag_heading",
    "tag_li",
    "tag_cell",
    "tag_div",
    "tag_quote_pre",
    "tag_caption",
    *(f"in_{r}" for r in REGIONS),
    "bad_hints",
    "good_hints",
    "log_depth",
    "in_ld_body",
    "tag_h1",
)


@dataclass(frozen=True)
class DomLine:
    line: Line
    dom: tuple[float, ...]  # DOM_NAMES, in order
    thread: int = -1  # the thread of dated posts (threads.py) the line is in, or -1
    # The numbers of the blocks around it that are not lists or list items, innermost last (at
    # most BOX_CHAIN). Lines whose last number is the same are siblings; a list item's last
    # number is the block around its list (not a feature).
    boxes: tuple[int, ...] = ()


_THREAD = "thread "  # a thread's mark among a line's regions: "thread 3" (not a feature)


_REGION_TAGS = frozenset(
    {"nav", "header", "footer", "aside", "form", "article", "main", "li", "table", "blockquote", "figure"}
)
_NO_BLANK_BEFORE = frozenset({"li", "br", "tr", "dt", "dd"})  # items and rows follow each other without a blank line
_NO_BLANK_AFTER = frozenset({"li", "dt", "dd"})
BOX_CHAIN = 32  # enclosing blocks a line records (broken pages nest thousands deep)
_LIST_TAGS = frozenset({"ul", "ol", "li", "dl", "dt", "dd", "menu"})


def _hidden(el) -> bool:
    """Whether the element's own attributes hide it from every reader."""
    get = el.get
    if not (get("hidden") is not None or (get("aria-hidden") or "").strip().lower() == "true"):
        style = get("style")
        if not style or _HIDDEN_STYLE.search(style) is None:
            return False
    return el.find(".//p") is None and len(el.text_content()) <= HIDDEN_MAX_CHARS


def _hints(el) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''} {el.get('role') or ''} {el.get('itemprop') or ''}"


class _Renderer:
    def __init__(self) -> None:
        self.lines: list[tuple[str, float, str, tuple, int, int, int, bool, tuple]] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.block_tag = "div"
        self.block_ctx: tuple = ()
        self.block_hints = (0, 0)
        self.block_depth = 0
        self.block_box: tuple[int, ...] = ()
        self.boxes = 0  # blocks numbered so far
        self.prefix = ""
        self.blank = True
        self.hint_cache: dict[str, tuple[bool, bool]] = {}
        self.normalize = None  # a function applied to each line's text
        self.marks: dict = {}  # element -> its thread's number (threads.py)

    def flush(self, blank_after: bool = False) -> None:
        if not self.parts:  # the common case at nested block boundaries: nothing to emit
            self.prefix = ""
            self.blank = self.blank or blank_after
            return
        text = " ".join("".join(self.parts).split())
        if text and self.normalize is not None:
            text = " ".join(self.normalize(text).split())
        if text:
            full = (self.prefix + text) if self.prefix else text
            share = min(1.0, self.link_chars / max(len(text), 1))
            self.lines.append(
                (
                    full,
                    share,
                    self.block_tag,
                    self.block_ctx,
                    *self.block_hints,
                    self.block_depth,
                    self.blank,
                    self.block_box,
                )
            )
            self.blank = False
        self.parts = []
        self.link_chars = 0
        self.prefix = ""
        if blank_after:
            self.blank = True

    def walk(self, root, ctx: frozenset, bad: int, good: int, depth: int, in_link: bool) -> None:
        """Render `root` and everything under it, in document order.

        Iterative, with an explicit stack: the parser allows 2,048 levels of
        nesting (broken pages reach that with unclosed <font> or <b> tags), more
        than Python's recursion limit."""
        # Stack items: (True, el, ctx, bad, good, depth, in_link, parent_block, box) to enter
        # an element, (False, el, tag, in_link, parent_block) to leave it; parent_block is the
        # enclosing block's state, restored once the element is done (text after
        # a nested block belongs to the enclosing block again), or None; box is the chain of
        # numbers of the enclosing blocks that are not lists or list items (DomLine.boxes).
        stack: list[tuple] = [(True, root, ctx, bad, good, depth, in_link, None, ())]
        pop, push = stack.pop, stack.append
        while stack:
            item = pop()
            if item[0]:
                self._enter(item, push)
                continue
            _, el, tag, outer_link, parent_block = item
            if tag in BLOCK_TAGS:
                self.flush(blank_after=tag not in _NO_BLANK_AFTER)
            if el.tail:
                self._text(el.tail, outer_link)
            if parent_block is not None:
                self.block_tag, self.block_ctx, self.block_hints, self.block_depth, self.block_box = parent_block

    def _enter(self, item: tuple, push) -> None:
        _, el, ctx, bad, good, depth, in_link, parent_block, box = item
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag:  # comments, processing instructions
            if el.tail:
                self._text(el.tail, in_link)
            return
        tag = tag.lower()
        # Hidden elements (hidden, aria-hidden="true", an inline display:none or
        # visibility:hidden) are skipped; a button is skipped unless broken markup
        # left the page inside it.
        if (
            tag in SKIP_TAGS
            or (len(el.attrib) and _hidden(el))
            or (tag == "button" and el.find(".//p") is None and el.find(".//div") is None)
        ):
            if el.tail:
                self._text(el.tail, in_link)
            return
        if tag == "form" and len(el.text_content()) > BIG_FORM_CHARS:
            tag = "div"  # a form around the whole page (ASP.NET does this): no sign-up box
        hints = _hints(el) if len(el.attrib) else ""
        if hints.strip():
            found = self.hint_cache.get(hints)
            if found is None:  # class names repeat across a page: judge each once
                low = hints.lower()
                found = self.hint_cache[hints] = (bool(BAD_HINT.search(low)), bool(GOOD_HINT.search(low)))
            bad += found[0]
            good += found[1]
        if tag in _REGION_TAGS and tag not in ctx:
            ctx = ctx | {tag}
        if self.marks and el in self.marks and not any(c.startswith(_THREAD) for c in ctx):
            ctx = ctx | {f"{_THREAD}{self.marks[el]}"}  # a reply inside a comment stays in its thread
        block = tag in BLOCK_TAGS
        if block or tag == "br":
            self.flush(blank_after=tag not in _NO_BLANK_BEFORE)
        mine = None  # this block's state, for its children to restore
        if block:
            mine = (tag, tuple(sorted(ctx)), (bad, good), depth, box)
            self.block_tag, self.block_ctx, self.block_hints, self.block_depth, self.block_box = mine
            if tag not in _LIST_TAGS:
                self.boxes += 1
                box = (*box[1 - BOX_CHAIN :], self.boxes)
            if tag == "li":
                self.prefix = "* "
        if tag in CELL_TAGS and self.parts:
            self.parts.append(" | ")
        link = in_link or tag == "a"
        if el.text:
            self._text(el.text, link)
        push((False, el, tag, in_link, parent_block))
        for child in reversed(el):  # pushed last first, so popped in document order
            push((True, child, ctx, bad, good, depth + 1, link, mine, box))

    def _text(self, text: str, in_link: bool) -> None:
        self.parts.append(text)
        if in_link:
            self.link_chars += len(text.strip())


def render(body, ld_body: str | None = None, normalize=None, threads=()) -> list[DomLine]:
    """Lines of the page under `body` (an lxml element) with their DOM evidence.

    `ld_body` is the JSON-LD articleBody, when the page has one: each line
    records whether its words are in it. `normalize` is applied to each line's
    text (cheaper than normalizing the whole page's markup). `threads` (lists
    of elements, threads.find) number the lines inside them."""
    r = _Renderer()
    r.normalize = normalize
    r.marks = {el: n for n, members in enumerate(threads) for el in members}
    r.walk(body, frozenset(), 0, 0, 0, False)
    for sibling in body.itersiblings():  # broken pages can hold a second <html> after the first
        r.walk(sibling, frozenset(), 0, 0, 0, False)
    r.flush()
    ld_words = set(re.findall(r"\w+", ld_body.lower())) if ld_body else None
    raw = r.lines
    out: list[DomLine] = []
    block = 0
    for i, (text, share, tag, ctx, bad, good, depth, blank, boxes) in enumerate(raw):
        if blank and i:
            block += 1
        after = i + 1 == len(raw) or raw[i + 1][7]
        if ld_words is None:
            in_ld = -1.0  # no articleBody on the page
        else:
            words = re.findall(r"\w+", text.lower())
            in_ld = sum(w in ld_words for w in words) / len(words) if words else 0.0
        ctxs = set(ctx)
        thread = next((int(c[len(_THREAD) :]) for c in ctx if c.startswith(_THREAD)), -1)
        if share > 0.8:  # (almost) all link text: a menu item or a teaser headline
            ctxs.add("a_block")

        out.append(
            DomLine(
                Line(text, block, blank or i == 0, after),
                (
                    share,
                    float(tag == "p"),
                    float(tag in ("h1", "h2", "h3", "h4", "h5", "h6")),
                    float(tag in ("li", "dt", "dd")),
                    float(tag in ("td", "th", "tr", "table")),
                    float(tag in ("div", "section", "span")),
                    float(tag in ("blockquote", "pre")),
                    float(tag in ("figcaption", "caption", "figure")),
                    *(float(region in ctxs) for region in REGIONS),
                    float(min(bad, 5)),
                    float(min(good, 5)),
                    math.log1p(depth),
                    in_ld,
                    float(tag == "h1"),
                ),
                thread,
                boxes,
            )
        )
    return out


DOM_WINDOW = ("link_share", "tag_li", "in_nav", "in_article", "bad_hints", "tag_p")


def dom_names() -> list[str]:
    names = context_names() + list(DOM_NAMES)
    names += [f"{name}_mean{w}" for name in DOM_WINDOW for w in (2, 6)]
    names += [f"link_share@{k:+d}" for k in (-1, 1)]
    return names


def dom_matrix(dlines: list[DomLine]):
    """The feature matrix of a rendered page: the plain-text features plus DOM evidence (`dom_names()`)."""
    import numpy as np

    x = page_matrix([d.line for d in dlines])
    dom = np.asarray([d.dom for d in dlines], dtype=np.float64)
    n = len(dlines)
    parts = [x, dom]
    idx = np.arange(n)
    for name in DOM_WINDOW:
        c = np.concatenate([[0.0], np.cumsum(dom[:, DOM_NAMES.index(name)])])
        for w in (2, 6):
            lo, hi = np.clip(idx - w, 0, n), np.clip(idx + w + 1, 0, n)
            parts.append(((c[hi] - c[lo]) / (hi - lo))[:, None])
    share = dom[:, 0]
    padded = np.concatenate([[-1.0], share, [-1.0]])
    parts.append(padded[:-2, None])
    parts.append(padded[2:, None])
    return np.hstack(parts)


FURNITURE_REGIONS = tuple(DOM_NAMES.index(f"in_{r}") for r in ("nav", "header", "footer", "aside"))
FURNITURE_LINK_SHARE = 0.8


def is_furniture(d: DomLine) -> bool:
    """A link in a <nav>, <header>, <footer> or <aside>: the page's furniture.

    On the dev set 40,805 rendered lines are so, 6 of them story text, a third
    of all lines: they are dropped before the classifier, which makes it faster
    and lets it spend its trees on the lines that are in doubt."""
    return d.dom[0] >= FURNITURE_LINK_SHARE and any(d.dom[i] for i in FURNITURE_REGIONS)
