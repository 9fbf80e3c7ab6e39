"""Sentences that are not story: captions, credits, calls to action, datelines, fragments.

Cleaning drops most page furniture by whole lines; what reaches the summarizer
can still hold a caption glued into a paragraph, a "Read more" line, a bare
dateline or the tail of a quotation that the splitter cut off. The news
summarizer ranks such sentences after every story sentence.

The cues are generic shapes of news pages, not strings of particular sites, and
cover the languages we summarize. `nonstory_reason(sentence)` names the cue (for
tests and --explain); `nonstory_flags(sentences)` is the vectorised form.
"""

from __future__ import annotations

import re
from operator import ne

from ..sentences.words import count_words

# Each cue is a start pattern (matched at the start of a sentence) and, for some,
# an anywhere pattern (searched inside it).
# A caption or credit: a label and a colon or "by" at the start, or a credit in
# brackets anywhere ("(Photo: Jane Roe/Agency)").
_CAPTION_START = (
    r"\W{0,3}(?:photo(?:graph)?s?|pictures?|images?|video|graphic|illustration|caption|credits?|"
    r"foto|bild|imagen|immagine|фото|图片|圖片|写真)\s*(?::|by\b|credit|courtesy|©)"
    r"|\W{0,3}(?:©|copyright\b|all rights reserved)"
)
_CAPTION_ANYWHERE = r"[(\[](?:photo|image|picture|foto|фото)(?:graph)?\s*(?:by|:)[^)\]\n]{0,80}[)\]]"
# A call to action: read more, click, subscribe, follow, share, sign up, watch.
_ACTION_START = (
    r"\W{0,3}(?:read|see|watch|click|tap|subscribe|sign up|follow|share|download|listen|"
    r"join|like us|get our|more on|related|also read|don't miss|advertisement|"
    r"lesen sie|mehr zum thema|lire aussi|à lire|voir aussi|leer más|lea también|ver también|"
    r"leia (?:mais|também)|veja também|leggi anche|читайте также|подписывайтесь|相关阅读|延伸阅读)"
    r"(?:\b|\s|:)(?:[^.!?\n]{0,60})(?::|\bhere\b|\bmore\b|\bon (?:twitter|facebook|instagram)|»|>|$)"
)
_ACTION_ANYWHERE = (
    r"\b(?:click here|subscribe to our|sign up for our|follow us on|share this (?:article|story)|"
    r"all rights reserved)\b"
)
# A bare dateline or byline: "WASHINGTON (Reuters) -", "LONDON, Jan 5 --", "By Jane Roe",
# "Updated 12:30 GMT, 5 March 2024". Case matters here: datelines are capitals.
_DATELINE_START = (
    r"[A-Z][A-Z .'-]{2,40}(?:,[ \t]*[\w .]{2,30})?[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*[-\u2013\u2014]+[ \t]*$"
    r"|[ \t]*(?i:by|von|par|por|di|da)[ \t]+[A-Z][\w.'-]+(?:[ \t]+[A-Z][\w.'-]+){0,3}"
    r"(?:[ \t]*[,|/-][ \t]*[\w ]{1,40})?[ \t]*$"
    r"|(?i:updated|published|last updated|posted|aktualisiert|mis à jour|actualizado)\b"
    r"[^.!?\n]{0,50}\d[^!?\n]{0,20}(?<!\.)$"
)
_CAPTION = re.compile(rf"^(?i:{_CAPTION_START})|(?i:{_CAPTION_ANYWHERE})")
_ACTION = re.compile(rf"^(?i:{_ACTION_START})|(?i:{_ACTION_ANYWHERE})")
_DATELINE = re.compile(rf"^(?:{_DATELINE_START})")
# All cues at once: start patterns by `match`, anywhere patterns over the whole
# document in one scan (most sentences fail the start patterns at their first letter).
ANY_START = re.compile(rf"(?i:{_CAPTION_START})|(?i:{_ACTION_START})|(?:{_DATELINE_START})")
_ANYWHERE = re.compile(rf"(?i:{_CAPTION_ANYWHERE})|(?i:{_ACTION_ANYWHERE})")
# What each anywhere-match holds (lower case): a caption word right after ( or [,
# or the words of a call to action.
_CAPTION_KEYS = ("photo", "image", "picture", "foto", "фото")
_ACTION_KEYS = ("click here", "subscribe to", "sign up for", "follow us", "share this", "rights reserved")
# How a sentence whose first characters are ASCII can begin if a start cue
# matches it: with a non-word character (the cues allow up to three), with two
# capitals (a dateline), or with one of these words (lower case; the cues ignore
# case there). Anything else fails every start cue at its first letters, so the
# cue's regex is skipped for it (`_may_start`; tests check this against the regex).
_START_WORDS = (
    "photo", "picture", "image", "video", "graphic", "illustration", "caption", "credit", "foto", "bild",
    "immagine", "copyright", "all rights reserved",
    "read", "see", "watch", "click", "tap", "subscribe", "sign up", "follow", "share", "download", "listen",
    "join", "like us", "get our", "more on", "related", "also read", "don't miss", "advertisement",
    "lesen sie", "mehr zum thema", "lire aussi", "voir aussi", "leer m", "lea tambi", "ver tambi", "leia ",
    "veja tamb", "leggi anche",
    "by", "von", "par", "por", "di", "da",
    "updated", "published", "last updated", "posted", "aktualisiert", "mis ", "actualizado",
)  # fmt: skip
_DATELINE_SECOND = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ .'-")
_BYLINE_WORDS = ("by", "von", "par", "por", "di", "da")
# ASCII characters that \W matches: the cues allow three of them before their word.
_ASCII_NON_WORD = "".join(chr(c) for c in range(128) if not (chr(c).isalnum() or chr(c) == "_"))
_MARKS = frozenset(_ASCII_NON_WORD) - frozenset(" \t")  # before a byline only blanks may stand


