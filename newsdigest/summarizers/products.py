"""Matrix products kept in one thread: the news summarizer's are small and many.

OpenBLAS (numpy's BLAS) hands a product to its worker threads once it is big
enough: more than 262,144 multiply-adds for a matrix product (its
`GEMM_MULTITHREAD_THRESHOLD` of 4 x 65,536), more than 9,216 for a
matrix-vector one. For an article of a hundred sentences that pays off on an
idle machine and costs milliseconds on a busy one: the workers must be woken,
and then spin. On the dev set, 4% of the articles crossed that size and took
half of the ranking time under load. So the products here are cut into blocks
of rows that each stay below those sizes: the same numbers (every entry is
still one BLAS dot product), one thread, a few calls more. A product too big
to cut that way (one row over the limit) goes to BLAS whole, threads and all:
there the work outweighs the hand-off.
"""

from __future__ import annotations

# Multiply-adds per call, under OpenBLAS's thresholds for using threads.
MATRIX_BLOCK = 200_000  # matrix x matrix (threads above 262,144)
VECTOR_BLOCK = 8_192  # matrix x vector (threads above 9,216)


def gram(a):
    """a @ a.T for a dense 2-D array, in blocks of rows."""
    import numpy as np

    n, width = a.shape
    # For a C-ordered `a` this is a copy, and np.dot runs a general product. For an
    # F-ordered one (a column selection such as features._cosines makes) it is a
    # view of the same memory: numpy then sees a @ a.T and runs BLAS's syrk (every
    # entry still one dot product). The news summarizer's scores were fixed with
    # the latter; blocks of rows are general products either way.
    right = np.ascontiguousarray(a.T)
    rows = MATRIX_BLOCK // max(n * width, 1)
    if rows >= n or rows == 0:
        return np.dot(a, right)
    out = np.empty((n, n))
    for start in range(0, n, rows):
        np.dot(a[start : start + rows], right, out=out[start : start + rows])
    return out


def matmul(a, b):
    """a @ b for dense 2-D arrays, in blocks of rows."""
    import numpy as np

    n, inner = a.shape
    rows = MATRIX_BLOCK // max(inner * b.shape[1], 1)
    if rows >= n or rows == 0:
        return np.dot(a, b)
    out = np.empty((n, b.shape[1]))
    for start in range(0, n, rows):
        np.dot(a[start : start + rows], b, out=out[start : start + rows])
    return out


def matvec(m, v):
    """m @ v for a dense 2-D array and a vector, in blocks of rows."""
    import numpy as np

    n, width = m.shape
    rows = VECTOR_BLOCK // max(width, 1)
    if rows >= n or rows == 0:
        return np.dot(m, v)
    out = np.empty(n)
    for start in range(0, n, rows):
        np.dot(m[start : start + rows], v, out=out[start : start + rows])
    return out
