#!/usr/bin/env python3
"""Headlines: how often newsdigest reports the page's headline as the title.

    python benchmarks/titles.py [--eval ../shared/eval] [--misses N]

Two sets, each page read as its saved HTML and as its text dump:

- ``<eval>/extraction/dev.jsonl.gz``: the pages that give a ``title`` (467 of
  577, all from the set's general-web part: guides, shop and service pages,
  blogs);
- ``<eval>/multilingual/dev.jsonl.gz``: ``gt_title`` and its alternative forms
  (``gt_title_alt``), in 13 languages.

A title is right as ``score_multilingual.title_ok`` (imported from the eval
folder) judges it: the headline without the site name, a kicker or a
subtitle, compared after NFKC and case folding. Each input goes to
``load_bytes`` as UTF-8 bytes, as a file would.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from multilingual import load_scorer  # noqa: E402 (this folder is on the path of a script run from it)


def cases(eval_dir: Path):
    """(set name, page id, html, text dump, the headline's accepted forms) for every titled page."""
    for line in gzip.open(eval_dir / "extraction" / "dev.jsonl.gz", "rt", encoding="utf-8"):
        page = json.loads(line)
        if page.get("title"):
            yield "extraction (en)", page["id"], page["html"], page["text_dump"], [page["title"]]
    for line in gzip.open(eval_dir / "multilingual" / "dev.jsonl.gz", "rt", encoding="utf-8"):
        page = json.loads(line)
        golds = [t for t in [page.get("gt_title"), *(page.get("gt_title_alt") or [])] if t]
        if golds:
            yield "multilingual", page["id"], page["html"], page["text_dump"], golds


def title_of(body: str, name: str) -> str:
    from newsdigest.api import clean_document
    from newsdigest.errors import NewsdigestError
    from newsdigest.loading import load_bytes

    try:
        return clean_document(load_bytes(body.encode("utf-8"), name)).meta.title or ""
    except NewsdigestError:  # no story found: no title either
        return ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--misses", type=int, default=0, help="print up to N wrong titles per set and input")
    args = ap.parse_args(argv)
    scorer = load_scorer(args.eval)
    warnings.simplefilter("ignore")  # language and encoding warnings: not what is measured here
    right: dict[tuple[str, str], list[bool]] = {}
    misses: dict[tuple[str, str], list[str]] = {}
    for name, page_id, page_html, dump, golds in cases(args.eval):
        for mode, body, suffix in (("html", page_html, ".html"), ("text", dump, ".txt")):
            got = title_of(body, f"{page_id}{suffix}")
            ok = bool(scorer.title_ok(got, golds))
            right.setdefault((name, mode), []).append(ok)
            if not ok:
                misses.setdefault((name, mode), []).append(f"  {page_id}: {got[:70]!r}  (headline {golds[0][:70]!r})")
    print("titles right (score_multilingual.title_ok)")
    print(f"{'set':<18} {'input':<6} {'pages':>5} {'right':>7}")
    for (name, mode), oks in right.items():
        print(f"{name:<18} {mode:<6} {len(oks):>5} {100 * sum(oks) / len(oks):>6.1f}%")
    for key, lines in misses.items():
        if args.misses:
            print(f"\nmisses, {key[0]}, {key[1]}:")
            print("\n".join(lines[: args.misses]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
