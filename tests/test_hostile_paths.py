"""Hostile input, special paths: anything that is not a readable regular file gives one clear line, never a hang.

Directories, FIFOs, devices, symlink loops, missing and unreadable files, odd
names, and files that vanish or change while being read; on the output side,
-o into a symlink, a FIFO, a device or a place where no file can be made.
"""

from __future__ import annotations

import json
import os
import threading

import pytest
from conftest import run_cli, run_process

from newsdigest import loading
from newsdigest.api import clean_file, each_input
from newsdigest.errors import InputError
from newsdigest.models import Failure

STORY = (
    "Harbor bridge reopens after repairs\n\n"
    "The Marrow Point harbor bridge reopened on Friday after a 14-month closure, the transit authority said.\n\n"
    "Crews replaced 212 corroded cables and resurfaced the deck at a cost of $48.5 million.\n"
)
FIRST = "The Marrow Point harbor bridge reopened on Friday after a 14-month closure, the transit authority said."
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def run_in(cwd, *args: str, input: bytes | None = None):
    """run_cli, from another working folder (relative names as a user types them)."""
    return run_cli(*args, input=input, cwd=cwd)


def _special_inputs(tmp_path):
    """(path, expected message) for every kind of input that is not a readable regular file."""
    folder = tmp_path / "folder"
    folder.mkdir()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    loop_a, loop_b = tmp_path / "loop-a", tmp_path / "loop-b"
    os.symlink(loop_b, loop_a)
    os.symlink(loop_a, loop_b)
    self_loop = tmp_path / "self"
    os.symlink(self_loop, self_loop)
    dangling = tmp_path / "dangling"
    os.symlink(tmp_path / "gone.txt", dangling)
    to_folder = tmp_path / "link-to-folder"
    os.symlink(folder, to_folder)
    under_file = tmp_path / "story.txt"
    under_file.write_text(STORY)
    return [
        (str(folder), "is a directory, not a file (use `newsdigest digest` for folders)"),
        (str(to_folder), "is a directory, not a file (use `newsdigest digest` for folders)"),
        (str(fifo), "is a FIFO, not a regular file"),
        ("/dev/zero", "is a device, not a regular file"),
        ("/dev/null", "is a device, not a regular file"),
        ("/dev/urandom", "is a device, not a regular file"),
        (str(loop_a), "too many levels of symbolic links"),
        (str(self_loop), "too many levels of symbolic links"),
        (str(dangling), "no such file"),
        (str(tmp_path / "missing.txt"), "no such file"),
        (str(under_file / "child.txt"), "Not a directory"),
        ("", "no such file"),
    ]


@pytest.mark.parametrize("command", ["summarize", "clean"])
def test_special_inputs_give_one_line_each_and_never_hang(tmp_path, command):
    cases = _special_inputs(tmp_path)
    good = tmp_path / "story.txt"
    # timeout: a FIFO without a writer or /dev/zero read to the end would hang here.
    result = run_cli(command, *[p for p, _ in cases], str(good), "--format", "jsonl", timeout=60)
    assert result.returncode == 1
    assert [json.loads(line)["path"] for line in result.stdout.decode().splitlines()] == [str(good)]
    assert result.stderr.decode().splitlines() == [f"newsdigest: {p}: {m}" for p, m in cases]


def test_special_inputs_raise_input_error_in_the_api(tmp_path):
    for path, message in _special_inputs(tmp_path):
        with pytest.raises(InputError) as err:
            clean_file(path)
        assert err.value.message == message


def test_a_fifo_with_a_writer_is_still_refused(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: _write_to_fifo(fifo), daemon=True)
    writer.start()
    with pytest.raises(InputError, match="is a FIFO"):
        loading.load(str(fifo))
    writer.join(timeout=5)


def _write_to_fifo(fifo):
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:  # no reader (the loader already refused it): nothing to write to
        return
    try:
        os.write(fd, STORY.encode())
    except OSError:
        pass
    finally:
        os.close(fd)


@pytest.mark.skipif(IS_ROOT, reason="root reads files whatever their mode")
def test_an_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(STORY)
    path.chmod(0)
    result = run_cli("summarize", str(path))
    assert result.returncode == 1
    assert result.stderr.decode() == f"newsdigest: {path}: permission denied\n"


def test_an_unreadable_file_in_the_api(tmp_path, monkeypatch):
    # The same path as chmod 000 for a user who is not root: open() says EACCES.
    path = tmp_path / "secret.txt"
    path.write_text(STORY)
    real_open = os.open

    def denied(name, flags, *args, **kwargs):
        if os.fspath(name) == str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(loading.os, "open", denied)
    with pytest.raises(InputError) as err:
        clean_file(path)
    assert str(err.value) == f"{path}: permission denied"


ODD_NAMES = [
    "with spaces .txt",
    "ünïcødé 新闻 новости.txt",
    "-n",
    "--help",
    "-",
    "'quotes\" and $dollar;.txt",
    "  leading spaces.txt",
]


def test_odd_file_names_after_double_dash(tmp_path):
    paths = []
    for name in ODD_NAMES:
        path = tmp_path / name
        path.write_text(STORY.replace("Friday", f"Friday ({name})"))
        paths.append(path)
    # Relative names, as a user types them: "--" ends the options, so "-n" and "--help" are files.
    result = run_in(
        tmp_path, "summarize", "--format", "jsonl", "-a", "lead", "--", *[p.name for p in paths if p.name != "-"]
    )
    assert result.returncode == 0, result.stderr
    items = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [i["path"] for i in items] == [p.name for p in paths if p.name != "-"]
    for item in items:
        assert " ".join(f"({item['path']})".split()) in item["summary"]
    # "-" is standard input; a file of that name is read as "./-".
    result = run_in(
        tmp_path,
        "summarize",
        "--format",
        "json",
        "-a",
        "lead",
        "./-",
        "-",
        input=b"From stdin. It has two sentences.\n",
    )
    assert result.returncode == 0, result.stderr
    dash_file, stdin = json.loads(result.stdout)
    assert "(-)" in dash_file["summary"] and stdin["path"] == "-"


