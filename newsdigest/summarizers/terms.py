"""From sentences to the terms the summarizers count, per language.

A term is a word lower-cased, stemmed and kept only when it is not a stop word:
"Ministers said the talks failed" -> ["minist", "talk", "fail"]. Every
summarizer of ours, and sumy's methods through the adapter, share these, so that
our graph methods and sumy's are compared on the same input and differ only in
the algorithm.

- Stemmers: Snowball through PyStemmer (maintained, compiled, offline); about
  30 languages, English, German, French, Spanish, Portuguese, Italian and
  Russian among them. Languages without one (Chinese, Japanese, ...) use the
  lower-cased word.
- Stop words: sumy's curated lists where sumy has the language (English has
  580 function words); stopwordsiso for the languages sumy lacks (Russian, ...).
  stopwordsiso's English list is not used: it holds content words such as
  "fire", "bill" and "computer".
- Chinese and Japanese write no spaces, and the splitter's word tokens are single
  characters there: a run of such characters becomes its character bigrams,
  which carry far more meaning than single characters and need no dictionary.

Heavy imports (PyStemmer, stopwordsiso, sumy's data) happen on first use.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain

# Two-letter code -> Snowball algorithm name in PyStemmer.
SNOWBALL = {
    "ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german", "el": "greek",
    "en": "english", "es": "spanish", "et": "estonian", "eu": "basque", "fi": "finnish", "fr": "french",
    "ga": "irish", "hi": "hindi", "hu": "hungarian", "hy": "armenian", "id": "indonesian", "it": "italian",
    "lt": "lithuanian", "ne": "nepali", "nl": "dutch", "no": "norwegian", "fa": "persian", "pl": "polish",
    "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian", "sv": "swedish", "ta": "tamil",
    "tr": "turkish", "yi": "yiddish",
}
# Two-letter code -> sumy's stop-word file name.
SUMY_STOP_WORDS = {
    "ar": "arabic", "cs": "czech", "de": "german", "el": "greek", "en": "english", "es": "spanish",
    "fr": "french", "he": "hebrew", "it": "italian", "ja": "japanese", "ko": "korean", "pl": "polish",
    "pt": "portuguese", "sk": "slovak", "sv": "swedish", "th": "thai", "uk": "ukrainian", "zh": "chinese",
}
CJK_LANGUAGES = frozenset({"zh", "ja"})
_CJK = "\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
# Words: a run of CJK characters, or a run of other word characters.
_TOKEN = re.compile(rf"[{_CJK}]+|[^\W{_CJK}]+")
_IS_CJK = re.compile(rf"[{_CJK}]")
_PLAIN_WORD = re.compile(r"\w+")
_HAS_LETTER = re.compile(r"[^\W\d_]")


def known(language: str | None) -> bool:
    """Whether we have a stemmer or a stop-word list for `language`."""
    return bool(language) and (language in SNOWBALL or language in SUMY_STOP_WORDS or language in _iso_languages())


@lru_cache(maxsize=1)
def _iso_languages() -> frozenset[str]:
    try:
        import stopwordsiso
    except ImportError:  # a missing optional list only costs quality
        return frozenset()
    return frozenset(stopwordsiso.langs())


@lru_cache(maxsize=64)
def stop_words(language: str | None) -> frozenset[str]:
    """Lower-cased stop words of `language` (empty when we have none)."""
    if not language:
        return frozenset()
    if language in SUMY_STOP_WORDS:
        from importlib.resources import files

        data = files("sumy").joinpath("data", "stopwords", f"{SUMY_STOP_WORDS[language]}.txt").read_bytes()
        return frozenset(w.strip().lower() for w in data.decode("utf-8").splitlines() if w.strip())
    if language in _iso_languages():
        import stopwordsiso

        return frozenset(w.lower() for w in stopwordsiso.stopwords(language))
    return frozenset()


@lru_cache(maxsize=64)
def stemmer(language: str | None):
    """A callable word -> stem for `language`; the identity when there is none."""
    if language in SNOWBALL:
        import Stemmer

        return Stemmer.Stemmer(SNOWBALL[language]).stemWord
    return str


# Flags kept per distinct word, for the style features.
STOP, CAPITAL, DIGIT = 1, 2, 4


class Vocabulary:
    """Term extraction for one language, remembering every word it has seen.

    `terms(sentence)` gives one sentence's terms; `scan(sentences)` does a whole
    document at once into numpy arrays, the hot path of the news summarizer: one
    regex pass per sentence, one dictionary look-up per word, and the rest in
    numpy. A word is stemmed the first time it is seen only.
    """

    # The memory is dropped past this many distinct words, so a stream of odd
    # inputs cannot grow it without bound; news vocabularies stay far below it.
    MAX_WORDS = 500_000

    def __init__(self, language: str | None, keep_numbers: bool = False) -> None:
        self.language = language
        self.keep_numbers = keep_numbers  # sumy drops numbers; our news ranking keeps them
        self._stop = stop_words(language)
        self._stem = stemmer(language)
        self._cjk = language in CJK_LANGUAGES
        self._reset()

    def _reset(self) -> None:
        import numpy as np

        self._cache: dict[str, tuple[str, ...]] = {}
        self._word_id: dict[str, int] = {}  # word (as written) -> id
        self._term_id: dict[str, int] = {}  # term -> id
        self._terms: list[str] = []
        self._word_term = np.zeros(1024, dtype=np.int64)  # word id -> term id, -1: none
        self._word_flags = np.zeros(1024, dtype=np.int8)

    def _lookup(self, token: str) -> tuple[str, ...]:
        if _IS_CJK.match(token):
            if len(token) == 1:
                return () if token in self._stop else (token,)
            return tuple(token[i : i + 2] for i in range(len(token) - 1))
        word = token.lower()
        if word in self._stop or not (self.keep_numbers or _HAS_LETTER.search(word)):
            return ()
        return (self._stem(word),)

    def terms(self, sentence: str) -> list[str]:
        """The terms of one sentence, in order, with repeats."""
        cache = self._cache
        out: list[str] = []
        for token in _TOKEN.findall(sentence):
            found = cache.get(token)
            if found is None:
                if len(cache) > self.MAX_WORDS:
                    cache.clear()
                found = cache[token] = self._lookup(token)
            out.extend(found)
        return out

    def _words(self, sentence: str) -> list[str]:
        """Word tokens; in Chinese and Japanese, runs of characters become bigrams."""
        tokens = _TOKEN.findall(sentence)
        if not self._cjk:
            return tokens
        out: list[str] = []
        for token in tokens:
            if len(token) > 2 and _IS_CJK.match(token):
                out.extend(token[i : i + 2] for i in range(len(token) - 1))
            else:
                out.append(token)
        return out

    def _add(self, word: str) -> int:
        import numpy as np

        wid = len(self._word_id)
        self._word_id[word] = wid
        if wid >= len(self._word_term):
            self._word_term = np.concatenate((self._word_term, np.zeros(len(self._word_term), dtype=np.int64)))
            self._word_flags = np.concatenate((self._word_flags, np.zeros(len(self._word_flags), dtype=np.int8)))
        found = self._lookup(word)
        if found:
            term = found[0]
            tid = self._term_id.get(term)
            if tid is None:
                tid = self._term_id[term] = len(self._terms)
                self._terms.append(term)
            self._word_term[wid] = tid
        else:
            self._word_term[wid] = -1
        lower = word.lower()
        self._word_flags[wid] = (
            (STOP if lower in self._stop else 0)
            | (CAPITAL if word[:1].isupper() else 0)
            | (DIGIT if not word.isalpha() and any(c.isdigit() for c in word) else 0)
        )
        return wid

    def scan(self, sentences) -> "Scan":
        """Every sentence's terms and word statistics, as numpy arrays."""
        import numpy as np

        if self._cjk:
            words = [self._words(s) for s in sentences]
        elif _IS_CJK.search("\n".join(sentences)):
            words = list(map(_TOKEN.findall, sentences))
        else:  # no CJK character anywhere: plain \w+ gives the same words, faster
            words = list(map(_PLAIN_WORD.findall, sentences))
        n = len(words)
        sizes = np.fromiter(map(len, words), dtype=np.int64, count=n)
        flat = list(chain.from_iterable(words))
        if len(self._word_id) + len(flat) > self.MAX_WORDS:
            self._reset()
        get = self._word_id.get
        ids = list(map(get, flat))
        if None in ids:  # words never seen before: register them (stemming each once)
            ids = [i if i is not None else (get(w) if get(w) is not None else self._add(w)) for i, w in zip(ids, flat)]
        ids_array = np.fromiter(ids, dtype=np.int64, count=len(ids))
        term = self._word_term[ids_array]
        flags = self._word_flags[ids_array]
        sentence_of = np.repeat(np.arange(n), sizes)
        return Scan(self, n, sizes, sentence_of, term, flags, term >= 0)

    def term_ids(self, terms) -> list[int]:
        """Ids of known terms (unknown ones left out)."""
        get = self._term_id.get
        return [i for i in (get(t) for t in terms) if i is not None]


