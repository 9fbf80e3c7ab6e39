"""The digest and batch on Dask: the same bytes as --jobs 1, and the faults a cluster has.

One LocalCluster of 2 worker processes serves the whole module (made once);
one real `dask scheduler` with two `dask worker` processes on 127.0.0.1 is
driven through --scheduler. Every process started here is stopped here.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

pytest.importorskip("distributed")
# One xdist process runs all of these (make test: --dist loadgroup), so the clusters are made once.
pytestmark = pytest.mark.xdist_group("dask")

from conftest import ROOT, SAMPLES, run_cli  # noqa: E402
from dask_support import CLUSTER_ENV, FORMATS, SAVED_AT, RealCluster, digest_bytes, template_corpus  # noqa: E402

ENV = {"NEWSDIGEST_CONFIG": os.devnull, "SOURCE_DATE_EPOCH": "1795000000"}


@pytest.fixture(scope="session")
def local_cluster():
    """A LocalCluster of 2 worker processes for the whole run; tests reach it through --scheduler."""
    import logging

    import dask
    from distributed import LocalCluster

    # allowed-failures 0: a task is given up after one dead worker (the crash test costs 3 restarts,
    # not 6); no-workers-timeout: a test fails rather than hangs should no worker come back.
    with dask.config.set(
        {"distributed.scheduler.allowed-failures": 0, "distributed.scheduler.no-workers-timeout": "60s"}
    ):
        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.CRITICAL
        )
    yield cluster
    cluster.close()


@pytest.fixture(scope="session")
def real_cluster(tmp_path_factory):
    cluster = RealCluster(tmp_path_factory.mktemp("dask-cluster"), workers=2)
    yield cluster
    cluster.close()


@pytest.fixture(scope="session")
def tie_corpus(tmp_path_factory) -> Path:
    return template_corpus(tmp_path_factory.mktemp("ties") / "inbox")


def _has_tie(folder: Path) -> bool:
    """Some article's chosen sentences have exactly equal LexRank scores (the order rule decides)."""
    from newsdigest.api import SummaryOptions, summarize_file
    from newsdigest.summarizers.select import Length

    options = SummaryOptions(algorithm="lexrank", length=Length(sentences=2))
    for path in sorted(folder.iterdir())[:4]:
        scores = [s.score for s in summarize_file(str(path), options).sentences]
        if len(set(scores)) < len(scores):
            return True
    return False


# -- the same bytes ------------------------------------------------------------------------


def test_samples_every_format_identical_on_a_local_cluster(local_cluster):
    serial = digest_bytes([SAMPLES])
    on_dask = digest_bytes([SAMPLES], engine="dask", scheduler=local_cluster.scheduler_address)
    for fmt in FORMATS:
        assert on_dask[fmt] == serial[fmt], fmt
    assert json.loads(serial["json"])["counts"]["duplicates"] >= 1  # a merge happened


def test_tied_scores_every_format_identical_on_the_real_cluster(real_cluster, tie_corpus):
    serial = digest_bytes([tie_corpus], algorithm="lexrank", sentences=2)
    assert _has_tie(tie_corpus)  # the corpus does what it is for
    saved = {e["saved"] for g in json.loads(serial["json"])["groups"] for e in g["entries"]}
    assert datetime.fromtimestamp(SAVED_AT).date().isoformat() in saved  # undated stories: their file's day, here
    # (the real cluster's workers run in a time zone where that instant is another day)
    on_dask = digest_bytes(
        [tie_corpus], engine="dask", scheduler=real_cluster.address, algorithm="lexrank", sentences=2
    )
    for fmt in FORMATS:
        assert on_dask[fmt] == serial[fmt], fmt


def test_components_mode_runs_on_dask_and_merges_the_copies(local_cluster, tie_corpus):
    serial = json.loads(digest_bytes([tie_corpus], ("json",), dedup="components")["json"])
    on_dask = json.loads(
        digest_bytes(
            [tie_corpus], ("json",), dedup="components", engine="dask", scheduler=local_cluster.scheduler_address
        )["json"]
    )
    assert on_dask == serial
    assert serial["counts"]["duplicates"] == 6  # a000, a004, ..., a020 each have a copy


