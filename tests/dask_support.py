"""Helpers for the Dask tests: clusters on 127.0.0.1, a template-written corpus, digests as bytes.

Kept out of conftest.py (shared with the other test files) and imported only by
test_distributed.py and test_batch.py, so runs without Dask never load it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

NOW = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
FORMATS = ("rich", "text", "markdown", "html", "json", "email")
PLACES = "Westmere Tallow Brackenford Fennick Arden Pell Marrow Corliss Dunmore Heddle Quarry Gull".split()
# The workers' and the scheduler's own settings: a task may outlive one dead worker, not two
# (as our LocalCluster does), and no dashboards.
CLUSTER_ENV = {
    "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "1",
    "DASK_DISTRIBUTED__SCHEDULER__NO_WORKERS_TIMEOUT": "60s",
}
SAVED_AT = datetime(2026, 11, 20, 12, 0, tzinfo=UTC).timestamp()  # the corpus files' modification time


def other_time_zone() -> str:
    """A time zone whose calendar day at SAVED_AT differs from this process's (for the workers)."""
    here = datetime.fromtimestamp(SAVED_AT).date()
    for zone in ("Etc/GMT-14", "Etc/GMT+12"):
        os.environ["TZ"], saved = zone, os.environ.get("TZ")
        time.tzset()
        there = datetime.fromtimestamp(SAVED_AT).date()
        if saved is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = saved
        time.tzset()
        if there != here:
            return zone
    raise AssertionError("no time zone differs")


WORDS = (
    "ferry harbor council budget orchard library bridge school clinic museum market railway festival stadium "
    "tunnel reservoir quay lighthouse vineyard bakery brewery foundry granary mill pier dock canal lock "
    "approved delayed expanded opened closed funded rejected reviewed announced postponed repaired widened "
    "painted moved rebuilt inspected leased sold bought renamed merged cancelled doubled halved "
    "residents farmers teachers nurses drivers fishermen students traders pensioners volunteers engineers "
    "mayor governor inspector auditor architect surveyor treasurer chairwoman spokesman director "
    "winter spring summer autumn morning evening weekend holiday harvest season "
    "copper timber granite cedar walnut linen wool cotton barley oats rye hops apples pears plums"
).split()


def template_corpus(folder: Path, count: int = 24) -> Path:
    """Articles written from one template. Within an article no two sentences share a content word,
    so LexRank gives them all exactly the same score (the order rule alone decides the picks);
    across articles the words differ, so each is its own story. Every fourth article is re-saved
    under another header (a near-duplicate); every third is undated (its file's day is its date)."""
    import random

    rng = random.Random(17)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        place = PLACES[n % len(PLACES)] + ("" if n < len(PLACES) else f"-{n}")
        words = rng.sample(WORDS, 25)
        sentences = [
            f"Officials in the town said on Monday that the {a} and the {b} would be {c} near the {d} {e} before the "
            f"end of the year."
            for a, b, c, d, e in zip(*[iter(words)] * 5)
        ]
        body = "\n\n".join(" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2))
        dated = n % 3 != 0
        byline = (
            f"By Staff ({place} Tribune) Updated: 2026-11-{n % 28 + 1:02d}" if dated else f"By Staff ({place} Tribune)"
        )
        title = f"{place} {words[0]} and {words[1]} to be {words[2]}"
        (folder / f"a{n:03d}.txt").write_text(f"Home > News\n{title}\n{byline}\n\n{body}\n", encoding="utf-8")
        if n % 4 == 0:
            (folder / f"a{n:03d}-copy.txt").write_text(
                f"Front page | Weather\n{title}\n{byline}\n\n{body}\n\nMore stories\n", encoding="utf-8"
            )
    for path in folder.iterdir():  # noon UTC: another calendar day in a time zone 14 hours away
        os.utime(path, (SAVED_AT, SAVED_AT))
    return folder


def digest_bytes(specs, formats=FORMATS, **options) -> dict[str, bytes]:
    """The digest of `specs`, made once, rendered in every format (as the CLI writes them)."""
    from newsdigest.api import SummaryOptions
    from newsdigest.digest import DigestOptions, make_digest
    from newsdigest.render import RenderOptions, render_digest
    from newsdigest.summarizers.select import Length

    summary = SummaryOptions(
        algorithm=options.pop("algorithm", None), length=Length(sentences=options.pop("sentences", None))
    )
    digest = make_digest([str(s) for s in specs], DigestOptions(now=NOW, summary=summary, **options))
    return {
        fmt: render_digest(digest, RenderOptions(format=fmt, to="r@example.org", sender="d@example.org")).encode()
        for fmt in formats
    }


class RealCluster:
    """`dask scheduler` and `dask worker` processes on 127.0.0.1, random free ports."""

    def __init__(self, folder: Path, workers: int = 2, worker_prefix: tuple[str, ...] = ()) -> None:
        self.folder = folder
        self.file = folder / "scheduler.json"
        self.env = {**os.environ, **CLUSTER_ENV, "TZ": other_time_zone()}  # the workers keep another calendar day
        bin_dir = Path(sys.executable).parent
        self.dask = str(bin_dir / "dask")
        self.procs: list[subprocess.Popen] = []
        self.worker_prefix = worker_prefix
        self._start(
            [
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--dashboard-address",
                ":0",
                "--scheduler-file",
                str(self.file),
            ]
        )
        for _ in range(workers):
            self.add_worker()
        self.address = self._wait(workers)

    def _start(self, args: list[str], prefix: tuple[str, ...] = ()) -> None:
        log = open(self.folder / f"proc-{len(self.procs)}.log", "wb")
        self.procs.append(subprocess.Popen([*prefix, self.dask, *args], stdout=log, stderr=log, env=self.env))
        log.close()

    def add_worker(self) -> None:
        for _ in range(200):
            if self.file.exists():
                break
            time.sleep(0.05)
        self._start(
            [
                "worker",
                "--scheduler-file",
                str(self.file),
                "--nthreads",
                "1",
                "--nworkers",
                "1",
                "--no-dashboard",
                "--host",
                "127.0.0.1",
            ],
            self.worker_prefix,
        )

    def _wait(self, workers: int) -> str:
        from distributed import Client

        with Client(scheduler_file=str(self.file), timeout=30, set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=60)
            return client.scheduler.address

    def close(self) -> None:
        from distributed import Client

        try:  # the scheduler tells its workers to close (much quicker than each one's SIGTERM)
            with Client(scheduler_file=str(self.file), timeout=5, set_as_default=False) as client:
                client.shutdown()
        except Exception:  # noqa: BLE001 - never up, or already gone: signals below
            pass
        import psutil

        # What is left after the shutdown (a nanny still reconnecting, sometimes for seconds):
        # the whole tree of each process, terminated, then killed.
        tree = []
        for proc in self.procs:
            try:
                proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                try:
                    parent = psutil.Process(proc.pid)
                    tree += [parent, *parent.children(recursive=True)]
                except psutil.NoSuchProcess:
                    pass
        for process in tree:
            try:
                process.terminate()
            except psutil.NoSuchProcess:
                pass
        _, alive = psutil.wait_procs(tree, timeout=3)
        for process in alive:
            process.kill()
        psutil.wait_procs(alive, timeout=5)
        for proc in self.procs:
            proc.wait(timeout=5)
