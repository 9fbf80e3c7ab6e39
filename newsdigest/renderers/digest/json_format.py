"""JSON digest: one stable object, always valid JSON whatever the articles held.

Keys are always present (null or [] when unknown), in a fixed order; links
and source URLs are http(s) or null. With --explain each entry also gets
"scores": one {index, score, parts} per sentence, in the order of "sentences".
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator

from ..serialize import SCHEMA_VERSION
from .view import DigestView, EntryView


def _number(value: float) -> float | None:
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
            {"index": s.index, "score": _number(s.score), "parts": {name: _number(value) for name, value in s.parts}}
            for s in entry.sentences
        ]
    return data


_GROUPS = '\n  "groups": []'


def to_dict(view: DigestView, explain: bool = False, groups: bool = True) -> dict:
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
    # allow_nan=False: _number() already made every float finite; never print invalid JSON.
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    return text if not indent else "\n".join(" " * indent + line for line in text.split("\n"))


def chunks(view: DigestView, options) -> Iterator[str]:
    """The same text as json.dumps(to_dict(view), indent=2) plus a newline, a story at a time.

    Only the entries are produced one by one; the skeleton around them is
    json.dumps's own output, cut where the groups go. (No string value can
    hold that cut: JSON strings never contain a raw newline.)
    """
    head, tail = _dumps(to_dict(view, options.explain, groups=False)).split(_GROUPS, 1)
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


def render(view: DigestView, options) -> str:
    return "".join(chunks(view, options))
