"""Key phrases of an article, offline: YAKE (Campos et al. 2020).

YAKE scores candidate phrases of one to three words by statistics of the text
itself (position, frequency, spread, casing, context), so it needs no corpus
and no model download, and it ships stop-word lists for the languages we
summarize. Chinese and Japanese write no spaces, and YAKE needs words: there
the key phrases are the character strings of two to four characters that recur
most in the text (a longer one preferred to its parts), which is how a reader
spots the names and terms of a Chinese article without a dictionary.
"""

from __future__ import annotations

import re
from functools import lru_cache

# YAKE's stop-word lists are named by code, except Czech ("cz"); unknown codes
# fall back to its language-neutral list.
_YAKE_CODES = {"cs": "cz"}
MAX_WORDS_PER_PHRASE = 3  # "European Central Bank"; longer phrases are rarely keys
# YAKE reads the whole text at each call; past this many characters the key
# phrases are settled and more text only costs time.
MAX_CHARS = 100_000
_CJK = re.compile(r"([\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff])")


# The languages whose key phrases a reader rated at least 60% usable on the multilingual
# dev set (benchmarks/keywords.py, "Rating by hand", gives the procedure; the last rating:
# en 66%, es 78%, fr 66%, it 81%, de 62%, zh 62%, cs 6 of 8). Elsewhere key phrases are not
# offered: none beats junk (ja 59%, ar 53%, pt 50%, pl 47%, ru 38%, ko 3 of 8; Thai,
# Hindi 0 to 1 in 8; untested languages are not offered until they are measured).
KEYWORD_LANGUAGES = frozenset({"en", "de", "es", "fr", "it", "cs", "zh"})
# The languages key phrases are extracted in at all: topic grouping (digest/topics.py)
# compares them, where a phrase only has to recur in two reports of one event.
PHRASE_LANGUAGES = frozenset({"en", "de", "es", "fr", "it", "pt", "pl", "cs", "ru", "ar", "ko", "zh", "ja"})
_NAMES = {
    "ja": "Japanese",
    "ar": "Arabic",
    "ru": "Russian",
    "pt": "Portuguese",
    "pl": "Polish",
    "ko": "Korean",
    "zh": "Chinese",
    "en": "English",
    "de": "German",
    "es": "Spanish",
    "fr": "French",
    "it": "Italian",
    "cs": "Czech",
    "th": "Thai",
    "hi": "Hindi",
    "ur": "Urdu",
    "fa": "Persian",
    "he": "Hebrew",
    "tr": "Turkish",
    "nl": "Dutch",
    "sv": "Swedish",
    "da": "Danish",
    "no": "Norwegian",
    "fi": "Finnish",
    "el": "Greek",
    "uk": "Ukrainian",
    "hu": "Hungarian",
    "ro": "Romanian",
    "bg": "Bulgarian",
    "vi": "Vietnamese",
    "id": "Indonesian",
    "ms": "Malay",
    "bn": "Bengali",
    "ta": "Tamil",
    "my": "Burmese",
    "km": "Khmer",
    "lo": "Lao",
    "sk": "Slovak",
    "hr": "Croatian",
}


def keywords_available(language: str | None) -> bool:
    """Whether key phrases are offered for `language` (see KEYWORD_LANGUAGES)."""
    return language in KEYWORD_LANGUAGES


def language_name(language: str | None) -> str:
    """ "th" -> "Thai", for messages; the code itself when unnamed, "this language" when unknown."""
    if not language:
        return "this language (not recognized)"
    return _NAMES.get(language, language)


def key_phrases(
    text: str, n: int, language: str | None = "en", for_reader: bool = True, title: str | None = None
) -> list[str]:
    """The `n` best key phrases of `text`, best first, without near-duplicates; none in a
    language where they are not offered (keywords_available). With the article's `title`,
    the phrases the headline holds come first: a headline names its story's topic.
    `for_reader=False` gives YAKE's phrases without the filters for readers (topic grouping
    compares those)."""
    offered = keywords_available(language) if for_reader else language in PHRASE_LANGUAGES
    if n <= 0 or not text.strip() or not offered:
        return []
    sample = text[:MAX_CHARS]
    wanted = n * TITLE_POOL if title else n
    if language in ("zh", "ja"):
        phrases = _cjk_phrases(sample, wanted, language)
    else:
        phrases = _word_phrases(sample, wanted, language or "", for_reader)
    if title:
        headline = title.lower()
        phrases.sort(key=lambda phrase: phrase.lower() not in headline)  # stable: best first within each
    return phrases[:n]


# With a title, the phrases to choose from: this many times those asked for.
TITLE_POOL = 2


def _word_phrases(text: str, n: int, language: str, for_reader: bool = True) -> list[str]:
    """YAKE's candidates, kept only when a reader would take them for a topic: no stop word
    at either edge, and a phrase of two or three words is a name (every word capitalised)
    or recurs in the text (a term recurs; a window across two phrases, "Putin met with
    Japanese", occurs once).
    One phrase per idea: none that shares most of its words, or a word's stem, with a
    phrase kept before it."""
    import yake

    stop = stop_words(language)
    extractor = yake.KeywordExtractor(
        lan=_YAKE_CODES.get(language, language or "noLang"), n=MAX_WORDS_PER_PHRASE, top=n * 8
    )
    lowered = text.lower()
    phrases: list[str] = []
    kept: list[set[str]] = []
    for phrase, _score in extractor.extract_keywords(text):
        words = phrase.lower().split()
        if for_reader and not _usable(phrase, words, stop, lowered):
            continue
        # one phrase per idea: skip one that shares most of its words with a kept one
        if any(_same_idea(words, other) if for_reader else _shares_words(words, other) for other in kept):
            continue
        kept.append(set(words))
        phrases.append(phrase)
        if len(phrases) == n:
            break
    return phrases


