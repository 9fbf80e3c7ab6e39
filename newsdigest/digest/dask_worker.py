"""Preloaded by the workers of the local cluster that `--engine dask --jobs N` starts (dask_engine.py).

A terminal's Ctrl-C reaches every process of its foreground group, workers
included: they would die mid-task with tracebacks on stderr. The process
that started them cancels their tasks and closes the cluster on Ctrl-C, so
each worker ignores SIGINT from the moment it is set up.
"""

from __future__ import annotations

import signal


def dask_setup(worker) -> None:  # noqa: ARG001 - Dask's preload hook
    signal.signal(signal.SIGINT, signal.SIG_IGN)
