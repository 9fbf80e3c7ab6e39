"""The README's commands exist: every `newsdigest COMMAND --option` it shows is in that command's help."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import run_cli

README = Path(__file__).resolve().parent.parent / "README.md"


def _examples() -> list[tuple[str, list[str]]]:
    found = []
    for block in re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S):
        for line in block.splitlines():
            line = line.split("#", 1)[0]
            for segment in line.split("|"):
                words = segment.split()
                if len(words) >= 2 and words[0] == "newsdigest" and not words[1].startswith("-"):
                    command = words[1]
                    if len(words) >= 3 and words[1] == "state":
                        command = "state " + words[2]
                    options = [w.split("=")[0] for w in words[2:] if w.startswith("-") and w != "-"]
                    found.append((command, options))
    return found


EXAMPLES = _examples()


def test_the_readme_shows_the_setup_commands():
    text = README.read_text(encoding="utf-8")
    assert "make demo" in text and "make test" in text
    assert EXAMPLES


@pytest.mark.parametrize("command,options", EXAMPLES, ids=[f"{c} {' '.join(o)}" for c, o in EXAMPLES])
def test_readme_commands_and_options_exist(command, options):
    result = run_cli(*command.split(), "--help")
    assert result.returncode == 0, result.stderr
    help_text = result.stdout.decode()
    for option in options:
        assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", help_text), f"{command} {option}"
