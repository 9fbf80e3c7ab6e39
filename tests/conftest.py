from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FIXTURES = ROOT / "tests" / "fixtures"
SEED = ROOT.parent / "shared" / "seed" / "000_ae4580c95c6477d8.txt"


def run_cli(*args: str, input: bytes | None = None, env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run the installed CLI as a real subprocess, stdout and stderr captured (so not a terminal)."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("NO_COLOR", None) if env is None or "NO_COLOR" not in env else None
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
        pytest.skip("the shared seed article is not beside the repository")
    return SEED


@pytest.fixture
def sample() -> Path:
    return SAMPLES / "harbor-bridge-reopens.txt"
