"""Digest formats: name -> module with render(digest, options), imported when chosen.

Every format renders the same Digest model (newsdigest.digest.model); article
strings pass through safe.clean() first, so no control character, escape
sequence or bidi override from an article reaches a terminal or a document.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

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
    color: bool = False  # rich only
    width: int = 100  # rich only
    to: str | None = None  # email: the To header
    sender: str | None = None  # email: the From header [default: newsdigest@<this host>]


def render_digest(digest, options: DigestRenderOptions) -> str:
    module = importlib.import_module(DIGEST_FORMATS[options.format])
    return module.render(digest, options)
