"""How `newsdigest digest` scales: articles per second and peak memory at 1k / 10k / 100k inputs.

Generates folders of invented articles (plain-text page copies and HTML pages,
mixed, with about 5% near-duplicates re-saved under other boilerplate), runs
the installed CLI on each at --jobs 1 and --jobs 2 to a Markdown file, and
prints articles per second, CPU milliseconds per article (all processes; far
less disturbed by other work on the machine than wall time), the peak resident
memory of the largest process, and the growth factors from 10k to 100k (linear
time means a factor near 10 and a flat per-article figure).

    python benchmarks/digest.py                     # 1,000 and 10,000
    python benchmarks/digest.py --sizes 1000 10000 100000 --jobs 1 2
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PLACES = "Westmere Tallow Brackenford Gull-Point Fennick Arden Pell Marrow Corliss Dunmore Heddle Quarry-Hill".split()
SUBJECTS = (
    "council ferry library orchard harbor school hospital museum stadium market railway bridge festival clinic".split()
)
VERBS = "approved delayed expanded opened closed funded rejected reviewed announced postponed".split()
NAMES = "Ines Calder|Mara Quill|Tomas Reed|Ada Vance|Ravi Patel|Lena Moss|Owen Hart|Sofia Grant".split("|")
PUBLISHERS = "Westmere Tribune|Valley Courier|Brackenford Echo|Coastline Daily|Gull Point Herald".split("|")


def story(rng: random.Random, n: int) -> tuple[str, str, str, list[str]]:
    place, subject = rng.choice(PLACES), rng.choice(SUBJECTS)
    title = f"{place} {subject} plan {rng.choice(VERBS)} after {rng.randint(2, 30)}-month review (No. {n})"
    sentences = []
    for i in range(rng.randint(6, 18)):
        sentences.append(
            f"The {place} {subject} board {rng.choice(VERBS)} a {rng.randint(1, 90)} million dollar proposal on "
            f"{rng.choice(['Monday', 'Tuesday', 'Friday'])}, {rng.choice(NAMES)} said in statement {n}-{i}. "
            f"About {rng.randint(100, 9000)} residents "
            f"{rng.choice(['signed', 'opposed', 'welcomed'])} the idea of a new "
            f"{rng.choice(SUBJECTS)} near the {rng.choice(SUBJECTS)}."
        )
    date = f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}"
    return title, rng.choice(PUBLISHERS), date, sentences


def text_page(title, publisher, date, sentences, header="Home > News > Local") -> str:
    return (
        f"{header}\n{title}\nBy Staff Reporter | {publisher} | Updated: {date}\n\n"
        + "\n\n".join(sentences)
        + "\n\nEditor's Picks\nMore stories\n"
    )


def html_page(title, publisher, date, sentences) -> str:
    body = "".join(f"<p>{s}</p>" for s in sentences)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title} | {publisher}</title>"
        f"<meta property='article:published_time' content='{date}'></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>Copyright 2026</footer></body></html>"
    )


def generate(folder: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    per_dir = 1000
    last = None
    for n in range(count):
        sub = folder / f"batch-{n // per_dir:04d}"
        if n % per_dir == 0:
            sub.mkdir(parents=True, exist_ok=True)
        if last is not None and rng.random() < 0.05:  # a near-duplicate of the previous story
            title, publisher, date, sentences = last
            (sub / f"a{n:06d}.txt").write_text(
                text_page(title, rng.choice(PUBLISHERS), date, sentences, "Front page | Weather"), encoding="utf-8"
            )
            continue
        last = story(rng, n)
        if n % 2:
            (sub / f"a{n:06d}.html").write_text(html_page(*last), encoding="utf-8")
        else:
            (sub / f"a{n:06d}.txt").write_text(text_page(*last), encoding="utf-8")


def measure(folder: Path, jobs: int, out: Path) -> dict:
    """Run the CLI in a child of a fresh process, so that the peak RSS is this run's alone."""
    code = (
        "import resource, subprocess, sys, time, json\n"
        "t = time.perf_counter()\n"
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
        "dt = time.perf_counter() - t\n"
        "ru = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(json.dumps({'seconds': dt, 'rc': r.returncode, 'err': r.stderr.decode()[-500:],"
        " 'peak_kib': ru.ru_maxrss, 'cpu': ru.ru_utime + ru.ru_stime}))\n"
    )
    cmd = [
        sys.executable,
        "-c",
        code,
        sys.executable,
        "-m",
        "newsdigest",
        "digest",
        str(folder),
        "-o",
        str(out),
        "--jobs",
        str(jobs),
        "-q",
    ]
    env = {**os.environ, "NEWSDIGEST_CONFIG": os.devnull}
    return json.loads(subprocess.run(cmd, capture_output=True, check=True, env=env).stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--workdir", default=None, help="where to generate the folders (default: a temporary folder)")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        for size in args.sizes:
            folder = Path(tmp) / f"inbox-{size}"
            t = time.perf_counter()
            generate(folder, size)
            print(f"generated {size} articles in {time.perf_counter() - t:.1f} s", file=sys.stderr, flush=True)
            for jobs in args.jobs:
                m = measure(folder, jobs, Path(tmp) / f"digest-{size}-{jobs}.md")
                if m["rc"] not in (0, 1):
                    print(f"digest failed ({m['rc']}): {m['err']}", file=sys.stderr)
                rows.append(
                    {
                        "size": size,
                        "jobs": jobs,
                        "seconds": m["seconds"],
                        "rate": size / m["seconds"],
                        "cpu_ms": 1000 * m["cpu"] / size,
                        "peak_mib": m["peak_kib"] / 1024,
                    }
                )
                print(f"  {size} articles, --jobs {jobs}: {m['seconds']:.1f} s", file=sys.stderr, flush=True)
            import shutil

            shutil.rmtree(folder)
    # CPU ms per article (all processes): unlike wall time, hardly moved by other work on the machine.
    print(f"{'articles':>9} {'jobs':>4} {'seconds':>9} {'art/s':>8} {'cpu ms/art':>10} {'peak MiB':>9}")
    for r in rows:
        print(
            f"{r['size']:>9} {r['jobs']:>4} {r['seconds']:>9.1f} {r['rate']:>8.1f} {r['cpu_ms']:>10.2f} "
            f"{r['peak_mib']:>9.0f}"
        )
    by = {(r["size"], r["jobs"]): r for r in rows}
    for jobs in args.jobs:
        if (10000, jobs) in by and (100000, jobs) in by:
            a, b = by[(10000, jobs)], by[(100000, jobs)]
            print(
                f"--jobs {jobs}, 10k -> 100k: time x{b['seconds'] / a['seconds']:.1f}, "
                f"CPU time x{b['cpu_ms'] * 10 / a['cpu_ms']:.1f} (linear: x10), "
                f"peak memory x{b['peak_mib'] / a['peak_mib']:.2f} (flat: x1)"
            )


if __name__ == "__main__":
    main()
