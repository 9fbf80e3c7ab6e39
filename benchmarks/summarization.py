#!/usr/bin/env python3
"""Summarization benchmark: quality (ROUGE per source), speed, scaling, agreement.

    python benchmarks/summarization.py --eval ../shared/eval [--limit N] [--algorithms news,lead] [--out bench-out]

Every algorithm newsdigest offers (news, lead, lexrank, textrank, and sumy's
methods through the adapter) plus summa's TextRank (a rival, `bench` extra) runs
on the set file with each record's k, in one process:

1. Quality: ROUGE-1/2/L F1 x100 per source (the shared scorer's own function),
   beside Lead-k. Predictions are written to OUT/<algorithm>.jsonl (one sentence
   per line) so that `score_summarization.py OUT/news.jsonl SET` re-checks them.
2. Speed: articles per second of ranking + choosing on the split documents
   (the algorithm alone), and end to end (adding the sentence splitting that
   every algorithm shares), with each one's ratio to sumy's LexRank.
3. Scaling: ms per article at 20 ... 5,000 sentences (documents made by joining
   set articles), capped where a method would take minutes (said in the table),
   and a 100,000-sentence document through the whole summarize path.
4. Agreement of our vectorised LexRank/TextRank with sumy's: the share of
   articles with the identical top-k set and the mean Kendall tau of the full
   rankings, against sumy as shipped and against sumy on our stemmer.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = (20, 50, 100, 200, 400, 1000, 5000)
# sumy's methods are quadratic in Python (KL worse): past these sizes one article
# takes minutes, so the scaling table stops there and says so.
SCALING_LIMIT = {"sumy-kl": 200, "sumy-lsa": 1000}
SUMY_SCALING_LIMIT = 1000


def read_set(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def paragraphs_of(text: str) -> tuple[str, ...]:
    return tuple(p for p in re.split(r"\n\s*\n", text) if p.strip())


class SummaTextRank:
    """summa's TextRank (a rival, not offered by newsdigest): its own splitter and scores."""

    name = "summa-textrank"

    def summarize(self, text: str, k: int) -> list[str]:
        from summa import summarizer

        scored = summarizer.summarize(text, ratio=1.0, split=True, scores=True)
        if not scored:
            return []
        order = sorted(range(len(scored)), key=lambda i: -scored[i][1])[:k]
        return [scored[i][0] for i in sorted(order)]


def all_algorithms() -> list[str]:
    from newsdigest import summarizers

    names = summarizers.names()
    return names + ["summa-textrank"]


def prepare(records):
    """Split every article once (as `newsdigest summarize` does); time the splitting."""
    from newsdigest.language import resolve_language
    from newsdigest.summarizers.document import build
    from newsdigest.summarizers.select import Length

    docs = []
    started = time.perf_counter()
    for rec in records:
        language = resolve_language(rec["article"])
        doc, _ = build(paragraphs_of(rec["article"]), rec.get("title") or None, language, Length(sentences=rec["k"]))
        docs.append(doc)
    return docs, time.perf_counter() - started


def run(name: str, records, docs):
    """(predictions id -> sentences, rankings per doc or None, seconds)."""
    from dataclasses import replace

    from newsdigest import summarizers
    from newsdigest.summarizers.select import Length, choose

    predictions, rankings = {}, []
    if name == "summa-textrank":
        rival = SummaTextRank()
        started = time.perf_counter()
        for rec in records:
            predictions[rec["id"]] = rival.summarize(rec["article"], rec["k"])
        return predictions, None, time.perf_counter() - started
    summarizer = summarizers.get(name)
    cap = getattr(summarizer, "max_sentences", None)
    capped = [replace(d, sentences=d.sentences[:cap], paragraph_of=d.paragraph_of[:cap]) if cap and len(d.sentences) > cap else d for d in docs]
    if capped:
        summarizer.rank(capped[0])  # warm up: imports, model load
    started = time.perf_counter()
    for rec, doc in zip(records, capped):
        ranked = summarizer.rank(doc)
        chosen = choose(ranked, doc, Length(sentences=rec["k"]))
        predictions[rec["id"]] = [doc.sentences[r.index] for r in chosen]
        rankings.append([r.index for r in ranked])
    return predictions, rankings, time.perf_counter() - started


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


