"""The splitter's one-pass span finder must give Punkt's own spans."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

punkt = pytest.importorskip("punkt")

from newsdigest.sentences import PUNKT_MODELS  # noqa: E402
from newsdigest.sentences import fast_punkt as sentences  # noqa: E402

# Pieces that exercise every branch: abbreviations, initials, numbers, runs of
# marks, ellipses, quotes and brackets on both sides, odd spaces.
PIECES = [
    "The",
    "minister",
    "said",
    "it",
    "Mr.",
    "Dr.",
    "U.S.",
    "e.g.",
    "No.",
    "5.",
    "3.5",
    "Inc.",
    "J.",
    "A.",
    ".",
    "?",
    "!",
    "?!",
    "!!",
    "...",
    ". . .",
    "..",
    "--",
    "-",
    ":",
    ";",
    "*",
    "@",
    "etc.",
    "Sept.",
    "30",
    '"',
    "\u201c",
    "\u201d",
    "'",
    "\u2018",
    "\u2019",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "\u00ab",
    "\u00bb",
    '."',
    '?"',
    "!\u201d",
    ".)",
    "Yes.",
    "Why?",
    "x.y",
    "a.m.",
    "St.",
    "5%.",
    "$28bn.",
    "metal-cutting.",
    "AT&T.",
    "euros).",
    "dollars\u2019.",
    "co-op.",
    "mid-co.",
    "1990s.",
]
SPACES = [" ", " ", " ", "", "\u00a0", "\t"]


def _tokenizer(language: str):
    model = PUNKT_MODELS[language]
    params = punkt.load_model(model)
    if punkt.has_prefixes(model):
        params = punkt.with_nonbreaking_prefixes(params, model)
    try:
        rules = punkt.rules_for_language(model)
    except LookupError:
        rules = None
    return sentences.fast_punkt_class(punkt)(params, rules=rules)


TOKENIZERS = {code: _tokenizer(code) for code in ("en", "de", "fr")}
ONE_PASS = {code: sentences.one_pass_spans(tok) for code, tok in TOKENIZERS.items()}


def _same_as_punkt(code: str, line: str) -> bool:
    found = ONE_PASS[code](line)
    return found is None or found == list(TOKENIZERS[code].span_tokenize(line))


lines = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SPACES)), min_size=1, max_size=30).map(
    lambda parts: "".join(p + s for p, s in parts).strip()
)


@settings(max_examples=600, deadline=None)
@given(code=st.sampled_from(sorted(TOKENIZERS)), line=lines)
def test_one_pass_spans_are_punkts(code, line):
    if line:
        assert _same_as_punkt(code, line), line


NEWS_LINES = [
    'Mr. Smith went to Washington. "It was a long trip," he said. He left at 5 p.m. on Friday.',
    "The U.S. economy grew 2.5% in the quarter. Analysts had expected less (about 2%). Shares rose.",
    "Why now? \u201cBecause we must.\u201d The vote is on Sept. 30. Officials (including Dr. Lee.) agreed.",
    "He paused... Then he spoke. It ended -- for now. Wait . . . what? Yes!! No?! Fine.",
]


@pytest.mark.parametrize("line", NEWS_LINES)
def test_news_lines(line):
    assert ONE_PASS["en"](line) is not None
    assert _same_as_punkt("en", line)


@pytest.mark.parametrize("line", ["Yes!! No.", "Why?! Because.", "Wait . . . what? Now.", "It was long. ... And then?"])
def test_runs_of_marks_and_ellipses_take_the_one_pass_path(line):
    assert ONE_PASS["en"](line) == list(TOKENIZERS["en"].span_tokenize(line))


def test_realignment_shortcut_knows_the_patterns_first_characters():
    """A span whose first character is not in _REALIGN_FIRST skips the realignment regex."""
    import re

    assert sentences._REALIGN_PATTERN == punkt.DEFAULT_LANGUAGE_VARS.boundary_realignment_pattern
    pattern = re.compile(sentences._REALIGN_PATTERN, re.MULTILINE)
    starts = {
        c for c in map(chr, range(0x3000)) if pattern.match(c + " ") or pattern.match(c + "--") or pattern.match(c)
    }
    assert starts == set(sentences._REALIGN_FIRST)


CONTEXT_PIECES = PIECES + [
    "2003.",
    "1,000.",
    "-5.",
    "However",
    "however",
    "But",
    "Bach",
    "S.",
    "co.",
    "mining-co.",
    "Jan.",
    "Nr.",
    "z.B.",
]


@settings(max_examples=600, deadline=None)
@given(
    code=st.sampled_from(sorted(TOKENIZERS)),
    parts=st.lists(st.tuples(st.sampled_from(CONTEXT_PIECES), st.sampled_from(SPACES)), min_size=1, max_size=6),
)
def test_punkt_answer_is_punkts_own(code, parts):
    """The written-out annotation passes decide every candidate as Punkt's classifier does."""
    tokenizer = TOKENIZERS[code]
    line = "".join(p + s for p, s in parts).strip()
    for candidate in tokenizer._boundaries.detect(line):
        context = candidate.context
        expected = punkt.PunktSentenceTokenizer._context_has_sentbreak(tokenizer, context)
        assert tokenizer._punkt_answer(context) == expected, context


