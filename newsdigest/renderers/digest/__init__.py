"""Digest formats: name -> module with render(view, options), imported when chosen.

    from newsdigest.renderers.digest import DigestRenderOptions, render_digest
    html = render_digest(digest, DigestRenderOptions(format="html"))

Every format renders the same Digest (newsdigest.digest.model) through one
DigestView (view.py), in which every string from an article has already been
made safe (safe.py): no escape sequence, control character or bidi override
from an input reaches a terminal, a document or a mail. The same Digest
renders byte-identically every time, in every format.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...errors import UsageError

if TYPE_CHECKING:
    from ...digest.model import Digest

DIGEST_FORMATS = {
    "rich": "newsdigest.renderers.digest.terminal",
    "text": "newsdigest.renderers.digest.text",
    "markdown": "newsdigest.renderers.digest.markdown",
    "html": "newsdigest.renderers.digest.html",
    "json": "newsdigest.renderers.digest.json_format",
    "email": "newsdigest.renderers.digest.email_format",
}


@dataclass(frozen=True)
class DigestRenderOptions:
    format: str = "text"
    color: bool = False  # rich only: style the output (ANSI)
    width: int = 100  # rich only: the terminal's width
    to: str | None = None  # email: the To header; left out when None (then `sendmail -t` has no recipient)
    sender: str | None = (
        None  # email: the From header [default: email_format.default_sender(): newsdigest@FQDN, else @localhost]
    )
    subject: str | None = None  # email: the Subject [default: "<title> — <date> (N stories)"]
    explain: bool = False  # text, markdown, rich, json: each sentence's score and its parts


def render_digest(digest: Digest, options: DigestRenderOptions) -> str:
    """The digest in options.format, as one string ending in a newline."""
    return "".join(iter_digest(digest, options))


def iter_digest(digest: Digest, options: DigestRenderOptions) -> Iterator[str]:
    """The digest in options.format, a piece at a time (a story or a few per piece where the format allows).

    Joined, the pieces are exactly render_digest's string; written as they come,
    a digest of any size is never in memory at once (except an email, which
    the email package builds whole).
    """
    if options.format not in DIGEST_FORMATS:
        raise UsageError(f"unknown digest format {options.format!r}; choose one of: {', '.join(DIGEST_FORMATS)}")
    from .view import view

    module = importlib.import_module(DIGEST_FORMATS[options.format])
    if hasattr(module, "chunks"):
        return module.chunks(view(digest), options)
    return iter([module.render(view(digest), options)])
