"""Hostile input, size and time: a byte limit with a clear error, and huge documents that finish.

These assert that the work completes with the right result, never how fast:
the subprocess timeout is only a guard against a hang (a quadratic blow-up on
10 MB never finishes). Each document is generated here.
"""

from __future__ import annotations

import json

import pytest
from conftest import run_cli

SUBJECTS = (
    "The council",
    "The mayor",
    "Officials",
    "The harbor authority",
    "Residents",
    "Engineers",
    "The ferry operator",
)
OBJECTS = (
    "that the bridge would reopen in May",
    "that repairs cost more than planned",
    "that traffic fell by a third",
    "that the budget was approved",
    "that the new terminal was late",
    "that ridership grew again",
)
STORY = (
    "Harbor bridge reopens after repairs\n\n"
    "The Marrow Point harbor bridge reopened on Friday after a 14-month closure, the transit authority said.\n\n"
    "Crews replaced 212 corroded cables and resurfaced the deck at a cost of $48.5 million.\n"
)


def sentence(i: int) -> str:
    return f"{SUBJECTS[i % len(SUBJECTS)]} said on day {i} {OBJECTS[(i * 5) % len(OBJECTS)]}."


def assert_a_real_summary(data: dict, source: str, sentences: int = 3) -> None:
    """Sentences from the source, in document order, as many as asked."""
    assert len(data["sentences"]) == sentences
    indexes = [s["index"] for s in data["sentences"]]
    assert indexes == sorted(indexes) and len(set(indexes)) == len(indexes)
    for s in data["sentences"]:
        assert s["text"] in source


SIZE = len(STORY.encode())


@pytest.mark.parametrize(
    "limit,ok,commands",
    [
        (SIZE, True, ["summarize", "clean"]),
        (SIZE + 1, True, ["clean"]),
        (SIZE - 1, False, ["summarize", "clean"]),
        (1, False, ["clean"]),
    ],
)
def test_max_bytes_on_files(tmp_path, limit, ok, commands):
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    for command in commands:
        result = run_cli(command, str(path), "--max-bytes", str(limit), "--format", "json")
        if ok:
            assert result.returncode == 0, result.stderr
            assert json.loads(result.stdout)["path"] == str(path)
        else:
            assert result.returncode == 1 and result.stdout == b""
            assert result.stderr.decode() == (
                f"newsdigest: {path}: too large ({SIZE:,} bytes; the limit is {limit:,}, raise it with --max-bytes)\n"
            )


def test_max_bytes_on_standard_input():
    result = run_cli("summarize", "-", "--max-bytes", "100", input=STORY.encode())
    assert result.returncode == 1
    assert (
        result.stderr.decode()
        == "newsdigest: -: too large (more than 100 bytes; the limit is 100, raise it with --max-bytes)\n"
    )
    assert run_cli("summarize", "-", "--max-bytes", str(SIZE), input=STORY.encode()).returncode == 0


def test_the_default_limit_is_20_mb(tmp_path):
    # A sparse file: refused from its size alone, before a byte of it is read.
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:
        fh.truncate(20 * 1024 * 1024 + 1)
    result = run_cli("summarize", str(big))
    assert result.returncode == 1
    assert result.stderr.decode() == (
        f"newsdigest: {big}: too large (20,971,521 bytes; the limit is 20,971,520, raise it with --max-bytes)\n"
    )


def test_max_bytes_in_the_digest(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "small.txt").write_text(STORY)
    (inbox / "big.txt").write_text(STORY * 20)
    result = run_cli("digest", str(inbox), "--max-bytes", "1000", "--format", "json", "--config", "/dev/null")
    assert result.returncode == 1
    assert f"{inbox / 'big.txt'}: too large" in result.stderr.decode()
    assert b"Harbor bridge" in result.stdout


def test_a_100000_sentence_document_is_summarized(tmp_path):
    paragraphs = [" ".join(sentence(p * 10 + s) for s in range(10)) for p in range(10_000)]
    text = "City news in brief\n\n" + "\n\n".join(paragraphs) + "\n"
    path = tmp_path / "long.txt"
    path.write_text(text)
    result = run_cli("summarize", str(path), "--format", "json", timeout=600)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert_a_real_summary(data, text)
    assert data["stats"]["sentences_in"] >= 2000  # ranked over a capped number of sentences, at least that many
    assert data["title"] == "City news in brief"


