"""`newsdigest digest` end to end: inputs, duplicates, state, failures, formats, jobs.

Articles are written by the tests into tmp folders: short invented stories in
the shapes the tool meets (text page copies, HTML pages, RSS/Atom/JSON feeds).
"""

from __future__ import annotations

import email
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

STORIES = {
    "ferry": (
        "Harbor ferry adds three stops after bridge closure",
        "Westmere Tribune",
        "2026-11-20",
        "The Westmere harbor ferry will add three new stops from next month, the transit authority said on Thursday. "
        "The stops at Pell Quay, Fennick Yard and the old customs house are meant to carry commuters while the Arden "
        "bridge stays shut. "
        "Officials expect about 4,000 extra riders a day once the winter timetable starts. "
        "The new boats were leased from a coastal operator for two years at a cost of 9 million dollars. "
        "Riders' groups welcomed the plan but said evening services remain too sparse.",
    ),
    "orchard": (
        "Late frost cuts apple harvest in Tallow Valley by a third",
        "Valley Courier",
        "2026-11-22",
        "Apple growers in Tallow Valley lost roughly a third of this year's harvest to a late spring frost, the "
        "growers' cooperative reported on Monday. "
        "Temperatures fell to minus four degrees on two nights in April, just as the trees were in full blossom. "
        "Smaller farms without frost fans were hit hardest, the cooperative's chairwoman Ines Calder said. "
        "Prices at the valley's farm stands have risen by about 15 percent since September. "
        "The regional council is weighing an emergency loan scheme for the worst-affected growers.",
    ),
    "library": (
        "Brackenford library reopens with a makerspace and longer hours",
        "Brackenford Echo",
        "2026-11-25",
        "Brackenford's central library reopened on Saturday after an 18-month renovation that added a makerspace and "
        "a children's reading garden. "
        "The building will now stay open until 9 p.m. on weekdays, two hours later than before. "
        "The makerspace offers 3D printers, sewing machines and a small recording studio that residents can book for "
        "free. "
        "The renovation cost 6.2 million dollars, most of it from a state grant for public buildings. "
        "Hundreds of families queued before the doors opened at ten.",
    ),
}


def page(
    key: str, header: str = "Home > News > Local", footer: str = "Editor's Picks\nMore stories you may like"
) -> str:
    title, publisher, date, body = STORIES[key]
    return f"{header}\n{title}\nBy Staff Reporter ({publisher}) Updated: {date} 07:00\n\n{body}\n\n{footer}\n"


def html_page(key: str) -> str:
    title, publisher, date, body = STORIES[key]
    paragraphs = "".join(f"<p>{s.strip()}.</p>" for s in body.split(". ") if s.strip())
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title} | {publisher}</title>"
        f"<meta property='og:site_name' content='{publisher}'><meta property='article:published_time' "
        f"content='{date}T08:00:00Z'>"
        f"</head><body><nav><a href='/'>Home</a> <a "
        f"href='/news'>News</a></nav><article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Copyright 2026. All rights reserved.</footer></body></html>"
    )


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / "ferry.txt").write_text(page("ferry"), encoding="utf-8")
    (folder / "sub" / "orchard.html").write_text(html_page("orchard"), encoding="utf-8")
    (folder / "library.txt").write_text(page("library"), encoding="utf-8")
    # Not articles: hidden files, editor backups, an image, the folder's README.
    (folder / ".hidden.txt").write_text(page("ferry"), encoding="utf-8")
    (folder / "library.txt~").write_text(page("library"), encoding="utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a photo")
    return folder


def digest(*args: str, env: dict | None = None, input: bytes | None = None, timeout: float = 120):
    base = {"SOURCE_DATE_EPOCH": "1795000000", "NEWSDIGEST_CONFIG": os.devnull}  # 2026-11-18: a fixed digest date
    return run_cli("digest", *args, env={**base, **(env or {})}, input=input, timeout=timeout)


def as_json(result) -> dict:
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


def titles(doc: dict) -> list[str]:
    return [e["title"] for g in doc["groups"] for e in g["entries"]]


# -- inputs -----------------------------------------------------------------------


