"""Output formats for a list of summaries (or cleaned articles) and for a digest.

    from newsdigest.render import RenderOptions, render, render_digest
    text = render(summaries, RenderOptions(format="markdown"))
    html = render_digest(digest, RenderOptions(format="html"))

One registry (formats.py) names every format and the module that renders it,
imported only when chosen. Summaries and digests are shown through one view
model (view.py), in which every string from an input is already made safe
(newsdigest.textsafe): no escape sequence, control character or bidi override
from an input reaches a terminal, a document or a mail. The same input renders
byte-identically every time, in every format.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ..errors import UsageError
from .formats import DIGEST_FORMATS, MODULES, SUMMARY_FORMATS, format_for_extension, resolve_format
from .options import RenderOptions

if TYPE_CHECKING:
    from ..digest.model import Digest
    from ..models import Article, Summary

__all__ = [
    "DIGEST_FORMATS",
    "SUMMARY_FORMATS",
    "RenderOptions",
    "format_for_extension",
    "iter_digest",
    "render",
    "render_digest",
    "resolve_format",
]


def render(items: Sequence[Summary | Article], options: RenderOptions) -> str:
    """Summaries or cleaned articles in options.format (one of SUMMARY_FORMATS)."""
    module = importlib.import_module(MODULES[options.format])
    return module.render_items(items, options)


def render_digest(digest: Digest, options: RenderOptions) -> str:
    """The digest in options.format, as one string ending in a newline."""
    return "".join(iter_digest(digest, options))


def iter_digest(digest: Digest, options: RenderOptions) -> Iterator[str]:
    """The digest in options.format (one of DIGEST_FORMATS), a piece at a time (a story or a few per piece).

    Joined, the pieces are exactly render_digest's string; written as they come,
    a digest of any size is never in memory at once (except an email, which
    the email package builds whole).
    """
    if options.format not in DIGEST_FORMATS:
        raise UsageError(f"unknown digest format {options.format!r}; choose one of: {', '.join(DIGEST_FORMATS)}")
    from .view import digest_view

    module = importlib.import_module(MODULES[options.format])
    return module.digest_chunks(digest_view(digest), options)
