"""What a render call is told: the format and the few settings some formats read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderOptions:
    format: str = "text"
    explain: bool = False  # text, markdown, rich, json: each sentence's score and its parts
    show_removed: bool = False  # a cleaned article: what cleaning removed, and why
    color: bool = False  # rich only: style the output (ANSI)
    width: int = 100  # rich only: the terminal's width
    to: str | None = None  # email: the To header; left out when None (then `sendmail -t` has no recipient)
    sender: str | None = None  # email: the From header [default: newsdigest@FQDN, else @localhost]
    subject: str | None = None  # email: the Subject [default: "<title> — <date> (N stories)"]
