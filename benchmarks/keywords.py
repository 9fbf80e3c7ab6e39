#!/usr/bin/env python3
"""Keyword usability per language on the multilingual set: by rules, and against a hand rating.

    python benchmarks/keywords.py [--eval ../shared/eval] [--n 8] [--show LANG]
    python benchmarks/keywords.py --sample                 # the phrases to rate by hand
    python benchmarks/keywords.py --ratings RATED.md       # hand-rated shares; the rules' agreement

Every page of ``<eval>/multilingual/dev.jsonl.gz`` is cleaned from its HTML and
given ``--keywords N`` as the CLI does (``key_phrases`` on the cleaned text, in
the page's language, with its title). Every language key phrases are extracted
in is judged, offered or not (the table says which are offered).

Rating by hand (the measure that decides)
-----------------------------------------
The issue's measure: "32 per language rated usable or not, as a reader would
judge a topic word". The sample (``--sample``): the language's pages in order of
id, each page's N (8) key phrases in the order given, until 32 phrases (a
language with fewer pages gives fewer). A reader who knows the language marks
each phrase usable (y) or not (n), looking at the page's headline and story:

- usable: a name (person, place, organisation, product, event), a term or a
  noun phrase that names what the story is about or something prominent in it,
  in any inflected form ("Приморскому краю", "Unią Europejską");
- not usable: a function word, a pronoun, a verb or a piece of a clause
  ("Polsce wyniosła", "أعلنت كلية الطب"); a window across two phrases or two
  words ("Parti socialiste Harlem", "家卫生健"); a word too generic to tell the
  story ("moment", "datos", "Welt", "サービス", "可能"); a number, a unit or a
  date alone; a cut name ("Foods" of Whole Foods); a source credit or a
  dateline ("РИА Новости", "ВЛАДИВОСТОК"); a repeat of an entity already in
  the list ("Herr Kühnert" after "Kevin Kühnert"), so a verdict holds for a
  phrase at its place in its list.

The rated sample is kept out of the repository (its phrases come from eval
pages), as a Markdown table with rows ``| lang | page id | phrase | y/n |``
under ``##`` headings, one per sample rated. ``--ratings FILE`` reads it and
prints, per heading and language, the hand-rated share and how often the rules
below give the same verdict on the same phrases. A language is offered keywords
(newsdigest/keywords.py, KEYWORD_LANGUAGES) when at least 60% of its rated
phrases are usable; rate again after any change to the extraction.

Rules (the automatic judge)
---------------------------
A judge written down as rules, so that every run judges alike; it is much
more lenient than a reader and does not decide what is offered. A phrase is
usable when all of these hold:

1. it has a letter, and at least 3 characters (2 for Chinese and Japanese);
2. it neither is, starts with nor ends with a stop word of the language
   (stopwordsiso's list: "ています", "하지만", "وعلى" and "the" are not topics);
3. it is whole words of the story: its words occur in that order, adjacent,
   in the story's word sequence; in Chinese and Japanese, where words are not
   spaced, it starts and ends on word boundaries of a real segmenter (jieba,
   fugashi + unidic-lite; the `bench` extra) at one of its occurrences, so
   "家卫生健" (a window across two words) fails;
4. it is not a number, a date or a unit alone;
5. a phrase of two words or more is a name (every word capitalised) or occurs
   at least twice in the story: a window across two phrases ("Putin met with
   Japanese") occurs once;
6. it repeats no phrase before it in the list (no word in common, up to an
   inflected ending of up to 3 letters).

``--show LANG`` prints each phrase with its verdict, to check the rules by eye.
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


def judge(phrase: str, story: str, lang: str, stop: set[str], bounds, earlier=(), strict: bool = True) -> bool:
    """Rules 1-4, and with `strict` rules 5-6 (`earlier`: the phrases before it in its list)."""
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
    if strict and any(_repeats(low, before.lower(), cjk) for before in earlier):
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
    runs = sum(seq[i : i + k] == words for i in range(len(seq) - k + 1))
    if not runs:
        return False
    if strict and k > 1 and runs < 2 and not all(w[:1].isupper() for w in phrase.split()):
        return False
    return True


def _same_word(a: str, b: str) -> bool:
    common = len(__import__("os").path.commonprefix((a, b)))
    return a == b or common >= max(4, max(len(a), len(b)) - 3)


def _repeats(phrase: str, before: str, cjk: bool) -> bool:
    if cjk:
        return phrase in before or before in phrase
    return any(_same_word(a, b) for a in WORD.findall(phrase) for b in WORD.findall(before))


def pages(eval_dir: Path):
    """(record, story text, title) of every page, in order of id."""
    from newsdigest.api import clean_document
    from newsdigest.loading import load_bytes

    records = [
        json.loads(line) for line in gzip.open(eval_dir / "multilingual" / "dev.jsonl.gz", "rt", encoding="utf-8")
    ]
    for record in sorted(records, key=lambda r: r["id"]):
        try:
            article = clean_document(load_bytes(record["html"].encode("utf-8"), f"{record['id']}.html"))
        except Exception:
            continue
        yield record, article.text, article.meta.title


class Judge:
    """The rules, with each language's stop words and CJK segmenter loaded once."""

    def __init__(self) -> None:
        self.segmenters = {}
        for lang in ("zh", "ja"):
            try:
                self.segmenters[lang] = segmenter(lang)
            except ImportError as err:  # judged only with a real segmenter
                print(f"{lang}: skipped ({err.name} not installed: pip install -e '.[bench]')", file=sys.stderr)

    def can(self, lang: str) -> bool:
        return lang not in ("zh", "ja") or lang in self.segmenters

    def verdicts(self, phrases: list[str], story: str, lang: str, strict: bool = True) -> list[bool]:
        import stopwordsiso

        stop = set(stopwordsiso.stopwords(lang)) if stopwordsiso.has_lang(lang) else set()
        bounds = _boundaries(story, self.segmenters[lang]) if lang in ("zh", "ja") else None
        return [judge(p, story, lang, stop, bounds, phrases[:i], strict) for i, p in enumerate(phrases)]


