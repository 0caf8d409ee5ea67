"""Comparing statements (or the paragraphs of one statement) with each other.

Every function takes plain inputs (texts, token lists, citation or paragraph tables) labelled by a
Series index or mapping keys, and returns labelled DataFrames. Matrices keep the input order of the
labels; long tables are sorted by value (descending) with the input order as tie-breaker.

- ``tfidf_similarity``: cosine of TF-IDF vectors of given token lists (scikit-learn).
- ``char_ngram_jaccard``: Jaccard of character n-gram sets, by sparse binary matrix products.
- ``shared_passages`` / ``corpus_passages`` / ``passage_reuse`` / ``recurring_passages``:
  maximal common substrings ("agreed language") and how much of a text they cover.
- ``citations_by_statement`` / ``citation_jaccard``: which statements cite which resolutions.
- ``opening_profiles``: opening verbs of many statements side by side.
- ``keyness_against_rest``: key words of one unit against all the others (``helpers.keyness``).
- ``comparison_units``: the operative paragraphs of one statement, or whole statements when there are several.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import sparse

from helpers.analysis.shingles import Shingles, covered, maximal_matches, sorted_windows
from helpers.errors import DataError

PASSAGE_COLUMNS = ["a", "b", "start_a", "end_a", "start_b", "end_b", "length", "passage"]
REUSE_COLUMNS = ["a", "b", "n_passages", "longest", "chars_a", "chars_b", "covered_a", "covered_b", "reuse"]


# ---------------------------------------------------------------------------------------------
# Inputs


def _labelled(items: Mapping | pd.Series | Sequence, what: str) -> pd.Series:
    """Return ``items`` as a Series indexed by unique labels (a plain sequence is labelled 0..n-1)."""
    if isinstance(items, pd.Series):
        series = items.copy()
    elif isinstance(items, Mapping):
        series = pd.Series(list(items.values()), index=list(items.keys()), dtype=object)
    else:
        series = pd.Series(list(items), dtype=object)
    if series.index.has_duplicates:
        duplicated = sorted(map(str, series.index[series.index.duplicated()].unique()))
        raise DataError(f"{what}: labels must be unique; repeated: {', '.join(duplicated)}.")
    return series


def _require_columns(table: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    missing = [column for column in columns if column not in table.columns]
    if missing:
        raise DataError(
            f"{what}: missing column(s) {', '.join(missing)}; found {', '.join(map(str, table.columns))}."
        )


def _tokens_as_given(tokens: Sequence[str]) -> Sequence[str]:
    """Analyzer for scikit-learn vectorizers: the document already is its list of tokens."""
    return tokens


class _CharNgrams:
    """Analyzer: every run of ``n`` consecutive characters of a text, as it stands (no normalising)."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __call__(self, text: str) -> list[str]:
        return [text[i : i + self.n] for i in range(len(text) - self.n + 1)]


def _check_n(value: int, name: str) -> int:
    if not isinstance(value, int | np.integer) or value < 1:
        raise DataError(f"{name} must be a whole number of characters, 1 or more; got {value!r}.")
    return int(value)


# ---------------------------------------------------------------------------------------------
# Similarity matrices


def _binary_jaccard(matrix: sparse.spmatrix) -> np.ndarray:
    """Jaccard between the rows of a sparse 0/1 matrix: |A∩B| / |A∪B| (NaN where both rows are empty).

    Intersections come from one sparse product ``X @ X.T``; no loop over pairs.
    """
    binary = sparse.csr_matrix(matrix, dtype=np.int64)
    binary.data[:] = 1
    intersection = (binary @ binary.T).toarray().astype(float)
    sizes = np.asarray(binary.sum(axis=1)).ravel().astype(float)
    union = sizes[:, None] + sizes[None, :] - intersection
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(union > 0, intersection / np.where(union > 0, union, 1), np.nan)


def _square(values: np.ndarray, labels: pd.Index, name: str) -> pd.DataFrame:
    frame = pd.DataFrame(values, index=labels.copy(), columns=labels.copy())
    frame.index.name = name
    frame.columns.name = name
    return frame


