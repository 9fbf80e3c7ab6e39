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

from .base import Document, Ranked

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
        """`model`: a trees.TreeModel (the shipped one when None); for training and tests."""
        self._model = model
        self.redundancy = redundancy

    def rank(self, doc: Document) -> list[Ranked]:
        import numpy as np

        from . import trees
        from .features import analyse
        from .terms import vocabulary

        n = len(doc.sentences)
        if n == 0:
            return []
        analysis = analyse(doc, vocabulary(doc.language, keep_numbers=True).scan(doc.sentences), doc.wanted)
        model = self._model or trees.load(MODEL_FILE)
        scores, parts = model.predict(analysis.matrix)
        scores_list = scores.tolist()
        # Tiers: story before non-story; within a tier, greedy MMR picks.
        tier = analysis.nonstory.astype(np.int64)
        closest = np.zeros(n)  # each sentence's largest similarity to a pick
        penalties = np.zeros(n)
        order: list[int] = []
        taken = np.zeros(n, dtype=bool)
        # Lazy greedy (penalties only grow, so a stale key is an upper bound): pop the
        # best stale key, refresh its penalty, keep it if it still beats the next key.
        tiers = tier.tolist()
        heap = list(zip(tiers, (-scores).tolist(), range(n)))
        heapq.heapify(heap)
        closest_now = closest.tolist()
        for _ in range(min(n, doc.wanted or 3)):
            while True:
                _, _, i = heapq.heappop(heap)
                fresh = (tiers[i] + (closest_now[i] >= NEAR_DUPLICATE), -(scores_list[i] - self.redundancy * closest_now[i]), i)
                if not heap or fresh <= heap[0]:
                    break
                heapq.heappush(heap, fresh)
            order.append(i)
            taken[i] = True
            penalties[i] = self.redundancy * closest_now[i]
            closest = np.maximum(closest, analysis.similarity(i))
            closest_now = closest.tolist()
        rest = np.flatnonzero(~taken)
        if len(rest):
            # the rest by penalised score; near-duplicates of a pick and non-story last
            penalties[rest] = self.redundancy * closest[rest]
            key = np.lexsort((rest, penalties[rest] - scores[rest], tier[rest] + (closest[rest] >= NEAR_DUPLICATE)))
            order.extend(rest[key].tolist())
        names = model.groups + ("base", "redundancy")
        final = (scores - penalties).tolist()
        table = np.empty((n, len(names)))
        table[:, :-2] = parts
        table[:, -2] = model.base
        table[:, -1] = -penalties
        rows = table.tolist()
        return [Ranked(i, final[i], tuple(zip(names, rows[i]))) for i in order]
