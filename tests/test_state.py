"""The --new-only state: round trip, lock, damage, newer versions, pruning."""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from datetime import timedelta

import pytest

from newsdigest.digest.state import SCHEMA_VERSION, open_state, parse_age, prune, stats
from newsdigest.errors import StateError, UsageError


def test_record_then_seen(tmp_path):
    path = str(tmp_path / "deep" / "state.sqlite3")  # folders are created
    with open_state(path) as state:
        assert state.seen(["a", "b"]) == set()
        state.record([("a", "Title A", "2026-11-20")])
    with open_state(path) as state:
        assert state.seen(["a", "b"]) == {"a"}
        assert state.seen([f"x{i}" for i in range(2000)] + ["a"]) == {"a"}  # batched queries
    assert "1 story" in stats(path)


def test_prune(tmp_path):
    path = str(tmp_path / "state.sqlite3")
    with open_state(path) as state:
        state.record([("a", None, None), ("b", None, None)])
    assert prune(path, timedelta(days=90)) == 0
    assert prune(path, timedelta(0)) == 2
    with open_state(path) as state:
        assert state.seen(["a", "b"]) == set()


@pytest.mark.parametrize("age,expected", [("90d", timedelta(days=90)), ("24h", timedelta(hours=24)), ("30m", timedelta(minutes=30)), ("2w", timedelta(weeks=2)), (" 1.5h ", timedelta(hours=1.5))])
def test_parse_age(age, expected):
    assert parse_age(age) == expected


@pytest.mark.parametrize("age", ["", "90", "d", "soon", "-3d", "3 days"])
def test_parse_age_refuses(age):
    with pytest.raises(UsageError):
        parse_age(age)


def test_garbage_and_truncated_files_are_state_errors(tmp_path):
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"\x00\x01not sqlite at all" * 500)
    with pytest.raises(StateError, match="garbage.sqlite3"):
        with open_state(str(garbage)):
            pass
    assert garbage.read_bytes().startswith(b"\x00\x01not sqlite")  # never replaced
    good = tmp_path / "good.sqlite3"
    with open_state(str(good)) as state:
        state.record([(f"fp{i}", "t" * 200, None) for i in range(3000)])
    truncated = tmp_path / "truncated.sqlite3"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(StateError, match="truncated.sqlite3"):
        with open_state(str(truncated)) as state:
            state.seen([f"fp{i}" for i in range(3000)])


def test_foreign_database_and_newer_version(tmp_path):
    foreign = tmp_path / "other.sqlite3"
    db = sqlite3.connect(foreign)
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()
    with pytest.raises(StateError, match="not a newsdigest state database"):
        with open_state(str(foreign)):
            pass
    newer = tmp_path / "newer.sqlite3"
    with open_state(str(newer)):
        pass
    db = sqlite3.connect(newer)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(StateError, match="newer newsdigest"):
        with open_state(str(newer)):
            pass


def _hold_and_record(path: str, ready, seconds: float) -> None:
    with open_state(path) as state:
        ready.set()
        time.sleep(seconds)
        state.record([("from-first", None, None)])


def test_second_run_waits_for_the_first_and_sees_its_records(tmp_path):
    path = str(tmp_path / "state.sqlite3")
    ctx = multiprocessing.get_context("spawn")
    ready = ctx.Event()
    first = ctx.Process(target=_hold_and_record, args=(path, ready, 1.0))
    first.start()
    assert ready.wait(30)
    with open_state(path, timeout=60) as state:  # blocks until the first has recorded
        assert state.seen(["from-first"]) == {"from-first"}
    first.join(30)
    assert first.exitcode == 0


def test_lock_timeout_is_a_state_error(tmp_path):
    path = str(tmp_path / "state.sqlite3")
    ctx = multiprocessing.get_context("spawn")
    ready = ctx.Event()
    first = ctx.Process(target=_hold_and_record, args=(path, ready, 3.0))
    first.start()
    assert ready.wait(30)
    with pytest.raises(StateError, match="lock"):
        with open_state(path, timeout=0.2):
            pass
    first.join(30)
