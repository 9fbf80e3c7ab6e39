#!/usr/bin/env python3
"""Run every benchmark in turn (what `make bench` does).

    python benchmarks/run_all.py [--eval ../shared/eval] [--quick]

Each benchmark is its own script and can be run alone; this only calls them
with the evaluation-set folder and prints their tables one after another.
A benchmark whose script is missing or fails is reported, and the rest still run;
the exit code is 1 when any failed, so a quality floor broken in quality_gate.py
fails `make bench`.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (script, arguments); {eval} is the evaluation folder. --quick passes the
# smaller settings so the whole run takes minutes, not an hour.
BENCHMARKS = [
    # first: the gate's held-out figures also feed the extraction table's held-out rows
    ("quality_gate.py", ["--eval", "{eval}"], ["--eval", "{eval}"]),
    ("startup.py", [], ["--runs", "3"]),
    ("sentence_splitters.py", ["--eval", "{eval}"], ["--eval", "{eval}"]),
    ("extraction.py", ["--eval", "{eval}"], ["--eval", "{eval}", "--limit", "100"]),
    ("multilingual.py", ["--eval", "{eval}"], ["--eval", "{eval}"]),
    ("titles.py", ["--eval", "{eval}"], ["--eval", "{eval}"]),
    ("keywords.py", ["--eval", "{eval}"], ["--eval", "{eval}"]),
    ("cjk_words.py", ["--eval", "{eval}"], ["--eval", "{eval}"]),
    ("summarization.py", ["--eval", "{eval}"], ["--eval", "{eval}", "--limit", "100"]),
    ("digest.py", [], ["--sizes", "1000"]),
    ("paywall.py", ["--eval", "{eval}"], ["--eval", "{eval}", "--limit", "200"]),
    ("topics.py", [], []),
    ("teasers.py", [], []),
    ("distributed.py", [], ["--articles", "200", "--stories", "20000"]),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", default=str(HERE.parent.parent / "shared" / "eval"))
    parser.add_argument("--quick", action="store_true", help="smaller runs of each benchmark")
    args = parser.parse_args()
    failed = []
    for script, full, quick in BENCHMARKS:
        path = HERE / script
        if not path.exists():
            print(f"== {script}: not present, skipped\n")
            continue
        argv = [a.replace("{eval}", args.eval) for a in (quick if args.quick else full)]
        print(f"== {script} {' '.join(argv)}", flush=True)
        done = subprocess.run([sys.executable, str(path), *argv])
        if done.returncode != 0:
            failed.append(script)
        print(flush=True)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
