"""--jobs 2 gives the very bytes of --jobs 1 on a corpus where scores tie.

The corpus is the digest benchmark's: 600 template-written articles, whose
sentences are so alike that some score the same to six decimals. Before
rankings compared rounded scores (then positions), float noise between worker
processes flipped a pick in about one run in four: the order in which a
process first met the words decides the order of a sum, so a score's last bits
depend on the process's history. Each run is therefore a fresh process, as a
real `newsdigest digest` is, and renders both formats from one collection.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

# One test process runs the whole module; its costly fixtures are session-scoped, so they are
# made once even when the process runs other modules' tests in between.
pytestmark = pytest.mark.xdist_group("ordering")

# One digest run in a fresh interpreter: collect with --jobs N, render each format.
RUN = """
import json, sys
from datetime import datetime, timezone
from newsdigest.digest import DigestOptions, build_digest, collect_inputs
from newsdigest.render import RenderOptions, render_digest

folder, jobs = sys.argv[1], int(sys.argv[2])
options = DigestOptions(jobs=jobs, now=datetime(2026, 11, 18, 6, 0, tzinfo=timezone.utc))
digest = build_digest(collect_inputs([folder], options), options)
print(json.dumps({fmt: render_digest(digest, RenderOptions(format=fmt)) for fmt in ("json", "markdown")}))
"""


def _generator():
    spec = importlib.util.spec_from_file_location("bench_digest", ROOT / "benchmarks" / "digest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "inbox"
    _generator()(folder, 600)
    return folder


def outputs(folder: Path, jobs: int) -> dict[str, str]:
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(folder), str(jobs)], capture_output=True, cwd=ROOT, timeout=300
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    return json.loads(done.stdout)


@pytest.fixture(scope="session")
def serial(corpus) -> dict[str, str]:
    done = outputs(corpus, 1)
    assert done["json"].count('"fingerprint"') > 500  # the corpus really is in the digest
    return done


# Five runs, each its own test so that they spread over the test processes.
@pytest.mark.parametrize("run", range(1, 6))
def test_parallel_runs_give_the_bytes_of_one_worker(corpus, serial, run):
    parallel = outputs(corpus, 2)
    for fmt in ("json", "markdown"):
        assert parallel[fmt] == serial[fmt], f"run {run}: --jobs 2 differs from --jobs 1 in {fmt}"
