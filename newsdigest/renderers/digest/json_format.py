"""JSON digest: one stable object; always valid JSON, whatever the articles held."""

from __future__ import annotations

import json

from ..serialize import SCHEMA_VERSION
from .safe import clean, safe_url


def to_dict(digest) -> dict:
    c = digest.counts
    return {
        "schema_version": SCHEMA_VERSION,
        "title": clean(digest.title),
        "date": digest.date,
        "generated": digest.generated.isoformat(timespec="seconds"),
        "group_by": digest.group_by,
        "counts": {
            "entries": c.entries, "inputs": c.inputs, "duplicates": c.duplicates, "seen": c.seen,
            "old": c.old, "over_limit": c.over_limit, "failed": c.failed,
        },
        "groups": [
            {"name": clean(group.name) if group.name is not None else None, "entries": [_entry(e) for e in group.entries]}
            for group in digest.groups
        ],
        "failures": [{"path": clean(f.path), "reason": clean(f.reason)} for f in digest.failures],
    }


def _entry(entry) -> dict:
    summary = entry.summary
    meta = summary.article.meta
    return {
        "title": clean(entry.title),
        "publisher": clean(meta.publisher) or None,
        "authors": [clean(a) for a in meta.authors],
        "section": clean(meta.section) or None,
        "date": entry.date,
        "language": meta.language,
        "link": safe_url(entry.link),
        "summary": clean(summary.text),
        "sentences": [clean(s.text) for s in summary.sentences],
        "algorithm": summary.algorithm,
        "fingerprint": entry.fingerprint,
        "sources": [
            {"path": clean(s.path), "publisher": clean(s.publisher) or None, "url": safe_url(s.url), "title": clean(s.title) or None}
            for s in entry.sources
        ],
    }


def render(digest, options) -> str:
    return json.dumps(to_dict(digest), ensure_ascii=False, indent=2) + "\n"