# Two ASCII letters, the second in lower case, that begin no cue word: a sentence
# opening with them ("The", "He", "In") fails every start cue (the dateline wants
# two capitals), so one set look-up settles most sentences. After one punctuation
# mark (a quotation mark, a bracket: not a space, which a byline allows), two
# letters of any case that begin no cue word settle it too ('"It', "(CNN").
_CUE_PAIRS = frozenset(word[:2] for word in _START_WORDS)
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_PLAIN_OPENINGS = frozenset(a + b for a in _LETTERS for b in _LETTERS[26:] if (a + b).lower() not in _CUE_PAIRS)
_PLAIN_AFTER_MARK = frozenset(a + b for a in _LETTERS for b in _LETTERS if (a + b).lower() not in _CUE_PAIRS)


def _may_start(sentence: str) -> bool:
    """False only where no start cue can match (a quick test before the regex)."""
    head = sentence[:32]
    if not head.isascii():
        return True
    first = head[:1]
    if first.isalnum():
        if "A" <= first <= "Z" and head[1:2] in _DATELINE_SECOND:
            return True
        return head.lower().startswith(_START_WORDS)
    if not first:
        return True
    # up to three non-word characters, then a cue word; or spaces before a byline
    rest = head.lstrip(_ASCII_NON_WORD)
    if len(head) - len(rest) <= 3 and rest.lower().startswith(_START_WORDS):
        return True
    return head.lstrip(" \t").lower().startswith(_BYLINE_WORDS)


_QUOTES = '"\u201c\u201d\u201e\u00ab\u00bb'
_WORD = re.compile(r"\w+")
_LINK = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$")
_HANDLE = re.compile(r"(?:^|\s)@\w+|\S+@\S+\.\w+")
# Sentence ends: . ! ? … and the full stops of CJK, Arabic, Urdu, Devanagari, Armenian,
# Ethiopic and Burmese, then any closing quotes and brackets.
_TERMINATORS = ".!?\u3002\uff01\uff1f\u2026\u061f\u06d4\u0964\u0965\u0589\u1362\u104b"
_CLOSERS = "\"'\u201d\u2019\u00bb)]\u300d\u300f\uff09\u3011\u300b\uff63"
# A short line with no sentence end is a heading, a teaser or a label in any language
# that writes sentence ends (Thai writes none: its lines all look alike here, so
# flagging them all leaves their order as it was). Twelve words cover teaser headlines.
NO_END_MAX_WORDS = 12
# A longer line without a sentence end is a dek, a caption or a teaser too, or a sentence
# cut short; that holds where the text writes sentence ends at all: where sentences that
# end hold at least this share of its characters (`writes_sentence_ends`). It is held
# against a line alone in its paragraph, other than the first: an article's lead and the
# last sentence of a paragraph are story sentences even when a copy lost their full stop.
ENDED_SHARE = 0.15
# A list item is a link, a ranking entry or a bullet point: never a summary sentence on
# its own (select.py brings a list in with the sentence that introduces it).
_LIST_ITEM = ("* ", "\u2022 ")


def ends_sentence(text: str) -> bool:
    """Whether `text` ends with a sentence end (closing quotes and brackets allowed after it)."""
    tail = text.rstrip(_CLOSERS + " \t\n")
    return bool(tail) and tail[-1] in _TERMINATORS


