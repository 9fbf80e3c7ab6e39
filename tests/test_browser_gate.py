"""The browser tests may skip on a machine without chromium, but never in CI (CI set): there they fail."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT


def _run(ci: bool) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["NEWSDIGEST_CHROMIUM"] = "/nonexistent/chromium"
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-o",
            "addopts=",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_browser.py",
            "-k",
            "dark_mode",
        ],
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def test_without_chromium_the_browser_tests_skip_outside_ci_and_fail_in_ci():
    outside = _run(ci=False)
    assert outside.returncode == 0 and b"1 skipped" in outside.stdout, outside.stdout
    inside = _run(ci=True)
    assert inside.returncode == 1 and b"cannot run in CI" in inside.stdout, inside.stdout