def test_a_leading_dash_without_double_dash_is_an_option(tmp_path):
    (tmp_path / "-x").write_text(STORY)
    result = run_in(tmp_path, "summarize", "-x")
    assert result.returncode == 2  # an unknown option, and a usage error says so
    assert result.stderr.startswith(b"newsdigest: error: no such option: -x") and b"Traceback" not in result.stderr


def test_a_file_that_vanishes_between_listing_and_reading(tmp_path):
    paths = []
    for n in range(3):
        path = tmp_path / f"story-{n}.txt"
        path.write_text(STORY)
        paths.append(str(path))

    def job(path):
        if path == paths[0]:
            os.unlink(paths[1])  # gone after the listing, before its turn
        return clean_file(path)

    results = list(each_input(paths, job))
    assert isinstance(results[1], Failure) and results[1].reason == "no such file"
    assert results[0].paragraphs[0] == FIRST and results[2].paragraphs[0] == FIRST


def test_a_file_that_vanishes_just_before_open(tmp_path, monkeypatch):
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    real_open = os.open

    def racing_open(name, flags, *args, **kwargs):
        if os.fspath(name) == str(path) and path.exists():
            path.unlink()  # another process removed it between our check and our open
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(loading.os, "open", racing_open)
    with pytest.raises(InputError, match="no such file"):
        loading.load(str(path))


def test_a_file_that_grows_past_the_limit_while_read(tmp_path, monkeypatch):
    path = tmp_path / "growing.txt"
    path.write_text(STORY * 100)
    real_fstat = os.fstat

    class Small:  # fstat saw the file small; it is big by the time it is read
        def __init__(self, st):
            self._st = st

        def __getattr__(self, name):
            return 10 if name == "st_size" else getattr(self._st, name)

    monkeypatch.setattr(loading.os, "fstat", lambda fd: Small(real_fstat(fd)))
    with pytest.raises(InputError, match=r"too large \(more than 1,000 bytes; the limit is 1,000,"):
        loading.load(str(path), max_bytes=1000)


def test_a_digest_folder_with_a_vanished_file_goes_on(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(STORY)
    os.symlink(inbox / "deleted.txt", inbox / "b.txt")  # listed, gone when read
    (inbox / "c.txt").write_text(STORY.replace("Marrow Point", "Keel Bay"))
    result = run_cli(
        "digest", str(inbox), "--format", "json", "--config", "/dev/null", "--state", str(tmp_path / "state")
    )
    assert result.returncode == 1
    assert f"{inbox / 'b.txt'}: no such file" in result.stderr.decode()
    assert b"Traceback" not in result.stderr


# -- output paths -----------------------------------------------------------------


def test_output_through_a_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "site" / "summary.md"
    real.parent.mkdir()
    real.write_text("yesterday")
    link = tmp_path / "latest.md"
    os.symlink(real, link)
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    result = run_cli("summarize", str(story), "-o", str(link))
    assert result.returncode == 0, result.stderr
    assert os.path.islink(link)
    assert real.read_text().startswith("## Harbor bridge reopens")
    assert sorted(os.listdir(real.parent)) == ["summary.md"]


def test_output_into_a_fifo_is_written_through(tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    # Our read end is open (without blocking) before the CLI opens the FIFO to write;
    # the output is far less than the pipe holds, so it waits there until we read it.
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        result = run_cli("summarize", str(story), "-o", str(fifo), "--format", "text", timeout=60)
        got = os.read(reader, 1 << 16)
    finally:
        os.close(reader)
    assert result.returncode == 0, result.stderr
    assert os.path.exists(fifo) and not os.path.isfile(fifo)  # still a FIFO, not replaced by a file
    assert got.startswith(b"Harbor bridge reopens")


def test_output_to_standard_output_by_name(tmp_path):
    # `-o /dev/stdout`, through a link of our own to it (so a broken build cannot harm /dev).
    link = tmp_path / "stdout"
    os.symlink("/proc/self/fd/1", link)
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    result = run_process("summarize", str(story), "-o", str(link), "--format", "text")  # fd 1 must be real
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"Harbor bridge reopens")
    assert os.path.islink(link)


def test_output_to_a_full_device_is_a_clear_error(tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    link = tmp_path / "full"
    os.symlink("/dev/full", link)
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    result = run_cli("summarize", str(story), "-o", str(link))
    assert result.returncode == 1
    assert result.stderr.decode() == f"newsdigest: {link}: cannot write: No space left on device\n"


@pytest.mark.parametrize(
    "target,message",
    [
        ("{tmp}/no/such/folder/out.md", "folder {tmp}/no/such/folder does not exist"),
        ("{tmp}", "is a directory; give a file name for the output"),
        ("/proc/out.md", "cannot write in /proc: no files can be created there"),
    ],
)
def test_output_where_no_file_can_be_made(tmp_path, target, message):
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    target = target.format(tmp=tmp_path)
    result = run_cli("summarize", str(story), "-o", target)
    assert result.returncode == 1
    assert result.stderr.decode() == f"newsdigest: {target}: {message.format(tmp=tmp_path)}\n"