def writes_sentence_ends(sentences) -> bool:
    """Whether the sentences that end with a sentence end hold ENDED_SHARE of the characters:
    false for Thai, Lao or Khmer text, which marks no sentence end, and for a list of labels."""
    total = ended = 0
    for sentence in sentences:
        total += len(sentence)
        if ends_sentence(sentence):
            ended += len(sentence)
    return total > 0 and ended >= ENDED_SHARE * total


def lines_need_ends(sentences, paragraph_of=()) -> list[bool]:
    """For each sentence, whether a long one without a sentence end is not story there (the
    `needs_end` of nonstory_reason): where the text writes sentence ends, for a sentence
    alone in its paragraph (when the paragraphs are known), the first sentence left out."""
    n = len(sentences)
    if not n or not writes_sentence_ends(sentences):
        return [False] * n
    if len(paragraph_of or ()) != n:
        return [i > 0 for i in range(n)]
    return [
        i > 0 and paragraph_of[i - 1] != paragraph_of[i] and (i + 1 == n or paragraph_of[i + 1] != paragraph_of[i])
        for i in range(n)
    ]


def in_list_items(sentences, paragraph_of=()) -> list[bool]:
    """For each sentence, whether it is a later sentence of a list item: its paragraph opens
    with a list marker ("* [Hsinchu. Day two] ..." splits into sentences past the marker)."""
    n = len(sentences)
    if len(paragraph_of or ()) != n:
        return [False] * n
    out, opens_list = [False] * n, False
    for i in range(n):
        if i == 0 or paragraph_of[i] != paragraph_of[i - 1]:
            opens_list = sentences[i].lstrip().startswith(_LIST_ITEM)
        else:
            out[i] = opens_list
    return out


def nonstory_reason(sentence: str, needs_end: bool = True, in_list: bool = False) -> str | None:
    """Why `sentence` is not story, or None when it may be. `needs_end`: whether a long
    sentence without a sentence end is not story where it stands (see lines_need_ends);
    `in_list`: whether it continues a list item (in_list_items)."""
    text = sentence.strip()
    if not text:
        return "empty"
    if in_list:
        return "list item"
    if _CAPTION.search(text):
        return "caption or credit"
    if _ACTION.search(text):
        return "call to action"
    if _DATELINE.search(text):
        return "dateline or byline"
    return _other_reason(text, needs_end)


def _other_reason(text: str, needs_end: bool = True) -> str | None:
    """The reasons after the cues, for a stripped, non-empty sentence."""
    if not _WORD.search(text):
        return "no words"
    words = count_words(text)  # Chinese and Japanese words as a reader counts them
    # A fragment of a quotation: short, and its quotation marks do not pair up
    # ('and then we left."' after the splitter cut a long quote).
    if words <= 6 and sum(text.count(q) for q in _QUOTES) % 2 == 1:
        return "quote fragment"
    # A line of a few words without a sentence ending: a heading, a label, a tag list.
    if words <= 3 and not ends_sentence(text):
        return "fragment"
    if text.startswith(_LIST_ITEM):
        return "list item"
    if not ends_sentence(text):
        if words <= NO_END_MAX_WORDS:
            return "heading or teaser (no sentence end)"
        if needs_end:
            return "no sentence end"
    if "@" in text and _HANDLE.search(text) and words <= 12:
        return "handle or address"
    if _LINK.match(text):
        return "link"
    return None


# Short sentences with a quotation mark, an @ or a link are checked exactly.
_SHORT_SUSPECTS = re.compile(f"[{_QUOTES}@]|https?://|www\\.")


def nonstory_flags(sentences, sizes=None, paragraph_of=(), title=None):
    """numpy bool array: True where a sentence is not story (as nonstory_reason says, told
    lines_need_ends for each sentence), or repeats the headline (headline_repeats).

    `sizes`: word counts, when the caller has them already; `paragraph_of`: each
    sentence's paragraph index, when known."""
    import numpy as np

    flags = np.zeros(len(sentences), dtype=bool)
    flagged = nonstory_indices(sentences, sizes, paragraph_of) | headline_repeats(sentences, title)
    if flagged:
        flags[sorted(flagged)] = True
    return flags


