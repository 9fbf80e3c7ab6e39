#!/usr/bin/env python3
"""Summarization benchmark: quality (ROUGE per source), speed, scaling, agreement.

    python benchmarks/summarization.py --eval ../shared/eval [--limit N] [--algorithms news,lead] [--out bench-out]

Every algorithm newsdigest offers (news, lead, lexrank, textrank, and sumy's
methods through the adapter) plus summa's TextRank (a rival, `bench` extra) runs
on the set file with each record's k, in one process:

1. Quality: ROUGE-1/2/L F1 x100 per source (the shared scorer's own function),
   beside Lead-k. Predictions are written to OUT/<algorithm>.jsonl (one sentence
   per line) so that `score_summarization.py OUT/news.jsonl SET` re-checks them.
2. Speed: articles per second from the article text, one article at a time,
   every system told the language (English here; sumy needs it said), with
   each one's ratio to sumy's LexRank. What each timed path does:
   - newsdigest's algorithms (sumy's methods included, through the adapter):
     the text cut into paragraphs, sentence splitting (`document.build`),
     tokenization and stemming, ranking, choosing the record's k (the
     summarizer's `rank` and `select.choose`); the same sentences that
     `newsdigest summarize` gives. newsdigest's own algorithms are also timed
     through the whole `summarize_article` ("whole" column), which adds
     language detection and building the Summary;
   - `sumy-lexrank (sumy API)`: sumy used as its README shows, from the text:
     `PlaintextParser` (with newsdigest's offline sentence splitter, since sumy's
     own tokenizer needs NLTK data that is not installed), sumy's Snowball
     stemmer and English stop words, `LexRankSummarizer(document, k)`;
   - summa's TextRank: `summarizer.summarize(text)` (its own splitter).
   The ratio's reference is the faster of the two sumy LexRank paths. Before each
   timed run the shared caches are emptied (the splitter's, the vocabularies)
   and the algorithm is warmed up on one article, so every run starts as a fresh
   process would after its first article; the one-off start-up (imports, model
   files, the language model) is measured on its own, in fresh processes. The
   compared rows (newsdigest's own algorithms and sumy's LexRank) are timed
   --repeat times, taking turns, and keep their best run: the machine's load
   drifts, and the best run is the least disturbed.
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

from modelfile import held_out_lines, trained_on
from summary_checks import SIZES, agreement, huge_document, rankings_of, run_sumy_our_stemmer, scaling, startup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


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


class SumyLexRankAPI:
    """sumy's LexRank as a sumy user runs it from the text (see the module docstring)."""

    name = "sumy-lexrank (sumy API)"

    def __init__(self) -> None:
        from sumy.nlp.stemmers import Stemmer
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.utils import get_stop_words

        from newsdigest.sentences import SumyTokenizer

        self.tokenizer = SumyTokenizer("english")
        self.summarizer = LexRankSummarizer(Stemmer("english"))
        self.summarizer.stop_words = get_stop_words("english")

    def summarize(self, text: str, k: int) -> list[str]:
        from sumy.parsers.plaintext import PlaintextParser

        document = PlaintextParser.from_string(text, self.tokenizer).document
        return [str(sentence) for sentence in self.summarizer(document, k)]


def slug(name: str) -> str:
    """A file name for an algorithm: "sumy-lexrank (sumy API)" -> "sumy-lexrank-sumy-api"."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


# newsdigest's own algorithms also run through the whole summarize_article path
WHOLE_PATH = ("news", "lead", "lexrank", "textrank")
RIVALS = {"summa-textrank": SummaTextRank, SumyLexRankAPI.name: SumyLexRankAPI}
SUMY_LEXRANK = ("sumy-lexrank", SumyLexRankAPI.name)  # the reference: the faster of the two


def all_algorithms() -> list[str]:
    from newsdigest import summarizers

    names = summarizers.names()
    return names + list(RIVALS)


def prepare(records):
    """Split every article once, as `newsdigest summarize` does (for the agreement
    and scaling checks, which rank split documents)."""
    from newsdigest.language import resolve_language
    from newsdigest.summarizers.document import build
    from newsdigest.summarizers.select import Length

    docs = []
    for rec in records:
        language = resolve_language(rec["article"])
        doc, _ = build(paragraphs_of(rec["article"]), rec.get("title") or None, language, Length(sentences=rec["k"]))
        docs.append(doc)
    return docs


def fresh_caches() -> None:
    """Empty what one run would leave warm for the next: the sentence splitter's
    remembered decisions, the vocabularies (words already stemmed), the news
    features' per-size layouts."""
    from newsdigest.sentences.punkt_lines import punkt_splitter
    from newsdigest.summarizers import features, terms

    punkt_splitter.cache_clear()
    terms.vocabulary.cache_clear()
    features._LAYOUTS.clear()


