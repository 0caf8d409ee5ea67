"""Run a stage that works one document at a time on all cores, with the same result as the serial run.

Used by every layer (like ``errors.py``): ``load_corpus`` (checksums and cleaning), ``token_table``
(segmentation) and ``extract_citations`` each split their input by document, map over the pieces here and
concatenate the pieces' results in input order, so the parallel result is identical to the serial one.

Why joblib (already installed with scikit-learn) and not a hand-made process pool or Dask: jieba and the
cleaner are pure Python, so only processes help (threads share one GIL); joblib's ``loky`` workers are
started once and reused across calls (the jieba dictionary is loaded once per worker, not per call), they
return results in input order, and ``joblib.parallel_config(backend="dask")`` sends the same calls to a Dask
cluster when a corpus outgrows one machine, without changing this code.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

import pandas as pd

from helpers.errors import DataError

PIECE_DOCUMENTS = 250
"""Documents per piece of work at most: pieces stay small, so a stage's cost per piece does not grow with
the corpus, and the workers' loads even out."""
PARALLEL_MIN_DOCUMENTS = 400
"""Below this many documents a stage runs in this process: starting workers (each imports pandas and loads
the jieba dictionary, about 2 s) costs more than it saves."""


def worker_count(workers: int | None, n_documents: int) -> int:
    """Return how many processes to use: ``workers`` if given (0 or negative: all cores), else all cores for
    at least PARALLEL_MIN_DOCUMENTS documents and 1 below; never more than there are documents."""
    if workers is not None and not isinstance(workers, int):
        raise DataError(f"workers must be a whole number (1 = no parallelism); got {workers!r}.")
    cores = os.cpu_count() or 1
    if workers is None:
        workers = cores if n_documents >= PARALLEL_MIN_DOCUMENTS else 1
    elif workers <= 0:
        workers = cores
    return max(1, min(workers, n_documents))


def document_chunks(symbols: pd.Series, n_chunks: int) -> list[tuple[int, int]]:
    """Split the rows of a table into at most ``n_chunks`` runs of whole documents (a document never spans
    two runs): ``(start, stop)`` row positions, in order, of about equal numbers of rows.

    ``symbols`` is the table's symbol column; rows of one document must be consecutive.
    """
    starts = symbols.ne(symbols.shift()).to_numpy().nonzero()[0].tolist()
    bounds = [0]
    target = len(symbols) / max(1, n_chunks)
    for start in starts[1:]:
        if start >= target * len(bounds) and len(bounds) < n_chunks:
            bounds.append(start)
    bounds.append(len(symbols))
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def map_in_order(function: Callable, pieces: Sequence, workers: int) -> list:
    """Return ``[function(piece) for piece in pieces]``, computed by ``workers`` processes when above 1."""
    if workers <= 1 or len(pieces) <= 1:
        return [function(piece) for piece in pieces]
    from joblib import Parallel, delayed

    return Parallel(n_jobs=workers)(delayed(function)(piece) for piece in pieces)


def map_documents(function: Callable[[pd.DataFrame], pd.DataFrame], table: pd.DataFrame, workers: int) -> pd.DataFrame:
    """Apply ``function`` to runs of whole documents of ``table`` on ``workers`` processes; concatenate in order.

    ``function`` must give, for a table of some documents, the rows it would give for them inside the whole
    table (a per-document computation); the result then equals ``function(table)``.
    """
    pieces = max(workers * 4, -(-int(table["symbol"].nunique()) // PIECE_DOCUMENTS))
    chunks = document_chunks(table["symbol"], pieces)
    results = map_in_order(function, [table.iloc[a:b] for a, b in chunks], workers)
    return pd.concat(results, ignore_index=True) if results else function(table)
