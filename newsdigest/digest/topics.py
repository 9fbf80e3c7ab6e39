"""--group-by topic: stories about the same event, from different outlets, under one heading.

Copies of one story were already merged (dedup.py: half of their word 3-grams
shared). Reports of one event by different outlets share far fewer words, but
they name the same people, places and organisations, quote the same figures
and turn on the same key phrases. So each story gets a set of terms
(`topic_terms`, made where the story is summarized):

- names: runs of capitalised words ("Marrow Point", "Denise Okafor"), each of
  their words on its own too ("Okafor", as a second mention spells her), and
  acronyms ("NTSB"); a capitalised word opening a sentence is a name only in a run;
- figures: numbers of three or more digits ("212", "48.5"), not years;
- key phrases: the story's YAKE key phrases (keywords.py), lower-cased.

Two stories are compared by the cosine of their term sets, each term weighted
by its inverse document frequency among the digest's stories (a term every
story has says nothing; one two stories share says much). Stories join a group
from the most similar pair down: two groups merge when their closest pair
reaches LINK and their pairs average at least AVERAGE (so one shared name does
not chain two events together). Everything is ordered (pairs by similarity,
then by story order), so the groups are the same on every run.

Groups of two or more stories come first, the largest first (then the one
with the newest story); each is named by its top terms. Stories alone go last,
under "Other stories".
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from ..keywords import key_phrases

OTHER = "Other stories"
KEY_PHRASES = 10  # YAKE phrases per story: the event's words, not every topic the story touches
# Similarity thresholds, chosen on tests/fixtures/topics (in-sample: benchmarks/topics.py prints
# precision and recall of "same event" there). A story's length counts all its terms, most of
# which (its own key phrases) no other story has, so cosines are low: reports of one event by
# two outlets mostly 0.1-0.5, different events sharing a place or an organisation at most 0.09.
# Any LINK from 0.1 to 0.12 with AVERAGE 0.04-0.08 gives the same groups there (0.08 lets the oyster
# festival join the ferry crash); LINK sits at the low end of the plateau, for recall on smaller digests.
LINK = 0.1
AVERAGE = 0.05
LABEL_TERMS = 3
BACKGROUND = 20
# A term shared by more stories than this makes no pairs (it still counts in each story's length):
# its weight is small, and its pairs would grow with the square of its stories.
MAX_POSTING = 200
_MAX_DF_SHARE = 0.5  # a term in more than half of the stories (in digests of 10 or more) is dropped
_WORD = re.compile(r"[^\W\d_][\w'’.&-]*[\w]|[^\W\d_]|\d[\d.,]*\d")
_SENTENCE = re.compile(r"(?<=[.!?。！？])[\"'”’)]*\s+|\n+")
# Capitalised words that are not names: function words, titles, days and months.
_NOT_NAMES = frozenset(
    """a an the this that these those it its he she they we i you his her their our my your there here
    in on at to for of from by with as and or but if when while after before since until during
    mr mrs ms dr prof sir st mt no not yes so then also however meanwhile still yet
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    said says according one two three four five six seven eight nine ten first last new more most
    officials people residents
    president mayor governor provost chief director captain professor superintendent minister senator
    judge chairman chairwoman chair executive manager spokesman spokeswoman councilmember councillor
    councilman councilwoman member secretary commissioner inspector sheriff coach curator organiser organizer""".split()
)


# The generic head of a name ("Bank" of "Bank of Eastmark", "University", "Ridge"): kept inside the
# whole name, never a term alone, or every bank and every ridge would look like one event.
_GENERIC_PARTS = frozenset(
    """bank university college school elementary high middle council city county state department board
    union authority company energy ventures group center centre general public library hospital park
    river street road highway route ridge bay point island lake north south east west northern southern
    eastern western united national international association society club museum court police fire""".split()
)


def topic_terms(title: str | None, text: str, language: str | None) -> tuple[str, ...]:
    """A story's terms (display spelling; compared lower-cased): names, figures, key phrases."""
    body = f"{title}\n{text}" if title else text
    terms: dict[str, str] = {}

    def add(term: str) -> None:
        terms.setdefault(term.lower(), term)

    for name in _names(body):
        add(name)
        if " " in name:
            for word in name.split():
                if word.lower() not in _NOT_NAMES and word.lower() not in _GENERIC_PARTS and len(word) > 2:
                    add(word)
    for figure in re.findall(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w])", body):
        digits = figure.replace(",", "")
        # three digits or more ("212", "4.75", "1,800"): "40" or "14" recur by chance; a year is a date, not a figure
        if len(digits.replace(".", "")) >= 3 and not re.fullmatch(r"(?:19|20)\d\d", digits):
            add(digits)
    for phrase in key_phrases(body, KEY_PHRASES, language, for_reader=False):
        add(phrase.lower())
    return tuple(terms[k] for k in sorted(terms))


def _names(text: str) -> list[str]:
    out = []
    for sentence in _SENTENCE.split(text):
        words = _WORD.findall(sentence)
        run: list[str] = []
        for i, word in enumerate(words + [""]):
            capital = word[:1].isupper() and word.lower().strip(".") not in _NOT_NAMES
            if capital:
                run.append(word.rstrip("."))
                continue
            if run and (len(run) > 1 or i - len(run) > 0 or run[0].isupper() and len(run[0]) > 1):
                out.append(" ".join(run))  # a lone capitalised word opening a sentence is no name
            run = []
    return out


