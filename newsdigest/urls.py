"""Article URLs: one spelling per page (for matching copies of it), page numbers, and dates in the path.

url_key("HTTPS://News.Example:443/a/story/?utm_source=x#top")  -> "https://news.example/a/story"
page_of("https://news.example/a/story?page=2")                -> ("https://news.example/a/story", 2)
date_from_url("https://news.example/2024/05/03/story")         -> "2024-05-03"
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that say where a reader came from, never which page they read.
_TRACKING = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|ref|ref_src|cmpid|ocid|smid|at_medium|at_campaign)$",
    re.I,
)
_DEFAULT_PORTS = {"http": "80", "https": "443"}
# A page number: ?page=2 (or pg, pagina, seite), a last path segment /2/ after a slug, or
# "-page-2", "_page2", "/page/2" at the end of the path; 1 to 99. Not ?p=: WordPress's post id.
_PAGE_PARAMS = ("page", "pg", "pagina", "seite", "pagenum")
_PAGE_SUFFIX = re.compile(r"^(.*?)(?:[-_/]page[-_/]?)(\d{1,2})(?:\.html?)?/?$", re.I)
_NUMBER_SEGMENT = re.compile(r"^(.*/([^/]+))/(\d{1,2})/?$")
_PATH_DATE = re.compile(r"/((?:19|20)\d\d)([/-])(\d{1,2})\2(\d{1,2})(?=/|$|[-_.])")
_PATH_COMPACT_DATE = re.compile(r"/((?:19|20)\d\d)(\d\d)(\d\d)(?=/|$|[-_.])")


def url_key(url: str | None) -> str | None:
    """`url` in one spelling: scheme and host lower-case, no default port, no fragment, no
    tracking parameters (utm_*, fbclid, ...), no trailing slash, the other parameters sorted.
    None for anything that is not an http(s) URL."""
    if not url or not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if port is not None and str(port) != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k))
    )
    path = parts.path.rstrip("/")
    # http and https name the same article: one key for both
    return urlunsplit(("https", host, path, query, ""))


def page_key(url: str | None) -> tuple[str, int] | None:
    """(the article's key without page number or .html, the page number: 1 when the URL names none)."""
    found = page_of(url)
    if found:
        return found
    key = url_key(url)
    return (_no_extension(key), 1) if key else None


def _no_extension(key: str) -> str:
    parts = urlsplit(key)
    return urlunsplit(
        (parts.scheme, parts.netloc, re.sub(r"\.html?$", "", parts.path, flags=re.IGNORECASE), parts.query, "")
    )


def page_of(url: str | None) -> tuple[str, int] | None:
    """(the article's key without its page number or .html, the page number), when the URL carries one."""
    key = url_key(url)
    if key is None:
        return None
    parts = urlsplit(_no_extension(key))
    params = parse_qsl(parts.query, keep_blank_values=True)
    for i, (name, value) in enumerate(params):
        if name.lower() in _PAGE_PARAMS and value.isdigit() and 0 < int(value) < 100:
            rest = urlencode(params[:i] + params[i + 1 :])
            return urlunsplit((parts.scheme, parts.netloc, parts.path, rest, "")), int(value)
    suffix = _PAGE_SUFFIX.match(parts.path)
    if suffix and suffix.group(1) and int(suffix.group(2)) > 0:
        return urlunsplit((parts.scheme, parts.netloc, suffix.group(1), parts.query, "")), int(suffix.group(2))
    segment = _NUMBER_SEGMENT.match(parts.path)
    # "/story-slug/2": a number after a word; not "/2024/05/03", where numbers follow numbers
    if segment and not segment.group(2).isdigit() and int(segment.group(3)) > 0:
        return urlunsplit((parts.scheme, parts.netloc, segment.group(1), parts.query, "")), int(segment.group(3))
    return None


def date_from_url(url: str | None) -> str | None:
    """The date in a URL's path (/2024/05/03/, /2024-05-03/, /20240503/) as YYYY-MM-DD, or None."""
    if not url or not isinstance(url, str):
        return None
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return None
    for match in _PATH_DATE.finditer(path):
        found = _valid(match.group(1), match.group(3), match.group(4))
        if found:
            return found
    for match in _PATH_COMPACT_DATE.finditer(path):
        found = _valid(match.group(1), match.group(2), match.group(3))
        if found:
            return found
    return None


def _valid(year: str, month: str, day: str) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


_URL_LINE = re.compile(
    r"^(?:(?:url|source|link|original(?:\s+url)?|canonical|permalink|read (?:it )?online(?: at)?|from)\s*:?\s*)?"
    r"<?(https?://[^\s<>\"]{4,2000}?)>?$",
    re.IGNORECASE,
)
HEAD_LINES = 12  # a saved copy names its address in its first or last lines, if at all


def url_in_text(text: str) -> str | None:
    """The page's own address in a plain-text copy: a line that is only a URL (or "Source: URL")
    among its first or last few lines; the first one found, head before tail."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines[:HEAD_LINES] + lines[-HEAD_LINES:][::-1]:
        match = _URL_LINE.match(line)
        if match and url_key(match.group(1)):
            return match.group(1)
    return None
