from __future__ import annotations

import io
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FIXTURES = ROOT / "tests" / "fixtures"
SEED = ROOT.parent / "shared" / "seed" / "000_ae4580c95c6477d8.txt"


@dataclass
class Result:
    """What a run of the CLI gave: the shape of subprocess.CompletedProcess."""

    args: list[str]
    returncode: int
    stdout: bytes
    stderr: bytes


def run_cli(
    *args: str, input: bytes | None = None, env: dict | None = None, timeout: float = 60, cwd: str | os.PathLike = ROOT
) -> Result:
    """Run the CLI in this process, as `newsdigest ARGS` would run, with captured streams.

    stdin, stdout and stderr are byte buffers (so not terminals), the working
    folder is `cwd` (the repository unless given), and `env` is laid over os.environ for the run
    only. NO_COLOR is cleared unless `env` sets it. `timeout` is accepted for
    the subprocess form's sake; an in-process run cannot be cut short.
    """
    from newsdigest.app.cli import main

    overlay = {"NO_COLOR": None, **(env or {})}
    saved_env = {key: os.environ.get(key) for key in overlay}
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    saved_cwd = os.getcwd()
    out, err = io.BytesIO(), io.BytesIO()
    sys.stdin = io.TextIOWrapper(io.BytesIO(input or b""), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", newline="\n", write_through=True)
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", newline="\n", write_through=True)
    for key, value in overlay.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    os.chdir(cwd)
    try:
        main(list(args))
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    finally:
        for stream in (sys.stdin, sys.stdout, sys.stderr):
            if isinstance(stream, io.TextIOWrapper) and not stream.closed:
                stream.flush()
                stream.detach()  # so that closing the wrapper cannot close the buffer we read
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.chdir(saved_cwd)
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return Result(list(args), code, out.getvalue(), err.getvalue())


def run_process(
    *args: str, input: bytes | None = None, env: dict | None = None, timeout: float = 60
) -> subprocess.CompletedProcess:
    """Run the CLI as a real subprocess, for tests where the OS is the point (pipes, signals, exit status)."""
    full_env = {**os.environ, **(env or {})}
    if env is None or "NO_COLOR" not in env:
        full_env.pop("NO_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "newsdigest", *args],
        input=input,
        capture_output=True,
        env=full_env,
        timeout=timeout,
        cwd=ROOT,
    )


@pytest.fixture
def seed() -> Path:
    if not SEED.exists():
        if os.environ.get("CI"):
            pytest.fail(f"the shared seed article is missing in CI: {SEED}")
        pytest.skip("the shared seed article is not beside the repository")
    return SEED


@pytest.fixture
def sample() -> Path:
    return SAMPLES / "harbor-bridge-reopens.txt"
