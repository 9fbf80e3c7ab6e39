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
from itertools import chain, compress
from operator import methodcaller, not_

# Two-letter code -> Snowball algorithm name in PyStemmer.
SNOWBALL = {
    "ar": "arabic",
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "et": "estonian",
    "eu": "basque",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "ne": "nepali",
    "nl": "dutch",
    "no": "norwegian",
    "fa": "persian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}
# Two-letter code -> sumy's stop-word file name.
SUMY_STOP_WORDS = {
    "ar": "arabic",
    "cs": "czech",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "he": "hebrew",
    "it": "italian",
    "ja": "japanese",
    "ko": "korean",
    "pl": "polish",
    "pt": "portuguese",
    "sk": "slovak",
    "sv": "swedish",
    "th": "thai",
    "uk": "ukrainian",
    "zh": "chinese",
}
CJK_LANGUAGES = frozenset({"zh", "ja"})
_CJK = "\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
# Words: a run of CJK characters, or a run of other word characters.
_TOKEN = re.compile(rf"[{_CJK}]+|[^\W{_CJK}]+")
_IS_CJK = re.compile(rf"[{_CJK}]")
_PLAIN_WORD = re.compile(r"\w+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# For ASCII text: word characters ([A-Za-z0-9_], what \w matches there) kept,
# everything else blanked, so that bytes.split() gives the words of \w+.
_ASCII_WORDS = methodcaller(
    "translate", bytes(c if c == 95 or 48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122 else 32 for c in range(256))
)
# The same, keeping line breaks (they separate the sentences of a document).
_ASCII_LINES = methodcaller(
    "translate",
    bytes(c if c in (10, 95) or 48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122 else 32 for c in range(256)),
)
_HAS_LETTER = re.compile(r"[^\W\d_]")


def known(language: str | None) -> bool:
    """Whether we have a stemmer or a stop-word list for `language`."""
    return bool(language) and (language in SNOWBALL or language in SUMY_STOP_WORDS or language in _iso_languages())


def _ascii_words(text: str) -> bool:
    """Whether every word character of `text` is ASCII (any other character is a
    non-word one: a pound sign, curly quotes): its words can then be cut from its
    UTF-8 bytes, and are ASCII."""
    return text.isascii() or not any(map(str.isalnum, set(_NON_ASCII.findall(text))))


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


@lru_cache(maxsize=64)
def stem_words(language: str | None):
    """A callable list of words -> list of stems for `language` (one call for many
    words: PyStemmer's stemWords); the identity when there is none. For words
    never seen before (the Vocabulary remembers the rest), so without
    PyStemmer's own cache, which would cost three times the stemming."""
    if language in SNOWBALL:
        import Stemmer

        stemmer = Stemmer.Stemmer(SNOWBALL[language])
        stemmer.maxCacheSize = 0
        return stemmer.stemWords
    return list


# Flags kept per distinct word, for the style features.
STOP, CAPITAL, DIGIT = 1, 2, 4


class Vocabulary:
    """Term extraction for one language, remembering every word it has seen.

    `terms(sentence)` gives one sentence's terms; `scan(sentences)` does a whole
    document at once into numpy arrays, the hot path of the news summarizer: one
    pass per sentence to cut words, one dictionary look-up per word, and the
    rest in numpy. A word is stemmed the first time it is seen only.

    Sentences whose words are all ASCII (most news in English: any other
    character is a pound sign, a dash, a curly quote) are cut without a regex: a
    byte translation of their UTF-8 blanks every byte that is not an ASCII word
    character, and `split()` gives the same words as the word regex, three times
    faster. Those words are looked up as bytes, in a dictionary of their own.
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
        self._word_id = _WordIds()  # word (as written) -> id
        self._ascii_id = _WordIds()  # ASCII word as bytes -> id (its own ids: a word may have one of each)
        self._words_known = 0  # ids given
        self._term_id: dict[str, int] = {}  # term -> id (ids count up from 0)
        self._word_term = np.zeros(1024, dtype=np.int64)  # word id -> term id, -1: none
        self._word_flags = np.zeros(1024, dtype=np.int8)
        self._column_of = np.zeros(1024, dtype=np.intp)  # term id -> column, see Scan.columns

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

    def _add(self, words: list[str], ascii_only: bool = False) -> int:
        """Give new distinct words ids, their terms (stemmed together, in one call)
        and their flags; return the first id (the others follow in order).
        `ascii_only`: no word holds a Chinese or Japanese character."""
        import numpy as np

        first, count = self._words_known, len(words)
        self._words_known += count
        size = len(self._word_term)
        while first + count > size:
            size *= 2
        if size > len(self._word_term):
            grown_term = np.zeros(size, dtype=np.int64)
            grown_term[: len(self._word_term)] = self._word_term
            grown_flags = np.zeros(size, dtype=np.int8)
            grown_flags[: len(self._word_flags)] = self._word_flags
            self._word_term, self._word_flags = grown_term, grown_flags
        stop = self._stop
        lowers = list(map(str.lower, words))
        is_stop = list(map(stop.__contains__, lowers))
        # What _lookup decides, for many words at once: the others stemmed in one
        # batch, Chinese or Japanese runs one by one (rare).
        if self.keep_numbers:
            to_stem = list(compress(range(count), map(not_, is_stop)))
        else:
            has_letter = _HAS_LETTER.search
            to_stem = [k for k, lower in enumerate(lowers) if not is_stop[k] and has_letter(lower)]
        found: list[str | None] = [None] * count
        cjk = () if ascii_only else [k for k, word in enumerate(words) if _IS_CJK.match(word)]
        if cjk:
            skip = set(cjk)
            to_stem = [k for k in to_stem if k not in skip]
            for k in cjk:
                terms = self._lookup(words[k])
                found[k] = terms[0] if terms else None
        stems = stem_words(self.language)(list(map(lowers.__getitem__, to_stem)))
        term_id = self._term_id
        add = term_id.setdefault
        if cjk:
            for k, stem in zip(to_stem, stems):
                found[k] = stem
            self._word_term[first : first + count] = [-1 if term is None else add(term, len(term_id)) for term in found]
        else:
            block = self._word_term[first : first + count]
            block[:] = -1
            block[to_stem] = [add(stem, len(term_id)) for stem in stems]
        self._word_flags[first : first + count] = [
            stopped
            | (CAPITAL if word[:1].isupper() else 0)
            | (DIGIT if not word.isalpha() and any(map(str.isdigit, word)) else 0)
            for word, stopped in zip(words, is_stop)
        ]
        return first

    def scan(self, sentences) -> Scan:
        """Every sentence's terms and word statistics, as numpy arrays."""
        import numpy as np

        joined = "\n".join(sentences)
        ascii_only = joined.isascii()
        as_bytes = not self._cjk and (ascii_only or _ascii_words(joined))
        no_cjk = False  # known to hold no Chinese or Japanese character
        if self._cjk:
            words = [self._words(s) for s in sentences]
        elif as_bytes:
            if joined.count("\n") == len(sentences) - 1:  # no line break inside a sentence: all in one go
                words = list(map(bytes.split, _ASCII_LINES(joined.encode()).split(b"\n")))
            else:
                words = list(map(bytes.split, map(_ASCII_WORDS, map(str.encode, sentences))))
        elif _IS_CJK.search(joined):
            words = list(map(_TOKEN.findall, sentences))
        else:  # no CJK character anywhere: plain \w+ gives the same words, faster
            words = list(map(_PLAIN_WORD.findall, sentences))
            no_cjk = True
        n = len(words)
        sizes = np.fromiter(map(len, words), dtype=np.int64, count=n)
        flat = list(chain.from_iterable(words))
        if self._words_known + len(flat) > self.MAX_WORDS:
            self._reset()
        index = self._ascii_id if as_bytes else self._word_id
        # One look-up per word; a word never seen before gets the next id on the way
        # (in order of first occurrence) and is registered below, stemmed once.
        index.next_id = self._words_known
        index.new = new = []
        try:
            ids = np.fromiter(map(index.__getitem__, flat), dtype=np.int64, count=len(flat))
            if new:
                self._add(list(map(bytes.decode, new)) if as_bytes else new, ascii_only=as_bytes or no_cjk)
        except BaseException:  # (an interrupt) forget the words not registered
            for word in new:
                index.pop(word, None)
            raise
        finally:
            index.new = None
        term = self._word_term[ids]
        flags = self._word_flags[ids]
        sentence_of = np.arange(n).repeat(sizes)
        return Scan(self, n, sizes, sentence_of, term, flags, term >= 0, ascii_only)

    def _column_table(self, size: int):
        """A scratch array of at least `size` column numbers, for Scan.columns."""
        import numpy as np

        if len(self._column_of) < size:
            self._column_of = np.zeros(max(size, 2 * len(self._column_of)), dtype=np.intp)
        return self._column_of

    def term_ids(self, terms) -> list[int]:
        """Ids of known terms (unknown ones left out)."""
        get = self._term_id.get
        return [i for i in (get(t) for t in terms) if i is not None]

    def term_ids_of(self, text: str) -> list[int]:
        """`term_ids(terms(text))` for a short text such as a title, whose words are
        mostly those of a document just scanned: such words are found among the
        scanned ones (their terms known), with no regex and no stemming."""
        if self._cjk or not _ascii_words(text):
            return self.term_ids(self.terms(text))
        scanned = self._ascii_id.get
        term_of = self._word_term.item
        out: list[int] = []
        for word in _ASCII_WORDS(text.encode()).split():
            found = scanned(word)
            if found is None:
                out += self.term_ids(self.terms(word.decode()))
            elif (term := term_of(found)) >= 0:
                out.append(term)
        return out


class _WordIds(dict):
    """word -> id, for Vocabulary.scan: a missing word gets `next_id` (then the
    next one) and is appended to `new`, all within the one look-up per word."""

    __slots__ = ("next_id", "new")

    def __init__(self) -> None:
        super().__init__()
        self.next_id = 0
        self.new: list | None = None

    def __missing__(self, word):
        self[word] = found = self.next_id
        self.next_id = found + 1
        self.new.append(word)
        return found


class Scan:
    """One document scanned: per word its sentence, term id and flags."""

    __slots__ = ("vocabulary", "n", "sizes", "sentence_of", "term", "flags", "kept", "ascii", "_columns")

    def __init__(self, vocabulary, n, sizes, sentence_of, term, flags, kept, ascii_only=False) -> None:
        self.vocabulary = vocabulary
        self.n = n
        self.sizes = sizes  # words per sentence
        self.sentence_of = sentence_of
        self.term = term
        self.flags = flags
        self.kept = kept
        self.ascii = ascii_only  # every sentence is ASCII
        self._columns = None

    def columns(self):
        """(distinct term ids, sorted; column of every kept word in the count matrix)."""
        import numpy as np

        if self._columns is None:  # np.unique(..., return_inverse=True), without its generality
            terms = self.term[self.kept]
            ordered = terms.copy()  # (np.sort, without its Python wrapper)
            ordered.sort()
            first = np.empty(len(ordered), dtype=bool)
            first[:1] = True
            np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
            distinct = ordered[first]
            # Each word's column read from a table term id -> column (this document's
            # entries written just before): cheaper than sorting out the inverse.
            table = self.vocabulary._column_table(int(distinct[-1]) + 1 if len(distinct) else 0)
            table[distinct] = np.arange(len(distinct))
            self._columns = (distinct, table[terms])
        return self._columns

    def per_sentence(self, mask):
        """How many words of each sentence have `mask` (a bool array over words)."""
        import numpy as np

        return np.bincount(self.sentence_of[mask], minlength=self.n)


@lru_cache(maxsize=32)
def vocabulary(language: str | None, keep_numbers: bool = False) -> Vocabulary:
    """The shared Vocabulary of a language (its cache warms up across documents)."""
    return Vocabulary(language, keep_numbers)
