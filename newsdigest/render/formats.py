"""The one registry of output formats, the one extension table, and the one rule that picks a format.

A format is a module, imported only when chosen, that renders a list of
summaries or cleaned articles (`render_items`), a digest (`digest_chunks`),
or both. A list and a digest offer different formats, each kind in the order
its help and its errors name them.
"""

from __future__ import annotations

from ..errors import UsageError

SUMMARIES = "summaries"  # summarize and clean: a list of summaries or cleaned articles
DIGEST = "digest"

# name -> the module that renders it
MODULES = {
    "text": "newsdigest.render.text",
    "json": "newsdigest.render.json_format",
    "jsonl": "newsdigest.render.json_format",
    "markdown": "newsdigest.render.markdown",
    "rich": "newsdigest.render.terminal",
    "html": "newsdigest.render.html",
    "email": "newsdigest.render.email_format",
}
# What each kind offers, in the order help and errors list them.
KINDS = {
    SUMMARIES: ("text", "json", "jsonl", "markdown", "rich"),
    DIGEST: ("rich", "text", "markdown", "html", "json", "email"),
}
SUMMARY_FORMATS = KINDS[SUMMARIES]
DIGEST_FORMATS = KINDS[DIGEST]
# -o FILE with --format auto: the extension picks the format (among those the kind offers).
EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".txt": "text",
    ".text": "text",
    ".eml": "email",
}


def resolve_format(requested: str, stdout_isatty: bool, output: str | None, kind: str = SUMMARIES) -> str:
    """'auto' becomes the output file's format by its extension, else rich on a terminal, else text."""
    offered = KINDS[kind]
    if requested != "auto":
        if requested not in offered:
            raise UsageError(f"unknown format {requested!r}; choose one of: auto, {', '.join(offered)}")
        return requested
    if output:
        return format_for_extension(output, kind)
    return "rich" if stdout_isatty else "text"


def format_for_extension(output: str, kind: str = SUMMARIES) -> str:
    """The format -o's extension names; no extension is text; any other is a usage error (never
    plain text silently written into "digest.pdf")."""
    import os

    extensions = {ext: fmt for ext, fmt in EXTENSIONS.items() if fmt in KINDS[kind]}
    extension = os.path.splitext(output)[1].lower()
    if not extension:
        return "text"
    if extension not in extensions:
        known = " ".join(sorted(extensions))
        raise UsageError(f"-o {output}: unknown extension {extension!r}; use one of {known}, or give --format")
    return extensions[extension]
