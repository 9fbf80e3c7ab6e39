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

# YAKE's stop-word lists are named by code, except Czech ("cz"); unknown codes
# fall back to its language-neutral list.
_YAKE_CODES = {"cs": "cz"}
MAX_WORDS_PER_PHRASE = 3  # "European Central Bank"; longer phrases are rarely keys
# YAKE reads the whole text at each call; past this many characters the key
# phrases are settled and more text only costs time.
MAX_CHARS = 100_000
_CJK = re.compile(r"([\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff])")


# The languages whose key phrases were judged at least 60% usable on the multilingual
# dev set (benchmarks/keywords.py gives the table and the rules of judging). Elsewhere
# key phrases are not offered: none beats junk (Thai, Hindi: 0 to 1 in 8 usable when
# rated by hand; untested languages are not offered until they are measured).
KEYWORD_LANGUAGES = frozenset({"en", "de", "es", "fr", "it", "pt", "pl", "cs", "ru", "ar", "ko", "zh", "ja"})
_NAMES = {
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


def key_phrases(text: str, n: int, language: str | None = "en") -> list[str]:
    """The `n` best key phrases of `text`, best first, without near-duplicates; none in a
    language where they are not offered (keywords_available)."""
    if n <= 0 or not text.strip() or not keywords_available(language):
        return []
    sample = text[:MAX_CHARS]
    if language in ("zh", "ja"):
        return _cjk_phrases(sample, n, language)
    import yake

    extractor = yake.KeywordExtractor(
        lan=_YAKE_CODES.get(language or "", language or "noLang"), n=MAX_WORDS_PER_PHRASE, top=n * 4
    )
    phrases: list[str] = []
    kept: list[set[str]] = []
    for phrase, _score in extractor.extract_keywords(sample):
        words = set(phrase.lower().split())
        # one phrase per idea: skip one that shares most of its words with a kept one
        if any(len(words & other) * 2 > min(len(words), len(other)) for other in kept):
            continue
        kept.append(words)
        phrases.append(phrase)
        if len(phrases) == n:
            break
    return phrases


_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+")


# Particles and function characters that never start or end a key phrase.
_CJK_PARTICLES = frozenset(
    "的了是在和与及或也就都而着过吗呢吧啊之其这那将对把被从为以于个各每并但又很のはがをにでともへやか、。"
)


# Japanese content words are runs of one script: kanji (統一教会, 脆弱性) or katakana
# (プライバシー); hiragana between them are particles and endings. Windows of 2 to 4
# characters cut katakana words apart ("イバシー"), so Japanese takes whole runs.
_JA_TERM = re.compile(r"[\u30a0-\u30ff]{3,}|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005]{2,8}")


def _cjk_phrases(text: str, n: int, language: str) -> list[str]:
    from collections import Counter

    stop = _CJK_PARTICLES
    counts: Counter[str] = Counter()
    if language == "ja":
        counts.update(m for m in _JA_TERM.findall(text) if not m.startswith("ー"))
        return _best(counts, n)
    for run in _CJK_RUN.findall(text):
        for size in (2, 3, 4):
            for i in range(len(run) - size + 1):
                gram = run[i : i + size]
                if gram[0] not in stop and gram[-1] not in stop:
                    counts[gram] += 1
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
