"""What earlier digests contained, for `digest --new-only`: a small SQLite database.

    with open_state(path, timeout=120) as state:   # waits for any other run's lock
        seen = state.seen(fingerprints)            # stories already sent: leave them out
        ...write the digest...
        state.record(items)                        # only after the digest is safely written

    prune(path, parse_age("90d"))  -> how many records were forgotten
    stats(path)                    -> StateStats(count, oldest, newest)
    parse_age("24h")               -> timedelta (also for `digest --since`)
    default_state_path()           -> state.sqlite3 in the user's data folder

Reading and recording are separate calls so that the caller records only after
the digest is written: a run that fails before that is simply repeated later.

The lock: an exclusive file lock (filelock: flock on Unix, LockFileEx on
Windows) on `<database>.lock` beside the database, held for the whole `with`
block. A second run started at the same time waits for the first (up to
`timeout` seconds, else StateError), then sees what the first recorded and
leaves it out; so two runs never report a story twice. The lock file stays in
place (waiters must share one inode); it holds no data.

The database: one table `seen` (fingerprint, title, article date, time
recorded), marked as ours by PRAGMA application_id and versioned by PRAGMA
user_version. Creating or migrating the schema is one transaction, so a file
is never left half-migrated. The journal is SQLite's default rollback journal
(not WAL): our lock already allows one writer at a time, and it leaves no
-wal/-shm files beside the database. Each `record` is one transaction; the
journal keeps the file whole if the process dies mid-write.

Every problem is a StateError naming the database, never a raw sqlite3
exception: a file that is damaged, truncated, not SQLite, another program's
database or from a newer newsdigest (the file is never rewritten or replaced;
the message says what to do next), a lock held too long, a folder that cannot
be written.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from ..errors import StateError, UsageError

APPLICATION_ID = 0x4E444753  # "NDGS": marks the file as ours (PRAGMA application_id)
DEFAULT_TIMEOUT = 120.0  # seconds a run waits for another run's lock: longer than a 10,000-article digest takes
_BATCH = 500  # fingerprints per query: under SQLite's bound-parameter limit (999 before SQLite 3.32)
_BUSY_TIMEOUT = 5.0  # SQLite's own wait, only for programs that skip our lock (an `sqlite3` shell)
_AGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(m|min|h|d|w)\s*$", re.IGNORECASE)
_UNITS = {"m": "minutes", "min": "minutes", "h": "hours", "d": "days", "w": "weeks"}
# Ages above this are refused: a cutoff further back than about year 1000 would
# overflow datetime arithmetic (`now - age`), and no digest remembers that far.
_MAX_AGE = timedelta(days=365_000)

_MOVE_AWAY = "move it away to start afresh, or pass --state"


def default_state_path() -> str:
    """state.sqlite3 in the user's data folder (~/.local/share/newsdigest on Linux)."""
    from platformdirs import user_data_dir

    return os.path.join(user_data_dir("newsdigest", appauthor=False), "state.sqlite3")


def parse_age(text: str) -> timedelta:
    """ "30m", "24h", "90d", "2w" (a number, decimals allowed, and a unit) -> a timedelta; else UsageError."""
    match = _AGE.match(text or "")
    if not match:
        raise UsageError(f"{text!r} is not an age: use a number and a unit, like 30m, 24h, 7d or 2w")
    try:
        age = timedelta(**{_UNITS[match.group(2).lower()]: float(match.group(1))})
    except OverflowError:
        age = _MAX_AGE * 2
    if age > _MAX_AGE:
        raise UsageError(f"{text!r} is too long an age: at most {_MAX_AGE.days}d")
    return age


@dataclass(frozen=True)
class StateStats:
    """What `newsdigest state info` shows."""

    count: int
    oldest: datetime | None  # when the oldest record was made (UTC); None when empty
    newest: datetime | None

    def __str__(self) -> str:
        if not self.count:
            return "no stories recorded"
        noun = "story" if self.count == 1 else "stories"
        return f"{self.count} {noun} recorded, from {self.oldest.isoformat()} to {self.newest.isoformat()}"


