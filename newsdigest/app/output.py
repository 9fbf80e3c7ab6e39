"""Standard output, decided and written in one place: colour, width, a closed pipe, a full disk."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable

from ..errors import ExitCode, OutputError
from .console import Environment

DEFAULT_WIDTH = 100  # columns when stdout is not a terminal (or the terminal does not say)


def width(env: Environment) -> int:
    """The terminal's width for rich output; DEFAULT_WIDTH off a terminal."""
    import shutil

    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns if env.stdout_isatty else DEFAULT_WIDTH


def use_color(env: Environment, fmt: str, requested: str, output: str | None) -> bool:
    """Colour only for rich output to a terminal, or when rich was asked for by name (for `less -R`)."""
    return env.color and fmt == "rich" and (env.stdout_isatty or requested == "rich") and not output


def write_stdout(env: Environment, pieces: Iterable[str]) -> None:
    """Write the pieces to stdout; a full disk is a clear error (OutputError).

    A closed pipe raises BrokenPipeError: the caller stops and returns broken_pipe()."""
    try:
        for piece in pieces:
            env.stdout.write(piece)
        env.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as err:
        _discard_stdout_buffer()
        raise OutputError(f"cannot write: {err.strerror or err}", "standard output") from None


def broken_pipe() -> int:
    """The reader went away (`| head -1`): stop quietly, as `cat` does."""
    silence_stdout()
    return ExitCode.BROKEN_PIPE


def silence_stdout() -> None:
    """Point stdout at /dev/null so that Python's final flush cannot fail again
    and print "Exception ignored ... BrokenPipeError"."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _discard_stdout_buffer() -> None:
    """After a failed write (a full disk), drop what is still buffered so the final flush cannot fail noisily."""
    try:
        silence_stdout()
    except OSError:
        pass
