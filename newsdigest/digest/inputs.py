"""What the digest reads: files, folders (recursively) and globs, streamed in a stable order.

Folders are walked one directory at a time, names sorted, so a folder of
100,000 files is never listed whole in memory beyond one directory's names,
and the order (hence the digest) is the same on every run and every machine.
Hidden files and folders, editor backups, lock files, empty (zero-byte) files
and files that are plainly not articles (images, archives, ...) are skipped
inside folders; a file named on the command line is always read, and a bad
one becomes a clear error.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator

from ..loading import STDIN
from ..models import Failure

# Editor and tool droppings: vim swap files, emacs backups/locks, merge leftovers, lock and pid files.
_BACKUP_SUFFIXES = (
    "~",
    ".swp",
    ".swo",
    ".swx",
    ".bak",
    ".orig",
    ".rej",
    ".tmp",
    ".part",
    ".crdownload",
    ".lock",
    ".lck",
    ".pid",
)
# Inside a folder, files with these extensions are not articles: skip them quietly
# rather than report them as failures every morning. Named on the command line, they
# are read (and refused by content sniffing, with a clear error).
_NOT_ARTICLES = frozenset(
    ".png .jpg .jpeg .gif .webp .svg .ico .bmp .tif .tiff .avif .heic "
    ".pdf .zip .gz .tgz .bz2 .xz .7z .rar .tar .zst "
    ".mp3 .mp4 .m4a .ogg .wav .webm .mov .avi .mkv "
    ".woff .woff2 .ttf .otf .eot .css .js .mjs .map "
    ".db .sqlite .sqlite3 .exe .dll .so .dylib .pyc .o .class .jar "
    ".doc .docx .xls .xlsx .ppt .pptx .odt .ods".split()
)
# A folder's own documentation (samples/README.md) is not news.
_DOC_NAMES = frozenset(("readme", "license", "licence", "changelog", "copying", "authors", "contributing"))
_GLOB_CHARS = frozenset("*?[")


def is_skipped_name(name: str) -> str | None:
    """Why a file found in a folder is left out, or None to read it."""
    if name.startswith("."):
        return "hidden"
    if name.endswith(_BACKUP_SUFFIXES) or (name.startswith("#") and name.endswith("#")):
        return "editor backup"
    stem, ext = os.path.splitext(name)
    if ext.lower() in _NOT_ARTICLES:
        return "not an article (by extension)"
    if stem.lower() in _DOC_NAMES:
        return "the folder's documentation"
    return None


def iter_inputs(specs: Iterable[str]) -> Iterator[str | Failure]:
    """Paths to read, in order: each spec is a file, "-", a folder or a glob pattern.

    A spec that names nothing is passed through, so that loading reports it as
    missing with its name; so is a glob that matches nothing."""
    for spec in specs:
        if spec == STDIN:
            yield spec
        elif os.path.isdir(spec):
            yield from walk(spec)
        elif not os.path.lexists(spec) and _GLOB_CHARS & set(spec):
            matches = sorted(glob.iglob(spec, recursive=True))
            if not matches:
                yield spec  # reported as missing: "no such file"
            for match in matches:
                if os.path.isdir(match):
                    yield from walk(match)
                else:
                    yield match
        else:
            yield spec


def walk(folder: str) -> Iterator[str | Failure]:
    """Every file under `folder`, depth first, names sorted; symlinked folders once each.

    An explicit stack, not recursion: a folder tree of any depth is walked."""
    seen: set[tuple[int, int]] = set()
    stack: list[Iterator[tuple[str, bool]]] = []

    def listing(path: str) -> Iterator[tuple[str, bool]] | Failure | None:
        try:
            st = os.stat(path)
            key = (st.st_dev, st.st_ino)
            if key in seen:  # a symlink loop, or a folder linked twice
                return None
            seen.add(key)
            with os.scandir(path) as it:
                entries = sorted((e.name, e.is_dir()) for e in it)
        except OSError as err:
            return Failure(path, f"cannot read folder: {err.strerror or err}")
        return iter([(os.path.join(path, name), is_dir) for name, is_dir in entries])

    first = listing(folder)
    if isinstance(first, Failure):
        yield first
        return
    if first is not None:
        stack.append(first)
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        child, is_dir = entry
        name = os.path.basename(child)
        why = "hidden" if name.startswith(".") else (None if is_dir else is_skipped_name(name))
        if why:
            continue
        if is_dir:
            sub = listing(child)
            if isinstance(sub, Failure):
                yield sub
            elif sub is not None:
                stack.append(sub)
        elif not _is_empty(child):  # a lock or a file still being created: not an article
            yield child


def _is_empty(path: str) -> bool:
    try:
        return os.stat(path).st_size == 0
    except OSError:
        return False  # loading reports it with its reason
