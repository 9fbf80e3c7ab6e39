"""LexRank and TextRank, vectorised: sumy's algorithms, same rankings, far less time.

sumy builds the sentence graph with a Python loop over every pair of sentences
(quadratic in interpreted code: 0.8 s for 400 sentences). Here the graph is one
sparse matrix product, term counts times their transpose, and the power method
is a handful of matrix-vector products. Each step below follows sumy 0.13
exactly (its thresholds, idf formula, stopping rules, its treatment of duplicate
sentences), so the rankings agree; `benchmarks/summarization.py` measures the
agreement on the dev set. Dense products stay in one thread (`products.py`):
an article's are small, and BLAS's threads, woken for each of a power method's
steps, made a 200-sentence TextRank take 6-24 ms instead of 3 on a busy machine.

LexRank (Erkan & Radev 2004, as in sumy): tf = count / the sentence's highest
count; idf = log(n / (1 + sentences containing the term)); an edge wherever the
idf-modified cosine exceeds 0.1; rows divided by their degree; power iteration
normalised to unit length until it moves less than 0.1.

TextRank (Mihalcea & Tarau 2004, as in sumy): edge weight = shared term
occurrences / (log len_i + log len_j); rows normalised; PageRank with damping
0.85 until the vector moves less than 1e-4.
"""

from __future__ import annotations

import math

from .base import SCORE_DECIMALS, Document, Ranked
from .products import gram, matvec
from .terms import vocabulary

# Below this many cells (2 MB of doubles) the sentence-by-term matrix is built
# dense: ordinary articles (30 sentences, 400 terms; the longest news stories,
# 110 sentences, stay under a tenth of it) then cost a few numpy calls instead of
# dozens of sparse-matrix constructions. Past it the matrix is under 2% full
# (400 sentences, 3,000 terms): dense arithmetic on it and its dense products
# cost ten times the sparse ones (news at 400 sentences: 40 ms dense, 10 sparse).
DENSE_CELLS = 250_000
# Up to this many sentences the sentence-by-sentence graph is dense (32 MB).
DENSE_GRAPH = 2000


def counts_from_scan(scan):
    """The count matrix of a scanned document (see terms.Vocabulary.scan), and the
    sorted term ids of its columns."""
    import numpy as np

    distinct, columns = scan.columns()
    n, width = scan.n, max(len(distinct), 1)
    rows = scan.sentence_of[scan.kept]
    if n * width <= DENSE_CELLS:
        # counted in floats directly (each word adds 1.0: exact), no int matrix to convert
        # (bincount answers ints for no words at all, weights or not)
        if len(columns):
            counts = np.bincount(rows * width + columns, _ones(len(columns)), minlength=n * width).reshape(n, width)
        else:
            counts = np.zeros((n, width))
    else:
        from scipy import sparse

        counts = sparse.csr_matrix((np.ones(len(columns)), (rows, columns)), shape=(n, width))
    return counts, distinct


_ONES: list = []  # [a numpy array of ones], grown on demand


def _ones(size: int):
    """A read-only view of `size` ones (float64), from one shared array."""
    if not _ONES or len(_ONES[0]) < size:
        import numpy as np

        ones = np.ones(max(size, 4096))
        ones.flags.writeable = False
        _ONES[:] = [ones]
    return _ONES[0][:size]


def _sparse(matrix) -> bool:
    """scipy.sparse is imported only for long documents; dense ones are numpy arrays."""
    return type(matrix).__module__.startswith("scipy")


def _graph(product):
    """A sentence-by-sentence product, dense when small enough."""
    if _sparse(product) and product.shape[0] <= DENSE_GRAPH:
        return product.toarray()
    return product


def _shared_gram(rows, df):
    """rows @ rows.T for a dense sentence-by-term matrix, with `df` each term's
    number of sentences. A term found in one sentence adds to that sentence's own
    entry alone, so the pairs come from the shared terms' columns (a fifth of them
    in news: a product five times smaller) and the diagonal from each row's sum
    of squares; in one thread (products.py)."""
    import numpy as np

    product = gram(rows[:, df > 1])
    np.einsum("ij,ij->i", rows, rows, out=product.reshape(-1)[:: len(rows) + 1])
    return product


def lexrank_from_counts(counts, threshold: float = 0.1, epsilon: float = 0.1):
    """sumy's LexRank from a term-count matrix (sentences x terms)."""
    import numpy as np

    n = counts.shape[0]
    if _sparse(counts):
        from scipy import sparse

        row_max = counts.max(axis=1).toarray().ravel()
        row_max[row_max == 0] = 1
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        idf = np.log(n / (1.0 + df))
        weighted = (sparse.diags(1.0 / row_max) @ counts @ sparse.diags(idf)).tocsr()
        similar = _graph(weighted @ weighted.T)
    else:
        row_max = counts.max(axis=1)
        row_max[row_max == 0] = 1
        df = np.count_nonzero(counts, axis=0)
        idf = np.log(n / (1.0 + df))
        weighted = counts * (1.0 / row_max)[:, None] * idf[None, :]  # tf (count / the row's top count) x idf
        similar = _shared_gram(weighted, df)
    norms = np.sqrt(similar.diagonal())
    # A sentence without weighted terms has a zero row: similar to nothing, as in sumy.
    inverse = 1.0 / np.where(norms > 0, norms, 1.0)
    if _sparse(similar):
        from scipy import sparse

        scale = sparse.diags(inverse)
        adjacency = ((scale @ similar @ scale) > threshold).astype(np.float64).tocsr()
        degrees = np.asarray(adjacency.sum(axis=1)).ravel()
        degrees[degrees == 0] = 1
        matrix_t = (sparse.diags(1.0 / degrees) @ adjacency).T.tocsr()
    else:
        adjacency = (similar * inverse[:, None] * inverse[None, :]) > threshold
        degrees = adjacency.sum(axis=1).astype(np.float64)
        degrees[degrees == 0] = 1
        matrix_t = (adjacency / degrees[:, None]).T
    return _lexrank_power(matrix_t, epsilon)


