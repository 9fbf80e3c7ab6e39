"""Settings: flags beat NEWSDIGEST_* variables, which beat the config file, which beats defaults."""

from __future__ import annotations

import json
import os

import pytest

from conftest import SAMPLES, run_cli
from newsdigest.config import load_settings
from newsdigest.errors import UsageError


def write(tmp_path, text: str):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_file_then_environment(tmp_path):
    path = write(tmp_path, 'algorithm = "lead"\nsentences = 2\ngroup_by = "source"\n')
    assert load_settings(path, {}) == {"algorithm": "lead", "sentences": 2, "group_by": "source"}
    env = {"NEWSDIGEST_ALGORITHM": "lexrank", "NEWSDIGEST_SENTENCES": "4"}
    assert load_settings(path, env) == {"algorithm": "lexrank", "sentences": 4, "group_by": "source"}


def test_missing_default_file_is_fine_but_missing_explicit_file_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))  # platformdirs' config folder on Linux
    assert load_settings(None, {}) == {}
    (tmp_path / "newsdigest").mkdir()
    (tmp_path / "newsdigest" / "config.toml").write_text('title = "Mine"\n', encoding="utf-8")
    assert load_settings(None, {}) == {"title": "Mine"}
    with pytest.raises(UsageError, match="not found"):
        load_settings(str(tmp_path / "nope.toml"), {})
    with pytest.raises(UsageError, match="not found"):
        load_settings(None, {"NEWSDIGEST_CONFIG": str(tmp_path / "nope.toml")})


@pytest.mark.parametrize(
    "text,message",
    [
        ('algorithm = "lead"\nsentences = "three"\n', "line 2: sentences must be a whole number"),
        ('algorithm = "lead"\n\ncolour = "red"\n', "line 3: unknown setting 'colour'"),
        ('algorithm = "lead\n', "not valid TOML: .*line 1"),
        ('jobs = true\n', "line 1: jobs must be a whole number"),
        ('[sites."x.example"]\ndrop_lines = ["("]\n', "line 2: .*bad regular expression"),
        ('rules = "r.toml"\n[sites."x.example"]\ndrop_lines = ["^Ad"]\n', "line 1: .*not both"),
    ],
)
def test_bad_config_names_file_and_line(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(UsageError, match=message) as err:
        load_settings(path, {})
    assert str(err.value).startswith(path)


def test_bad_environment_value():
    with pytest.raises(UsageError, match="NEWSDIGEST_JOBS"):
        load_settings(os.devnull, {"NEWSDIGEST_JOBS": "many"})


def test_inline_site_rules_are_parsed(tmp_path):
    path = write(tmp_path, 'sentences = 1\n[sites."coastal.example"]\nnames = ["Coastal Gazette"]\ndrop_lines = ["^Advertisement$"]\n')
    settings = load_settings(path, {})
    assert settings["sentences"] == 1 and settings["site_rules"].for_page(None, "Coastal Gazette") is not None


def test_precedence_through_the_cli(tmp_path):
    path = write(tmp_path, 'sentences = 2\ntitle = "From the file"\n')
    sample = str(SAMPLES / "harbor-bridge-reopens.txt")
    base = {"NEWSDIGEST_CONFIG": path, "SOURCE_DATE_EPOCH": "1795000000"}

    def run(*args, env=None):
        result = run_cli("digest", sample, "--format", "json", *args, env={**base, **(env or {})})
        assert result.returncode == 0, result.stderr
        doc = json.loads(result.stdout)
        return doc["title"], len(doc["groups"][0]["entries"][0]["sentences"])

    assert run() == ("From the file", 2)
    assert run(env={"NEWSDIGEST_SENTENCES": "1", "NEWSDIGEST_TITLE": "From env"}) == ("From env", 1)
    assert run("-n", "3", "--title", "From flag", env={"NEWSDIGEST_SENTENCES": "1"}) == ("From flag", 3)


def test_bad_config_through_the_cli_exits_2(tmp_path):
    path = write(tmp_path, "sentences = [\n")
    result = run_cli("digest", str(SAMPLES), "--config", path)
    assert result.returncode == 2
    assert path in result.stderr.decode() and len(result.stderr.decode().strip().splitlines()) == 1
