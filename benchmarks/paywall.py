#!/usr/bin/env python3
"""Paywalled and truncated pages: how the articleBody share threshold sits on real pages.

Usage (from the repository root)::

    .venv/bin/python benchmarks/paywall.py [--eval ../shared/eval] [--limit N]

Reads ``<eval>/extraction/dev.jsonl.gz`` (saved pages with their human story
text). For every page whose JSON-LD holds an articleBody of at least
paywall.MIN_BODY_WORDS words it prints the spread of two shares of the body's
words: the story newsdigest extracts from the full page (what a complete copy
gives), and a simulated teaser (the true story's first two paragraphs: what a
truncated copy shows). A good threshold (paywall.TRUNCATED_SHARE) lies between
the two spreads. Then the verdicts (true, false, null) over all pages, and over
those that declare isAccessibleForFree.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))


def quantiles(values: list[float]) -> str:
    if not values:
        return "(none)"
    values = sorted(values)
    pick = [values[min(len(values) - 1, int(q * len(values)))] for q in (0.05, 0.25, 0.5, 0.75, 0.95)]
    return " ".join(f"{v:5.2f}" for v in pick)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", default=str(REPO_ROOT.parent / "shared" / "eval"))
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    path = Path(args.eval) / "extraction" / "dev.jsonl.gz"
    if not path.is_file():
        print(f"{path}: not found (give the eval folder with --eval)")
        return 1
    from newsdigest.api import clean_text
    from newsdigest.cleaning import paywall
    from newsdigest.cleaning.html import json_ld_items, parse_html
    from newsdigest.errors import NoStoryError

    full, teaser, verdicts, declared = [], [], Counter(), Counter()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if args.limit is not None and n >= args.limit:
                break
            page = json.loads(line)
            try:
                article = clean_text(page["html"], "html")
                words, verdict = len(article.text.split()), article.meta.paywalled
            except NoStoryError:
                words, verdict = 0, None
            verdicts[verdict] += 1
            root = parse_html(page["html"])
            items = json_ld_items(root) if root is not None else []
            if paywall.declared_free(items) is not None:
                declared[(paywall.declared_free(items), verdict)] += 1
            body = paywall.longest_body(items)
            if body and len(body.split()) >= paywall.MIN_BODY_WORDS:
                full.append(words / len(body.split()))
                paragraphs = [p for p in page["ground_truth"].split("\n") if p.strip()]
                teaser.append(len(" ".join(paragraphs[:2]).split()) / len(body.split()))
    print(f"pages with an articleBody of {paywall.MIN_BODY_WORDS}+ words: {len(full)}")
    print("share of the body's words     5%    25%   50%   75%   95%")
    print(f"  extracted from full page  {quantiles(full)}")
    print(f"  simulated teaser (2 par.) {quantiles(teaser)}")
    cut = paywall.TRUNCATED_SHARE
    print(
        f"threshold {cut}: full pages flagged {sum(s < cut for s in full)}/{len(full)}, "
        f"teasers caught {sum(s < cut for s in teaser)}/{len(teaser)}"
    )
    print("verdicts over all pages: " + ", ".join(f"{k}: {v}" for k, v in sorted(verdicts.items(), key=str)))
    print(
        "pages declaring isAccessibleForFree (declared free, verdict): "
        + ", ".join(f"{k}: {v}" for k, v in sorted(declared.items(), key=str))
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
