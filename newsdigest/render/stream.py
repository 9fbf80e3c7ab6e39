"""Helpers for formats that write a digest a piece at a time (a story per piece), never all at once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator


def lines(items: Iterable[str]) -> str:
    """Lines as one piece, each ending in a newline."""
    return "".join(f"{line}\n" for line in items)


def trimmed(pieces: Iterable[str]) -> Iterator[str]:
    """The pieces with the newlines at the very end made exactly one, as they stream.

    Yields what "".join(pieces).rstrip("\\n") + "\\n" would be, piece by piece:
    newlines at the end of a piece are held back until more text follows.
    """
    held = ""
    for piece in pieces:
        body = piece.rstrip("\n")
        if body:
            yield held + body
            held = piece[len(body) :]
        else:
            held += piece
    yield "\n"
