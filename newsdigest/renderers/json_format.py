"""JSON (one object, or an array for several inputs) and JSON Lines."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..models import Article, Summary
from . import RenderOptions
from .serialize import to_dict


def render(items: Sequence[Summary | Article], options: RenderOptions) -> str:
    dicts = [to_dict(i, options.explain) for i in items]
    if options.format == "jsonl":
        return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in dicts)
    body = dicts[0] if len(dicts) == 1 else dicts
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
