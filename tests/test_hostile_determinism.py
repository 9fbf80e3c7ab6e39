"""Determinism: the same inputs give byte-identical output, run after run, whatever the hash seed or --jobs.

Python randomises str hashing per process, so anything that iterates a set or
relies on hash order shows up as a difference between processes started with
different PYTHONHASHSEED values. One process per seed renders every format of
every summarizer and of `clean` (digests of the outputs are compared); the CLI
and the digest are checked end to end as well.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT, SAMPLES, run_cli, run_process

# One test process runs the whole module; its costly fixtures are session-scoped, so they are
# made once even when the process runs other modules' tests in between.
pytestmark = pytest.mark.xdist_group("determinism")

SEEDS = ["0", "1"]
ALGORITHMS = ["news", "lead", "lexrank", "textrank", "sumy-lexrank", "lsa", "random"]

# Run in a fresh interpreter per seed: every output's SHA-256, by "what/format".
_ALL_OUTPUTS = r"""
import hashlib, json, sys, warnings
warnings.simplefilter("ignore")
from newsdigest.api import SummaryOptions, clean_file, summarize_file
from newsdigest.render import RenderOptions, render
from newsdigest.render import SUMMARY_FORMATS as FORMATS
paths = sys.argv[1:]
out = {}
def digest(name, items):
    for fmt in FORMATS:
        text = render(items, RenderOptions(format=fmt, color=fmt == "rich", explain=True, show_removed=True))
        out[f"{name}/{fmt}"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
digest("clean", [clean_file(p) for p in paths])
for algorithm in ALGORITHMS:
    digest(algorithm, [summarize_file(p, SummaryOptions(algorithm=algorithm, keywords=5)) for p in paths])
print(json.dumps(out))
""".replace("in ALGORITHMS:", f"in {ALGORITHMS!r}:")


@pytest.fixture(scope="session")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("determinism")
    # Samples of every kind, plus inputs whose handling could depend on order: sentences
    # with tied scores, a page that repeats a paragraph, and undeclared legacy bytes.
    ties = "Ties everywhere\n\n" + "\n\n".join(
        f"The council met on day {n}. The council voted on day {n}. The council adjourned on day {n}."
        for n in range(12)
    )
    (folder / "ties.txt").write_text(ties)
    repeated = (
        "<html><body>"
        + "<p>The same paragraph about the harbor bridge appears here twice, as pages repeat it.</p>" * 3
        + "<p>The bridge reopened on Friday after fourteen months of repairs, the transit authority said.</p>"
        "</body></html>"
    )
    (folder / "repeated.html").write_text(repeated)
    (folder / "koi8.txt").write_bytes(
        "Городские власти во вторник объявили, что новая линия метро откроется в мае.\n\n"
        "По словам главы управления, работы задержались на два месяца из-за дождей.\n".encode("koi8_r")
    )
    files = sorted(str(p) for p in SAMPLES.glob("*") if p.suffix in (".txt", ".html"))
    return files + [str(folder / name) for name in ("ties.txt", "repeated.html", "koi8.txt")]


@pytest.fixture(scope="session")
def per_seed(inputs):
    """{seed: {"what/format": sha256}} from one process per hash seed."""
    runs = {}
    for seed in SEEDS:
        result = subprocess.run(
            [sys.executable, "-c", _ALL_OUTPUTS, *inputs],
            capture_output=True,
            cwd=ROOT,
            timeout=600,
            env={**__import__("os").environ, "PYTHONHASHSEED": seed},
        )
        assert result.returncode == 0, result.stderr.decode()[-2000:]
        runs[seed] = json.loads(result.stdout)
    return runs


@pytest.mark.parametrize("what", ["clean", *ALGORITHMS])
def test_every_format_is_the_same_across_hash_seeds(per_seed, what):
    first = {k: v for k, v in per_seed[SEEDS[0]].items() if k.startswith(f"{what}/")}
    assert len(first) == 5  # text, json, jsonl, markdown, rich
    for seed in SEEDS[1:]:
        assert {k: v for k, v in per_seed[seed].items() if k.startswith(f"{what}/")} == first, seed


@pytest.mark.parametrize("command", ["summarize", "clean"])
def test_the_cli_gives_the_same_bytes_twice(inputs, command):
    # This process's hash seed (random unless PYTHONHASHSEED is set), then a process of its own with seed 0.
    runs = [
        run_cli(command, *inputs, "--format", "text"),
        run_process(command, *inputs, "--format", "text", env={"PYTHONHASHSEED": "0"}),
    ]
    assert runs[0].returncode == 0, runs[0].stderr
    assert runs[0].stdout and runs[0].stdout == runs[1].stdout


def test_the_digest_is_the_same_for_any_jobs_and_seed(inputs):
    outputs = []
    for jobs, run in (("1", run_cli), ("2", run_process)):  # a hash seed is a process's: the second has seed 1
        result = run(
            "digest", *inputs, "--jobs", jobs, "--format", "json", "--config", "/dev/null", env={"PYTHONHASHSEED": "1"}
        )
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)
        data.pop("generated")  # the one field that must change: when the digest was made
        outputs.append(data)
    assert outputs[0]["groups"] or outputs[0].get("stories")
    assert outputs[0] == outputs[1]
