"""The browser tests may skip on a machine without chromium, but never in CI (CI set): there they fail."""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT

pytest_plugins = ["pytester"]


def _run(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, ci: bool) -> pytest.RunResult:
    """tests/test_browser.py's dark-mode test, in this process, with no chromium to find."""
    monkeypatch.setenv("NEWSDIGEST_CHROMIUM", "/nonexistent/chromium")
    if ci:
        monkeypatch.setenv("CI", "true")
    else:
        monkeypatch.delenv("CI", raising=False)
    monkeypatch.delitem(sys.modules, "test_browser", raising=False)  # read CHROMIUM afresh
    pytester.syspathinsert(ROOT / "tests")
    module = pytester.copy_example(str(ROOT / "tests" / "test_browser.py"))
    args = ["-p", "no:cacheprovider", "-p", "no:xdist", str(module), "-k", "dark_mode"]
    return pytester.runpytest_inprocess(*args)


def test_without_chromium_the_browser_tests_skip_outside_ci(pytester, monkeypatch):
    outside = _run(pytester, monkeypatch, ci=False)
    outside.assert_outcomes(skipped=1)


def test_without_chromium_the_browser_tests_fail_in_ci(pytester, monkeypatch):
    inside = _run(pytester, monkeypatch, ci=True)
    inside.assert_outcomes(errors=1)
    assert "browser tests cannot run in CI" in inside.stdout.str()
