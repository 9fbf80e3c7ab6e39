"""The values the library's options accept, and the per-article options built from plain values.

Small on purpose: the application checks a setting against these names
without importing the digest machinery.
"""

from __future__ import annotations

import os
from datetime import datetime

from .errors import UsageError

GROUP_BY = ("none", "source", "section", "day", "topic")
DEDUP = ("leader", "components")
DEFAULT_TITLE = "News digest"


def output_path(pattern: str, when: datetime) -> str:
    """Expand {date} (YYYY-MM-DD) and a leading ~ in an output pattern."""
    try:
        path = pattern.format(date=when.date().isoformat())
    except (KeyError, IndexError, ValueError):
        raise UsageError(f"output pattern {pattern!r}: only {{date}} may appear in braces") from None
    return os.path.expanduser(path)


def summary_options(
    algorithm: str | None = None,
    sentences: int | None = None,
    language: str | None = None,
    max_bytes: int | None = None,
    rules: str | None = None,
    site_rules=None,
):
    """The per-article options a digest or a batch hands to each article.

    `rules` names a rules file; `site_rules` are rules already read (a config
    file's [sites] tables), used when no file is named.
    """
    from .api import SummaryOptions, load_rules
    from .summarizers.length import Length

    return SummaryOptions(
        algorithm=algorithm,
        length=Length(sentences=sentences),
        language=language,
        rules=site_rules if site_rules is not None and not rules else load_rules(rules),
        **({"max_bytes": max_bytes} if max_bytes else {}),
    )
