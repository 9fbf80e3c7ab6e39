"""Train the line classifier that the plain-text cleaner ships (newsdigest/data/line_model.json).

Usage (from the repository root; needs the bench extra: lightgbm)::

    .venv/bin/python benchmarks/train_cleaner.py [--eval ../shared/eval] [--folds 5] [--no-save]

Labels: every line of each page's ``text_dump`` is aligned with the page's
``ground_truth`` (difflib on word sequences); a line is story when at least
half of its words align. Keeping exactly the lines so labelled scores F1 0.995
on the dev set, so the labels are a fair target.

Features: ``newsdigest.cleaning.features.page_matrix`` (the same code the
cleaner runs). Stage 1 scores lines; stage 2 adds stage 1's scores of the
surrounding lines (trained on out-of-fold stage 1 scores, so it learns from
honest ones).

Held-out score: pages are split into folds by web site (URL domain), never
line by line, so a site's page layout is never both trained on and tested on.
Each fold's pages are cleaned by models trained on the other folds only, and
scored with the shared scorer; the mean over all pages is printed beside
"keep everything". The shipped model is then trained on all pages.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction import DEFAULT_EVAL, load_scorer, read_set  # noqa: E402
from modelfile import data_record, made_record, write_model  # noqa: E402

from newsdigest.cleaning import features as F  # noqa: E402
from newsdigest.cleaning.model import MODEL_FILES, STAGE2_NAMES, feature_names, stage2_matrix  # noqa: E402
from newsdigest.cleaning.normalize import normalize_text  # noqa: E402
from newsdigest.trees import ensemble_from_dict, from_lightgbm  # noqa: E402

_TOKEN = re.compile(r"\w+")
ALIGNED_SHARE = 0.5  # a line is story when half its words align with the truth (labels are near 0 or 1 anyway)

PARAMS = {
    "objective": "binary",
    "learning_rate": 0.08,
    "num_leaves": 31,
    "max_depth": 6,  # bounds the walk at run time (a step per level)
    "min_data_in_leaf": 40,  # a leaf speaks for many lines, from several sites
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "verbose": -1,
    "num_threads": 1,  # the machine is shared: more threads than free cores makes OpenMP crawl
    "seed": 7,
}
ROUNDS = 150  # trees per stage: the run-time walk costs a step per tree and level
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)  # story thresholds tried on the held-out scores
FOLDS = 5


def params_record(folds: int = FOLDS) -> dict:
    """Everything that decides the trees, as a model file records it."""
    return {
        "lightgbm": PARAMS,
        "num_boost_round": ROUNDS,
        "labels": f"a line is story when >= {ALIGNED_SHARE} of its words align with the truth",
        "weight": "log1p(words of the line)",
        "stage2_input": f"out-of-fold stage 1 scores, {folds} folds by site (crc32 of the domain)",
        "threshold": f"the best mean F1 of {THRESHOLDS} over site-grouped {folds}-fold held-out scores",
    }


def label_lines(lines: list[F.Line], truth: str) -> list[int]:
    tokens, owner = [], []
    for i, line in enumerate(lines):
        found = _TOKEN.findall(line.text.lower())
        tokens += found
        owner += [i] * len(found)
    matcher = difflib.SequenceMatcher(None, tokens, _TOKEN.findall(truth.lower()), autojunk=False)
    matched = [0] * len(lines)
    total = [0] * len(lines)
    for o in owner:
        total[o] += 1
    for a, _, size in matcher.get_matching_blocks():
        for k in range(a, a + size):
            matched[owner[k]] += 1
    return [1 if total[i] and matched[i] / total[i] >= ALIGNED_SHARE else 0 for i in range(len(lines))]


def domain(url: str) -> str:
    host = urlparse(url or "").netloc.lower()
    return host[4:] if host.startswith("www.") else host or "(none)"


def page_input(page: dict, kind: str):
    """(lines, feature matrix) of a page, computed exactly as the cleaner does."""
    if kind == "html":
        from newsdigest.cleaning.dom import dom_matrix
        from newsdigest.cleaning.html import candidates, ld_article_body, page_lines, parse_html

        root = parse_html(page["html"])
        if root is None:
            return [], None
        dlines, _ = candidates(page_lines(root, ld_article_body(root)))
        return [d.line for d in dlines], dom_matrix(dlines) if dlines else None
    lines = F.split_lines(normalize_text(page["text_dump"]))
    return lines, F.page_matrix(lines) if lines else None


def prepare(pages: list[dict], kind: str = "text") -> list[dict]:
    import numpy as np

    out = []
    for page in pages:
        lines, x = page_input(page, kind)
        if not lines:
            continue
        out.append(
            {
                "id": page["id"],
                "domain": domain(page.get("url", "")),
                "truth": page["ground_truth"],
                "lines": lines,
                "x": x,
                "y": np.asarray(label_lines(lines, page["ground_truth"])),
                "w": np.asarray([np.log1p(len(_TOKEN.findall(line.text))) for line in lines]),
            }
        )
    return out


def fit(xs, ys, ws, rounds: int = ROUNDS):
    import lightgbm as lgb
    import numpy as np

    data = lgb.Dataset(np.vstack(xs), np.concatenate(ys), weight=np.concatenate(ws), free_raw_data=True)
    return lgb.train(PARAMS, data, num_boost_round=rounds)


def train_two_stage(train: list[dict], folds: int):
    """Stage 1 on all of `train`; stage 2 on out-of-fold stage 1 scores (folds by site)."""
    import numpy as np

    groups = _fold_of(train, folds)
    oof = [None] * len(train)
    for k in range(folds):
        inner = [i for i in range(len(train)) if groups[i] != k]
        booster = fit([train[i]["x"] for i in inner], [train[i]["y"] for i in inner], [train[i]["w"] for i in inner])
        for i in range(len(train)):
            if groups[i] == k:
                oof[i] = booster.predict(train[i]["x"])
    stage1 = fit([p["x"] for p in train], [p["y"] for p in train], [p["w"] for p in train])
    x2 = [stage2_matrix(p["x"], np.asarray(o)) for p, o in zip(train, oof)]
    stage2 = fit(x2, [p["y"] for p in train], [p["w"] for p in train])
    return stage1, stage2


def _fold_of(pages: list[dict], folds: int) -> list[int]:
    """Fold of each page: whole domains go to one fold (a stable hash of the domain)."""
    import zlib

    return [zlib.crc32(p["domain"].encode()) % folds for p in pages]


def predict(stage1, stage2, x):
    import numpy as np

    p1 = stage1.predict(x)
    return stage2.predict(stage2_matrix(x, np.asarray(p1)))


def page_text(page: dict, probs, threshold: float) -> str:
    return "\n".join(line.text for line, p in zip(page["lines"], probs) if p >= threshold)


def best_threshold(pages, probs, score_text) -> float:
    best = (0.0, 0.5)
    for t in THRESHOLDS:
        f1 = sum(score_text(page_text(p, pr, t), p["truth"])[2] for p, pr in zip(pages, probs)) / len(pages)
        best = max(best, (f1, t))
    return best[1]


def report(name: str, pages, texts, score_text) -> dict:
    rows = [score_text(t, p["truth"]) for p, t in zip(pages, texts)]
    n = len(rows)
    out = {
        "P": sum(r[0] for r in rows) / n,
        "R": sum(r[1] for r in rows) / n,
        "F1": sum(r[2] for r in rows) / n,
        "F1>=0.9": sum(r[2] >= 0.9 for r in rows) / n,
        "empty": sum(not t.strip() for t in texts),
    }
    print(
        f"{name:<34} P {out['P']:.3f}  R {out['R']:.3f}  F1 {out['F1']:.3f}  "
        f"F1>=0.9 {out['F1>=0.9']:.1%}  empty {out['empty']}"
    )
    return {k: round(v, 4) for k, v in out.items()}


def cross_validate(
    pages: list[dict], folds_count: int, score_text, start: float, per_page: str | None
) -> tuple[float, dict]:
    """(threshold, held-out figures): every page cleaned by models trained on the other sites' folds."""
    folds = _fold_of(pages, folds_count)
    held: list = [None] * len(pages)
    held1: list = [None] * len(pages)
    for k in range(folds_count):
        train = [p for p, f in zip(pages, folds) if f != k]
        stage1, stage2 = train_two_stage(train, folds_count - 1)
        for i, page in enumerate(pages):
            if folds[i] == k:
                held1[i] = stage1.predict(page["x"])
                held[i] = predict(stage1, stage2, page["x"])
        print(f"  fold {k + 1}/{folds_count} done ({time.time() - start:.0f}s)")
    threshold = best_threshold(pages, held, score_text)
    print(f"held-out by site, {folds_count} folds (threshold {threshold}):")
    figures = {
        "keep everything": report(
            "keep everything", pages, ["\n".join(line.text for line in p["lines"]) for p in pages], score_text
        ),
        "oracle (the labels)": report(
            "oracle (the labels)", pages, [page_text(p, p["y"], 0.5) for p in pages], score_text
        ),
        "stage 1 only": report(
            "stage 1 only", pages, [page_text(p, pr, threshold) for p, pr in zip(pages, held1)], score_text
        ),
        "stage 1 + 2": report(
            "stage 1 + 2 (shipped design)",
            pages,
            [page_text(p, pr, threshold) for p, pr in zip(pages, held)],
            score_text,
        ),
    }
    # The whole cleaner on held-out scores: sure-boilerplate rules, headline, repairs.
    from newsdigest.cleaning.text import decide

    whole = [
        "\n\n".join(decide(p["lines"], [float(v) for v in pr], threshold).paragraphs) for p, pr in zip(pages, held)
    ]
    figures["lines kept by the text cleaner's rules"] = report("cleaner with held-out scores", pages, whole, score_text)
    if per_page:
        write_per_page(per_page, pages, held, threshold, score_text)
    return threshold, {
        f"{folds_count}-fold CV grouped by site (crc32 of the URL domain), threshold {threshold}": figures
    }