class State:
    """An open, locked state database; get one from open_state()."""

    def __init__(self, path: str, connection) -> None:
        self.path = path
        self._db = connection

    def seen(self, fingerprints: Iterable[str]) -> set[str]:
        """Which of these fingerprints an earlier digest recorded."""
        prints = list(dict.fromkeys(fingerprints))
        found: set[str] = set()
        with _errors(self.path):
            for i in range(0, len(prints), _BATCH):
                chunk = prints[i : i + _BATCH]
                rows = self._db.execute(
                    f"SELECT fingerprint FROM seen WHERE fingerprint IN ({','.join('?' * len(chunk))})", chunk
                )
                found.update(row[0] for row in rows)
        return found

    def record(self, items: Iterable[tuple[str, str | None, str | None]], now: datetime | None = None) -> int:
        """Remember (fingerprint, title or path, article date) items as sent `now`; one transaction.

        Returns how many items were given. A fingerprint already recorded gets the new time.
        """
        when = _stamp(now or datetime.now(UTC))
        rows = [(fp, title, date, when) for fp, title, date in items]
        with _errors(self.path), _transaction(self._db):
            self._db.executemany(
                "INSERT INTO seen (fingerprint, title, article_date, recorded) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(fingerprint) DO UPDATE SET recorded = excluded.recorded",
                rows,
            )
        return len(rows)

    def forget_older(self, cutoff: datetime) -> int:
        """Delete the records made at or before `cutoff` (to the second); returns how many."""
        with _errors(self.path):
            with _transaction(self._db):
                removed = self._db.execute("DELETE FROM seen WHERE recorded <= ?", (_stamp(cutoff),)).rowcount
            if removed:
                self._db.execute("VACUUM")  # give the space back: prune exists to keep the file small
        return removed

    def stats(self) -> StateStats:
        with _errors(self.path):
            count, oldest, newest = self._db.execute(
                "SELECT COUNT(*), MIN(recorded), MAX(recorded) FROM seen"
            ).fetchone()
        try:
            return StateStats(count, _parse_stamp(oldest), _parse_stamp(newest))
        except ValueError:  # a time edited by hand into something that is not one
            raise StateError(
                f"state file holds a bad record time ({oldest!r} .. {newest!r}); {_MOVE_AWAY}", self.path
            ) from None


@contextlib.contextmanager
def open_state(path: str | None = None, timeout: float | None = DEFAULT_TIMEOUT) -> Iterator[State]:
    """Lock, open (creating it and its folders if missing) and check the state database at `path`.

    `path` None means default_state_path(); `~` is expanded. `timeout`: seconds to wait
    for another run's lock (None waits for ever); past it, StateError.
    """
    path = os.path.abspath(os.path.expanduser(path or default_state_path()))
    folder = os.path.dirname(path)
    if os.path.isdir(path):
        raise StateError("is a folder; give the state file's name", path)
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as err:
        raise StateError(f"cannot create the state folder {folder}: {err.strerror or err}", path) from None
    with _locked(path, timeout):
        connection = _connect(path)
        try:
            yield State(path, connection)
        finally:
            connection.close()


def prune(
    path: str | None, older_than: timedelta, timeout: float | None = DEFAULT_TIMEOUT, now: datetime | None = None
) -> int:
    """Forget the records made more than `older_than` ago; returns how many were removed."""
    cutoff = (now or datetime.now(UTC)) - older_than
    with open_state(path, timeout) as state:
        return state.forget_older(cutoff)


def stats(path: str | None, timeout: float | None = DEFAULT_TIMEOUT) -> StateStats:
    """How many records the state holds, and when the oldest and newest were made."""
    with open_state(path, timeout) as state:
        return state.stats()


def _stamp(when: datetime) -> str:
    """The stored form of a time: UTC ISO 8601 to the second, so text order is time order."""
    if when.tzinfo is None:
        when = when.astimezone()  # a naive time is local time
    return when.astimezone(UTC).isoformat(timespec="seconds")