def run(name: str, records, languages):
    """(predictions id -> sentences, seconds): the summarizer from the article text,
    told its language, as sumy is: cut into paragraphs and sentences, tokenized,
    ranked, k chosen (see the module docstring)."""
    from newsdigest import summarizers
    from newsdigest.summarizers.document import build
    from newsdigest.summarizers.select import Length, choose

    predictions = {}
    fresh_caches()
    if name in RIVALS:
        rival = RIVALS[name]()
        rival.summarize(records[0]["article"], records[0]["k"])  # warm up: imports
        started = time.perf_counter()
        for rec in records:
            predictions[rec["id"]] = rival.summarize(rec["article"], rec["k"])
        return predictions, time.perf_counter() - started
    summarizer = summarizers.get(name)
    cap = getattr(summarizer, "max_sentences", None)
    lengths = {k: Length(sentences=k) for k in {rec["k"] for rec in records}}

    def summarize(rec):
        length = lengths[rec["k"]]
        doc, _ = build(paragraphs_of(rec["article"]), rec.get("title") or None, languages[rec["id"]], length, cap)
        return [doc.sentences[r.index] for r in choose(summarizer.rank(doc), doc, length)]

    summarize(records[0])  # warm up: imports, model files
    started = time.perf_counter()
    for rec in records:
        predictions[rec["id"]] = summarize(rec)
    return predictions, time.perf_counter() - started


def run_whole(name: str, records) -> float:
    """Seconds for `summarize_article` on every article: the summarizer plus
    language detection and the Summary, as `newsdigest summarize` runs after cleaning."""
    from newsdigest.api import SummaryOptions, summarize_article
    from newsdigest.models import Article, Metadata
    from newsdigest.summarizers.select import Length

    options = {k: SummaryOptions(algorithm=name, length=Length(sentences=k)) for k in {rec["k"] for rec in records}}

    def summarize(rec):
        article = Article(rec["id"], paragraphs_of(rec["article"]), Metadata(title=rec.get("title") or None))
        return summarize_article(article, options[rec["k"]])

    fresh_caches()
    summarize(records[0])
    started = time.perf_counter()
    for rec in records:
        summarize(rec)
    return time.perf_counter() - started


def print_table(rows, head):
    widths = [max(len(str(r[i])) for r in [head] + rows) for i in range(len(head))]
    print("  ".join(str(h).ljust(w) if i == 0 else str(h).rjust(w) for i, (h, w) in enumerate(zip(head, widths))))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths))))


def parse_args(argv):  # type: ignore[no-untyped-def]
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--eval",
        default=str(ROOT.parent / "shared" / "eval"),
        help="evaluation folder (holds summarization/ and the scorer)",
    )
    ap.add_argument("--set", default="summarization/dev.jsonl.gz", help="set file, relative to --eval")
    ap.add_argument("--out", default="bench-out", help="folder for the predictions (one jsonl per algorithm)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles of each source")
    ap.add_argument("--algorithms", default="", help="comma-separated subset (default: all)")
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)), help="scaling sizes (sentences); empty to skip")
    ap.add_argument("--huge", type=int, default=100_000, help="sentences of the huge-document check (0 to skip)")
    ap.add_argument("--startup", type=int, default=5, help="fresh processes for the start-up figures (0 to skip)")
    ap.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="timed runs of the compared rows (ours and sumy's LexRank); the best counts",
    )
    return ap.parse_args(argv)


def first_of_each_source(records: list[dict], limit: int) -> list[dict]:
    """The first `limit` records of each source (all of them when `limit` is 0)."""
    if not limit:
        return records
    seen: dict[str, int] = {}
    kept = []
    for rec in records:
        seen[rec["source"]] = seen.get(rec["source"], 0) + 1
        if seen[rec["source"]] <= limit:
            kept.append(rec)
    return kept


