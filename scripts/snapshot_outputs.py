"""Every output format, written to a folder: compare two folders to prove a refactor changed nothing.

Runs the installed CLI (``python -m newsdigest``) over ``samples/``, the test
fixtures and a generated corpus, for summaries and digests in every format,
every ``--group-by``, ``--explain`` and ``--jobs 1`` / ``2``, plus each command's
``--help``. Each run's stdout, stderr and exit code land in one file, so a
plain recursive diff of two snapshots shows any change:

    python scripts/snapshot_outputs.py /tmp/before      # on the old commit
    python scripts/snapshot_outputs.py /tmp/after       # on the new one
    diff -r /tmp/before /tmp/after && echo identical

The clock is pinned (SOURCE_DATE_EPOCH) and no user settings are read, so two
runs of the same commit give the same bytes.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUMMARY_FORMATS = ("text", "json", "jsonl", "markdown", "rich")
DIGEST_FORMATS = ("text", "json", "markdown", "html", "email", "rich")
GROUPS = ("none", "source", "section", "day", "topic")
PINNED_EPOCH = "1796601600"  # 2026-12-06 00:00 UTC


def generated_corpus(folder: Path, count: int) -> Path:
    """The digest benchmark's invented articles (text and HTML, with near-duplicates)."""
    spec = importlib.util.spec_from_file_location("bench_digest", ROOT / "benchmarks" / "digest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(folder, count)
    return folder


def copied(source: Path, folder: Path) -> list[str]:
    """The articles of ``source``, copied into ``folder`` (file times are set later)."""
    folder.mkdir(parents=True)
    for path in sorted(source.iterdir()):
        if path.suffix in {".txt", ".html"}:
            shutil.copyfile(path, folder / path.name)
    return sorted(str(path) for path in folder.iterdir())


def pin_file_times(folder: Path) -> None:
    """Undated stories show their file time ("saved"): the same one in every snapshot."""
    for path in folder.rglob("*"):
        os.utime(path, (int(PINNED_EPOCH), int(PINNED_EPOCH)))


def runs(home: Path, corpus: Path) -> dict[str, list[str]]:
    """Name -> CLI arguments, for every case the snapshot covers."""
    samples = copied(ROOT / "samples", home / "samples")
    fixtures = copied(ROOT / "tests" / "fixtures" / "articles", home / "fixtures")
    inputs = samples + fixtures
    cases: dict[str, list[str]] = {}
    for command in ("", "summarize", "clean", "digest", "batch", "state"):
        cases[f"help-{command or 'main'}"] = [command, "--help"] if command else ["--help"]
    for fmt in SUMMARY_FORMATS:
        cases[f"summarize-{fmt}"] = ["summarize", *inputs, "--format", fmt]
        cases[f"summarize-{fmt}-explain"] = ["summarize", *inputs, "--format", fmt, "--explain", "--keywords", "4"]
    for algorithm in ("lead", "lexrank", "textrank", "sumy-lexrank", "luhn"):
        cases[f"summarize-{algorithm}"] = ["summarize", *samples, "--format", "json", "-a", algorithm]
    for budget in (["--words", "40"], ["--chars", "300"], ["--ratio", "0.5"], ["-n", "1"]):
        cases[f"summarize-budget{budget[0]}"] = ["summarize", *samples, "--format", "json", *budget]
    cases["clean-json"] = ["clean", *inputs, "--format", "json", "--show-removed"]
    cases["clean-text"] = ["clean", *inputs]
    for jobs in ("1", "2"):
        cases[f"batch-jsonl-j{jobs}"] = ["batch", str(corpus), "--jobs", jobs, "-o", str(home / f"batch-j{jobs}")]
    for fmt in DIGEST_FORMATS:
        for group in GROUPS:
            for jobs in ("1", "2"):
                name = f"digest-{fmt}-{group}-j{jobs}"
                cases[name] = ["digest", str(home / "samples"), str(corpus), "--format", fmt, "--group-by", group]
                cases[name] += ["--jobs", jobs, "--title", "Snapshot"]
    cases["digest-email-to"] = ["digest", str(home / "samples"), "--format", "email", "--to", "a@example.org"]
    cases["digest-email-to"] += ["--from", "b@example.org"]
    return cases


def run_one(name: str, argv: list[str], out: Path, env: dict[str, str]) -> None:
    home = env["HOME"]
    done = subprocess.run(
        [sys.executable, "-m", "newsdigest", *argv], capture_output=True, env=env, cwd=ROOT, timeout=600
    )
    body = b"".join(
        [b"== exit ", str(done.returncode).encode(), b"\n== stdout\n", done.stdout, b"\n== stderr\n", done.stderr]
    )
    if argv[0] == "batch":  # the part files it wrote
        folder = Path(argv[-1])
        for part in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if part.is_file():
                body += b"\n== " + part.name.encode() + b"\n" + part.read_bytes()
    body = re.sub(rb"Message-ID: <[0-9a-f]+\.", b"Message-ID: <random.", body)
    body = re.sub(rb"==newsdigest-[0-9a-f]{32}==", b"==newsdigest-boundary==", body)  # hashes the scratch path
    body = body.replace(home.encode(), b"<scratch>").replace(str(ROOT).encode(), b"<root>")
    (out / f"{name}.out").write_bytes(body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="folder for the snapshot (created)")
    parser.add_argument("--articles", type=int, default=120, help="generated articles [120]")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch)
        corpus = generated_corpus(home / "corpus", args.articles)
        env = {key: value for key, value in os.environ.items() if not key.startswith("NEWSDIGEST_")}
        env.update(
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_DATA_HOME=str(home / "data"),
            SOURCE_DATE_EPOCH=PINNED_EPOCH,
            COLUMNS="100",
            PYTHONHASHSEED="0",
            TZ="UTC",
        )
        env.pop("NO_COLOR", None)
        cases = runs(home, corpus)
        pin_file_times(home)
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(lambda item: run_one(*item, args.out, env), cases.items()))
    print(f"{len(cases)} runs written to {args.out}")


if __name__ == "__main__":
    main()
