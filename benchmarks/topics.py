#!/usr/bin/env python3
"""--group-by topic: pairwise precision and recall of "same event" on a labelled set of stories.

Usage (from the repository root)::

    .venv/bin/python benchmarks/topics.py [--set tests/fixtures/topics] [--link 0.2 --average 0.12]

The set is a folder with stories/ (invented stories) and labels.tsv (file, event; "-"
for a story that reports no event another story does). Every pair of stories
counts once: a true pair is two stories with the same event label; a
predicted pair is two stories the digest put in the same topic group ("Other
stories" is no group: its stories are each alone). Precision is the share of
predicted pairs that are true, recall the share of true pairs predicted.

The thresholds (topics.LINK, topics.AVERAGE) were chosen on
tests/fixtures/topics, so its figures are in-sample; tests/fixtures/topics-heldout
was written afterwards and never used to choose them. --link and --average
try other thresholds. Baselines
beside it: every story alone (recall 0), and one group of everything.
"""

from __future__ import annotations

import argparse
import os
import sys
from itertools import combinations
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))


def read_labels(folder: Path) -> dict[str, str]:
    labels = {}
    for line in (folder / "labels.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, event = line.split("\t")
            labels[name] = event
    return labels


def pairs_of(groups: list[list[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for g in groups for p in combinations(g, 2)}


def true_groups(labels: dict[str, str]) -> list[list[str]]:
    events: dict[str, list[str]] = {}
    for name, event in labels.items():
        if event != "-":
            events.setdefault(event, []).append(name)
    return list(events.values())


def predicted_groups(folder: Path) -> list[list[str]]:
    from newsdigest.digest import DigestOptions, make_digest
    from newsdigest.digest.topics import OTHER

    digest = make_digest([str(folder / "stories")], DigestOptions(group_by="topic"))
    groups = []
    for group in digest.groups:
        names = [os.path.basename(e.sources[0].path) for e in group.entries]
        if group.name == OTHER:
            groups.extend([n] for n in names)
        else:
            groups.append(names)
    return groups, digest


def score(predicted: set, truth: set) -> tuple[float, float, float]:
    hits = len(predicted & truth)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--set",
        action="append",
        default=None,
        help="a labelled set (repeatable) [default: tests/fixtures/topics, then topics-heldout]",
    )
    parser.add_argument("--link", type=float, default=None)
    parser.add_argument("--average", type=float, default=None)
    parser.add_argument("--eval", default=None, help="accepted for run_all.py; this set is ours, not an eval set")
    parser.add_argument("--groups", action="store_true", help="print the groups found")
    args = parser.parse_args()
    from newsdigest.digest import topics

    if args.link is not None:
        topics.LINK = args.link
    if args.average is not None:
        topics.AVERAGE = args.average
    sets = args.set or [str(REPO_ROOT / "tests" / "fixtures" / name) for name in ("topics", "topics-heldout")]
    for n, folder in enumerate(sets):
        if n:
            print()
        report(Path(folder), args.groups)
    return 0


def report(folder: Path, show_groups: bool) -> None:
    from newsdigest.digest import topics

    labels = read_labels(folder)
    truth = pairs_of(true_groups(labels))
    groups, digest = predicted_groups(folder)
    predicted = pairs_of(groups)
    everything = pairs_of([sorted(labels)])
    kind = (
        "held out: never used to choose them" if "heldout" in folder.name else "in-sample: they were chosen on this set"
    )
    print(
        f"topic groups on {folder.name}: {len(labels)} stories, {len(true_groups(labels))} events, "
        f"{len(truth)} same-event pairs (thresholds LINK={topics.LINK}, AVERAGE={topics.AVERAGE}; {kind})"
    )
    print(f"{'method':<28}{'pairs':>7}{'precision':>11}{'recall':>8}{'F1':>7}")
    for name, pairs in (
        ("every story alone", set()),
        ("one group of everything", everything),
        ("--group-by topic", predicted),
    ):
        p, r, f = score(pairs, truth)
        print(f"{name:<28}{len(pairs):>7}{p:>11.3f}{r:>8.3f}{f:>7.3f}")
    if show_groups:
        for group in digest.groups:
            print(f"\n{group.name}")
            for entry in group.entries:
                name = os.path.basename(entry.sources[0].path)
                print(f"  {labels.get(name, '?'):<10} {name}")


if __name__ == "__main__":
    raise SystemExit(main())