def test_a_10_mb_line_is_summarized(tmp_path):
    line = " ".join(sentence(i) for i in range(190_000))
    assert len(line) > 10_000_000
    path = tmp_path / "one-line.txt"
    path.write_text(line)
    result = run_cli("summarize", str(path), "--format", "json", "-n", "2", timeout=600)
    assert result.returncode == 0, result.stderr
    assert_a_real_summary(json.loads(result.stdout), line, sentences=2)


# Degenerate long lines, each a way to make a careless splitter, cleaner or ranker go quadratic.
DEGENERATE = {
    "no punctuation": "lorem ipsum dolor sit amet " * 30_000,
    "one word": "x" * 1_000_000,
    "initials": "A. " * 250_000,
    "question marks": "?!" * 400_000,
    "ellipses": "Wait... " * 100_000,
    "abbreviations": "Mr. Dr. No. St. e.g. i.e. U.S. " * 25_000,
    "repeated clause": "the council said that " * 40_000,
    "numbers": "1.2.3.4.5.6.7.8.9 " * 40_000,
    "nested brackets": "(" * 300_000 + "story" + ")" * 300_000,
    "quotes": '"' * 600_000 + " the mayor said.",
    "cjk without spaces": "市政府周二宣布新的地铁线路将于明年五月正式开通" * 30_000,
    "one sentence per line": "\n".join(sentence(i) for i in range(21_000)),  # past the 20,000-line cap
    "blank lines": "\n" * 1_000_000 + STORY,
    "tiny lines": "x\n" * 100_000,
}


def test_degenerate_long_inputs_finish(tmp_path):
    paths = []
    for n, text in enumerate(DEGENERATE.values()):
        path = tmp_path / f"degenerate-{n}.txt"
        path.write_text(text)
        paths.append(str(path))
    result = run_cli("summarize", *paths, "--format", "jsonl", "-a", "lead", timeout=900)
    assert b"Traceback" not in result.stderr
    assert result.returncode in (0, 1), result.stderr
    done = {json.loads(line)["path"] for line in result.stdout.decode().splitlines()}
    failed = [
        line
        for line in result.stderr.decode().splitlines()
        if line.startswith("newsdigest: ") and "warning" not in line
    ]
    assert len(done) + len(failed) == len(paths)  # every input ended one way or the other
    assert paths[list(DEGENERATE).index("blank lines")] in done
    assert paths[list(DEGENERATE).index("one sentence per line")] in done


def test_past_20000_lines_only_prose_is_kept():
    from newsdigest.cleaning.text import MAX_CLASSIFIED_LINES, PAST_THE_CAP

    head = [
        sentence(i) + " The story goes on with more words so that it reads as prose here."
        for i in range(MAX_CLASSIFIED_LINES)
    ]
    tail_prose = "The last paragraph of this very long document is prose, and the cleaner keeps it as story text."
    tail_menu = "Home | News | Sport"
    article = clean_text_of("\n".join(head + [tail_menu, tail_prose, tail_prose]))
    assert article.paragraphs[-1] == tail_prose and article.paragraphs.count(tail_prose) == 1
    assert tail_menu not in article.paragraphs
    reasons = [(r.text, r.reason) for r in article.removed]
    assert (tail_menu, PAST_THE_CAP) in reasons
    assert (tail_prose, "repeated paragraph") in reasons


def clean_text_of(text: str):
    from newsdigest.api import clean_text

    return clean_text(text, format="text")


def test_block_scoring_gives_the_unblocked_scores():
    import numpy as np

    from newsdigest import trees
    from newsdigest.cleaning import model

    ensemble = model.load_model("text").stage1
    rng = np.random.default_rng(7)
    width = len(model.load_model("text").features)
    x = rng.normal(size=(trees.BLOCK_ROWS * 2 + 17, width)) * 3
    x[rng.random(x.shape) < 0.01] = np.nan  # NaN goes right, as before

    def reference(x):  # the walk over all rows at once, NaN sent right explicitly
        node = np.repeat(ensemble.roots, x.shape[0], axis=1)  # trees x rows
        rows = np.arange(x.shape[0])[None, :]
        for _ in range(ensemble.depth):
            value, threshold = x[rows, ensemble.feature[node]], ensemble.threshold[node]
            go_left = ~np.isnan(value) & (value <= threshold)
            node = ensemble.children[node + go_left]
        return np.add.reduce(ensemble.table[node][..., 0], axis=0)

    assert np.array_equal(ensemble.scores(x), reference(x))
