"""sumy's summarizers behind our rank() call, on our own offline sentence splitter.

sumy decides the chosen count through `_get_best_sentences(sentences, count,
rating)`, and `count` may be a callable that receives every sentence already
sorted by rating: passing one that keeps them all gives us sumy's full ranking
with its scores, without touching sumy's internals.
"""

from __future__ import annotations

import importlib
import random
import zlib
from functools import lru_cache

from ..sentences import SumyTokenizer
from .base import SCORE_DECIMALS, Document, Ranked
from .terms import stop_words

SUMY_CLASSES = {
    "lexrank": ("sumy.summarizers.lex_rank", "LexRankSummarizer"),
    "lsa": ("sumy.summarizers.lsa", "LsaSummarizer"),
    "luhn": ("sumy.summarizers.luhn", "LuhnSummarizer"),
    "textrank": ("sumy.summarizers.text_rank", "TextRankSummarizer"),
    "kl": ("sumy.summarizers.kl", "KLSummarizer"),
    "sumbasic": ("sumy.summarizers.sum_basic", "SumBasicSummarizer"),
    "edmundson": ("sumy.summarizers.edmundson", "EdmundsonSummarizer"),
    "reduction": ("sumy.summarizers.reduction", "ReductionSummarizer"),
    "random": ("sumy.summarizers.random", "RandomSummarizer"),
}

SUMY_LANGUAGES = {
    "en": "english",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "pt": "portuguese",
    "it": "italian",
    "ru": "russian",
    "zh": "chinese",
    "ja": "japanese",
    "cs": "czech",
    "sk": "slovak",
    "uk": "ukrainian",
    "el": "greek",
    "he": "hebrew",
    "ar": "arabic",
    "ko": "korean",
    "pl": "polish",
    "sv": "swedish",
    "th": "thai",
    "nl": "dutch",
}
# sumy's methods are quadratic in Python (LexRank: 0.8 s at 400 sentences), KL
# worse (38 s at 400): they rank at most this many sentences of a huge input,
# so that it ends in about a minute at worst rather than hours.
MAX_SENTENCES = {None: 1000, "kl": 200}
# Cue words for Edmundson's method, which insists on having some: news stigma words.
_STIGMA = ("advertisement", "subscribe", "click", "newsletter", "cookie", "copyright", "photo", "read")


@lru_cache(maxsize=32)
def _stemmer(code: str | None, ours: bool):
    """sumy's own stemmer (NLTK's Snowball, as sumy ships), or ours (Snowball via
    PyStemmer, also used by our LexRank and TextRank: the two differ on about 1
    English word in 500, e.g. "added" -> "ad" vs "add")."""
    if ours:
        from .terms import stemmer

        return stemmer(code)
    from sumy.nlp.stemmers import Stemmer, null_stemmer

    try:
        return Stemmer(SUMY_LANGUAGES.get(code or "", "english")) if code in SUMY_LANGUAGES else null_stemmer
    except LookupError:
        return null_stemmer


def _stop_words(code: str) -> frozenset[str]:
    return stop_words(code)


class SumySummarizer:
    """Any of sumy's methods by name; construct once, rank many documents."""

    def __init__(self, method: str, our_stemmer: bool = False) -> None:
        """`our_stemmer`: run sumy on our stemmer instead of its own (to compare
        algorithms on identical terms)."""
        if method not in SUMY_CLASSES:
            raise ValueError(f"unknown sumy method {method!r}")
        self.name = f"sumy-{method}"
        self.method = method
        self.max_sentences = MAX_SENTENCES.get(method, MAX_SENTENCES[None])
        self.our_stemmer = our_stemmer

    def _build(self, code: str, title_words: tuple[str, ...]):
        module, cls = SUMY_CLASSES[self.method]
        klass = getattr(importlib.import_module(module), cls)
        summarizer = klass(_stemmer(code, self.our_stemmer))
        stop_words = _stop_words(code)
        # sumy configures these through attributes; that stays inside this adapter.
        if hasattr(summarizer, "stop_words"):
            summarizer.stop_words = stop_words
        if self.method == "edmundson":
            summarizer.null_words = stop_words
            summarizer.bonus_words = title_words or ("said",)
            summarizer.stigma_words = _STIGMA
        return summarizer

    def rank(self, doc: Document) -> list[Ranked]:
        from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

        if not doc.sentences:
            return []
        language = SUMY_LANGUAGES.get(doc.language, "english")
        tokenizer = SumyTokenizer(language)
        heading = []
        if doc.title:
            heading = [Sentence(doc.title, tokenizer, is_heading=True)]
        sentences = [Sentence(s, tokenizer) for s in doc.sentences]
        document = ObjectDocumentModel([Paragraph(heading + sentences)])
        title_words = tuple(
            w.lower() for w in tokenizer.to_words(doc.title or "") if w.lower() not in _stop_words(doc.language)
        )
        summarizer = self._build(doc.language, title_words)
        captured: list = []

        def keep_all(infos):
            captured.extend(infos)
            return infos

        # Same document, same summary: sumy's "random" draws from the global generator,
        # so seed it from the text (and give the caller's generator back afterwards).

        state = random.getstate()
        random.seed(zlib.crc32("\n".join(doc.sentences).encode("utf-8", "surrogatepass")))
        try:
            summarizer(document, keep_all)
        finally:
            random.setstate(state)
        ranked = [Ranked(info.order, float(info.rating) if _is_number(info.rating) else 0.0) for info in captured]
        seen = {r.index for r in ranked}
        ranked.extend(Ranked(i, 0.0) for i in range(len(doc.sentences)) if i not in seen)
        # Ties (LSA's scores differ only by float noise that depends on sumy's
        # hash-ordered vocabulary) go to the earlier sentence, whatever PYTHONHASHSEED is.
        ranked.sort(key=lambda r: (-round(r.score, SCORE_DECIMALS), r.index))
        return ranked


def _is_number(value) -> bool:
    try:
        float(value)
        return True
    except (TypeError, ValueError):
        return False
