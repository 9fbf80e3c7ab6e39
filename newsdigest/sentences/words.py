"""Words, and a sumy tokenizer that needs no NLTK data."""

from __future__ import annotations

import re

from .languages import SUMY_NAMES, normalize_language
from .split import split_sentences

#: CJK ideographs, kana and related blocks: one token per character.
_CJK_CHARS = (
    "\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3040-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
)
_WORD_RE = re.compile(rf"[{_CJK_CHARS}]|[^\W{_CJK_CHARS}]+")


#: Characters per word in Chinese and Japanese, measured on the multilingual dev set's
#: story texts: jieba gives 1.78 CJK characters per word (zh), MeCab with unidic-lite
#: 1.91 (ja). One rule, 1.8, counts within 6% of either segmenter over a text, with no
#: dictionary to load (benchmarks/cjk_words.py).
CJK_CHARS_PER_WORD = 1.8
_CJK_ONE = re.compile(rf"[{_CJK_CHARS}]")
_NON_CJK_WORD = re.compile(rf"[^\W{_CJK_CHARS}]+")
#: Where a sentence ends in CJK punctuation, or CJK meets CJK, sentences join with no space.
_CJK_END = re.compile(rf"[{_CJK_CHARS}\u3002\uff01\uff1f\u300d\u300f\uff09\u3011\u300b\u3009]$")
_CJK_START = re.compile(rf"^[{_CJK_CHARS}\u300c\u300e\uff08\u3010\u300a\u3008]")


def count_words(text: str) -> int:
    """Words in `text` as a reader counts them: spaced words, plus Chinese and
    Japanese runs at CJK_CHARS_PER_WORD characters a word (at least one a run)."""
    if text.isascii():
        return len(text.split())
    cjk = len(_CJK_ONE.findall(text))
    if not cjk:
        return len(text.split())
    return len(_NON_CJK_WORD.findall(text)) + max(1, round(cjk / CJK_CHARS_PER_WORD))


def join_sentences(texts) -> str:
    """Sentences joined as the language writes them: no space after a Chinese or Japanese
    sentence that the next one continues in CJK, one space otherwise."""
    out = ""
    for text in texts:
        if out:
            cjk = _CJK_END.search(out) and _CJK_START.search(text)
            out += text if cjk else " " + text
        else:
            out = text
    return out


def word_tokens(text: str) -> list[str]:
    """Return the words of ``text``: unicode ``\\w+`` runs, case preserved.

    Chinese and Japanese characters (han, hiragana, katakana) are one token
    each, since those scripts put no spaces between words.
    """
    return _WORD_RE.findall(text)


class SumyTokenizer:
    """A drop-in for ``sumy.nlp.tokenizers.Tokenizer`` that needs no NLTK data.

    sumy's own tokenizer loads NLTK's punkt data, which a fresh machine lacks.
    sumy's parsers and summarizers only call ``to_sentences`` and ``to_words``
    on a tokenizer (``language`` is kept for parity with sumy's class), so this
    works with ``PlaintextParser``, ``HtmlParser`` and every summarizer::

        parser = PlaintextParser.from_string(text, SumyTokenizer("english"))
        LexRankSummarizer()(parser.document, 3)
    """

    _WORD = re.compile(r"[^\W\d_]")

    def __init__(self, language: str = "english") -> None:
        code = normalize_language(language)
        self._code = code
        self._language = SUMY_NAMES.get(code or "", (language or "").strip().lower())

    @property
    def language(self) -> str:
        """The sumy-style language name (``"english"``, ``"german"``...)."""
        return self._language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph, self._code))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """Word tokens containing at least one letter (sumy drops numbers too)."""
        has_letter = self._WORD.search
        return tuple(word for word in word_tokens(sentence) if has_letter(word))
