"""The shipped line classifier: gradient-boosted trees stored as data, run with numpy.

`newsdigest/data/line_model.json` is written by `benchmarks/train_cleaner.py`
(LightGBM at training time only). It holds two tree ensembles: stage 1 scores
each line from its own and its neighbours' features (`features.page_matrix`);
stage 2 sees stage 1's scores of the lines around it as well, so a line is
judged with its context (a short line between two story paragraphs is a
subheading; the same line in a run of teasers is not).

Every tree is flattened into arrays; all trees of an ensemble are walked at
once, one level per step, so a page costs a few dozen numpy operations.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# One model per input kind: plain-text lines, and lines rendered from HTML (with DOM features).
MODEL_FILES = {"text": "line_model.json", "html": "html_model.json"}
# Lines scored per block: the walk's arrays (lines x trees) stay a few MB. Unblocked,
# 100,000 lines made 120 MB temporaries and cost four times as much per line.
BLOCK_LINES = 2048


@dataclass(frozen=True)
class Ensemble:
    feature: object  # int array, per node (0 at leaves)
    threshold: object  # float array, per node (+inf at leaves: a leaf "goes left" to itself)
    left: object  # int array, per node
    right: object  # int array, per node
    value: object  # float array, per node (leaf output; 0 at inner nodes)
    roots: object  # int array, the root node of each tree
    depth: int  # the deepest leaf: the number of steps to walk

    def raw(self, x):
        """Sum of the trees' leaf values for each row of x (log-odds)."""
        import numpy as np

        x = np.ascontiguousarray(x, dtype=np.float64)
        n, width = x.shape
        out = np.empty(n)
        children = np.stack([self.left, self.right], axis=1).ravel()  # node * 2 + went_right
        for start in range(0, n, BLOCK_LINES):
            block = x[start : start + BLOCK_LINES]
            flat = block.ravel()
            offsets = (np.arange(block.shape[0], dtype=np.intp) * width)[:, None]
            node = np.broadcast_to(self.roots, (block.shape[0], len(self.roots))).copy()
            for _ in range(self.depth):
                went_right = ~(flat[offsets + self.feature[node]] <= self.threshold[node])  # NaN goes right
                node = children[node * 2 + went_right]
            out[start : start + block.shape[0]] = self.value[node].sum(axis=1)
        return out

    def predict(self, x):
        import numpy as np

        return 1.0 / (1.0 + np.exp(-self.raw(x)))


def ensemble_from_trees(trees: list[dict]) -> Ensemble:
    """Build the flat arrays from trees stored as {"f", "t", "l", "r", "v"} lists (node 0 is the root)."""
    import numpy as np

    feature, threshold, left, right, value, roots = [], [], [], [], [], []
    depth = 0
    for tree in trees:
        base = len(feature)
        roots.append(base)
        for f, t, lft, rgt, v in zip(tree["f"], tree["t"], tree["l"], tree["r"], tree["v"]):
            if f < 0:  # a leaf points to itself, so extra steps leave it where it is
                me = len(feature)
                feature.append(0)
                threshold.append(np.inf)
                left.append(me)
                right.append(me)
                value.append(v)
            else:
                feature.append(f)
                threshold.append(t)
                left.append(base + lft)
                right.append(base + rgt)
                value.append(0.0)
        depth = max(depth, tree.get("depth", 0))
    return Ensemble(
        np.asarray(feature, dtype=np.intp), np.asarray(threshold, dtype=np.float64),
        np.asarray(left, dtype=np.intp), np.asarray(right, dtype=np.intp),
        np.asarray(value, dtype=np.float64), np.asarray(roots, dtype=np.intp), depth,
    )


@dataclass(frozen=True)
class LineModel:
    stage1: Ensemble
    stage2: Ensemble
    threshold: float
    features: tuple[str, ...]


def feature_names(kind: str) -> list[str]:
    if kind == "html":
        from .dom import dom_names

        return dom_names()
    from .features import context_names

    return context_names()


@lru_cache(maxsize=2)
def load_model(kind: str = "text") -> LineModel:
    name = MODEL_FILES[kind]
    data = json.loads(resources.files("newsdigest.data").joinpath(name).read_text(encoding="utf-8"))
    if list(data["features"]) != feature_names(kind):
        raise RuntimeError(f"{name} was trained on other features than this code computes: retrain it (benchmarks/train_cleaner.py)")
    return LineModel(
        ensemble_from_trees(data["stage1"]), ensemble_from_trees(data["stage2"]), float(data["threshold"]), tuple(data["features"])
    )


def stage2_matrix(x, p1):
    """Stage 2's input: the line's features plus stage 1's scores around it."""
    import numpy as np

    n = len(p1)
    parts = [x, p1[:, None]]
    padded = np.concatenate([np.full(3, -1.0), p1, np.full(3, -1.0)])
    for k in (-3, -2, -1, 1, 2, 3):
        parts.append(padded[3 + k : 3 + k + n, None])
    c = np.concatenate([[0.0], np.cumsum(p1)])
    idx = np.arange(n)
    for w in (2, 5, 12):
        lo, hi = np.clip(idx - w, 0, n), np.clip(idx + w + 1, 0, n)
        parts.append(((c[hi] - c[lo]) / (hi - lo))[:, None])
    # Is there story before this line, and after it? (the running maximum of p1 each way)
    before = np.concatenate([[0.0], np.maximum.accumulate(p1)[:-1]])
    after = np.concatenate([np.maximum.accumulate(p1[::-1])[::-1][1:], [0.0]])
    parts.append(before[:, None])
    parts.append(after[:, None])
    # The share of the page's likely story that comes before this line.
    from .features import BASE_NAMES

    chars = np.expm1(x[:, BASE_NAMES.index("log_chars")])
    mass = chars * p1
    total = mass.sum() or 1.0
    parts.append(((np.cumsum(mass) - mass) / total)[:, None])
    return np.hstack(parts)


def score_lines(x, kind: str = "text"):
    """Story probability of each line (rows of `features.page_matrix`, or `dom.dom_matrix` for "html")."""
    model = load_model(kind)
    p1 = model.stage1.predict(x)
    return model.stage2.predict(stage2_matrix(x, p1))
