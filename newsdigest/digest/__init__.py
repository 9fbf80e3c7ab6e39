"""Many inputs -> one Digest: read, summarize, merge near-duplicates, filter, sort, group.

    from newsdigest.digest import DigestOptions, make_digest
    digest = make_digest(["~/news/inbox"], DigestOptions())

`run_digest` is the whole unattended job: it also consults and updates the
state of earlier digests (--new-only), holding the state's lock only while the
digest is filtered, written (by the caller's `write`) and recorded, so that a
second run at the same time waits, then leaves out what the first reported.
The state is updated only after `write` has returned, so a digest that could
not be written is never remembered as sent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from ..api import SummaryOptions
from ..errors import StateError
from ..models import Failure
from .model import Counts, Digest, Entry, Group, Source

GROUP_BY = ("none", "source", "section", "day")
DEFAULT_TITLE = "News digest"


@dataclass(frozen=True)
class DigestOptions:
    summary: SummaryOptions = field(default_factory=SummaryOptions)
    group_by: str = "none"
    max_articles: int | None = None
    since: timedelta | None = None
    new_only: bool = False
    state_path: str | None = None  # None: the default state file (only used with new_only)
    state_timeout: float = 120.0
    jobs: int = 1
    title: str = DEFAULT_TITLE
    now: datetime | None = None  # None: the current time (SOURCE_DATE_EPOCH is the CLI's business)


@dataclass
class Collection:
    """Every input read: stories as clusters of copies, plus failures, in input order."""

    clusters: list[list] = field(default_factory=list)  # each: [Collected, ...], first copy first
    failures: list[Failure] = field(default_factory=list)
    articles: int = 0


def collect_inputs(specs: Iterable[str], options: DigestOptions, progress: Callable[[int], None] | None = None) -> Collection:
    """Read and summarize everything the specs name; near-duplicates merged."""
    from contextlib import closing

    from .collect import collect
    from .dedup import Clusters
    from .inputs import iter_inputs

    result = Collection()
    clusters = Clusters()
    # closing(): on Ctrl-C or an error here, the collector stops its worker processes at once.
    with closing(collect(iter_inputs(specs), options, options.jobs)) as batches:
        _gather(batches, result, clusters, progress)
    return result


def _gather(batches, result: Collection, clusters, progress) -> None:
    done = 0
    for batch in batches:
        done += 1
        for item in batch:
            if isinstance(item, Failure):
                result.failures.append(item)
                continue
            result.articles += 1
            number = clusters.add(result.articles - 1, item.signature)
            if number == len(result.clusters):
                result.clusters.append([item])
            else:
                result.clusters[number].append(item)
        if progress:
            progress(done)


def build_digest(collection: Collection, options: DigestOptions, seen: set[str] | frozenset[str] = frozenset()) -> Digest:
    """Filter (seen, since), order newest first, cut to max_articles, and group."""
    now = options.now or datetime.now().astimezone()
    counts = {"seen": 0, "old": 0, "over_limit": 0, "duplicates": 0}
    kept = []
    for order, cluster in enumerate(collection.clusters):
        if seen and any(c.fingerprint in seen for c in cluster):
            counts["seen"] += 1
            continue
        if options.since is not None and not _recent(cluster[0], now, options.since):
            counts["old"] += 1
            continue
        kept.append((order, cluster))
    # Newest first; undated last; ties keep input order.
    kept.sort(key=lambda oc: (oc[1][0].date is None, _negated(oc[1][0].date), oc[0]))
    if options.max_articles is not None and len(kept) > options.max_articles:
        counts["over_limit"] = len(kept) - options.max_articles
        kept = kept[: options.max_articles]
    entries = [_entry(cluster) for _, cluster in kept]
    counts["duplicates"] = sum(len(e.sources) - 1 for e in entries)
    return Digest(
        title=options.title,
        generated=now,
        groups=_group(entries, options.group_by),
        counts=Counts(
            inputs=collection.articles,
            entries=len(entries),
            failed=len(collection.failures),
            **counts,
        ),
        group_by=options.group_by,
        failures=tuple(collection.failures),
    )


def make_digest(specs: Iterable[str], options: DigestOptions | None = None) -> Digest:
    """The digest of everything the specs name, without consulting any state."""
    options = options or DigestOptions()
    return build_digest(collect_inputs(specs, options), options)


def run_digest(
    specs: Iterable[str],
    options: DigestOptions,
    write: Callable[[Digest], None],
    progress: Callable[[int], None] | None = None,
) -> Digest:
    """Collect, then (under the state's lock when new_only) filter, write and record."""
    collection = collect_inputs(specs, options, progress)
    if not options.new_only:
        digest = build_digest(collection, options)
        write(digest)
        return digest
    from .state import open_state

    with open_state(options.state_path, timeout=options.state_timeout) as state:
        prints = [c.fingerprint for cluster in collection.clusters for c in cluster]
        digest = build_digest(collection, options, state.seen(prints))
        write(digest)
        try:
            state.record(
                (fingerprint, entry.title, entry.date)
                for entry in digest.entries
                for fingerprint in entry.fingerprints
            )
        except StateError as err:
            raise StateError(f"the digest was written, but not remembered: {err.message}", err.path) from None
    return digest


def _recent(item, now: datetime, since: timedelta) -> bool:
    cutoff = now - since
    if item.summary.article.meta.date:
        return item.date is not None and item.date >= cutoff.date().isoformat()
    if item.timestamp is not None:
        return item.timestamp >= cutoff.timestamp()
    return True  # no date and no file time (standard input): nothing says it is old


def _negated(date: str | None) -> tuple:
    # Sort dates descending inside an ascending sort: compare the negated code points.
    return tuple(-ord(ch) for ch in date) if date else ()


def _entry(cluster: list) -> Entry:
    first = cluster[0]
    sources = tuple(
        Source(
            path=c.summary.article.path,
            publisher=c.summary.article.meta.publisher,
            url=c.summary.article.meta.url,
            title=c.summary.article.meta.title if c is not first and c.summary.article.meta.title != first.summary.article.meta.title else None,
        )
        for c in cluster
    )
    prints = tuple(dict.fromkeys(c.fingerprint for c in cluster))
    return Entry(summary=first.summary, sources=sources, fingerprint=first.fingerprint, date=first.date, fingerprints=prints)


def _group(entries: list[Entry], group_by: str) -> tuple[Group, ...]:
    if group_by == "none":
        return (Group(None, tuple(entries)),) if entries else ()
    unknown = {"source": "Unknown source", "section": "Other", "day": "Undated"}[group_by]
    groups: dict[str, list[Entry]] = {}
    for entry in entries:  # already newest first: each group keeps that order
        meta = entry.summary.article.meta
        key = {"source": meta.publisher, "section": meta.section, "day": entry.date}[group_by] or unknown
        groups.setdefault(key, []).append(entry)
    if group_by == "day":
        names = sorted(groups, key=lambda k: (k == unknown, _negated(k) if k != unknown else ()))
    else:
        names = sorted(groups, key=lambda k: (k == unknown, k.casefold(), k))
    return tuple(Group(name, tuple(groups[name])) for name in names)
