#!/usr/bin/env python3
"""Keyword usability per language on the multilingual set, judged by fixed rules.

    python benchmarks/keywords.py [--eval ../shared/eval] [--n 8] [--show LANG]

Every page of ``<eval>/multilingual/dev.jsonl.gz`` is cleaned from its HTML and
given ``--keywords N`` as the CLI does (``key_phrases`` on the cleaned text, in
the detected language). Each key phrase is judged usable as a topic word when
all of these hold (a reader's judgement written down as rules, so that every
run judges alike):

1. it has a letter, and at least 3 characters (2 for Chinese and Japanese);
2. it neither is, starts with nor ends with a stop word of the language
   (stopwordsiso's list: "ています", "하지만", "وعلى" and "the" are not topics);
3. it is whole words of the story: its words occur in that order, adjacent,
   in the story's word sequence (no n-gram across a phrase edge such as
   "بشار الأسد وعلى" survives rule 2, and none across a sentence does this);
   in Chinese and Japanese, where words are not spaced, it starts and ends on
   word boundaries of a real segmenter (jieba, fugashi + unidic-lite; the
   `bench` extra) at one of its occurrences, so "家卫生健" (a window across
   two words) fails;
4. it is not a number, a date or a unit alone.

A language is offered keywords when at least 60% of its phrases are usable
(newsdigest/keywords.py, KEYWORD_LANGUAGES, is set from this table); the
table prints both the share and the count judged. ``--show LANG`` prints each
phrase with its verdict, to check the rules by eye.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import warnings
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cjk_words import CJK, segmenter  # noqa: E402  (the same segmenters the word-count benchmark uses)

TARGET = 0.60
WORD = re.compile(r"[\w\u0900-\u0dff]+")  # Indic vowel signs are marks, not \w


def _boundaries(text: str, cut) -> set[int]:
    out, at = {0}, 0
    for token in cut(text):  # fugashi drops blanks: find each token where it stands
        found = text.find(token, at) if token.strip() else -1
        if found < 0:
            continue
        out.update((found, found + len(token)))
        at = found + len(token)
    return out


def judge(phrase: str, story: str, lang: str, stop: set[str], bounds) -> bool:
    letters = [ch for ch in phrase if ch.isalpha()]
    cjk = lang in ("zh", "ja")
    if not letters or len(phrase.replace(" ", "")) < (2 if cjk else 3):
        return False
    low = phrase.lower()
    words = WORD.findall(low)
    if not words or low in stop or words[0] in stop or words[-1] in stop:
        return False
    if all(w.isdigit() for w in words):
        return False
    if cjk:
        if any(
            low.startswith(s) or low.endswith(s) for s in stop if len(s) >= 2 and CJK.search(s) and len(s) < len(low)
        ):
            return False
        found = [m.start() for m in re.finditer(re.escape(phrase), story)]
        return any(i in bounds and i + len(phrase) in bounds for i in found)
    seq = WORD.findall(story.lower())
    k = len(words)
    return any(seq[i : i + k] == words for i in range(len(seq) - k + 1))


def main(argv: list[str] | None = None) -> int:
    import stopwordsiso

    from newsdigest.api import clean_document
    from newsdigest.keywords import key_phrases
    from newsdigest.loading import load_bytes

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval", default=str(ROOT.parent / "shared" / "eval"))
    ap.add_argument("--n", type=int, default=8, help="key phrases per page")
    ap.add_argument("--show", help="print each phrase of this language with its verdict")
    args = ap.parse_args(argv)
    path = Path(args.eval) / "multilingual" / "dev.jsonl.gz"
    if not path.is_file():
        print(f"{path}: not found; skipping the keyword benchmark", file=sys.stderr)
        return 0
    warnings.simplefilter("ignore")
    good: dict[str, list[bool]] = defaultdict(list)
    segmenters = {}
    for lang in ("zh", "ja"):
        try:
            segmenters[lang] = segmenter(lang)
        except ImportError as err:  # judged only with a real segmenter
            print(f"{lang}: skipped ({err.name} not installed: pip install -e '.[bench]')", file=sys.stderr)
    for line in gzip.open(path, "rt", encoding="utf-8"):
        record = json.loads(line)
        lang = record["lang"]
        if lang in ("zh", "ja") and lang not in segmenters:
            continue
        try:
            article = clean_document(load_bytes(record["html"].encode("utf-8"), f"{record['id']}.html"))
        except Exception:
            continue
        story = article.text
        stop = set(stopwordsiso.stopwords(lang)) if stopwordsiso.has_lang(lang) else set()
        bounds = _boundaries(story, segmenters[lang]) if lang in ("zh", "ja") else None
        for phrase in key_phrases(story, args.n, lang):
            ok = judge(phrase, story, lang, stop, bounds)
            good[lang].append(ok)
            if args.show == lang:
                print(f"{'usable' if ok else 'NOT   '}  {record['id']}: {phrase}")
    print(f"keyword usability ({args.n} a page, HTML pages, rules in this file's docstring); target {TARGET:.0%}")
    print(f"{'lang':<5} {'judged':>6} {'usable':>7}  offered")
    for lang in sorted(good, key=lambda k: -len(good[k])):
        share = sum(good[lang]) / len(good[lang])
        print(f"{lang:<5} {len(good[lang]):>6} {share:>7.0%}  {'yes' if share >= TARGET else 'no'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
