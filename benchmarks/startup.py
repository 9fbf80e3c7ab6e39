#!/usr/bin/env python3
"""Start-up cost: wall time of short commands, as ratios to the floor (`python -c pass`).

    python benchmarks/startup.py [--runs 10] [--article PATH]

Prints the median wall time of each command over --runs runs, and its ratio to
`python -c pass` (the interpreter's own start-up, the least any Python CLI can
cost) and to sumy's own CLI doing the same job.

sumy's CLI cannot summarize on a machine without NLTK's punkt data (its
tokenizer needs a download), so its summarizing row runs sumy's LexRank in a
fresh process on newsdigest's offline tokenizer instead: the same library work
sumy's CLI does, minus the data it cannot load here. Its --help row is sumy's
real CLI.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARTICLE = ROOT.parent / "shared" / "seed" / "000_ae4580c95c6477d8.txt"
SUMY_PIPELINE = """
import sys
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words
from newsdigest.sentences import SumyTokenizer, split_sentences
tok = SumyTokenizer("english")
text = open(sys.argv[1], encoding="utf-8").read()
doc = ObjectDocumentModel([Paragraph([Sentence(s, tok) for s in split_sentences(text, "en")])])
s = LexRankSummarizer(Stemmer("english"))
s.stop_words = get_stop_words("english")
for sentence in s(doc, 3):
    print(sentence)
"""


def median_seconds(cmd: list[str], runs: int) -> float | None:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            return None
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument(
        "--article",
        type=Path,
        default=DEFAULT_ARTICLE if DEFAULT_ARTICLE.exists() else ROOT / "samples" / "harbor-bridge-reopens.txt",
    )
    args = parser.parse_args()
    py = sys.executable
    bindir = os.path.dirname(py)
    newsdigest = (
        [os.path.join(bindir, "newsdigest")]
        if os.path.exists(os.path.join(bindir, "newsdigest"))
        else [py, "-m", "newsdigest"]
    )
    sumy = shutil.which("sumy", path=bindir)
    article = str(args.article)
    rows = [
        ("python -c pass (floor)", [py, "-c", "pass"]),
        ("newsdigest --help", [*newsdigest, "--help"]),
        ("newsdigest summarize ARTICLE (default)", [*newsdigest, "summarize", article, "--format", "text"]),
        ("newsdigest summarize ARTICLE -a lead", [*newsdigest, "summarize", article, "-a", "lead", "--format", "text"]),
        (
            "newsdigest summarize ARTICLE -a lexrank",
            [*newsdigest, "summarize", article, "-a", "lexrank", "--format", "text"],
        ),
        ("sumy --help (sumy's CLI)", [sumy, "--help"] if sumy else None),
        ("sumy LexRank in a fresh process", [py, "-c", SUMY_PIPELINE, article]),
    ]
    results = {}
    for name, cmd in rows:
        results[name] = median_seconds(cmd, args.runs) if cmd else None
    floor = results["python -c pass (floor)"]
    sumy_help = results["sumy --help (sumy's CLI)"]
    sumy_run = results["sumy LexRank in a fresh process"]
    print(f"article: {article}; median of {args.runs} runs")
    print(f"{'command':42} {'ms':>8} {'x floor':>8} {'x sumy':>8}")
    for name, seconds in results.items():
        if seconds is None:
            print(f"{name:42} {'failed':>8}")
            continue
        ref = sumy_help if "help" in name else sumy_run
        vs_sumy = f"{seconds / ref:8.2f}" if ref and name.startswith("newsdigest") else f"{'':>8}"
        print(f"{name:42} {seconds * 1000:8.0f} {seconds / floor:8.2f} {vs_sumy}")


if __name__ == "__main__":
    main()
