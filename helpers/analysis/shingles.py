"""Character n-grams ("shingles") of many texts at once, as 64-bit rolling hashes in numpy arrays.

The index behind shared passages, provenance and near-duplicate search at corpus scale: every run of ``n``
characters of every text is hashed in a few vectorised passes (no Python loop over characters), so
candidate texts come from shared shingles and maximal matches come from runs of equal shingles along a
diagonal. Written here because no maintained library gives maximal exact matches between many pairs of
Chinese texts from one shared index (datasketch estimates set similarity; difflib and rapidfuzz align one
pair at a time); every match found from hashes is checked against the texts themselves, so a hash
collision can never produce a wrong passage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

BLOCK_CHARS = 1 << 18
"""Characters per block when work goes block by block (arrays of this size stay in the processor's cache)."""
_BASE = np.uint64(0x100000001B3)  # FNV-1 64-bit prime: odd, so multiplication is invertible mod 2**64


def codes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(codes, starts)``: the code points (+1) of all texts, each followed by a 0 separator, and the
    start of each text in that array (one more entry: the total length)."""
    lengths = np.fromiter((len(text) for text in texts), dtype=np.int64, count=len(texts))
    starts = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(lengths + 1, out=starts[1:])
    joined = "\0".join(texts)
    values = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64) + np.uint64(1)
    values = np.append(values, np.uint64(0))
    values[starts[1:] - 1] = 0  # separators by position, whatever characters the texts hold
    return values, starts


def rolling_hashes(values: np.ndarray, n: int) -> np.ndarray:
    """Return the hash of ``values[g:g+n]`` for every start g (length ``len(values) - n + 1``; 0 if negative)."""
    count = len(values) - n + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    hashes = values[:count].copy()
    for k in range(1, n):
        hashes *= _BASE
        hashes += values[k : k + count]
    return hashes


def blocks_of(lengths: np.ndarray, block_chars: int) -> list[int]:
    """Return the bounds of consecutive texts grouped into blocks of about ``block_chars`` characters:
    block k holds texts ``bounds[k]:bounds[k + 1]`` (a longer text is a block of its own)."""
    block = (np.cumsum(lengths + 1) - lengths - 1) // block_chars  # the block each text starts in
    return [0, *(np.flatnonzero(np.diff(block)) + 1).tolist(), len(lengths)]


def _block_shingles(texts: Sequence[str], n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (hashes, owner, position) of the ``n``-character windows of ``texts`` (see ``Shingles``)."""
    values, starts = codes(texts)
    hashes = rolling_hashes(values, n)
    lengths = np.diff(starts) - 1
    windows = np.maximum(lengths - n + 1, 0)
    owner = np.repeat(np.arange(len(texts), dtype=np.int64), windows)
    first = np.repeat(starts[:-1], windows)
    position = np.arange(len(owner), dtype=np.int64) - np.repeat(np.cumsum(windows) - windows, windows)
    return hashes[first + position], owner, position


@dataclass(frozen=True)
class Shingles:
    """The ``n``-character shingles of a list of texts.

    ``hashes[g]`` hashes ``text[p:p+n]`` where text ``owner[g]`` starts at ``starts[owner[g]]`` and
    ``p = g - starts[owner[g]]``; only windows inside one text are kept (``position`` = p).
    """

    n: int
    starts: np.ndarray
    hashes: np.ndarray
    owner: np.ndarray
    position: np.ndarray

    @classmethod
    def of(cls, texts: Sequence[str], n: int, block_chars: int = BLOCK_CHARS) -> Shingles:
        """Return the shingles of ``texts``. Consecutive texts are hashed in blocks of about ``block_chars``
        characters and the blocks joined, so the temporary arrays stay in the processor's cache however large
        the corpus (the same result as one pass; at 16 M characters 1.7 times faster or more)."""
        texts = list(texts)
        lengths = np.fromiter((len(text) for text in texts), dtype=np.int64, count=len(texts))
        starts = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(lengths + 1, out=starts[1:])
        first = np.zeros(len(texts) + 1, dtype=np.int64)  # the first window of each text
        np.cumsum(np.maximum(lengths - n + 1, 0), out=first[1:])
        hashes = np.empty(first[-1], dtype=np.uint64)
        owner = np.empty(first[-1], dtype=np.int64)
        position = np.empty(first[-1], dtype=np.int64)
        for a, b in pairwise(blocks_of(lengths, block_chars)):
            lo, hi = first[a], first[b]
            hashes[lo:hi], owner[lo:hi], position[lo:hi] = _block_shingles(texts[a:b], n)
            owner[lo:hi] += a
        return cls(n, starts, hashes, owner, position)

    def of_text(self, index: int) -> np.ndarray:
        """Return the shingle hashes of text ``index``, one per start position."""
        lo, hi = np.searchsorted(self.owner, [index, index + 1])
        return self.hashes[lo:hi]


def repeat_ranges(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (which, k): for each i, every k in range(lo[i], hi[i]), flattened."""
    counts = hi - lo
    which = np.repeat(np.arange(len(lo), dtype=np.int64), counts)
    k = np.arange(int(counts.sum()), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts) + np.repeat(lo, counts)
    return which, k


def sorted_windows(hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(order, hashes[order])``: a text's windows sorted by hash (compute once per text, reuse)."""
    order = np.argsort(hashes, kind="stable")
    return order, hashes[order]


def maximal_matches(
    a: str, b: str, hashes_a: np.ndarray, hashes_b: np.ndarray, n: int,
    sorted_a: tuple[np.ndarray, np.ndarray] | None = None, sorted_b: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """Return every maximal exact match of ``n`` or more characters between ``a`` and ``b``.

    A row ``(start_a, start_b, length)`` per pair of occurrences that cannot be extended by one character on
    either side in both texts at once; longest first, then by start_a, start_b. ``hashes_*`` are the texts'
    ``n``-shingle hashes (``sorted_*``: their ``sorted_windows``, when already computed). A maximal match is
    a run of equal shingles on one diagonal (start_b - start_a), found by a sorted join; each run is checked
    character by character, and a pair with a hash collision is recomputed exactly.
    """
    empty = np.zeros((0, 3), dtype=np.int64)
    if len(hashes_a) == 0 or len(hashes_b) == 0:
        return empty
    order_a, values_a = sorted_a if sorted_a is not None else sorted_windows(hashes_a)
    order_b, values_b = sorted_b if sorted_b is not None else sorted_windows(hashes_b)
    lo = np.searchsorted(values_b, values_a, "left")
    hi = np.searchsorted(values_b, values_a, "right")
    which, k = repeat_ranges(lo, hi)
    if len(which) == 0:
        return empty
    i, j = order_a[which], order_b[k]
    diagonal = j - i
    sequence = np.lexsort((i, diagonal))
    i, diagonal = i[sequence], diagonal[sequence]
    new_run = np.ones(len(i), dtype=bool)
    new_run[1:] = (diagonal[1:] != diagonal[:-1]) | (i[1:] != i[:-1] + 1)
    run_start = np.flatnonzero(new_run)
    run_length = np.diff(np.append(run_start, len(i)))
    starts_a = i[run_start]
    starts_b = starts_a + diagonal[run_start]
    lengths = run_length + n - 1
    found = np.column_stack([starts_a, starts_b, lengths])
    if not all(a[s : s + m] == b[t : t + m] for s, t, m in found.tolist()):
        return exact_maximal_matches(a, b, n)  # a 64-bit hash collision: recompute this pair exactly
    return found[np.lexsort((found[:, 1], found[:, 0], -found[:, 2]))]


def covered(length: int, starts: np.ndarray, ends: np.ndarray) -> int:
    """Number of positions of a text of ``length`` characters inside at least one span [start, end)."""
    if len(starts) == 0:
        return 0
    order = np.argsort(starts, kind="stable")
    starts, ends = np.clip(starts[order], 0, length), np.clip(ends[order], 0, length)
    reach = np.maximum.accumulate(ends)
    before = np.concatenate([[0], reach[:-1]])
    return int(np.maximum(ends - np.maximum(starts, before), 0).sum())


def exact_maximal_matches(a: str, b: str, n: int) -> np.ndarray:
    """The same rows as ``maximal_matches``, computed from the characters (seed and extend; no hashing)."""
    index: dict[str, list[int]] = {}
    for j in range(len(b) - n + 1):
        index.setdefault(b[j : j + n], []).append(j)
    found = []
    for i in range(len(a) - n + 1):
        for j in index.get(a[i : i + n], ()):
            if i and j and a[i - 1] == b[j - 1]:
                continue
            length = n
            while i + length < len(a) and j + length < len(b) and a[i + length] == b[j + length]:
                length += 1
            found.append((i, j, length))
    found.sort(key=lambda m: (-m[2], m[0], m[1]))
    return np.array(found, dtype=np.int64).reshape(-1, 3)
