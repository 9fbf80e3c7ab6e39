#!/usr/bin/env python3
"""The summarization benchmark's checks beyond the scored set: scaling by length,
one huge document, the one-off start-up, and the agreement of our LexRank and
TextRank with sumy's (summarization.py runs them and prints the tables)."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SIZES = (20, 50, 100, 200, 400, 1000, 5000)
# sumy's methods are quadratic in Python (KL worse): past these sizes one article
# takes minutes, so the scaling table stops there and says so.
SCALING_LIMIT = {"sumy-kl": 200, "sumy-lsa": 1000}
SUMY_SCALING_LIMIT = 1000


def scaling(names, docs, sizes, out):
    """ms per article at each size, for each algorithm (newsdigest's, sumy's through the adapter)."""
    from newsdigest import summarizers
    from newsdigest.summarizers.base import Document
    from newsdigest.summarizers.select import Length, choose

    pool = [s for d in docs for s in d.sentences]
    while len(pool) < max(sizes):
        pool = pool + pool
    rows = []
    for name in names:
        summarizer = summarizers.get(name)
        cap = getattr(summarizer, "max_sentences", None)
        limit = SCALING_LIMIT.get(name, SUMY_SCALING_LIMIT if name.startswith("sumy-") else None)
        cells = []
        for size in sizes:
            if limit is not None and size > limit:
                cells.append("skipped")
                continue
            doc = Document(tuple(pool[:size]), None, "en", tuple(i // 5 for i in range(size)), 3)
            if cap and size > cap:
                doc = Document(doc.sentences[:cap], None, "en", doc.paragraph_of[:cap], 3)
            repeats = max(1, min(20, int(2000 / size)))
            if not name.startswith(
                "sumy-"
            ):  # warm up (a first long document imports scipy.sparse); sumy's take minutes
                choose(summarizer.rank(doc), doc, Length(sentences=3))
            started = time.perf_counter()
            for _ in range(repeats):
                choose(summarizer.rank(doc), doc, Length(sentences=3))
            ms = (time.perf_counter() - started) / repeats * 1000
            cells.append(f"{ms:,.1f}" + ("*" if cap and size > cap else ""))
            print(f"  scaling {name} {size}: {cells[-1]} ms", file=sys.stderr, flush=True)
        rows.append([name] + cells)
    return rows


def huge_document(sentences: int) -> tuple[float, int]:
    """Seconds for `newsdigest summarize` (library path) on one document of that many sentences."""
    from newsdigest.api import SummaryOptions, summarize_article
    from newsdigest.models import Article, Metadata

    paragraph = " ".join(
        f"Sentence number {i} tells of the harbor, the bridge and the vote {i % 97}." for i in range(50)
    )
    article = Article(
        "<huge>", tuple(paragraph for _ in range(sentences // 50)), Metadata(title="Harbor vote", language="en")
    )
    started = time.perf_counter()
    summary = summarize_article(article, SummaryOptions())
    return time.perf_counter() - started, summary.sentences_in


STARTUP = """
import json, time
started = time.perf_counter()
import newsdigest.api as api
from newsdigest.models import Article, Metadata
imported = time.perf_counter()
text = ("The harbor board voted on Tuesday to rebuild the north pier before the storm season. "
        "Engineers said the old timber had rotted. The work will cost 4 million and take a year. "
        "Fishing crews will use the south pier meanwhile, the board said.")
article = Article("<startup>", (text,) * 3, Metadata(title="Harbor board votes to rebuild the pier"))
api.summarize_article(article, api.SummaryOptions())
first = time.perf_counter()
api.summarize_article(article, api.SummaryOptions())
second = time.perf_counter()
from newsdigest.language import detect_language
detect_language("Der Stadtrat hat am Dienstag mit großer Mehrheit einen neuen Radweg beschlossen.")
identifier = time.perf_counter()
print(json.dumps({"import newsdigest.api": imported - started,
                  "first summary (loads numpy, the sentence model, stemmer, stop words, the trees)": first - imported,
                  "a summary once loaded": second - first,
                  "language model (only for text the quick English test cannot place)": identifier - second}))
"""


def startup(runs: int):
    """Rows (step, ms): medians over `runs` fresh interpreters."""
    samples: dict[str, list[float]] = {}
    floor = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        floor.append(time.perf_counter() - started)
        result = subprocess.run([sys.executable, "-c", STARTUP], check=True, capture_output=True, text=True, cwd=ROOT)
        for step, value in json.loads(result.stdout).items():
            samples.setdefault(step, []).append(value)
    rows = [["python -c pass (the interpreter alone)", f"{statistics.median(floor) * 1000:.1f}"]]
    rows += [[step, f"{statistics.median(values) * 1000:.1f}"] for step, values in samples.items()]
    return rows


def rankings_of(name: str, docs) -> list[list[int]]:
    """Every document's full ranking (for the agreement check; not timed)."""
    from dataclasses import replace

    from newsdigest import summarizers

    summarizer = summarizers.get(name)
    cap = getattr(summarizer, "max_sentences", None)
    out = []
    for doc in docs:
        if cap and len(doc.sentences) > cap:
            doc = replace(doc, sentences=doc.sentences[:cap], paragraph_of=doc.paragraph_of[:cap])
        out.append([r.index for r in summarizer.rank(doc)])
    return out


def agreement(ours, theirs, records) -> tuple[float, float]:
    """(share of articles with the identical top-k set, mean Kendall tau of the rankings)."""
    from scipy.stats import kendalltau

    same, taus = 0, []
    for a, b, rec in zip(ours, theirs, records):
        k = rec["k"]
        same += set(a[:k]) == set(b[:k])
        if len(a) > 1:
            pos_a = {i: p for p, i in enumerate(a)}
            pos_b = {i: p for p, i in enumerate(b)}
            tau = kendalltau([pos_a[i] for i in range(len(a))], [pos_b[i] for i in range(len(a))]).statistic
            taus.append(1.0 if tau != tau else tau)  # nan: constant ranking on both sides
    return same / max(len(records), 1), sum(taus) / max(len(taus), 1)


def run_sumy_our_stemmer(name, records, docs):
    """sumy's method on our stemmer: isolates the algorithm from the stemmer."""
    from newsdigest.summarizers.select import Length, choose
    from newsdigest.summarizers.sumy_adapter import SumySummarizer

    summarizer = SumySummarizer(name.removeprefix("sumy-"), our_stemmer=True)
    rankings = []
    started = time.perf_counter()
    for rec, doc in zip(records, docs):
        ranked = summarizer.rank(doc)
        choose(ranked, doc, Length(sentences=rec["k"]))
        rankings.append([r.index for r in ranked])
    return None, rankings, time.perf_counter() - started
