"""A registry of summarizers: name -> how to build it, imported only when chosen.

Names:
- `news` (the default): position, centrality, title overlap and a non-story
  filter, weighted by a model trained on our dev set, with redundancy removal.
- `lead`: the first sentences, the baseline every method must beat on news.
- `lexrank`, `textrank`: our vectorised versions of the graph methods. They give
  sumy's rankings (identical top-k on every article of the dev set) many times
  faster, so the short names go to them.
- `sumy-<method>`: every method of sumy, run by sumy itself, including
  `sumy-lexrank` and `sumy-textrank` for comparison. The methods we did not
  rewrite also answer to their plain names (`lsa`, `luhn`, `kl`, ...).
"""

from __future__ import annotations

import importlib

from ..errors import UsageError
from .base import Document, Ranked, Summarizer

SUMY_METHODS = ("lexrank", "textrank", "lsa", "luhn", "kl", "sumbasic", "edmundson", "reduction", "random")

# name -> (module, factory, args). Nothing here imports sumy or numpy until used.
REGISTRY: dict[str, tuple[str, str, tuple]] = {
    "news": ("newsdigest.summarizers.news", "NewsSummarizer", ()),
    "lead": ("newsdigest.summarizers.lead", "LeadSummarizer", ()),
    "lexrank": ("newsdigest.summarizers.graph", "LexRankSummarizer", ()),
    "textrank": ("newsdigest.summarizers.graph", "TextRankSummarizer", ()),
    **{f"sumy-{m}": ("newsdigest.summarizers.sumy_adapter", "SumySummarizer", (m,)) for m in SUMY_METHODS},
}
# Plain names for sumy's methods that have no rewrite of ours.
ALIASES: dict[str, str] = {m: f"sumy-{m}" for m in SUMY_METHODS if m not in REGISTRY}
DEFAULT_ALGORITHM = "news"  # beats lead and lexrank on the dev set (benchmarks/summarization.py)


def names() -> list[str]:
    """Every algorithm by its canonical name (aliases left out)."""
    return list(REGISTRY)


def canonical(name: str) -> str:
    """The registry name for `name` (resolving aliases); a UsageError when unknown."""
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    if key not in REGISTRY:
        raise UsageError(f"unknown algorithm {name!r}; choose one of: {', '.join(REGISTRY)} (or {', '.join(ALIASES)})")
    return key


def get(name: str) -> Summarizer:
    module, factory, args = REGISTRY[canonical(name)]
    return getattr(importlib.import_module(module), factory)(*args)


__all__ = ["Document", "Ranked", "Summarizer", "REGISTRY", "ALIASES", "DEFAULT_ALGORITHM", "canonical", "get", "names"]
