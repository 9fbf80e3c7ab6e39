"""Output formats: name -> render(items, options) -> str, imported when chosen."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import UsageError
from ..models import Article, Summary

FORMATS = {
    "text": "newsdigest.renderers.text",
    "json": "newsdigest.renderers.json_format",
    "jsonl": "newsdigest.renderers.json_format",
    "markdown": "newsdigest.renderers.markdown",
    "rich": "newsdigest.renderers.terminal",
}
# -o FILE with --format auto: the extension picks the format.
EXTENSIONS = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
}


@dataclass(frozen=True)
class RenderOptions:
    format: str = "text"
    explain: bool = False
    show_removed: bool = False
    color: bool = False  # only the rich renderer styles anything
    width: int = 100


def resolve_format(requested: str, stdout_isatty: bool, output: str | None) -> str:
    """'auto' becomes rich on a terminal, else the output file's extension, else text."""
    if requested != "auto":
        if requested not in FORMATS:
            raise UsageError(f"unknown format {requested!r}; choose one of: auto, {', '.join(FORMATS)}")
        return requested
    if output:
        return format_for_extension(output, EXTENSIONS)
    return "rich" if stdout_isatty else "text"


def format_for_extension(output: str, extensions: dict[str, str]) -> str:
    """The format -o's extension names; no extension is text; any other is a usage error (never
    plain text silently written into "digest.pdf")."""
    import os

    extension = os.path.splitext(output)[1].lower()
    if not extension:
        return "text"
    if extension not in extensions:
        known = " ".join(sorted(extensions))
        raise UsageError(f"-o {output}: unknown extension {extension!r}; use one of {known}, or give --format")
    return extensions[extension]


def render(items: Sequence[Summary | Article], options: RenderOptions) -> str:
    module = importlib.import_module(FORMATS[options.format])
    return module.render(items, options)
