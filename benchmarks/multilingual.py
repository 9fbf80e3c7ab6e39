#!/usr/bin/env python3
"""Language, encoding and hard-wrapping on the multilingual set, as the shared scorer sees them.

    python benchmarks/multilingual.py [--eval ../shared/eval] [--set FILE] [--per-article OUT.jsonl]

Every page of ``<eval>/multilingual/dev.jsonl.gz`` goes through newsdigest in
process in three modes, as the set's scorer (``<eval>/score_multilingual.py``,
imported from the eval folder) defines them: ``html`` (the page), ``text`` (its
text dump) and ``wrapped`` (the dump hard-wrapped at 76 columns by the scorer's
``wrap()``). Each input is given as UTF-8 bytes to ``load_bytes``, so the
encoding sniffing runs as it does on a file (pages whose bytes are UTF-8 but
declare another charset keep that mismatch). The scorer's own table follows:
language accuracy, title, clean-text F1, story and fragment rates per language
and mode.

Mojibake, per mode: pages whose output (title, story text and summary
sentences) holds U+FFFD or a non-ASCII character that the input itself never
holds (after NFC, and for HTML after its character references are resolved;
ASCII is left out, since the cleaner writes list markers such as "* "). Text
decoded with the wrong codec shows characters the page does not have ("é",
"鏂"); a right decoding only ever shows the page's own characters.
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import json
import sys
import unicodedata
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MODES = ("html", "text", "wrapped")


def load_scorer(eval_dir: Path):
    path = eval_dir / "score_multilingual.py"
    if not path.is_file():
        raise SystemExit(f"{path}: scorer not found (give the eval folder with --eval)")
    spec = importlib.util.spec_from_file_location("score_multilingual", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["score_multilingual"] = module
    spec.loader.exec_module(module)
    return module


def inputs(record: dict, ml) -> dict[str, str]:
    return {
        "html": record["html"],
        "text": record["text_dump"],
        "wrapped": ml.wrap(record["text_dump"], record["lang"]),
    }


def predict(record: dict, mode: str, body: str) -> tuple[dict, str]:
    """The scorer's prediction for one (record, mode), and the output text checked for mojibake."""
    from newsdigest.api import clean_document, summarize_article
    from newsdigest.loading import load_bytes

    suffix = ".html" if mode == "html" else ".txt"
    article = clean_document(load_bytes(body.encode("utf-8"), f"{record['id']}-{mode}{suffix}"))
    sentences = [s.text for s in summarize_article(article).sentences] if article.paragraphs else []
    pred = {
        "id": record["id"],
        "mode": mode,
        "title": article.meta.title or "",
        "language": article.meta.language or "",
        "text": article.text,
        "summary_sentences": sentences,
    }
    return pred, "\n".join([pred["title"], pred["text"], *sentences])


def foreign_characters(output: str, source: str, is_html: bool) -> str:
    """The non-ASCII characters of `output` that `source` never holds, and any U+FFFD."""
    if is_html:
        source = html.unescape(source)
    allowed = set(unicodedata.normalize("NFC", source)) | set(source)
    odd = {
        ch for ch in unicodedata.normalize("NFC", output) if ch not in allowed and not ch.isascii() and not ch.isspace()
    }
    if "\ufffd" in output:
        odd.add("\ufffd")
    return "".join(sorted(odd))


def run(records: list[dict], ml) -> tuple[list[dict], dict[str, list[tuple[str, str]]]]:
    preds, mojibake = [], {m: [] for m in MODES}
    warnings.simplefilter("ignore")  # language warnings: the scorer judges the language
    for record in records:
        for mode, body in inputs(record, ml).items():
            try:
                pred, output = predict(record, mode, body)
            except Exception as err:  # a crash is a failed page, scored as one
                print(f"{record['id']} ({mode}): {type(err).__name__}: {err}", file=sys.stderr)
                continue
            preds.append(pred)
            odd = foreign_characters(output, body, mode == "html")
            if odd:
                mojibake[mode].append((record["id"], odd))
    return preds, mojibake


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval", default=str(ROOT.parent / "shared" / "eval"), help="the shared eval folder")
    ap.add_argument("--set", help="the set file (default <eval>/multilingual/dev.jsonl.gz)")
    ap.add_argument("--per-article", metavar="OUT.jsonl", help="write the scorer's per-article rows")
    args = ap.parse_args(argv)
    eval_dir = Path(args.eval)
    set_path = Path(args.set) if args.set else eval_dir / "multilingual" / "dev.jsonl.gz"
    if not set_path.is_file():
        print(f"{set_path}: evaluation set not found; skipping the multilingual benchmark", file=sys.stderr)
        return 0
    ml = load_scorer(eval_dir)
    records = ml.load_set(str(set_path))
    preds, mojibake = run(records, ml)
    report = ml.score(records, preds)
    print(f"multilingual: {set_path} ({len(records)} pages), scorer {eval_dir / 'score_multilingual.py'}")
    print(ml.format_report(report))
    print()
    overall = report["overall"]
    print(f"{'mode':<8} {'language':>9} {'fragments':>9} {'mojibake pages':>14}")
    for mode in MODES:
        share = overall[mode]["language"][0] if mode in overall else None
        frag = overall[mode]["fragments"][0] if mode in overall else None
        print(f"{mode:<8} {share or 0:>9.1%} {frag or 0:>9.1%} {len(mojibake[mode]):>14}")
    for mode in MODES:
        for rid, odd in mojibake[mode][:10]:
            print(f"  mojibake ({mode}) {rid}: {odd[:40]!r}")
    if args.per_article:
        with open(args.per_article, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in report["rows"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
