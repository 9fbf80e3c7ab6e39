"""The story is one block: kept lines far from it, and unlike it, are not story.

A page's story is a single run of lines; the classifier can keep lines far
from it that only look like story: a list of teaser headlines under the page's
story, a run of labels and share buttons, short replies under a blog post. A
group of kept lines cut off from the story's main group by GAP_LINES or more
dropped lines is dropped when it reads unlike the story: less than half of its
characters are in lines of prose. Nothing here names a word: only line
counts, lengths and whether a line reads as prose.

Measured on text dumps (mean clean F1): multilingual dev de 0.704 -> 0.961,
ja 0.884 -> 0.924; English extraction dev 0.9603 -> 0.9604. Dropping small
detached groups of prose as well (under a fifth of the story) cost English
0.0006 and was left out.

Forms (consent, newsletter sign-up, comment boxes) are found by their controls
as dumps render them (`form_blocks`): multilingual dev pl text dumps no longer
leak a consent text (story share of summary sentences 75% -> 100%); English
extraction dev text F1 0.9603 -> 0.9604.
"""

from __future__ import annotations

import re

GAP_LINES = 6  # dropped lines between two groups of kept lines: a box or a list, not a photo caption
DETACHED_REASON = "apart from the story and unlike it (a box, a list of links or replies)"
PROSE_SHARE = 0.5  # a detached group whose characters are less than half prose: teasers, labels, menus


def groups(keep: set[int]) -> list[list[int]]:
    """The kept line indexes in runs: a new run starts after GAP_LINES or more dropped lines."""
    out: list[list[int]] = []
    for i in sorted(keep):
        if out and i - out[-1][-1] - 1 < GAP_LINES:
            out[-1].append(i)
        else:
            out.append([i])
    return out


def detached(texts: list[str], prose: list[bool], keep: set[int]) -> set[int]:
    """Kept lines of the groups cut off from the story's main group and unlike it."""
    runs = groups(keep)
    if len(runs) < 2:
        return set()
    mass = [sum(len(texts[i]) for i in run) for run in runs]
    prose_mass = [sum(len(texts[i]) for i in run if prose[i]) for run in runs]
    main = max(range(len(runs)), key=mass.__getitem__)
    from .features import densest_run

    # The densest run of prose on the page is the story's best witness: its group stays
    # even when a bigger block of teasers was kept elsewhere.
    a, b = densest_run([len(t) if p else -min(len(t), 80) - 20 for t, p in zip(texts, prose)])
    out: set[int] = set()
    for k, run in enumerate(runs):
        if k == main or (run[0] <= b and run[-1] >= a):
            continue
        if prose_mass[k] < PROSE_SHARE * mass[k]:
            out.update(i for i in run if not prose[i])  # its paragraphs may be the story's own
    return out


# What an appeal to subscribe, donate or consent carries and a story line rarely does
# at its very edge: a price ("1 €", "R$ 10", "$5/month"), an e-mail address, a link,
# a social handle or a payment key. Matched as shapes: no word of any language.
_PRICE = re.compile(
    r"(?:[$€£¥₹₽₩]|\b[A-Z]{1,2}\$|\b(?:USD|EUR|GBP|BRL|PLN|CHF|JPY|CNY|RUB|MXN|ARS|zł|kr)\b)\s?\d"
    r"|\d(?:[.,]\d{1,2})?\s?(?:[$€£¥₹₽₩]|zł|kr\b|(?:USD|EUR|GBP|BRL|PLN|CHF)\b)"
)
_CONTACT = re.compile(r"https?://|www\.|\b[\w.+-]+@[\w-]+\.\w|(?:^|\s)@\w{2,}|\b\w+\.(?:com|org|net)\b")
_SENTENCE_END = re.compile(r"[.!?。！？]['\"”’»)\]]*$")
EDGE_MAX_WORDS = 20  # an appeal is a line or two; a story sentence with a price at its edge is longer