def group_topics(stories: list[tuple[int, tuple[str, ...], str | None]]) -> tuple[dict[int, str], list[str]]:
    """({story: its group's name}, the group names in digest order) for (story, terms, date) rows in digest order."""
    order = {story: i for i, (story, _, _) in enumerate(stories)}
    dates = {story: date or "" for story, _, date in stories}
    vectors = _vectors({story: terms for story, terms, _ in stories})
    sims = _similarities(vectors)
    groups = _agglomerate([story for story, _, _ in stories], sims)
    multi = [g for g in groups if len(g) > 1]
    multi.sort(key=lambda g: (-len(g), _negated(max(dates[s] for s in g)), min(order[s] for s in g)))
    assigned: dict[int, str] = {}
    names: list[str] = []
    terms_of = {story: terms for story, terms, _ in stories}
    for group in multi:
        name = _label(group, terms_of, vectors)
        while name in names or name == OTHER:
            name += " (more)"
        names.append(name)
        for story in group:
            assigned[story] = name
    alone = [s for g in groups if len(g) == 1 for s in g]
    if alone:
        names.append(OTHER)
        for story in alone:
            assigned[story] = OTHER
    return assigned, names


def _negated(date: str) -> tuple:
    return tuple(-ord(ch) for ch in date)


def _vectors(terms: dict[int, tuple[str, ...]]) -> dict[int, dict[str, float]]:
    """Each story's terms weighted by inverse document frequency, scaled to unit length."""
    keys = {story: {t.lower() for t in ts} for story, ts in terms.items()}
    df = Counter(t for ts in keys.values() for t in ts)
    n = len(keys)
    out = {}
    for story, ts in keys.items():
        # BACKGROUND stories that share none of the terms: in a small digest (four reports of one
        # fire) a term every story has still marks the event, as it would among a day's news.
        weights = {t: math.log((n + 1 + BACKGROUND) / df[t]) for t in ts if n < 10 or df[t] <= _MAX_DF_SHARE * n}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        # Terms of this story alone count in its length (they are evidence of a different story)
        # but can match nothing: only shared ones are kept.
        out[story] = {t: w / norm for t, w in weights.items() if df[t] > 1}
    return out


def _similarities(vectors: dict[int, dict[str, float]]) -> dict[tuple[int, int], float]:
    """Cosine similarity of every pair of stories that shares a term (keys: (a, b), a < b)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for story in sorted(vectors):
        for term in vectors[story]:
            postings[term].append(story)
    sims: dict[tuple[int, int], float] = defaultdict(float)
    for term in sorted(postings):
        members = postings[term]
        if len(members) > MAX_POSTING:
            continue  # a term this common weighs little, and its pairs would cost len² time
        for i, a in enumerate(members):
            wa = vectors[a][term]
            for b in members[i + 1 :]:
                sims[(a, b)] += wa * vectors[b][term]
    return {pair: round(value, 9) for pair, value in sims.items()}  # rounded: float noise never reorders pairs


def _agglomerate(stories: list[int], sims: dict[tuple[int, int], float]) -> list[list[int]]:
    group_of = {s: i for i, s in enumerate(stories)}
    members: dict[int, list[int]] = {i: [s] for i, s in enumerate(stories)}
    for (a, b), value in sorted(sims.items(), key=lambda kv: (-kv[1], kv[0])):
        if value < LINK:
            break
        ga, gb = group_of[a], group_of[b]
        if ga == gb:
            continue
        pairs = [(x, y) if x < y else (y, x) for x in members[ga] for y in members[gb]]
        if sum(sims.get(p, 0.0) for p in pairs) / len(pairs) < AVERAGE:
            continue
        keep, gone = min(ga, gb), max(ga, gb)
        for s in members[gone]:
            group_of[s] = keep
        members[keep].extend(members.pop(gone))
    return [sorted(m, key=stories.index) for _, m in sorted(members.items())]


def _label(group: list[int], terms_of: dict[int, tuple[str, ...]], vectors: dict[int, dict[str, float]]) -> str:
    """The group's top terms: those most of its stories share, multi-word ones and names before single words."""
    spelling: dict[str, str] = {}
    counts: Counter[str] = Counter()
    weight: defaultdict[str, float] = defaultdict(float)
    for story in group:
        for term in terms_of[story]:
            key = term.lower()
            if key not in vectors[story] or key.replace(".", "").isdigit():
                continue
            spelling.setdefault(key, term)
            counts[key] += 1
            weight[key] += vectors[story][key]
    ranked = sorted(counts, key=lambda k: (-counts[k], -(" " in k), -round(weight[k], 9), k))
    chosen: list[str] = []
    for key in ranked:
        if any(key in c.lower() or c.lower() in key for c in chosen):
            continue  # "Okafor" when "Denise Okafor" is already there
        chosen.append(spelling[key])
        if len(chosen) == LABEL_TERMS:
            break
    return " · ".join(chosen) or OTHER
