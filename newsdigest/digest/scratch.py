"""A private scratch database on disk, for what a digest must hold but need not keep in memory.

SQLite given an empty file name makes a temporary database of its own: a file
in the temporary folder (TMPDIR), deleted when the connection closes, used by
no one else. Its page cache is bounded, so a digest of 100,000 stories uses
about as much memory as one of 1,000; the rest waits on disk. Nothing in it
needs to survive a crash, so there is no journal and no fsync.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

from ..errors import OutputError

CACHE_KIB = 16 * 1024  # the page cache's bound: 16 MiB


def scratch_database():
    with scratch_errors():
        db = sqlite3.connect("", isolation_level=None)  # "": private, temporary, on disk
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        db.execute("PRAGMA temp_store = FILE")  # sorts of many rows spill to disk too
        db.execute("CREATE TABLE probe (x)")  # the file is made on first write: fail here, not mid-run
        db.execute("DROP TABLE probe")
    return db


@contextlib.contextmanager
def scratch_errors() -> Iterator[None]:
    """A failure of the scratch file (a full or read-only temporary folder) as one clear OutputError."""
    try:
        yield
    except sqlite3.Error as err:
        import tempfile

        folder = tempfile.gettempdir()
        raise OutputError(
            f"scratch space for the digest failed ({err}); free some space there or set TMPDIR to another folder",
            folder,
        ) from None
