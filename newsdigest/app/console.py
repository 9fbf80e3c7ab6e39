"""Streams and terminals, decided once (httpie's Environment idea).

Tests build an Environment with their own streams and flags instead of
patching sys.stdout.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TextIO


@dataclass
class Environment:
    stdout: TextIO
    stderr: TextIO
    stdout_isatty: bool
    stderr_isatty: bool
    color: bool  # may we style output at all (NO_COLOR / --no-color / TERM=dumb say no)

    @classmethod
    def from_process(cls, no_color: bool = False) -> Environment:
        out, err = sys.stdout, sys.stderr
        return cls(
            stdout=out,
            stderr=err,
            stdout_isatty=_isatty(out),
            stderr_isatty=_isatty(err),
            color=not no_color and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb",
        )

    def error(self, message: str) -> None:
        """One line on stderr, prefixed with the program name."""
        from ..textsafe import visible_path  # a file name may carry escape sequences

        print(f"newsdigest: {visible_path(message)}", file=self.stderr, flush=True)


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
