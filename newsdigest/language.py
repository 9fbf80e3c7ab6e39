"""Offline language identification (py3langid ships its model inside the package)."""

from __future__ import annotations

import re
from functools import lru_cache

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
SAMPLE_CHARS = 3000  # enough text to be sure; more only costs time
# The commonest English function words. Loading the statistical model costs
# about 0.4 s, so plain English text, by far the commonest input, is recognised
# from these first: in English prose they are about 40% of the words, in other
# Latin-script languages well under 10%.
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to a in is that for on it with as was he said by at from his be have has are "
    "but an they not this were had their which will who been its would we more after also".split()
)
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`, or None when the text is too short or unclear."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < 20:
        return None
    cjk = len(_CJK.findall(sample))
    if cjk > len(sample) * 0.2:
        # Kana decide Japanese; otherwise Han characters are Chinese.
        return "ja" if len(_KANA.findall(sample)) > cjk * 0.1 else "zh"
    words = _WORD.findall(sample.lower())
    ascii_share = sum(ch.isascii() for ch in sample) / len(sample)
    if len(words) >= 30 and ascii_share > 0.97:
        share = sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words)
        if share >= 0.25:
            return "en"
    code, prob = _identifier().classify(sample)
    # Below this the guess is often wrong on short or mixed text; say "unknown".
    return code if prob >= 0.5 else None
