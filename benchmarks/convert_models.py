#!/usr/bin/env python3
"""Convert model files to newsdigest.trees' format, and (re)write their record of how they were made.

    .venv/bin/python benchmarks/convert_models.py [--eval ../shared/eval]
        [--held-out bench-out/quality_gate/held_out.json] [--check NAME=RETRAINED.json ...] [NAME ...]

NAME is a file in newsdigest/data (default: all three). The trees are copied
number for number, so the converted model predicts what the old one did. Two
older shapes are read: the cleaner's ({"features", "threshold", "stage1",
"stage2"}, trees as f/t/l/r/v lists) and the summarizer's (QuickScorer arrays:
split nodes in pre-order with a bit mask of the leaves outside their left
subtree, leaves left to right). A file already in the new format keeps its trees.

`made` gets the training script's parameters, the SHA-256 of the training set
in --eval, the LightGBM version installed here, and the held-out scores from
--held-out (written by quality_gate.py; added to the file's earlier ones).
`--check NAME=FILE` compares the trees with a model file the training
script has just rebuilt (either format): identical trees make the parameters
"verified"; otherwise, or unchecked, they are "reconstructed" (what the script
uses, not shown to rebuild this model). Re-run this after a branch retrains a
model with an older training script.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from modelfile import data_record, lightgbm_version, made_record, write_model  # noqa: E402

from newsdigest.trees import FORMAT  # noqa: E402

DATA = HERE.parent / "newsdigest" / "data"
# model file -> (training script, training set relative to the eval folder)
SOURCES = {
    "line_model.json": ("benchmarks/train_cleaner.py --input text", "extraction/dev.jsonl.gz"),
    "html_model.json": ("benchmarks/train_cleaner.py --input html", "extraction/dev.jsonl.gz"),
    "news_summarizer.json": ("benchmarks/train_summarizer.py", "summarization/dev.jsonl.gz"),
}


def cleaner_tree(tree: dict) -> dict:
    return {"feature": tree["f"], "threshold": tree["t"], "left": tree["l"], "right": tree["r"], "value": tree["v"]}


def from_cleaner(data: dict) -> tuple[str, dict, dict]:
    """(about, ensembles, settings) of the cleaner's older file."""
    from newsdigest.cleaning.model import STAGE2_NAMES

    names = list(data["features"])
    ensembles = {
        "stage1": {"features": names, "groups": [], "base": 0.0, "trees": [cleaner_tree(t) for t in data["stage1"]]},
        "stage2": {
            "features": names + list(STAGE2_NAMES),
            "groups": [],
            "base": 0.0,
            "trees": [cleaner_tree(t) for t in data["stage2"]],
        },
    }
    return data["about"], ensembles, {"threshold": data["threshold"]}


def summarizer_tree(data: dict, t: int) -> dict:
    """Tree t of the summarizer's older file, rebuilt from its pre-order nodes and leaf masks."""
    groups = len(data["groups"])
    starts, offsets = data["starts"] + [len(data["feature"])], data["leaf_offset"] + [len(data["leaf_value"])]
    nodes = list(range(starts[t], starts[t + 1]))
    first, leaves = offsets[t], offsets[t + 1] - offsets[t]
    tree: dict[str, list] = {"feature": [], "threshold": [], "left": [], "right": [], "value": [], "parts": []}
    pending = iter(nodes)

    def add(feature, threshold, value, parts) -> int:
        for key, v in (("feature", feature), ("threshold", threshold), ("left", -1), ("right", -1), ("value", value)):
            tree[key].append(v)
        tree["parts"].extend(parts)
        return len(tree["feature"]) - 1

    def build(lo: int, hi: int) -> int:
        if hi - lo == 1:
            leaf = first + lo
            return add(-1, 0.0, data["leaf_value"][leaf], data["leaf_parts"][leaf * groups : (leaf + 1) * groups])
        node = next(pending)
        mask = int(data["mask"][node], 16)
        left = [i for i in range(lo, hi) if not mask >> i & 1]
        if not left or left != list(range(lo, lo + len(left))) or len(left) == hi - lo:
            raise ValueError(f"tree {t}: node {node} does not split leaves {lo}..{hi - 1} in two")
        me = add(data["feature"][node], data["threshold"][node], 0.0, [0.0] * groups)
        tree["left"][me] = build(lo, lo + len(left))
        tree["right"][me] = build(lo + len(left), hi)
        return me

    build(0, leaves)
    if leaves > 1 and next(pending, None) is not None:
        raise ValueError(f"tree {t}: nodes left over")
    return tree


