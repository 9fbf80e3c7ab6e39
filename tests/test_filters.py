"""--include / --exclude: keep or drop whole articles by pattern, in summarize and digest."""

from __future__ import annotations

import json
import os

import pytest
from conftest import run_cli

from newsdigest.app.config import parse_config, settings_from_env
from newsdigest.errors import UsageError
from newsdigest.filters import compile_filter

BASE = {"SOURCE_DATE_EPOCH": "1795000000", "NEWSDIGEST_CONFIG": os.devnull}
STORIES = {
    "vote.txt": (
        "Greyhaven council backs election reform",
        "The Greyhaven council voted 7-2 on Tuesday to move local elections to November, a change the mayor said would "
        "lift turnout. Opponents said the switch would bury town races under national campaigns. The new calendar "
        "starts "
        "in 2027, and the clerk's office will mail every household a notice by spring.",
    ),
    "rocket.txt": (
        "Launch window opens for lunar lander",
        "NASA said on Monday that the launch window for the Pelican lunar lander opens next week, weather permitting. "
        "Engineers finished fuelling tests over the weekend and found no leaks. The lander carries four instruments "
        "built by university teams, including a seismometer meant to listen for moonquakes for two years.",
    ),
    "deal.txt": (
        "Sponsored: the best garden hoses of the year",
        "Our testers watered forty gardens to find the hose that kinks least, and three models stood out from the "
        "rest. "
        "The winner weighs under two kilos and survived being driven over by a car. Prices range from twenty to sixty "
        "dollars, and every model comes with a ten-year warranty against leaks.",
    ),
}


def write_inbox(folder) -> list[str]:
    folder.mkdir(exist_ok=True)
    for name, (title, body) in STORIES.items():
        (folder / name).write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return [str(folder / name) for name in STORIES]


def test_include_any_and_exclude_none():
    keep = compile_filter(include=["election", "lander"], exclude=["sponsored"])
    assert keep.keeps("Council backs election reform", "text")
    assert keep.keeps(None, "the lunar LANDER flies")  # story text, and case-insensitive
    assert not keep.keeps("Sponsored: election hoses", "")  # an exclude wins over an include
    assert not keep.keeps("Garden hoses", "nothing else")  # matches no include
    assert compile_filter().keeps("anything", "at all") and not compile_filter()


def test_a_scoped_flag_group_makes_a_pattern_case_sensitive():
    keep = compile_filter(include=["(?-i:NASA)"])
    assert keep.keeps(None, "NASA said on Monday")
    assert not keep.keeps(None, "Nasa said on Monday")


def test_a_bad_pattern_is_a_usage_error():
    with pytest.raises(UsageError, match=r"--exclude '\(': not a valid regular expression"):
        compile_filter(exclude=["("])


def test_summarize_prints_only_matching_articles(tmp_path):
    paths = write_inbox(tmp_path / "in")
    result = run_cli("summarize", *paths, "--format", "json", "--exclude", "sponsored", "--exclude", "lander")
    assert result.returncode == 0, result.stderr  # a filtered-out file is not a failure
    docs = json.loads(result.stdout)
    docs = docs if isinstance(docs, list) else [docs]
    assert [d["title"] for d in docs] == ["Greyhaven council backs election reform"]
    assert result.stderr == b""


def test_summarize_with_nothing_left_prints_nothing_and_succeeds(tmp_path):
    paths = write_inbox(tmp_path / "in")
    result = run_cli("summarize", *paths, "--format", "text", "--include", "no such words anywhere")
    assert result.returncode == 0 and result.stdout == b""


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_digest_counts_the_filtered_articles(tmp_path, fmt):
    write_inbox(tmp_path / "in")
    result = run_cli("digest", str(tmp_path / "in"), "--format", fmt, "--exclude", "^sponsored", env=BASE)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert "garden hoses" not in out.lower().replace("&#x27;", "'")
    if fmt == "json":
        doc = json.loads(out)
        assert doc["counts"]["filtered"] == 1 and doc["counts"]["inputs"] == 3 and doc["counts"]["entries"] == 2
    else:
        assert "2 stories from 3 articles" in out and "1 filtered out" in out


def test_digest_include_with_several_patterns(tmp_path):
    write_inbox(tmp_path / "in")
    result = run_cli(
        "digest", str(tmp_path / "in"), "--format", "json", "--include", "election", "--include", "(?-i:NASA)", env=BASE
    )
    doc = json.loads(result.stdout)
    titles = sorted(e["title"] for g in doc["groups"] for e in g["entries"])
    assert titles == ["Greyhaven council backs election reform", "Launch window opens for lunar lander"]
    assert doc["counts"]["filtered"] == 1


def test_bad_regex_on_the_command_line_is_one_line_and_exit_2(tmp_path):
    write_inbox(tmp_path / "in")
    for command in ("summarize", "digest"):
        target = str(tmp_path / "in" / "vote.txt") if command == "summarize" else str(tmp_path / "in")
        result = run_cli(command, target, "--include", "[unclosed", env=BASE)
        assert result.returncode == 2
        err = result.stderr.decode().strip().splitlines()
        assert len(err) == 1 and "--include '[unclosed': not a valid regular expression" in err[0]
        assert result.stdout == b""


def test_config_and_environment_give_pattern_lists(tmp_path):
    settings = parse_config(
        'include = ["election", "lander"]\nexclude = ["sponsored"]\nskip_paywalled = true\n', "c.toml"
    )
    assert (
        settings.get("include") == ("election", "lander")
        and settings.get("exclude") == ("sponsored",)
        and settings.get("skip_paywalled") is True
    )
    env = settings_from_env({"NEWSDIGEST_EXCLUDE": "sponsored\nhoroscope\n", "NEWSDIGEST_SKIP_PAYWALLED": "no"})
    assert env.get("exclude") == ("sponsored", "horoscope") and env.get("skip_paywalled") is False
    with pytest.raises(UsageError, match="line 1: include must be a list of strings"):
        parse_config('include = "election"\n', "c.toml")
    with pytest.raises(UsageError, match=r"line 2: exclude '\(' is not a valid regular expression"):
        parse_config('title = "x"\nexclude = ["("]\n', "c.toml")


def test_flags_replace_the_config_files_patterns(tmp_path):
    write_inbox(tmp_path / "in")
    config = tmp_path / "config.toml"
    config.write_text('exclude = ["lander", "election"]\n', encoding="utf-8")
    env = {**BASE, "NEWSDIGEST_CONFIG": str(config)}
    doc = json.loads(run_cli("digest", str(tmp_path / "in"), "--format", "json", env=env).stdout)
    assert doc["counts"]["filtered"] == 2
    doc = json.loads(
        run_cli("digest", str(tmp_path / "in"), "--format", "json", "--exclude", "sponsored", env=env).stdout
    )
    assert doc["counts"]["filtered"] == 1
    doc = json.loads(
        run_cli("digest", str(tmp_path / "in"), "--format", "json", env={**env, "NEWSDIGEST_EXCLUDE": "hoses"}).stdout
    )
    assert doc["counts"]["filtered"] == 1  # the environment over the file
