"""What the news summarizer knows about each sentence: a row of numbers.

Every feature is computed for all sentences at once (numpy), from the sentence
texts, the title, the paragraph layout and the asked length:

- position: where the sentence stands (news puts the story first), and where its
  paragraph stands;
- length in words (very short lines are rarely story, long ones cost budget);
- centrality: LexRank's score, degree centrality (the summed similarity to every
  other sentence, as sumy's Reduction ranks) and similarity to the article as a
  whole: what the rest of the article keeps coming back to;
- title overlap: similarity to the headline;
- lead overlap: similarity to the first sentence and to the first three and five
  (a later sentence that restates the lead carries the story); similarity to
  what follows (a sentence the rest develops) and the largest similarity to an
  earlier sentence (a sentence that repeats);
- style: opens with a quotation or holds one, share of capitalised words (names)
  and of digits (figures), share of stop words and whether it opens with one
  (a sentence that starts "He said" leans on the one before);
- non-story cues (`nonstory.py`): captions, credits, calls to action,
  datelines, fragments;
- share: the asked summary length over the article's length. Asking for 40% of
  an article is a different task from asking for 3 of 40 sentences: a short
  summary wants the lead, a long one the sentences the article keeps returning
  to. The model learns how the other features matter at each share.

`FEATURES` names the columns; the model file stores the names it was trained
with, and loading refuses a mismatch. `GROUPS` gathers them into the parts that
--explain shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .base import Document
from .nonstory import nonstory_flags
from .terms import CAPITAL, DIGIT, STOP

FEATURES = (
    "lead",  # 1 / (1 + position)
    "position",  # position / sentences
    "paragraph_first",  # opens a paragraph (other than the first)
    "paragraph_position",  # paragraph index / paragraphs
    "words",  # log(1 + words)
    "lexrank",  # LexRank score x sentences (1 = average)
    "degree",  # degree centrality / its maximum
    "centroid",  # cosine with the article's term vector
    "title",  # cosine with the title's terms
    "lead_similarity",  # cosine with the first sentence
    "lead3_similarity",  # mean cosine with the first three sentences (itself left out)
    "lead5_similarity",  # mean cosine with the first five
    "lead3_max_similarity",  # largest cosine with one of the first three
    "later_similarity",  # mean cosine with the sentences after it
    "earlier_similarity",  # largest cosine with a sentence before it
    "quote",  # opens with a quotation mark
    "holds_quote",  # holds a quotation (two or more quotation marks)
    "capitals",  # share of words, after the first, that are capitalised
    "digits",  # share of words with a digit
    "stop_share",  # share of stop words
    "opens_with_stop",  # first word is a stop word
    "nonstory",  # caption, credit, call to action, dateline, fragment
    "share",  # asked sentences / sentences
    "sentences",  # log(sentences)
)
# The parts --explain shows: each feature's contribution is summed into its group.
GROUPS = {
    "position": ("lead", "position", "paragraph_first", "paragraph_position"),
    "centrality": ("lexrank", "degree", "centroid", "later_similarity"),
    "title": ("title", "lead_similarity", "lead3_similarity", "lead5_similarity", "lead3_max_similarity"),
    "repetition": ("earlier_similarity",),
    "style": ("words", "quote", "holds_quote", "capitals", "digits", "stop_share", "opens_with_stop"),
    "nonstory": ("nonstory",),
    "length": ("share", "sentences"),
}

_QUOTES = "\"\u201c\u201d\u201e\u00ab\u00bb\u300c\u300d\u300e\u300f"
_QUOTE_MARKS = re.compile(f"[{_QUOTES}]")


@dataclass(frozen=True)
class Analysis:
    """Features plus what redundancy removal needs afterwards."""

    matrix: object  # numpy array, sentences x FEATURES
    similarity: object  # callable(index) -> cosine of that sentence with every other one (0 with itself)
    nonstory: object  # numpy bool array


# A sentence scores a few dozen numpy calls on arrays of a few dozen numbers, so
# the cost is the number of calls, not their size: everything that depends on
# the number of sentences alone is made once per size and kept (`_Layout`).
_COLUMN = {name: i for i, name in enumerate(FEATURES)}


def analyse(doc: Document, scan, wanted: int | None) -> Analysis:
    """The feature matrix of `doc` (rows: sentences, columns: FEATURES), from its
    scan (`terms.Vocabulary.scan`)."""
    import numpy as np

    from .graph import counts_from_scan, lexrank_from_similarity

    n = len(doc.sentences)
    if n == 0:
        return Analysis(np.zeros((0, len(FEATURES))), lambda i: np.zeros(0), np.zeros(0, dtype=bool))
    layout = _layout(n)
    matrix = layout.matrix.copy()  # lead, position and sentences filled in
    c = _COLUMN
    counts, distinct = counts_from_scan(scan)
    vectors, idf, has_terms, others = _cosines(counts)
    # others: cosine of every pair of sentences, 0 on the diagonal (a sentence with
    # terms has cosine 1 with itself, one without has 0)
    row_sums = others.sum(axis=1)
    self_similarity = has_terms.astype(np.float64)
    # cosine with the sum of all sentence vectors (the article's direction)
    centroid = (row_sums + self_similarity) / np.sqrt(max(row_sums.sum() + self_similarity.sum(), 1e-12))
    top = row_sums.max()
    matrix[:, c["degree"]] = row_sums / (top if top > 0 else 1.0)
    matrix[:, c["centroid"]] = centroid
    lexrank = lexrank_from_similarity(others, has_terms)
    lexrank_total = lexrank.sum()
    matrix[:, c["lexrank"]] = lexrank * (n / lexrank_total) if lexrank_total > 0 else 1.0
    matrix[:, c["lead_similarity"]] = others[:, 0]
    head = others[:, : min(5, n)]
    matrix[:, c["lead3_similarity"]] = head[:, :3].sum(axis=1) / layout.lead3
    matrix[:, c["lead5_similarity"]] = head.sum(axis=1) / layout.lead5
    matrix[:, c["lead3_max_similarity"]] = head[:, :3].max(axis=1)
    # cosines are never negative (tf-idf weights are not), so masking with 0 keeps max and sum
    matrix[:, c["later_similarity"]] = (others * layout.after).sum(axis=1) / layout.later
    matrix[:, c["earlier_similarity"]] = (others * layout.before).max(axis=1)
    if doc.title:
        vocabulary = scan.vocabulary
        matrix[:, c["title"]] = _similarity_to(vectors, idf, distinct, vocabulary.term_ids(vocabulary.terms(doc.title)))
    if doc.paragraph_of and len(doc.paragraph_of) == n:
        paragraphs = np.fromiter(doc.paragraph_of, dtype=np.float64, count=n)
        matrix[1:, c["paragraph_first"]] = paragraphs[1:] != paragraphs[:-1]
        matrix[:, c["paragraph_position"]] = (paragraphs - paragraphs[0]) / max(paragraphs[-1] - paragraphs[0] + 1, 1)
    sizes = scan.sizes
    per_word = 1.0 / np.maximum(sizes, 1)
    matrix[:, c["words"]] = np.log1p(sizes)
    # words per sentence with each flag (stop word, capitalised, digit), from one
    # count of (sentence, flags) pairs
    by_flags = np.bincount(scan.sentence_of * 8 + scan.flags, minlength=8 * n).reshape(n, 8)
    flag_counts = by_flags @ _flag_bits()  # columns: STOP, CAPITAL, DIGIT
    first = scan.first_word_flags()
    matrix[:, c["capitals"]] = (flag_counts[:, 1] - ((first & CAPITAL) > 0)) * per_word
    matrix[:, c["digits"]] = flag_counts[:, 2] * per_word
    matrix[:, c["stop_share"]] = flag_counts[:, 0] * per_word
    matrix[:, c["opens_with_stop"]] = (first & STOP) > 0
    matrix[:, c["holds_quote"]] = _quote_marks(doc.sentences) >= 2
    matrix[:, c["quote"]] = np.fromiter(map(_OPENING.__contains__, (s[:1] for s in doc.sentences)), dtype=bool, count=n)
    flags = nonstory_flags(doc.sentences, sizes)
    matrix[:, c["nonstory"]] = flags
    matrix[:, c["share"]] = min(1.0, (wanted or 3) / n)
    return Analysis(matrix, others.__getitem__, flags)


_OPENING = frozenset(_QUOTES + "'")


class _Layout:
    """What depends on the number of sentences only."""

    __slots__ = ("matrix", "lead3", "lead5", "later", "after", "before")

    def __init__(self, n: int) -> None:
        import numpy as np

        index = np.arange(n, dtype=np.float64)
        self.matrix = np.zeros((n, len(FEATURES)))
        self.matrix[:, _COLUMN["lead"]] = 1.0 / (1.0 + index)
        self.matrix[:, _COLUMN["position"]] = index / n
        self.matrix[:, _COLUMN["sentences"]] = np.log(n)
        # mean over the first m sentences, the sentence itself left out
        self.lead3 = np.maximum(min(3, n) - (index < min(3, n)), 1)
        self.lead5 = np.maximum(min(5, n) - (index < min(5, n)), 1)
        self.later = np.maximum(n - 1 - index, 1)  # sentences after each one
        self.after = np.triu(np.ones((n, n)), 1)  # j > i
        self.before = np.tril(np.ones((n, n)), -1)  # j < i


_LAYOUTS: dict[int, _Layout] = {}


def _layout(n: int) -> _Layout:
    layout = _LAYOUTS.get(n)
    if layout is None:
        if len(_LAYOUTS) > 256:  # articles come in a few hundred sizes; long ones rarely repeat
            _LAYOUTS.clear()
        layout = _LAYOUTS[n] = _Layout(n)
    return layout


@lru_cache(maxsize=1)
def _flag_bits():
    """(8 x 3) 0/1 matrix: which of STOP, CAPITAL, DIGIT each flags value holds."""
    import numpy as np

    return ((np.arange(8)[:, None] & np.array([STOP, CAPITAL, DIGIT])) > 0).astype(np.int64)


def _quote_marks(sentences):
    """Quotation marks in each sentence."""
    import numpy as np

    return np.fromiter(map(len, map(_QUOTE_MARKS.findall, sentences)), dtype=np.int64, count=len(sentences))


def _cosines(counts):
    """tf-idf vectors of unit length, the idf, which rows have terms, and the cosine
    of every pair of rows (0 on the diagonal).

    Only terms in two sentences or more make two sentences alike, so the pairwise
    product runs over those columns alone (a fifth of them in news), in one
    thread (`products.py`)."""
    import numpy as np

    from .products import gram

    n = counts.shape[0]
    if isinstance(counts, np.ndarray):
        df = np.count_nonzero(counts, axis=0)
        idf = np.log((n + 1.0) / (df + 1.0)) + 1.0
        vectors = counts * idf
        norms = np.sqrt(np.einsum("ij,ij->i", vectors, vectors))
        vectors /= np.where(norms > 0, norms, 1.0)[:, None]
        others = gram(vectors[:, df > 1])
    else:
        from scipy import sparse

        df = np.bincount(counts.indices, minlength=counts.shape[1])
        idf = np.log((n + 1.0) / (df + 1.0)) + 1.0
        vectors = (counts @ sparse.diags(idf)).tocsr()
        norms = np.sqrt(np.asarray(vectors.multiply(vectors).sum(axis=1)).ravel())
        vectors = (sparse.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ vectors).tocsr()
        shared = vectors[:, np.flatnonzero(df > 1)]
        others = (shared @ shared.T).toarray()  # ranked sentences are capped: this stays bounded
    np.fill_diagonal(others, 0.0)
    return vectors, idf, norms > 0, others


def _similarity_to(vectors, idf, distinct, term_ids):
    """Cosine of every sentence with a bag of terms (the title), in the sentences' space."""
    import numpy as np

    if not len(distinct) or not term_ids:
        return 0.0
    ids = np.asarray(term_ids)
    columns = np.minimum(np.searchsorted(distinct, ids), len(distinct) - 1)
    columns = columns[distinct[columns] == ids]
    query = np.bincount(columns, minlength=vectors.shape[1]) * idf  # each term's idf, once per occurrence
    norm = np.sqrt(query @ query)
    if norm == 0:
        return 0.0
    if isinstance(vectors, np.ndarray):
        from .products import matvec

        return matvec(vectors, query / norm)
    return np.asarray(vectors @ (query / norm)).ravel()
