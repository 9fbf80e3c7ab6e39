"""Boosted decision trees stored as JSON and run with numpy: the one runtime of every shipped model.

The cleaner's line classifiers (`data/line_model.json`, `data/html_model.json`)
and the news summarizer's scorer (`data/news_summarizer.json`) are trained with
LightGBM by `benchmarks/train_cleaner.py` and `benchmarks/train_summarizer.py`,
exported by `from_lightgbm` below, and read by `load`: no training library, no
pickle and no download at run time.

A model file is one JSON object::

    {"format": "newsdigest-trees/1",
     "about": "what the model is for",
     "ensembles": {"<name>": ENSEMBLE, ...},   # the cleaner has "stage1" and "stage2"; the summarizer "score"
     "settings": {...},                        # numbers the caller needs beside the trees (the cleaner's threshold)
     "made": {...}}                            # how it was made: script, parameters, data SHA-256,
                                               # LightGBM version, held-out scores

    ENSEMBLE = {"features": [column names], "groups": [names of the parts], "base": float,
                "trees": [{"feature", "threshold", "left", "right", "value", "parts"}, ...]}

A tree's nodes are in pre-order (node 0 is the root). At a split node `feature`
is the column and a row goes to `left` when its value is <= `threshold`, else to
`right` (child node numbers within the tree); at a leaf `feature` is -1 and
`value` is the leaf's output. A score is `base` plus the sum of the leaves a
row reaches, added tree by tree in file order. `parts` (one number per group at
every node, flat; only at leaves they matter) split a leaf's value by what
earned it: each split along the path credits the change in the expected value
to its feature's group (Saabas's decomposition), so score = base + sum of parts.

Features are finite numbers: the feature code never yields NaN, and the trees
are trained without missing values (the exporter refuses a split that routes
missing values on its own). Should a NaN come, it goes right, as the cleaner's
walk always sent it (a hostile-input test holds it to that).

All trees are walked at once, one level per step: each step is a gather of
every row's current node's column and threshold, then a gather of the next
node. A leaf points to itself with an infinite threshold, so trees of any
depth walk the same number of steps.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

FORMAT = "newsdigest-trees/1"
# Rows scored per block: the walk's arrays (trees x rows) stay a few MB. Unblocked,
# 100,000 lines made 120 MB temporaries and cost four times as much per line.
BLOCK_ROWS = 2048


@dataclass(frozen=True)
class Ensemble:
    features: tuple[str, ...]  # the input columns, in order
    groups: tuple[str, ...]  # names of the parts
    base: float  # added to every score
    # Node i is walked as 2 * i, so that "2 * i + went left" indexes `children`
    # directly; `feature` and `threshold` hold node i's values at 2 * i and 2 * i + 1.
    feature: object  # int array (0 at leaves)
    threshold: object  # float array (+inf at leaves: a leaf "goes left" to itself)
    children: object  # int array: 2 * node + went_left -> 2 * next node (right child first; a leaf's are itself)
    table: object  # float array, (2 * nodes) x (1 + groups): a leaf's value, then its parts (zeros elsewhere)
    roots: object  # int array (trees x 1): 2 * the root node of each tree
    depth: int  # the deepest leaf: the number of steps to walk

    def predict(self, x):
        """(scores, parts): one score per row of x, and its parts (rows x groups)."""
        import numpy as np

        x = np.ascontiguousarray(x, dtype=np.float64)
        rows, width = x.shape
        scores, parts = np.empty(rows), np.empty((rows, len(self.groups)))
        for start in range(0, rows, BLOCK_ROWS):
            block = x[start : start + BLOCK_ROWS]
            flat = block.ravel()
            offsets = np.arange(len(block), dtype=np.intp) * width
            node = np.repeat(self.roots, len(block), axis=1)  # trees x rows
            # Every index is in range by construction: mode="clip" skips numpy's bounds
            # check, which costs more than the gather on an article's few dozen rows.
            for _ in range(self.depth):
                went_left = flat.take(
                    self.feature.take(node, mode="clip") + offsets, mode="clip"
                ) <= self.threshold.take(node, mode="clip")
                node = self.children.take(node + went_left, mode="clip")  # NaN is not <=: it goes right
            # tree by tree (the outer axis), in file order: the sum does not depend on the block
            totals = np.add.reduce(self.table.take(node, axis=0, mode="clip"), axis=0)  # rows x (1 + groups)
            scores[start : start + len(block)] = totals[:, 0] + self.base
            parts[start : start + len(block)] = totals[:, 1:]
        return scores, parts

    def scores(self, x):
        """The score of each row of x (log-odds for a binary model)."""
        return self.predict(x)[0]

    def probability(self, x):
        """The logistic of the score: the probability a binary model gives each row."""
        import numpy as np

        return 1.0 / (1.0 + np.exp(-self.scores(x)))


@dataclass(frozen=True)
class TreeModel:
    ensembles: dict[str, Ensemble]
    settings: dict = field(default_factory=dict)
    made: dict = field(default_factory=dict)


@lru_cache(maxsize=8)
def load(name: str) -> TreeModel:
    """The model file `newsdigest/data/<name>`."""
    text = files("newsdigest").joinpath("data", name).read_text(encoding="utf-8")
    try:
        return from_dict(json.loads(text))
    except ValueError as err:
        raise ValueError(f"{name}: {err}") from None


def from_dict(data: dict) -> TreeModel:
    """A TreeModel from a model file's JSON object."""
    if data.get("format") != FORMAT:
        raise ValueError(
            f"not a {FORMAT} model file (format {data.get('format')!r}): convert it with benchmarks/convert_models.py"
        )
    ensembles = {name: ensemble_from_dict(e) for name, e in data["ensembles"].items()}
    return TreeModel(ensembles, dict(data.get("settings", {})), dict(data.get("made", {})))


