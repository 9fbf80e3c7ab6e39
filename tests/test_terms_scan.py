"""Vocabulary.scan and what the news features read from it: the count matrix's
columns, a title's terms and the style counts, checked against plain
re-computations on invented documents."""

from __future__ import annotations

import re

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdigest.summarizers.base import Document
from newsdigest.summarizers.features import FEATURES, analyse
from newsdigest.summarizers.terms import Vocabulary, stop_words

_WORDS = [
    "The",
    "the",
    "harbor",
    "Harbor",
    "HARBOR",
    "harbors",
    "vote",
    "Votes",
    "said",
    "of",
    "2003",
    "5G",
    "1st",
    "x_y",
    "U.S.",
    "caf\u00e9",
    "na\u00efve",
    "\u00a35",
    "\u2014",
    "\u201cquoted\u201d",
    '"',
    "\u5317\u4eac",
    "\u6771\u4eac\u3067\u3059",
    "\u041f\u0440\u0438\u0432\u0435\u0442",
    "\u0130stanbul",
    "\ufb01",
    "don't",
    " ",
]
_sentences = st.lists(st.lists(st.sampled_from(_WORDS), max_size=12).map(" ".join), max_size=8)


@settings(max_examples=200, deadline=None)
@given(st.lists(_sentences, min_size=1, max_size=4), st.sampled_from(["en", "de", "zh", None]), st.booleans())
def test_columns_are_the_sorted_distinct_terms(documents, language, keep_numbers):
    """Scan.columns is np.unique(terms, return_inverse=True), whatever the order in
    which documents are scanned and their columns asked for."""
    vocabulary = Vocabulary(language, keep_numbers)
    scans = [vocabulary.scan(sentences) for sentences in documents]
    for scan in reversed(scans):  # the column table is shared: later documents first
        distinct, columns = scan.columns()
        expected, inverse = np.unique(scan.term[scan.kept], return_inverse=True)
        assert distinct.tolist() == expected.tolist() and columns.tolist() == inverse.tolist()


@settings(max_examples=300, deadline=None)
@given(
    _sentences,
    st.lists(st.sampled_from(_WORDS + ["talks", "Marlow", "budget"]), max_size=10).map(" ".join),
    st.sampled_from(["en", "de", "ru", "zh", "ja", None]),
    st.booleans(),
)
def test_term_ids_of_a_title_are_those_of_its_terms(sentences, title, language, keep_numbers):
    """The title's shortcut through the scanned words gives term_ids(terms(title)),
    for words the scan saw and words it did not."""
    vocabulary = Vocabulary(language, keep_numbers)
    vocabulary.scan(sentences)
    assert vocabulary.term_ids_of(title) == vocabulary.term_ids(vocabulary.terms(title))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORDS), max_size=12).map(" ".join), min_size=1, max_size=8))
def test_style_features_count_each_sentences_words(sentences):
    """capitals (after the first word), digits, stop_share and opens_with_stop, as a
    plain loop over each sentence's words computes them."""
    stop = stop_words("en")
    matrix = analyse(Document(tuple(sentences), None, "en", None, 3), Vocabulary("en", True).scan(sentences), 3).matrix
    column = {name: matrix[:, i].tolist() for i, name in enumerate(FEATURES)}
    for k, sentence in enumerate(sentences):
        words = re.findall(r"\w+", sentence)
        size = max(len(words), 1)
        assert column["capitals"][k] == sum(w[0].isupper() for w in words[1:]) * (1.0 / size)
        assert column["digits"][k] == sum(not w.isalpha() and any(map(str.isdigit, w)) for w in words) * (1.0 / size)
        assert column["stop_share"][k] == sum(w.lower() in stop for w in words) * (1.0 / size)
        assert column["opens_with_stop"][k] == float(bool(words) and words[0].lower() in stop)
