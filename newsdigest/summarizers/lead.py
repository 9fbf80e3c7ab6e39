"""Lead: the first sentences. The baseline every real method must beat on news."""

from __future__ import annotations

from .base import Document, Ranked


class LeadSummarizer:
    name = "lead"

    def rank(self, doc: Document) -> list[Ranked]:
        n = len(doc.sentences)
        return [Ranked(i, round(1.0 - i / max(n, 1), 6), (("position", 1.0 - i / max(n, 1)),)) for i in range(n)]
