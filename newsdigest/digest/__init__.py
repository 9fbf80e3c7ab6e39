"""Many inputs -> one Digest: read, summarize, join, merge near-duplicates, filter, sort, group.

    from newsdigest.digest import DigestOptions, make_digest
    digest = make_digest(["~/news/inbox"], DigestOptions())

Once every input is read, a feed's teaser is told by the saved page of the
same URL and the pages of a multi-page article are joined (joins.py); then
--include/--exclude and --skip-paywalled leave stories out, and the rest are
merged with their near-duplicates (dedup.py) in a scratch collection.

`run_digest` is the whole unattended job: it also consults and updates the
state of earlier digests (--new-only), holding the state's lock only while the
digest is filtered, written (by the caller's `write`) and recorded, so that a
second run at the same time waits, then leaves out what the first reported.
The state is updated only after `write` has returned, so a digest that could
not be written is never remembered as sent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ..api import SummaryOptions
from ..errors import StateError
from ..options import DEFAULT_TITLE
from .model import Counts, Digest, Group

if TYPE_CHECKING:
    from .collection import Collection


@dataclass(frozen=True)
class DigestOptions:
    summary: SummaryOptions = field(default_factory=SummaryOptions)
    group_by: str = "none"  # options.GROUP_BY
    max_articles: int | None = None
    since: timedelta | None = None
    new_only: bool = False
    state_path: str | None = None  # None: the default state file (only used with new_only)
    state_timeout: float = 120.0
    jobs: int = 1
    engine: str = "local"  # engines.ENGINES: what runs the per-article work
    scheduler: str | None = None  # --engine dask: a running scheduler's address; None: a LocalCluster of `jobs`
    dedup: str = "leader"  # options.DEDUP: leader clustering in input order (dedup.py), or components.py
    title: str = DEFAULT_TITLE
    select: object = None  # a filters.ArticleFilter (--include/--exclude), or None: every article
    skip_paywalled: bool = False  # leave out articles whose metadata says paywalled (cleaning/paywall.py)
    now: datetime | None = None  # None: the current time (SOURCE_DATE_EPOCH is the CLI's business)


def collect_inputs(
    specs: Iterable[str], options: DigestOptions, progress: Callable[[int], None] | None = None
) -> Collection:
    """Read and summarize everything the specs name; near-duplicates merged; kept on disk."""
    from contextlib import closing

    from .collection import Collection
    from .engines import open_engine
    from .inputs import iter_inputs
    from .joins import resolved

    result = Collection(options.dedup)
    # closing(): on Ctrl-C or an error here, the engine stops its workers (or cancels its tasks) at once.
    with open_engine(options.engine, options.jobs, options.scheduler) as engine:
        with closing(engine.results(iter_inputs(specs), options)) as batches:
            # Every item is read before the first story comes back: teasers and multi-page articles need them all.
            for story, reason in resolved(batches, options, progress):
                if reason:
                    result.leave_out(reason, len(story))
                else:
                    for item in story:
                        result.add(item)
    result.finish()
    return result


def build_digest(
    collection: Collection,
    options: DigestOptions,
    seen: Callable[[list[str]], set[str]] | set[str] | frozenset[str] = frozenset(),
) -> Digest:
    """Filter (seen, since), order newest first, cut to max_articles, and group.

    `seen` tells which fingerprints an earlier digest had: a set, or a function
    asked a batch at a time (State.seen). The digest's entries are read from
    the collection as they are rendered, so it must stay open until then.
    """
    from .collection import KEPT, OLD, filter_seen

    now = options.now or datetime.now().astimezone()
    counts = {"seen": 0, "old": 0, "over_limit": 0}
    collection.reset()
    if seen:
        known = seen if callable(seen) else (lambda prints, _set=seen: {p for p in prints if p in _set})
        counts["seen"] = filter_seen(collection, known)
    if options.since is not None:
        cutoff = now - options.since
        batch = 1000
        for first in range(0, collection.clusters, batch):
            old = [
                c
                for c, date, dated, stamp in collection.dates(first, first + batch)
                if not _recent(date, dated, stamp, cutoff)
            ]
            counts["old"] += collection.mark(OLD, old)
    if options.max_articles is not None:
        counts["over_limit"] = collection.limit(options.max_articles)
    kept = collection.count(KEPT)
    return Digest(
        title=options.title,
        generated=now,
        groups=_groups(collection, options.group_by),
        counts=Counts(
            inputs=collection.articles,
            entries=kept,
            failed=len(collection.failures),
            duplicates=collection.kept_copies() - kept,
            filtered=collection.left_out["filtered"],
            paywalled=collection.left_out["paywalled"],
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
    from .scratch import scratch_errors

    with scratch_errors():  # the collection's database: a full temporary folder is one clear error
        return _run(specs, options, write, progress)


def _run(specs, options: DigestOptions, write, progress) -> Digest:
    collection = collect_inputs(specs, options, progress)
    if not options.new_only:
        digest = build_digest(collection, options)
        write(digest)
        return digest
    from .state import open_state

    with open_state(options.state_path, timeout=options.state_timeout) as state:
        digest = build_digest(collection, options, state.seen)
        write(digest)
        try:
            state.record(collection.records())
        except StateError as err:
            raise StateError(f"the digest was written, but not remembered: {err.message}", err.path) from None
    return digest


def _recent(date: str | None, dated: bool, timestamp: float | None, cutoff: datetime) -> bool:
    if dated:
        return date is not None and date >= cutoff.date().isoformat()
    if timestamp is not None:
        return timestamp >= cutoff.timestamp()
    return True  # no date and no file time (standard input): nothing says it is old


def _negated(date: str | None) -> tuple:
    # Sort dates descending inside an ascending sort: compare the negated code points.
    return tuple(-ord(ch) for ch in date) if date else ()


def _groups(collection: Collection, group_by: str) -> tuple[Group, ...]:
    if group_by == "none":
        entries = collection.entries()
        return (Group(None, entries),) if len(entries) else ()
    if group_by == "topic":
        from .topics import group_topics

        assigned, names = group_topics(collection.topics())
        collection.set_groups(assigned)
        return tuple(Group(name, collection.entries(name)) for name in names)
    unknown = {"source": "Unknown source", "section": "Other", "day": "Undated"}[group_by]
    keys = collection.group_keys(group_by, unknown)
    if group_by == "day":
        names = sorted(keys, key=lambda k: (k == unknown, _negated(k) if k != unknown else ()))
    else:
        names = sorted(keys, key=lambda k: (k == unknown, k.casefold(), k))
    return tuple(Group(name, collection.entries(name)) for name in names)
