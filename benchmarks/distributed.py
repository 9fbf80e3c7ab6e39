"""The digest on Dask: scaling, per-task overhead, the driver's ceiling, bytes shipped, and a projection.

    python benchmarks/distributed.py                      # 600 articles, 1 and 2 workers
    python benchmarks/distributed.py --articles 2000 --workers 1 2 4 --stories 100000

Prints:
1. articles per second with the local engine (--jobs 1) and on a LocalCluster
   of 1, 2, ... worker processes (cluster start-up not counted), and the
   efficiency rate(k) / (k x rate(1));
2. per-task overhead: an empty task's round trip, and articles per second by
   chunk size on one worker;
3. the driver's ceiling: stories merged per second (dedup.Clusters.add) on
   synthetic MinHash signatures, with and without the isolated-story shortcut;
4. bytes shipped per article (task arguments out, results back, pickled);
5. a projection on paper: when the driver saturates, and what a million
   articles an hour needs.

Articles are invented (benchmarks/digest.py's generator: text and HTML pages,
about 5% near-duplicates). On a 2-core machine more than 2 workers only share
the cores; run it on the cluster's own machines for real figures.
"""

from __future__ import annotations

import argparse
import logging
import pickle
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# This file is called distributed.py, like Dask's package: its folder must not be on the path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(HERE.parent))


