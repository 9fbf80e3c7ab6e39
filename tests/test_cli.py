"""The summarize and clean commands end to end, through a real subprocess (as scripts use them)."""

from __future__ import annotations

import json
import os

import pytest
from conftest import SAMPLES, run_cli

ESC = b"\x1b"
ALGORITHMS = ["lead", "lexrank", "lsa", "luhn", "textrank", "kl", "sumbasic", "edmundson", "reduction"]


def test_seed_summary_matches_the_issue(seed):
    result = run_cli("summarize", str(seed), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "Beijing ready to cooperate on Internet security"
    assert data["date"] == "2014-11-20"
    assert data["publisher"] == "China Daily"
    assert data["authors"] == ["Cao Yin"]
    assert len(data["sentences"]) == 3
    summary = data["summary"]
    for boilerplate in (
        "World Internet Conference\n",
        "By Cao Yin",
        "Hot Topics",
        "Editor's Picks",
        "scheduled to end The conference",
    ):
        assert boilerplate not in summary
    indexes = [s["index"] for s in data["sentences"]]
    assert indexes == sorted(indexes)
    assert set(data) >= {
        "schema_version",
        "path",
        "title",
        "authors",
        "publisher",
        "section",
        "date",
        "language",
        "encoding",
        "algorithm",
        "sentences",
        "summary",
        "stats",
    }
    assert set(data["stats"]) == {"sentences_in", "words_in", "words_out"}
    assert data["encoding"] == "utf-8" and data["language"] == "en"


def test_piped_output_has_no_escape_codes(sample):
    result = run_cli("summarize", str(sample))
    assert result.returncode == 0
    assert ESC not in result.stdout and ESC not in result.stderr
    first_line = result.stdout.decode().splitlines()[0]
    assert first_line == "Marrow Point harbor bridge reopens after 14-month repair"


def test_rich_format_styles_only_when_colour_is_allowed(sample):
    styled = run_cli("summarize", str(sample), "--format", "rich")
    assert ESC in styled.stdout
    for plain in (
        run_cli("summarize", str(sample), "--format", "rich", env={"NO_COLOR": "1"}),
        run_cli("summarize", str(sample), "--format", "rich", "--no-color"),
    ):
        assert plain.returncode == 0 and ESC not in plain.stdout
        assert b"Marrow Point harbor bridge" in plain.stdout


def test_piped_text_is_not_hard_wrapped(sample):
    out = run_cli("summarize", str(sample), "--format", "text").stdout.decode()
    summary_line = out.split("\n\n", 1)[1].splitlines()[0]
    assert len(summary_line) > 120


def test_several_files_give_a_json_array_and_jsonl_lines(sample):
    files = [str(sample), str(SAMPLES / "clean-story.txt"), str(SAMPLES / "river-festival.html")]
    array = json.loads(run_cli("summarize", *files, "--format", "json").stdout)
    assert [d["path"] for d in array] == files
    lines = run_cli("summarize", *files, "--format", "jsonl").stdout.decode().splitlines()
    assert [json.loads(line)["path"] for line in lines] == files


def test_stdin_is_read_for_dash_and_html_is_sniffed_by_content():
    page = (SAMPLES / "river-festival.html").read_bytes()
    result = run_cli("summarize", "-", "--format", "json", input=page)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["path"] == "-" and data["format"] == "html"
    assert data["title"] == "Thousands line the Alder River for 40th lantern festival"


@pytest.mark.parametrize(
    "args,check",
    [
        (["-n", "5"], lambda d: len(d["sentences"]) == 5),
        (["--sentences", "1"], lambda d: len(d["sentences"]) == 1),
        (["--ratio", "0.5"], lambda d: len(d["sentences"]) == -(-d["stats"]["sentences_in"] // 2)),
        (["--words", "60"], lambda d: 0 < d["stats"]["words_out"] <= 60),
        (["--chars", "300"], lambda d: 0 < len(d["summary"]) <= 300),
        (["-n", "500"], lambda d: len(d["sentences"]) == d["stats"]["sentences_in"]),
    ],
)
def test_length_options(sample, args, check):
    result = run_cli("summarize", str(sample), "--format", "json", *args)
    assert result.returncode == 0, result.stderr
    assert check(json.loads(result.stdout))


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_algorithm_runs_offline_and_keeps_document_order(sample, algorithm, tmp_path):
    # An empty HOME and NLTK_DATA: nothing may rely on downloaded NLTK data.
    env = {"HOME": str(tmp_path), "NLTK_DATA": str(tmp_path / "none")}
    result = run_cli("summarize", str(sample), "--algorithm", algorithm, "--format", "json", env=env)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["algorithm"] == algorithm
    indexes = [s["index"] for s in data["sentences"]]
    assert len(indexes) == 3 and indexes == sorted(indexes)


def test_clean_prints_the_story_and_json_lists_removed_blocks(seed):
    text = run_cli("clean", str(seed)).stdout.decode()
    assert text.startswith("China is ready to work with other countries")
    assert "Hot Topics" not in text and "By Cao Yin" not in text
    data = json.loads(run_cli("clean", str(seed), "--format", "json").stdout)
    assert data["text"] == text.rstrip("\n")
    assert data["paragraphs"][0].startswith("China is ready")
    reasons = {r["text"]: r["reason"] for r in data["removed"]}
    assert "byline" in reasons["By Cao Yin (China Daily) Updated: 2014-11-20 07:00"]
    assert "Hot Topics" in reasons


def test_clean_show_removed_lists_reasons(seed):
    out = run_cli("clean", str(seed), "--show-removed", "--format", "text").stdout.decode()
    assert "--- removed ---" in out and "[byline] By Cao Yin" in out


def test_a_bad_file_is_reported_and_the_rest_still_processed(sample, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    png = tmp_path / "picture.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    result = run_cli(
        "summarize",
        str(tmp_path / "missing.txt"),
        str(empty),
        str(sample),
        str(png),
        str(tmp_path),
        "--format",
        "jsonl",
    )
    assert result.returncode == 1
    assert len(result.stdout.decode().splitlines()) == 1
    errors = result.stderr.decode().splitlines()
    assert errors == [
        f"newsdigest: {tmp_path / 'missing.txt'}: no such file",
        f"newsdigest: {empty}: empty file",
        f"newsdigest: {png}: not text (looks like a PNG image)",
        f"newsdigest: {tmp_path}: is a directory, not a file (use `newsdigest digest` for folders)",
    ]
    assert b"Traceback" not in result.stderr


def test_quiet_hides_failures_but_not_the_exit_code(tmp_path):
    result = run_cli("summarize", str(tmp_path / "missing.txt"), "-q")
    assert result.returncode == 1 and result.stderr == b""


@pytest.mark.parametrize(
    "args",
    [
        ["summarize", "x.txt", "--algorithm", "nope"],
        ["summarize", "x.txt", "--format", "yaml"],
        ["summarize", "x.txt", "--ratio", "1.5"],
        ["summarize", "x.txt", "-n", "0"],
        ["summarize"],
        ["frobnicate"],
        ["summarize", "x.txt", "--no-such-option"],
    ],
)
def test_usage_errors_exit_2_without_traceback(args):
    result = run_cli(*args)
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr and result.stderr.strip()


def test_output_file_is_written_atomically_and_format_follows_extension(sample, tmp_path):
    target = tmp_path / "out.json"
    result = run_cli("summarize", str(sample), "-o", str(target))
    assert result.returncode == 0 and result.stdout == b""
    assert json.loads(target.read_text())["title"].startswith("Marrow Point")
    md = tmp_path / "out.md"
    run_cli("summarize", str(sample), "-o", str(md))
    assert md.read_text().startswith("## Marrow Point")
    assert sorted(os.listdir(tmp_path)) == ["out.json", "out.md"]  # no temporary files left behind


def test_output_into_a_missing_folder_is_a_clear_error(sample, tmp_path):
    result = run_cli("summarize", str(sample), "-o", str(tmp_path / "no" / "such" / "out.md"))
    assert result.returncode != 0
    assert b"does not exist" in result.stderr and b"Traceback" not in result.stderr


def test_closed_pipe_ends_quietly(tmp_path):
    import subprocess
    import sys

    files = [str(SAMPLES / "clean-story.txt")] * 40
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsdigest", "summarize", "-a", "lead", *files],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read()
    proc.wait(timeout=60)
    assert b"Traceback" not in stderr and b"Broken pipe" not in stderr


def test_python_dash_m_matches_the_console_script():
    import shutil
    import subprocess

    module = run_cli("--help")
    assert module.returncode == 0 and b"summarize" in module.stdout
    script = shutil.which("newsdigest", path=os.path.dirname(__import__("sys").executable))
    if script:
        direct = subprocess.run([script, "--help"], capture_output=True)
        assert direct.stdout == module.stdout


def test_every_command_has_help_with_an_example():
    top = run_cli("--help").stdout.decode()
    commands = [
        line.split()[0]
        for line in top.split("Commands")[1].split("Examples")[0].splitlines()
        if line.strip() and line.strip()[0].isalpha()
    ]
    commands = [c for c in commands if c.isalpha()]
    assert "summarize" in commands and "clean" in commands
    for command in commands:
        text = run_cli(command, "--help").stdout.decode()
        assert "Example" in text, command


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.decode().startswith("newsdigest ")