# Letters a word may gain as it inflects ("whale" / "whales", "Hafen" / "Hafens"): two words
# that share all but this many final letters, and at least STEM letters, are one word.
ENDING = 3
STEM = 4
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")


@lru_cache(maxsize=32)
def stop_words(language: str) -> frozenset[str]:
    """stopwordsiso's list for `language` (empty when it has none)."""
    import stopwordsiso

    return frozenset(stopwordsiso.stopwords(language)) if stopwordsiso.has_lang(language) else frozenset()


def _usable(phrase: str, words: list[str], stop: frozenset[str], lowered: str) -> bool:
    if _EDGE.search(phrase) or phrase.count("(") != phrase.count(")"):
        return False  # "(Procurement" or "Foods)": cut out of a bracket
    if words[0] in stop or words[-1] in stop or not any(ch.isalpha() for ch in phrase):
        return False
    if _conjoined(words[0], lowered) or _conjoined(words[-1], lowered):
        return False
    if len(words) == 1:
        return len(phrase) >= 3
    if all(word[:1].isupper() for word in phrase.split()):
        return True  # a name ("Wall Street Journal"), in a script with capitals
    found = re.findall(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)", lowered)
    return len(found) >= 2


# Arabic writes "and" (و) joined to the next word: "والمرورية" is "and traffic". A word that
# is another word of the text with و in front opens or closes no topic.
_ARABIC_AND = "\u0648"


def _conjoined(word: str, lowered: str) -> bool:
    if not word.startswith(_ARABIC_AND) or len(word) < 4:
        return False
    return re.search(r"(?<!\w)" + re.escape(word[1:]) + r"(?!\w)", lowered) is not None


def _same_word(a: str, b: str) -> bool:
    import os.path

    if a == b:
        return True
    common = len(os.path.commonprefix((a, b)))
    return common >= max(STEM, max(len(a), len(b)) - ENDING)


def _shares_words(words: list[str], other: set[str]) -> bool:
    return len(set(words) & other) * 2 > min(len(set(words)), len(other))


def _same_idea(words: list[str], other: set[str]) -> bool:
    shared = sum(1 for w in words if any(_same_word(w, o) for o in other))
    return shared * 2 > min(len(words), len(other))


_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+")


# Particles and function characters that never start or end a key phrase.
_CJK_PARTICLES = frozenset(
    "的了是在和与及或也就都而着过吗呢吧啊之其这那将对把被从为以于个各每并但又很のはがをにでともへやか、。"
)


# Japanese content words are runs of one script: kanji (統一教会, 脆弱性) or katakana
# (プライバシー); hiragana between them are particles and endings. Windows of 2 to 4
# characters cut katakana words apart ("イバシー"), so Japanese takes whole runs.
_JA_TERM = re.compile(r"[\u30a0-\u30ff]{3,}|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005]{2,8}")


# Chinese: strings of 2 to 6 characters that recur, with no particle in them. A window across two words ("家卫生健")
# is part of one longer string nearly every time it occurs: a string whose neighbour on
# one side is the same character in CLOSED of its occurrences (particles count as an
# edge) is a piece, not a word.
CJK_SIZES = range(2, 7)
CLOSED = 0.7


def _cjk_phrases(text: str, n: int, language: str) -> list[str]:
    from collections import Counter

    stop = _CJK_PARTICLES
    counts: Counter[str] = Counter()
    if language == "ja":
        counts.update(m for m in _JA_TERM.findall(text) if not m.startswith("ー"))
        return _best(counts, n)
    sides: dict[str, Counter] = {}
    for run in _CJK_RUN.findall(text):
        for size in CJK_SIZES:
            for i in range(len(run) - size + 1):
                gram = run[i : i + size]
                if not stop.isdisjoint(gram):  # "讨厌的事物": a particle joins two words
                    continue
                counts[gram] += 1
                side = sides.setdefault(gram, Counter())
                if i > 0 and run[i - 1] not in stop:
                    side["<" + run[i - 1]] += 1
                if i + size < len(run) and run[i + size] not in stop:
                    side[">" + run[i + size]] += 1
    words = stop_words("zh")
    for gram, side in sides.items():
        if gram in words or (side and side.most_common(1)[0][1] >= CLOSED * counts[gram]):
            del counts[gram]
    return _best(counts, n)


def _best(counts, n: int) -> list[str]:
    """A string that recurs at least twice, longer strings first among equals; none inside another."""
    ranked = sorted((g for g, c in counts.items() if c >= 2), key=lambda g: (-counts[g] * len(g), -len(g), g))
    phrases: list[str] = []
    for gram in ranked:
        if any(gram in p or p in gram for p in phrases):
            continue
        phrases.append(gram)
        if len(phrases) == n:
            break
    return phrases
