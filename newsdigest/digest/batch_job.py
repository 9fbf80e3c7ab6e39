"""The `batch` command's work, below the CLI: settle the settings, write the rows, report, exit code.

Settings resolve as for `digest` (flag, NEWSDIGEST_*, config file, default):
engine, scheduler, jobs, dedup, algorithm, sentences, language, max_bytes, rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..console import Environment
from ..errors import ExitCode


@dataclass(frozen=True)
class BatchRequest:
    inputs: list[str]
    output: str
    format: str = "jsonl"
    engine: str | None = None
    scheduler: str | None = None
    jobs: int | None = None
    sentences: int | None = None
    algorithm: str | None = None
    language: str | None = None
    max_bytes: int | None = None
    rules: str | None = None
    config: str | None = None
    quiet: bool = False
    dedup: str | None = None
    include: list[str] | None = None
    exclude: list[str] | None = None
    skip_paywalled: bool | None = None


def run(request: BatchRequest, env: Environment | None = None) -> int:
    from ..filters import compile_filter
    from . import DigestOptions
    from .batch import write_batch
    from .job import DigestRequest, engine_options, settled, summary_options

    env = env or Environment.from_process(True)
    values = settled(
        DigestRequest(
            inputs=request.inputs,
            engine=request.engine,
            scheduler=request.scheduler,
            jobs=request.jobs,
            sentences=request.sentences,
            algorithm=request.algorithm,
            language=request.language,
            max_bytes=request.max_bytes,
            rules=request.rules,
            config=request.config,
            dedup=request.dedup,
            include=request.include,
            exclude=request.exclude,
            skip_paywalled=request.skip_paywalled,
        )
    )
    engine_options(values, request.scheduler)
    if values["algorithm"] is not None:
        from .. import summarizers

        summarizers.get(values["algorithm"])  # an unknown name is a usage error before any file is read
    options = DigestOptions(
        summary=summary_options(values),
        jobs=int(values["jobs"]),
        engine=values["engine"],
        scheduler=values["scheduler"] if values["engine"] == "dask" else None,
        dedup=values["dedup"],
        select=compile_filter(values["include"], values["exclude"]) or None,
        skip_paywalled=bool(values["skip_paywalled"]),
    )
    rows, failures = write_batch(request.inputs, request.output, request.format, options)
    if not request.quiet:
        for failure in failures:
            env.error(f"{failure.path}: {failure.reason}")
    return ExitCode.INPUT_FAILED if failures else ExitCode.OK
