"""What a cron user trusts the digest with: no lost digest, no invented date, no silent empty input.

Each test here is a scenario that once went wrong: a second --new-only run that
replaced the morning's digest, a file time shown as the article's date, a page
of menus that "succeeded", a public function that crashed with its defaults.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import SAMPLES, run_cli
from test_digest import STORIES, digest, page

PINNED = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)  # the digest's "now" in these tests
PINNED_ENV = {"SOURCE_DATE_EPOCH": str(int(PINNED.timestamp()))}


def set_saved(path: Path, when: datetime) -> None:
    """Give a file a modification time relative to the pinned clock, never the real one."""
    os.utime(path, (when.timestamp(), when.timestamp()))


def undated_page(key: str) -> str:
    """A story with no date anywhere on the page: headline, then the story."""
    title, _, _, body = STORIES[key]
    return f"{title}\n\n{body}\n"


# -- --new-only never destroys a delivered digest ----------------------------------------------


def test_a_second_new_only_run_never_replaces_the_first_digest(tmp_path):
    inbox, out, state = tmp_path / "inbox", tmp_path / "out", str(tmp_path / "state.sqlite3")
    inbox.mkdir()
    (inbox / "ferry.txt").write_text(page("ferry"), encoding="utf-8")
    run = ("digest", str(inbox), "--new-only", "--state", state, "-o", str(out / "{date}.md"))
    first = run_cli(*run, env={**PINNED_ENV, "NEWSDIGEST_CONFIG": os.devnull})
    assert first.returncode == 0, first.stderr
    morning = (out / "2026-11-26.md").read_bytes()
    assert STORIES["ferry"][0].encode() in morning

    # Nothing new: no file is written or replaced; one line says so; exit 0.
    again = run_cli(*run, env={**PINNED_ENV, "NEWSDIGEST_CONFIG": os.devnull})
    assert again.returncode == 0, again.stderr
    assert again.stderr.decode().splitlines() == [
        "newsdigest: nothing new: no stories since the last --new-only digest"
    ]
    assert sorted(p.name for p in out.iterdir()) == ["2026-11-26.md"]
    assert (out / "2026-11-26.md").read_bytes() == morning

    # A new story on the same day: the next free name, and the first file is left alone.
    (inbox / "library.txt").write_text(page("library"), encoding="utf-8")
    noon = run_cli(*run, env={**PINNED_ENV, "NEWSDIGEST_CONFIG": os.devnull})
    assert noon.returncode == 0, noon.stderr
    assert "2026-11-26.2.md" in noon.stderr.decode()
    assert (out / "2026-11-26.md").read_bytes() == morning
    second = (out / "2026-11-26.2.md").read_text(encoding="utf-8")
    assert STORIES["library"][0] in second and STORIES["ferry"][0] not in second

    (inbox / "orchard.txt").write_text(page("orchard"), encoding="utf-8")
    quiet = run_cli(*run, "-q", env={**PINNED_ENV, "NEWSDIGEST_CONFIG": os.devnull})
    assert quiet.returncode == 0 and quiet.stderr == b""
    assert STORIES["orchard"][0] in (out / "2026-11-26.3.md").read_text(encoding="utf-8")


def test_nothing_new_with_fail_if_empty_exits_3_and_writes_nothing(tmp_path):
    inbox, state = tmp_path / "inbox", str(tmp_path / "state.sqlite3")
    inbox.mkdir()
    (inbox / "ferry.txt").write_text(page("ferry"), encoding="utf-8")
    target = tmp_path / "today.md"
    assert digest(str(inbox), "--new-only", "--state", state, "-o", str(target)).returncode == 0
    target.unlink()
    empty = digest(str(inbox), "--new-only", "--state", state, "-o", str(target), "--fail-if-empty")
    assert empty.returncode == 3
    assert len(empty.stderr.decode().splitlines()) == 1 and "nothing new" in empty.stderr.decode()
    assert not target.exists()
    to_stdout = digest(str(inbox), "--new-only", "--state", state, "--format", "json")
    assert to_stdout.returncode == 0 and to_stdout.stdout == b""


def test_overwrite_replaces_the_file_on_purpose(tmp_path):
    inbox, state, target = tmp_path / "inbox", str(tmp_path / "state.sqlite3"), tmp_path / "today.md"
    inbox.mkdir()
    target.write_text("an older digest\n", encoding="utf-8")
    (inbox / "ferry.txt").write_text(page("ferry"), encoding="utf-8")
    result = digest(str(inbox), "--new-only", "--state", state, "-o", str(target), "--overwrite")
    assert result.returncode == 0, result.stderr
    assert STORIES["ferry"][0] in target.read_text(encoding="utf-8")
    assert not list(tmp_path.glob("today.*.md"))


def test_next_free_names():
    from newsdigest.atomic import numbered

    assert [numbered("out/2026-12-06.md", n) for n in (1, 2, 3)] == [
        "out/2026-12-06.md",
        "out/2026-12-06.2.md",
        "out/2026-12-06.3.md",
    ]
    assert numbered("digest", 2) == "digest.2"
    assert numbered("/a/.md", 2) == "/a/.md.2"


def test_keep_existing_takes_a_free_name_and_never_touches_the_old_file(tmp_path):
    from newsdigest.atomic import atomic_open

    target = tmp_path / "d.md"
    target.write_bytes(b"first")
    (tmp_path / "d.2.md").write_bytes(b"second")
    names = []
    with atomic_open(target, keep_existing=True, written=names.append) as fh:
        fh.write(b"third")
    assert names == [str(tmp_path / "d.3.md")]
    assert [target.read_bytes(), (tmp_path / "d.2.md").read_bytes(), (tmp_path / "d.3.md").read_bytes()] == [
        b"first",
        b"second",
        b"third",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.2.md", "d.3.md", "d.md"]  # no temporary file left


# -- article dates are article dates ---------------------------------------------------------


def test_an_undated_article_has_no_date_and_shows_when_it_was_saved(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    undated = inbox / "undated.txt"
    undated.write_text(undated_page("orchard"), encoding="utf-8")
    set_saved(undated, datetime(2026, 11, 25, 9, 0).astimezone())  # local time: the day shown is the local day
    (inbox / "dated.txt").write_text(page("library"), encoding="utf-8")  # dated 2026-11-25 on the page
    (inbox / "older.txt").write_text(page("ferry"), encoding="utf-8")  # dated 2026-11-20

    doc = json.loads(digest(str(inbox), "--format", "json", env=PINNED_ENV).stdout)
    entries = [e for g in doc["groups"] for e in g["entries"]]
    # Newest first; on one day the dated story before the undated one.
    assert [e["title"] for e in entries] == [STORIES[k][0] for k in ("library", "orchard", "ferry")]
    assert [(e["date"], e["saved"]) for e in entries] == [
        ("2026-11-25", None),
        (None, "2026-11-25"),
        ("2026-11-20", None),
    ]

    single = json.loads(run_cli("summarize", str(undated), "--format", "json").stdout)
    assert single["date"] is None

    text = digest(str(inbox), "--format", "text", env=PINNED_ENV).stdout.decode()
    orchard = text.split(STORIES["orchard"][0], 1)[1].split(STORIES["ferry"][0], 1)[0]  # the undated story's block
    assert "saved 2026-11-25" in orchard

    by_day = json.loads(digest(str(inbox), "--format", "json", "--group-by", "day", env=PINNED_ENV).stdout)
    assert [g["name"] for g in by_day["groups"]] == ["2026-11-25", "2026-11-20", "Undated"]


STALE = (
    "Dunmore opens a winter shelter in the old railway depot\n\n"
    "The town of Dunmore opened a 60-bed winter shelter in its disused railway depot on Sunday, the housing office "
    "said. "
    "Volunteers spent three weekends fitting out the hall with heaters, showers and a small kitchen. "
    "The shelter will stay open every night until the end of March and needs no referral. "
    "Local churches have promised hot meals on weekends, and a clinic van will visit twice a week.\n"
)


def test_since_uses_article_dates_then_file_times_on_the_pinned_clock(tmp_path):
    (tmp_path / "old.txt").write_text(page("ferry"), encoding="utf-8")  # dated 2026-11-20
    (tmp_path / "new.txt").write_text(page("library"), encoding="utf-8")  # dated 2026-11-25
    stale, fresh = tmp_path / "stale.txt", tmp_path / "fresh.txt"
    stale.write_text(STALE, encoding="utf-8")
    fresh.write_text(undated_page("orchard"), encoding="utf-8")
    set_saved(stale, PINNED - timedelta(days=10))
    set_saved(fresh, PINNED - timedelta(days=1))
    doc = json.loads(digest(str(tmp_path), "--since", "3d", "--format", "json", env=PINNED_ENV).stdout)
    kept = sorted(s["path"].rsplit("/", 1)[-1] for g in doc["groups"] for e in g["entries"] for s in e["sources"])
    assert kept == ["fresh.txt", "new.txt"]
    assert doc["counts"]["old"] == 2


# -- no story is a failed input ----------------------------------------------------------------

MENU = "Home\nNews\nSport\nWeather\nBusiness\nContact us\nSign in\n"


@pytest.mark.parametrize("command", ["summarize", "clean", "digest"])
def test_an_input_with_no_story_fails_and_the_rest_go_on(tmp_path, command):
    menu = tmp_path / "menu.txt"
    menu.write_text(MENU, encoding="utf-8")
    args = [command, str(menu), str(SAMPLES / "harbor-bridge-reopens.txt"), "--format", "json"]
    result = run_cli(*args, env={"NEWSDIGEST_CONFIG": os.devnull, **PINNED_ENV})
    assert result.returncode == 1
    assert result.stderr.decode().splitlines() == [f"newsdigest: {menu}: no story text found"]
    assert b"Marrow Point" in result.stdout and b"Contact us" not in result.stdout


def test_a_huge_single_word_is_no_story_and_never_a_metadata_field(tmp_path):
    word = tmp_path / "word.txt"
    word.write_text("x" * 200_000 + "\n", encoding="utf-8")
    result = run_cli("summarize", str(word), "--format", "json")
    assert result.returncode == 1 and result.stdout == b""
    assert result.stderr.decode().strip() == f"newsdigest: {word}: no story text found"


def test_metadata_fields_are_never_over_300_characters():
    from newsdigest import Metadata
    from newsdigest.cleaning.metadata import MAX_FIELD, limited

    long_title = " ".join(["headline"] * 80)
    meta = limited(Metadata(title=long_title, section="s" * 400, publisher="p" * 301, authors=("Ada Vance", "a" * 500)))
    assert len(meta.title) <= MAX_FIELD and meta.title.endswith("…") and meta.title.startswith("headline headline")
    assert meta.section is None and meta.publisher is None and meta.authors == ("Ada Vance",)
    fine = Metadata(title="Harbor bridge reopens", section="Local")
    assert limited(fine) is fine


def test_a_paragraph_taken_for_a_title_is_cut(tmp_path):
    from newsdigest import clean_text

    first_line = "Breaking " + " ".join(f"word{n}" for n in range(120))  # one 800-character line, no full stop
    text = f"{first_line}\n\n" + STORIES["ferry"][3] + "\n"
    meta = clean_text(text).meta
    assert all(len(v) <= 300 for v in (meta.title or "", meta.section or "", meta.publisher or "", *meta.authors))


# -- every public API function with its defaults ------------------------------------------------

STORY_TEXT = page("ferry")


def test_every_public_function_works_with_its_defaults(tmp_path):
    import newsdigest

    path = tmp_path / "ferry.txt"
    path.write_text(STORY_TEXT, encoding="utf-8")
    title = STORIES["ferry"][0]

    summaries = [
        newsdigest.summarize_bytes(STORY_TEXT.encode("utf-8")),
        newsdigest.summarize_file(path),
        newsdigest.summarize_text(STORY_TEXT),
        newsdigest.summarize_article(newsdigest.clean_text(STORY_TEXT)),
    ]
    for summary in summaries:
        assert summary.article.meta.title == title
        assert 1 <= len(summary.sentences) <= 3 and summary.algorithm == "news"
    assert len({s.text for s in summaries}) == 1

    articles = [
        newsdigest.clean_text(STORY_TEXT),
        newsdigest.clean_file(path),
        newsdigest.clean_document(newsdigest.RawDocument(path="x", text=STORY_TEXT, format="text", encoding="utf-8")),
    ]
    assert {a.meta.title for a in articles} == {title}
    assert all("ferry" in a.text for a in articles)

    results = list(newsdigest.each_input([str(path), str(tmp_path / "missing.txt")], newsdigest.clean_file))
    assert isinstance(results[0], newsdigest.Article)
    assert isinstance(results[1], newsdigest.Failure) and results[1].path == str(tmp_path / "missing.txt")
    assert newsdigest.Length().sentences is None and newsdigest.SummaryOptions().algorithm is None

    with pytest.raises(newsdigest.NoStoryError):
        newsdigest.summarize_bytes(MENU.encode())


def test_the_digest_api_works_with_its_defaults(tmp_path):
    from newsdigest.digest import make_digest

    (tmp_path / "ferry.txt").write_text(STORY_TEXT, encoding="utf-8")
    result = make_digest([str(tmp_path)])
    assert [e.title for e in result.entries] == [STORIES["ferry"][0]] and result.counts.failed == 0
