"""Every story a digest run has read, kept on disk until the digest is written.

A Collection holds the stories in a scratch database (scratch.py), each copy
of a story as a row in `story`, each story (a cluster of near-duplicate
copies, dedup.py) as a row in `cluster` with what ordering, filtering and
grouping need: its first copy's date, publisher and section. Only the failures
and a few counters stay in memory, so memory does not grow with the number of
stories; the digest formats read the chosen stories back one at a time
(StoredEntries), in digest order, and may do so more than once.

A collection makes one digest at a time: building another (build_digest)
changes which stories the earlier one's entries read back.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from ..models import Failure
from .model import Entry, Source
from .scratch import scratch_database

# A cluster's fate in build_digest; KEPT ones are in the digest.
KEPT, SEEN, OLD, OVER_LIMIT = 0, 1, 2, 3
_COMMIT_EVERY = 500  # stories per transaction while collecting
# Newest first by publication date, else by the day the file was saved; on one day the
# dated stories before the undated; stories with neither date last; ties in input order.
_ORDER = "coalesce(date, saved) IS NULL, coalesce(date, saved) DESC, date IS NULL, id"


class Collection:
    """Stories as clusters of copies, in input order, plus the failures; on disk."""

    def __init__(self, dedup: str = "leader") -> None:
        self._db = scratch_database()
        self._db.executescript(
            """
            CREATE TABLE story (
                id INTEGER PRIMARY KEY, cluster INTEGER NOT NULL, fingerprint TEXT NOT NULL, data BLOB NOT NULL);
            CREATE INDEX story_cluster ON story (cluster, id);
            CREATE TABLE cluster (
                id INTEGER PRIMARY KEY, date TEXT, saved TEXT, dated INTEGER NOT NULL, timestamp REAL,
                title TEXT NOT NULL,
                publisher TEXT, section TEXT, status INTEGER NOT NULL DEFAULT 0, grp TEXT,
                topic TEXT);
            """
        )
        if dedup == "components":
            from .components import Components

            self._clusters = Components(self._db)
        else:
            from .dedup import Clusters

            self._clusters = Clusters(self._db)
        self.failures: list[Failure] = []
        self.articles = 0  # stories read, copies included
        self.left_out = {"filtered": 0, "paywalled": 0}  # articles never added: --include/--exclude, --skip-paywalled
        self._pending = 0
        self._last = -1  # the cluster of the last story added: where an absorbed copy goes

    def add(self, item) -> None:
        """A Collected story (collect.py) or a Failure, in input order."""
        if isinstance(item, Failure):
            self.failures.append(item)
            return
        db = self._db
        if self._pending == 0:
            db.execute("BEGIN")
        before = self._clusters.count
        # An absorbed copy (joins.py) belongs to the story added just before it, whatever its text.
        if getattr(item, "absorbed", False) and self._last >= 0:
            number = self._last
        else:
            number = self._clusters.add(item.signature, item.keys, item.isolated)
        self._last = number
        if number == before:  # a new story, not a copy of one already read
            meta = item.summary.article.meta
            db.execute(
                "INSERT INTO cluster (id, date, saved, dated, timestamp, title, publisher, section) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    number,
                    item.date,
                    None if item.date else item.saved,
                    item.date is not None,
                    item.timestamp,
                    meta.title or item.summary.article.path,
                    meta.publisher,
                    meta.section,
                ),
            )
            if getattr(item, "topic", ()):
                db.execute("UPDATE cluster SET topic = ? WHERE id = ?", ("\n".join(item.topic), number))
        data = pickle.dumps(replace(item, signature=b"", keys=(), isolated=False), protocol=pickle.HIGHEST_PROTOCOL)
        db.execute(
            "INSERT INTO story (id, cluster, fingerprint, data) VALUES (?, ?, ?, ?)",
            (self.articles, number, item.fingerprint, data),
        )
        self.articles += 1
        self._pending += 1
        if self._pending >= _COMMIT_EVERY:
            self.flush()

    def leave_out(self, reason: str, articles: int) -> None:
        """`articles` read but left out of the digest for `reason` ("filtered" or "paywalled")."""
        self.left_out[reason] += articles
        self.articles += articles

    def flush(self) -> None:
        if self._pending:
            self._db.execute("COMMIT")
            self._pending = 0

    def finish(self) -> None:
        """Every story read: settle what is only known at the end (--dedup components' merges)."""
        self.flush()
        finish = getattr(self._clusters, "finish", None)
        if finish is None:
            return
        merged = finish()
        if merged:
            db = self._db
            db.execute("BEGIN")
            db.executemany("UPDATE story SET cluster = ? WHERE cluster = ?", ((r, s) for s, r in merged.items()))
            db.executemany("DELETE FROM cluster WHERE id = ?", ((s,) for s in merged))
            db.execute("COMMIT")

    @property
    def clusters(self) -> int:
        """One more than the highest cluster number (how many distinct stories, without --dedup components)."""
        return self._clusters.count

    def close(self) -> None:
        self._db.close()

    # --- what build_digest asks -------------------------------------------------

    def fingerprints(self, first: int, last: int) -> Iterator[tuple[int, str]]:
        """(cluster, fingerprint) of every copy in clusters first..last-1."""
        self.flush()
        yield from self._db.execute(
            "SELECT cluster, fingerprint FROM story WHERE cluster >= ? AND cluster < ? ORDER BY id", (first, last)
        )

    def dates(self, first: int, last: int) -> list[tuple[int, str | None, bool, float | None]]:
        """(cluster, date, dated, timestamp) of clusters first..last-1: what --since needs."""
        return self._db.execute(
            "SELECT id, date, dated, timestamp FROM cluster WHERE id >= ? AND id < ? ORDER BY id", (first, last)
        ).fetchall()

    def reset(self) -> None:
        """Every story kept again, ungrouped: a new digest starts from the whole collection."""
        self.flush()
        self._db.execute("UPDATE cluster SET status = ?, grp = NULL", (KEPT,))

    def mark(self, status: int, clusters: Iterable[int]) -> int:
        """Give kept clusters another status (one already left out keeps its first reason); returns how many changed."""
        cursor = self._db.executemany(
            "UPDATE cluster SET status = ? WHERE id = ? AND status = ?", ((status, c, KEPT) for c in clusters)
        )
        return max(cursor.rowcount, 0)

    def limit(self, keep: int) -> int:
        """Mark all but the first `keep` kept clusters (digest order) over the limit; returns how many."""
        over = [
            row[0]
            for row in self._db.execute(
                f"SELECT id FROM cluster WHERE status = ? ORDER BY {_ORDER} LIMIT -1 OFFSET ?", (KEPT, keep)
            )
        ]
        self.mark(OVER_LIMIT, over)
        return len(over)

    def count(self, status: int) -> int:
        return self._db.execute("SELECT count(*) FROM cluster WHERE status = ?", (status,)).fetchone()[0]

    def kept_copies(self) -> int:
        return self._db.execute(
            "SELECT count(*) FROM story JOIN cluster ON cluster.id = story.cluster WHERE cluster.status = ?", (KEPT,)
        ).fetchone()[0]

    def group_keys(self, group_by: str, unknown: str) -> list[str]:
        """Set every kept cluster's group (publisher, section or date; `unknown` when missing); the groups found."""
        column = {"source": "publisher", "section": "section", "day": "date"}[group_by]
        self._db.execute(
            f"UPDATE cluster SET grp = coalesce(nullif({column}, ''), ?) WHERE status = ?", (unknown, KEPT)
        )
        return [row[0] for row in self._db.execute("SELECT DISTINCT grp FROM cluster WHERE status = ?", (KEPT,))]

    def topics(self) -> list[tuple[int, tuple[str, ...], str | None]]:
        """(cluster, topic terms, date or saved day) of every kept cluster, in digest order.

        What --group-by topic reads."""
        rows = self._db.execute(
            f"SELECT id, topic, coalesce(date, saved) FROM cluster WHERE status = ? ORDER BY {_ORDER}", (KEPT,)
        )
        return [(c, tuple(t.split("\n")) if t else (), d) for c, t, d in rows]

    def set_groups(self, groups: dict[int, str]) -> None:
        """Put kept clusters under the named groups."""
        self._db.executemany(
            "UPDATE cluster SET grp = ? WHERE id = ?", ((name, c) for c, name in sorted(groups.items()))
        )

    def entries(self, group: str | None = None) -> StoredEntries:
        return StoredEntries(self, group)

    def records(self) -> Iterator[tuple[str, str, str | None]]:
        """(fingerprint, title or path, date) of every copy of every kept story: what --new-only remembers."""
        yield from self._db.execute(
            "SELECT DISTINCT story.fingerprint, cluster.title, cluster.date "
            "FROM story JOIN cluster ON cluster.id = story.cluster "
            "WHERE cluster.status = ?",
            (KEPT,),
        )

    def _kept(self, group: str | None) -> Iterator[int]:
        if group is None:
            rows = self._db.execute(f"SELECT id FROM cluster WHERE status = ? ORDER BY {_ORDER}", (KEPT,))
        else:
            rows = self._db.execute(
                f"SELECT id FROM cluster WHERE status = ? AND grp = ? ORDER BY {_ORDER}", (KEPT, group)
            )
        for (cluster,) in rows:
            yield cluster

    def _copies(self, cluster: int) -> list:
        rows = self._db.execute("SELECT data FROM story WHERE cluster = ? ORDER BY id", (cluster,))
        return [pickle.loads(data) for (data,) in rows]

    def _size(self, group: str | None) -> int:
        if group is None:
            return self.count(KEPT)
        return self._db.execute("SELECT count(*) FROM cluster WHERE status = ? AND grp = ?", (KEPT, group)).fetchone()[
            0
        ]


class StoredEntries:
    """A group's entries, read from the collection each time they are iterated (newest first)."""

    def __init__(self, collection: Collection, group: str | None) -> None:
        self._collection = collection
        self._group = group
        self._len: int | None = None

    def __len__(self) -> int:
        if self._len is None:
            self._len = self._collection._size(self._group)
        return self._len

    def __iter__(self) -> Iterator[Entry]:
        for cluster in list_in_chunks(self._collection._kept(self._group)):
            yield entry(self._collection._copies(cluster))


def list_in_chunks(ids: Iterator[int], size: int = 1000) -> Iterator[int]:
    """The ids, read ahead a chunk at a time, so that no cursor stays open while entries are read."""
    chunk: list[int] = []
    for i in ids:
        chunk.append(i)
        if len(chunk) >= size:
            yield from chunk
            chunk = []
    yield from chunk


def entry(copies: list) -> Entry:
    """One digest entry from a story's copies (Collected, first copy first)."""
    first = copies[0]
    first_title = first.summary.article.meta.title
    sources = tuple(
        Source(
            path=c.summary.article.path,
            publisher=c.summary.article.meta.publisher,
            url=c.summary.article.meta.url,
            title=c.summary.article.meta.title
            if c is not first and c.summary.article.meta.title != first_title
            else None,
        )
        for c in copies
        if not getattr(c, "absorbed", False)  # the same article (a feed's teaser, page 2): listed once
    )
    prints = tuple(dict.fromkeys(c.fingerprint for c in copies))
    return Entry(
        summary=first.summary,
        sources=sources,
        fingerprint=first.fingerprint,
        date=first.date,
        fingerprints=prints,
        saved=None if first.date else first.saved,
    )


def filter_seen(collection: Collection, seen: Callable[[list[str]], set[str]], batch: int = 500) -> int:
    """Mark the clusters any of whose copies `seen` reports as SEEN; returns how many."""
    total = 0
    for first in range(0, collection.clusters, batch):
        rows = list(collection.fingerprints(first, first + batch))
        known = seen([fp for _, fp in rows])
        total += collection.mark(SEEN, sorted({cluster for cluster, fp in rows if fp in known}))
    return total
