#!/usr/bin/env python3
"""How well the character rule counts Chinese and Japanese words, against real segmenters.

    python benchmarks/cjk_words.py [--eval ../shared/eval]

newsdigest counts CJK words as characters / CJK_CHARS_PER_WORD (sentences/words.py),
with no dictionary to load. This compares it with jieba (Chinese) and fugashi +
unidic-lite (Japanese), both in the `bench` extra, on the story texts (gt_text)
of the multilingual dev set: characters per word, and the count's error per
sentence and per text (what a --words budget sees).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def segmenter(lang: str):
    if lang == "zh":
        import jieba

        jieba.setLogLevel(60)
        return lambda t: list(jieba.cut(t))
    import fugashi

    tagger = fugashi.Tagger()
    return lambda t: [w.surface for w in tagger(t)]


def main(argv: list[str] | None = None) -> int:
    from newsdigest.sentences import split_sentences
    from newsdigest.sentences.words import CJK_CHARS_PER_WORD, count_words

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval", default=str(ROOT.parent / "shared" / "eval"))
    args = ap.parse_args(argv)
    path = Path(args.eval) / "multilingual" / "dev.jsonl.gz"
    if not path.is_file():
        print(f"{path}: not found; skipping", file=sys.stderr)
        return 0
    records = [json.loads(line) for line in gzip.open(path, "rt", encoding="utf-8")]
    print(f"rule: {CJK_CHARS_PER_WORD} CJK characters a word")
    print(f"{'lang':<5} {'texts':>5} {'sentences':>9} {'chars/word':>10} {'text error':>10} {'sentence error':>14}")
    for lang in ("zh", "ja"):
        try:
            cut = segmenter(lang)
        except ImportError as err:
            print(f"{lang:<5} skipped ({err.name} not installed: pip install -e '.[bench]')")
            continue
        texts = [r["gt_text"] for r in records if r["lang"] == lang and r.get("gt_text")]
        chars = words = 0
        text_err, sent_err, n_sent = [], 0.0, 0
        for text in texts:
            truth_total = rule_total = 0
            for sentence in split_sentences(text, lang):
                truth = sum(1 for w in cut(sentence) if w.strip() and re.search(r"\w", w))
                rule = count_words(sentence)
                chars += len(CJK.findall(sentence))
                words += sum(1 for w in cut(sentence) if CJK.search(w))
                if truth:
                    sent_err += abs(rule - truth) / truth
                    n_sent += 1
                truth_total += truth
                rule_total += rule
            if truth_total:
                text_err.append(abs(rule_total - truth_total) / truth_total)
        ratio = chars / max(words, 1)
        mean_text = sum(text_err) / max(len(text_err), 1)
        print(
            f"{lang:<5} {len(texts):>5} {n_sent:>9} {ratio:>10.2f} {mean_text:>10.1%} "
            f"{sent_err / max(n_sent, 1):>14.1%}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
