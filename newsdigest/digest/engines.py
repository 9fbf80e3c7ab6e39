"""Engines: what runs the per-article work (load, clean, summarize, fingerprint), chosen by name.

Every engine has one job: given the inputs (paths, or Failures from the
walk) and the digest options, hand back each input's results (a list of
collect.Collected stories or Failures) in input order, whatever ran where.
The driver (this process) then merges them in that order, so the digest is
byte-identical whichever engine and however many workers made them.

    with open_engine("dask", jobs=2) as engine:
        for results in engine.results(iter_inputs(specs), options): ...

- local: this process, or a process pool for jobs > 1 (collect.py).
- dask:  a Dask cluster (dask_engine.py): a LocalCluster of `jobs` worker
  processes, or the scheduler at `scheduler`. It also counts band keys on the
  cluster, so stories it marks isolated skip the driver's look-ups.

Another engine (Spark) is a class with the same three methods, named in ENGINES.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator

from ..errors import UsageError
from .collect import collect

# name -> "module:Class"; imported only when chosen (Dask is an optional extra).
ENGINES = {
    "local": "newsdigest.digest.engines:LocalEngine",
    "dask": "newsdigest.digest.dask_engine:DaskEngine",
}


class Engine:
    """The interface; `results` is the one method an engine must write."""

    name = ""

    def results(self, inputs: Iterable, options) -> Iterator[list]:
        raise NotImplementedError

    def close(self) -> None:
        """Stop whatever the engine started (worker processes, a local cluster)."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class LocalEngine(Engine):
    """This machine: the inputs in this process (jobs 1) or an ordered process pool."""

    name = "local"

    def __init__(self, jobs: int = 1, scheduler: str | None = None) -> None:
        if scheduler:
            raise UsageError("--scheduler needs --engine dask")
        self.jobs = jobs

    def results(self, inputs: Iterable, options) -> Iterator[list]:
        return collect(inputs, options, self.jobs)


def check_engine(name: str) -> str:
    if name not in ENGINES:
        raise UsageError(f"unknown engine {name!r}; choose one of: {', '.join(ENGINES)}")
    return name


def open_engine(name: str, jobs: int = 1, scheduler: str | None = None) -> Engine:
    """The engine called `name`, started; use it in a `with` block so it is stopped."""
    module, _, cls = ENGINES[check_engine(name)].partition(":")
    return getattr(importlib.import_module(module), cls)(jobs=jobs, scheduler=scheduler)
