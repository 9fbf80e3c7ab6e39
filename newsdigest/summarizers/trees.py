"""Scoring with a shipped ensemble of decision trees, in a few numpy operations.

The news summarizer's weights are boosted trees trained by
`benchmarks/train_summarizer.py` and shipped as JSON in `newsdigest/data/`
(no download, no pickles, no training library at run time).

Evaluation follows QuickScorer (Lucchese et al., SIGIR 2015): leaves are
numbered left to right, and every split node carries a bit mask of the leaves
of its left subtree, which a row can no longer reach once the node's test sends
it right. The leaf a row reaches is the lowest leaf that none of its tree's
nodes ruled out: the lowest zero bit of the OR of the masks of the nodes that
sent it right. So every test of every tree runs as one vectorised comparison,
whatever the depth, and the lowest zero bit is a table look-up.

The nodes are stored level-major: node j of every tree, then node j + 1 (trees
with fewer nodes are padded with nodes that never send a row right), so the OR
of a tree's masks is a reduction over the outermost axis, the one numpy runs
fastest; and for trees of at most 8 leaves the look-up table holds each tree's
first leaf already, so the lowest zero bit and the leaf's row are one gather.

Each leaf also carries its path's contributions by feature group (the value
gained at each split along the path, credited to the split's feature: Saabas's
decomposition), so the parts of a score cost one gather too: score = base +
sum of parts, exactly. A leaf's value and its parts sit in one row of one
table, so the score and its parts come from the same gather.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files


@dataclass(frozen=True)
class TreeModel:
    features: tuple[str, ...]  # column names the model was trained on
    groups: tuple[str, ...]  # names of the parts
    base: float  # the score before any split
    trees: int  # number of trees
    feature: object  # int array, one per split node: node j of tree t at j * trees + t
    threshold: object  # float array (a column): a row goes left when value <= threshold
    left: object  # unsigned int array (a column): the leaves of the node's left subtree, as bits
    table_start: object  # int array (a column): where each tree's part of `lowest_zero` starts
    leaf_offset: object  # int array (a column): first leaf of each tree (None: in `lowest_zero` already)
    leaf_table: object  # float array, leaves x (1 + groups): each leaf's value, then its parts
    lowest_zero: object  # int array: lowest zero bit of every mask value (None for masks over 16 bits)

    def predict(self, matrix):
        """(scores, parts): one score per row, and its parts (rows x groups)."""
        import numpy as np

        if len(matrix) == 0:
            return np.zeros(0), np.zeros((0, len(self.groups)))
        # nodes x rows (take: half the time of fancy indexing for the same gather; the
        # array methods and ufuncs here skip numpy's Python wrappers, a microsecond each)
        goes_right = matrix.T.take(self.feature, axis=0) > self.threshold
        # levels x trees x rows, OR-ed over the levels: trees x rows
        ruled_out = np.bitwise_or.reduce((goes_right * self.left).reshape(-1, self.trees, len(matrix)), axis=0)
        if self.lowest_zero is None:
            free = ~ruled_out & (ruled_out + 1)  # the lowest zero bit, alone
            first = np.frexp(free.astype(np.float64))[1] - 1
        else:
            first = self.lowest_zero.take(ruled_out + self.table_start)
        if self.leaf_offset is not None:
            first += self.leaf_offset
        totals = np.add.reduce(self.leaf_table.take(first, axis=0), axis=0)  # rows x (1 + groups)
        return totals[:, 0] + self.base, totals[:, 1:]


@lru_cache(maxsize=4)
def load(name: str) -> TreeModel:
    """Load `newsdigest/data/<name>` (JSON written by the training script)."""
    return from_dict(json.loads(files("newsdigest").joinpath("data", name).read_text(encoding="utf-8")))


def from_dict(data: dict) -> TreeModel:
    """A TreeModel from the JSON shape `from_lightgbm` writes."""
    import numpy as np

    groups = tuple(data["groups"])
    leaf_offset = np.asarray(data["leaf_offset"], dtype=np.int64)
    most_leaves = int(np.max(np.diff(np.r_[leaf_offset, len(data["leaf_value"])])))
    left, lowest_zero = _left_masks([int(m, 16) for m in data["mask"]], most_leaves)
    values = np.asarray(data["leaf_value"], dtype=np.float64)
    parts = np.asarray(data["leaf_parts"], dtype=np.float64).reshape(-1, len(groups))
    # level-major layout, padded: a padding node never sends a row right (no value
    # is above +inf, NaN included) and rules out no leaf
    starts = np.asarray(data["starts"], dtype=np.int64)
    trees = len(starts)
    counts = np.diff(np.r_[starts, len(data["feature"])])
    levels = int(counts.max())
    feature = np.zeros((levels, trees), dtype=np.int64)
    threshold = np.full((levels, trees), np.inf)
    lefts = np.zeros((levels, trees), dtype=left.dtype)
    for t, (start, count) in enumerate(zip(starts.tolist(), counts.tolist())):
        feature[:count, t] = data["feature"][start : start + count]
        threshold[:count, t] = data["threshold"][start : start + count]
        lefts[:count, t] = left[start : start + count]
    table_start, offset = np.zeros((trees, 1), dtype=np.int64), leaf_offset[:, None]
    if left.dtype == np.uint8:  # 256 entries a tree: each tree's table holds its first leaf already
        table_start = np.arange(trees, dtype=np.int64)[:, None] * 256
        lowest_zero = (lowest_zero[None, :] + leaf_offset[:, None]).ravel()
        offset = None
    return TreeModel(
        features=tuple(data["features"]),
        groups=groups,
        base=float(data["base"]),
        trees=trees,
        feature=feature.ravel(),
        threshold=threshold.reshape(-1, 1),
        left=lefts.reshape(-1, 1),
        table_start=table_start,
        leaf_offset=offset,
        leaf_table=np.column_stack((values, parts)),
        lowest_zero=lowest_zero,
    )


def _left_masks(masks: list[int], most_leaves: int):
    """Each node's left-subtree leaves as bits (the complement of its stored
    mask), in the narrowest unsigned type that holds every tree's leaves (7-leaf
    trees fit 8 bits), and the lowest-zero-bit table for that width."""
    import numpy as np

    for dtype, bits in ((np.uint8, 8), (np.uint16, 16), (np.uint32, 32), (np.uint64, 64)):
        if most_leaves <= bits:
            keep = (1 << bits) - 1
            left = np.asarray([~m & keep for m in masks], dtype=dtype)
            table = None
            if bits <= 16:
                values = np.arange(1 << bits, dtype=np.int64)
                free = ~values & (values + 1)  # lowest zero bit alone (a full mask has none: leaf 0, unreachable)
                table = np.frexp(free.astype(np.float64))[1].astype(np.int64) - 1
                table[free >= 1 << bits] = 0
            return left, table
    raise ValueError("at most 64 leaves per tree")


def from_lightgbm(dump: dict, features: list[str], groups: dict[str, tuple[str, ...]]) -> dict:
    """Convert LightGBM's `Booster.dump_model()` into our JSON shape (used by training)."""
    group_names = list(groups)
    group_of = {f: group_names.index(g) for g, fs in groups.items() for f in fs}
    assert list(dump["feature_names"]) == list(features), "model features differ from FEATURES"
    out = {"features": list(features), "groups": group_names, "feature": [], "threshold": [], "mask": [],
           "starts": [], "leaf_offset": [], "leaf_value": [], "leaf_parts": []}
    base = 0.0
    for tree in dump["tree_info"]:
        root = tree["tree_structure"]
        leaves: list[tuple[float, list[float]]] = []
        nodes: list[tuple[int, float, list[int]]] = []  # feature, threshold, leaves of the left subtree

        def walk(node, parts):
            """Number leaves left to right; return the leaf numbers under `node`."""
            if "leaf_index" in node or "leaf_value" in node and "split_feature" not in node:
                leaves.append((node["leaf_value"], parts))
                return [len(leaves) - 1]
            if node.get("decision_type", "<=") != "<=":
                raise ValueError("only numeric <= splits are supported")
            value = node["internal_value"]
            g = group_of[features[node["split_feature"]]]
            entry = len(nodes)
            nodes.append((node["split_feature"], node["threshold"], []))
            left_parts = list(parts)
            left_parts[g] += _value(node["left_child"]) - value
            right_parts = list(parts)
            right_parts[g] += _value(node["right_child"]) - value
            left = walk(node["left_child"], left_parts)
            right = walk(node["right_child"], right_parts)
            nodes[entry] = (nodes[entry][0], nodes[entry][1], left)
            return left + right

        if "split_feature" in root:
            base += root["internal_value"]
            walk(root, [0.0] * len(group_names))
        else:  # a tree of one leaf: a constant
            base += root["leaf_value"]
            leaves.append((root["leaf_value"], [0.0] * len(group_names)))
        if len(leaves) > 64:
            raise ValueError("at most 64 leaves per tree (the masks are 64-bit)")
        out["starts"].append(len(out["feature"]))
        out["leaf_offset"].append(len(out["leaf_value"]))
        if not nodes:  # keep one node per tree so that reduceat sees every tree: it sends all to leaf 0
            nodes = [(0, 1e308, [0])]
        full = (1 << 64) - 1
        for feat, thr, left in nodes:
            mask = full
            for leaf in left:
                mask &= ~(1 << leaf)
            out["feature"].append(int(feat))
            out["threshold"].append(float(thr))
            out["mask"].append(f"{mask:016x}")
        for value, parts in leaves:
            # leaf values are stored relative to the tree's root value, which went into base
            root_value = root.get("internal_value", root.get("leaf_value", 0.0))
            out["leaf_value"].append(value - root_value)
            out["leaf_parts"].extend(parts)
    out["base"] = base
    return out


def _value(node) -> float:
    return node["leaf_value"] if "split_feature" not in node else node["internal_value"]
