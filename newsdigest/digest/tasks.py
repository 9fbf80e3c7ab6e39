"""What a distributed engine's workers run: a chunk of inputs, and the count of band keys.

Plain functions over plain data, importable on any worker that has the same
newsdigest installed; they know nothing of Dask, so another engine (Spark)
can run the same ones.

- process_chunk: load, clean, summarize and fingerprint a chunk of inputs
  (collect.process), each story with its MinHash signature and LSH band keys.
- chunk_keys / merge_counts / shared_keys: a distributed count of band keys,
  hash-partitioned, merged in a tree; a key is shared when two stories have it.
- mark_isolated: a chunk's stories flagged isolated when none of their keys
  is shared, so the driver skips their look-ups (dedup.Clusters.add).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

from ..models import Failure
from .collect import process


@dataclass(frozen=True)
class ChunkOutput:
    """A chunk's results: for each input, in order, its stories (Collected) or failures."""

    results: list  # list[list[Collected | Failure]]


class Unreadable(Exception):
    """A worker cannot find an input (another file system than the driver's)."""

    def __init__(self, worker: str, path: str) -> None:
        super().__init__(worker, path)
        self.worker = worker
        self.path = path

    def __str__(self) -> str:
        return f"worker {self.worker} cannot find {self.path}"


def process_chunk(paths: list[str], options, cwd: str, missing_ok: frozenset[str] = frozenset()) -> ChunkOutput:
    """collect.process over each path; a relative path is read against the driver's folder `cwd`.

    An input this worker cannot find raises Unreadable (the driver decides
    whether the file is gone or the worker does not share its file system),
    unless the driver already knows it is gone (`missing_ok`)."""
    results = []
    for path in paths:
        source = os.path.join(cwd, path)  # an absolute path stays as it is
        items = process(path, options, source)
        if path not in missing_ok and _missing(items, source):
            raise Unreadable(_worker_name(), path)
        results.append(items)
    return ChunkOutput(results)


def _missing(items: list, source: str) -> bool:
    return len(items) == 1 and isinstance(items[0], Failure) and not os.path.lexists(source)


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        import socket

        return socket.gethostname()


def chunk_keys(output: ChunkOutput, parts: int) -> tuple:
    """The chunk's band keys split into `parts` partitions by key; each story's keys counted once."""
    import numpy as np

    keys = [k for items in output.results for item in items if not isinstance(item, Failure) for k in set(item.keys)]
    array = np.array(keys, dtype=np.int64)
    which = array % parts  # numpy's modulo of a positive divisor is never negative
    return tuple((array[which == p], np.ones(int(np.count_nonzero(which == p)), dtype=np.int64)) for p in range(parts))


def merge_counts(*counted: tuple) -> tuple:
    """(keys, counts) pairs merged into one, sorted by key; counts stop at 2 (shared is all we ask)."""
    import numpy as np

    keys = np.concatenate([k for k, _ in counted]) if counted else np.zeros(0, dtype=np.int64)
    counts = np.concatenate([c for _, c in counted]) if counted else np.zeros(0, dtype=np.int64)
    unique, inverse = np.unique(keys, return_inverse=True)
    total = np.bincount(inverse, weights=counts, minlength=len(unique)).astype(np.int64)
    return unique, np.minimum(total, 2)


def shared_keys(counted: tuple):
    """The keys two or more stories have (sorted)."""
    keys, counts = counted
    return keys[counts >= 2]


def mark_isolated(output: ChunkOutput, *shared) -> ChunkOutput:
    """Each story flagged isolated when none of its band keys is among the shared ones."""
    import numpy as np

    shared_all = np.sort(np.concatenate(shared)) if shared else np.zeros(0, dtype=np.int64)
    results = []
    for items in output.results:
        marked = []
        for item in items:
            if not isinstance(item, Failure) and item.keys:
                item = replace(item, isolated=not _any_in(np.array(item.keys, dtype=np.int64), shared_all))
            marked.append(item)
        results.append(marked)
    return ChunkOutput(results)


def _any_in(keys, sorted_keys) -> bool:
    import numpy as np

    if not len(sorted_keys):
        return False
    found = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return bool((sorted_keys[found] == keys).any())


def crashed(paths: list[str]) -> ChunkOutput:
    """What a chunk of one input that killed its worker every time becomes: that input's failure."""
    return ChunkOutput(
        [[Failure(path, "crashed the worker that read it (the process died); left out")] for path in paths]
    )
