"""clean(raw) -> Article: keep the story, drop the boilerplate, pull out metadata.

The cleaner is chosen by the document's sniffed format; the heavy parsers
(lxml) are imported only for HTML.
"""

from __future__ import annotations

from dataclasses import replace

from ..errors import InputError
from ..models import Article, RawDocument
from .normalize import normalize_text

# The story's first few thousand characters tell its language as well as the
# whole does, and detection time grows with the text.
LANGUAGE_SAMPLE = 2000


def clean(raw: RawDocument, rules=None) -> Article:
    """`rules`: a `rules.RuleSet` of per-site patterns and selectors (see rules.py), or None."""
    if raw.format == "feed":
        # Not one article but many, read by the digest (digest/feeds.py, which never expands entities).
        raise InputError(
            "is a news feed (RSS, Atom or JSON Feed), not an article; `newsdigest digest FILE` reads its stories",
            raw.path,
        )
    if raw.format == "html":
        from .html import clean_html

        result = clean_html(raw.text, rules, raw.url)  # normalizes the text it takes from the markup
    else:
        from .text import clean_plain
        from .unwrap import unwrap

        # Hard-wrapped dumps (lynx, w3m, mail) get their paragraphs back before the lines are judged.
        result = clean_plain(unwrap(normalize_text(raw.text)), rules, raw.url)
    from .metadata import limited

    meta = limited(result.meta)
    if raw.url and not meta.url:
        meta = replace(meta, url=raw.url)
    meta = _from_url(meta, raw)
    sample = "\n".join(result.paragraphs)[:LANGUAGE_SAMPLE] or (meta.title or "")
    if sample:
        from ..language import language_of_text

        # The text decides; the language the page declares is only a prior (see language_of_text).
        declared = meta.language
        language = language_of_text(sample, declared)
        meta = replace(
            meta, language=language, language_declared=declared if declared and declared != language else None
        )
    if not meta.date:
        from .dates import find_date

        # The lines around the headline, in page order (the removed ones before the story).
        around = [r.text for r in result.removed if not r.reason.endswith(("after the story", "inside the story"))]
        found = find_date(around, meta.language, meta.url)
        if found:
            meta = replace(meta, date=found)
    return Article(
        path=raw.path,
        paragraphs=tuple(result.paragraphs),
        meta=meta,
        removed=tuple(result.removed),
        encoding=raw.encoding,
        encoding_declared=raw.encoding_declared,
        format=raw.format,
        mtime=raw.mtime,
    )


def _from_url(meta, raw: RawDocument):
    """A plain-text copy's own address (a line that is only a URL, near its start or end); and,
    for a page that gives no date, the date in its URL's path (/2024/05/03/)."""
    from ..urls import date_from_url, url_in_text

    if not meta.url and raw.format == "text":
        url = url_in_text(raw.text)
        if url:
            meta = replace(meta, url=url)
    if not meta.date:
        date = date_from_url(meta.url) or date_from_url(meta.canonical)
        if date:
            meta = replace(meta, date=date)
    return meta
