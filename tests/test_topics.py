"""--group-by topic: reports of one event by different outlets under one heading, named by their key terms."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from conftest import FIXTURES, run_cli

from newsdigest.digest import DigestOptions, make_digest
from newsdigest.digest.topics import OTHER, group_topics, topic_terms

STORIES = FIXTURES / "topics" / "stories"
BASE = {"SOURCE_DATE_EPOCH": "1795000000", "NEWSDIGEST_CONFIG": os.devnull}


def inbox(tmp_path, *names: str):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in names:
        shutil.copy(STORIES / name, folder / name)
    return folder


def groups_of(digest) -> dict[str, list[str]]:
    return {g.name: [os.path.basename(e.sources[0].path) for e in g.entries] for g in digest.groups}


def test_terms_are_names_figures_and_key_phrases():
    terms = topic_terms(
        "Two ferries collide in Keel Bay fog",
        "Captain Ruth Adebayo of the Coast Guard said 14 people were hurt. The Saltwind, operated by Harbor Lines, "
        "struck a shuttle at 7:40 a.m., and repairs will cost $1,250,000 in 2025.",
        "en",
    )
    lowered = {t.lower() for t in terms}
    assert {"ruth adebayo", "adebayo", "harbor lines", "keel bay", "saltwind", "1250000"} <= lowered
    assert "captain" not in lowered and "2025" not in lowered and "14" not in lowered  # a title; a year; a small number
    assert "two" not in lowered  # a capitalised word opening a sentence is no name on its own


def test_reports_of_one_event_group_and_other_events_do_not(tmp_path):
    folder = inbox(tmp_path, "ferry-1.txt", "ferry-2.txt", "fire-1.txt", "fire-2.txt", "other-chess.txt")
    digest = make_digest([str(folder)], DigestOptions(group_by="topic"))
    found = groups_of(digest)
    assert sorted(map(sorted, found.values())) == [
        ["ferry-1.txt", "ferry-2.txt"],
        ["fire-1.txt", "fire-2.txt"],
        ["other-chess.txt"],
    ]
    assert list(found)[-1] == OTHER  # stories alone come last


def test_a_shared_place_is_not_a_shared_event(tmp_path):
    # The oyster festival is on the same waterfront as the ferry crash; the library is in the budget's town.
    folder = inbox(
        tmp_path,
        "ferry-1.txt",
        "ferry-3.txt",
        "other-keel-bay-oysters.txt",
        "budget-1.txt",
        "budget-2.txt",
        "other-brookhaven-library.txt",
    )
    found = groups_of(make_digest([str(folder)], DigestOptions(group_by="topic")))
    assert sorted(found[OTHER]) == ["other-brookhaven-library.txt", "other-keel-bay-oysters.txt"]


def test_groups_are_named_by_their_top_terms_and_list_stories_newest_first(tmp_path):
    folder = inbox(tmp_path, "fire-1.txt", "fire-4.txt", "fire-2.txt", "fire-3.txt")
    digest = make_digest([str(folder)], DigestOptions(group_by="topic"))
    (group,) = digest.groups
    assert "Pine Hollow" in group.name and "Sawtooth Ridge" in group.name
    dates = [e.date for e in group.entries]
    assert dates == sorted(dates, reverse=True) and dates[0] == "2025-08-15"


def test_the_grouping_is_the_same_whatever_the_order_of_rows():
    rows = [
        (0, ("Keel Bay", "Harbor Lines", "Saltwind", "fog"), "2025-05-03"),
        (1, ("Harbor Lines", "Saltwind", "Maritime Safety Board", "fog"), "2025-05-04"),
        (2, ("Pine Hollow", "Sawtooth Ridge", "Carver County"), "2025-08-12"),
        (3, ("Pine Hollow", "Sawtooth Ridge", "evacuation"), "2025-08-13"),
        (4, ("chess", "Anika Sorensen"), "2025-04-14"),
    ]
    first = group_topics(rows)
    assert group_topics(list(reversed(rows)))[0] == first[0]
    assert first[0][0] == first[0][1] and first[0][2] == first[0][3] and first[0][4] == OTHER


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_through_the_cli(tmp_path, fmt):
    folder = inbox(tmp_path, "rates-1.txt", "rates-2.txt", "measles-1.txt", "measles-2.txt")
    one = run_cli("digest", str(folder), "--group-by", "topic", "--format", fmt, env=BASE)
    two = run_cli("digest", str(folder), "--group-by", "topic", "--format", fmt, "--jobs", "2", env=BASE)
    assert one.returncode == 0, one.stderr
    assert one.stdout == two.stdout
    if fmt == "json":
        doc = json.loads(one.stdout)
        assert doc["group_by"] == "topic" and len(doc["groups"]) == 2
        assert all(len(g["entries"]) == 2 for g in doc["groups"])
