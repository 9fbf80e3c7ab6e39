"""What earlier digests contained, for `digest --new-only`: a small SQLite database.

    with open_state(path) as state:        # waits for any other run's lock
        seen = state.seen(fingerprints)    # stories already sent
        ...write the digest...
        state.record(items)                # only after the digest is safely written

The lock is an exclusive `flock` on a file beside the database, held for the
whole `with` block, so a second run started at the same time waits for the
first (up to `timeout` seconds), then sees what the first recorded and leaves
it out. Records are written in one transaction; SQLite's journal keeps the
file whole if the process dies mid-write.

A file that is not a newsdigest state database, is damaged, or was written by
a newer version is reported as a StateError naming the file; it is never
rewritten or replaced.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta, timezone

from ..errors import StateError, UsageError

SCHEMA_VERSION = 1
APPLICATION_ID = 0x4E444753  # "NDGS": marks the file as ours (PRAGMA application_id)
_BATCH = 500  # fingerprints per query: under SQLite's bound-parameter limit
_AGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(m|min|h|d|w)\s*$", re.IGNORECASE)
_UNITS = {"m": "minutes", "min": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def default_state_path() -> str:
    from platformdirs import user_data_dir

    return os.path.join(user_data_dir("newsdigest", appauthor=False), "state.sqlite3")


def parse_age(text: str) -> timedelta:
    """ "90d", "24h", "30m", "2w" -> a timedelta; anything else is a usage error."""
    match = _AGE.match(text or "")
    if not match:
        raise UsageError(f"{text!r} is not an age: use a number and a unit, like 30m, 24h, 7d or 2w")
    return timedelta(**{_UNITS[match.group(2).lower()]: float(match.group(1))})


class State:
    """An open state database; use through open_state()."""

    def __init__(self, path: str, connection) -> None:
        self.path = path
        self._db = connection

    def seen(self, fingerprints: Iterable[str]) -> set[str]:
        """Which of these fingerprints an earlier digest recorded."""
        prints = list(dict.fromkeys(fingerprints))
        found: set[str] = set()
        with self._errors():
            for i in range(0, len(prints), _BATCH):
                chunk = prints[i : i + _BATCH]
                rows = self._db.execute(
                    f"SELECT fingerprint FROM seen WHERE fingerprint IN ({','.join('?' * len(chunk))})", chunk
                )
                found.update(row[0] for row in rows)
        return found

    def record(self, items: Iterable[tuple[str, str | None, str | None]]) -> int:
        """Remember (fingerprint, title, article date) items as sent now; one transaction."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        rows = [(fp, title, date, now) for fp, title, date in items]
        with self._errors(), _transaction(self._db):
            self._db.executemany(
                "INSERT INTO seen (fingerprint, title, article_date, recorded) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(fingerprint) DO UPDATE SET recorded = excluded.recorded",
                rows,
            )
        return len(rows)

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        import sqlite3

        try:
            yield
        except sqlite3.DatabaseError as err:
            raise StateError(f"state database is damaged ({err}); move it away or pass --state", self.path) from None
        except sqlite3.Error as err:
            raise StateError(f"cannot use the state database ({err})", self.path) from None


@contextlib.contextmanager
def open_state(path: str | None = None, timeout: float = 120.0) -> Iterator[State]:
    """Lock, open (creating it if missing) and check the state database at `path`."""
    path = os.path.abspath(os.path.expanduser(path or default_state_path()))
    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as err:
        raise StateError(f"cannot create the state folder {folder}: {err.strerror or err}", path) from None
    with _locked(path + ".lock", timeout, path):
        connection = _connect(path)
        try:
            yield State(path, connection)
        finally:
            connection.close()


@contextlib.contextmanager
def _locked(lock_path: str, timeout: float, path: str) -> Iterator[None]:
    import fcntl

    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:
        raise StateError(f"cannot create the lock file {lock_path}: {err.strerror or err}", path) from None
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StateError(
                        f"another newsdigest run has held the state lock for over {timeout:g} s; try again later", path
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _connect(path: str):
    import sqlite3

    fresh = not os.path.exists(path) or os.path.getsize(path) == 0
    try:
        db = sqlite3.connect(path, timeout=30, isolation_level=None)  # transactions are explicit
        if fresh:
            _create(db)
        _check(db, path)
    except StateError:
        raise
    except sqlite3.DatabaseError as err:
        raise StateError(f"not a newsdigest state database ({err}); move it away or pass --state", path) from None
    except sqlite3.Error as err:
        raise StateError(f"cannot open the state database ({err})", path) from None
    return db


@contextlib.contextmanager
def _transaction(db) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _create(db) -> None:
    with _transaction(db):
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(
            "CREATE TABLE IF NOT EXISTS seen ("
            " fingerprint TEXT PRIMARY KEY,"
            " title TEXT,"
            " article_date TEXT,"
            " recorded TEXT NOT NULL)"
        )
        db.execute("CREATE INDEX IF NOT EXISTS seen_recorded ON seen (recorded)")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _check(db, path: str) -> None:
    app = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if app != APPLICATION_ID:
        raise StateError("not a newsdigest state database; move it away or pass --state", path)
    if version > SCHEMA_VERSION:
        raise StateError(
            f"written by a newer newsdigest (state version {version}, this one reads {SCHEMA_VERSION}); upgrade newsdigest or pass --state",
            path,
        )
    db.execute("SELECT fingerprint, title, article_date, recorded FROM seen LIMIT 1").fetchall()
    quick = db.execute("PRAGMA quick_check").fetchone()[0]
    if quick != "ok":
        raise StateError(f"state database is damaged ({quick}); move it away or pass --state", path)


def prune(path: str | None, older_than: timedelta, timeout: float = 120.0) -> int:
    """Forget records older than `older_than`; returns how many were removed."""
    cutoff = (datetime.now(timezone.utc) - older_than).isoformat(timespec="seconds")
    with open_state(path, timeout) as state, state._errors():
        with _transaction(state._db):
            removed = state._db.execute("DELETE FROM seen WHERE recorded <= ?", (cutoff,)).rowcount
        state._db.execute("VACUUM")
    return removed


def stats(path: str | None, timeout: float = 120.0) -> str:
    """"N stories, recorded from A to B" for `state info`."""
    with open_state(path, timeout) as state, state._errors():
        count, first, last = state._db.execute("SELECT COUNT(*), MIN(recorded), MAX(recorded) FROM seen").fetchone()
    if not count:
        return "no stories recorded"
    return f"{count} {'story' if count == 1 else 'stories'} recorded, from {first} to {last}"
