"""The engine seam, the isolated-story shortcut, --dedup components and the engine settings (no cluster needed)."""

from __future__ import annotations

import numpy as np
import pytest

from newsdigest.digest.dedup import NUM_PERM, ROWS, Clusters, band_keys
from newsdigest.errors import UsageError


def _signatures(count: int, copies: float, seed: int = 5) -> list[bytes]:
    """Random signatures; a share of them near-copies of an earlier one (some of a copy, chains)."""
    rng = np.random.default_rng(seed)
    out: list[np.ndarray] = []
    for _ in range(count):
        if out and rng.random() < copies:
            base = out[int(rng.integers(len(out)))].copy()
            changed = rng.choice(NUM_PERM, size=int(rng.integers(0, 40)), replace=False)
            base[changed] = rng.integers(0, 2**32, size=len(changed), dtype=np.uint64).astype(np.uint32)
            out.append(base)
        else:
            out.append(rng.integers(0, 2**32, size=NUM_PERM, dtype=np.uint64).astype(np.uint32))
    return [s.tobytes() for s in out]


def _isolated(sigs: list[bytes], chunk: int = 100, parts: int = 3) -> list[bool]:
    """The flags the cluster would compute, by the same task functions, run here."""
    from newsdigest.digest.collect import Collected
    from newsdigest.digest.tasks import ChunkOutput, chunk_keys, mark_isolated, merge_counts, shared_keys

    def item(sig):
        return Collected(
            summary=None, fingerprint="", signature=sig, date=None, timestamp=None, keys=tuple(band_keys(sig))
        )

    outputs = [ChunkOutput([[item(s)] for s in sigs[i : i + chunk]]) for i in range(0, len(sigs), chunk)]
    leaves = [chunk_keys(o, parts) for o in outputs]
    shared = [
        shared_keys(
            merge_counts(*(merge_counts(*[leaf[p] for leaf in leaves[i : i + 4]]) for i in range(0, len(leaves), 4)))
        )
        for p in range(parts)
    ]
    return [r[0].isolated for o in outputs for r in mark_isolated(o, *shared).results]


def test_isolated_shortcut_gives_the_same_clusters():
    sigs = _signatures(3000, copies=0.05)
    flags = _isolated(sigs)
    assert 0.8 < sum(flags) / len(flags) < 1  # most stories are isolated, not all
    plain, fast = Clusters(), Clusters()
    assert [plain.add(s) for s in sigs] == [fast.add(s, band_keys(s), f) for s, f in zip(sigs, flags)]
    assert fast.count < len(sigs)  # copies were merged


def test_a_story_sharing_a_key_only_with_a_later_one_is_not_isolated():
    rng = np.random.default_rng(1)
    a = rng.integers(0, 2**32, size=NUM_PERM, dtype=np.uint64).astype(np.uint32)
    b = rng.integers(0, 2**32, size=NUM_PERM, dtype=np.uint64).astype(np.uint32)
    b[:ROWS] = a[:ROWS]  # the same first band: one shared key
    c = rng.integers(0, 2**32, size=NUM_PERM, dtype=np.uint64).astype(np.uint32)
    assert _isolated([a.tobytes(), b.tobytes(), c.tobytes()], chunk=1) == [False, False, True]


def test_components_merge_transitively_where_leader_clustering_does_not():
    from newsdigest.digest.components import Components

    rng = np.random.default_rng(2)
    a = rng.integers(0, 2**32, size=NUM_PERM, dtype=np.uint64).astype(np.uint32)
    b = rng.integers(0, 2**32, size=NUM_PERM, dtype=np.uint64).astype(np.uint32)
    b[:42] = a[:42]  # a ~ b: 42 of 64 agree
    c = rng.integers(0, 2**32, size=NUM_PERM, dtype=np.uint64).astype(np.uint32)
    c[21:63] = b[21:63]  # b ~ c: 42 agree; a and c: 21, not similar
    sigs = [s.tobytes() for s in (a, b, c)]
    leader = Clusters()
    assert [leader.add(s) for s in sigs] == [0, 0, 1]
    components = Components()
    assert [components.add(s) for s in sigs] == [0, 1, 2]
    assert components.finish() == {1: 0, 2: 0}


def test_components_equal_leader_when_copies_are_plain():
    from newsdigest.digest.components import Components

    sigs = _signatures(500, copies=0.1, seed=9)
    leader, components = Clusters(), Components()
    numbers = [leader.add(s) for s in sigs]
    for s in sigs:
        components.add(s)
    roots = components.finish()
    # every leader cluster lies inside one component (components can only merge more)
    by_cluster: dict[int, set[int]] = {}
    for story, cluster in enumerate(numbers):
        by_cluster.setdefault(cluster, set()).add(roots.get(story, story))
    assert all(len(r) == 1 for r in by_cluster.values())
    assert len(by_cluster) < len(sigs)  # there were copies to merge


def test_engines_are_chosen_by_name():
    from newsdigest.digest.engines import LocalEngine, check_engine, open_engine

    with open_engine("local", jobs=1) as engine:
        assert isinstance(engine, LocalEngine)
    with pytest.raises(UsageError, match="unknown engine 'spark'"):
        check_engine("spark")
    with pytest.raises(UsageError, match="--scheduler needs --engine dask"):
        LocalEngine(scheduler="tcp://127.0.0.1:8786")


def test_engine_settings_in_config_and_environment():
    from newsdigest.app.config import parse_config, settings_from_env

    assert parse_config('engine = "dask"\nscheduler = "tcp://h:8786"\ndedup = "components"\n', "c").values == {
        "engine": "dask",
        "scheduler": "tcp://h:8786",
        "dedup": "components",
    }
    assert settings_from_env({"NEWSDIGEST_ENGINE": "dask"}).get("engine") == "dask"
    with pytest.raises(UsageError, match="line 1: engine must be one of: local, dask"):
        parse_config('engine = "ray"\n', "c")
    with pytest.raises(UsageError, match="NEWSDIGEST_DEDUP"):
        settings_from_env({"NEWSDIGEST_DEDUP": "fuzzy"})


def test_cli_rejects_scheduler_without_dask_and_unknown_engine(tmp_path):
    from conftest import SAMPLES, run_cli

    env = {"NEWSDIGEST_CONFIG": "/dev/null"}
    wrong = run_cli("digest", str(SAMPLES), "--scheduler", "tcp://127.0.0.1:8786", env=env)
    assert wrong.returncode == 2 and b"--scheduler needs --engine dask" in wrong.stderr
    unknown = run_cli("digest", str(SAMPLES), "--engine", "spark", env=env)
    assert unknown.returncode == 2 and b"unknown engine 'spark'" in unknown.stderr


def test_cli_dedup_components(tmp_path):
    from conftest import SAMPLES, run_cli

    env = {"NEWSDIGEST_CONFIG": "/dev/null", "SOURCE_DATE_EPOCH": "1795000000"}
    leader = run_cli("digest", str(SAMPLES), "--format", "json", env=env)
    components = run_cli("digest", str(SAMPLES), "--format", "json", "--dedup", "components", env=env)
    assert leader.returncode == components.returncode == 0
    assert components.stdout == leader.stdout  # the samples' one pair of copies: no chain to merge further
    bad = run_cli("digest", str(SAMPLES), "--dedup", "fuzzy", env=env)
    assert bad.returncode == 2 and b"--dedup must be one of: leader, components" in bad.stderr