def appeal_shape(text: str) -> bool:
    """A short line with an e-mail address, a link or a handle, or a price in a line that
    is no sentence (a story's last sentence may well give a sum: "... $250,000 for them.")."""
    if len(text.split()) > EDGE_MAX_WORDS:
        return False
    return bool(_CONTACT.search(text) or (_PRICE.search(text) and not _SENTENCE_END.search(text)))


def edge_appeals(texts: list[str], keep: set[int]) -> set[int]:
    """The kept lines at the story's end (and start) that have an appeal's shape, up to
    the first that has not: "subscribe from 1 €", "support us by Pix: key@example.org",
    "write to us at desk@example.org". Inside the story such lines stay."""
    order = sorted(keep)
    out: set[int] = set()
    for seq in (reversed(order), order):
        for i in seq:
            if not appeal_shape(texts[i]):
                break
            out.add(i)
    if len(out) >= len(order):  # every kept line has the shape: a page of links, left to the classifier
        return set()
    return out


# A form as a text dump shows it, in any language: a dialog's close button opening a line
# ("×", "✕"), a checkbox or radio button ("[ ]", "[X]", "( )", "(*)") or an input field
# ("[______]", "________"), as lynx, w3m and select-all copies render them. Consent and
# newsletter sign-up boxes carry them; a story's paragraphs do not.
_CLOSE = re.compile(r"^\s*[×✕✖╳](?:\s|$)")
_CONTROL = re.compile(r"^\W{0,2}(?:\[\s?[xX*✓✔]?\s?\]|\(\s?[*•xX]?\s?\))(?:\s|$)|\[_{2,}\]|_{6,}")
FORM_REACH = 3  # lines between a form's control and its text: a heading, a label, a button
# A box on its own is more than this many lines from the nearest kept lines. On the dev sets
# (English extraction, multilingual) the story's parts split by a video's close button lay
# 6 lines apart; the sign-up, consent and appeal boxes near a mark 9, 21 and 44.
FORM_APART = 8
FORM_REASON = "a form (consent, newsletter sign-up or comment box) away from the story"


def form_mark(text: str) -> bool:
    """Whether a line shows a form control or a dialog's close button."""
    return bool(_CLOSE.match(text) or _CONTROL.search(text))


def form_blocks(texts: list[str], keep: set[int]) -> set[int]:
    """Kept lines that are a form's: the lines with a checkbox, radio button or field;
    every group cut off from the story's main group (see `groups`) that has a form
    control or a close button in it or within FORM_REACH lines of it, prose or not
    (the legalese of a consent box reads as prose); and the main group's last lines
    that have a mark within FORM_REACH lines both before and after them (a comment
    box under the story; a video's close button alone marks no box)."""
    out = {i for i in keep if _CONTROL.search(texts[i])}
    marks = [i for i, t in enumerate(texts) if form_mark(t)]
    runs = groups(keep - out)
    if not marks or not runs:
        return out

    def near(i: int) -> bool:
        return any(abs(i - m) <= FORM_REACH for m in marks)

    mass = [sum(len(texts[i]) for i in run) for run in runs]
    main = max(range(len(runs)), key=mass.__getitem__)
    for k, run in enumerate(runs):
        # A box on its own: more than FORM_APART lines from the kept lines on either side.
        apart = (k == 0 or run[0] - runs[k - 1][-1] > FORM_APART) and (
            k + 1 == len(runs) or runs[k + 1][0] - run[-1] > FORM_APART
        )
        if k != main and apart and any(near(i) for i in range(run[0] - FORM_REACH, run[-1] + FORM_REACH + 1)):
            out.update(run)
    story = runs[main]
    for i in reversed(story):  # a comment box at the story's end: text between its controls
        if not (any(0 < i - m <= FORM_REACH for m in marks) and any(0 < m - i <= FORM_REACH for m in marks)):
            break
        out.add(i)
    if set(story) <= out:  # marks all through the main group: no box to tell from the story
        out -= set(story)
    return out
