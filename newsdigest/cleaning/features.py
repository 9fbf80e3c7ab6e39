"""Evidence about each line of a page, as numbers a line classifier can weigh.

A plain-text copy of a web page is cut into lines (`split_lines`); each line is
described by what it looks like on its own (length, sentence punctuation,
stop words, capitals, list bullets, separators, byline/date/reading-time and
boilerplate patterns) and by where it sits (position in the page, distance to
the densest run of prose, its block, repeats, and its neighbours' features).
Nothing here names a site: every feature is a property any news page has.

`base_features` is pure Python (cheap); `context_features` stacks neighbours
and running windows with numpy, imported only when called.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from . import metadata as md

# Function words of the languages news is mostly written in. Prose is full of
# them (about 40-50% of English running words); menus and headlines have few.
STOP_WORDS = frozenset(
    """a an the and or but of to in on at by for with from as is are was were be been has have had it its
    this that these those he she they we you i his her their our not no will would can could said says
    than then there which who whom what when where while after before about into over also more most
    der die das und ist nicht ein eine zu den mit von sich auf für dem des im es auch als
    le la les de des du un une et est en que qui dans pour pas sur au aux par ce il elle
    el los las y es en que un una por con para del al se lo su
    il lo gli di che è per con non una un sono della nel
    o os as e um uma do da dos das em no na que com para por não
    het een en van de is dat op te zijn niet met voor""".split()
)
SENTENCE_END = re.compile(r"[.!?。！？…:;]['\"”’»)\]]*$")
_SENTENCE_MARK = re.compile(r"[.!?。！？](?:\s|$)")
_WORD = re.compile(r"\w+")
_BULLET = re.compile(r"^(?:[*+•▪●◦‣·\-–—o]\s|\d{1,3}[.)]\s)")
_SEPARATOR = re.compile(r"\s[|•·›»/>]\s|\s\|\s?|\s?\|\s")
_MONTH_LOW = md.MONTH.lower()
_DATE = re.compile(
    rf"\b(?:(?:19|20)\d\d[-/.]\d{{1,2}}[-/.]\d{{1,2}}|\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)?\d\d|"
    rf"{_MONTH_LOW}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_LOW},?\s+(?:19|20)\d\d)\b",
)
# Matched against the lowercased start of a line (case-sensitive matching is faster).
_TIME = re.compile(r"\b\d{1,2}:\d\d\b|\b\d{1,2}\s?(?:a\.?m\.?|p\.?m\.?)(?:\s|$)|\b(?:gmt|utc|[ecmp][sd]t|bst|cet)\b")
_AGO = re.compile(r"\b\d+\s+(?:min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?)\s+ago\b")
_READ_TIME = re.compile(r"\b\d+\s*(?:-\s*)?min(?:ute)?s?\.?\s+(?:read|to read)\b|\breading time\b")
_BYLINE = re.compile(
    r"^(?:written\s+|posted\s+|reported\s+|story\s+|text\s+|words\s+|photos?\s+)?by\b[:\s]", re.IGNORECASE
)
# Boilerplate words, counted as tokens (a set lookup per word), and phrases.
BOILERPLATE_WORDS = frozenset(
    """copyright privacy cookie cookies subscribe subscribed subscriber subscribers subscription newsletter newsletters
    share shares sharing login register advertisement advertising advertise advertiser sponsored promoted comment
    comments facebook twitter instagram linkedin whatsapp pinterest reddit youtube tiktok email print rss podcast
    podcasts""".split()
)
_BOILERPLATE_PHRASE = re.compile(
    r"©|\(c\)\s*\d{4}|all rights reserved|terms of (?:use|service)|sign[ -]?(?:up|in)\b|log ?in\b|follow us|"
    r"click here|download (?:our|the) app|contact us|about us"
)
_RELATED = re.compile(
    r"^(?:hot topics|editor'?s'? (?:picks?|choice)|related\b|most (?:popular|read|viewed|shared|commented)|"
    r"more (?:stories|news|from|on|in|like)|"
    r"trending|top stories|latest\b|recommended|you (?:may|might) (?:also )?(?:like|enjoy|be interested)|"
    r"read (?:more|next|also)|"
    r"see (?:also|more)|also read|popular\b|what to read|in (?:other|related) news|further reading|don'?t miss|"
    r"up next|watch\b|listen\b|tags?\b|topics?\b|categories\b|filed under|share (?:this|on|the)|follow\b|"
    r"next (?:article|story|post)|"
    r"previous (?:article|story|post)|leave a (?:comment|reply)|about the author)",
    re.IGNORECASE,
)
_CAPTION = re.compile(
    r"\b(?:photo|image|picture|illustration|graphic|video|file)\s*(?:credit|courtesy|by|:)|"
    r"\((?:photo|image|picture|file photo)[^)]*\)|"
    r"\b(?:getty images|shutterstock|associated press|afp|reuters|ap photo|epa)\b|^(?:photo|image|picture|credit)\s*:",
)
_LINKISH = re.compile(r"https?://|www\.|\w@\w|\.(?:com|org|net)\b|@\w")

# The names of the base features, in order. Kept with the shipped model so a
# mismatch between code and weights is caught when the model is loaded.
BASE_NAMES = (
    "log_chars",
    "log_words",
    "ends_sentence",
    "sentence_marks",
    "comma_rate",
    "punct_share",
    "digit_share",
    "title_share",
    "caps_share",
    "stop_share",
    "mean_word_len",
    "bullet",
    "separators",
    "bracket_start",
    "byline",
    "date",
    "time",
    "ago",
    "read_time",
    "boilerplate",
    "related_heading",
    "caption",
    "linkish",
    "lower_start",
    "ends_ellipsis",
    "quote_start",
    "repeats",
    "blank_before",
    "blank_after",
    "block_lines",
    "position",
    "char_position",
    "cjk_share",
    "prose",
    "short_words",
    "after_related",
    "log_since_prose",
    "log_until_prose",
)


SAMPLE_CHARS = 600  # about 100 words: enough for stable shares (stop words, capitals, punctuation)
SAMPLE_WORDS = 100
HEAD_CHARS = 240  # bylines, dates, prompts and credits sit at the start of a line or are the line
HEAD_WORDS = 40


@dataclass(frozen=True)
class Line:
    text: str
    block: int  # index of the blank-line-separated block
    blank_before: bool
    blank_after: bool


def split_lines(text: str) -> list[Line]:
    """Every non-empty line, with the block it belongs to (blocks are separated by blank lines)."""
    raw: list[tuple[str, int]] = []
    block = 0
    pending_blank = False
    for part in text.split("\n"):
        line = " ".join(part.split())
        if not line:
            pending_blank = True
            continue
        if pending_blank and raw:
            block += 1
        pending_blank = False
        raw.append((line, block))
    out = []
    for i, (line, blk) in enumerate(raw):
        before = i == 0 or raw[i - 1][1] != blk
        after = i == len(raw) - 1 or raw[i + 1][1] != blk
        out.append(Line(line, blk, before, after))
    return out


def is_prose(text: str, words: int | None = None) -> bool:
    """Reads as running text: enough words and a sentence end, or long anyway.

    News paragraphs are rarely under 12 words and teasers and menu items rarely
    over 12; 25 words make a line prose even without a final full stop."""
    words = len(text.split()) if words is None else words
    if words >= 25:
        return not _SEPARATOR.search(text[:HEAD_CHARS]) or text.count("|") < 2
    return words >= 12 and bool(SENTENCE_END.search(text[-8:]))


_CJK = re.compile("[\u3040-\u9fff\uac00-\ud7af]")
_PUNCT = re.compile(r"[^\w\s]|_")
_DIGIT = re.compile(r"\d")


def _cjk_share(text: str) -> float:
    return len(_CJK.findall(text)) / len(text)


def _line_counts(lines: list[Line]) -> tuple[dict[str, int], dict[int, int], int]:
    """How often each line's text occurs, how many lines each block has, and the page's characters (at least 1)."""
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.text] = counts.get(line.text, 0) + 1
    block_sizes: dict[int, int] = {}
    for line in lines:
        block_sizes[line.block] = block_sizes.get(line.block, 0) + 1
    total_chars = sum(len(line.text) for line in lines) or 1
    return counts, block_sizes, total_chars


def _fill_prose_distances(rows: list[list[float]]) -> None:
    """Lines since the previous prose line and until the next one (0 for prose itself), in place."""
    since, until = BASE_NAMES.index("log_since_prose"), BASE_NAMES.index("log_until_prose")
    prose_col = BASE_NAMES.index("prose")
    gap = len(rows)
    for row in rows:
        gap = 0 if row[prose_col] else gap + 1
        row[since] = math.log1p(gap)
    gap = len(rows)
    for row in reversed(rows):
        gap = 0 if row[prose_col] else gap + 1
        row[until] = math.log1p(gap)


def base_features(lines: list[Line]) -> list[list[float]]:
    n = len(lines)
    counts, block_sizes, total_chars = _line_counts(lines)
    seen_chars = 0
    rows = []
    after_related = False
    for i, line in enumerate(lines):
        text = line.text
        chars = len(text)
        words = text.split()
        nw = len(words)
        # Shares and pattern hits are read from the start of a long line: a
        # paragraph's first few hundred characters tell as much, for less time.
        sample = text[:SAMPLE_CHARS]
        head = text[:HEAD_CHARS]
        head_low = head.lower()
        tokens = _WORD.findall(sample)
        nt = len(tokens) or 1
        alpha_words = [w for w in words[:SAMPLE_WORDS] if w[:1].isalpha()]
        na = len(alpha_words) or 1
        cjk = _cjk_share(sample) if not sample.isascii() else 0.0
        # A CJK line has few spaces: count its characters as words.
        eff_words = max(nw, int(cjk * chars / 1.5))
        punct = len(_PUNCT.findall(sample))
        digits = len(_DIGIT.findall(sample))
        low = _WORD.findall(sample.lower())
        prose = is_prose(text, eff_words)
        related = bool(_RELATED.match(text)) and nw <= 8
        if prose:
            after_related = False
        rows.append(
            [
                math.log1p(chars),
                math.log1p(eff_words),
                1.0 if SENTENCE_END.search(text[-8:]) else 0.0,
                len(_SENTENCE_MARK.findall(text)) / (eff_words or 1),
                text.count(",") / (eff_words or 1),
                punct / len(sample),
                digits / len(sample),
                sum(1 for w in alpha_words if w[0].isupper()) / na,
                sum(1 for w in alpha_words if len(w) > 1 and w.isupper()) / na,
                sum(1 for t in low if t in STOP_WORDS) / nt,
                sum(len(t) for t in tokens) / nt,
                1.0 if _BULLET.match(text) else 0.0,
                float(len(_SEPARATOR.findall(head))),
                1.0 if text[:1] in "[(" else 0.0,
                1.0 if _BYLINE.match(text) else 0.0,
                1.0 if _DATE.search(head_low) else 0.0,
                1.0 if _TIME.search(head_low) else 0.0,
                1.0 if _AGO.search(head_low) else 0.0,
                1.0 if _READ_TIME.search(head_low) else 0.0,
                float(
                    sum(1 for t in low[:HEAD_WORDS] if t in BOILERPLATE_WORDS)
                    + len(_BOILERPLATE_PHRASE.findall(head_low))
                ),
                1.0 if related else 0.0,
                1.0 if _CAPTION.search(head_low) else 0.0,
                1.0 if _LINKISH.search(head) else 0.0,
                1.0 if text[:1].islower() else 0.0,
                1.0 if text.endswith(("...", "…")) else 0.0,
                1.0 if text[:1] in "\"“‘'«„—-" else 0.0,
                math.log(counts[text]),
                1.0 if line.blank_before else 0.0,
                1.0 if line.blank_after else 0.0,
                math.log(block_sizes[line.block]),
                i / n,
                seen_chars / total_chars,
                cjk,
                1.0 if prose else 0.0,
                sum(1 for t in tokens if len(t) <= 3) / nt,
                # Below a "Related" / "Most read" heading, before the next paragraph of prose: a teaser run.
                1.0 if after_related and not related else 0.0,
                0.0,  # log_since_prose, filled below
                0.0,  # log_until_prose
            ]
        )
        after_related = after_related or related
        seen_chars += chars
    _fill_prose_distances(rows)
    return rows


# Windows (in lines) over which running means are taken: the immediate
# neighbourhood, a paragraph or two, and a screenful.
WINDOWS = (2, 5, 12)
# Neighbours whose own features are copied onto a line, and which ones.
NEIGHBOURS = (-2, -1, 1, 2)
NEIGHBOUR_FEATURES = (
    "log_words",
    "ends_sentence",
    "stop_share",
    "title_share",
    "bullet",
    "prose",
    "blank_before",
    "boilerplate",
    "related_heading",
    "date",
)
WINDOW_FEATURES = ("prose", "log_words", "bullet", "stop_share", "ends_sentence")


def densest_run(weights) -> tuple[int, int]:
    """(start, end) of the run of lines with the largest total weight (Kadane)."""
    best, best_span = float("-inf"), (0, -1)
    total, start = 0.0, 0
    for i, w in enumerate(weights):
        if total <= 0:
            total, start = w, i
        else:
            total += w
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def context_features(base: list[list[float]]):
    """Base features plus where the line sits: windows, neighbours, the densest prose run."""
    import numpy as np

    x = np.asarray(base, dtype=np.float64)
    n = x.shape[0]
    col = {name: i for i, name in enumerate(BASE_NAMES)}
    parts = [x]
    # Running means: cumulative sums make every window O(n).
    for name in WINDOW_FEATURES:
        v = x[:, col[name]]
        c = np.concatenate([[0.0], np.cumsum(v)])
        for w in WINDOWS:
            lo = np.clip(np.arange(n) - w, 0, n)
            hi = np.clip(np.arange(n) + w + 1, 0, n)
            parts.append(((c[hi] - c[lo]) / (hi - lo))[:, None])
    idx = [col[name] for name in NEIGHBOUR_FEATURES]
    pad = np.full((2, len(idx)), -1.0)  # -1: "no line there" (every feature is >= 0)
    padded = np.vstack([pad, x[:, idx], pad])
    for k in NEIGHBOURS:
        parts.append(padded[2 + k : 2 + k + n])
    # The densest run of prose: prose lines weigh their length, other lines a
    # penalty, so the run stops at a long stretch of menus or teasers.
    chars = np.expm1(x[:, col["log_chars"]])
    weights = np.where(x[:, col["prose"]] > 0, chars, -np.minimum(chars, 80.0) - 20.0)
    a, b = densest_run(weights.tolist())
    pos = np.arange(n)
    inside = ((pos >= a) & (pos <= b)).astype(float)
    dist = np.where(pos < a, a - pos, np.where(pos > b, pos - b, 0))
    signed = np.sign(pos - a) * (pos < a) * np.log1p(dist) + (pos > b) * np.log1p(dist)
    prose_chars = chars * x[:, col["prose"]]
    total_prose = prose_chars.sum() or 1.0
    before = (np.cumsum(prose_chars) - prose_chars) / total_prose
    parts.append(
        np.column_stack(
            [inside, np.log1p(dist), signed, before, np.full(n, np.log1p(n)), np.full(n, np.log1p(total_prose))]
        )
    )
    return np.hstack(parts)


def context_names() -> list[str]:
    names = list(BASE_NAMES)
    names += [f"{name}_mean{w}" for name in WINDOW_FEATURES for w in WINDOWS]
    names += [f"{name}@{k:+d}" for k in NEIGHBOURS for name in NEIGHBOUR_FEATURES]
    names += ["in_densest_run", "log_dist_run", "signed_dist_run", "prose_before", "log_lines", "log_prose_chars"]
    return names


def page_matrix(lines: list[Line]):
    """The feature matrix of a page: one row per line, `context_names()` columns."""
    return context_features(base_features(lines))
