"""benchmarks/quality_gate.py's decisions, on made-up figures and files (no eval set needed)."""

from __future__ import annotations

import gzip
import importlib.util
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def gate():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location("quality_gate", BENCHMARKS / "quality_gate.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.path.remove(str(BENCHMARKS))


def figures(text_f1, cnn_r1):
    news = {"R1": cnn_r1, "R2": 20.0, "RL": 30.0}
    return {
        "cleaning": {"text": {"F1": text_f1}, "html": {"F1": 0.99}},
        "summaries": {
            "on cnn (trained on bbc)": {"news": news},
            "on bbc (trained on cnn)": {"news": {"R1": 90.0, "R2": 90.0, "RL": 90.0}},
        },
    }


def test_every_floor_is_checked_and_a_figure_below_its_floor_fails(gate):
    rows = {name: passed for name, _, _, passed in gate.gate(figures(0.99, 99.0))}
    assert set(rows) == set(gate.FLOORS) and all(rows.values())
    failed = [name for name, _, _, passed in gate.gate(figures(0.5, 1.0)) if not passed]
    assert failed == ["cleaning text F1 (5 folds by site)", "summary R1 on cnn (trained on bbc)"]


def test_a_missing_figure_fails_rather_than_passing(gate):
    partial = figures(0.99, 99.0)
    del partial["summaries"]["on bbc (trained on cnn)"]
    assert [name for name, _, _, passed in gate.gate(partial) if not passed] == [
        n for n in gate.FLOORS if "on bbc (" in n
    ]


def test_a_changed_or_missing_dev_set_is_a_failure(gate, tmp_path):
    (tmp_path / "extraction").mkdir()
    with gzip.open(tmp_path / "extraction" / "dev.jsonl.gz", "wt") as fh:
        fh.write('{"id": "not the pinned set"}\n')
    problems = gate.check_sets(tmp_path)
    assert len(problems) == 2
    assert "SHA-256" in problems[0] and "re-pin" in problems[0]
    assert "not found" in problems[1]
