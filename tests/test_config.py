"""Settings: flags beat NEWSDIGEST_* variables, which beat the config file, which beats defaults."""

from __future__ import annotations

import json
import os

import pytest
from conftest import SAMPLES, run_cli

from newsdigest.app.config import Settings, load_settings, parse_config, resolve, settings_from_env
from newsdigest.errors import UsageError

DEFAULTS = {"algorithm": "news", "sentences": 3, "title": "News digest", "group_by": "none", "jobs": 1, "from": None}


def write(tmp_path, text: str, name: str = "config.toml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_file_gives_settings(tmp_path):
    path = write(tmp_path, 'algorithm = "lead"\nsentences = 2\ngroup_by = "source"\n"from" = "News <n@example.org>"\n')
    settings = load_settings(path, {})
    assert settings.values == {
        "algorithm": "lead",
        "sentences": 2,
        "group_by": "source",
        "from": "News <n@example.org>",
    }
    assert settings.get("from") == "News <n@example.org>" and settings.path == path
    assert settings.get("title") is None  # not set


def test_each_level_of_precedence(tmp_path):
    path = write(tmp_path, 'algorithm = "lead"\nsentences = 2\ntitle = "File"\ngroup_by = "source"\n')
    env = {"NEWSDIGEST_SENTENCES": "4", "NEWSDIGEST_TITLE": "Env", "NEWSDIGEST_GROUP_BY": "day"}
    settings = load_settings(path, env)
    flags = {"title": "Flag", "sentences": None, "algorithm": None, "group_by": None, "jobs": None}
    assert resolve(flags, settings, DEFAULTS) == {
        "title": "Flag",  # flag over env over file
        "sentences": 4,  # env over file (the flag was not given)
        "group_by": "day",  # env over file
        "algorithm": "lead",  # file over default
        "jobs": 1,  # default
        "from": None,
    }
    assert resolve({}, Settings(), DEFAULTS) == DEFAULTS


def test_merged_over_keeps_what_is_set():
    env, file = Settings({"sentences": 4}), Settings({"sentences": 2, "title": "File"}, path="c.toml")
    assert env.merged_over(file) == Settings({"sentences": 4, "title": "File"}, path="c.toml")


def test_missing_default_file_is_fine_but_a_named_missing_file_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))  # platformdirs' config folder on Linux
    assert load_settings(None, {}) == Settings()
    (tmp_path / "newsdigest").mkdir()
    (tmp_path / "newsdigest" / "config.toml").write_text('title = "Mine"\n', encoding="utf-8")
    assert load_settings(None, {}).get("title") == "Mine"
    missing = str(tmp_path / "nope.toml")
    with pytest.raises(UsageError, match="not found") as err:
        load_settings(missing, {})
    assert str(err.value).startswith(missing + ": ")
    with pytest.raises(UsageError, match="not found"):
        load_settings(None, {"NEWSDIGEST_CONFIG": missing})


def test_config_flag_beats_the_config_variable(tmp_path):
    flag, env = write(tmp_path, 'title = "Flag file"\n', "a.toml"), write(tmp_path, 'title = "Env file"\n', "b.toml")
    assert load_settings(flag, {"NEWSDIGEST_CONFIG": env}).get("title") == "Flag file"
    assert load_settings(None, {"NEWSDIGEST_CONFIG": env}).get("title") == "Env file"
    assert load_settings(None, {"NEWSDIGEST_CONFIG": os.devnull}) == Settings(path=os.devnull)  # no settings at all