def _lexrank_power(matrix_t, epsilon: float):
    """sumy's power method for LexRank: unit-length steps until one moves <= epsilon."""
    import numpy as np

    n = matrix_t.shape[0]
    p = np.full(n, 1.0 / n)
    # 1,000 steps bound a graph that never settles (sumy would loop forever on it).
    # The product is sumy's own (numpy.dot of the transposed matrix, as a view): the
    # same sums in the same order, so near-ties break as in sumy; in blocks of rows
    # kept in one thread (products.py), as each step is small and there are many.
    dense = not _sparse(matrix_t)
    for _ in range(1000):
        nxt = matvec(matrix_t, p) if dense else matrix_t @ p
        norm = math.sqrt(nxt @ nxt)
        if norm == 0:  # no edges at all (no sentence has a weighted term)
            return np.zeros(n)
        nxt /= norm
        diff = nxt - p
        p = nxt
        if math.sqrt(diff @ diff) <= epsilon:
            break
    return p


def textrank_from_counts(counts, lengths, damping: float = 0.85, epsilon: float = 1e-4):
    """sumy's TextRank from a term-count matrix and each sentence's number of terms."""
    import numpy as np

    n = counts.shape[0]
    # shared occurrences, with repeats, as sumy counts them (whole numbers: exact in
    # any order of summation)
    overlap = _graph(counts @ counts.T) if _sparse(counts) else _shared_gram(counts, np.count_nonzero(counts, axis=0))
    logs = np.log(np.maximum(lengths, 1)).astype(np.float64)
    if _sparse(overlap):
        from scipy import sparse

        overlap = overlap.tocoo()
        norm = logs[overlap.row] + logs[overlap.col]
        tiny = np.isclose(norm, 0.0)  # both sentences one word long: sumy keeps the raw count
        values = np.where(tiny, overlap.data, overlap.data / np.where(tiny, 1.0, norm))
        weights = sparse.csr_matrix((values, (overlap.row, overlap.col)), shape=(n, n))
        rows = np.asarray(weights.sum(axis=1)).ravel() + 1e-7  # sumy's zero-division guard
        weights_t = (sparse.diags(1 / rows) @ weights).T.tocsr()
    else:
        norm = logs[:, None] + logs[None, :]
        tiny = np.isclose(norm, 0.0)
        weights = np.where(tiny, overlap, overlap / np.where(tiny, 1.0, norm))
        weights /= weights.sum(axis=1)[:, None] + 1e-7
        weights_t = weights.T
    teleport = (1.0 - damping) / n
    p = np.full(n, 1.0 / n)
    if not _sparse(weights_t):
        # One dense transition matrix: each step is then a single product.
        transition_t = teleport + damping * weights_t
        for _ in range(10_000):  # sumy iterates until the step is at most epsilon; this bounds it
            nxt = matvec(transition_t, p)  # in one thread (products.py): many small steps
            diff = nxt - p
            p = nxt
            if math.sqrt(diff @ diff) <= epsilon:
                break
        return p
    for _ in range(10_000):
        nxt = teleport * p.sum() + damping * (weights_t @ p)
        diff = nxt - p
        p = nxt
        if math.sqrt(diff @ diff) <= epsilon:
            break
    return p


def _same_text_same_score(sentences, scores):
    """sumy keys scores by sentence text: repeated sentences all get the last one's score."""
    last: dict[str, int] = {}
    for i, text in enumerate(sentences):
        last[text] = i
    if len(last) == len(sentences):
        return scores
    scores = scores.copy()
    for i, text in enumerate(sentences):
        scores[i] = scores[last[text]]
    return scores


def _ranking(scores, name: str) -> list[Ranked]:
    # Compared rounded (float noise between processes must not flip an order), then by position.
    keys = [-round(s, SCORE_DECIMALS) for s in scores.tolist()]
    order = sorted(range(len(keys)), key=lambda i: (keys[i], i))
    return [Ranked(i, float(scores[i]), ((name, float(scores[i])),)) for i in order]


class LexRankSummarizer:
    """LexRank as sumy computes it, vectorised."""

    name = "lexrank"
    # Past 2,000 sentences the graph goes sparse; 5,000 keep a huge input to about a second.
    max_sentences = 5000

    def rank(self, doc: Document) -> list[Ranked]:
        if not doc.sentences:
            return []
        counts, _ = counts_from_scan(vocabulary(doc.language).scan(doc.sentences))
        scores = _same_text_same_score(doc.sentences, lexrank_from_counts(counts))
        return _ranking(scores, "lexrank")


class TextRankSummarizer:
    """TextRank as sumy computes it, vectorised."""

    name = "textrank"
    max_sentences = 5000  # as LexRank

    def rank(self, doc: Document) -> list[Ranked]:
        if not doc.sentences:
            return []
        scan = vocabulary(doc.language).scan(doc.sentences)
        counts, _ = counts_from_scan(scan)
        scores = _same_text_same_score(doc.sentences, textrank_from_counts(counts, scan.per_sentence(scan.kept)))
        return _ranking(scores, "textrank")
