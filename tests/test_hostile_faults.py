"""Faults: Ctrl-C, a full disk, an unwritable folder, a closed pipe. Nothing is lost, nothing half-written.

An earlier output file stays as it was unless the new one is complete; no
temporary file is left behind; every fault ends in one line and a known exit
code (130 Ctrl-C, 141 broken pipe, 1 an output problem).
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import time

import pytest
from conftest import ROOT, run_cli

from newsdigest import atomic
from newsdigest.app import cli
from newsdigest.atomic import atomic_write
from newsdigest.errors import OutputError

STORY = (
    "Harbor bridge reopens after repairs\n\n"
    "The Marrow Point harbor bridge reopened on Friday after a 14-month closure, the transit authority said.\n\n"
    "Crews replaced 212 corroded cables and resurfaced the deck at a cost of $48.5 million.\n"
)
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def big_story(sentences: int = 60_000) -> str:
    """A long plain-text story (tens of seconds of work for several copies)."""
    subjects = ("The council", "The mayor", "Officials", "The harbor authority", "Residents", "Engineers")
    objects = (
        "that the bridge would reopen in May",
        "that repairs cost more than planned",
        "that traffic fell by a third",
        "that the ferry terminal was late",
        "that ridership grew again",
    )
    paragraphs = []
    for p in range(sentences // 10):
        paragraphs.append(
            " ".join(
                f"{subjects[(p + s) % len(subjects)]} said on day {p * 10 + s} {objects[(p * 7 + s) % len(objects)]}."
                for s in range(10)
            )
        )
    return "City news\n\n" + "\n\n".join(paragraphs) + "\n"


def _default_sigint() -> None:
    # A test run started in the background (`make test &`, some CI runners) inherits
    # SIGINT ignored, and Python then never turns it into KeyboardInterrupt: give the
    # child the default disposition a terminal user's process has.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _popen(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "newsdigest", *args], cwd=ROOT, preexec_fn=_default_sigint, **kwargs)


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.txt"
    path.write_text(big_story())
    return path


@pytest.mark.parametrize("delay", [1.0, 3.0])
def test_ctrl_c_while_working_exits_130_and_keeps_the_earlier_output(big_file, tmp_path, delay):
    out = tmp_path / "summary.json"
    out.write_text("yesterday's summary")
    # Four copies of a big story: far more work than the delay, on any machine.
    proc = _popen("summarize", *[str(big_file)] * 4, "-o", str(out), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert b"Traceback" not in stderr
    assert out.read_text() == "yesterday's summary"
    assert os.listdir(tmp_path) == ["summary.json"]  # no temporary file left


def test_ctrl_c_while_reading_standard_input(tmp_path):
    out = tmp_path / "summary.md"
    out.write_text("yesterday")
    proc = _popen(
        "summarize", "-", "-o", str(out), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    proc.stdin.write(STORY.encode())  # part of the input; the rest never comes
    proc.stdin.flush()
    time.sleep(1.0)  # blocked in read() by now, or still starting: Ctrl-C must end it either way
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert b"Traceback" not in stderr
    assert out.read_text() == "yesterday" and os.listdir(tmp_path) == ["summary.md"]


def test_ctrl_c_during_the_write_itself_leaves_no_partial_file(tmp_path, monkeypatch):
    out = tmp_path / "digest.md"
    out.write_text("yesterday")

    class Interrupting:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            self.fh.write(data[: len(data) // 2])  # half of it on disk, then Ctrl-C
            raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fdopen", _wrap_writes(Interrupting))
    with pytest.raises(KeyboardInterrupt):
        atomic_write(out, "today " * 10_000)
    assert out.read_text() == "yesterday" and os.listdir(tmp_path) == ["digest.md"]


def _wrap_writes(wrapper):
    """os.fdopen with files opened for writing wrapped (reading is left alone)."""
    real_fdopen = os.fdopen

    def fdopen(fd, mode="r", *args, **kwargs):
        fh = real_fdopen(fd, mode, *args, **kwargs)
        return wrapper(fh) if "w" in mode else fh

    return fdopen


def _in_process(argv, capsys) -> tuple[int, str, str]:
    """The real CLI entry point, in this process (so a fault can be injected by monkeypatch)."""
    with pytest.raises(SystemExit) as done:
        cli.main(argv)
    captured = capsys.readouterr()
    return done.value.code, captured.out, captured.err


@pytest.mark.parametrize(
    "fault,message",
    [
        (OSError(errno.ENOSPC, "No space left on device"), "cannot write: No space left on device"),
        (OSError(errno.EDQUOT, "Disk quota exceeded"), "cannot write: Disk quota exceeded"),
        (OSError(errno.EIO, "Input/output error"), "cannot write: Input/output error"),
    ],
)
def test_a_full_disk_gives_one_line_and_keeps_the_earlier_output(tmp_path, capsys, monkeypatch, fault, message):
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    out = tmp_path / "summary.md"
    out.write_text("yesterday")

    class Failing:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            self.fh.write(data[:100])  # the disk filled up part way
            raise fault

    monkeypatch.setattr(atomic.os, "fdopen", _wrap_writes(Failing))
    code, stdout, stderr = _in_process(["summarize", str(story), "-o", str(out)], capsys)
    assert code == 1
    assert stderr == f"newsdigest: {out}: {message}\n"
    assert out.read_text() == "yesterday"
    assert sorted(os.listdir(tmp_path)) == ["story.txt", "summary.md"]


@pytest.mark.parametrize(
    "fault", [OSError(errno.ENOSPC, "No space left on device"), OSError(errno.EIO, "Input/output error")]
)
def test_a_failing_fsync_or_rename_keeps_the_earlier_output(tmp_path, monkeypatch, fault):
    out = tmp_path / "summary.md"
    out.write_text("yesterday")
    for name in ("fsync", "replace"):
        with monkeypatch.context() as m:
            m.setattr(atomic.os, name, lambda *a, **k: (_ for _ in ()).throw(fault))
            with pytest.raises(OutputError, match=f"cannot write: {fault.strerror}"):
                atomic_write(out, "today")
        assert out.read_text() == "yesterday" and os.listdir(tmp_path) == ["summary.md"]


def test_a_read_only_folder_gives_one_line(tmp_path, capsys, monkeypatch):
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    folder = tmp_path / "published"
    folder.mkdir()
    out = folder / "summary.md"
    out.write_text("yesterday")

    def read_only(*args, **kwargs):  # what mkstemp meets in a read-only folder (root is not stopped by chmod)
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", read_only)
    code, _, stderr = _in_process(["summarize", str(story), "-o", str(out)], capsys)
    assert code == 1
    assert stderr == f"newsdigest: {out}: cannot write in {folder}: Permission denied\n"
    assert out.read_text() == "yesterday"


@pytest.mark.skipif(IS_ROOT, reason="root writes in read-only folders")
def test_a_read_only_folder_for_real(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    folder = tmp_path / "published"
    folder.mkdir()
    out = folder / "summary.md"
    out.write_text("yesterday")
    folder.chmod(0o555)
    try:
        result = run_cli("summarize", str(story), "-o", str(out))
    finally:
        folder.chmod(0o755)
    assert result.returncode == 1
    assert result.stderr.decode() == f"newsdigest: {out}: cannot write in {folder}: Permission denied\n"
    assert out.read_text() == "yesterday"


@pytest.mark.skipif(not IS_ROOT, reason="making a device node needs root")
def test_a_device_target_is_never_replaced(tmp_path):
    # As root, a rename over `-o /dev/null` would replace the device with a regular file.
    node = tmp_path / "null"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    atomic_write(node, "summary")
    assert stat.S_ISCHR(os.stat(node).st_mode)
    assert os.listdir(tmp_path) == ["null"]


@pytest.fixture(scope="module")
def closed_pipe_runs(tmp_path_factory):
    """(exit code, stderr) of runs whose reader goes away at once (`| head -0`) and after one line (`| head -1`)."""
    tmp_path = tmp_path_factory.mktemp("pipe")
    story = tmp_path / "story.txt"
    story.write_text(big_story(5_000))  # its text is far more than a pipe holds (64 KB)
    runs = []
    for lines_read in (0, 1):
        proc = _popen("clean", str(story), "--format", "text", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(lines_read):
            proc.stdout.readline()
        proc.stdout.close()
        stderr = proc.stderr.read()
        proc.wait(timeout=60)
        runs.append((proc.returncode, stderr))
    return runs


def test_a_closed_pipe_ends_quietly(closed_pipe_runs):
    for code, stderr in closed_pipe_runs:
        assert stderr == b""  # no traceback, no "Broken pipe", no "Exception ignored"
        assert code in (0, 141)  # 0: the reader left while the write was under way (Python reports no error then)


def test_a_reader_gone_before_any_output_gives_141(closed_pipe_runs):
    assert closed_pipe_runs[0][0] == 141


def test_a_full_disk_on_standard_output_is_a_clear_error(tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "newsdigest", "summarize", str(story)],
            stdout=full,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            timeout=60,
        )
    assert result.returncode == 1
    assert result.stderr.decode() == "newsdigest: standard output: cannot write: No space left on device\n"
