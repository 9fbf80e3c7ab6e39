"""split_sentences: a text cut at its line breaks, each line split by its language's splitter."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from .languages import CJK_LANGUAGES, PUNKT_MODELS, normalize_language
from .regex import cjk_split, neutral_split


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
