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

from .base import Document
from .nonstory import nonstory_flags

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
    similarity: object  # callable(index) -> cosine of that sentence with every sentence
    nonstory: object  # numpy bool array


def analyse(doc: Document, scan, wanted: int | None) -> Analysis:
    """The feature matrix of `doc` (rows: sentences, columns: FEATURES), from its
    scan (`terms.Vocabulary.scan`)."""
    import numpy as np

    from .graph import counts_from_scan, lexrank_from_similarity
    from .terms import CAPITAL, DIGIT, STOP

    n = len(doc.sentences)
    if n == 0:
        return Analysis(np.zeros((0, len(FEATURES))), lambda i: np.zeros(0), np.zeros(0, dtype=bool))
    index = np.arange(n, dtype=np.float64)
    counts, distinct = counts_from_scan(scan)
    # tf-idf vectors with rows of unit length: cosine similarities are dot products
    if isinstance(counts, np.ndarray):
        idf = np.log((n + 1.0) / (np.count_nonzero(counts, axis=0) + 1.0)) + 1.0
        vectors = counts * idf
        norms = np.sqrt(np.einsum("ij,ij->i", vectors, vectors))
        vectors /= np.where(norms > 0, norms, 1.0)[:, None]
        similar = vectors @ vectors.T
    else:
        from scipy import sparse

        df = np.bincount(counts.indices, minlength=counts.shape[1])
        idf = np.log((n + 1.0) / (df + 1.0)) + 1.0
        vectors = (counts @ sparse.diags(idf)).tocsr()
        norms = np.sqrt(np.asarray(vectors.multiply(vectors).sum(axis=1)).ravel())
        vectors = (sparse.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ vectors).tocsr()
        similar = (vectors @ vectors.T).toarray()  # ranked sentences are capped: this stays bounded
    has_terms = norms > 0
    self_similarity = similar.diagonal().copy()
    others = similar.copy()
    np.fill_diagonal(others, 0.0)  # similarity to every other sentence
    row_sums = others.sum(axis=1)
    # cosine with the sum of all sentence vectors (the article's direction)
    centroid = (row_sums + self_similarity) / np.sqrt(max(row_sums.sum() + self_similarity.sum(), 1e-12))
    top = row_sums.max()
    degree = row_sums / (top if top > 0 else 1.0)
    lexrank = lexrank_from_similarity(similar, has_terms)
    lexrank_total = lexrank.sum()
    lexrank = lexrank * (n / lexrank_total) if lexrank_total > 0 else np.ones(n)
    cumulative = np.cumsum(others, axis=1)

    def lead_mean(m: int):
        m = min(m, n)
        return cumulative[:, m - 1] / np.maximum(m - (index < m), 1)  # the sentence itself left out

    later = (row_sums - cumulative.diagonal()) / np.maximum(n - 1 - index, 1)
    earlier = np.zeros(n)
    if n > 1:
        earlier[1:] = np.tril(others, -1)[1:].max(axis=1)
    title = np.zeros(n)
    if doc.title:
        title = _similarity_to(vectors, idf, distinct, scan.vocabulary.term_ids(scan.vocabulary.terms(doc.title)))
    if doc.paragraph_of and len(doc.paragraph_of) == n:
        paragraphs = np.asarray(doc.paragraph_of, dtype=np.float64)
        opens = np.concatenate(([0.0], (np.diff(paragraphs) != 0).astype(np.float64)))
        paragraph_position = (paragraphs - paragraphs[0]) / max(paragraphs[-1] - paragraphs[0] + 1, 1)
    else:
        opens = np.zeros(n)
        paragraph_position = np.zeros(n)
    words = scan.sizes.astype(np.float64)
    per_word = 1.0 / np.maximum(words, 1)
    first = scan.first_word_flags()
    capitals = (scan.per_sentence((scan.flags & CAPITAL) > 0) - ((first & CAPITAL) > 0)) * per_word
    digits = scan.per_sentence((scan.flags & DIGIT) > 0) * per_word
    stops = scan.per_sentence((scan.flags & STOP) > 0) * per_word
    marks = np.fromiter((len(_QUOTE_MARKS.findall(s)) for s in doc.sentences), dtype=np.float64, count=n)
    opens_quote = np.fromiter((s[:1] in _QUOTES or s[:1] == "'" for s in doc.sentences), dtype=np.float64, count=n)
    flags = nonstory_flags(doc.sentences, scan.sizes)
    share = min(1.0, (wanted or 3) / n)
    columns = (
        1.0 / (1.0 + index),
        index / n,
        opens,
        paragraph_position,
        np.log1p(words),
        lexrank,
        degree,
        centroid,
        title,
        others[:, 0],
        lead_mean(3),
        lead_mean(5),
        others[:, : min(3, n)].max(axis=1),
        later,
        earlier,
        opens_quote,
        (marks >= 2).astype(np.float64),
        capitals,
        digits,
        stops,
        ((first & STOP) > 0).astype(np.float64),
        flags.astype(np.float64),
        np.full(n, share),
        np.full(n, np.log(n)),
    )
    matrix = np.column_stack(columns)
    return Analysis(matrix, similar.__getitem__, flags)


def _similarity_to(vectors, idf, distinct, term_ids):
    """Cosine of every sentence with a bag of terms (the title), in the sentences' space."""
    import numpy as np

    query = np.zeros(vectors.shape[1])
    if len(distinct) and term_ids:
        ids = np.asarray(term_ids)
        columns = np.minimum(np.searchsorted(distinct, ids), len(distinct) - 1)
        found = distinct[columns] == ids
        np.add.at(query, columns[found], idf[columns[found]])
    norm = np.sqrt(query @ query)
    if norm == 0:
        return np.zeros(vectors.shape[0])
    return np.asarray(vectors @ (query / norm)).ravel()
