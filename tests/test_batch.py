"""`newsdigest batch`: one row per input, story ids as the digest groups them, atomic folders."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import SAMPLES, run_cli

from newsdigest.digest import DigestOptions
from newsdigest.digest.batch import COLUMNS, write_batch

ENV = {"NEWSDIGEST_CONFIG": os.devnull, "SOURCE_DATE_EPOCH": "1795000000"}


def _rows(folder: Path) -> list[dict]:
    return [
        json.loads(line)
        for part in sorted(folder.glob("part-*.jsonl"))
        for line in part.read_text(encoding="utf-8").splitlines()
    ]


@pytest.fixture
def inbox(tmp_path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for path in sorted(SAMPLES.iterdir()):
        if path.suffix in (".txt", ".html"):
            (folder / path.name).write_bytes(path.read_bytes())
    (folder / "zz-broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))  # not text
    return folder


def test_one_row_per_input_with_failures_and_story_ids(inbox, tmp_path):
    result = run_cli("batch", str(inbox), "-o", str(tmp_path / "rows"), env=ENV)
    assert result.returncode == 1  # one input failed; its row is still there
    assert result.stderr.decode().count("\n") == 1 and "zz-broken.txt" in result.stderr.decode()
    rows = _rows(tmp_path / "rows")
    assert [Path(r["path"]).name for r in rows] == sorted(p.name for p in inbox.iterdir())
    assert all(list(r) == list(COLUMNS) for r in rows)
    broken = rows[-1]
    assert broken["error"] and "\n" not in broken["error"] and broken["story"] is None and broken["summary"] is None
    good = rows[:-1]
    assert all(r["error"] is None and r["summary"] and r["sentences"] and r["story"] for r in good)
    # the two copies of the harbor story share one id; every other story has its own
    by_story: dict[str, list[str]] = {}
    for r in good:
        by_story.setdefault(r["story"], []).append(Path(r["path"]).name)
    assert sorted(by_story[good[[Path(r["path"]).name for r in good].index("harbor-bridge-reopens.txt")]["story"]]) == [
        "harbor-bridge-reopens-copy.txt",
        "harbor-bridge-reopens.txt",
    ]
    assert len(by_story) == len(good) - 1


def test_story_ids_group_exactly_as_the_digest(inbox, tmp_path):
    digest = run_cli("digest", str(inbox), "--format", "json", env=ENV)
    batch = run_cli("batch", str(inbox), "-o", str(tmp_path / "rows"), env=ENV)
    assert digest.returncode == batch.returncode == 1
    entries = [e for g in json.loads(digest.stdout)["groups"] for e in g["entries"]]
    digest_groups = sorted(sorted(s["path"] for s in e["sources"]) for e in entries)
    by_story: dict[str, list[str]] = {}
    for r in _rows(tmp_path / "rows"):
        if r["story"]:
            by_story.setdefault(r["story"], []).append(r["path"])
    assert sorted(sorted(paths) for paths in by_story.values()) == digest_groups


def test_parquet_rows_equal_jsonl_rows(inbox, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    write_batch([str(inbox)], str(tmp_path / "j"), "jsonl", DigestOptions(), part_rows=4)
    write_batch([str(inbox)], str(tmp_path / "p"), "parquet", DigestOptions(), part_rows=4)
    assert sorted(p.name for p in (tmp_path / "p").iterdir()) == [
        "part-00000.parquet",
        "part-00001.parquet",
        "part-00002.parquet",
    ]
    table = pq.read_table(tmp_path / "p")
    assert table.column_names == list(COLUMNS)
    assert table.to_pylist() == _rows(tmp_path / "j")


def test_output_folder_is_atomic_and_never_overwritten(inbox, tmp_path):
    taken = tmp_path / "rows"
    taken.mkdir()
    (taken / "keep.txt").write_text("earlier results\n", encoding="utf-8")
    result = run_cli("batch", str(inbox), "-o", str(taken), env=ENV)
    assert result.returncode == 1 and len(result.stderr.decode().strip().splitlines()) == 1
    assert "not an empty folder" in result.stderr.decode()
    assert [p.name for p in taken.iterdir()] == ["keep.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run_cli("batch", str(SAMPLES / "clean-story.txt"), "-o", str(empty), env=ENV).returncode == 0
    assert [p.name for p in empty.iterdir()] == ["part-00000.jsonl"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary folder left


def test_interrupted_batch_leaves_no_folder(inbox, tmp_path, monkeypatch):
    from newsdigest.digest import batch as batch_module

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(batch_module, "_rows", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_batch([str(inbox)], str(tmp_path / "rows"), "jsonl", DigestOptions())
    assert list(tmp_path.iterdir()) == [inbox]


def test_unknown_batch_format_is_a_usage_error(inbox, tmp_path):
    result = run_cli("batch", str(inbox), "-o", str(tmp_path / "rows"), "--format", "csv", env=ENV)
    assert result.returncode == 2 and b"jsonl, parquet" in result.stderr
    assert not (tmp_path / "rows").exists()


def test_components_story_ids_group_as_the_components_digest(inbox, tmp_path):
    digest = run_cli("digest", str(inbox), "--format", "json", "--dedup", "components", env=ENV)
    batch = run_cli("batch", str(inbox), "-o", str(tmp_path / "rows"), "--dedup", "components", env=ENV)
    leader = run_cli("batch", str(inbox), "-o", str(tmp_path / "leader"), env=ENV)
    assert digest.returncode == batch.returncode == leader.returncode == 1
    entries = [e for g in json.loads(digest.stdout)["groups"] for e in g["entries"]]
    by_story: dict[str, list[str]] = {}
    rows = _rows(tmp_path / "rows")
    for r in rows:
        if r["story"]:
            by_story.setdefault(r["story"], []).append(r["path"])
    assert sorted(sorted(p) for p in by_story.values()) == sorted(
        sorted(s["path"] for s in e["sources"]) for e in entries
    )
    assert rows == _rows(tmp_path / "leader")  # the rows wait and come back unchanged (no chain of copies here)
