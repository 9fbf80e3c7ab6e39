"""Near-duplicate stories: the same story re-saved, or run by two outlets, is told once.

Each cleaned story becomes a set of word 3-grams ("shingles"; character 4-grams
for languages written without spaces, such as Chinese or Japanese, chosen by the
detected language so that every copy gets the same kind), sketched with
datasketch's MinHash and indexed with its MinHashLSH, so finding a story's
earlier copies costs about the same whether the digest holds ten stories or a
hundred thousand.

Threshold: two stories are the same story when the Jaccard similarity of
their shingle sets is at least 0.5. A page saved twice shares nearly all of
its shingles (> 0.9 once boilerplate is gone); a wire story run by two outlets
that trim or re-head it typically shares well over half; two outlets' own
reports of the same event share few 3-word runs (under 0.1 in our tests), so
0.5 merges copies without merging mere coverage of the same news. The LSH
index is built for a lower threshold (0.3: 21 bands of 3 rows) so that a copy
at exactly 0.5 is found 94% of the time and one at 0.6 99.4% of the time,
while an unrelated story (about 0.05) is a candidate 0.3% of the time; every
candidate is then checked against 0.5 on the full signatures.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Sequence

from .scratch import scratch_database

THRESHOLD = 0.5
BANDS, ROWS = 21, 3  # what datasketch's MinHashLSH picks for threshold 0.3 and 64 permutations
# A band bucket already holding more stories than this is skipped when looking for copies:
# it stands for wording many stories share (a template, a stock phrase), and
# checking it would make each look-up cost as much as the stories read so far.
# A real copy matches in most of its 21 bands (a copy at Jaccard 0.9 in 15 on
# average), so it is still found through the others.
CROWDED = 200
NUM_PERM = 64  # 64 permutations: Jaccard estimated to about ±0.06, 256 bytes per story
_SEED = 20261128
_SCHEME = "affine32"  # datasketch's 32-bit hashing: the same signature on every machine and version 2.x

_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def fingerprint(text: str) -> str:
    """A content fingerprint of a cleaned story: the same words give the same print,
    whatever the whitespace, case or punctuation around them."""
    return hashlib.sha256(" ".join(_words(text)).encode("utf-8", "surrogatepass")).hexdigest()[:32]


# Languages written without spaces between words: character 4-grams (about two words)
# for every copy of a story, whatever its run lengths. Chosen by the detected language,
# not by the text's shape, so two copies of one story always get the same kind.
CHARACTER_LANGUAGES = frozenset({"zh", "ja", "th", "my", "km", "lo"})


def shingles(text: str, language: str | None = None) -> set[bytes]:
    words = _words(text)
    joined = "".join(words)
    if language in CHARACTER_LANGUAGES or (language is None and len(words) * 12 < len(joined)):
        # few spaces for so many letters (language unknown): CJK-style writing
        return {joined[i : i + 4].encode("utf-8", "surrogatepass") for i in range(max(1, len(joined) - 3))}
    if len(words) < 3:
        return {" ".join(words).encode("utf-8", "surrogatepass")}
    return {" ".join(words[i : i + 3]).encode("utf-8", "surrogatepass") for i in range(len(words) - 2)}


def signature(text: str, language: str | None = None) -> bytes:
    """The MinHash signature of a story, as compact bytes (cheap to send between processes).

    `language`: the story's detected language, which picks word or character shingles."""
    import numpy as np
    from datasketch import MinHash

    sketch = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME)
    sketch.update_batch(sorted(shingles(text, language)))
    return sketch.hashvalues.astype(np.uint32).tobytes()  # affine32: values fit 4 bytes


def similarity(a: bytes, b: bytes) -> float:
    """The estimated Jaccard similarity of two signatures."""
    import numpy as np

    x, y = np.frombuffer(a, dtype=np.uint32), np.frombuffer(b, dtype=np.uint32)
    return float(np.count_nonzero(x == y)) / len(x)


