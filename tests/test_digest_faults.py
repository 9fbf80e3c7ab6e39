"""The digest under faults: Ctrl-C, an unwritable output folder, a terminal on stderr."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import ROOT
from test_digest import STORIES, page

ENV = {**os.environ, "NEWSDIGEST_CONFIG": os.devnull, "SOURCE_DATE_EPOCH": "1795000000"}


@pytest.fixture
def big_inbox(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    keys = list(STORIES)
    for i in range(400):
        text = (
            page(keys[i % 3])
            .replace("Westmere", f"Westmere-{i}")
            .replace("Tallow", f"Tallow-{i}")
            .replace("Brackenford", f"Brackenford-{i}")
        )
        (folder / f"a{i:04d}.txt").write_text(
            text + f"\nStory number {i} of the batch, filed at {i} past.\n", encoding="utf-8"
        )
    return folder


@pytest.fixture
def huge_inbox(tmp_path):
    """Far more work than the delay before Ctrl-C, even on a fast machine."""
    folder = tmp_path / "huge"
    folder.mkdir()
    keys = list(STORIES)
    for i in range(2000):
        (folder / f"a{i:04d}.txt").write_text(
            page(keys[i % 3]).replace("Westmere", f"Westmere-{i}") + f"\nItem {i}.\n", encoding="utf-8"
        )
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_exits_130_and_leaves_the_earlier_output(huge_inbox, tmp_path, jobs):
    big_inbox = huge_inbox
    out = tmp_path / "today.md"
    out.write_text("the earlier digest\n", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsdigest", "digest", str(big_inbox), "-o", str(out), "--jobs", jobs],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
        cwd=ROOT,
        preexec_fn=lambda: signal.signal(
            signal.SIGINT, signal.SIG_DFL
        ),  # not ignored even when the suite runs in the background
    )
    time.sleep(1.5)  # started and busy reading (400 articles take several seconds)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert b"Traceback" not in err
    assert out.read_text(encoding="utf-8") == "the earlier digest\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_read_only_output_folder_is_a_clear_error(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(page("ferry"), encoding="utf-8")
    outdir = tmp_path / "out"
    outdir.mkdir()
    (outdir / "today.md").write_text("the earlier digest\n", encoding="utf-8")
    outdir.chmod(0o555)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "newsdigest", "digest", str(inbox), "-o", str(outdir / "today.md")],
            capture_output=True,
            env=ENV,
            cwd=ROOT,
        )
    finally:
        outdir.chmod(0o755)
    assert result.returncode == 1
    assert "today.md" in result.stderr.decode() and len(result.stderr.decode().strip().splitlines()) == 1
    assert (outdir / "today.md").read_text(encoding="utf-8") == "the earlier digest\n"


def test_output_that_cannot_be_written_keeps_state_unrecorded(tmp_path):
    """The state is updated only after the digest is written: a failed write is retried tomorrow."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(page("ferry"), encoding="utf-8")
    state = tmp_path / "state.sqlite3"
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    cmd = [sys.executable, "-m", "newsdigest", "digest", str(inbox), "--new-only", "--state", str(state)]
    failed = subprocess.run([*cmd, "-o", str(blocker / "today.md")], capture_output=True, env=ENV, cwd=ROOT)
    assert failed.returncode != 0 and b"Traceback" not in failed.stderr
    again = subprocess.run([*cmd, "--format", "text"], capture_output=True, env=ENV, cwd=ROOT)
    assert again.returncode == 0 and STORIES["ferry"][0].encode() in again.stdout


def test_progress_only_on_a_terminal(big_inbox, tmp_path):
    import pty

    leader, follower = pty.openpty()
    stdout = open(tmp_path / "stdout", "w+b")  # a file, not a pipe: nothing to drain while stderr is read
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsdigest", "digest", str(big_inbox), "--format", "json"],
        stdout=stdout,
        stderr=follower,
        env={**ENV, "TERM": "xterm", "COLUMNS": "100"},
        cwd=ROOT,
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    proc.wait(timeout=120)
    os.close(leader)
    stdout.seek(0)
    out = stdout.read()
    stdout.close()
    assert proc.returncode == 0
    assert b"reading articles" in seen  # a progress line on the terminal
    assert out.startswith(b"{") and b"\x1b" not in out  # stdout (a pipe) has the digest only


def test_a_closed_pipe_ends_quietly_and_records_nothing(big_inbox, tmp_path):
    state = tmp_path / "state.sqlite3"
    cmd = [
        sys.executable,
        "-m",
        "newsdigest",
        "digest",
        str(big_inbox),
        "--format",
        "text",
        "--new-only",
        "--state",
        str(state),
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, cwd=ROOT)
    proc.stdout.readline()
    proc.stdout.close()  # `| head -1`
    err = proc.stderr.read()
    proc.wait(timeout=120)
    assert proc.returncode in (0, 141) and err == b""
    if proc.returncode == 141:  # the digest was not delivered: nothing is remembered as sent
        again = subprocess.run(
            [*cmd[:-5], "--format", "json", "--new-only", "--state", str(state)], capture_output=True, env=ENV, cwd=ROOT
        )
        counts = json.loads(again.stdout)["counts"]
        assert again.returncode == 0 and counts["inputs"] == 400 and counts["seen"] == 0 and counts["entries"] > 0


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_full_standard_output_is_one_clear_line(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(page("ferry"), encoding="utf-8")
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "newsdigest", "digest", str(inbox)],
            stdout=full,
            stderr=subprocess.PIPE,
            env=ENV,
            cwd=ROOT,
        )
    assert result.returncode == 1
    assert result.stderr.decode() == "newsdigest: standard output: cannot write: No space left on device\n"
