"""The --new-only state: round trip, lock, damage, newer versions, pruning."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import time
from datetime import UTC, datetime, timedelta

import pytest

from newsdigest.digest import state as state_module
from newsdigest.digest.state import SCHEMA_VERSION, default_state_path, open_state, parse_age, prune, stats
from newsdigest.errors import StateError, UsageError

NOW = datetime(2020, 11, 29, 6, 0, tzinfo=UTC)  # before any real "now" the tests meet


def test_record_then_seen(tmp_path):
    path = str(tmp_path / "deep" / "er" / "state.sqlite3")  # folders are created
    with open_state(path) as state:
        assert state.seen(["a", "b"]) == set()
        assert state.record([("a", "Title A", "2026-11-20"), ("c", None, None)], now=NOW) == 2
    with open_state(path) as state:
        assert state.seen(["a", "b", "c", "a"]) == {"a", "c"}
        many = [f"x{i}" for i in range(2000)]  # more than one query's worth
        assert state.seen(many + ["a"]) == {"a"}
        state.record((fp, None, None) for fp in many)  # any iterable; one transaction
        assert state.seen(["x0", "x1999", "x2000"]) == {"x0", "x1999"}
    info = stats(path)
    assert info.count == 2002 and info.oldest == NOW and info.newest > NOW
    assert str(info).startswith("2002 stories recorded, from 2020-11-29T06:00:00+00:00")


def test_empty_state_stats(tmp_path):
    info = stats(str(tmp_path / "state.sqlite3"))
    assert (info.count, info.oldest, info.newest, str(info)) == (0, None, None, "no stories recorded")


def test_default_path_is_in_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # platformdirs' data folder on Linux
    if os.name != "posix" or os.uname().sysname == "Darwin":
        pytest.skip("XDG_DATA_HOME is the Linux convention")
    assert default_state_path() == str(tmp_path / "data" / "newsdigest" / "state.sqlite3")
    with open_state(None) as state:
        state.record([("a", None, None)])
    assert os.path.isfile(default_state_path())


def test_prune_forgets_only_old_records(tmp_path):
    path = str(tmp_path / "state.sqlite3")
    with open_state(path) as state:
        state.record([("old", None, None)], now=NOW - timedelta(days=100))
        state.record([("new", None, None)], now=NOW - timedelta(days=1))
    assert prune(path, timedelta(days=90), now=NOW) == 1
    assert prune(path, timedelta(days=90), now=NOW) == 0
    with open_state(path) as state:
        assert state.seen(["old", "new"]) == {"new"}
    assert prune(path, parse_age("12h"), now=NOW) == 1
    assert stats(path).count == 0


def test_recording_again_refreshes_the_time(tmp_path):
    path = str(tmp_path / "state.sqlite3")
    with open_state(path) as state:
        state.record([("a", None, None)], now=NOW - timedelta(days=100))
        state.record([("a", None, None)], now=NOW)
    assert prune(path, timedelta(days=90), now=NOW) == 0


@pytest.mark.parametrize(
    "age,expected",
    [
        ("90d", timedelta(days=90)),
        ("24h", timedelta(hours=24)),
        ("30m", timedelta(minutes=30)),
        ("45min", timedelta(minutes=45)),
        ("2w", timedelta(weeks=2)),
        (" 1.5H ", timedelta(hours=1.5)),
        ("0d", timedelta(0)),
    ],
)
def test_parse_age(age, expected):
    assert parse_age(age) == expected


@pytest.mark.parametrize(
    "age", ["", "90", "d", "soon", "-3d", "3 days", "1e3d", "3y", "99999999999999999999d", "1000000d"]
)
def test_parse_age_refuses(age):
    with pytest.raises(UsageError, match="age"):
        parse_age(age)


def _assert_refused(path, *words):
    """Opening `path` is a StateError naming it; the file is left exactly as it was."""
    before = path.read_bytes()
    with pytest.raises(StateError) as err:
        with open_state(str(path)) as state:
            state.seen(["fp1"])
    message = str(err.value)
    assert message.startswith(str(path) + ": ") and "\n" not in message
    for word in words:
        assert word in message
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\x01not sqlite at all" * 500,  # random bytes
        b"SQLite format 3\x00" + b"\xff" * 4000,  # the right magic, then garbage
        b'{"seen": ["a", "b"]}\n',  # some other kind of file
    ],
)
def test_files_that_are_not_sqlite_are_state_errors(tmp_path, content):
    path = tmp_path / "state.sqlite3"
    path.write_bytes(content)
    _assert_refused(path, "move it away", "--state")


def test_truncated_database_is_a_state_error_at_open(tmp_path):
    good = tmp_path / "good.sqlite3"
    with open_state(str(good)) as state:
        state.record([(f"fp{i}", "t" * 200, None) for i in range(3000)])
    truncated = tmp_path / "truncated.sqlite3"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    before = truncated.read_bytes()
    with pytest.raises(StateError, match="truncated.sqlite3: .*damaged"):
        with open_state(str(truncated)):
            pass  # refused before the caller builds and writes a digest
    assert truncated.read_bytes() == before


def test_another_programs_database_is_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()
    _assert_refused(path, "another program", "--state")


def test_wrong_schema_is_refused(tmp_path):
    path = tmp_path / "state.sqlite3"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA application_id = {state_module.APPLICATION_ID}")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    db.execute("CREATE TABLE seen (fingerprint TEXT)")
    db.commit()
    db.close()
    _assert_refused(path, "wrong tables")


def test_newer_version_is_refused(tmp_path):
    path = tmp_path / "state.sqlite3"
    with open_state(str(path)) as state:
        state.record([("a", None, None)])
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    _assert_refused(path, "newer newsdigest", "upgrade newsdigest or pass --state")


def test_empty_file_becomes_a_state(tmp_path):
    path = tmp_path / "state.sqlite3"
    path.write_bytes(b"")
    with open_state(str(path)) as state:
        state.record([("a", None, None)])
    assert stats(str(path)).count == 1


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(StateError, match="is a folder"):
        with open_state(str(tmp_path)):
            pass


def test_failed_migration_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "state.sqlite3"

    def broken_step(db):
        db.execute("CREATE TABLE half (x)")
        db.execute("this is not SQL")

    monkeypatch.setattr(state_module, "MIGRATIONS", [state_module.MIGRATIONS[0], broken_step])
    with pytest.raises(StateError, match="state.sqlite3"):
        with open_state(str(path)):
            pass
    db = sqlite3.connect(path)
    header = db.execute("PRAGMA application_id").fetchone()[0], db.execute("PRAGMA user_version").fetchone()[0]
    tables = db.execute("SELECT name FROM sqlite_master").fetchall()
    db.close()
    assert header == (0, 0) and tables == []  # nothing of the first step stayed
    monkeypatch.undo()
    with open_state(str(path)) as state:
        state.record([("a", None, None)])


def test_damage_found_at_record_time_is_a_state_error(tmp_path):
    path = tmp_path / "state.sqlite3"
    with open_state(str(path)) as state:
        state.record([("a", None, None)])
        path.write_bytes(b"\x00garbage" * 2000)  # something else clobbers the file mid-run
        with pytest.raises(StateError, match="state.sqlite3: .*move it away.*--state"):
            state.record([("b", None, None)])


def _hold_and_record(path: str, ready, release, hold: float) -> None:
    with open_state(path) as state:
        ready.set()
        if release is not None:
            release.wait(60)
        time.sleep(hold)
        state.record([("from-first", None, None)])


def test_second_run_waits_for_the_first_and_sees_its_records(tmp_path):
    path = str(tmp_path / "state.sqlite3")
    ctx = multiprocessing.get_context("spawn")
    ready = ctx.Event()
    first = ctx.Process(target=_hold_and_record, args=(path, ready, None, 0.5))
    first.start()
    assert ready.wait(60)
    with open_state(path, timeout=60) as state:  # blocks until the first has recorded and let go
        assert state.seen(["from-first"]) == {"from-first"}
    first.join(60)
    assert first.exitcode == 0


def test_lock_timeout_is_a_state_error(tmp_path):
    path = str(tmp_path / "state.sqlite3")
    ctx = multiprocessing.get_context("spawn")
    ready, release = ctx.Event(), ctx.Event()
    first = ctx.Process(target=_hold_and_record, args=(path, ready, release, 0))
    first.start()
    try:
        assert ready.wait(60)
        with pytest.raises(StateError, match="state.sqlite3: another newsdigest run has held the state lock"):
            with open_state(path, timeout=0.1):
                pass
    finally:
        release.set()
        first.join(60)
    assert first.exitcode == 0
    with open_state(path, timeout=0) as state:  # free again once the holder is done
        assert state.seen(["from-first"]) == {"from-first"}


def _digest_run(path: str, prints: list[str], start, results) -> None:
    start.wait(60)
    with open_state(path, timeout=60) as state:
        new = sorted(set(prints) - state.seen(prints))
        time.sleep(0.2)  # "writing the digest": without the lock, the other run would read the same state now
        state.record((fp, None, None) for fp in new)
    results.put(new)


def test_two_runs_at_once_never_report_a_story_twice(tmp_path):
    path = str(tmp_path / "state.sqlite3")
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Event(), ctx.Queue()
    batches = [[f"fp{i}" for i in range(0, 60)], [f"fp{i}" for i in range(30, 90)]]
    runs = [ctx.Process(target=_digest_run, args=(path, batch, start, results)) for batch in batches]
    for run in runs:
        run.start()
    start.set()
    reported = [results.get(timeout=60), results.get(timeout=60)]
    for run in runs:
        run.join(60)
        assert run.exitcode == 0
    assert set(reported[0]).isdisjoint(reported[1])
    assert set(reported[0]) | set(reported[1]) == {f"fp{i}" for i in range(90)}
    assert stats(path).count == 90
