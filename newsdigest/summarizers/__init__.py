"""A registry of summarizers: name -> how to build it, imported only when chosen."""

from __future__ import annotations

import importlib

from ..errors import UsageError
from .base import Document, Ranked, Summarizer

# name -> (module, factory, args). Nothing here imports sumy or numpy until used.
REGISTRY: dict[str, tuple[str, str, tuple]] = {
    "lead": ("newsdigest.summarizers.lead", "LeadSummarizer", ()),
    **{
        name: ("newsdigest.summarizers.sumy_adapter", "SumySummarizer", (name,))
        for name in ("lexrank", "lsa", "luhn", "textrank", "kl", "sumbasic", "edmundson", "reduction", "random")
    },
}
DEFAULT_ALGORITHM = "lexrank"


def names() -> list[str]:
    return list(REGISTRY)


def get(name: str) -> Summarizer:
    try:
        module, factory, args = REGISTRY[name]
    except KeyError:
        raise UsageError(f"unknown algorithm {name!r}; choose one of: {', '.join(REGISTRY)}") from None
    return getattr(importlib.import_module(module), factory)(*args)


__all__ = ["Document", "Ranked", "Summarizer", "REGISTRY", "DEFAULT_ALGORITHM", "get", "names"]
