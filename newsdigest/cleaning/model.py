"""The shipped line classifiers: two stages of boosted trees (run by `newsdigest.trees`).

`newsdigest/data/line_model.json` (plain-text lines) and `html_model.json`
(lines rendered from HTML, with DOM features) are written by
`benchmarks/train_cleaner.py` (LightGBM at training time only). Each holds two
tree ensembles: stage 1 scores each line from its own and its neighbours'
features (`features.page_matrix`, `dom.dom_matrix`); stage 2 sees stage 1's
scores of the lines around it as well, so a line is judged with its context (a
short line between two story paragraphs is a subheading; the same line in a run
of teasers is not). The file's settings hold the story threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..trees import load
from .features import BASE_NAMES, context_names

# One model per input kind: plain-text lines, and lines rendered from HTML (with DOM features).
MODEL_FILES = {"text": "line_model.json", "html": "html_model.json"}
# Stage 2's columns after the line's own features (see stage2_matrix).
STAGE2_NAMES = (
    "p1",
    "p1_before3",
    "p1_before2",
    "p1_before1",
    "p1_after1",
    "p1_after2",
    "p1_after3",
    "p1_mean2",
    "p1_mean5",
    "p1_mean12",
    "p1_max_before",
    "p1_max_after",
    "story_share_before",
)


@dataclass(frozen=True)
class LineModel:
    stage1: object  # trees.Ensemble
    stage2: object  # trees.Ensemble
    threshold: float
    features: tuple[str, ...]


def feature_names(kind: str) -> list[str]:
    if kind == "html":
        from .dom import dom_names

        return dom_names()

    return context_names()


@lru_cache(maxsize=2)
def load_model(kind: str = "text") -> LineModel:
    name = MODEL_FILES[kind]
    model = load(name)
    stage1, stage2 = model.ensembles["stage1"], model.ensembles["stage2"]
    names = feature_names(kind)
    if list(stage1.features) != names or list(stage2.features) != names + list(STAGE2_NAMES):
        raise RuntimeError(
            f"{name} was trained on other features than this code computes: retrain it (benchmarks/train_cleaner.py)"
        )
    return LineModel(stage1, stage2, float(model.settings["threshold"]), tuple(names))


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

    chars = np.expm1(x[:, BASE_NAMES.index("log_chars")])
    mass = chars * p1
    total = mass.sum() or 1.0
    parts.append(((np.cumsum(mass) - mass) / total)[:, None])
    return np.hstack(parts)


def score_lines(x, kind: str = "text"):
    """Story probability of each line (rows of `features.page_matrix`, or `dom.dom_matrix` for "html")."""
    model = load_model(kind)
    p1 = model.stage1.probability(x)
    return model.stage2.probability(stage2_matrix(x, p1))