def test_punkt_answer_uses_punkts_token_rules():
    from punkt.annotate import NON_INITIAL_PUNCTUATION
    from punkt.rules import tokens
    from punkt.rules.orthography import OrthoContext

    assert sentences._PUNKT_NUMBER == tokens.NUMBER_TYPE
    assert sentences._PUNKT_NUMERIC.pattern == tokens._RE_NUMERIC.pattern
    assert sentences._PUNKT_ELLIPSIS.__self__.pattern == tokens._RE_ELLIPSIS.pattern
    assert sentences._PUNKT_INITIAL.__self__.pattern == tokens._RE_INITIAL.pattern
    assert sentences._NON_INITIAL_PUNCTUATION == NON_INITIAL_PUNCTUATION
    assert (sentences._ORTHO_UC, sentences._ORTHO_LC, sentences._ORTHO_MID_UC, sentences._ORTHO_BEG_LC) == (
        OrthoContext.UC,
        OrthoContext.LC,
        OrthoContext.MID_UC,
        OrthoContext.BEG_LC,
    )


# Words as the span finder cuts them before a period (no spaces), and what may follow.
WORD_PIECES = [
    "a",
    "Ab",
    "Z",
    "1",
    "9",
    "-",
    ".",
    ",",
    "%",
    "$",
    "\u00a3",
    "&",
    "'",
    '"',
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "*",
    ":",
    ";",
    "@",
    "?",
    "!",
    "#",
    "`",
    "/",
    "_",
    "\u2019",
    "\u2018",
    "\u201c",
    "\u201d",
    "\u00ab",
    "\u00bb",
    "\u00a0",
    "\u00e9",
    "\u0130",
    "\u00b2",
    "--",
    "..",
    "Mr",
    "co",
    "U.S",
    "2004",
    "no",
    "Dr",
    "jan",
    "st",
    "e.g",
    "Nr",
    "z.B",
]
AFTER_PERIOD = [
    " The",
    " the",
    " 5",
    " Inc.",
    ' "We',
    ")",
    '"',
    "\u2019",
    " .",
    " ..",
    " (x",
    " Jr.)",
    ":",
    "*",
    " 2.",
    " ##",
]


@settings(max_examples=1500, deadline=None)
@given(
    code=st.sampled_from(sorted(TOKENIZERS)),
    word=st.lists(st.sampled_from(WORD_PIECES), max_size=5).map("".join),
    after=st.sampled_from(AFTER_PERIOD),
)
def test_period_always_breaks_only_where_punkt_breaks(code, word, after):
    """The test on the word alone says "break" only where Punkt's classifier does, whatever follows."""
    tokenizer = TOKENIZERS[code]
    if sentences._period_always_breaks(tokenizer)(word):
        assert punkt.PunktSentenceTokenizer._context_has_sentbreak(tokenizer, word + "." + after), word + "." + after


@pytest.mark.parametrize(
    "word", ["", "euros)", 'law"', "dollars\u2019", "5%", "$28bn", "metal-cutting", "AT&T", "1990s"]
)
def test_period_always_breaks_covers_common_words(word):
    assert sentences._period_always_breaks(TOKENIZERS["en"])(word)


@pytest.mark.parametrize(
    "word", ["Mr", "U.S", "2004", "1,000", "J", "x", "mid-co", "e.g", "No", "jan", "x..", "a--b", "x y"]
)
def test_period_always_breaks_leaves_the_ambiguous_words_to_punkt(word):
    assert not sentences._period_always_breaks(TOKENIZERS["en"])(word)


@pytest.mark.parametrize("word", ["U.S", "2004", "Sen", "5%", "AT&T", "mid-co", "J", "1,000", "a.m"])
def test_whole_words(word):
    assert sentences._whole_word_test(TOKENIZERS["en"].rules)[0](word)


@pytest.mark.parametrize("word", ["", '"U.S', "x..", "x.", "a--b", "x)", "don't", "x\u00a0y", "-5", "(CNN"])
def test_not_whole_words(word):
    assert not sentences._whole_word_test(TOKENIZERS["en"].rules)[0](word)


FOLLOWING_WORDS = ["The", "the", "officials", "Paul", "Louis", "and", "However", "I", "A", "in", "Inc", "Co", "Jr"]


@settings(max_examples=1500, deadline=None)
@given(
    code=st.sampled_from(sorted(TOKENIZERS)),
    word=st.lists(st.sampled_from(WORD_PIECES), min_size=1, max_size=4).map("".join),
    following=st.sampled_from(FOLLOWING_WORDS),
    punctuation=st.sampled_from(["", ",", ";", ":"]),
)
def test_word_answer_is_punkts(code, word, following, punctuation):
    """Punkt's second pass on a whole word and the word after it is its classifier's answer."""
    tokenizer = TOKENIZERS[code]
    if sentences._whole_word_test(tokenizer.rules)[0](word):
        context = word + ". " + following + punctuation
        expected = punkt.PunktSentenceTokenizer._context_has_sentbreak(tokenizer, context)
        assert tokenizer._word_answer(word + ".", following) == expected, context
