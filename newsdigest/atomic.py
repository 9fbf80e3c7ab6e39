"""atomic_write(path, data), atomic_open(path): the file is either the old one or the whole new one.

The data goes to a temporary file in the same folder (so the final rename stays
on one file system), is flushed and fsynced, then renamed over the target with
os.replace. If anything fails or the user presses Ctrl-C, the temporary file is
removed and the earlier output is untouched.

With keep_existing, an existing file is never replaced: the output takes the
next free name instead (today.md, today.2.md, today.3.md, ...), claimed with a
hard link, which fails rather than replace, so two writers cannot take one name.

A symbolic link stays a link: the file it points to is replaced. A target that
is not a regular file (``-o /dev/stdout``, a FIFO, a device) cannot be replaced
and must not be: it is written to directly.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from typing import BinaryIO

from .errors import OutputError


def atomic_write(path: str | os.PathLike, data: str | bytes, encoding: str = "utf-8") -> None:
    payload = data.encode(encoding) if isinstance(data, str) else data
    with atomic_open(path) as fh:
        fh.write(payload)


def numbered(path: str, n: int) -> str:
    """The n-th name to try for `path`: the path itself, then "stem.2.ext", "stem.3.ext", ..."""
    if n <= 1:
        return path
    folder, name = os.path.split(path)
    stem, ext = os.path.splitext(name)
    if not stem:  # ".md": a name that is all extension
        stem, ext = ext, ""
    return os.path.join(folder, f"{stem}.{n}{ext}")


@contextlib.contextmanager
def atomic_open(
    path: str | os.PathLike, keep_existing: bool = False, written: Callable[[str], None] | None = None
) -> Iterator[BinaryIO]:
    """A binary file to write, which replaces `path` whole only if the block ends without an error.

    For output written a piece at a time (a digest of any size): nothing of it
    is seen at `path` until all of it is there. keep_existing: never replace an
    existing file; take the next free name (see numbered). `written` is told the
    name the output finally has.
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
        if written:
            written(target)
        return
    shown = target
    if mode is not None and os.path.islink(target) and not keep_existing:
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
        if keep_existing:
            final = _claim(tmp, shown)
        else:
            os.replace(tmp, target)
            final = shown
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
    if written:
        written(final)


# Past this many taken names something is wrong (a loop writing into one folder): stop.
_MAX_NUMBER = 10_000


def _claim(tmp: str, path: str) -> str:
    """Give the finished temporary file the first free name of path's series; returns that name."""
    for n in range(1, _MAX_NUMBER + 1):
        candidate = numbered(path, n)
        try:
            os.link(tmp, candidate)  # fails if the name is taken: never replaces
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links: claim the name empty, then fill it
            try:
                os.close(os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                continue
            os.replace(tmp, candidate)
            return candidate
        os.unlink(tmp)
        return candidate
    raise OutputError(f"no free name: {numbered(path, 2)} to {numbered(path, _MAX_NUMBER)} are all taken", path)


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