def extract(story: str, n: int, lang: str, title: str | None) -> list[str]:
    """What --keywords N gives, in every language key phrases are extracted in (offered or not)."""
    from newsdigest import keywords

    offered = keywords.KEYWORD_LANGUAGES
    keywords.KEYWORD_LANGUAGES = keywords.PHRASE_LANGUAGES
    try:
        return keywords.key_phrases(story, n, lang, title=title)
    finally:
        keywords.KEYWORD_LANGUAGES = offered


def sample(eval_dir: Path, n: int, per_language: int = 32) -> None:
    """Print the phrases to rate by hand, as rows of the ratings table."""
    taken: dict[str, int] = defaultdict(int)
    for record, story, title in pages(eval_dir):
        lang = record["lang"]
        left = per_language - taken[lang]
        if left <= 0:
            continue
        for phrase in extract(story, n, lang, title)[:left]:
            print(f"| {lang} | {record['id']} | {phrase.replace('|', '/')} | ? |")
            taken[lang] += 1


_ROW = re.compile(r"^\|\s*(\w+)\s*\|\s*(\S+)\s*\|\s*(.+?)\s*\|\s*([yn])\s*\|\s*$")


def read_ratings(path: Path) -> dict[str, list[tuple[str, str, str, bool]]]:
    """Heading -> rows (lang, page id, phrase, usable) of a ratings file."""
    out: dict[str, list] = {}
    heading = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            heading = line[3:].strip()
        elif m := _ROW.match(line):
            out.setdefault(heading, []).append((m[1], m[2], m[3], m[4] == "y"))
    return out


