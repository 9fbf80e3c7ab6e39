"""Offline language identification (py3langid ships its model inside the package)."""

from __future__ import annotations

import re
import warnings
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
# The same words for ASCII text, much faster than the regex: one byte translation
# lower-cases the letters and blanks everything else, then split().
_ASCII_WORDS = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 32 for c in range(256))
_ENGLISH_FUNCTION_BYTES = frozenset(w.encode("ascii") for w in _ENGLISH_FUNCTION_WORDS)


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`, or None when the text is too short or unclear."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < 20:
        return None
    plain = sample.isascii()
    cjk = 0 if plain else len(_CJK.findall(sample))
    if cjk > len(sample) * 0.2:
        # Kana decide Japanese; otherwise Han characters are Chinese.
        return "ja" if len(_KANA.findall(sample)) > cjk * 0.1 else "zh"
    # Share of ASCII characters, counted in C (encoding drops the others).
    ascii_share = 1.0 if plain else len(sample.encode("ascii", "ignore")) / len(sample)
    if ascii_share > 0.97:
        if plain:
            words, function_words = sample.encode("ascii").translate(_ASCII_WORDS).split(), _ENGLISH_FUNCTION_BYTES
        else:
            words, function_words = _WORD.findall(sample.lower()), _ENGLISH_FUNCTION_WORDS
        if len(words) >= 30:
            share = sum(map(function_words.__contains__, words)) / len(words)
            if share >= 0.25:
                return "en"
    code, prob = _identifier().classify(sample)
    # Below this the guess is often wrong on short or mixed text; say "unknown".
    return code if prob >= 0.5 else None


# A declared language stays when the text gives it at least this probability:
# the text then does not clearly say otherwise (close languages such as
# Spanish and Portuguese, or Czech and Slovak, share much of their text).
DECLARED_KEEP_PROB = 0.1


def language_of_text(text: str, declared: str | None = None) -> str | None:
    """The language `text` is in. The page's declared language (a lang attribute,
    a Content-Language header) is a prior, not a verdict: it is kept when the text
    is too short or unclear to tell, or when the text still gives it a fair
    probability; a text that is clearly in another language wins."""
    from .sentences import normalize_language

    prior = normalize_language(declared) if declared else None
    found = detect_language(text)
    if found is None or prior is None or found == prior:
        return found or prior
    if found in ("zh", "ja") or prior in ("zh", "ja"):
        return found  # decided by the script (kana, Han characters), not by statistics
    sample = text[:SAMPLE_CHARS]
    probs = dict(_identifier().rank(sample)[:20])
    return prior if probs.get(prior, 0.0) >= DECLARED_KEEP_PROB else found


class LanguageWarning(UserWarning):
    """The language is unknown or unsupported: processing goes on language-neutral.

    The CLI reports these on stderr as one line each; library users see them
    through the `warnings` module (and can silence or record them there)."""


# Shorter texts are often unidentifiable without being in an unknown language;
# no warning for those (a one-line input ranks the same either way).
WARN_MIN_CHARS = 200


def supported(code: str | None) -> bool:
    """Whether we have language-specific resources for `code`: a sentence model,
    a stemmer or stop words. Anything else is processed language-neutrally."""
    if not code:
        return False
    from .sentences import CJK_LANGUAGES, PUNKT_MODELS
    from .summarizers.terms import known

    return code in PUNKT_MODELS or code in CJK_LANGUAGES or known(code)


def resolve_language(text: str, asked: str | None = None, declared: str | None = None, where: str = "") -> str | None:
    """The language to process `text` in: `asked` (--language) first, then the
    page's declared language, then detection. Returns an ISO 639-1 code we have
    resources for, or None for language-neutral processing, with a
    LanguageWarning whenever the language is unsupported or (for a text long
    enough to tell) unknown."""
    from .sentences import normalize_language

    prefix = f"{where}: " if where else ""
    if asked:
        code = normalize_language(asked)
        if supported(code):
            return code
        warnings.warn(
            f"{prefix}no language resources for {asked!r}; using language-neutral splitting and ranking",
            LanguageWarning,
            stacklevel=3,
        )
        return None
    code = normalize_language(declared) if declared else None
    if not supported(code):
        code = detect_language(text)
    if supported(code):
        return code
    if code is not None:
        warnings.warn(
            f"{prefix}language {code!r} is not supported; using language-neutral splitting and ranking",
            LanguageWarning,
            stacklevel=3,
        )
    elif len(text.strip()) >= WARN_MIN_CHARS:
        warnings.warn(
            f"{prefix}could not tell the language; using language-neutral splitting and ranking",
            LanguageWarning,
            stacklevel=3,
        )
    return None