class Scan:
    """One document scanned: per word its sentence, term id and flags."""

    __slots__ = ("vocabulary", "n", "sizes", "sentence_of", "term", "flags", "kept", "_columns")

    def __init__(self, vocabulary, n, sizes, sentence_of, term, flags, kept) -> None:
        self.vocabulary = vocabulary
        self.n = n
        self.sizes = sizes  # words per sentence
        self.sentence_of = sentence_of
        self.term = term
        self.flags = flags
        self.kept = kept
        self._columns = None

    def columns(self):
        """(distinct term ids, sorted; column of every kept word in the count matrix)."""
        import numpy as np

        if self._columns is None:
            self._columns = np.unique(self.term[self.kept], return_inverse=True)
        return self._columns

    def per_sentence(self, mask):
        """How many words of each sentence have `mask` (a bool array over words)."""
        import numpy as np

        return np.bincount(self.sentence_of[mask], minlength=self.n)

    def first_word_flags(self):
        """Flags of each sentence's first word (0 for an empty sentence)."""
        import numpy as np

        starts = np.concatenate(([0], np.cumsum(self.sizes)[:-1]))
        out = np.zeros(self.n, dtype=np.int8)
        has = self.sizes > 0
        out[has] = self.flags[starts[has]]
        return out


@lru_cache(maxsize=32)
def vocabulary(language: str | None, keep_numbers: bool = False) -> Vocabulary:
    """The shared Vocabulary of a language (its cache warms up across documents)."""
    return Vocabulary(language, keep_numbers)