def agreement(eval_dir: Path, path: Path) -> None:
    """Hand-rated shares per language, and how often the rules agree (rules 1-4; 1-6)."""
    judge_ = Judge()
    stories = {record["id"]: story for record, story, _ in pages(eval_dir)}
    for heading, rows in read_ratings(path).items():
        lists: dict[str, list] = defaultdict(list)
        for lang, page, phrase, usable in rows:
            lists[page].append((lang, phrase, usable))
        by_lang: dict[str, list] = defaultdict(list)
        for page, items in lists.items():
            lang = items[0][0]
            if page not in stories or not judge_.can(lang):
                continue
            phrases = [phrase for _, phrase, _ in items]
            loose = judge_.verdicts(phrases, stories[page], lang, strict=False)
            strict = judge_.verdicts(phrases, stories[page], lang)
            by_lang[lang] += [(u, a, b) for (_, _, u), a, b in zip(items, loose, strict)]
        print(f"{heading}: hand rating against the rules")
        print(f"{'lang':<5} {'rated':>5} {'hand':>5} {'rules1-4':>8} {'agree':>6} {'rules1-6':>8} {'agree':>6}")
        total = [0, 0, 0]
        for lang in sorted(by_lang, key=lambda k: (-len(by_lang[k]), k)):
            v = by_lang[lang]
            k = len(v)
            hand, loose, strict = (sum(x[i] for x in v) for i in range(3))
            agree_loose = sum(x[0] == x[1] for x in v)
            agree_strict = sum(x[0] == x[2] for x in v)
            total = [total[0] + k, total[1] + agree_loose, total[2] + agree_strict]
            print(
                f"{lang:<5} {k:>5} {hand / k:>5.0%} {loose / k:>8.0%} {agree_loose / k:>6.0%}"
                f" {strict / k:>8.0%} {agree_strict / k:>6.0%}"
            )
        if total[0]:
            print(
                f"{'all':<5} {total[0]:>5} {'':>5} {'':>8} {total[1] / total[0]:>6.0%}"
                f" {'':>8} {total[2] / total[0]:>6.0%}"
            )
        print()


def main(argv: list[str] | None = None) -> int:
    from newsdigest.keywords import KEYWORD_LANGUAGES

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval", default=str(ROOT.parent / "shared" / "eval"))
    ap.add_argument("--n", type=int, default=8, help="key phrases per page")
    ap.add_argument("--show", help="print each phrase of this language with its verdict")
    ap.add_argument("--sample", action="store_true", help="print the phrases to rate by hand")
    ap.add_argument("--ratings", metavar="RATED.md", help="a hand rating: shares and the rules' agreement")
    args = ap.parse_args(argv)
    eval_dir = Path(args.eval)
    if not (eval_dir / "multilingual" / "dev.jsonl.gz").is_file():
        print(
            f"{eval_dir / 'multilingual' / 'dev.jsonl.gz'}: not found; skipping the keyword benchmark", file=sys.stderr
        )
        return 0
    warnings.simplefilter("ignore")
    if args.sample:
        sample(eval_dir, args.n)
        return 0
    if args.ratings:
        agreement(eval_dir, Path(args.ratings))
        return 0
    judge_ = Judge()
    good: dict[str, list[bool]] = defaultdict(list)
    for record, story, title in pages(eval_dir):
        lang = record["lang"]
        if not judge_.can(lang):
            continue
        phrases = extract(story, args.n, lang, title)
        for phrase, ok in zip(phrases, judge_.verdicts(phrases, story, lang)):
            good[lang].append(ok)
            if args.show == lang:
                print(f"{'usable' if ok else 'NOT   '}  {record['id']}: {phrase}")
    print(f"keyword usability by the rules ({args.n} a page, HTML pages, rules 1-6 of this file's docstring)")
    print("offered: where a reader rated >= 60% usable (--ratings), not where these rules say so")
    print(f"{'lang':<5} {'judged':>6} {'usable':>7}  offered")
    for lang in sorted(good, key=lambda k: (-len(good[k]), k)):
        share = sum(good[lang]) / len(good[lang])
        print(f"{lang:<5} {len(good[lang]):>6} {share:>7.0%}  {'yes' if lang in KEYWORD_LANGUAGES else 'no'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
