from __future__ import annotations

import os

import pytest

from newsdigest.atomic import atomic_write
from newsdigest.errors import OutputError


def test_writes_the_whole_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "digest.md"
    atomic_write(target, "# Today\n")
    assert target.read_text() == "# Today\n"
    assert os.listdir(tmp_path) == ["digest.md"]


def test_a_failed_write_keeps_the_earlier_file(tmp_path, monkeypatch):
    target = tmp_path / "digest.md"
    target.write_text("yesterday")

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OutputError, match="No space left on device"):
        atomic_write(target, "today")
    assert target.read_text() == "yesterday"
    assert os.listdir(tmp_path) == ["digest.md"]


def test_an_interrupt_keeps_the_earlier_file(tmp_path, monkeypatch):
    target = tmp_path / "digest.md"
    target.write_text("yesterday")

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, "today")
    assert target.read_text() == "yesterday"
    assert os.listdir(tmp_path) == ["digest.md"]


def test_existing_permissions_are_kept(tmp_path):
    target = tmp_path / "digest.md"
    target.write_text("old")
    os.chmod(target, 0o640)
    atomic_write(target, "new")
    assert (target.stat().st_mode & 0o777) == 0o640


def test_a_directory_target_is_refused(tmp_path):
    with pytest.raises(OutputError, match="is a directory"):
        atomic_write(tmp_path, "x")


def test_atomic_open_shows_nothing_until_the_block_ends(tmp_path):
    from newsdigest.atomic import atomic_open

    target = tmp_path / "digest.md"
    target.write_text("yesterday")
    with atomic_open(target) as fh:
        fh.write(b"# Today\n")
        assert target.read_text() == "yesterday"  # half a digest is never visible
        fh.write(b"More.\n")
    assert target.read_text() == "# Today\nMore.\n"
    assert os.listdir(tmp_path) == ["digest.md"]


def test_an_error_while_writing_pieces_keeps_the_earlier_file(tmp_path):
    from newsdigest.atomic import atomic_open

    target = tmp_path / "digest.md"
    target.write_text("yesterday")
    with pytest.raises(RuntimeError, match="renderer broke"):
        with atomic_open(target) as fh:
            fh.write(b"# Today\n")
            raise RuntimeError("renderer broke")
    assert target.read_text() == "yesterday"
    assert os.listdir(tmp_path) == ["digest.md"]