def write_per_page(path: str, pages, held, threshold: float, score_text) -> None:
    rows = []
    for p, pr in zip(pages, held):
        prec, rec, f1 = score_text(page_text(p, pr, threshold), p["truth"])
        lines = [
            {"p": round(float(x), 3), "label": int(y), "text": line.text[:300]}
            for line, x, y in zip(p["lines"], pr, p["y"])
        ]
        rows.append({"id": p["id"], "domain": p["domain"], "precision": prec, "recall": rec, "f1": f1, "lines": lines})
    rows.sort(key=lambda r: r["f1"])
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def export(stage1, stage2, kind: str) -> dict:
    """Both stages in newsdigest.trees' shape, checked against LightGBM's own scores."""
    names = feature_names(kind)
    return {
        "stage1": from_lightgbm(stage1.dump_model(), names),
        "stage2": from_lightgbm(stage2.dump_model(), names + list(STAGE2_NAMES)),
    }


def save(pages: list[dict], args, set_path: Path, threshold: float, held_out: dict, start: float) -> None:
    import numpy as np

    stage1, stage2 = train_two_stage(pages, args.folds)
    ensembles = export(stage1, stage2, args.input)
    # Check the export: the numpy walk must give LightGBM's own scores.
    x = pages[0]["x"]
    if not np.allclose(ensemble_from_dict(ensembles["stage1"]).probability(x), stage1.predict(x), atol=1e-9):
        raise SystemExit("exported trees disagree with LightGBM: not saved")
    about = f"newsdigest line classifier ({args.input} input): the story probability of each line"
    made = made_record(
        f"benchmarks/train_cleaner.py --input {args.input}",
        params_record(args.folds),
        data_record(set_path, args.limit or len(pages), "" if not args.limit else f"first {args.limit} pages"),
        held_out,
        "as trained: written by this run of the script",
    )
    out = Path(args.out or REPO_ROOT / "newsdigest" / "data" / MODEL_FILES[args.input])
    write_model(out, about, ensembles, {"threshold": threshold}, made)
    print(f"wrote {out} ({out.stat().st_size // 1024} KiB, {time.time() - start:.0f}s)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval", default=str(DEFAULT_EVAL))
    ap.add_argument("--set", help="training set (default <eval>/extraction/dev.jsonl.gz)")
    ap.add_argument("--folds", type=int, default=FOLDS, help="site-grouped folds for the held-out score")
    ap.add_argument("--no-cv", action="store_true", help="skip the held-out score (the threshold is then 0.5)")
    ap.add_argument("--no-save", action="store_true", help="do not write the model file")
    ap.add_argument("--limit", type=int)
    ap.add_argument(
        "--per-page", metavar="OUT.jsonl", help="write every page's held-out score and line scores, worst first"
    )
    ap.add_argument("--input", choices=("text", "html"), default="text", help="train on text dumps or on HTML pages")
    ap.add_argument("--out", help="model file (default newsdigest/data/<the model file of --input>)")
    args = ap.parse_args(argv)
    eval_dir = Path(args.eval)
    score_text = load_scorer(eval_dir)
    start = time.time()
    set_path = Path(args.set) if args.set else eval_dir / "extraction" / "dev.jsonl.gz"
    pages = prepare(read_set(set_path, args.limit), args.input)
    print(
        f"{len(pages)} pages, {sum(len(p['lines']) for p in pages)} lines, {len({p['domain'] for p in pages})} sites "
        f"({time.time() - start:.0f}s to label and featurize)"
    )
    threshold, held_out = 0.5, {}
    if not args.no_cv:
        threshold, held_out = cross_validate(pages, args.folds, score_text, start, args.per_page)
    if not args.no_save:
        save(pages, args, set_path, threshold, held_out, start)
    return 0


if __name__ == "__main__":
    sys.exit(main())
