"""The default summarizer for news: a trained scorer, then redundancy removal.

1. Every sentence gets a row of features (`features.py`): position, centrality,
   title and lead overlap, style, non-story cues, and the asked share of the
   article.
2. A small ensemble of boosted trees, trained on our dev set by
   `benchmarks/train_summarizer.py` and shipped as `data/news_summarizer.json`,
   turns each row into a score (the log-odds that the sentence belongs to the
   best extract) and the score's parts by feature group, for --explain.
3. Sentences are picked greedily by score minus a penalty for similarity to the
   sentences already picked (maximal marginal relevance), so no two picks say
   the same thing; a near-duplicate of a pick, and any sentence that is not
   story (caption, credit, call to action, dateline, fragment), comes after
   every other sentence.
"""

from __future__ import annotations

import heapq
from operator import neg

from .. import trees
from .base import SCORE_DECIMALS, Document, Ranked
from .features import analyse
from .terms import vocabulary

MODEL_FILE = "news_summarizer.json"
# MMR weight, in log-odds per unit of cosine similarity to the closest pick: a
# pick that repeats half of an earlier one loses about as much as a sentence's
# distance from the lead. Tuned by cross-validation in the training script.
REDUNDANCY = 1.0
# Cosine at or above which a sentence counts as a near-duplicate of a pick
# (the same sentence re-worded or with a clause added).
NEAR_DUPLICATE = 0.7


class NewsSummarizer:
    name = "news"
    # Only the first 2,000 sentences are ranked: a news article has 20-100, and
    # past 2,000 (a book, a log file) the dense similarity matrix would cost 32 MB
    # and quadratic time for text that is no longer one story.
    max_sentences = 2000

    def __init__(self, model=None, redundancy: float = REDUNDANCY) -> None:
        """`model`: a trees.Ensemble (the shipped one when None); for training and tests."""
        self._model = model
        self.redundancy = redundancy

    def rank(self, doc: Document) -> list[Ranked]:
        import numpy as np

        n = len(doc.sentences)
        if n == 0:
            return []
        analysis = analyse(doc, vocabulary(doc.language, keep_numbers=True).scan(doc.sentences), doc.wanted)
        model = self._model or trees.load(MODEL_FILE).ensembles["score"]
        scores, parts = model.predict(analysis.matrix)
        redundancy = self.redundancy
        similarity = analysis.similarity
        # Tiers: story before non-story; within a tier, greedy MMR picks.
        tiers = analysis.nonstory.tolist()
        scores_list = [round(s, SCORE_DECIMALS) for s in scores.tolist()]  # rounded: see base.SCORE_DECIMALS
        closest = np.zeros(n)  # each sentence's largest similarity to a pick
        closest_now = [0.0] * n
        penalties = [0.0] * n  # redundancy * similarity to the closest pick made before it
        order: list[int] = []
        # Lazy greedy (penalties only grow, so a stale key is an upper bound): pop the
        # best stale key, refresh its penalty, keep it if it still beats the next key.
        heap = list(zip(tiers, map(neg, scores_list), range(n)))
        heapq.heapify(heap)
        for _ in range(min(n, doc.wanted or 3)):
            while True:
                _, _, i = heapq.heappop(heap)
                near = closest_now[i]
                fresh = (
                    tiers[i] + (near >= NEAR_DUPLICATE),
                    round(redundancy * near - scores_list[i], SCORE_DECIMALS),
                    i,
                )
                if not heap or fresh <= heap[0]:
                    break
                heapq.heappush(heap, fresh)
            order.append(i)
            penalties[i] = redundancy * near
            np.maximum(closest, similarity(i), out=closest)
            closest_now = [round(c, SCORE_DECIMALS) for c in closest.tolist()]
        if len(order) < n:
            # The rest by penalised score; near-duplicates of a pick and non-story
            # last. (In Python: a few dozen numbers, where numpy's calls cost more.)
            picked = set(order)
            rest = [i for i in range(n) if i not in picked]
            for i in rest:
                penalties[i] = redundancy * closest_now[i]
            order += sorted(
                rest,
                key=lambda i: (
                    tiers[i] + (closest_now[i] >= NEAR_DUPLICATE),
                    round(penalties[i] - scores_list[i], SCORE_DECIMALS),
                    i,
                ),
            )
        explain = _Explainer(model, parts, penalties)
        return [Ranked(i, scores_list[i] - penalties[i], (), explain) for i in order]


class _Explainer:
    """A ranked sentence's parts, made when asked (see base.Ranked): the model's
    groups, its base score, and the redundancy penalty."""

    __slots__ = ("groups", "base", "parts", "penalties")

    def __init__(self, model, parts, penalties) -> None:
        self.groups = model.groups
        self.base = ("base", model.base)
        self.parts = parts  # numpy array, sentences x groups
        self.penalties = penalties  # one per sentence

    def __call__(self, index: int) -> tuple[tuple[str, float], ...]:
        penalty = self.penalties[index]
        # (0.0, not -0.0, for a sentence without a penalty: --explain would print "-0.000")
        return (*zip(self.groups, self.parts[index].tolist()), self.base, ("redundancy", -penalty if penalty else 0.0))
