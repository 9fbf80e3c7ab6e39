"""The Dask engine: the per-article work on a Dask cluster, results handed back in input order.

    newsdigest digest INPUTS --engine dask --scheduler tcp://HOST:8786   # a running cluster
    newsdigest digest INPUTS --engine dask --jobs 4                      # a LocalCluster of 4 processes

Three phases, all on the cluster until the last:

1. Work. The inputs are cut into chunks of CHUNK paths, one task each
   (tasks.process_chunk). A chunk whose task kills its worker more often than
   the scheduler allows (Dask reschedules a task after a worker dies, up to
   `distributed.scheduler.allowed-failures` times) is split into single inputs
   and retried; a single input that still kills its worker is read once more
   with nothing else of the run on the cluster (a dying worker fails every
   task it held, so a neighbour could be blamed), and only then becomes that
   input's failure. The others are read. A worker that cannot find an input this
   machine can read stops the run with one line naming the worker and the
   path: every worker must see the inputs at the same path.
2. Count. Every chunk's LSH band keys, hash-partitioned, are counted in a tree
   of merges (tasks.merge_counts); a story none of whose keys is shared is
   marked isolated, where its chunk's results are (tasks.mark_isolated).
3. Gather. The results come back a window of chunks at a time, in input order,
   and are released on the cluster once read. The driver merges them in that
   order (collection.Collection), skipping the look-ups of isolated stories.

A worker killed in any phase costs nothing but time: Dask recomputes what it
held from the futures this engine keeps. Ctrl-C cancels every future.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..errors import EngineError, UsageError
from ..models import Failure
from .engines import Engine

CHUNK = 32  # inputs per task: about 0.3 s of work, so the scheduler's ~1 ms a task is noise
FAN_IN = 16  # count merges: partial counts combined per task
WINDOW = 16  # chunks gathered per round trip
CONNECT_TIMEOUT = 10.0  # seconds to reach a scheduler; DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT overrides
ALLOWED_FAILURES = 1  # our own LocalCluster: a task may outlive one dead worker, not two
NO_WORKERS_TIMEOUT = "120s"  # our own LocalCluster: how long a task may wait with no worker alive


@dataclass
class _Piece:
    """Consecutive inputs: a task's future, or results already known (a walk's failure, stdin)."""

    paths: list[str]
    future: object = None
    output: object = None  # tasks.ChunkOutput
    flagged: object = None  # future of the output with isolated stories marked
    missing_ok: frozenset[str] = field(default_factory=frozenset)
    alone: bool = False  # a single input to run with nothing else of the run beside it


class DaskEngine(Engine):
    name = "dask"

    def __init__(self, jobs: int = 1, scheduler: str | None = None, chunk: int = CHUNK, isolate: bool = True) -> None:
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise UsageError("--engine dask needs Dask: pip install 'newsdigest[dask]'") from None
        self.chunk = max(1, chunk)
        self.isolate = isolate
        self.cluster = None
        if scheduler:
            self.client = _connect(scheduler)
        else:
            self.cluster, self.client = _local_cluster(jobs)
        self._count: list = []

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def results(self, inputs: Iterable, options) -> Iterator[list]:
        # The options go with each task, not scattered once: a task's inputs must survive any
        # worker's death (scattered data has one life; a task's arguments can be sent again).
        self._options = options
        self._cwd = os.getcwd()
        pieces: list[_Piece] = []  # filled as the inputs are walked: a Ctrl-C mid-walk cancels what was sent
        try:
            self._submit(inputs, pieces)
            self._settle(pieces)
            if self.isolate:
                self._mark(pieces)
            yield from self._gather(pieces)
        except BaseException:
            self.client.cancel(
                [f for p in pieces for f in (p.future, p.flagged) if f is not None] + self._count, force=True
            )
            raise
        finally:
            self._count = []

    # -- phase 1: the work ----------------------------------------------------------

    def _submit(self, inputs: Iterable, pieces: list[_Piece]) -> None:
        from ..loading import STDIN
        from .collect import process
        from .tasks import ChunkOutput

        buffer: list[str] = []

        def flush() -> None:
            if buffer:
                pieces.append(self._task(list(buffer)))
                buffer.clear()

        for item in inputs:
            if isinstance(item, Failure) or item == STDIN:
                flush()
                results = [item] if isinstance(item, Failure) else process(item, self._options)
                pieces.append(_Piece([getattr(item, "path", item)], output=ChunkOutput([results])))
            else:
                buffer.append(item)
                if len(buffer) >= self.chunk:
                    flush()
        flush()

    def _task(self, paths: list[str], missing_ok: frozenset[str] = frozenset()) -> _Piece:
        return _Piece(paths, future=self._future(paths, missing_ok), missing_ok=missing_ok)

    def _future(self, paths: list[str], missing_ok: frozenset[str]):
        """The one place work is sent to the cluster."""
        from .tasks import process_chunk

        return self.client.submit(process_chunk, paths, self._options, self._cwd, missing_ok, pure=False)

    def _settle(self, pieces: list[_Piece]) -> None:
        """Wait for every chunk; retry the ones that failed (split, or with a missing file allowed)."""
        from distributed import wait

        while True:
            running = [p.future for p in pieces if p.future is not None]
            if running:
                with self.client.as_current():
                    wait(running)
            settled: list[_Piece] = []
            for piece in pieces:
                if piece.future is not None and piece.future.status == "error":
                    settled.extend(self._retry(piece))
                else:
                    settled.append(piece)
            retried = len(settled) != len(pieces) or any(a is not b for a, b in zip(settled, pieces))
            pieces[:] = settled
            if not retried:
                return
            if any(p.future is not None and p.future.status == "pending" for p in pieces):
                continue  # wait for the retries running side by side first
            for piece in pieces:
                if piece.alone and piece.future is None and piece.output is None:
                    self._run_alone(piece)

    def _run_alone(self, piece: _Piece) -> None:
        """One input, with nothing else of this run on the cluster: if its worker dies, it was this one.

        (A worker that dies fails every task it held, queued ones too, so an
        input read beside the crashing one could be blamed wrongly.)"""
        from distributed import wait

        piece.future = self._future(piece.paths, piece.missing_ok)
        with self.client.as_current():
            wait([piece.future])

    def _retry(self, piece: _Piece) -> list[_Piece]:
        from distributed import KilledWorker

        from .tasks import Unreadable, crashed

        err = piece.future.exception()
        if isinstance(err, Unreadable):
            if os.path.lexists(os.path.join(self._cwd, err.path)):
                raise EngineError(
                    f"cannot find {err.path}, which this machine can read: every worker must see the inputs "
                    "at the same path (a shared file system)",
                    f"worker {err.worker}",
                )
            return [self._task(piece.paths, piece.missing_ok | {err.path})]  # gone here too: a plain failure
        if isinstance(err, (KilledWorker, MemoryError)):
            if len(piece.paths) > 1:  # one of them kills its worker: find it by reading each on its own
                return [self._task([path], piece.missing_ok) for path in piece.paths]
            if not piece.alone:  # then with nothing beside it, before blaming it
                return [_Piece(piece.paths, missing_ok=piece.missing_ok, alone=True)]
            from .tasks import ChunkOutput

            return [_Piece(piece.paths, output=ChunkOutput(crashed(piece.paths).results))]
        raise EngineError(f"a worker failed: {type(err).__name__}: {err}", "dask")

    # -- phase 2: the count of band keys ----------------------------------------------

    def _mark(self, pieces: list[_Piece]) -> None:
        import operator

        from .tasks import chunk_keys, mark_isolated, merge_counts, shared_keys

        client = self.client
        for piece in pieces:  # stdin's stories count too (their keys may be another story's)
            if piece.future is None and any(not isinstance(i, Failure) for r in piece.output.results for i in r):
                piece.future = client.submit(_given, piece.output, pure=False)  # a task, so it can be recomputed
        futures = [p.future for p in pieces if p.future is not None]
        if not futures:
            return
        parts = max(1, min(16, len(client.scheduler_info(n_workers=-1)["workers"])))
        leaves = [client.submit(chunk_keys, f, parts, pure=False) for f in futures]
        shared = []
        for part in range(parts):
            level = [client.submit(operator.getitem, leaf, part, pure=False) for leaf in leaves]
            while True:
                level = [
                    client.submit(merge_counts, *level[i : i + FAN_IN], pure=False)
                    for i in range(0, len(level), FAN_IN)
                ]
                if len(level) == 1:
                    break
            shared.append(client.submit(shared_keys, level[0], pure=False))
        self._count = shared
        for piece in pieces:
            if piece.future is not None:
                piece.flagged = client.submit(mark_isolated, piece.future, *shared, pure=False)

    # -- phase 3: the results, in order -------------------------------------------------

    def _gather(self, pieces: list[_Piece]) -> Iterator[list]:
        for start in range(0, len(pieces), WINDOW):
            window = pieces[start : start + WINDOW]
            for piece, output in zip(window, self._outputs(window)):
                piece.future = piece.flagged = None  # released on the cluster once read
                yield from output.results

    def _outputs(self, window: list[_Piece]) -> list:
        wanted = [p.flagged or p.future for p in window if p.output is None or p.flagged is not None]
        try:
            got = iter(self.client.gather(wanted)) if wanted else iter(())
            return [next(got) if (p.output is None or p.flagged is not None) else p.output for p in window]
        except (KeyboardInterrupt, SystemExit, EngineError):
            raise
        except Exception:
            return [self._again(p) for p in window]

    def _again(self, piece: _Piece):
        """A chunk lost after phase 1 (its workers died too often): read again, unmarked (still correct)."""
        if piece.output is not None and piece.flagged is None:
            return piece.output
        try:
            return (piece.flagged or piece.future).result()
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception:
            again = [self._task(piece.paths, piece.missing_ok)]
            self._settle(again)
            outputs = [p.output if p.future is None else p.future.result() for p in again]
            from .tasks import ChunkOutput

            return ChunkOutput([r for o in outputs for r in o.results])


def _given(output):
    return output


def _connect(address: str):
    from distributed import Client

    timeout = _connect_timeout()
    try:
        return Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as err:
        reason = str(err).split("\n")[0] or type(err).__name__
        raise EngineError(
            f"cannot reach the Dask scheduler within {timeout:g} s ({reason}); is `dask scheduler` running there?",
            address,
        ) from None
    except (ValueError, TypeError) as err:
        raise UsageError(f"--scheduler {address!r} is not a scheduler address like tcp://HOST:8786 ({err})") from None


def _connect_timeout() -> float:
    given = os.environ.get("DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT")  # read now: Dask read its config at import
    if given:
        from dask.utils import parse_timedelta

        try:
            return float(parse_timedelta(given.strip(), default="seconds"))
        except (ValueError, KeyError):
            raise UsageError(
                f"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT: not a time like 5s or 1m ({given!r})"
            ) from None
    return CONNECT_TIMEOUT


#: Our local cluster's worker processes share multiprocessing's resource tracker, which
#: this process starts with its own -W options. After a Ctrl-C the tracker warns on stderr
#: of the semaphores the killed workers left, which it then removes itself: noise after
#: "newsdigest: interrupted", so that one warning is filtered in the tracker.
TRACKER_WARNING_FILTER = "ignore:resource_tracker:UserWarning"


def _local_cluster(jobs: int):
    import logging

    import dask
    from distributed import Client, LocalCluster

    if TRACKER_WARNING_FILTER not in sys.warnoptions:
        sys.warnoptions.append(TRACKER_WARNING_FILTER)
    # no-workers-timeout: should every worker die and none come back, the tasks fail (one
    # clear error) rather than wait for ever.
    with dask.config.set(
        {
            "distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
            "distributed.scheduler.no-workers-timeout": NO_WORKERS_TIMEOUT,
        }
    ):
        cluster = LocalCluster(
            # ":0": the scheduler's HTTP endpoint (started even without a dashboard) on a free
            # port; on the default 8787 a second run at the same time would print a warning.
            n_workers=max(1, jobs),
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.CRITICAL,  # stderr carries only our lines
            preload=["newsdigest.digest.dask_worker"],  # workers leave Ctrl-C to this process
        )
    return cluster, Client(cluster, set_as_default=False)