def score_all(names, records, languages, scorer, out: Path, repeat: int):  # type: ignore[no-untyped-def]
    """(scores, seconds, whole-path seconds) by algorithm; the predictions written to OUT."""
    results, seconds, whole = {}, {}, {}
    for name in names:
        print(f"  running {name} ...", file=sys.stderr, flush=True)
        preds, secs = run(name, records, languages)
        results[name] = scorer.score(preds, records)
        seconds[name] = secs
        with open(out / f"{slug(name)}.jsonl", "w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(
                    json.dumps({"id": rec["id"], "summary": "\n".join(preds.get(rec["id"], []))}, ensure_ascii=False)
                    + "\n"
                )
        if name in WHOLE_PATH:
            whole[name] = run_whole(name, records)
    # The machine's load drifts: the speed comparison's rows run again, in turn,
    # and keep their best time.
    for _ in range(repeat - 1):
        for name in names:
            if name in WHOLE_PATH or name in SUMY_LEXRANK:
                print(f"  timing {name} again ...", file=sys.stderr, flush=True)
                seconds[name] = min(seconds[name], run(name, records, languages)[1])
                if name in WHOLE_PATH:
                    whole[name] = min(whole[name], run_whole(name, records))
    return results, seconds, whole


def print_quality(names, records, sources, results, seconds, whole, default, set_path: Path) -> None:
    """The quality and speed table, one row per algorithm."""
    timed = [n for n in SUMY_LEXRANK if n in seconds]
    reference = min(timed, key=seconds.get) if timed else None
    print("\nQuality (ROUGE F1 x100, R1 / R2 / RL) and speed. art/s: articles per second from the article text,")
    print("each summarizer told the language (paragraphs, sentence splitting, tokenization and stemming, ranking,")
    print(
        "choosing k; see the module docstring); x: speed over sumy's LexRank"
        + (f" ({reference}, the faster of its two paths in this run)" if reference else "")
        + "; whole: newsdigest's summarize_article,\nwhich adds language detection and the Summary\n"
    )
    head = (
        ["algorithm"]
        + [f"{s} R1/R2/RL" for s in sources]
        + ["art/s", "ms/art"]
        + (["x sumy-lexrank"] if reference else [])
        + ["whole art/s"]
    )
    news_in_sample = trained_on("news_summarizer.json", set_path)
    rows = []
    for name in names:
        by = results[name]["by_source"]
        rate = len(records) / max(seconds[name], 1e-9)
        row = [
            name
            + (" (default)" if name == default else "")
            + (" in-sample" if name == "news" and news_in_sample else "")
        ]
        row += [f"{by[s]['R1']:.2f} / {by[s]['R2']:.2f} / {by[s]['RL']:.2f}" for s in sources]
        row += [f"{rate:,.0f}", f"{1000 / rate:.2f}"]
        if reference:
            row.append(f"{seconds[reference] / max(seconds[name], 1e-9):.1f}")
        row.append(f"{len(records) / whole[name]:,.0f}" if name in whole else "")
        rows.append(row)
    print_table(rows, head)


def print_agreement(seconds, docs, records) -> None:
    """Agreement of our LexRank / TextRank with sumy's, as shipped and on our stemmer."""
    pairs = [
        (ours, f"sumy-{ours}") for ours in ("lexrank", "textrank") if ours in seconds and f"sumy-{ours}" in seconds
    ]
    if not pairs:
        return
    print("\nAgreement of our vectorised graph methods with sumy's (same split documents):")
    arows = []
    rankings = {}
    for ours, theirs in pairs:
        for name in (ours, theirs):
            rankings[name] = rankings_of(name, docs)
        same, tau = agreement(rankings[ours], rankings[theirs], records)
        _, ranks_ours_stem, _ = run_sumy_our_stemmer(theirs, records, docs)
        same2, tau2 = agreement(rankings[ours], ranks_ours_stem, records)
        arows.append(
            [
                f"{ours} vs {theirs}",
                f"{same:.1%}",
                f"{tau:.4f}",
                f"{same2:.1%}",
                f"{tau2:.4f}",
                f"{seconds[theirs] / max(seconds[ours], 1e-9):.1f}",
            ]
        )
    print_table(
        arows,
        [
            "pair",
            "same top-k",
            "Kendall tau",
            "same top-k (our stemmer)",
            "tau (our stemmer)",
            "speed x (from text)",
        ],
    )