def test_cli_scheduler_flag_and_config_setting(real_cluster, tie_corpus, tmp_path):
    one = run_cli("digest", str(tie_corpus), "--format", "markdown", "--jobs", "1", env=ENV)
    flag = run_cli(
        "digest",
        str(tie_corpus),
        "--format",
        "markdown",
        "--engine",
        "dask",
        "--scheduler",
        real_cluster.address,
        env=ENV,
    )
    config = tmp_path / "config.toml"
    config.write_text(f'engine = "dask"\nscheduler = "{real_cluster.address}"\nformat = "markdown"\n', encoding="utf-8")
    by_env = run_cli("digest", str(tie_corpus), env={**ENV, "NEWSDIGEST_CONFIG": str(config)})
    assert one.returncode == flag.returncode == by_env.returncode == 0, (flag.stderr, by_env.stderr)
    assert flag.stdout == one.stdout == by_env.stdout
    assert flag.stderr == b""


# -- faults ----------------------------------------------------------------------------------


def _slow_corpus(folder: Path, count: int = 48) -> Path:
    """Long articles (about 0.1 s of work each), so that a worker can be killed mid-run."""
    folder.mkdir()
    for n in range(count):
        place = f"Westmere-{n}"
        sentences = " ".join(
            f"The {place} board reviewed proposal {i} on the harbor, with {n * 7 + i} residents attending and item "
            f"{i} approved."
            for i in range(60)
        )
        (folder / f"a{n:03d}.txt").write_text(
            f"{place} board reviews harbor proposals\nBy Staff ({place} Tribune) Updated: 2026-11-20\n\n{sentences}\n",
            encoding="utf-8",
        )
    return folder


def test_a_worker_killed_mid_run_changes_nothing(real_cluster, tmp_path):
    from distributed import Client

    inbox = _slow_corpus(tmp_path / "slow")
    expected = run_cli("digest", str(inbox), "--format", "json", "--jobs", "1", env=ENV)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsdigest",
            "digest",
            str(inbox),
            "--format",
            "json",
            "--engine",
            "dask",
            "--scheduler",
            real_cluster.address,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **ENV},
        cwd=ROOT,
    )
    killed = None
    with Client(real_cluster.address, timeout=10, set_as_default=False) as client:
        pids = client.run(os.getpid)  # worker address -> its process
        deadline = time.monotonic() + 60
        while killed is None and proc.poll() is None and time.monotonic() < deadline:
            busy = [pids[addr] for addr, tasks in client.processing().items() if tasks and addr in pids]
            if busy:
                killed = busy[0]
                os.kill(killed, signal.SIGKILL)  # the nanny starts a new worker; the scheduler reschedules
            else:
                time.sleep(0.05)
        out, err = proc.communicate(timeout=120)
        client.wait_for_workers(2, timeout=60)  # the cluster is whole again for the other tests
    assert killed is not None, "no task was seen running"
    assert proc.returncode == 0, err
    assert out == expected.stdout


def _crash_if_named(paths, options, cwd, missing_ok=frozenset()):
    """A worker task that dies (as a crash in a C library would) on an input named crash*."""
    import os as _os

    from newsdigest.digest.tasks import process_chunk

    if any(_os.path.basename(p).startswith("crash") for p in paths):
        _os._exit(1)
    return process_chunk(paths, options, cwd, missing_ok)


def test_an_input_that_crashes_its_worker_becomes_its_failure(local_cluster, tmp_path):
    import cloudpickle

    from newsdigest.digest import DigestOptions
    from newsdigest.digest.collect import Collected
    from newsdigest.digest.dask_engine import DaskEngine

    inbox = template_corpus(tmp_path / "inbox", count=5)
    (inbox / "crash-me.txt").write_text((inbox / "a001.txt").read_text(encoding="utf-8"), encoding="utf-8")
    paths = sorted(str(p) for p in inbox.iterdir())

    class Crashing(DaskEngine):
        def _future(self, chunk, missing_ok):
            return self.client.submit(_crash_if_named, chunk, self._options, self._cwd, missing_ok, pure=False)

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import this test module
    try:
        engine = Crashing(scheduler=local_cluster.scheduler_address, chunk=4)
        with engine:
            results = list(engine.results(paths, DigestOptions()))
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
        from distributed import Client

        with Client(local_cluster.scheduler_address, set_as_default=False) as client:
            client.wait_for_workers(2, timeout=60)  # both restarted workers back, for the tests after this one
    assert [r[0].summary.article.path if isinstance(r[0], Collected) else r[0].path for r in results] == paths
    failed = {r[0].path: r[0].reason for r in results if not isinstance(r[0], Collected)}
    assert list(failed) == [str(inbox / "crash-me.txt")] and "crashed the worker" in failed[str(inbox / "crash-me.txt")]