@pytest.mark.parametrize(
    "text,message",
    [
        ('algorithm = "lead\n', "line 1, column 18: not valid TOML: illegal character"),
        ('algorithm = "lead"\nsentences = [\n', r"line 2 \(the end\): not valid TOML: invalid value"),
        ('algorithm = "lead"\nsentences = 2\nsentences = 3\n', "line 3, column 14: not valid TOML: cannot overwrite"),
        ('algorithm = "lead"\nsentences = "three"\n', 'line 2: sentences must be a whole number, not "three"'),
        ('algorithm = "lead"\n\ncolour = "red"\n', "line 3: unknown setting 'colour'; known: algorithm, "),
        ("[digest]\nsentences = 2\n", "line 1: unknown setting 'digest' .*plain keys at the top"),
        ("jobs = true\n", "line 1: jobs must be a whole number, not true"),
        ("sentences = 2.5\n", "line 1: sentences must be a whole number, not 2.5"),
        ('title = "x"\n\njobs = 0\n', "line 3: jobs must be 1 or more, not 0"),
        ("max_articles = -4\n", "line 1: max_articles must be 1 or more"),
        ("title = 7\n", "line 1: title must be a string"),
        ('group_by = "weekday"\n', "line 1: group_by must be one of: none, source, section, day"),
        ('format = "pdf"\n', "line 1: format must be one of: auto, rich, text"),
        ('algorithm = "magic"\n', "line 1: algorithm is 'magic'; choose one of: news, lead"),
        ('since = "soon"\n', "line 1: since must be an age like 30m"),
        ('output = "digests/{day}.md"\n', "line 1: output 'digests/{day}.md': only {date}"),
        ('sentences = 1\n[sites."x.example"]\ndrop_lines = ["("]\n', "line 3: .*bad regular expression"),
        (
            '[sites."x.example"]\ndrop_lines = ["^Ad"]\nsentences = 2\n',
            "line 3: site 'x.example': unknown key 'sentences'",
        ),
        ('rules = "r.toml"\n[sites."x.example"]\ndrop_lines = ["^Ad"]\n', "line 1: .*not both"),
        ('sites."x.example".drop_lines = ["^Ad"]\n', r'line 1: write per-site rules as \[sites."DOMAIN"\] tables'),
    ],
)
def test_bad_config_names_file_and_line(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(UsageError, match=message) as err:
        load_settings(path, {})
    assert str(err.value).startswith(path + ": line ")
    assert "\n" not in str(err.value)


def test_file_that_is_not_utf8_or_is_a_folder(tmp_path):
    path = tmp_path / "config.toml"
    path.write_bytes(b'title = "ok"\ntitle2 = "caf\xe9"\n')
    with pytest.raises(UsageError, match=r"config.toml: line 2: config file is not UTF-8"):
        load_settings(str(path), {})
    with pytest.raises(UsageError, match="is a folder"):
        load_settings(str(tmp_path), {})


def test_byte_order_mark_is_fine(tmp_path):
    path = tmp_path / "config.toml"
    path.write_bytes('\ufefftitle = "Résumé"\n'.encode())
    assert load_settings(str(path), {}).get("title") == "Résumé"


def test_environment_values_are_parsed_and_checked():
    env = {
        "NEWSDIGEST_SENTENCES": " 2 ",
        "NEWSDIGEST_MAX_BYTES": "1000",
        "NEWSDIGEST_FROM": "n@example.org",
        "NEWSDIGEST_TITLE": "",
    }
    assert settings_from_env(env) == Settings({"sentences": 2, "max_bytes": 1000, "from": "n@example.org"})  # "": unset
    assert settings_from_env({"NEWSDIGEST_UNKNOWN": "x", "HOME": "/root"}) == Settings()


@pytest.mark.parametrize(
    "name,value,message",
    [
        ("NEWSDIGEST_SENTENCES", "abc", "NEWSDIGEST_SENTENCES: must be a whole number, not 'abc'"),
        ("NEWSDIGEST_JOBS", "0", "NEWSDIGEST_JOBS: must be 1 or more, not 0"),
        ("NEWSDIGEST_GROUP_BY", "weekly", "NEWSDIGEST_GROUP_BY: must be one of: none, source"),
        ("NEWSDIGEST_SINCE", "yesterday", "NEWSDIGEST_SINCE: must be an age"),
        ("NEWSDIGEST_FORMAT", "pdf", "NEWSDIGEST_FORMAT: must be one of: auto"),
    ],
)
def test_bad_environment_value_names_the_variable(name, value, message):
    with pytest.raises(UsageError) as err:
        load_settings(os.devnull, {name: value})
    assert str(err.value).startswith(message)


def test_inline_site_rules_are_parsed(tmp_path):
    path = write(
        tmp_path,
        'sentences = 1\n[sites."coastal.example"]\nnames = ["Coastal Gazette"]\ndrop_lines = ["^Advertisement$"]\n',
    )
    settings = load_settings(path, {})
    assert settings.get("sentences") == 1
    rules = settings.site_rules.for_page(None, "Coastal Gazette")
    assert rules.judge_line("Advertisement").startswith("dropped") and rules.judge_line("The ferry sailed.") is None
    assert settings.site_rules.for_page("https://www.coastal.example/a", None) is not None
    assert settings.site_rules.for_page("https://other.example/a", "Other") is None


def test_rules_path_is_read_from_the_config_files_folder(tmp_path):
    path = write(tmp_path, 'rules = "my-rules.toml"\n')
    assert load_settings(path, {}).get("rules") == str(tmp_path / "my-rules.toml")
    path = write(tmp_path, f'rules = "{tmp_path / "elsewhere" / "r.toml"}"\n')
    assert load_settings(path, {}).get("rules") == str(tmp_path / "elsewhere" / "r.toml")
    assert load_settings(os.devnull, {"NEWSDIGEST_RULES": "r.toml"}).get("rules") == "r.toml"  # a variable: as given


def test_parse_config_without_a_file():
    assert parse_config("jobs = 2\n", "inline").values == {"jobs": 2}


def test_precedence_through_the_cli(tmp_path):
    path = write(tmp_path, 'sentences = 2\ntitle = "From the file"\ngroup_by = "source"\n')
    sample = str(SAMPLES / "harbor-bridge-reopens.txt")
    env = {
        "NEWSDIGEST_CONFIG": path,
        "SOURCE_DATE_EPOCH": "1795000000",
        "NEWSDIGEST_SENTENCES": "1",
        "NEWSDIGEST_TITLE": "From env",
    }
    result = run_cli("digest", sample, "--format", "json", "-n", "3", env=env)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["group_by"] == "source"  # the file over the default
    assert doc["title"] == "From env"  # the environment over the file
    assert len(doc["groups"][0]["entries"][0]["sentences"]) == 3  # the flag over the environment


def test_bad_config_through_the_cli_exits_2(tmp_path):
    path = write(tmp_path, 'title = "ok"\nsentences = [\n')
    result = run_cli("digest", str(SAMPLES), "--config", path)
    assert result.returncode == 2
    err = result.stderr.decode()
    assert f"{path}: line 2" in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_the_readme_settings_example_is_valid():
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = re.search(r"### Settings file.*?```toml\n(.*?)```", readme, re.S)
    assert block, "README: the settings file example is gone"
    settings = parse_config(block.group(1), "README.md")
    assert settings.get("sentences") and settings.site_rules is not None