def _generator():
    """benchmarks/digest.py's generate(), imported by file (its folder is off the path)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("digest_benchmark", HERE / "digest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate


def _paths(folder: Path) -> list[str]:
    from newsdigest.digest.inputs import iter_inputs

    return [p for p in iter_inputs([str(folder)]) if isinstance(p, str)]


def _run(engine, paths, options) -> float:
    start = time.perf_counter()
    count = sum(1 for _ in engine.results(paths, options))
    assert count == len(paths)
    return time.perf_counter() - start


def _cluster(workers: int):
    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.CRITICAL,
        )


def scaling(paths, options, workers: list[int]) -> dict[int, float]:
    from newsdigest.digest.dask_engine import DaskEngine
    from newsdigest.digest.engines import LocalEngine

    _run(LocalEngine(1), paths[:4], options)  # warm: imports and models loaded, as on the workers below
    local = len(paths) / _run(LocalEngine(1), paths, options)
    print(f"local engine, --jobs 1: {local:7.1f} articles/s")
    rates, cpu = {}, {}
    for k in workers:
        cluster = _cluster(k)
        try:
            with DaskEngine(scheduler=cluster.scheduler_address) as engine:
                _run(engine, paths[: 4 * k], options)  # warm: imports on every worker
                before = sum(engine.client.run(_cpu_seconds).values())
                rates[k] = len(paths) / _run(engine, paths, options)
                cpu[k] = (sum(engine.client.run(_cpu_seconds).values()) - before) / len(paths)
        finally:
            cluster.close()
    first = workers[0]
    print(
        "\n| workers | articles/s | efficiency rate(k)/(k x rate(1)) | worker CPU ms an article | CPU efficiency |\n"
        "|---|---|---|---|---|"
    )
    for k, rate in rates.items():
        print(
            f"| {k} | {rate:.1f} | {rate / (k * rates[first]) * first:.2f} | {cpu[k] * 1000:.1f} "
            f"| {cpu[first] / cpu[k]:.2f} |"
        )
    print(
        "(CPU efficiency: worker CPU an article with 1 worker / with k; what distribution costs, apart from\n"
        " the cores the machine really has free, which wall-clock efficiency also measures)"
    )
    return {"local": local, **rates, "cpu": cpu[first]}


def _cpu_seconds() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def overhead(paths, options, chunks: list[int]) -> tuple[float, dict[int, float]]:
    from distributed import Client

    from newsdigest.digest.dask_engine import DaskEngine

    cluster = _cluster(1)
    try:
        with Client(cluster, set_as_default=False) as client:
            client.submit(int, 0, pure=False).result()
            n = 300
            start = time.perf_counter()
            client.gather([client.submit(int, i, pure=False) for i in range(n)])
            per_task = (time.perf_counter() - start) / n
        rates = {}
        sample = paths[: min(len(paths), 192)]
        for size in chunks:
            with DaskEngine(scheduler=cluster.scheduler_address, chunk=size) as engine:
                _run(engine, sample[:8], options)
                rates[size] = len(sample) / _run(engine, sample, options)
    finally:
        cluster.close()
    print(f"\nan empty task, submitted and gathered (1 worker): {per_task * 1000:.2f} ms a task")
    print("\n| chunk (articles a task) | articles/s, 1 worker |\n|---|---|")
    for size, rate in rates.items():
        print(f"| {size} | {rate:.1f} |")
    return per_task, rates


def driver_ceiling(stories: int) -> dict[str, float]:
    import numpy as np

    from newsdigest.digest.collect import Collected
    from newsdigest.digest.dedup import NUM_PERM, Clusters, band_keys
    from newsdigest.digest.scratch import scratch_database
    from newsdigest.digest.tasks import ChunkOutput, chunk_keys, mark_isolated, merge_counts, shared_keys

    rng = np.random.default_rng(11)
    sigs = rng.integers(0, 2**32, size=(stories, NUM_PERM), dtype=np.uint64).astype(np.uint32)
    copies = rng.random(stories) < 0.01  # 1% near-copies of an earlier story
    for i in np.flatnonzero(copies):
        if i:
            sigs[i] = sigs[rng.integers(i)]
            sigs[i, rng.choice(NUM_PERM, 8, replace=False)] = rng.integers(0, 2**32, 8, dtype=np.uint64).astype(
                np.uint32
            )
    raw = [s.tobytes() for s in sigs]
    keys = [tuple(band_keys(s)) for s in raw]
    items = [Collected(None, "", s, None, None, k) for s, k in zip(raw, keys)]
    outputs = [ChunkOutput([[i] for i in items[c : c + 1000]]) for c in range(0, stories, 1000)]
    start = time.perf_counter()
    leaves = [chunk_keys(o, 2) for o in outputs]
    shared = [shared_keys(merge_counts(*[leaf[p] for leaf in leaves])) for p in range(2)]
    flags = [r[0].isolated for o in outputs for r in mark_isolated(o, *shared).results]
    count_s = time.perf_counter() - start
    rates = {}
    for name, use in (("without the shortcut", False), ("with the isolated shortcut", True)):
        db = scratch_database()
        clusters = Clusters(db)
        start = time.perf_counter()
        numbers = []
        for first in range(0, stories, 500):  # in transactions of 500 stories, as Collection.add writes
            db.execute("BEGIN")
            numbers += [
                clusters.add(s, k, f and use)
                for s, k, f in zip(raw[first : first + 500], keys[first : first + 500], flags[first : first + 500])
            ]
            db.execute("COMMIT")
        rates[name] = stories / (time.perf_counter() - start)
        rates.setdefault("numbers", numbers)
        assert numbers == rates["numbers"], "the shortcut changed the clusters"
    print(
        f"\ndriver merge of {stories:,} synthetic signatures (1% near-copies; {sum(flags) / stories:.1%} isolated; "
        f"the count itself, run here in one process: {count_s:.2f} s)"
    )
    print("\n| merge | stories/s |\n|---|---|")
    for name in ("without the shortcut", "with the isolated shortcut"):
        print(f"| {name} | {rates[name]:,.0f} |")
    print("(identical cluster numbers both ways)")
    return rates


def shipped(paths, options) -> tuple[float, float]:
    from newsdigest.digest.tasks import process_chunk

    chunk = paths[:32]
    out = pickle.dumps((process_chunk, chunk, options, "/", frozenset()), protocol=pickle.HIGHEST_PROTOCOL)
    back = pickle.dumps(process_chunk(chunk, options, "/"), protocol=pickle.HIGHEST_PROTOCOL)
    per_out, per_back = len(out) / len(chunk), len(back) / len(chunk)
    print(
        f"\nbytes shipped per article (chunks of {len(chunk)}): {per_out:,.0f} out (paths, options), "
        f"{per_back:,.0f} back (summary, metadata, signature, band keys); the count adds 21 keys x 8 bytes"
    )
    return per_out, per_back


def projection(rates, per_task, driver, back: float) -> None:
    one = 1 / rates["cpu"]  # a worker core's rate from its CPU time: steadier than wall time on a busy machine
    target = 1_000_000 / 3600
    merge = driver["with the isolated shortcut"]
    print("\nprojection (on paper)")
    import math

    print(
        f"- one worker core reads {one:.1f} of these (short, invented) articles/s (its CPU time); a million an hour is "
        f"{target:.0f} articles/s: {math.ceil(target / one)} worker process(es) (cores) at full efficiency, "
        f"{math.ceil(target / (one * 0.8))} at 80%; articles k times longer need about k times as many"
    )
    print(
        f"- the driver merges {merge:,.0f} stories/s with the shortcut: "
        f"it saturates at about {merge / one:,.0f} workers "
        f"(without it: {driver['without the shortcut'] / one:,.0f}); "
        f"at a million an hour it is {target / merge:.1%} busy"
    )
    print(f"- results coming back at {target:.0f} articles/s: {target * back / 1e6:.2f} MB/s into the driver")
    print(
        f"- the scheduler: {target / 32:.1f} tasks/s at 32 articles a task, "
        f"against ~{1 / per_task:,.0f} tasks/s it can hand out"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--chunks", type=int, nargs="+", default=[1, 4, 16, 64])
    parser.add_argument("--stories", type=int, default=100_000, help="synthetic signatures for the driver's ceiling")
    args = parser.parse_args()
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("distributed.py: needs the dask extra (pip install -e '.[dask]'); skipped")
        return 0
    generate = _generator()
    from newsdigest.digest import DigestOptions

    options = DigestOptions()
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), args.articles)
        paths = _paths(Path(tmp))
        print(f"{len(paths)} invented articles\n")
        rates = scaling(paths, options, args.workers)
        per_task, _ = overhead(paths, options, args.chunks)
        _, back = shipped(paths, options)
    driver = driver_ceiling(args.stories)
    projection(rates, per_task, driver, back)
    return 0


if __name__ == "__main__":
    sys.exit(main())
