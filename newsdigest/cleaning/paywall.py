"""Is this saved page a paywalled teaser? From what the page itself declares, never from phrases.

Two pieces of evidence, both from the page's schema.org JSON-LD:

- `isAccessibleForFree`, on the article (or web page) or on one of its parts
  (`hasPart`, Google's markup for the locked part of a page): false, or the
  strings "false"/"False", says the page is behind a paywall; true says it is not.
- `articleBody`: the article's whole text, which many publishers put in the
  JSON-LD even when the page shows only the first paragraphs. A story we
  extracted much shorter than that body is a truncated copy.

    paywalled = True   the text is much shorter than the page's articleBody, or the page
                       says it is not free and has no articleBody that the text covers
    paywalled = False  the text covers the articleBody (a subscriber's full copy counts as
                       whole), or the page says it is free
    paywalled = None   the page says nothing either way (every plain-text copy, most pages)

Phrase lists ("Subscribe to continue reading") were tried by other projects and
removed for their false positives; nothing here reads the visible text's wording.
"""

from __future__ import annotations

# The extracted story is "much shorter" than the articleBody below this share of its
# words. Measured on the 32 pages of the extraction evaluation set that declare an
# articleBody of 120+ words (benchmarks/paywall.py): the story extracted from a full
# page comes to 0.91 of the body at the 5th percentile (median 1.00; cleaning drops a
# caption or a subheading the body keeps, or keeps a fact box it lacks), while a
# teaser of two paragraphs is 0.01-0.28 of it (5th-95th percentile). 0.5 sits in the
# gap: no full page flagged, 31 of 32 teasers caught.
TRUNCATED_SHARE = 0.5
# An articleBody this short is itself a teaser or a description: nothing to compare with.
MIN_BODY_WORDS = 120
_FALSE = frozenset(("false", "no", "0", "http://schema.org/false", "https://schema.org/false"))
_TRUE = frozenset(("true", "yes", "1", "http://schema.org/true", "https://schema.org/true"))
# JSON-LD items that describe the page or its article (not an author, a logo or a breadcrumb).
_ABOUT_PAGE = ("article", "posting", "webpage", "report", "creativework", "webpageelement", "liveblog")


def free_flag(value) -> bool | None:
    """isAccessibleForFree's value as a bool: true/false, "True"/"false", schema.org's URLs; None otherwise."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _FALSE:
            return False
        if text in _TRUE:
            return True
    return None


def declared_free(items: list[dict]) -> bool | None:
    """False when the page or a part of it says it is not free, True when it says it is, else None."""
    flags = []
    for item in items:
        if not _about_page(item):
            continue
        flags.append(free_flag(item.get("isAccessibleForFree")))
        parts = item.get("hasPart")
        for part in parts if isinstance(parts, list) else [parts]:
            if isinstance(part, dict):
                flags.append(free_flag(part.get("isAccessibleForFree")))
    if False in flags:
        return False
    return True if True in flags else None


def _about_page(item: dict) -> bool:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    names = [k.lower() for k in kinds if isinstance(k, str)]
    return not names or any(part in name for name in names for part in _ABOUT_PAGE)


def longest_body(items: list[dict]) -> str | None:
    bodies = [item["articleBody"] for item in items if isinstance(item.get("articleBody"), str)]
    return max(bodies, key=len) if bodies else None


def body_share(body: str | None, story_words: int) -> float | None:
    """The extracted story's words as a share of the articleBody's, or None without a usable body."""
    if not body:
        return None
    body_words = len(body.split())
    if body_words < MIN_BODY_WORDS:
        return None
    return story_words / body_words


def paywalled(items: list[dict], story_words: int) -> bool | None:
    """The verdict for a page with these JSON-LD items whose extracted story has `story_words` words."""
    share = body_share(longest_body(items), story_words)
    if share is not None:
        return share < TRUNCATED_SHARE
    free = declared_free(items)
    return None if free is None else not free
