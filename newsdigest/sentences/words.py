"""Words, and a sumy tokenizer that needs no NLTK data."""

from __future__ import annotations

import re

from .languages import SUMY_NAMES, normalize_language

#: CJK ideographs, kana and related blocks: one token per character.
_CJK_CHARS = (
    "\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3040-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
)
_WORD_RE = re.compile(rf"[{_CJK_CHARS}]|[^\W{_CJK_CHARS}]+")


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
        from . import split_sentences

        return tuple(split_sentences(paragraph, self._code))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """Word tokens containing at least one letter (sumy drops numbers too)."""
        has_letter = self._WORD.search
        return tuple(word for word in word_tokens(sentence) if has_letter(word))
