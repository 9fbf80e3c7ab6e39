"""atomic_write(path, data), atomic_open(path): the file is either the old one or the whole new one.

The data goes to a temporary file in the same folder (so the final rename stays
on one file system), is flushed and fsynced, then renamed over the target with
os.replace. If anything fails or the user presses Ctrl-C, the temporary file is
removed and the earlier output is untouched.

A symbolic link stays a link: the file it points to is replaced. A target that
is not a regular file (``-o /dev/stdout``, a FIFO, a device) cannot be replaced
and must not be: it is written to directly.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from typing import BinaryIO

from .errors import OutputError


def atomic_write(path: str | os.PathLike, data: str | bytes, encoding: str = "utf-8") -> None:
    payload = data.encode(encoding) if isinstance(data, str) else data
    with atomic_open(path) as fh:
        fh.write(payload)


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """A binary file to write, which replaces `path` whole only if the block ends without an error.

    For output written a piece at a time (a digest of any size): nothing of it
    is seen at `path` until all of it is there.
    """
    target = os.fspath(path)
    try:
        mode = os.stat(target).st_mode  # follows links
    except OSError:
        mode = None  # a new file (or a dangling link: replaced by the file)
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError("is a directory; give a file name for the output", target)
    if mode is not None and not stat.S_ISREG(mode):
        with _write_through(target) as fh:
            yield fh
        return
    shown = target
    if mode is not None and os.path.islink(target):
        target = os.path.realpath(target)
    folder = os.path.dirname(os.path.abspath(target))
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp")
    except FileNotFoundError:
        if not os.path.isdir(folder):
            raise OutputError(f"folder {folder} does not exist", shown) from None
        raise OutputError(f"cannot write in {folder}: no files can be created there", shown) from None
    except OSError as err:
        raise OutputError(f"cannot write in {folder}: {err.strerror or err}", shown) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(err, OSError):
            raise OutputError(f"cannot write: {err.strerror or err}", shown) from None
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)  # make the rename itself durable
        finally:
            os.close(dir_fd)


@contextlib.contextmanager
def _write_through(target: str) -> Iterator[BinaryIO]:
    """Write to a device, FIFO or socket as it is (nothing there to replace atomically)."""
    try:
        fd = os.open(target, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    except OSError as err:
        raise OutputError(f"cannot write: {err.strerror or err}", target) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
    except OSError as err:
        raise OutputError(f"cannot write: {err.strerror or err}", target) from None


def _mode_for(target: str) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 less umask."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