def test_unreachable_scheduler_is_one_line_and_exit_1(tmp_path):
    import socket

    with socket.socket() as probe:  # a free port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_cli(
        "digest",
        str(SAMPLES),
        "--engine",
        "dask",
        "--scheduler",
        f"tcp://127.0.0.1:{port}",
        env={**ENV, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"},
        timeout=60,
    )
    lines = result.stderr.decode().strip().splitlines()
    assert result.returncode == 1 and result.stdout == b""
    assert len(lines) == 1 and f"127.0.0.1:{port}" in lines[0] and "cannot reach the Dask scheduler" in lines[0]


def _ignores_sigint(pid: int) -> bool:
    """The process has set SIGINT to ignored (Linux: bit 2 of SigIgn in /proc/PID/status)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    mask = next((int(line.split()[1], 16) for line in status.splitlines() if line.startswith("SigIgn:")), 0)
    return bool(mask & (1 << (signal.SIGINT - 1)))


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads signal masks from /proc (Linux)")
def test_ctrl_c_cancels_and_exits_130_leaving_no_process(tmp_path):
    psutil = pytest.importorskip("psutil")
    inbox = _slow_corpus(tmp_path / "slow", count=200)
    out = tmp_path / "today.md"
    out.write_text("the earlier digest\n", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsdigest", "digest", str(inbox), "-o", str(out), "--engine", "dask", "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **ENV, **CLUSTER_ENV},
        cwd=ROOT,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        process_group=0,
    )
    parent = psutil.Process(proc.pid)
    workers: list = []
    deadline = time.monotonic() + 60
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:  # both workers set up
        workers = [p for p in parent.children(recursive=True) if _ignores_sigint(p.pid)]
        time.sleep(0.1)
    children = parent.children(recursive=True)
    time.sleep(0.5)  # and working
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: to every process of the group, workers too
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert set(err.decode().strip().splitlines()) <= {"newsdigest: interrupted"}  # no worker's traceback
    assert b"Traceback" not in err
    assert out.read_text(encoding="utf-8") == "the earlier digest\n"
    gone, alive = psutil.wait_procs(children, timeout=15)
    assert not alive, [p.cmdline() for p in alive]


@pytest.mark.skipif(
    os.geteuid() != 0 or not Path("/usr/bin/unshare").exists(), reason="needs root and unshare for a private mount"
)
def test_a_worker_that_cannot_see_an_input_is_one_clear_error(tmp_path):
    inbox = template_corpus(tmp_path / "inbox", count=3)
    hidden = tmp_path / "cluster"
    hidden.mkdir()
    # This worker has its own mounts: an empty tmpfs over the inbox (another machine's file system).
    prefix = (
        "unshare",
        "-m",
        "--propagation",
        "private",
        "sh",
        "-c",
        f'mount -t tmpfs none "{inbox}" && exec "$0" "$@"',
    )
    try:
        cluster = RealCluster(hidden, workers=1, worker_prefix=prefix)
    except Exception as err:  # noqa: BLE001 - a sandbox without mount rights
        pytest.skip(f"cannot start a worker with its own mounts: {err}")
    try:
        result = run_cli("digest", str(inbox), "--engine", "dask", "--scheduler", cluster.address, env=ENV)
    finally:
        cluster.close()
    lines = result.stderr.decode().strip().splitlines()
    assert result.returncode == 1 and result.stdout == b""
    assert len(lines) == 1, lines
    assert (
        "worker tcp://127.0.0.1:" in lines[0]
        and f"{inbox}{os.sep}a000" in lines[0]
        and "shared file system" in lines[0]
    )


# -- batch on Dask ---------------------------------------------------------------------------


def test_batch_on_dask_writes_the_rows_the_local_engine_writes(local_cluster, tie_corpus, tmp_path):
    from newsdigest.digest import DigestOptions
    from newsdigest.digest.batch import write_batch

    write_batch([str(tie_corpus)], str(tmp_path / "local"), "jsonl", DigestOptions())
    write_batch(
        [str(tie_corpus)],
        str(tmp_path / "dask"),
        "jsonl",
        DigestOptions(engine="dask", scheduler=local_cluster.scheduler_address),
    )
    local = (tmp_path / "local" / "part-00000.jsonl").read_bytes()
    assert (tmp_path / "dask" / "part-00000.jsonl").read_bytes() == local
    rows = [json.loads(line) for line in local.splitlines()]
    assert len({r["story"] for r in rows}) == len(rows) - 6  # six copies share their story's id
