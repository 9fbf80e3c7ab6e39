"""The project's errors and exit codes.

Library code raises `NewsdigestError` (or a subclass); the CLI turns it into one
line on stderr and an exit code. Nothing else should escape to the user.
"""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    OK = 0
    INPUT_FAILED = 1  # at least one input could not be read or processed
    USAGE = 2  # bad options or arguments (Click's own convention)
    EMPTY = 3  # digest --fail-if-empty: the digest has no stories
    INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, what shells report
    BROKEN_PIPE = 141  # the reader closed the pipe (`| head`): 128 + SIGPIPE, as `cat` and `yes` end


class NewsdigestError(Exception):
    """A problem the user can act on. str(err) is the one-line message."""

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InputError(NewsdigestError):
    """An input file is missing, unreadable, empty, binary, too big or not a regular file."""


class NoStoryError(InputError):
    """Cleaning kept no story text: a page of menus, a lone word, a page that is all boilerplate.

    `article` is what cleaning made of it (metadata and removed blocks), for callers who want to look.
    """

    def __init__(self, path: str | None, article=None) -> None:
        super().__init__("no story text found", path)
        self.article = article


class UsageError(NewsdigestError):
    """Options that cannot work together, an unknown algorithm or format."""


class OutputError(NewsdigestError):
    """The output file or folder cannot be written."""


class StateError(NewsdigestError):
    """The digest state database is corrupt, locked too long, or from a newer version."""


class EngineError(NewsdigestError):
    """The engine that runs the per-article work cannot: a scheduler out of reach, a worker that cannot see an input."""
