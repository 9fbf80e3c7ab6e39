"""Scoring with a shipped ensemble of decision trees, in a few numpy operations.

The news summarizer's weights are boosted trees trained by
`benchmarks/train_summarizer.py` and shipped as JSON in `newsdigest/data/`
(no download, no pickles, no training library at run time).

Evaluation follows QuickScorer (Lucchese et al., SIGIR 2015): leaves are
numbered left to right, and every split node carries a bit mask of the leaves
still reachable when its test sends a row right. The leaf a row reaches is the
lowest bit left in the AND of the masks of its nodes that sent it right. So every
test of every tree runs as one vectorised comparison, whatever the depth.

Each leaf also carries its path's contributions by feature group (the value
gained at each split along the path, credited to the split's feature: Saabas's
decomposition), so the parts of a score cost one gather too: score = base +
sum of parts, exactly.
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
    feature: object  # int array, one per split node
    threshold: object  # float array: a row goes left when value <= threshold
    mask: object  # uint64 array: leaves reachable when the node sends a row right
    starts: object  # int array: first split node of each tree
    leaf_offset: object  # int array: first leaf of each tree
    leaf_value: object  # float array, one per leaf
    leaf_parts: object  # float array, leaves x groups

    def predict(self, matrix):
        """(scores, parts): one score per row, and its parts (rows x groups)."""
        import numpy as np

        if len(matrix) == 0:
            return np.zeros(0), np.zeros((0, len(self.groups)))
        goes_right = matrix[:, self.feature] > self.threshold
        masks = np.where(goes_right, self.mask, np.iinfo(self.mask.dtype).max)
        reached = np.bitwise_and.reduceat(masks, self.starts, axis=1)
        lowest = reached & (~reached + 1)  # the lowest set bit (two's complement)
        leaf = np.frexp(lowest.astype(np.float64))[1] - 1 + self.leaf_offset
        scores = self.leaf_value[leaf].sum(axis=1) + self.base
        parts = self.leaf_parts[leaf].sum(axis=1)
        return scores, parts


@lru_cache(maxsize=4)
def load(name: str) -> TreeModel:
    """Load `newsdigest/data/<name>` (JSON written by the training script)."""
    return from_dict(json.loads(files("newsdigest").joinpath("data", name).read_text(encoding="utf-8")))


def from_dict(data: dict) -> TreeModel:
    """A TreeModel from the JSON shape `from_lightgbm` writes."""
    import numpy as np

    return TreeModel(
        features=tuple(data["features"]),
        groups=tuple(data["groups"]),
        base=float(data["base"]),
        feature=np.asarray(data["feature"], dtype=np.int64),
        threshold=np.asarray(data["threshold"], dtype=np.float64),
        mask=_masks([int(m, 16) for m in data["mask"]], int(np.max(np.diff(np.r_[data["leaf_offset"], len(data["leaf_value"])])))),
        starts=np.asarray(data["starts"], dtype=np.int64),
        leaf_offset=np.asarray(data["leaf_offset"], dtype=np.int64),
        leaf_value=np.asarray(data["leaf_value"], dtype=np.float64),
        leaf_parts=np.asarray(data["leaf_parts"], dtype=np.float64).reshape(-1, len(data["groups"])),
    )


def _masks(values: list[int], most_leaves: int):
    """Masks in the narrowest unsigned type that holds every tree's leaves
    (15-leaf trees fit 16 bits: a quarter of the memory traffic of 64)."""
    import numpy as np

    for dtype, bits in ((np.uint16, 16), (np.uint32, 32), (np.uint64, 64)):
        if most_leaves <= bits:
            keep = (1 << bits) - 1
            return np.asarray([v & keep for v in values], dtype=dtype)
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