def nonstory_indices(sentences, sizes=None, paragraph_of=()) -> set[int]:
    """The indices of the sentences that are not story (what nonstory_flags marks).

    `sizes`: word counts (a list or a numpy array), when the caller has them
    already. Cheap tests pick the few candidates (short sentences, a start cue,
    a key word of an anywhere cue, no sentence end, a list marker), then each
    candidate is checked exactly."""
    need_ends = lines_need_ends(sentences, paragraph_of)
    in_list = in_list_items(sentences, paragraph_of)
    if sizes is None:
        sizes = [len(_WORD.findall(s)) for s in sentences]
    elif not isinstance(sizes, list):
        sizes = sizes.tolist() if hasattr(sizes, "tolist") else list(sizes)
    suspect = _SHORT_SUSPECTS.search
    # short sentences; and short ones with a quotation mark, an @ or a link (short as the
    # rules count words: "a@b.org" is one word to them, three to `sizes`)
    candidates = {
        i
        for i, size in enumerate(sizes)
        if size <= 3 or (suspect(sentences[i]) and (size <= 12 or count_words(sentences[i]) <= 12))
    }
    # (`sizes` may count CJK words otherwise than the rules do: every sentence without
    # an end is checked)
    candidates.update(i for i, s in enumerate(sentences) if s.startswith(_LIST_ITEM) or not ends_sentence(s))
    starts = set(start_cues(sentences))
    candidates.update(starts)
    candidates.update(_anywhere_candidates(sentences))
    # the quick tests assume stripped sentences (the splitter's are): others are
    # checked (a sentence differs from its strip() exactly when it has blanks at
    # either end: both use the same test of a blank)
    if any(map(ne, sentences, map(str.strip, sentences))):
        candidates.update(i for i, s in enumerate(sentences) if s[:1].isspace() or s[-1:].isspace())
    flagged: set[int] = set()
    # The exact check, for the few candidates. For a sentence already stripped, the
    # start cues have been tried on it; an anywhere cue needs a bracket or a key
    # phrase (in ASCII, where lower-casing is what the regex's case-folding does).
    for i in candidates:
        sentence = sentences[i]
        if not sentence or sentence[0].isspace() or sentence[-1].isspace():
            hit = nonstory_reason(sentence, need_ends[i], in_list[i]) is not None
        elif i in starts:
            hit = True
        elif not sentence.isascii() or "(" in sentence or "[" in sentence or _holds_action_key(sentence.lower()):
            hit = _ANYWHERE.search(sentence) is not None or _other_reason(sentence, need_ends[i]) is not None
        else:
            hit = _other_reason(sentence, need_ends[i]) is not None
        if hit:
            flagged.add(i)
    flagged.update(i for i, member in enumerate(in_list) if member)
    return flagged


_NON_WORDS = re.compile(r"[\W_]+")
# A label before a repeated headline ("Link to the story: <headline>") has at most this many words.
MAX_LABEL_WORDS = 6


def _normal(text: str) -> str:
    return _NON_WORDS.sub(" ", text.casefold()).strip()


def headline_repeats(sentences, title: str | None) -> set[int]:
    """The sentences that are the headline again, alone or after a short label ("Link to the
    story: <headline>", a share box): the summary shows the headline already. Headlines of
    fewer than three words are left alone (they recur in story sentences)."""
    head = _normal(title or "")
    if not head or count_words(head) < 3:
        return set()
    out = set()
    for i, sentence in enumerate(sentences):
        text = _normal(sentence)
        if text == head or (text.endswith(" " + head) and count_words(text[: -len(head)]) <= MAX_LABEL_WORDS):
            out.add(i)
    return out


def _holds_action_key(lowered: str) -> bool:
    return any(key in lowered for key in _ACTION_KEYS)


def start_cues(sentences) -> list[int]:
    """Indices of the sentences a start cue matches: the regex, after quick tests
    that settle most sentences without it."""
    match = ANY_START.match
    plain, marks, after_mark = _PLAIN_OPENINGS, _MARKS, _PLAIN_AFTER_MARK
    return [
        i
        for i, s in enumerate(sentences)
        if s[:2] not in plain and not (s[:1] in marks and s[1:3] in after_mark) and _may_start(s) and match(s)
    ]


def _anywhere_candidates(sentences) -> set[int]:
    """Sentences that may hold an anywhere cue: those with one of its key words
    (substring tests, far faster than scanning with the cue's regex)."""
    import bisect

    joined = "\n".join(sentences)
    lowered = joined.lower()
    at: list[int] = []
    if len(lowered) != len(joined):  # lower-casing moved the offsets (a rare letter): scan with the regex
        at = [m.start() for m in _ANYWHERE.finditer(joined)]
    else:
        for opener in "([":  # a caption in brackets: the bracket, then its word
            found = joined.find(opener)
            while found >= 0:
                if lowered.startswith(_CAPTION_KEYS, found + 1):
                    at.append(found)
                found = joined.find(opener, found + 1)
        for key in _ACTION_KEYS:
            found = lowered.find(key)
            while found >= 0:
                at.append(found)
                found = lowered.find(key, found + 1)
    if not at:
        return set()
    starts = [0]
    for sentence in sentences[:-1]:
        starts.append(starts[-1] + len(sentence) + 1)
    return {bisect.bisect_right(starts, position) - 1 for position in at}