def scaling(names, docs, sizes, out):
    """ms per article at each size, for each algorithm."""
    from newsdigest import summarizers
    from newsdigest.summarizers.base import Document
    from newsdigest.summarizers.select import Length, choose

    pool = [s for d in docs for s in d.sentences]
    while len(pool) < max(sizes):
        pool = pool + pool
    rows = []
    for name in names:
        if name == "summa-textrank":
            continue
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

    paragraph = " ".join(f"Sentence number {i} tells of the harbor, the bridge and the vote {i % 97}." for i in range(50))
    article = Article("<huge>", tuple(paragraph for _ in range(sentences // 50)), Metadata(title="Harbor vote", language="en"))
    started = time.perf_counter()
    summary = summarize_article(article, SummaryOptions())
    return time.perf_counter() - started, summary.sentences_in


def print_table(rows, head):
    widths = [max(len(str(r[i])) for r in [head] + rows) for i in range(len(head))]
    print("  ".join(str(h).ljust(w) if i == 0 else str(h).rjust(w) for i, (h, w) in enumerate(zip(head, widths))))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths))))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--eval", default=str(ROOT.parent / "shared" / "eval"), help="evaluation folder (holds summarization/ and the scorer)")
    ap.add_argument("--set", default="summarization/dev.jsonl.gz", help="set file, relative to --eval")
    ap.add_argument("--out", default="bench-out", help="folder for the predictions (one jsonl per algorithm)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles of each source")
    ap.add_argument("--algorithms", default="", help="comma-separated subset (default: all)")
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)), help="scaling sizes (sentences); empty to skip")
    ap.add_argument("--huge", type=int, default=100_000, help="sentences of the huge-document check (0 to skip)")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")  # language warnings are not the subject here
    eval_dir = Path(args.eval)
    sys.path.insert(0, str(eval_dir))
    import score_summarization as scorer

    records = read_set(eval_dir / args.set)
    if args.limit:
        seen: dict[str, int] = {}
        kept = []
        for rec in records:
            seen[rec["source"]] = seen.get(rec["source"], 0) + 1
            if seen[rec["source"]] <= args.limit:
                kept.append(rec)
        records = kept
    names = [a.strip() for a in args.algorithms.split(",") if a.strip()] or all_algorithms()
    if "lead" not in names:
        names.insert(0, "lead")
    from newsdigest import summarizers

    default = summarizers.DEFAULT_ALGORITHM
    docs, split_seconds = prepare(records)
    sources = sorted({r["source"] for r in records})
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    counts = {s: sum(r["source"] == s for r in records) for s in sources}
    print(f"set {args.set}: {len(records)} articles (" + ", ".join(f"{s} {n}" for s, n in counts.items()) + "); "
          f"sentence splitting (shared by all): {len(records) / split_seconds:,.0f} articles/s; default algorithm: {default}")
    results, rankings, seconds = {}, {}, {}
    for name in names:
        print(f"  running {name} ...", file=sys.stderr, flush=True)
        preds, ranks, secs = run(name, records, docs)
        results[name] = scorer.score(preds, records)
        rankings[name], seconds[name] = ranks, secs
        with open(out / f"{name}.jsonl", "w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps({"id": rec["id"], "summary": "\n".join(preds.get(rec["id"], []))}, ensure_ascii=False) + "\n")
    reference = "sumy-lexrank" if "sumy-lexrank" in seconds else None
    print("\nQuality (ROUGE F1 x100, R1 / R2 / RL) and speed; art/s = ranking + choosing on split documents,")
    print("e2e = with the shared sentence splitting; x = speed over sumy-lexrank (as shipped) in this run\n")
    head = ["algorithm"] + [f"{s} R1/R2/RL" for s in sources] + ["art/s", "e2e art/s"] + (["x sumy-lexrank"] if reference else [])
    rows = []
    for name in names:
        by = results[name]["by_source"]
        rate = len(records) / max(seconds[name], 1e-9)
        e2e = len(records) / (seconds[name] + (0 if name == "summa-textrank" else split_seconds))
        row = [name + (" (default)" if name == default else "")]
        row += [f"{by[s]['R1']:.2f} / {by[s]['R2']:.2f} / {by[s]['RL']:.2f}" for s in sources]
        row += [f"{rate:,.0f}", f"{e2e:,.0f}"]
        if reference:
            row.append(f"{seconds[reference] / max(seconds[name], 1e-9):.1f}")
        rows.append(row)
    print_table(rows, head)
    if default == "news" and "news" in results:
        from importlib.resources import files

        model = json.loads(files("newsdigest").joinpath("data", "news_summarizer.json").read_text(encoding="utf-8"))
        cv = model.get("cross_validated", {})
        if cv:
            print(f"\nnews is trained on {model.get('trained_on', 'the dev set')}: the rows above are in-sample for that set."
                  "\nHeld out (5-fold cross-validation, benchmarks/train_summarizer.py): "
                  + "; ".join(f"{s} {v['R1']:.2f} / {v['R2']:.2f} / {v['RL']:.2f}" for s, v in cv.items()))
    if "lead" in results and default in results:
        lead, ours = results["lead"]["by_source"], results[default]["by_source"]
        print("\n" + "; ".join(f"{default} - lead on {s}: " + " ".join(f"{m} {ours[s][m] - lead[s][m]:+.2f}" for m in ("R1", "R2", "RL")) for s in sources))
    pairs = [(ours, f"sumy-{ours}") for ours in ("lexrank", "textrank") if ours in rankings and f"sumy-{ours}" in rankings]
    if pairs:
        print("\nAgreement of our vectorised graph methods with sumy's (same split documents):")
        arows = []
        for ours, theirs in pairs:
            same, tau = agreement(rankings[ours], rankings[theirs], records)
            _, ranks_ours_stem, _ = run_sumy_our_stemmer(theirs, records, docs)
            same2, tau2 = agreement(rankings[ours], ranks_ours_stem, records)
            arows.append([f"{ours} vs {theirs}", f"{same:.1%}", f"{tau:.4f}", f"{same2:.1%}", f"{tau2:.4f}", f"{seconds[theirs] / max(seconds[ours], 1e-9):.1f}"])
        print_table(arows, ["pair", "same top-k", "Kendall tau", "same top-k (our stemmer)", "tau (our stemmer)", "speed x (dev set)"])
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if sizes:
        print("\nScaling: ms per article (rank + choose) by article length in sentences; * = ranked over the capped first sentences")
        rows = scaling(names, docs, sizes, out)
        print_table(rows, ["algorithm"] + [f"{s:,}" for s in sizes])
        for ours in ("lexrank", "textrank"):
            row = {r[0]: r for r in rows}
            if ours in row and f"sumy-{ours}" in row and 200 in sizes:
                col = sizes.index(200) + 1
                a, b = row[ours][col], row[f"sumy-{ours}"][col]
                if a != "skipped" and b != "skipped":
                    print(f"{ours} at 200 sentences: {float(b.rstrip('*').replace(',', '')) / float(a.rstrip('*').replace(',', '')):.0f}x sumy's speed")
    if args.huge:
        secs, n = huge_document(args.huge)
        print(f"\nA {args.huge:,}-sentence document through summarize_article (default algorithm; splitting stops at the"
              f" ranking cap, {n:,} sentences ranked): {secs:.2f} s")
    print(f"\npredictions: {out}/<algorithm>.jsonl (re-check: score_summarization.py {out}/{default}.jsonl {eval_dir / args.set})")
    return 0


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


if __name__ == "__main__":
    sys.exit(main())