def print_scaling(names, docs, sizes, out) -> None:
    """ms per article by length, and LexRank's and TextRank's speed over sumy's at 200 sentences."""
    print(
        "\nScaling: ms per article (rank + choose) by article length in sentences; "
        "* = ranked over the capped first sentences"
    )
    rows = scaling([n for n in names if n not in RIVALS], docs, sizes, out)
    print_table(rows, ["algorithm"] + [f"{s:,}" for s in sizes])
    for ours in ("lexrank", "textrank"):
        row = {r[0]: r for r in rows}
        if ours in row and f"sumy-{ours}" in row and 200 in sizes:
            col = sizes.index(200) + 1
            a, b = row[ours][col], row[f"sumy-{ours}"][col]
            if a != "skipped" and b != "skipped":
                speedup = float(b.rstrip("*").replace(",", "")) / float(a.rstrip("*").replace(",", ""))
                print(f"{ours} at 200 sentences: {speedup:.0f}x sumy's speed")


def main(argv=None) -> int:
    args = parse_args(argv)
    warnings.simplefilter("ignore")  # language warnings are not the subject here
    eval_dir = Path(args.eval)
    sys.path.insert(0, str(eval_dir))
    import score_summarization as scorer

    from newsdigest import summarizers
    from newsdigest.language import detect_language, resolve_language

    records = first_of_each_source(read_set(eval_dir / args.set), args.limit)
    names = [a.strip() for a in args.algorithms.split(",") if a.strip()] or all_algorithms()
    if "lead" not in names:
        names.insert(0, "lead")
    default = summarizers.DEFAULT_ALGORITHM
    # the language model loads once per process (start-up, measured below), not in a timed run
    detect_language("Der Stadtrat hat am Dienstag mit großer Mehrheit einen neuen Radweg beschlossen.")
    docs = prepare(records)
    languages = {rec["id"]: resolve_language(rec["article"]) for rec in records}  # told, as sumy is told "english"
    sources = sorted({r["source"] for r in records})
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    counts = {s: sum(r["source"] == s for r in records) for s in sources}
    print(
        f"set {args.set}: {len(records)} articles ("
        + ", ".join(f"{s} {n}" for s, n in counts.items())
        + f"); default algorithm: {default}"
    )
    results, seconds, whole = score_all(names, records, languages, scorer, out, args.repeat)
    print_quality(names, records, sources, results, seconds, whole, default, eval_dir / args.set)
    if "news" in results:
        print(in_sample_note(eval_dir / args.set))
    if "lead" in results and default in results:
        lead, ours = results["lead"]["by_source"], results[default]["by_source"]
        print(
            "\n"
            + "; ".join(
                f"{default} - lead on {s}: "
                + " ".join(f"{m} {ours[s][m] - lead[s][m]:+.2f}" for m in ("R1", "R2", "RL"))
                for s in sources
            )
        )
    print_agreement(seconds, docs, records)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if sizes:
        print_scaling(names, docs, sizes, out)
    if args.startup:
        print("\nStart-up, once per process (median of fresh processes; not in the art/s above):")
        print_table(startup(args.startup), ["step", "ms"])
    if args.huge:
        secs, n = huge_document(args.huge)
        print(
            f"\nA {args.huge:,}-sentence document through summarize_article (default algorithm; splitting stops at the"
            f" ranking cap, {n:,} sentences ranked): {secs:.2f} s"
        )
    print(
        f"\npredictions: {out}/<algorithm>.jsonl "
        f"(re-check: score_summarization.py {out}/{default}.jsonl {eval_dir / args.set})"
    )
    return 0


def in_sample_note(set_path: Path) -> str:
    """Which rows are in-sample, and news's held-out figures from its model file."""
    from newsdigest.summarizers.news import MODEL_FILE

    lines = [
        "\nin-sample: news is trained on this set, so its row above scores it on its own training data; the other"
        " methods have no trained weights."
        if trained_on(MODEL_FILE, set_path)
        else ""
    ]
    lines.append(
        "Held out (news's model file, measured on the whole dev set by quality_gate.py and train_summarizer.py):"
    )
    return "\n".join(lines + held_out_lines(MODEL_FILE))


if __name__ == "__main__":
    sys.exit(main())