def tfidf_similarity(
    tokens: Mapping[object, Sequence[str]] | pd.Series, among: Sequence[object] | None = None
) -> pd.DataFrame:
    """Return the cosine similarity of TF-IDF vectors of token lists, as a labels × labels DataFrame.

    ``tokens`` maps each label (a statement, a paragraph) to its list of tokens, e.g. from
    ``helpers.tokenize``; tokens are used exactly as given (scikit-learn ``TfidfVectorizer`` with an
    identity analyzer, smoothed idf, l2 norm), so cosine is one sparse product. Values lie in [0, 1];
    a label without tokens has similarity 0 with everything, itself included. ``among`` keeps only those
    labels (in that order) as rows and columns, with the weights still learnt from every text: the values
    are those of the full matrix, without computing it (for a few texts of a large corpus).
    """
    series = _labelled(tokens, "tfidf_similarity")
    documents = [list(value) for value in series]
    if not any(documents):
        raise DataError("tfidf_similarity: no tokens at all; give each label its list of tokens.")
    from sklearn.feature_extraction.text import TfidfVectorizer  # slow to import; only needed here

    vectors = TfidfVectorizer(analyzer=_tokens_as_given).fit_transform(documents).tocsr()
    labels = series.index
    if among is not None:
        rows = labels.get_indexer(pd.Index(list(among)))
        if (rows < 0).any():
            unknown = [str(label) for label, row in zip(among, rows, strict=True) if row < 0]
            raise DataError(f"tfidf_similarity: unknown label(s) in among: {', '.join(unknown)}.")
        vectors, labels = vectors[rows], labels[rows]
    cosine = (vectors @ vectors.T).toarray()
    return _square(np.clip(cosine, 0.0, 1.0), labels, "label")


def char_ngram_jaccard(texts: Mapping[object, str] | pd.Series, n: int = 3) -> pd.DataFrame:
    """Return the Jaccard similarity of the sets of character n-grams of texts, labels × labels.

    n-grams are taken from the text as it stands (punctuation included, nothing normalised). NaN
    where neither text has an n-gram (both shorter than ``n``).
    """
    n = _check_n(n, "n")
    series = _labelled(texts, "char_ngram_jaccard").astype(str)
    from sklearn.feature_extraction.text import CountVectorizer  # slow to import; only needed here

    vectorizer = CountVectorizer(analyzer=_CharNgrams(n), binary=True)
    try:
        matrix = vectorizer.fit_transform(series.tolist())
    except ValueError:  # scikit-learn refuses an empty vocabulary
        matrix = sparse.csr_matrix((len(series), 0), dtype=np.int64)
    return _square(_binary_jaccard(matrix), series.index, "label")


def similarity_pairs(matrix: pd.DataFrame, name: str = "similarity") -> pd.DataFrame:
    """Return the upper triangle of a square similarity matrix as a long table: a, b, ``name``.

    One row per unordered pair of different labels, most similar first; ties keep the labels' order.
    """
    if list(matrix.index) != list(matrix.columns):
        raise DataError("similarity_pairs: the matrix must be square with the same labels on both axes.")
    rows, cols = np.triu_indices(len(matrix), k=1)
    values = matrix.to_numpy(dtype=float)[rows, cols]
    order = np.lexsort((cols, rows, -np.nan_to_num(values, nan=-np.inf)))
    labels = matrix.index
    return pd.DataFrame(
        {"a": labels[rows[order]], "b": labels[cols[order]], name: values[order]}
    ).reset_index(drop=True)


NEIGHBOUR_COLUMNS = ["a", "b", "rank", "jaccard", "cosine"]
EXACT_NEIGHBOURS_UP_TO = 2000
"""``nearest_neighbours(method="auto")`` is exact up to this many texts and uses MinHash LSH above."""