def _parse_stamp(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


@contextlib.contextmanager
def _locked(path: str, timeout: float | None) -> Iterator[None]:
    import filelock

    lock_path = path + ".lock"
    lock = filelock.FileLock(lock_path)
    try:
        lock.acquire(timeout=-1 if timeout is None else timeout)
    except filelock.Timeout:  # before OSError: Timeout is one
        raise StateError(
            f"another newsdigest run has held the state lock ({lock_path}) for over {timeout:g} s; try again later",
            path,
        ) from None
    except OSError as err:
        raise StateError(f"cannot create the lock file {lock_path}: {err.strerror or err}", path) from None
    try:
        yield
    finally:
        lock.release()


# SQLite's primary result codes (stable C API numbers; the extended code's low byte).
_CORRUPT, _NOTADB = 11, 26
_ACCESS = {3: "permission denied", 8: "read-only", 14: "cannot open the file", 23: "not authorized"}
_BUSY = {5, 6}


@contextlib.contextmanager
def _errors(path: str, opening: bool = False) -> Iterator[None]:
    """Turn every sqlite3 exception into a StateError that says what to do."""
    import sqlite3

    try:
        yield
    except StateError:
        raise
    except sqlite3.Error as err:
        code = (getattr(err, "sqlite_errorcode", None) or 0) & 0xFF
        if code in (_CORRUPT, _NOTADB):
            what = "not a SQLite database" if code == _NOTADB else "damaged"
            message = f"state file is {what} ({err}); {_MOVE_AWAY}"
        elif code in _ACCESS:
            action = "open" if opening else "write"
            message = f"cannot {action} the state database ({err}); check its permissions or pass --state"

        elif code in _BUSY:
            message = f"the state database is busy in another program ({err}); try again later"
        elif opening and isinstance(err, sqlite3.OperationalError):
            message = f"not a newsdigest state database, or a damaged one ({err}); {_MOVE_AWAY}"
        else:
            message = f"cannot use the state database ({err})"
        raise StateError(message, path) from None


def _connect(path: str):
    import sqlite3

    with _errors(path, opening=True):
        db = sqlite3.connect(path, timeout=_BUSY_TIMEOUT, isolation_level=None)  # transactions are explicit
        try:
            _migrate(db, path)
            _check(db, path)
        except BaseException:
            db.close()
            raise
    return db


@contextlib.contextmanager
def _transaction(db) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        with contextlib.suppress(Exception):
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _create_v1(db) -> None:
    db.execute(
        "CREATE TABLE seen ("
        " fingerprint TEXT PRIMARY KEY,"  # hex digest of a story's cleaned text
        " title TEXT,"  # for a person reading the file; never compared
        " article_date TEXT,"
        " recorded TEXT NOT NULL)"  # UTC ISO 8601: what prune compares
    )
    db.execute("CREATE INDEX seen_recorded ON seen (recorded)")


# MIGRATIONS[n] brings a database from version n to n + 1 (never edit a released step: add one).
MIGRATIONS = [_create_v1]
SCHEMA_VERSION = len(MIGRATIONS)  # what this newsdigest writes (PRAGMA user_version)


def _migrate(db, path: str) -> None:
    """Create the schema in a new file, or bring an older one up to date: all in one transaction."""
    app, version, tables = _header(db)
    if app == 0 and version == 0 and tables == 0:  # a new (or empty) file
        app = APPLICATION_ID
    _refuse_foreign_or_newer(app, version, path)
    if version == len(MIGRATIONS):
        return
    with _transaction(db):
        app, version, tables = _header(db)  # again, under the write lock
        if app == 0 and version == 0 and tables == 0:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            app = APPLICATION_ID
        _refuse_foreign_or_newer(app, version, path)
        for step in MIGRATIONS[version:]:
            step(db)
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")


def _header(db) -> tuple[int, int, int]:
    app = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    tables = db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]
    return app, version, tables


def _refuse_foreign_or_newer(app: int, version: int, path: str) -> None:
    if app != APPLICATION_ID:
        raise StateError(
            "not a newsdigest state file (a SQLite database of another program); pass --state with another path", path
        )
    if version > len(MIGRATIONS):
        raise StateError(
            f"written by a newer newsdigest (state version {version}; this one reads up to {len(MIGRATIONS)}); "
            "upgrade newsdigest or pass --state",
            path,
        )


def _check(db, path: str) -> None:
    """Fail now, at open time, rather than after the digest is written: the columns, then the pages."""
    import sqlite3

    try:
        db.execute("SELECT fingerprint, title, article_date, recorded FROM seen LIMIT 1").fetchall()
    except sqlite3.OperationalError as err:
        if (getattr(err, "sqlite_errorcode", 0) or 0) & 0xFF in (_CORRUPT, _NOTADB):
            raise
        raise StateError(f"not a newsdigest state database: wrong tables ({err}); {_MOVE_AWAY}", path) from None
    problem = db.execute("PRAGMA quick_check").fetchone()[0]  # about 30 ms for 100,000 records
    if problem != "ok":
        raise StateError(f"state file is damaged ({problem}); {_MOVE_AWAY}", path)