def test_folder_recursive_skips_hidden_backups_and_non_articles(inbox):
    doc = as_json(digest(str(inbox), "--format", "json"))
    assert titles(doc) == [STORIES[k][0] for k in ("library", "orchard", "ferry")]  # newest first
    paths = [s["path"] for g in doc["groups"] for e in g["entries"] for s in e["sources"]]
    assert not any(".hidden" in p or p.endswith("~") or p.endswith(".jpg") for p in paths)
    assert doc["counts"]["entries"] == 3 and doc["counts"]["failed"] == 0


def test_files_and_quoted_globs(inbox):
    doc = as_json(digest(str(inbox / "*.txt"), str(inbox / "sub" / "orchard.html"), "--format", "json"))
    assert sorted(titles(doc)) == sorted(STORIES[k][0] for k in STORIES)


def test_stdin_is_one_article(inbox):
    doc = as_json(digest("-", "--format", "json", input=page("orchard").encode()))
    assert titles(doc) == [STORIES["orchard"][0]]


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Westmere Tribune</title><link>https://tribune.example.org/</link>
<item><title>{t1}</title><link>https://tribune.example.org/ferry</link><pubDate>Fri, 20 Nov 2026 08:00:00 GMT</pubDate>
<description>&lt;p&gt;{b1}&lt;/p&gt;</description></item>
<item><title>{t2}</title><link>javascript:alert(1)</link><pubDate>Mon, 23 Nov 2026 08:00:00 GMT</pubDate>
<description>{b2}</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Brackenford Echo</title>\
<id>urn:x</id><updated>2026-11-25T00:00:00Z</updated>
<entry><title>{t}</title><id>urn:x:1</id><link href="https://echo.example.org/library"/><updated>2026-11-25T09:00:00Z</updated>
<author><name>Mara Quill</name></author><content type="html">&lt;p&gt;{b}&lt;/p&gt;</content></entry></feed>"""


def test_rss_atom_and_json_feed_items_become_articles(tmp_path):
    (tmp_path / "a.xml").write_text(
        RSS.format(t1=STORIES["ferry"][0], b1=STORIES["ferry"][3], t2=STORIES["orchard"][0], b2=STORIES["orchard"][3]),
        encoding="utf-8",
    )
    (tmp_path / "b.atom").write_text(ATOM.format(t=STORIES["library"][0], b=STORIES["library"][3]), encoding="utf-8")
    jfeed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Gull Point Herald",
        "items": [
            {
                "id": "1",
                "title": "Gull Point opens a tidal pool for swimmers",
                "url": "https://herald.example.org/pool",
                "date_published": "2026-11-26T10:00:00Z",
                "content_html": "<p>Gull Point opened a sea-fed tidal pool on Wednesday, giving swimmers a sheltered "
                "place to bathe in winter.</p>"
                "<p>The pool holds two million litres and refills with every high tide.</p>",
            }
        ],
    }
    (tmp_path / "c.json").write_text(json.dumps(jfeed), encoding="utf-8")
    doc = as_json(digest(str(tmp_path), "--format", "json"))
    entries = {e["title"]: e for g in doc["groups"] for e in g["entries"]}
    assert set(entries) == {
        STORIES["ferry"][0],
        STORIES["orchard"][0],
        STORIES["library"][0],
        "Gull Point opens a tidal pool for swimmers",
    }
    ferry = entries[STORIES["ferry"][0]]
    assert ferry["publisher"] == "Westmere Tribune" and ferry["date"] == "2026-11-20"
    assert ferry["link"] == "https://tribune.example.org/ferry"
    assert ferry["sources"][0]["path"].endswith("a.xml#1")
    assert entries[STORIES["orchard"][0]]["link"] is None  # a javascript: link is dropped
    assert entries[STORIES["library"][0]]["publisher"] == "Brackenford Echo"
    assert "tidal pool" in entries["Gull Point opens a tidal pool for swimmers"]["summary"]


@pytest.mark.parametrize(
    "doc",
    [
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><rss version="2.0"><channel><title>x</title>'
        "<item><title>&c;</title><description>&c;</description></item></channel></rss>",
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel>'
        "<title>x</title><item><title>t</title><description>&xxe;</description></item></channel></rss>",
    ],
    ids=["billion-laughs", "external-entity"],
)
def test_feeds_never_expand_entities(tmp_path, doc):
    (tmp_path / "evil.xml").write_text(doc, encoding="utf-8")
    (tmp_path / "good.txt").write_text(page("ferry"), encoding="utf-8")
    result = digest(str(tmp_path), "--format", "json")
    assert result.returncode == 1
    assert "evil.xml" in result.stderr.decode() and "refused" in result.stderr.decode()
    out = result.stdout.decode()
    assert "root:" not in out and "aaaaaaaaaa" not in out
    assert titles(json.loads(out)) == [STORIES["ferry"][0]]  # the rest of the batch is still digested


# -- duplicates ---------------------------------------------------------------------


def test_same_story_from_two_outlets_appears_once_with_both_sources(tmp_path):
    (tmp_path / "a.txt").write_text(page("ferry"), encoding="utf-8")
    resaved = page("ferry", header="Front page | Transport | Weather", footer="Hot Topics\nSubscribe to our newsletter")
    resaved = resaved.replace("Westmere Tribune", "Coastline Daily").replace(
        "the transit authority said", "the authority announced"
    )
    (tmp_path / "b.txt").write_text(resaved, encoding="utf-8")
    (tmp_path / "c.txt").write_text(page("orchard"), encoding="utf-8")
    doc = as_json(digest(str(tmp_path), "--format", "json"))
    assert doc["counts"]["entries"] == 2 and doc["counts"]["duplicates"] == 1
    ferry = next(e for g in doc["groups"] for e in g["entries"] if e["title"] == STORIES["ferry"][0])
    assert [Path(s["path"]).name for s in ferry["sources"]] == ["a.txt", "b.txt"]
    assert {s["publisher"] for s in ferry["sources"]} == {"Westmere Tribune", "Coastline Daily"}


def test_dedup_threshold():
    from newsdigest.digest.dedup import THRESHOLD, Clusters, signature, similarity

    ferry, orchard = STORIES["ferry"][3], STORIES["orchard"][3]
    edited = ferry.replace("on Thursday", "late on Thursday") + " Reporting by the news desk."
    assert similarity(signature(ferry), signature(edited)) >= THRESHOLD
    assert similarity(signature(ferry), signature(orchard)) < 0.2
    clusters = Clusters()
    assert [clusters.add(signature(t)) for t in [ferry, orchard, edited]] == [0, 1, 0]


def test_dedup_bands_are_what_datasketch_picks_for_its_threshold():
    from datasketch import MinHashLSH

    from newsdigest.digest.dedup import BANDS, NUM_PERM, ROWS

    lsh = MinHashLSH(threshold=0.3, num_perm=NUM_PERM)
    assert (lsh.b, lsh.r) == (BANDS, ROWS)


def test_dedup_finds_copies_among_many_stories():
    import random

    from newsdigest.digest.dedup import Clusters, signature

    rng = random.Random(5)
    words = [f"w{i}" for i in range(5000)]
    stories = [" ".join(rng.choice(words) for _ in range(120)) for _ in range(300)]
    clusters = Clusters()
    assert [clusters.add(signature(s)) for s in stories] == list(range(300))  # unrelated: all apart
    for i in range(0, 300, 7):  # each re-saved with a few words changed: joins its original
        copy = stories[i].split()
        copy[10:14] = ["edited", "by", "the", "desk"]
        assert clusters.add(signature(" ".join(copy))) == i
    assert clusters.count == 300


def test_a_collection_reads_its_stories_back_in_digest_order_as_often_as_asked(inbox):
    from newsdigest.digest import DigestOptions, make_digest

    digest = make_digest([str(inbox)], DigestOptions(group_by="source"))
    first = [[e.summary.article.meta.title for e in g.entries] for g in digest.groups]
    again = [[e.summary.article.meta.title for e in g.entries] for g in digest.groups]
    assert first == again and sum(map(len, first)) == 3 == digest.counts.entries
    assert [len(g.entries) for g in digest.groups] == list(map(len, first))
    for group in digest.groups:
        dates = [e.date for e in group.entries]
        assert dates == sorted(dates, reverse=True)


# -- state: --new-only ----------------------------------------------------------------


def test_new_only_twice_reports_nothing_new_the_second_time(inbox, tmp_path):
    state = str(tmp_path / "state.sqlite3")
    first = as_json(digest(str(inbox), "--new-only", "--state", state, "--format", "json"))
    assert first["counts"]["entries"] == 3
    # Nothing new: no digest at all (not an empty one), and one line on stderr.
    second = digest(str(inbox), "--new-only", "--state", state, "--format", "json")
    assert second.returncode == 0 and second.stdout == b"" and b"nothing new" in second.stderr
    (inbox / "new.txt").write_text(
        page("orchard").replace("Tallow Valley", "Tallow Vale").replace("third", "quarter") + "\n", encoding="utf-8"
    )
    third = digest(str(inbox), "--new-only", "--state", state, "--format", "json")
    # A near-copy of a story already sent is not news either.
    assert third.returncode == 0 and third.stdout == b"" and b"nothing new" in third.stderr


def test_two_concurrent_runs_never_report_a_story_twice(inbox, tmp_path):
    state = str(tmp_path / "state.sqlite3")
    base = {**os.environ, "SOURCE_DATE_EPOCH": "1795000000", "NEWSDIGEST_CONFIG": os.devnull}
    cmd = [sys.executable, "-m", "newsdigest", "digest", str(inbox), "--new-only", "--state", state, "--format", "json"]
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=base, cwd=ROOT) for _ in range(2)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1] for o in outs]
    reported = [titles(json.loads(o[0])) if o[0] else [] for o in outs]  # nothing new: no digest
    assert sorted(reported[0] + reported[1]) == sorted(STORIES[k][0] for k in STORIES)


def test_corrupt_state_is_a_clear_error_and_loses_nothing(inbox, tmp_path):
    state = tmp_path / "state.sqlite3"
    state.write_bytes(b"this is not a database" * 100)
    out = tmp_path / "digest.md"
    result = digest(str(inbox), "--new-only", "--state", str(state), "-o", str(out))
    assert result.returncode != 0
    err = result.stderr.decode()
    assert str(state) in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert state.read_bytes() == b"this is not a database" * 100  # never replaced behind the user's back


def test_state_prune_and_info(inbox, tmp_path):
    state = str(tmp_path / "state.sqlite3")
    as_json(digest(str(inbox), "--new-only", "--state", state, "--format", "json"))
    info = run_cli("state", "info", "--state", state)
    assert info.returncode == 0 and "3" in info.stdout.decode()
    pruned = run_cli("state", "prune", "--older-than", "0d", "--state", state)
    assert pruned.returncode == 0, pruned.stderr
    again = as_json(digest(str(inbox), "--new-only", "--state", state, "--format", "json"))
    assert again["counts"]["entries"] == 3
    bad = run_cli("state", "prune", "--older-than", "soon", "--state", state)
    assert bad.returncode == 2 and "soon" in bad.stderr.decode()


# -- failures, exit codes, output files ---------------------------------------------


def test_a_failing_input_among_good_ones(inbox, tmp_path):
    (inbox / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (inbox / "blank.txt").write_bytes(b" \n\n")
    (inbox / "empty.txt").write_bytes(b"")  # zero bytes inside a folder: skipped, as a lock file is
    out = tmp_path / "today.md"
    result = digest(str(inbox), "-o", str(out))
    assert result.returncode == 1
    err = result.stderr.decode().strip().splitlines()
    assert (
        len(err) == 2
        and any("broken.txt" in line and "PNG" in line for line in err)
        and any("blank.txt" in line for line in err)
    )
    assert result.stdout == b""  # cron: nothing but the digest goes to stdout (and here it went to the file)
    text = out.read_text(encoding="utf-8")
    assert all(STORIES[k][0] in text for k in STORIES)
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_quiet_silences_failures_but_not_the_exit_code(inbox):
    (inbox / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    result = digest(str(inbox), "-q", "--format", "text")
    assert result.returncode == 1 and result.stderr == b""


def test_empty_digest_is_valid_unless_fail_if_empty(tmp_path):
    (tmp_path / "empty").mkdir()
    result = digest(str(tmp_path / "empty"), "--format", "json")
    assert result.returncode == 0 and json.loads(result.stdout)["counts"]["entries"] == 0
    result = digest(str(tmp_path / "empty"), "--format", "json", "--fail-if-empty")
    assert result.returncode == 3


def test_output_pattern_expands_date_and_extension_picks_format(inbox, tmp_path):
    result = digest(str(inbox), "-o", str(tmp_path / "digests" / "{date}.html"))
    assert result.returncode == 0, result.stderr
    out = tmp_path / "digests" / "2026-11-18.html"
    assert out.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


def test_every_input_failing_keeps_an_earlier_output(tmp_path):
    out = tmp_path / "today.md"
    out.write_text("yesterday's good digest\n", encoding="utf-8")
    result = digest(str(tmp_path / "missing-folder"), "-o", str(out))
    assert result.returncode == 1 and "missing-folder" in result.stderr.decode()
    assert out.read_text(encoding="utf-8") == "yesterday's good digest\n"


def test_usage_errors_exit_2(inbox):
    for args in (["--group-by", "colour"], ["--since", "yesterday"], ["--format", "pdf"], ["--algorithm", "nope"]):
        result = digest(str(inbox), *args)
        assert result.returncode == 2, (args, result.stderr)
        assert len(result.stderr.decode().strip().splitlines()) == 1


# -- selection and grouping ------------------------------------------------------------


def test_group_by_source_and_max_articles(inbox):
    doc = as_json(digest(str(inbox), "--group-by", "source", "--format", "json"))
    assert [g["name"] for g in doc["groups"]] == ["Brackenford Echo", "Valley Courier", "Westmere Tribune"]
    doc = as_json(digest(str(inbox), "--max-articles", "2", "--format", "json"))
    assert titles(doc) == [STORIES["library"][0], STORIES["orchard"][0]] and doc["counts"]["over_limit"] == 1


def test_sentences_per_article(inbox):
    doc = as_json(digest(str(inbox), "-n", "1", "--format", "json"))
    assert all(len(e["sentences"]) == 1 for g in doc["groups"] for e in g["entries"])


# -- formats and jobs ---------------------------------------------------------------------


def test_jobs_2_output_is_byte_identical_to_jobs_1(inbox):
    for i in range(6):  # enough files for the pool to hand out work out of order
        (inbox / f"extra-{i}.txt").write_text(
            page(list(STORIES)[i % 3]).replace("Updated: 2026-11-", "Updated: 2026-10-"), encoding="utf-8"
        )
    for fmt in ("json", "html"):
        one = digest(str(inbox), "--format", fmt, "--jobs", "1")
        two = digest(str(inbox), "--format", fmt, "--jobs", "2")
        assert one.returncode == two.returncode == 0
        assert one.stdout == two.stdout


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)


def test_html_digest_escapes_article_strings(tmp_path):
    hostile = page("ferry").replace(
        STORIES["ferry"][0], 'Ferry <script>alert("x")</script> <img src=x onerror=alert(1)> news'
    )
    (tmp_path / "a.txt").write_text(hostile, encoding="utf-8")
    result = digest(str(tmp_path), "--format", "html")
    assert result.returncode == 0, result.stderr
    parser = _Tags()
    parser.feed(result.stdout.decode())
    assert "script" not in parser.tags and "img" not in parser.tags
    assert not [a for a in parser.attrs if a[0].startswith("on")]
    assert "&lt;script&gt;" in result.stdout.decode()


def test_email_format_is_a_complete_mime_message(inbox):
    result = digest(
        str(inbox), "--format", "email", "--to", "reader@example.org", "--from", "Digest <digest@example.org>"
    )
    assert result.returncode == 0, result.stderr
    msg = email.message_from_bytes(result.stdout)
    assert msg.get_content_type() == "multipart/alternative"
    assert msg["To"] == "reader@example.org" and msg["From"] == "Digest <digest@example.org>"
    assert msg["Subject"] and msg["Date"] and msg["Message-ID"]
    parts = {part.get_content_type(): part for part in msg.walk() if not part.is_multipart()}
    assert set(parts) == {"text/plain", "text/html"}
    assert STORIES["orchard"][0] in parts["text/plain"].get_payload(decode=True).decode("utf-8")


def test_markdown_to_stdout_in_a_pipe_has_no_ansi(inbox):
    result = digest(str(inbox), "--format", "markdown")
    assert result.returncode == 0 and b"\x1b[" not in result.stdout
    assert result.stdout.decode().startswith("# ")


def test_folder_walk_survives_deep_trees_and_symlink_loops(tmp_path):
    from newsdigest.digest.inputs import iter_inputs

    levels = [tmp_path]
    for _ in range(1100):  # deeper than Python's recursion limit (1000)
        levels.append(levels[-1] / "d")
        os.mkdir(levels[-1])
    story = levels[-1] / "story.txt"
    story.write_text("x", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path)
    try:
        assert list(iter_inputs([str(tmp_path)])) == [str(story)]
    finally:  # shutil.rmtree (pytest's clean-up) recurses per level: take the tree down here
        story.unlink()
        for level in reversed(levels[1:]):
            os.rmdir(level)


def test_a_failing_scratch_database_is_one_clear_error():
    import sqlite3

    from newsdigest.digest.scratch import scratch_errors
    from newsdigest.errors import OutputError

    with pytest.raises(OutputError, match="scratch space for the digest failed .database or disk is full.*TMPDIR"):
        with scratch_errors():
            raise sqlite3.OperationalError("database or disk is full")


def test_one_collection_can_make_several_digests(inbox):
    from datetime import timedelta

    from newsdigest.digest import DigestOptions, build_digest, collect_inputs

    collection = collect_inputs([str(inbox)], DigestOptions())
    now = datetime(2026, 11, 28, tzinfo=UTC)
    limited = build_digest(collection, DigestOptions(max_articles=1, now=now))
    assert limited.counts.entries == 1 and limited.counts.over_limit == 2
    recent = build_digest(collection, DigestOptions(since=timedelta(days=4), now=now))
    assert recent.counts.old == 2 and [e.date for e in recent.entries] == ["2026-11-25"]
    whole = build_digest(collection, DigestOptions(group_by="day", now=now))
    assert whole.counts.entries == 3 and [g.name for g in whole.groups] == ["2026-11-25", "2026-11-22", "2026-11-20"]


def test_dedup_copies_are_found_among_stories_written_from_one_template(monkeypatch):
    import random

    from newsdigest.digest import dedup

    monkeypatch.setattr(dedup, "CROWDED", 4)  # so that 200 stories make crowded buckets
    rng = random.Random(9)
    template = " ".join(f"t{i}" for i in range(50))  # wording every story shares (J about 0.3 between stories)
    words = [f"w{i}" for i in range(3000)]
    stories = [template + " " + " ".join(rng.choice(words) for _ in range(60)) for _ in range(200)]
    clusters = dedup.Clusters()
    placed = [clusters.add(dedup.signature(s)) for s in stories]
    crowded = clusters._db.execute(
        "SELECT count(*) FROM (SELECT key FROM lsh_band GROUP BY key HAVING count(*) > 4)"
    ).fetchone()[0]
    assert crowded > 0  # the case under test: some buckets are skipped
    assert len(set(placed)) > len(stories) * 0.9  # a shared template alone does not make stories the same
    for i in range(0, len(stories), 10):
        copy = stories[i] + " Reported by the news desk."
        assert placed[clusters.add(dedup.signature(copy))] == placed[i]


def test_chinese_copies_get_the_same_shingles_whatever_their_spacing():
    from newsdigest.digest.dedup import THRESHOLD, shingles, signature, similarity

    story = (
        "市政府今天宣布，新的跨河大桥将于明年春天开工，预计总投资十二亿元。大桥全长一千二百米，双向六车道，"
        "建成后从城东到城西只需十分钟。附近居民多年来一直抱怨老桥拥堵，每天早晚高峰都要排队半小时以上。"
        "市长在发布会上表示，工程将分三期进行，第一期主要建设桥墩和引桥部分。"
    )
    # A copy with a credit line in Latin letters: by run lengths it would look like spaced
    # writing and get word shingles, sharing none with the first copy.
    credited = story + " Photo: Li Wei / City News"
    assert shingles(story, "zh") <= shingles(credited, "zh")
    assert similarity(signature(story, "zh"), signature(credited, "zh")) >= THRESHOLD
    assert all(len(s.decode()) == 4 for s in shingles("Ferry terminal opens late in May", "ja"))
