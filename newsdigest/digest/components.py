"""`--dedup components`: near-duplicates as connected components, as web-scale dedup tools do.

The default merge (dedup.Clusters) is leader clustering in input order: a
story joins the earliest story it is similar to, and a story similar only to a
later copy of that story stays apart. This mode instead groups every story by
LSH band key, verifies each pair of stories that share a bucket against the
same threshold on the full signatures, and merges whole connected components
(union-find): if A ~ B and B ~ C, then A, B and C are one story even when A and
C are not similar. It merges transitively, so its groups can be larger than the
default's and it is not identical to it; what it gains is that no look-up per
story is needed while reading: the grouping is one pass at the end.

Each component is numbered by its earliest story, whose copy is summarized, as
in the default mode. Crowded buckets (dedup.CROWDED) are left out here too.
"""

from __future__ import annotations

from collections.abc import Sequence

from .dedup import CROWDED, NUM_PERM, THRESHOLD, band_keys
from .scratch import scratch_database


class Components:
    """Stories added in order, each its own cluster until finish() joins the components."""

    def __init__(self, db=None) -> None:
        import numpy as np

        self._db = db if db is not None else scratch_database()
        self._db.execute("CREATE TABLE lsh_key (key INTEGER NOT NULL, story INTEGER NOT NULL)")
        self._signatures = np.zeros((1024, NUM_PERM), dtype=np.uint32)
        self.count = 0

    def add(self, sig: bytes, keys: Sequence[int] = (), isolated: bool = False) -> int:
        import numpy as np

        story = self.count
        self.count += 1
        if story == len(self._signatures):
            self._signatures = np.concatenate([self._signatures, np.zeros_like(self._signatures)])
        self._signatures[story] = np.frombuffer(sig, dtype=np.uint32)
        if not isolated:  # an isolated story shares no bucket: it can only be its own component
            keys = list(keys) or band_keys(sig)
            self._db.executemany("INSERT INTO lsh_key (key, story) VALUES (?, ?)", [(k, story) for k in keys])
        return story

    def finish(self) -> dict[int, int]:
        """{story: its component's earliest story} for every story that joins an earlier one."""
        import numpy as np

        parent = list(range(self.count))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for members in self._buckets():
            sigs = self._signatures[members]
            # every pair in the bucket at once: agreement counts of a k x k matrix
            agree = np.count_nonzero(sigs[:, None, :] == sigs[None, :, :], axis=2)
            for a, b in zip(*np.nonzero(np.triu(agree >= THRESHOLD * NUM_PERM, k=1))):
                ra, rb = root(int(members[a])), root(int(members[b]))
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)  # the earliest story stays the root
        return {i: root(i) for i in range(self.count) if root(i) != i}

    def _buckets(self):
        import numpy as np

        rows = self._db.execute(
            "SELECT key, group_concat(story) FROM lsh_key GROUP BY key HAVING count(*) BETWEEN 2 AND ?", (CROWDED,)
        )
        for _, members in rows:
            yield np.array(sorted({int(m) for m in members.split(",")}), dtype=np.int64)