class Clusters:
    """Stories added in order; each joins the earliest similar story or starts its own cluster.

    The LSH band index lives in an SQLite table (given a database, or a
    private temporary one on disk), not in memory: datasketch's MinHashLSH
    keeps its hash tables in memory (or in Redis or Cassandra), about 8 KB per
    story, which was most of what a 100,000-story digest held. The banding is
    the same as datasketch's for threshold 0.3 and 64 permutations (21 bands
    of 3 rows); each band becomes one 64-bit key. The signatures themselves
    stay in memory as one compact array (256 bytes a story, 25 MB for 100,000),
    so that the candidates are checked in one vectorised comparison; crowded
    buckets (CROWDED) are left out, so a look-up costs about the same after
    100,000 stories as after 100.
    """

    def __init__(self, db=None) -> None:
        import numpy as np

        self._db = db if db is not None else scratch_database()
        self._db.execute(
            "CREATE TABLE lsh_band (key INTEGER NOT NULL, cluster INTEGER NOT NULL, PRIMARY KEY (key, cluster)) "
            "WITHOUT ROWID"
        )
        self._query = f"SELECT cluster FROM lsh_band WHERE key = ? LIMIT {CROWDED + 1}"
        self._signatures = np.zeros((1024, NUM_PERM), dtype=np.uint32)
        self.count = 0

    def add(self, sig: bytes, keys: Sequence[int] = (), isolated: bool = False) -> int:
        """Place a story by its signature; returns its cluster's number (0, 1, ... in order of creation).

        `keys` are the signature's band keys when already made (by a worker).
        An `isolated` story shares none of its band keys with any other story
        of the run (an engine counted them all first): no earlier story can be
        its candidate and no later one can find it, so it starts its own
        cluster without a look-up, and its keys are not stored. The clusters
        are the same as without the shortcut.
        """
        import numpy as np

        values = np.frombuffer(sig, dtype=np.uint32)
        if isolated:
            return self._new(values)
        db = self._db
        keys = list(keys) or band_keys(sig)
        rows: list = []
        for key in keys:
            bucket = db.execute(self._query, (key,)).fetchall()
            if len(bucket) <= CROWDED:  # a crowded bucket is wording many stories share, not a copy
                rows += bucket
        if rows:
            candidates = np.unique(np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)))  # sorted
            agree = np.count_nonzero(self._signatures[candidates] == values, axis=1)
            similar = np.flatnonzero(agree >= THRESHOLD * NUM_PERM)
            if len(similar):
                return int(candidates[similar[0]])  # the earliest: independent of hash order
        cluster = self._new(values)
        db.executemany("INSERT OR IGNORE INTO lsh_band (key, cluster) VALUES (?, ?)", [(key, cluster) for key in keys])
        return cluster

    def _new(self, values) -> int:
        import numpy as np

        cluster = self.count
        self.count += 1
        if cluster == len(self._signatures):
            self._signatures = np.concatenate([self._signatures, np.zeros_like(self._signatures)])
        self._signatures[cluster] = values
        return cluster


def band_keys(sig: bytes) -> list[int]:
    """One signed 64-bit key per band: the band's number and its 3 hash values, mixed.

    Two different bands collide about once in 2**64; a collision would only
    make a candidate, which the full-signature check then turns away.
    """
    import numpy as np

    mix, salt = _constants()
    rows = np.frombuffer(sig, dtype=np.uint32)[: BANDS * ROWS].astype(np.uint64).reshape(BANDS, ROWS)
    h = salt.copy()
    for r in range(ROWS):  # uint64 arithmetic wraps modulo 2**64, as meant
        h += rows[:, r] * mix[r]
    h ^= h >> np.uint64(31)
    h *= mix[ROWS]
    h ^= h >> np.uint64(29)
    return h.view(np.int64).tolist()


@functools.cache
def _constants():
    import numpy as np

    mix = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xBF58476D1CE4E5B9], dtype=np.uint64)
    salt = np.arange(1, BANDS + 1, dtype=np.uint64) * np.uint64(0x94D049BB133111EB)
    return mix, salt
