"""What the news summarizer knows about each sentence: a row of numbers.

Every feature is computed for all sentences at once (numpy), from the sentence
texts, the title, the paragraph layout and the asked length:

- position: where the sentence stands (news puts the story first), and where its
  paragraph stands;
- length in words (very short lines are rarely story, long ones cost budget);
- centrality: degree centrality (the summed similarity to every other
  sentence, as sumy's Reduction ranks) and similarity to the article as a
  whole: what the rest of the article keeps coming back to (LexRank's score
  was a feature too; it added nothing under cross-validation and cost a power
  iteration per article, so it went);
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

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter, methodcaller

from .base import Document
from .graph import counts_from_scan
from .nonstory import nonstory_flags
from .products import gram, matmul, matvec
from .terms import CAPITAL, DIGIT, STOP

FEATURES = (
    "lead",  # 1 / (1 + position)
    "position",  # position / sentences
    "paragraph_first",  # opens a paragraph (other than the first)
    "paragraph_position",  # paragraph index / paragraphs
    "words",  # log(1 + words)
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
    "centrality": ("degree", "centroid", "later_similarity"),
    "title": ("title", "lead_similarity", "lead3_similarity", "lead5_similarity", "lead3_max_similarity"),
    "repetition": ("earlier_similarity",),
    "style": ("words", "quote", "holds_quote", "capitals", "digits", "stop_share", "opens_with_stop"),
    "nonstory": ("nonstory",),
    "length": ("share", "sentences"),
}


@dataclass(frozen=True)
class Analysis:
    """Features plus what redundancy removal needs afterwards."""

    matrix: object  # numpy array, sentences x FEATURES
    similarity: object  # callable(index) -> cosine of that sentence with every other one (0 with itself)
    nonstory: object  # numpy bool array


# A sentence scores a few dozen numpy calls on arrays of a few dozen numbers, so
# the cost is the number of calls, not their size: everything that depends on
# the number of sentences alone is made once per size and kept (`_Layout`), and
# results are written straight into their column of the matrix (`out=`).
_COLUMN = {name: i for i, name in enumerate(FEATURES)}
_LEAD = slice(_COLUMN["lead_similarity"], _COLUMN["lead5_similarity"] + 1)  # lead, lead3, lead5 similarity
_STYLE = slice(_COLUMN["capitals"], _COLUMN["stop_share"] + 1)  # capitals, digits, stop_share
assert FEATURES[_LEAD] == ("lead_similarity", "lead3_similarity", "lead5_similarity")
assert FEATURES[_STYLE] == ("capitals", "digits", "stop_share")


def analyse(doc: Document, scan, wanted: int | None) -> Analysis:
    """The feature matrix of `doc` (rows: sentences, columns: FEATURES), from its
    scan (`terms.Vocabulary.scan`)."""
    import numpy as np

    n = len(doc.sentences)
    if n == 0:
        return Analysis(np.zeros((0, len(FEATURES))), lambda i: np.zeros(0), np.zeros(0, dtype=bool))
    layout = _layout(n)
    matrix = layout.matrix.copy()  # lead, position and sentences filled in
    c = _COLUMN
    sizes = scan.sizes
    flags = nonstory_flags(doc.sentences, sizes, doc.paragraph_of, doc.title)
    heads, lead_counts, lead3 = _story_lead(flags, layout, matrix)
    counts, distinct = counts_from_scan(scan)
    vectors, idf, has_terms, others = _cosines(counts, layout.idf)
    # others: cosine of every pair of sentences, 0 on the diagonal (a sentence with
    # terms has cosine 1 with itself, one without has 0); cosines are never negative
    # (tf-idf weights are not), so masking with 0 keeps maxima and sums.
    # One product gives each row's sum and its sums over the first 1, 3 and 5 sentences.
    sums = matmul(others, heads)
    row_sums = sums[:, 0]
    np.divide(sums[:, 1:], lead_counts, out=matrix[:, _LEAD])
    np.maximum.reduce(others[:, lead3], axis=1, out=matrix[:, c["lead3_max_similarity"]])
    later = matrix[:, c["later_similarity"]]
    np.einsum("ij,ij->i", others, layout.after, out=later)
    later /= layout.later
    np.maximum.reduce(others * layout.before, axis=1, out=matrix[:, c["earlier_similarity"]])
    top = np.maximum.reduce(row_sums)
    np.divide(row_sums, top if top > 0 else 1.0, out=matrix[:, c["degree"]])
    # cosine with the sum of all sentence vectors (the article's direction)
    centroid = matrix[:, c["centroid"]]
    np.add(row_sums, has_terms, out=centroid)
    centroid /= math.sqrt(max(np.add.reduce(row_sums) + int(np.count_nonzero(has_terms)), 1e-12))
    if doc.title:
        matrix[:, c["title"]] = _similarity_to(vectors, idf, distinct, scan.vocabulary.term_ids_of(doc.title))
    if doc.paragraph_of and len(doc.paragraph_of) == n:
        paragraphs = np.fromiter(doc.paragraph_of, dtype=np.float64, count=n)
        np.not_equal(paragraphs[1:], paragraphs[:-1], out=matrix[1:, c["paragraph_first"]])
        position = matrix[:, c["paragraph_position"]]
        np.subtract(paragraphs, paragraphs[0], out=position)
        position /= max(paragraphs[-1] - paragraphs[0] + 1, 1)
    np.log1p(sizes, out=matrix[:, c["words"]])
    # From one count of (sentence, flags) pairs, each sentence's first word marked:
    # its capitalised words after the first, words with a digit, stop words, and
    # whether the first word is a stop word.
    key = scan.sentence_of * 16 + scan.flags
    starts = sizes.cumsum() - sizes
    key[starts[sizes > 0]] += _FIRST
    style = np.bincount(key, minlength=16 * n).reshape(n, 16) @ _style_bits()
    np.multiply(style[:, :3], (1.0 / np.maximum(sizes, 1))[:, None], out=matrix[:, _STYLE])
    matrix[:, c["opens_with_stop"]] = style[:, 3]
    sentences = doc.sentences
    if scan.ascii:  # '"' is the only quotation mark in ASCII
        marks = np.fromiter(map(_COUNT_DOUBLE_QUOTES, sentences), dtype=np.int64, count=n)
    else:
        marks = np.fromiter(map(len, map(_QUOTE_MARKS.findall, sentences)), dtype=np.int64, count=n)
    np.greater_equal(marks, 2, out=matrix[:, c["holds_quote"]])
    opens = map(_OPENING.__contains__, map(_FIRST_CHARACTER, sentences))
    matrix[:, c["quote"]] = np.fromiter(opens, dtype=bool, count=n)
    matrix[:, c["nonstory"]] = flags
    matrix[:, c["share"]] = min(1.0, (wanted or 3) / n)
    return Analysis(matrix, others.__getitem__, flags)


_QUOTES = '"\u201c\u201d\u201e\u00ab\u00bb\u300c\u300d\u300e\u300f'
_QUOTE_MARKS = re.compile(f"[{_QUOTES}]")
_OPENING = frozenset(_QUOTES + "'")
_FIRST_CHARACTER = itemgetter(slice(0, 1))
_COUNT_DOUBLE_QUOTES = methodcaller("count", '"')


class _Layout:
    """What depends on the number of sentences only."""

    __slots__ = ("matrix", "heads", "lead_counts", "later", "after", "before", "idf")

    def __init__(self, n: int) -> None:
        import numpy as np

        index = np.arange(n, dtype=np.float64)
        self.matrix = np.zeros((n, len(FEATURES)))
        self.matrix[:, _COLUMN["lead"]] = 1.0 / (1.0 + index)
        self.matrix[:, _COLUMN["position"]] = index / n
        self.matrix[:, _COLUMN["sentences"]] = np.log(n)
        # columns: every sentence, the first one, the first three, the first five
        self.heads = np.zeros((n, 4))
        self.heads[:, 0] = 1.0
        self.heads[:1, 1] = 1.0
        self.heads[:3, 2] = 1.0
        self.heads[:5, 3] = 1.0
        # the mean over the first m sentences leaves the sentence itself out
        self.lead_counts = np.column_stack(
            (np.ones(n), np.maximum(min(3, n) - (index < min(3, n)), 1), np.maximum(min(5, n) - (index < min(5, n)), 1))
        )
        self.later = np.maximum(n - 1 - index, 1)  # sentences after each one
        self.after = np.greater.outer(index, index).T.astype(np.float64)  # 1 where j > i
        self.before = self.after.T.copy()  # 1 where j < i
        self.idf = np.log((n + 1.0) / (np.arange(n + 1) + 1.0)) + 1.0  # by document frequency


_LAYOUTS: dict[int, _Layout] = {}


def _story_lead(flags, layout: _Layout, matrix):
    """Where the story starts: at its first sentence not flagged non-story, so that the
    menu lines atop a text dump do not push the story's lead down. The lead and position
    features count from there (written into `matrix`), and the lead features compare with
    the first 1, 3 and 5 sentences from there. Returns the heads matrix, the lead counts
    and the columns of the first three (the layout's own when the story starts at once)."""
    import numpy as np

    n = len(flags)
    start = int(np.argmin(flags)) if not flags.all() else 0
    if start == 0:
        return layout.heads, layout.lead_counts, slice(0, min(3, n))
    m = n - start
    index = np.maximum(np.arange(n, dtype=np.float64) - start, 0)
    matrix[:, _COLUMN["lead"]] = 1.0 / (1.0 + index)
    matrix[:, _COLUMN["position"]] = index / m
    heads = np.zeros((n, 4))
    heads[:, 0] = 1.0
    heads[start : start + 1, 1] = 1.0
    heads[start : start + 3, 2] = 1.0
    heads[start : start + 5, 3] = 1.0
    # the mean over the first k sentences of the story leaves the sentence itself out
    lead_counts = np.column_stack(
        (np.ones(n), np.maximum(min(3, m) - heads[:, 2], 1), np.maximum(min(5, m) - heads[:, 3], 1))
    )
    return heads, lead_counts, slice(start, min(start + 3, n))


def _layout(n: int) -> _Layout:
    layout = _LAYOUTS.get(n)
    if layout is None:
        if len(_LAYOUTS) > 256:  # articles come in a few hundred sizes; long ones rarely repeat
            _LAYOUTS.clear()
        layout = _LAYOUTS[n] = _Layout(n)
    return layout


# Flag of a sentence's first word, beside those of the scan (terms.STOP, CAPITAL, DIGIT).
_FIRST = 8


@lru_cache(maxsize=1)
def _style_bits():
    """(16 x 4) 0/1 matrix: for each flags value (with _FIRST), whether a word with it
    counts as a capital after the first word, a digit, a stop word, a first stop word."""
    import numpy as np

    flags = np.arange(16)[:, None]
    first = (flags & _FIRST) > 0
    stop = (flags & STOP) > 0
    return np.column_stack(((flags & CAPITAL > 0) & ~first, flags & DIGIT > 0, stop, stop & first)).astype(np.int64)


def _cosines(counts, idf_by_df):
    """tf-idf vectors of unit length, the idf, which rows have terms, and the cosine
    of every pair of rows (0 on the diagonal). A dense `counts` becomes the
    vectors, in place (no second matrix of its size).

    Only terms in two sentences or more make two sentences alike, so the pairwise
    product runs over those columns alone (a fifth of them in news), in one
    thread (`products.py`)."""
    import numpy as np

    n = counts.shape[0]
    if isinstance(counts, np.ndarray):
        df = np.add.reduce(counts > 0, axis=0)
        idf = idf_by_df[df]  # log((n + 1) / (df + 1)) + 1
        vectors = np.multiply(counts, idf, out=counts)
        norms = np.sqrt(np.einsum("ij,ij->i", vectors, vectors))
        has_terms = norms > 0
        np.divide(vectors, norms[:, None], out=vectors, where=has_terms[:, None])
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
        has_terms = norms > 0
    others.flat[:: n + 1] = 0.0
    return vectors, idf, has_terms, others


def _similarity_to(vectors, idf, distinct, term_ids):
    """Cosine of every sentence with a bag of terms (the title), in the sentences' space."""
    import numpy as np

    if not len(distinct) or not term_ids:
        return 0.0
    columns = distinct.searchsorted(term_ids)
    columns = columns[distinct.take(columns, mode="clip") == term_ids]  # the terms the sentences hold
    query = np.bincount(columns, minlength=vectors.shape[1]) * idf  # each term's idf, once per occurrence
    norm = math.sqrt(query @ query)  # (the same correctly rounded root as np.sqrt)
    if norm == 0:
        return 0.0
    if isinstance(vectors, np.ndarray):
        return matvec(vectors, query / norm)
    return np.asarray(vectors @ (query / norm)).ravel()
