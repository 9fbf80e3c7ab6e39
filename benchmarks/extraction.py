"""How well newsdigest's cleaner keeps the story and nothing else, beside trafilatura.

Usage (from the repository root)::

    .venv/bin/python benchmarks/extraction.py [--eval ../shared/eval] [--limit N]
        [--modes text,html] [--per-page worst.jsonl] [--worst 40] [--json]

The set (``<eval>/extraction/dev.jsonl.gz`` unless ``--set`` names another)
holds one page per line: ``html``, its ``text_dump`` (select-all and copy of
the whole page) and the human ``ground_truth`` story text. Every page is
cleaned by newsdigest twice, as a text dump (``text`` mode) and as HTML
(``html`` mode), and by trafilatura (default settings) on the HTML, all in this
one run. "keep everything" (the text dump unchanged) is the floor any cleaner
must beat. Scores come from the shared scorer (``<eval>/score_extraction.py``,
bag-of-words P/R/F1 per page, averaged with every page weighing the same).

Printed, per source and overall: mean P, R, F1, the share of pages with
F1 >= 0.9, the pages where the output is empty while the truth has a story,
and pages per second; then our figures as ratios against trafilatura's.

In-sample rows are marked: newsdigest's line models were trained on the pages
of the dev set (their model files record its SHA-256), so its rows there are
in-sample, and better than on pages it never saw. The held-out rows below the
table come from benchmarks/quality_gate.py (whole cleaner, models trained with
the page's web site left out: 5 folds grouped by site), when it has run.
``--per-page`` writes the worst pages (our lowest F1 per mode) with the output
beside the truth, for study.

Hard-wrapped dumps (``--wrap-widths``, default 60,72,76,80; empty to skip):
the text-dump mode runs again on every page's dump hard-wrapped at each width
the way ``lynx -dump`` prints it, by ``wrap()`` of ``<eval>/score_multilingual.py``
(imported from the eval folder, not copied). Per width: F1 as above, and the
summary fragment rate: the share of the summary sentences (``news``, 3
sentences) that are not whole sentences of the unwrapped story. The whole
sentences of a page are what our splitter makes of each line of its unwrapped
dump (in the language found for the unwrapped page), compared with runs of
white space made one space; a sentence cut at a line end, or two lines joined
that were not one paragraph, is a fragment. The unwrapped row gives the same
count for the unwrapped dump's own summary (0 by construction) and, for both,
"shape": the share of summary sentences the multilingual scorer's
``is_fragment`` calls fragments (starting lower case or with , ; : ) ], or not
ending with sentence punctuation, unless it is the title).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL = REPO_ROOT.parent / "shared" / "eval"
HELD_OUT = REPO_ROOT / "bench-out" / "quality_gate" / "held_out.json"  # written by quality_gate.py
GOOD_F1 = 0.9  # the scorer's own "page is right" threshold


def load_scorer(eval_dir: Path):
    path = eval_dir / "score_extraction.py"
    if not path.is_file():
        raise SystemExit(f"{path}: scorer not found (give the eval folder with --eval)")
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score_text


def read_set(path: Path, limit: int | None = None) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    pages = []
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                pages.append(json.loads(line))
                if limit and len(pages) >= limit:
                    break
    return pages


def _ours_text(page: dict) -> str:
    from newsdigest.api import clean_text

    return clean_text(page["text_dump"], format="text").text


def _ours_html(page: dict) -> str:
    from newsdigest.api import clean_text

    return clean_text(page["html"], format="html").text


def _trafilatura(page: dict) -> str:
    import trafilatura

    return trafilatura.extract(page["html"]) or ""


def _keep_everything(page: dict) -> str:
    return page["text_dump"]


def systems(modes: Iterable[str], with_trafilatura: bool) -> list[tuple[str, str, Callable[[dict], str]]]:
    """(name, input, function) for every system in this run, the baseline first."""
    out: list[tuple[str, str, Callable[[dict], str]]] = [("keep everything", "text", _keep_everything)]
    if "text" in modes:
        out.append(("newsdigest", "text", _ours_text))
    if with_trafilatura:
        try:
            import trafilatura  # noqa: F401
        except ImportError:
            print("trafilatura is not installed (pip install -e '.[bench]'): its rows are skipped", file=sys.stderr)
        else:
            out.append(("trafilatura", "html", _trafilatura))
    if "html" in modes:
        out.append(("newsdigest", "html", _ours_html))
    return out


def run(pages: list[dict], name: str, func: Callable[[dict], str], score_text) -> tuple[list[dict], float]:
    """Per-page rows and the seconds spent in `func` (scoring excluded)."""
    rows, spent = [], 0.0
    for page in pages:
        start = time.perf_counter()
        try:
            pred = func(page)
        except Exception as err:  # a crash is a failed page, and is reported as one
            print(f"{name}: {page['id']}: {type(err).__name__}: {err}", file=sys.stderr)
            pred = ""
        spent += time.perf_counter() - start
        p, r, f = score_text(pred, page["ground_truth"])
        rows.append(
            {
                "id": page["id"],
                "source": page.get("source", ""),
                "url": page.get("url", ""),
                "precision": p,
                "recall": r,
                "f1": f,
                "empty": not pred.strip() and bool(page["ground_truth"].strip()),
                "text": pred,
            }
        )
    return rows, spent


def _load_eval_module(eval_dir: Path, name: str):
    path = eval_dir / f"{name}.py"
    if not path.is_file():
        raise SystemExit(f"{path}: not found (give the eval folder with --eval)")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and pickling look modules up by name
    spec.loader.exec_module(module)
    return module


def _whole_sentences(dump: str, language: str | None) -> set[str]:
    from newsdigest.sentences import split_sentences

    whole = set()
    for line in dump.split("\n"):
        if line.strip():
            whole.update(" ".join(s.split()) for s in split_sentences(" ".join(line.split()), language))
    return whole


def _summary(text: str):
    """(the cleaned article, its summary's sentences) of a text dump."""
    from newsdigest.api import SummaryOptions, clean_text, summarize_article
    from newsdigest.summarizers.select import Length

    article = clean_text(text, format="text")
    if not article.paragraphs:
        return article, []
    return article, [s.text for s in summarize_article(article, SummaryOptions(length=Length(sentences=3))).sentences]


def wrapped_runs(pages: list[dict], widths: list[int], score_text, ml) -> list[dict]:
    """One row per width (0: the unwrapped dump): F1 and the summary fragment rates (see the docstring)."""
    import warnings

    warnings.simplefilter("ignore")  # language warnings of pages in other languages
    rows = []
    reference = {}
    for width in [0, *widths]:
        f1s, sentences, fragments, shape, spent = [], 0, 0, 0, 0.0
        for page in pages:
            dump = page["text_dump"]
            text = dump if width == 0 else ml.wrap(dump, "en", width=width)
            start = time.perf_counter()
            try:
                article, summary = _summary(text)
            except Exception as err:  # a crash is a failed page
                print(f"wrapped {width}: {page['id']}: {type(err).__name__}: {err}", file=sys.stderr)
                f1s.append(0.0)
                continue
            spent += time.perf_counter() - start
            f1s.append(score_text(article.text, page["ground_truth"])[2])
            if width == 0:
                reference[page["id"]] = _whole_sentences(dump, article.meta.language)
            whole = reference.get(page["id"], set())
            titles = [article.meta.title or ""]
            sentences += len(summary)
            fragments += sum(" ".join(s.split()) not in whole for s in summary)
            shape += sum(ml.is_fragment(s, article.meta.language or "en", titles) for s in summary)
        n = sentences
        rows.append(
            {
                "width": width,
                "pages": len(pages),
                "f1": sum(f1s) / max(len(f1s), 1),
                "sentences": sentences,
                "fragments": fragments / n if n else 0.0,
                "shape_fragments": shape / n if n else 0.0,
                "pages_per_s": len(pages) / spent if spent else None,
            }
        )
    return rows


def wrapped_table(rows: list[dict], in_sample: bool = False) -> str:
    base = rows[0]["f1"]
    head = (
        f"{'wrapped at':<12} {'pages':>5} {'F1':>6} {'vs unwrapped':>12} {'sentences':>9} {'fragments':>9} "
        f"{'shape':>6} {'pages/s':>8}"
    )
    title = "newsdigest, text dumps hard-wrapped (summary: news, 3 sentences)"
    title += ": in-sample (the text line model was trained on these pages, unwrapped)" if in_sample else ""
    lines = [title, head, "-" * len(head)]
    for r in rows:
        name = "unwrapped" if r["width"] == 0 else f"{r['width']} columns"
        lines.append(
            f"{name:<12} {r['pages']:>5} {r['f1']:>6.3f} {r['f1'] - base:>+12.3f} {r['sentences']:>9} "
            f"{r['fragments']:>9.1%} {r['shape_fragments']:>6.1%} {r['pages_per_s'] or 0:>8.1f}"
        )
    return "\n".join(lines)


def summarize(rows: list[dict]) -> dict:
    n = len(rows) or 1
    return {
        "pages": len(rows),
        "precision": sum(r["precision"] for r in rows) / n,
        "recall": sum(r["recall"] for r in rows) / n,
        "f1": sum(r["f1"] for r in rows) / n,
        "good": sum(r["f1"] >= GOOD_F1 for r in rows) / n,
        "empty": sum(r["empty"] for r in rows),
    }


def trained_on(set_path: Path) -> set[str]:
    """The inputs ("text", "html") whose shipped line model was trained on this set file."""
    from modelfile import trained_on

    from newsdigest.cleaning.model import MODEL_FILES

    return {kind for kind, name in MODEL_FILES.items() if trained_on(name, set_path)}


def held_out_rows() -> str:
    """The cleaner's held-out figures from quality_gate.py, in the table's columns."""
    if not HELD_OUT.is_file():
        return f"held out: no figures yet ({HELD_OUT} is written by benchmarks/quality_gate.py)"
    from newsdigest.cleaning.model import MODEL_FILES

    figures = json.loads(HELD_OUT.read_text(encoding="utf-8"))
    lines = []
    for kind, name in MODEL_FILES.items():
        for how, f in figures.get(name, {}).items():
            lines.append(
                f"{'ALL':<12} {'newsdigest':<16} {kind:<5} {f['pages']:>5} "
                f"{f['P']:>6.3f} {f['R']:>6.3f} {f['F1']:>6.3f}"
                f" {'-':>8} {'-':>6} {'-':>8}  held out: {how}"
            )
    return "\n".join(lines)


def table(results: list[tuple[str, str, list[dict], float]], in_sample: set[str] = frozenset()) -> str:
    sources = sorted({r["source"] for _, _, rows, _ in results for r in rows})
    head = (
        f"{'source':<12} {'tool':<16} {'input':<5} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} "
        f"{'F1>=0.9':>8} {'empty':>6} {'pages/s':>8}"
    )
    lines = [head, "-" * len(head)]
    for source in [*sources, "ALL"]:
        for name, mode, rows, spent in results:
            subset = rows if source == "ALL" else [r for r in rows if r["source"] == source]
            s = summarize(subset)
            speed = "-" if name == "keep everything" else f"{len(rows) / spent:8.1f}" if spent else "inf"
            mark = "  in-sample" if name == "newsdigest" and mode in in_sample else ""
            lines.append(
                f"{source:<12} {name:<16} {mode:<5} {s['pages']:>5} {s['precision']:>6.3f} {s['recall']:>6.3f} "
                f"{s['f1']:>6.3f} {s['good']:>8.1%} {s['empty']:>6} {speed:>8}{mark}"
            )
        lines.append("")
    return "\n".join(lines)


def ratios(results: list[tuple[str, str, list[dict], float]]) -> str:
    by = {
        (name, mode): (summarize(rows), len(rows) / spent if spent else float("inf"))
        for name, mode, rows, spent in results
    }
    ref = by.get(("trafilatura", "html"))
    lines = []
    for mode in ("html", "text"):
        ours = by.get(("newsdigest", mode))
        if ours is None:
            continue
        if ref is not None:
            lines.append(
                f"newsdigest {mode} / trafilatura html: F1 {ours[0]['f1'] / ref[0]['f1']:.3f}x "
                f"({ours[0]['f1'] - ref[0]['f1']:+.3f}), pages/s {ours[1] / ref[1]:.2f}x"
            )
        floor = by[("keep everything", "text")][0]
        lines.append(
            f"newsdigest {mode} / keep everything: F1 {ours[0]['f1'] - floor['f1']:+.3f}, "
            f"precision {ours[0]['precision'] - floor['precision']:+.3f}"
        )
    return "\n".join(lines)


def worst_pages(results, pages: list[dict], count: int) -> list[dict]:
    truth = {p["id"]: p["ground_truth"] for p in pages}
    out = []
    for name, mode, rows, _ in results:
        if name != "newsdigest":
            continue
        for row in sorted(rows, key=lambda r: r["f1"])[:count]:
            out.append({**row, "mode": mode, "truth": truth[row["id"]]})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--eval", default=str(DEFAULT_EVAL), help="the shared eval folder (default ../shared/eval from the repo)"
    )
    ap.add_argument("--set", help="the set file (default <eval>/extraction/dev.jsonl.gz)")
    ap.add_argument("--limit", type=int, help="only the first N pages (quick runs)")
    ap.add_argument("--modes", default="text,html", help="newsdigest's inputs to measure: text, html or both")
    ap.add_argument("--no-trafilatura", action="store_true", help="skip the reference tool")
    ap.add_argument("--per-page", metavar="OUT.jsonl", help="write our worst pages (per mode) as JSON Lines")
    ap.add_argument("--worst", type=int, default=40, help="pages per mode written by --per-page")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON instead of the table")
    ap.add_argument(
        "--wrap-widths",
        default="60,72,76,80",
        help="also run the text mode on dumps hard-wrapped at these widths (empty: skip)",
    )
    args = ap.parse_args(argv)

    eval_dir = Path(args.eval)
    set_path = Path(args.set) if args.set else eval_dir / "extraction" / "dev.jsonl.gz"
    if not set_path.is_file():
        print(f"{set_path}: evaluation set not found; skipping the extraction benchmark", file=sys.stderr)
        return 0
    score_text = load_scorer(eval_dir)
    pages = read_set(set_path, args.limit)
    modes = {m.strip() for m in args.modes.split(",") if m.strip()}

    results = []
    for name, mode, func in systems(modes, not args.no_trafilatura):
        func(pages[0])  # warm up: lazy imports are not part of the per-page speed
        rows, spent = run(pages, f"{name} ({mode})", func, score_text)
        results.append((name, mode, rows, spent))

    widths = [int(w) for w in args.wrap_widths.split(",") if w.strip()]
    wrapped = (
        wrapped_runs(pages, widths, score_text, _load_eval_module(eval_dir, "score_multilingual")) if widths else []
    )
    if args.json:
        print(
            json.dumps(
                {
                    "systems": [
                        {"tool": n, "input": m, **summarize(rows), "pages_per_s": len(rows) / s if s else None}
                        for n, m, rows, s in results
                    ],
                    "wrapped": wrapped,
                },
                indent=2,
            )
        )
    else:
        in_sample = trained_on(set_path)
        print(f"extraction: {set_path} ({len(pages)} pages), scorer {eval_dir / 'score_extraction.py'}")
        if in_sample:
            print(
                f"in-sample: newsdigest's {' and '.join(sorted(in_sample))} line models were trained on this set "
                "(held-out rows follow)"
            )
        print(table(results, in_sample))
        print(held_out_rows())
        print(ratios(results))
        if wrapped:
            print()
            print(wrapped_table(wrapped, "text" in in_sample))
    if args.per_page:
        with open(args.per_page, "w", encoding="utf-8") as fh:
            for row in worst_pages(results, pages, args.worst):
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
