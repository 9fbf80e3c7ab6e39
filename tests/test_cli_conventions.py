"""The command line the clig.dev way: one-line usage errors, honest help, completion, clear refusals."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import pytest
from conftest import ROOT, SAMPLES, run_cli

STORY = str(SAMPLES / "harbor-bridge-reopens.txt")
COMMANDS = [[], ["summarize"], ["clean"], ["digest"], ["state"], ["state", "prune"], ["state", "info"]]
WIDE = {"COLUMNS": "80"}


@pytest.mark.parametrize(
    "args",
    [
        ["digest", "-n", "0", str(SAMPLES)],
        ["digest", "--jobs", "0", str(SAMPLES)],
        ["digest", "--max-articles", "0", str(SAMPLES)],
        ["summarize", "--keywords", "-1", STORY],
        ["summarize", "-n", "abc", STORY],
        ["summarize", "-n", "0", STORY],
        ["digest", "--max-bytes", "0", str(SAMPLES)],
        ["summarize", "--ratio", "half", STORY],
        ["digest", "--no-such-flag", str(SAMPLES)],
        ["summarize"],
        ["digest", str(SAMPLES), "--group-by", "colour"],
        ["digest", str(SAMPLES), "--format", "pdf"],
        ["nosuchcommand"],
    ],
)
def test_every_usage_error_is_one_line_and_exit_2(args):
    result = run_cli(*args, "--config", "/dev/null") if args[0] == "digest" and len(args) > 1 else run_cli(*args)
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert len(err.splitlines()) == 1 and err.startswith("newsdigest: error: "), err
    assert "Usage:" not in err and "Input should be" not in err and "Traceback" not in err
    assert result.stdout == b""


def test_usage_errors_say_the_value_and_the_option():
    err = run_cli("digest", "-n", "0", str(SAMPLES)).stderr.decode()
    assert err == "newsdigest: error: --sentences (-n) must be at least 1, not 0\n"
    err = run_cli("summarize", "-n", "abc", STORY).stderr.decode()
    assert err == "newsdigest: error: --sentences (-n) must be a whole number, not 'abc'\n"


def _help(command: list[str]) -> str:
    result = run_cli(*command, "--help", env=WIDE)
    assert result.returncode == 0, result.stderr
    return result.stdout.decode()


def _examples(text: str) -> list[str]:
    section = text.split("\nExamples:\n", 1)
    assert len(section) == 2, "no Examples section"
    return [line for line in section[1].splitlines() if line.strip()]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "newsdigest")
def test_help_shows_metavars_and_examples_that_fit(command):
    text = _help(command)
    usage = text.splitlines()[0]
    assert "{" not in usage and "<" not in text.replace("<url>", "")
    assert not re.search(r"\b(list|str|int|float|bool)\b\]?>", text)  # no Python types
    assert not re.search(r"\[x[<>]=", text)  # no Python-style ranges either
    examples = _examples(text)
    wanted = 4 if not command else 2
    assert len(examples) >= wanted
    for line in examples:
        assert len(line) <= 80, line
        words = line.split("#")[0].split()
        path = words[1:3] if words[1] == "state" else words[1:2]
        assert words[0] == "newsdigest" and path[: len(command)] == command, line
        options = [w.split("=")[0] for w in words if w.startswith("-") and w != "-"]
        if options:
            helped = _help(path)
            assert all(re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", helped) for o in options), line


def test_top_level_help_names_every_command_with_an_example_and_mentions_feeds_and_digests():
    text = _help([])
    for name in ("summarize", "clean", "digest", "state"):
        assert re.search(rf"^  {name}\s", text, re.M), name
        assert any(line.split()[1] == name for line in _examples(text)), name
    assert "feeds" in text and "digest" in text.split("Options:")[0]


@pytest.mark.parametrize(
    "shell,marker",
    [("bash", "complete -o default -F"), ("zsh", "#compdef newsdigest"), ("fish", "complete --command newsdigest")],
)
def test_show_completion_for_each_shell(shell, marker):
    result = run_cli("--show-completion", shell, env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"})
    assert result.returncode == 0, result.stderr
    assert marker in result.stdout.decode() and "_NEWSDIGEST_COMPLETE" in result.stdout.decode()


@pytest.mark.parametrize(
    "shell,made",
    [
        ("bash", ".bash_completions/newsdigest.sh"),
        ("zsh", ".zfunc/_newsdigest"),
        ("fish", ".config/fish/completions/newsdigest.fish"),
    ],
)
def test_install_completion_for_each_shell(tmp_path, shell, made):
    env = {"HOME": str(tmp_path), "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    result = run_cli("--install-completion", shell, env=env)
    assert result.returncode == 0, result.stderr
    assert "_NEWSDIGEST_COMPLETE" in (tmp_path / made).read_text()


def test_show_completion_detects_the_calling_shell():
    command = f"'{sys.executable}' -m newsdigest --show-completion"
    result = subprocess.run(["bash", "-c", command], capture_output=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0 and b"complete -o default -F _newsdigest_completion newsdigest" in result.stdout


@pytest.mark.parametrize(
    "shell,env",
    [
        ("bash", {"COMP_WORDS": "newsdigest dig", "COMP_CWORD": "1"}),
        ("zsh", {"_TYPER_COMPLETE_ARGS": "newsdigest dig"}),
        ("fish", {"_TYPER_COMPLETE_ARGS": "newsdigest dig", "_TYPER_COMPLETE_FISH_ACTION": "get-args"}),
    ],
)
def test_completion_completes_commands(shell, env):
    result = run_cli(env={"_NEWSDIGEST_COMPLETE": f"complete_{shell}", **env})
    assert result.returncode == 0 and "digest" in result.stdout.decode()


@pytest.mark.parametrize("command", [["summarize", STORY], ["digest", str(SAMPLES), "--config", "/dev/null"]])
def test_output_with_an_unknown_extension_is_a_usage_error_unless_the_format_is_given(tmp_path, command):
    target = tmp_path / "x.pdf"
    refused = run_cli(*command, "-o", str(target))
    assert refused.returncode == 2 and not target.exists()
    assert refused.stderr.decode().startswith(f"newsdigest: error: -o {target}: unknown extension '.pdf'")
    given = run_cli(*command, "-o", str(target), "--format", "text")
    assert given.returncode == 0, given.stderr
    assert target.read_text(encoding="utf-8").strip()


def test_an_output_folder_that_cannot_be_made_is_one_clear_line(tmp_path):
    (tmp_path / "blocker").write_text("a file where a folder should be")
    out = tmp_path / "blocker" / "digests" / "today.md"
    result = run_cli("digest", str(SAMPLES), "-o", str(out), "--config", "/dev/null")
    err = result.stderr.decode()
    assert result.returncode == 1 and len(err.splitlines()) == 1
    assert err.startswith(f"newsdigest: {out}: cannot create the folder ") and "internal error" not in err


def test_an_output_folder_without_permission_is_one_clear_line(tmp_path, monkeypatch, capsys):
    import os

    from newsdigest.app import commands
    from newsdigest.app.cli import main

    def refuse(path, exist_ok=False):
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(commands.os, "makedirs", refuse)
    out = tmp_path / "new" / "today.md"
    with pytest.raises(SystemExit) as done:
        main(["digest", str(SAMPLES), "-o", str(out), "--config", "/dev/null"])
    err = capsys.readouterr().err
    assert done.value.code == 1 and not os.path.exists(out)
    assert err == f"newsdigest: {out}: cannot create the folder {out.parent}: permission denied ({tmp_path})\n"


@pytest.mark.parametrize(
    "flags,warning",
    [
        (["--to", "me@example.org"], "--to does nothing without --format email"),
        (["--from", "me@example.org"], "--from does nothing without --format email"),
        (["--state", "/tmp/none.sqlite3"], "--state does nothing without --new-only"),
        (["--overwrite"], "--overwrite does nothing without --new-only and -o"),
    ],
)
def test_options_that_do_nothing_alone_say_so(flags, warning):
    result = run_cli("digest", str(SAMPLES), "--format", "text", "--config", "/dev/null", *flags)
    assert result.returncode == 0
    assert result.stderr.decode() == f"newsdigest: warning: {warning}" + result.stderr.decode().split(warning, 1)[1]
    assert len(result.stderr.decode().splitlines()) == 1
    quiet = run_cli("digest", str(SAMPLES), "--format", "text", "--config", "/dev/null", "-q", *flags)
    assert quiet.stderr == b""


def test_from_help_states_the_real_default(monkeypatch):
    import socket

    from newsdigest.render.email_format import default_sender

    text = " ".join(_help(["digest"]).split())
    assert "newsdigest@localhost" in text and "fully qualified host name" in text
    monkeypatch.setattr(socket, "getfqdn", lambda: "not a host name")
    assert default_sender() == "newsdigest <newsdigest@localhost>"


def test_license_is_an_spdx_expression_and_setuptools_can_read_it():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"
    requirement = next(r for r in project["build-system"]["requires"] if r.startswith("setuptools"))
    assert int(re.search(r">=(\d+)", requirement).group(1)) >= 77  # PEP 639 license strings: setuptools 77+


def test_lock_and_empty_files_inside_a_folder_are_skipped(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "story.txt").write_bytes((SAMPLES / "harbor-bridge-reopens.txt").read_bytes())
    (inbox / "state.db.lock").write_bytes(b"")
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "run.lock").write_text("4242\n")
    result = run_cli("digest", str(inbox), "--format", "json", "--config", "/dev/null")
    assert result.returncode == 0 and result.stderr == b""
    import json

    assert json.loads(result.stdout)["counts"]["inputs"] == 1


def test_a_missing_folder_prints_no_empty_digest(tmp_path):
    result = run_cli("digest", str(tmp_path / "missingdir"), "--config", "/dev/null")
    assert result.returncode == 1 and result.stdout == b""
    assert result.stderr.decode() == f"newsdigest: {tmp_path / 'missingdir'}: no such file\n"


def test_readme_crontab_line_names_the_console_script_by_full_path():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = re.search(r"`(\d+ \d+ \* \* \* [^`]+)`", readme)
    assert line, "README: no crontab line"
    command = line.group(1).split()[5]
    assert command.startswith("/") and command.endswith("/.venv/bin/newsdigest"), command