def from_summarizer(data: dict) -> tuple[str, dict, dict]:
    trees = [summarizer_tree(data, t) for t in range(len(data["starts"]))]
    ensemble = {"features": data["features"], "groups": data["groups"], "base": data["base"], "trees": trees}
    return "newsdigest news summarizer: a sentence's log-odds of belonging to the best extract", {"score": ensemble}, {}


def read_any(path: Path) -> tuple[str, dict, dict, dict]:
    """(about, ensembles, settings, made) of a model file in any of the shapes."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") == FORMAT:
        return data["about"], data["ensembles"], data.get("settings", {}), data.get("made", {})
    if "stage1" in data:
        return (*from_cleaner(data), {})
    if "mask" in data:
        made = (
            {"held_out": {"5-fold CV over articles (not grouped by source)": data["cross_validated"]}}
            if "cross_validated" in data
            else {}
        )
        return (*from_summarizer(data), made)
    raise ValueError(f"{path}: not a model file this script knows")


def params_of(name: str) -> dict:
    if name == "news_summarizer.json":
        import train_summarizer

        return train_summarizer.params_record()
    import train_cleaner

    return train_cleaner.params_record()


def status(name: str, ensembles: dict, settings: dict, checks: dict[str, Path], earlier: dict) -> str:
    if name not in checks:
        return (
            earlier.get("params_status")
            or "reconstructed: the training script's parameters; not checked to rebuild these trees"
        )
    _, theirs, their_settings, _ = read_any(checks[name])
    if not all(same_trees(ensembles[k], theirs.get(k, {})) for k in ensembles):
        return (
            f"reconstructed: the training script's parameters; re-running {SOURCES[name][0]} with them and "
            f"LightGBM {lightgbm_version()} on today's features gives other trees, "
            "so they are not shown to be the true ones"
        )
    differ = {k: v for k, v in settings.items() if their_settings.get(k) != v}
    return (
        f"verified: {SOURCES[name][0]} with these parameters and LightGBM {lightgbm_version()} "
        "rebuilds these trees exactly"
        + (
            f" (not {sorted(differ)}: the script picks it by cross-validation, which the rebuild skipped;"
            " quality_gate.py's held-out line scores favour the value shipped here, see held_out)"
            if differ
            else ""
        )
    )


def same_trees(a: dict, b: dict, tolerance: float = 1e-6) -> bool:
    """The same trees: the same splits, and leaf values that differ only by a
    constant per tree (a value stored relative to the tree's root value, or
    rounded to 7 decimals, as older exports did) that the base makes up for."""
    if not b or a["features"] != b["features"] or len(a["trees"]) != len(b["trees"]):
        return False
    shift = 0.0
    for ta, tb in zip(a["trees"], b["trees"]):
        if any(ta[k] != tb[k] for k in ("feature", "left", "right")):
            return False
        splits = [i for i, f in enumerate(ta["feature"]) if f >= 0]
        if any(ta["threshold"][i] != tb["threshold"][i] for i in splits):
            return False
        d = [vb - va for f, va, vb in zip(ta["feature"], ta["value"], tb["value"]) if f < 0]
        if max(d) - min(d) > tolerance:
            return False
        shift += d[0]
    return abs(a.get("base", 0.0) - shift - b.get("base", 0.0)) <= tolerance * len(a["trees"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", default=list(SOURCES), help="model files in newsdigest/data")
    ap.add_argument("--eval", default=str(HERE.parent.parent / "shared" / "eval"))
    ap.add_argument("--held-out", help="held-out scores by model file (quality_gate.py writes them)")
    ap.add_argument(
        "--check", action="append", default=[], metavar="NAME=FILE", help="compare with a retrained model file"
    )
    args = ap.parse_args(argv)
    checks = {k: Path(v) for k, v in (c.split("=", 1) for c in args.check)}
    held = json.loads(Path(args.held_out).read_text(encoding="utf-8")) if args.held_out else {}
    for name in args.names:
        path = DATA / name
        about, ensembles, settings, earlier = read_any(path)
        script, set_name = SOURCES[name]
        set_path = Path(args.eval) / set_name
        records = sum(1 for _ in __import__("gzip").open(set_path, "rt", encoding="utf-8"))
        made = made_record(
            script,
            params_of(name),
            data_record(set_path, records),
            {**earlier.get("held_out", {}), **held.get(name, {})},
            status(name, ensembles, settings, checks, earlier),
        )
        write_model(path, about, ensembles, settings, made)
        print(f"{name}: {made['params_status']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