def _shingle_matrix(texts: list[str], n: int) -> sparse.csr_matrix:
    """Texts × distinct character n-grams, 0/1 (hashed shingles)."""
    shingles = Shingles.of(texts, n)
    if len(shingles.hashes) == 0:
        return sparse.csr_matrix((len(texts), 0), dtype=np.float32)
    _, column = np.unique(shingles.hashes, return_inverse=True)
    matrix = sparse.csr_matrix(
        (np.ones(len(column), dtype=np.float32), (shingles.owner, column)), shape=(len(texts), int(column.max()) + 1)
    )
    matrix.data[:] = 1
    return matrix


def _pair_values(left: sparse.csr_matrix, right: sparse.csr_matrix, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise dot products ``left[a[k]] · right[b[k]]`` for many pairs, in blocks (bounded memory)."""
    out = np.zeros(len(a), dtype=np.float64)
    for start in range(0, len(a), 4096):
        block = slice(start, start + 4096)
        out[block] = np.asarray(left[a[block]].multiply(right[b[block]]).sum(axis=1)).ravel()
    return out


def _exact_candidates(matrix: sparse.csr_matrix, k: int) -> tuple[np.ndarray, np.ndarray]:
    """For each row, the other rows of the ``k`` highest Jaccard (ties: lower row first), by blocks of rows."""
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    count = matrix.shape[0]
    rows, cols = [], []
    for start in range(0, count, 512):
        stop = min(count, start + 512)
        shared = (matrix[start:stop] @ matrix.T).toarray()
        union = sizes[start:stop, None] + sizes[None, :] - shared
        jaccard = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
        jaccard[np.arange(stop - start), np.arange(start, stop)] = -1.0
        for offset, values in enumerate(jaccard):
            order = np.lexsort((np.arange(count), -values))[: min(k, count - 1)]
            rows += [start + offset] * len(order)
            cols += order.tolist()
    return np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)


def _minhash_candidates(texts: list[str], n: int, k: int, num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """For each text, up to ``k`` others from a MinHash LSH Forest of its n-gram shingles (datasketch)."""
    from datasketch import MinHash, MinHashLSHForest

    shingles = Shingles.of(texts, n)
    bounds = np.searchsorted(shingles.owner, np.arange(len(texts) + 1))
    sets = ([int(v) for v in np.unique(shingles.hashes[bounds[i] : bounds[i + 1]])] for i in range(len(texts)))
    minhashes = list(MinHash.generator(sets, num_perm=num_perm, seed=seed, hashfunc=int, scheme="affine64"))
    forest = MinHashLSHForest(num_perm=num_perm)
    for i, minhash in enumerate(minhashes):
        forest.add(i, minhash)
    forest.index()
    rows, cols = [], []
    for i, minhash in enumerate(minhashes):
        found = sorted(j for j in forest.query(minhash, k + 1) if j != i)
        rows += [i] * len(found)
        cols += found
    return np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)


def nearest_neighbours(
    texts: Mapping[object, str] | pd.Series,
    k: int = 10,
    n: int = 3,
    tokens: pd.Series | None = None,
    method: str = "auto",
    candidates: int | None = None,
    num_perm: int = 128,
    seed: int = 1,
) -> pd.DataFrame:
    """Return the ``k`` most similar texts of each text (Jaccard of character n-gram sets), a sparse table.

    The output grows with the corpus, not its square (a 10,000 × 10,000 matrix is 10⁸ values). Columns: a,
    b (labels), rank (1 = most similar to a), jaccard (exact Jaccard of the two texts' ``n``-gram sets, as
    in ``char_ngram_jaccard``), cosine (TF-IDF cosine of ``tokens``, a Series of token lists labelled like
    ``texts`` as from ``group_tokens``, as in ``tfidf_similarity``; NaN without tokens). Sorted by a (input
    order), then rank; ties by the label order of b.

    ``method``: ``exact`` compares every pair (by blocks of rows; time grows with the square of the corpus),
    ``minhash`` takes ``candidates`` (default ``4k``) per text from a MinHash LSH Forest (datasketch,
    ``num_perm`` permutations, ``seed``; the same result on every run) and ranks them by their exact
    Jaccard: linear in the corpus, approximate (a true neighbour may be missed; ``benchmarks/bench_scale.py``
    reports the recall against exact). ``auto``: exact up to EXACT_NEIGHBOURS_UP_TO texts.
    """
    series = _labelled(texts, "nearest_neighbours").astype(str)
    n = _check_n(n, "n")
    if not isinstance(k, int | np.integer) or k < 1:
        raise DataError(f"k must be a whole number of neighbours, 1 or more; got {k!r}.")
    if method == "auto":
        method = "exact" if len(series) <= EXACT_NEIGHBOURS_UP_TO else "minhash"
    if method not in ("exact", "minhash"):
        raise DataError(f"unknown method {method!r}; use exact, minhash or auto.")
    values = series.tolist()
    matrix = _shingle_matrix(values, n)
    if method == "exact":
        a, b = _exact_candidates(matrix, k)
    else:
        a, b = _minhash_candidates(values, n, candidates or 4 * k, num_perm, seed)
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    shared = _pair_values(matrix, matrix, a, b)
    union = sizes[a] + sizes[b] - shared
    jaccard = np.divide(shared, union, out=np.full(len(a), np.nan), where=union > 0)
    cosine = np.full(len(a), np.nan)
    if tokens is not None:
        token_lists = _labelled(tokens, "nearest_neighbours tokens").reindex(series.index)
        documents = [list(value) if isinstance(value, list | tuple) else [] for value in token_lists]
        if any(documents):
            from sklearn.feature_extraction.text import TfidfVectorizer  # slow to import; only needed here

            vectors = TfidfVectorizer(analyzer=_tokens_as_given).fit_transform(documents).tocsr()
            cosine = np.clip(_pair_values(vectors, vectors, a, b), 0.0, 1.0)
    order = np.lexsort((b, -np.nan_to_num(jaccard, nan=-1.0), a))
    a, b, jaccard, cosine = a[order], b[order], jaccard[order], cosine[order]
    starts = np.flatnonzero(np.r_[True, a[1:] != a[:-1]]) if len(a) else np.zeros(0, dtype=np.int64)
    position = np.arange(len(a)) - np.repeat(starts, np.diff(np.r_[starts, len(a)]))
    rank = position + 1
    keep = rank <= k
    labels = series.index
    table = pd.DataFrame(
        {"a": labels[a[keep]], "b": labels[b[keep]], "rank": rank[keep].astype("int64"),
         "jaccard": jaccard[keep], "cosine": cosine[keep]}
    )
    return table[NEIGHBOUR_COLUMNS]


# ---------------------------------------------------------------------------------------------
# Shared passages


def _passage_table(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=columns)
    return table.astype({c: "int64" for c in PASSAGE_COLUMNS[2:7]}).astype({"passage": "str"})


def shared_passages(a: str, b: str, min_chars: int = 10) -> pd.DataFrame:
    """Return every maximal common substring of two texts of at least ``min_chars`` characters.

    A passage is a pair of spans ``a[start_a:end_a] == b[start_b:end_b]`` that cannot be extended by one
    character on either side in both texts at once (a maximal exact match); a repeated passage gives one
    row per pair of occurrences. Columns: start_a, end_a, start_b, end_b, length, passage; longest
    first, then by start_a, start_b.

    Method: every ``min_chars``-character window of both texts is hashed (``helpers.analysis.shingles``);
    a maximal match is a run of equal windows on one diagonal, found by sorting, and checked against the
    texts. Complete, without duplicates, linear in the texts plus the length of the output.
    """
    n = _check_n(min_chars, "min_chars")
    shingles = Shingles.of([a, b], n)
    matches = maximal_matches(a, b, shingles.of_text(0), shingles.of_text(1), n).tolist()
    rows = [(i, i + length, j, j + length, length, a[i : i + length]) for i, j, length in matches]
    return _passage_table(rows, PASSAGE_COLUMNS[2:])


def _candidate_pairs(shingles: Shingles, count: int) -> list[tuple[int, int]]:
    """Positions (i < j) of the texts that share at least one shingle, from one sparse product."""
    if len(shingles.hashes) == 0:
        return []
    _, column = np.unique(shingles.hashes, return_inverse=True)
    matrix = sparse.csr_matrix(
        (np.ones(len(column), dtype=np.int32), (shingles.owner, column)), shape=(count, int(column.max()) + 1)
    )
    matrix.data[:] = 1
    shared = sparse.triu(matrix @ matrix.T, k=1).tocoo()
    return sorted(zip(shared.row.tolist(), shared.col.tolist(), strict=True))


def _label_pairs(series: pd.Series, pairs: Iterable[tuple[object, object]]) -> list[tuple[int, int]]:
    """Positions (i < j) of given label pairs, each once, sorted; DataError names an unknown label."""
    position = {label: k for k, label in enumerate(series.index)}
    found = set()
    for a, b in pairs:
        for label in (a, b):
            if label not in position:
                raise DataError(f"pairs: unknown label {label!r}; give pairs of the texts' labels.")
        i, j = sorted((position[a], position[b]))
        if i != j:
            found.add((i, j))
    return sorted(found)


def _pair_matches(series: pd.Series, n: int, pairs: Iterable[tuple[object, object]] | None = None):
    """Yield (i, j, matches longest first) for every pair of texts (by position) sharing an n-gram, or for
    the given label ``pairs``."""
    texts = series.tolist()
    shingles = Shingles.of(texts, n)
    chosen = _candidate_pairs(shingles, len(texts)) if pairs is None else _label_pairs(series, pairs)
    windows: dict[int, tuple] = {}  # each text's windows, sorted once
    for i, j in chosen:
        for k in (i, j):
            if k not in windows:
                hashes = shingles.of_text(k)
                windows[k] = (hashes, sorted_windows(hashes))
        (hashes_i, sorted_i), (hashes_j, sorted_j) = windows[i], windows[j]
        yield i, j, maximal_matches(texts[i], texts[j], hashes_i, hashes_j, n, sorted_i, sorted_j)


def corpus_passages(
    texts: Mapping[object, str] | pd.Series, min_chars: int = 10, pairs: Iterable[tuple] | None = None
) -> pd.DataFrame:
    """Return the shared passages (see ``shared_passages``) of every pair of texts, labels a and b.

    Columns: a, b, start_a, end_a, start_b, end_b, length, passage. Only pairs that share a
    ``min_chars``-gram are compared (found by one sparse product over hashed shingles), or only the label
    ``pairs`` given (e.g. the a, b columns of ``nearest_neighbours``: in a large corpus whose texts all share
    text, every pair shares a passage and the table grows with the square of the corpus). Sorted by pair
    (labels' order), then longest first.
    """
    n = _check_n(min_chars, "min_chars")
    series = _labelled(texts, "corpus_passages").astype(str)
    labels, values = series.index, series.tolist()
    rows = [
        (labels[i], labels[j], s, s + length, t, t + length, length, values[i][s : s + length])
        for i, j, matches in _pair_matches(series, n, pairs)
        for s, t, length in matches.tolist()
    ]
    return _passage_table(rows, PASSAGE_COLUMNS)


def passage_reuse(
    texts: Mapping[object, str] | pd.Series, min_chars: int = 10, pairs: Iterable[tuple] | None = None
) -> pd.DataFrame:
    """Return a reuse score for every pair of texts that shares a passage of ``min_chars`` or more (or for
    the label ``pairs`` given, as in ``corpus_passages``).

    Columns: a, b, n_passages, longest (characters), chars_a, chars_b, covered_a, covered_b
    (characters of each text inside a shared passage) and reuse = the share of the shorter text that
    lies in shared passages (of the better-covered text when both are as long), from 0 to 1. Sorted by
    reuse (descending), then the labels' order. Pairs sharing nothing are left out.
    """
    n = _check_n(min_chars, "min_chars")
    series = _labelled(texts, "passage_reuse").astype(str)
    labels, lengths = series.index, series.str.len().tolist()
    rows, positions = [], []
    for i, j, matches in _pair_matches(series, n, pairs):
        if not len(matches):
            continue
        chars_a, chars_b = lengths[i], lengths[j]
        starts_a, starts_b, length = matches[:, 0], matches[:, 1], matches[:, 2]
        covered_a = covered(chars_a, starts_a, starts_a + length)
        covered_b = covered(chars_b, starts_b, starts_b + length)
        share_a, share_b = covered_a / chars_a, covered_b / chars_b
        reuse = share_a if chars_a < chars_b else share_b if chars_b < chars_a else max(share_a, share_b)
        rows.append(
            (labels[i], labels[j], len(matches), int(matches[0, 2]), chars_a, chars_b, covered_a, covered_b, reuse)
        )
        positions.append((i, j))
    table = pd.DataFrame(rows, columns=REUSE_COLUMNS)
    table = table.astype({c: "int64" for c in REUSE_COLUMNS[2:8]}).astype({"reuse": "float64"})
    if rows:
        first, second = (np.array(side, dtype=int) for side in zip(*positions, strict=True))
        table = table.iloc[np.lexsort((second, first, -table["reuse"].to_numpy()))].reset_index(drop=True)
    return table


def recurring_passages(texts: Mapping[object, str] | pd.Series, min_chars: int = 10) -> pd.DataFrame:
    """Return the passages of ``min_chars`` or more characters that occur in two or more texts.

    Columns: passage, length, n_texts (texts containing it), occurrences (in all texts, counted without
    overlap), texts (their labels, in input order, joined by ", "). A passage is left out when a longer
    one contains it and occurs in exactly the same texts. Sorted by n_texts, then length (both
    descending), then passage.
    """
    n = _check_n(min_chars, "min_chars")
    series = _labelled(texts, "recurring_passages").astype(str)
    values = series.tolist()
    candidates = sorted(set(corpus_passages(series, n)["passage"]), key=lambda p: (-len(p), p))
    shingles = Shingles.of(values, n)
    order = np.argsort(shingles.hashes, kind="stable")
    sorted_hashes, sorted_owner = shingles.hashes[order], shingles.owner[order]
    rows, kept = [], []
    for passage in candidates:
        # only texts holding the passage's first window can hold the passage
        first = Shingles.of([passage], n).hashes[0]
        lo, hi = np.searchsorted(sorted_hashes, first, "left"), np.searchsorted(sorted_hashes, first, "right")
        holders = [k for k in np.unique(sorted_owner[lo:hi]).tolist() if passage in values[k]]
        where = np.zeros(len(values), dtype=bool)
        where[holders] = True
        if any(passage in longer and np.array_equal(where, longer_where) for longer, longer_where in kept):
            continue
        kept.append((passage, where))
        labels = ", ".join(map(str, series.index[where]))
        occurrences = sum(values[k].count(passage) for k in holders)
        rows.append((passage, len(passage), int(where.sum()), occurrences, labels))
    table = pd.DataFrame(rows, columns=["passage", "length", "n_texts", "occurrences", "texts"])
    table = table.astype(
        {"passage": "str", "length": "int64", "n_texts": "int64", "occurrences": "int64", "texts": "str"}
    )
    return table.sort_values(
        ["n_texts", "length", "passage"], ascending=[False, False, True], ignore_index=True
    )


# ---------------------------------------------------------------------------------------------
# Citations


def citations_by_statement(
    citations: pd.DataFrame,
    kind: str | None = "resolution",
    symbols: Sequence[str] | None = None,
    by: str = "symbol",
) -> pd.DataFrame:
    """Return how often each statement cites each key: statements × keys counts (int).

    ``citations`` has columns symbol, kind, key (as from ``helpers.extract_citations``); only rows of
    ``kind`` count (all rows when None). Rows: ``symbols`` when given (statements citing nothing get
    zeros), else the symbols in order of first appearance. Columns: keys cited by most statements
    first, then by key. ``by`` names another column to use as rows instead of symbol (e.g. the
    labels of ``unit_labels`` to compare paragraphs).
    """
    _require_columns(citations, [by, "kind", "key"], "citation table")
    rows = citations if kind is None else citations[citations["kind"] == kind]
    order = list(dict.fromkeys(citations[by])) if symbols is None else list(symbols)
    unknown = sorted(map(str, set(rows[by]) - set(order)))
    if unknown:
        raise DataError(f"citation table: {by} {', '.join(unknown)} not in the list of statements given.")
    counts = pd.crosstab(pd.Categorical(rows[by], categories=order), rows["key"].astype(str), dropna=False)
    counts = counts.reindex(index=order, fill_value=0)
    spread = (counts > 0).sum(axis=0)
    keys = sorted(counts.columns, key=lambda key: (-int(spread[key]), key))
    counts = counts[keys].astype("int64")
    counts.index = pd.Index(order, name=by)
    counts.columns = pd.Index(keys, name="key", dtype="str")
    return counts


def citation_jaccard(
    citations: pd.DataFrame,
    kind: str | None = "resolution",
    symbols: Sequence[str] | None = None,
    by: str = "symbol",
) -> pd.DataFrame:
    """Return the Jaccard similarity of the sets of keys statements cite, statements × statements.

    Same inputs as ``citations_by_statement``; computed on its sparse 0/1 form. NaN where neither statement
    cites anything of ``kind``.
    """
    counts = citations_by_statement(citations, kind, symbols, by)
    values = _binary_jaccard(sparse.csr_matrix(counts.to_numpy() > 0))
    return _square(values, counts.index, by)


# ---------------------------------------------------------------------------------------------
# Opening verbs


def opening_profiles(paragraphs: pd.DataFrame, none_label: str = "(none)") -> pd.DataFrame:
    """Return the opening verbs of the operative paragraphs of many statements: symbols × verbs counts.

    ``paragraphs`` is a paragraph table (symbol, kind, opening, as from ``load_statement`` or
    ``load_corpus``); a paragraph with no recognised opening verb counts under ``none_label``. Rows keep
    the order of first appearance; columns are the verbs, most frequent overall first, then by verb.
    """
    _require_columns(paragraphs, ["symbol", "kind", "opening"], "paragraph table")
    symbols = list(dict.fromkeys(paragraphs["symbol"]))
    operative = paragraphs[paragraphs["kind"] == "operative"]
    verbs = operative["opening"].astype("str").fillna(none_label)
    counts = pd.crosstab(
        pd.Categorical(operative["symbol"], categories=symbols), verbs.to_numpy(), dropna=False
    )
    totals = counts.sum(axis=0)
    columns = sorted(counts.columns, key=lambda verb: (-int(totals[verb]), verb))
    counts = counts[columns].astype("int64")
    counts.index = pd.Index(symbols, name="symbol")
    counts.columns = pd.Index(columns, name="verb", dtype="str")
    return counts


# ---------------------------------------------------------------------------------------------
# What to compare


def comparison_units(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Return the texts to compare: statements when the table holds several, else its paragraphs.

    With one statement the units are its operative paragraphs, labelled ``¶1``, ``¶2``…; with several,
    each statement's operative paragraphs joined by newlines, labelled by symbol, in date then symbol
    order. Columns: label (index), symbol, para (paragraph number; NA for whole statements), text.
    ``attrs["unit"]`` is "paragraph" or "statement".
    """
    _require_columns(paragraphs, ["symbol", "date", "para", "kind", "text"], "paragraph table")
    operative = paragraphs[paragraphs["kind"] == "operative"]
    if operative.empty:
        raise DataError("paragraph table: no operative paragraphs to compare.")
    if operative["symbol"].nunique() == 1:
        operative = operative.sort_values("para")
        units = pd.DataFrame(
            {
                "symbol": operative["symbol"].to_numpy(),
                "para": operative["para"].astype("Int64").to_numpy(),
                "text": operative["text"].astype("str").to_numpy(),
            },
            index=pd.Index([f"¶{p}" for p in operative["para"]], name="label", dtype="str"),
        )
        units.attrs["unit"] = "paragraph"
        return units
    ordered = operative.sort_values(["date", "symbol", "para"], na_position="last", kind="stable")
    joined = ordered.groupby("symbol", sort=False)["text"].agg("\n".join)
    units = pd.DataFrame(
        {
            "symbol": joined.index.to_numpy(),
            "para": pd.array([pd.NA] * len(joined), dtype="Int64"),
            "text": joined.to_numpy(),
        },
        index=pd.Index(joined.index.to_numpy(), name="label", dtype="str"),
    )
    units["text"] = units["text"].astype("str")
    units.attrs["unit"] = "statement"
    return units


def group_tokens(
    token_table: pd.DataFrame, units: pd.DataFrame, drop_kinds: Iterable[str] = ("punct",)
) -> pd.Series:
    """Return each comparison unit's tokens, in text order: a Series of lists indexed like ``units``.

    ``token_table`` has columns symbol, para, position, token [, kind] (as from ``helpers.token_table``);
    tokens of ``drop_kinds`` (punctuation by default) are left out when the table has a kind column.
    ``units`` comes from ``comparison_units`` (paragraph units take their paragraph's tokens, statement
    units the tokens of all their operative paragraphs).
    """
    _require_columns(token_table, ["symbol", "para", "position", "token"], "token table")
    if "kind" in token_table.columns:
        token_table = token_table[~token_table["kind"].isin(list(drop_kinds))]
    codes = pd.Index(units.index).get_indexer(unit_labels(token_table, units))  # -1 outside every unit
    paras = pd.to_numeric(token_table["para"], errors="coerce").fillna(-1).to_numpy(dtype=np.int64)
    order = np.lexsort((token_table["position"].to_numpy(dtype=np.int64), paras, codes))  # unit, then text order
    bounds = np.searchsorted(codes[order], np.arange(len(units) + 1))
    values = token_table["token"].to_numpy(dtype=object)[order]
    tokens = [values[bounds[k] : bounds[k + 1]].tolist() for k in range(len(units))]
    return pd.Series(tokens, index=units.index.copy(), name="tokens", dtype=object)


def unit_labels(table: pd.DataFrame, units: pd.DataFrame) -> pd.Series:
    """Return the comparison-unit label of each row of a table with symbol and para columns.

    For paragraph units (``comparison_units`` of one statement) the label is ``¶N`` for rows of that
    statement's operative paragraphs; for statement units it is the symbol. Rows outside every unit
    (chapeaux, footnotes without a paragraph, another statement) get NA. Use it to compare citations or tokens per unit.
    """
    _require_columns(table, ["symbol", "para"], "table")
    symbols = table["symbol"].astype("str")
    paras = pd.to_numeric(table["para"], errors="coerce").astype("Float64")
    if units.attrs.get("unit") == "paragraph":
        keys = pd.MultiIndex.from_arrays([units["symbol"].astype("str"), units["para"].astype("Float64")])
        found = keys.get_indexer(pd.MultiIndex.from_arrays([symbols, paras.fillna(-1.0)]))
        labels = pd.Series(units.index.to_numpy(dtype=object), dtype="str")
        values = labels.reindex(found).to_numpy(dtype=object)
    else:
        inside = symbols.isin(set(units.index)) & paras.notna() & paras.fillna(0).gt(0)
        values = symbols.where(inside).to_numpy(dtype=object)
    return pd.Series(values, index=table.index, name="unit", dtype="str")


def keyness_against_rest(unit_tokens: pd.Series, label: object, **options) -> pd.DataFrame:
    """Return the keyness of one unit's tokens against the tokens of all other units.

    ``unit_tokens`` is a Series of token lists (from ``group_tokens``); ``label`` names the target unit.
    The two counts go to ``helpers.keyness`` (``options`` passed on), so the columns are term,
    count_target, count_reference, g2, p_value, log_ratio, sorted by g2 (descending), then term.
    """
    from helpers.analysis.terms import keyness

    if label not in unit_tokens.index:
        known = ", ".join(map(str, unit_tokens.index))
        raise DataError(f"keyness_against_rest: unknown unit {label!r}; units: {known}.")
    if len(unit_tokens) < 2:
        raise DataError("keyness_against_rest: needs at least two units (the target and a reference).")
    target = Counter(unit_tokens[label])
    reference = Counter(token for other, tokens in unit_tokens.items() if other != label for token in tokens)
    return keyness(target, reference, **options)
