"""The one sanitizer: each mode, and the one rule for lone surrogates that they all follow."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from conftest import run_cli

from newsdigest.textsafe import json_safe, one_line, path_line, safe_text, strip_controls, visible_path

PACKAGE = Path(__file__).resolve().parent.parent / "newsdigest"


def test_safe_text_removes_escapes_and_controls_and_keeps_line_breaks():
    assert safe_text("a\x1b[31mb\x1b]0;title\x07c\r\nd\x0ce\tf\x00\u202eg") == "abc\nd\ne\tfg"


def test_visible_path_shows_what_it_would_remove():
    assert visible_path("esc-\x1b[2J\nbytes-\udcff-\ud800.txt") == "esc-\\x1b[2J\\x0abytes-\\xff-\\ud800.txt"


def test_json_safe_escapes_without_changing_the_value():
    dumped = json.dumps({"p": "a\u2028b\x85c\u202ed\udcff"}, ensure_ascii=False)
    safe = json_safe(dumped)
    assert json.loads(safe) == json.loads(dumped) and safe.isascii()


@pytest.mark.parametrize("text", ["lone \ud800 high", "lone \udfff low", "byte \udcff from a name"])
def test_every_text_mode_makes_a_lone_surrogate_the_replacement_character(text):
    expected = re.sub("[\ud800-\udfff]", "\ufffd", text)
    assert safe_text(text) == one_line(text) == path_line(text) == expected


def test_a_pair_written_as_two_code_points_is_joined_in_every_text_mode():
    assert safe_text("a \ud83d\ude00") == one_line("a \ud83d\ude00") == "a \U0001f600"


def test_one_line_and_path_line_turn_odd_whitespace_into_spaces():
    assert one_line(" a\x1c b\x85\u2028c ") == "a b c"
    assert path_line("my  file\x1c.txt") == "my  file .txt"
    assert strip_controls("a\x1cb") == "ab"  # the line-keeping mode drops it instead


def test_no_module_but_textsafe_spells_the_escape_regex():
    spelled = [p.name for p in PACKAGE.rglob("*.py") if r"\x1b\[[0-?]*[ -/]*[@-~]" in p.read_text("utf-8")]
    assert spelled == ["textsafe.py"]


def test_a_digest_shows_a_file_name_that_is_not_utf8_with_the_replacement_character(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    story = "Harbor bridge reopens\n\nThe harbor bridge reopened on Friday after 14 months of repairs, the city said.\n"
    with open(os.fsencode(str(folder)) + b"/bridge-\xff.txt", "w") as fh:
        fh.write(story)
    for fmt in ("text", "json", "markdown", "html"):
        result = run_cli("digest", str(folder), "--format", fmt, "--config", "/dev/null")
        assert result.returncode == 0, result.stderr
        out = result.stdout.decode("utf-8")  # strict: no lone surrogate reached the output
        assert "bridge-\ufffd.txt" in out, fmt