def ensemble_from_dict(data: dict) -> Ensemble:
    """Flat arrays over all trees of one ensemble (see the module docstring for the shape)."""
    import numpy as np

    groups = tuple(data.get("groups", ()))
    feature, threshold, children, rows, roots = [], [], [], [], []
    depth = 0
    for tree in data["trees"]:
        base = len(feature)
        roots.append(base)
        node_depth = [0] * len(tree["feature"])
        parts = tree.get("parts") or [0.0] * (len(groups) * len(tree["feature"]))
        for i, (f, t, left, right, value) in enumerate(
            zip(tree["feature"], tree["threshold"], tree["left"], tree["right"], tree["value"])
        ):
            if f < 0:  # a leaf points to itself, so extra steps leave it where it is
                feature.append(0)
                threshold.append(np.inf)
                children += [base + i, base + i]
                rows.append([value, *parts[i * len(groups) : (i + 1) * len(groups)]])
                depth = max(depth, node_depth[i])
            else:
                feature.append(f)
                threshold.append(t)
                children += [base + right, base + left]
                rows.append([0.0] * (1 + len(groups)))
                node_depth[left] = node_depth[right] = node_depth[i] + 1  # pre-order: a parent comes first
    twice = np.arange(2 * len(feature)) // 2  # node i at 2 * i and 2 * i + 1
    return Ensemble(
        features=tuple(data["features"]),
        groups=groups,
        base=float(data.get("base", 0.0)),
        feature=np.asarray(feature, dtype=np.intp)[twice],
        threshold=np.asarray(threshold, dtype=np.float64)[twice],
        children=2 * np.asarray(children, dtype=np.intp),
        table=np.asarray(rows, dtype=np.float64).reshape(len(feature), 1 + len(groups))[twice],
        roots=2 * np.asarray(roots, dtype=np.intp)[:, None],
        depth=depth,
    )


def from_lightgbm(dump: dict, features: list[str], groups: dict[str, tuple[str, ...]] | None = None) -> dict:
    """An ensemble's JSON object from LightGBM's `Booster.dump_model()`.

    `features` names the columns (checked against the dump's count, and its names
    when LightGBM was given names); `groups` maps a part's name to its features
    (None: no parts). Each leaf's value is stored relative to its tree's root
    value, and the root values are summed into `base`, so the parts of a score add
    up to it exactly."""
    names = list(dump["feature_names"])
    if len(names) != len(features) or (not _auto_names(names) and names != list(features)):
        raise ValueError("the model's columns differ from the features named")
    groups = groups or {}
    group_of = {f: i for i, fs in enumerate(groups.values()) for f in fs}
    if set(group_of) != set(features) and groups:
        raise ValueError("every feature needs a group when groups are given")
    out = {"features": list(features), "groups": list(groups), "base": 0.0, "trees": []}
    base = 0.0
    for info in dump["tree_info"]:
        root = info["tree_structure"]
        root_value = _value(root)
        base += root_value
        out["trees"].append(_export_tree(root, root_value, [group_of.get(f, 0) for f in features], len(groups)))
    out["base"] = base
    return out


def _export_tree(root: dict, root_value: float, group_of: list[int], ngroups: int) -> dict:
    tree: dict[str, list] = {"feature": [], "threshold": [], "left": [], "right": [], "value": [], "parts": []}

    def walk(node: dict, parts: list[float]) -> int:
        me = len(tree["feature"])
        for key, empty in (("feature", -1), ("threshold", 0.0), ("left", -1), ("right", -1), ("value", 0.0)):
            tree[key].append(empty)
        tree["parts"].extend(parts if "split_feature" not in node else [0.0] * ngroups)
        if "split_feature" not in node:
            tree["value"][me] = node["leaf_value"] - root_value
            return me
        if node.get("decision_type", "<=") != "<=" or node.get("missing_type", "None") not in ("None", None):
            raise ValueError("only numeric <= splits without missing values are supported")
        g, value = group_of[node["split_feature"]], node["internal_value"]
        tree["feature"][me] = int(node["split_feature"])
        tree["threshold"][me] = float(node["threshold"])
        for side in ("left", "right"):
            child = node[f"{side}_child"]
            child_parts = list(parts)
            if ngroups:
                child_parts[g] += _value(child) - value
            tree[side][me] = walk(child, child_parts)
        return me

    walk(root, [0.0] * ngroups)
    if not ngroups:
        del tree["parts"]
    return tree


def _value(node: dict) -> float:
    return node["leaf_value"] if "split_feature" not in node else node["internal_value"]


def _auto_names(names: list[str]) -> bool:
    """LightGBM's names for unnamed columns: Column_0, Column_1, ..."""
    return names == [f"Column_{i}" for i in range(len(names))]
