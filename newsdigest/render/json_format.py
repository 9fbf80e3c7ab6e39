"""JSON: one object (or an array for several inputs), JSON Lines, and the digest as one stable object.

Summaries and cleaned articles are serialized from the models (serialize.py),
exact strings kept (a file name that is not UTF-8 round-trips, escaped). A
digest is written from its view: keys always present (null or [] when
unknown), in a fixed order; links and source URLs are http(s) or null. With
--explain each digest entry also gets "scores": one {index, score, parts} per
sentence, in the order of "sentences".
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence

from ..models import Article, Summary
from ..textsafe import json_safe
from .options import RenderOptions
from .serialize import SCHEMA_VERSION, to_dict
from .view import DigestView, EntryView


def render_items(items: Sequence[Summary | Article], options: RenderOptions) -> str:
    dicts = [to_dict(i, options.explain) for i in items]
    # allow_nan=False: NaN is not JSON (serialize turns non-finite scores into null).
    if options.format == "jsonl":
        return "".join(json_safe(json.dumps(d, ensure_ascii=False, allow_nan=False)) + "\n" for d in dicts)
    body = dicts[0] if len(dicts) == 1 else dicts
    return json_safe(json.dumps(body, ensure_ascii=False, indent=2, allow_nan=False)) + "\n"


# -- a digest ---------------------------------------------------------------------------------------


def _score(value: float) -> float | None:
    """A score JSON can hold: NaN and infinities (never expected) become null."""
    return round(value, 6) if math.isfinite(value) else None


def _entry(entry: EntryView, explain: bool) -> dict:
    data = {
        "title": entry.title,
        "publisher": entry.publisher or None,
        "authors": list(entry.authors),
        "section": entry.section or None,
        "date": entry.date or None,
        "saved": entry.saved or None,
        "language": entry.language or None,
        "link": entry.link,
        "paywalled": entry.paywalled,
        "summary": entry.summary,
        "sentences": [s.text for s in entry.sentences],
        "keywords": list(entry.keywords),
        "algorithm": entry.algorithm,
        "fingerprint": entry.fingerprint,
        "sources": [
            {"path": s.path, "publisher": s.publisher or None, "url": s.url, "title": s.title or None}
            for s in entry.sources
        ],
    }
    if explain:
        data["scores"] = [
            {"index": s.index, "score": _score(s.score), "parts": {name: _score(value) for name, value in s.parts}}
            for s in entry.sentences
        ]
    return data


_GROUPS = '\n  "groups": []'


def digest_to_dict(view: DigestView, explain: bool = False, groups: bool = True) -> dict:
    """The digest as one dict, every entry in memory (groups=False: "groups" left empty)."""
    c = view.counts
    data = {
        "schema_version": SCHEMA_VERSION,
        "title": view.title,
        "date": view.date,
        "generated": view.generated.isoformat(timespec="seconds"),
        "group_by": view.group_by,
        "counts": {
            "entries": c.entries,
            "inputs": c.inputs,
            "duplicates": c.duplicates,
            "seen": c.seen,
            "old": c.old,
            "over_limit": c.over_limit,
            "filtered": c.filtered,
            "paywalled": c.paywalled,
            "failed": c.failed,
        },
        "groups": [{"name": g.name, "entries": [_entry(e, explain) for e in g.entries]} for g in view.groups]
        if groups
        else [],
        "failures": [{"path": path, "reason": reason} for path, reason in view.failures],
    }
    return data


def _dumps(data, indent: int = 0) -> str:
    # allow_nan=False: _score() already made every float finite; never print invalid JSON.
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    return text if not indent else "\n".join(" " * indent + line for line in text.split("\n"))


def digest_chunks(view: DigestView, options: RenderOptions) -> Iterator[str]:
    """The same text as json.dumps(digest_to_dict(view), indent=2) plus a newline, a story at a time.

    Only the entries are produced one by one; the skeleton around them is
    json.dumps's own output, cut where the groups go. (No string value can
    hold that cut: JSON strings never contain a raw newline.)
    """
    head, tail = _dumps(digest_to_dict(view, options.explain, groups=False)).split(_GROUPS, 1)
    yield head + '\n  "groups": ['
    first_group = True
    for group in view.groups:
        yield ("\n" if first_group else ",\n") + f'    {{\n      "name": {_dumps(group.name)},\n      "entries": ['
        first_group = False
        first = True
        for entry in group.entries:
            yield ("\n" if first else ",\n") + _dumps(_entry(entry, options.explain), indent=8)
            first = False
        yield "\n      ]\n    }" if not first else "]\n    }"
    yield ("]" if first_group else "\n  ]") + tail + "\n"
