"""JSON (one object, or an array for several inputs) and JSON Lines."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..models import Article, Summary
from . import RenderOptions
from .sanitize import json_safe
from .serialize import to_dict


def render(items: Sequence[Summary | Article], options: RenderOptions) -> str:
    dicts = [to_dict(i, options.explain) for i in items]
    # allow_nan=False: NaN is not JSON (serialize turns non-finite scores into null).
    if options.format == "jsonl":
        return "".join(json_safe(json.dumps(d, ensure_ascii=False, allow_nan=False)) + "\n" for d in dicts)
    body = dicts[0] if len(dicts) == 1 else dicts
    return json_safe(json.dumps(body, ensure_ascii=False, indent=2, allow_nan=False)) + "\n"
