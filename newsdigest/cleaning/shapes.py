"""Boilerplate found by its shape and position, in any language.

Comment headers, timestamped teaser lists, "most read" rankings and table rows
look alike in every language: short lines that repeat one template (a name or
a headline around a date-time stamp, a rank number before a headline, cells
split by " | "). No phrase is matched; only digits, separators and repetition.
"""

from __future__ import annotations

import re

# A date and a time together ("2014/01/01 20:17", "28.04.2020 18:00", "3/9(木) 18:45",
# "11 maja 2021, 23:13": a year, then a time a few characters on), or a clock time
# opening the line ("21:31 ..."): what comment headers and news tickers carry, and a
# story sentence almost never does twice on one page.
_STAMP = re.compile(
    r"\d{1,4}[./\-年]\d{1,2}[./\-月]\d{1,4}日?\s*(?:\S{0,3}\s*)?\d{1,2}:\d{2}"
    r"|\b\d{1,2}[./]\d{1,2}(?:\(\w{1,3}\)|\.)?\s*\d{1,2}:\d{2}(?!\d)"
    r"|\b(?:19|20)\d\d\D{0,4}\b\d{1,2}[:h]\d{2}\b"
    r"|^\W{0,3}\d{1,2}:\d{2}\b"
)
# "* 7 Headline", "7 Headline", "07. Headline" at the start of a short line: a ranking.
_RANK = re.compile(r"^(?:[*•·-]\s*)?(\d{1,2})[.)]?\s+\S")
_CELL = " | "

STAMP_MAX_CHARS = 90  # a comment header or ticker line; a story sentence with a time is longer
STAMP_MIN_LINES = 3  # one stamped line is the story's own date line; three are a list
TICKER_GAP = 5  # stamped lines this close (in lines) are one list; the lines between are its items
RANK_MAX_CHARS = 110  # a teaser headline with its rank
RANK_MIN_RUN = 3  # three numbered teasers in a row make a ranking
STAMP_REASON = "timestamped list line (comment header or news ticker)"
TICKER_REASON = "item of a timestamped list (news ticker or comments)"
CELL_MIN = 3  # "| 5 | Mainz | 5 | 10": three cells or more
CELL_MAX_AVG = 18  # table cells hold numbers and names, not sentences


def stamp(text: str) -> str | None:
    """The date-time stamp in `text` ("2014/01/01 20:17", "11 maja 2021, 23:13"), or None."""
    m = _STAMP.search(text)
    return m.group(0) if m else None


def shape_boilerplate(texts: list[str], prose: list[bool]) -> dict[int, tuple[str, bool]]:
    """Indexes of lines that are boilerplate by their shape: the reason, and whether
    the shape is boilerplate anywhere (True) or only outside the story's paragraphs
    (False: tables and numbered lists can be the story's own).

    `prose[i]` says whether line i reads as a story paragraph; a ranking is
    cut short by a prose line."""
    sure: dict[int, tuple[str, bool]] = {}
    stamped = [i for i, t in enumerate(texts) if len(t) <= STAMP_MAX_CHARS and _STAMP.search(t)]
    if len(stamped) >= STAMP_MIN_LINES:
        for i in stamped:
            sure[i] = (STAMP_REASON, True)
        stamps = [_STAMP.search(texts[i]).group(0).strip(" *") for i in stamped]
        for i in _ticker_items(stamped, stamps, len(texts)):
            sure.setdefault(i, (TICKER_REASON, True))
    for i in _rank_runs(texts, prose):
        sure.setdefault(i, ("numbered list of other stories", False))
    for i, t in enumerate(texts):
        if _is_table_row(t):
            sure.setdefault(i, ("table row", False))
    return sure


def _template(stamp: str) -> str:
    """A stamp's shape: its digits as one "0" per run ("14:44" and "9:05" alike, "20.04.2020 10:43" not)."""
    return re.sub(r"\d+", "0", stamp)


def _ticker_items(stamped: list[int], stamps: list[str], limit: int) -> list[int]:
    """Lines between the stamped lines of a run of STAMP_MIN_LINES or more different stamps
    of one shape, each at most TICKER_GAP lines from the next: a ticker's or a comment
    thread's items. A story's own date line, then a list of stamped teasers, is no run:
    its stamp has another shape than theirs; nor is a header that shows the story's
    date twice and the time the page was printed (two different stamps)."""
    templates = [_template(s) for s in stamps]
    out: list[int] = []
    run = [0]
    for k in range(1, len(stamped) + 1):
        if k < len(stamped) and stamped[k] - stamped[run[-1]] <= TICKER_GAP and templates[k] == templates[run[0]]:
            run.append(k)
            continue
        if len({stamps[j] for j in run}) >= STAMP_MIN_LINES:
            inside = {stamped[j] for j in run}
            # The last item follows the last stamp: as many lines as the closest two stamps hold.
            step = min(stamped[b] - stamped[a] for a, b in zip(run, run[1:]))
            end = min(stamped[run[-1]] + step, limit)
            out.extend(i for i in range(stamped[run[0]], end) if i not in inside)
        run = [k]
    return out


def _rank_runs(texts: list[str], prose: list[bool]) -> list[int]:
    out: list[int] = []
    run: list[int] = []
    for i, t in enumerate(texts + [""]):
        m = _RANK.match(t) if i < len(texts) and len(t) <= RANK_MAX_CHARS and not prose[i] else None
        if m and int(m[1]) <= 20:
            run.append(i)
            continue
        if len(run) >= RANK_MIN_RUN and len({int(_RANK.match(texts[j])[1]) for j in run}) == len(run):
            out.extend(run)  # distinct ranks: a ranking, not a list of years or counts
        run = []
    return out


def _is_table_row(text: str) -> bool:
    cells = [c.strip() for c in text.strip("| ").split(_CELL)]
    if len(cells) < CELL_MIN:
        return False
    return sum(map(len, cells)) / len(cells) <= CELL_MAX_AVG
