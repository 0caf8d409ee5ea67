"""Where the agreed language of a document comes from: the passages it shares with earlier documents.

``provenance(corpus, symbol)`` cuts every paragraph of one document into segments: text found (exactly or
near-verbatim) in an earlier document of the corpus, attributed to the EARLIEST document holding it, and
new text. ``reuse_over_time(corpus)`` gives the share of reused text of every document at once (exact
passages), for series over time.

Documents are ordered by date, then symbol (``symbol_order``: year and number of S/PRST symbols, then the
symbol itself); "earlier" means strictly before in that order, so two documents of the same day are ordered
by symbol. Passages never cross a paragraph boundary, in either document.

Method (exact): every ``min_chars``-character window of every paragraph is hashed once
(``helpers.analysis.shingles``), and each distinct window remembers the earliest document holding it. A
character of the target is *reused* when some window of ``min_chars`` characters covering it occurs in an
earlier document, and it is attributed to the earliest such document. Segments are then cut from the maximal
exact matches with those documents (earliest document first, longest match first), so each exact segment
maps to a place in its source (``source_para``, ``source_start``, ``source_end``). The cost is linear in the
size of the corpus plus the matches with the few documents that are earliest for some window.

Near-verbatim: in the text left new, passages that an earlier paragraph holds with a few characters changed
(a verb, 作战人员/战斗人员) are found by chaining exact matches of ``seed_chars`` characters that lie on
nearly the same diagonal with gaps of at most ``max_edits`` characters, among the ``candidates`` earlier
paragraphs sharing most ``seed_chars``-grams with that text. The edit is the Levenshtein edit script of
rapidfuzz (minimal, computed in C++; difflib's matcher is a heuristic that does not give a minimal edit and
is slow in pure Python). Near-verbatim search is a heuristic: it finds chained seeds, not every alignment.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pandas as pd

from helpers.analysis.compare import _check_n
from helpers.analysis.documents import documents
from helpers.analysis.shingles import BLOCK_CHARS, Shingles, blocks_of, maximal_matches
from helpers.errors import DataError
from helpers.ingest.statements import normalise_symbol

PROVENANCE_COLUMNS = [
    "symbol", "para", "start", "end", "length", "text", "match", "source", "source_date", "source_para",
    "source_start", "source_end", "source_text", "edit", "distance", "latest", "n_sources", "para_chars",
    "share_reused",
]
REUSE_COLUMNS = ["symbol", "date", "n_chars", "reused_chars", "share_reused", "main_source", "n_sources"]
MATCH_KINDS = ("exact", "near", "new")
_BLOCK_CHARS = BLOCK_CHARS  # reuse_over_time works through the corpus in blocks of this many characters


# ---------------------------------------------------------------------------------------------
# The corpus, in document order


def _first_occurrences(codes: np.ndarray) -> np.ndarray:
    """Return the index of the first element of each code, for codes numbered in order of first appearance
    (as ``pd.factorize`` numbers them): code k first appears where the running maximum reaches k."""
    if len(codes) == 0:
        return np.zeros(0, dtype=np.int64)
    running = np.maximum.accumulate(codes)
    new = np.ones(len(codes), dtype=bool)
    new[1:] = running[1:] > running[:-1]
    return np.flatnonzero(new)


class _Windows:
    """The ``n``-character windows of paragraphs in document order, each numbered by its distinct text.

    ``codes[g]`` numbers the text of window g in order of first appearance (``pd.factorize``: one pass through a
    hash table, linear in the corpus; sorting every window instead grows as n log n and moves far more memory).
    Since paragraphs come in document order, the first window with a code is in the earliest document holding
    that text. Which paragraphs hold given texts is a scan of ``codes``, done once per question.
    """

    def __init__(self, texts: list[str], n: int) -> None:
        self.shingles = Shingles.of(texts, n)
        self.codes, self.distinct = pd.factorize(self.shingles.hashes)
        self.first_window = _first_occurrences(self.codes)
        self._lookup: pd.Index | None = None

    def codes_of(self, hashes: np.ndarray) -> np.ndarray:
        """The codes of window hashes (-1 for a text no paragraph holds)."""
        if self._lookup is None:
            self._lookup = pd.Index(self.distinct)
        return self._lookup.get_indexer(hashes)

    def window_range(self, unit: int) -> tuple[int, int]:
        """The windows of paragraph ``unit``: ``codes[lo:hi]``."""
        lo, hi = np.searchsorted(self.shingles.owner, [unit, unit + 1])
        return int(lo), int(hi)

    def holding(self, codes: np.ndarray, before_unit: int) -> tuple[np.ndarray, np.ndarray]:
        """Return (paragraphs before ``before_unit`` holding any of ``codes``, the number of distinct codes each
        holds), paragraphs ascending."""
        units, _ = self.holding_pairs(codes, before_unit)
        return np.unique(units, return_counts=True)

    def holding_pairs(self, codes: np.ndarray, before_unit: int) -> tuple[np.ndarray, np.ndarray]:
        """Return (paragraph, code): every paragraph before ``before_unit`` with a window of one of ``codes``,
        once per code it holds; sorted by paragraph, then code."""
        if len(self.distinct) == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        wanted = np.zeros(len(self.distinct), dtype=bool)
        wanted[codes[codes >= 0]] = True
        end = self.window_range(before_unit)[0]
        hits = np.flatnonzero(wanted[self.codes[:end]])
        pairs = np.unique(self.shingles.owner[hits] * len(self.distinct) + self.codes[hits])
        return pairs // len(self.distinct), pairs % len(self.distinct)


class _Seeds:
    """Short shingles of every paragraph: which earlier paragraphs share seeds with a text."""

    def __init__(self, texts: list[str], seed_chars: int) -> None:
        self.n = seed_chars
        self.windows = _Windows(texts, seed_chars)
        self.shingles = self.windows.shingles

    def shared(self, text: str, before_unit: int) -> tuple[np.ndarray, np.ndarray]:
        """Return (paragraphs before ``before_unit``, number of distinct seeds of ``text`` each holds),
        paragraphs ascending."""
        seeds = np.unique(Shingles.of([text], self.n).hashes)
        return self.windows.holding(self.windows.codes_of(seeds), before_unit)


class _Corpus:
    """The paragraphs of a corpus in document order, with their ``n``-character windows."""

    def __init__(self, corpus: pd.DataFrame, n: int) -> None:
        missing = [c for c in ("para", "text") if c not in corpus.columns]
        if missing:
            raise DataError(
                f"corpus table: missing column(s) {', '.join(missing)}; pass helpers.load_corpus(...) "
                "(one row per paragraph: symbol, date, para, text)."
            )
        ordered = documents(corpus)
        self.symbols = ordered["symbol"].tolist()
        self.dates = ordered["date"].tolist()
        rank = dict(zip(self.symbols, ordered["rank"], strict=True))
        units = corpus[["symbol", "para", "text"]].assign(_rank=corpus["symbol"].map(rank))
        units = units.sort_values(["_rank", "para"], kind="stable", ignore_index=True)
        self.unit_rank = units["_rank"].to_numpy(dtype=np.int64)
        self.unit_para = units["para"].tolist()
        self.texts = units["text"].fillna("").astype(str).tolist()
        self.n = n
        self.windows = _Windows(self.texts, n)
        self.shingles = self.windows.shingles
        # the earliest document holding each code: the one holding its first window
        self.first_rank = self.unit_rank[self.shingles.owner[self.windows.first_window]]

    def rank_of(self, symbol: str) -> int:
        wanted = normalise_symbol(symbol)
        if wanted not in self.symbols:
            shown = ", ".join(self.symbols[:8]) + (", …" if len(self.symbols) > 8 else "")
            raise DataError(f"provenance: {symbol!r} is not in the corpus ({len(self.symbols)} documents: {shown}).")
        return self.symbols.index(wanted)

    def units_of(self, rank: int) -> np.ndarray:
        lo, hi = np.searchsorted(self.unit_rank, [rank, rank + 1])
        return np.arange(lo, hi)

    def first_unit(self, rank: int) -> int:
        """The first paragraph of the document of ``rank`` (paragraphs before it are in earlier documents)."""
        return int(np.searchsorted(self.unit_rank, rank))

    def earliest(self, unit: int) -> np.ndarray:
        """Rank of the earliest document holding each window of paragraph ``unit``."""
        lo, hi = self.windows.window_range(unit)
        return self.first_rank[self.windows.codes[lo:hi]]

    def holders(self, texts: list[str], before: int) -> dict[str, list[int]]:
        """Return, for each text (``n`` characters or more), the ranks (ascending) of the documents before rank
        ``before`` with a paragraph containing it; one scan of the corpus for all texts."""
        found: dict[str, list[int]] = {}
        texts = sorted(set(texts))
        if not texts:
            return found
        first_windows = Shingles.of([text[: self.n] for text in texts], self.n)
        codes = self.windows.codes_of(first_windows.hashes)  # one window per text, in order
        units, unit_codes = self.windows.holding_pairs(codes, self.first_unit(before))
        for text, code in zip(texts, codes.tolist(), strict=True):
            holding = units[unit_codes == code].tolist()
            found[text] = sorted({int(self.unit_rank[u]) for u in holding if text in self.texts[u]})
        return found


# ---------------------------------------------------------------------------------------------
# One paragraph


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """Maximal runs of True in a boolean array, as (start, end)."""
    padded = np.concatenate([[False], mask, [False]])
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def _exact_segments(index: _Corpus, unit: int, target_rank: int) -> tuple[list[dict], np.ndarray]:
    """Tile a paragraph with exact matches of earlier documents, earliest document first; return the
    segments and the per-character owner (segment number, -1 for new text)."""
    text, n = index.texts[unit], index.n
    hashes = index.shingles.of_text(unit)
    owner = np.full(len(text), -1, dtype=np.int64)
    segments: list[dict] = []
    if len(hashes) == 0:
        return segments, owner
    ranks = index.earliest(unit)
    for source_rank in np.unique(ranks[ranks < target_rank]).tolist():
        matches = []
        for source_unit in index.units_of(source_rank).tolist():
            found = maximal_matches(text, index.texts[source_unit], hashes, index.shingles.of_text(source_unit), n)
            matches += [(-length, start, source_unit, source_start, length) for start, source_start, length in found.tolist()]
        for _, start, source_unit, source_start, length in sorted(matches):
            free = owner[start : start + length] < 0
            for lo, hi in _runs(free):
                owner[start + lo : start + hi] = len(segments)
                segments.append(
                    {
                        "start": start + lo, "end": start + hi, "match": "exact", "source_rank": source_rank,
                        "source_unit": source_unit, "source_start": source_start + lo, "source_end": source_start + hi,
                        "match_text": text[start : start + length],
                    }
                )
    return segments, owner


def _chain(matches: list[tuple[int, int, int]], max_gap: int) -> list[tuple[int, int, int]]:
    """The chain of exact matches (start_x, start_y, length) with most matched characters, each next match
    starting after the previous one ends in both texts, by at most ``max_gap`` characters in each."""
    matches = sorted(matches)
    best: list[tuple[int, int]] = []  # (score, previous index)
    for m, (sx, sy, length) in enumerate(matches):
        score, previous = length, -1
        for p in range(m):
            px, py, plength = matches[p]
            gap_x, gap_y = sx - (px + plength), sy - (py + plength)
            if 0 <= gap_x <= max_gap and 0 <= gap_y <= max_gap and best[p][0] + length > score:
                score, previous = best[p][0] + length, p
        best.append((score, previous))
    if not best:
        return []
    m = max(range(len(best)), key=lambda k: (best[k][0], -matches[k][0]))
    chain = []
    while m >= 0:
        chain.append(matches[m])
        m = best[m][1]
    return chain[::-1]


def edit_script(source: str, text: str) -> tuple[str, int]:
    """Return how ``text`` differs from ``source`` (``作战→战斗``, ``+字`` inserted, ``-字`` deleted; "; "
    between edits) and the Levenshtein distance, from rapidfuzz's minimal edit script."""
    from rapidfuzz.distance import Levenshtein

    parts = []
    for tag, s0, s1, t0, t1 in Levenshtein.opcodes(source, text):
        if tag == "replace":
            parts.append(f"{source[s0:s1]}→{text[t0:t1]}")
        elif tag == "insert":
            parts.append(f"+{text[t0:t1]}")
        elif tag == "delete":
            parts.append(f"-{source[s0:s1]}")
    return "; ".join(parts), int(Levenshtein.distance(source, text))


def _near_segments(
    index: _Corpus, unit: int, target_rank: int, segments: list[dict], owner: np.ndarray,
    seeds: _Seeds, max_edits: int, candidates: int,
) -> None:
    """Add near-verbatim segments for the new text of a paragraph (in place)."""
    text, n = index.texts[unit], index.n
    for lo, hi in _runs(owner < 0):
        if not (owner[lo:hi] < 0).all():
            continue  # claimed by a near segment found for an earlier run
        x0, x1 = max(0, lo - n), min(len(text), hi + n)
        window = text[x0:x1]
        units, counts = seeds.shared(window, index.first_unit(target_rank))
        chosen = units[np.lexsort((units, -counts))][:candidates]
        window_hashes = Shingles.of([window], seeds.n).hashes
        for source_unit in sorted(chosen.tolist(), key=lambda u: (index.unit_rank[u], u)):
            source = index.texts[source_unit]
            source_hashes = seeds.shingles.of_text(source_unit)
            found = maximal_matches(window, source, window_hashes, source_hashes, seeds.n).tolist()
            chain = _chain([(sx + x0, sy, length) for sx, sy, length in found], max_edits)
            if len(chain) < 2:
                continue
            start, end = chain[0][0], chain[-1][0] + chain[-1][2]
            source_start, source_end = chain[0][1], chain[-1][1] + chain[-1][2]
            if end <= lo or start >= hi or end - start < n:
                continue
            others = [k for k in np.unique(owner[start:end]).tolist() if k >= 0]
            if any(segments[k]["source_unit"] != source_unit or segments[k]["match"] != "exact" for k in others):
                continue  # overlaps text attributed to another source: leave it to that source
            for k in others:  # an exact piece of the same passage (same diagonal) joins it whole
                piece = segments[k]
                if piece["start"] < start and piece["source_start"] - piece["start"] == chain[0][1] - chain[0][0]:
                    start, source_start = piece["start"], piece["source_start"]
                if piece["end"] > end and piece["source_end"] - piece["end"] == chain[-1][1] - chain[-1][0]:
                    end, source_end = piece["end"], piece["source_end"]
            edit, distance = edit_script(source[source_start:source_end], text[start:end])
            if distance == 0 or distance > max_edits:
                continue
            for k in others:  # exact pieces of the same passage are absorbed into it
                segments[k]["match"] = "absorbed"
            owner[start:end] = len(segments)
            segments.append(
                {
                    "start": start, "end": end, "match": "near", "source_rank": int(index.unit_rank[source_unit]),
                    "source_unit": source_unit, "source_start": source_start, "source_end": source_end,
                    "edit": edit, "distance": distance,
                }
            )
            break


def _paragraph_rows(index: _Corpus, unit: int, target_rank: int, near: dict | None) -> list[dict]:
    text = index.texts[unit]
    segments, owner = _exact_segments(index, unit, target_rank)
    if near is not None:
        _near_segments(index, unit, target_rank, segments, owner, **near)
    # An absorbed exact piece may stick out of its near passage: keep what it still owns.
    for k, segment in enumerate(list(segments)):
        if segment["match"] != "absorbed":
            continue
        segment["match"] = "gone"
        shift = segment["source_start"] - segment["start"]
        for lo, hi in _runs(owner == k):
            owner[lo:hi] = len(segments)
            segments.append(segment | {"start": lo, "end": hi, "match": "exact", "source_start": lo + shift,
                                       "source_end": hi + shift})
    kept = [s for s in segments if s["match"] in ("exact", "near")]
    kept += [{"start": lo, "end": hi, "match": "new"} for lo, hi in _runs(owner < 0)]
    reused = int((owner >= 0).sum())
    rows = []
    for segment in sorted(kept, key=lambda s: s["start"]):
        start, end = segment["start"], segment["end"]
        row = {"para": index.unit_para[unit], "start": start, "end": end, "length": end - start,
               "text": text[start:end], "match": segment["match"], "para_chars": len(text),
               "share_reused": reused / len(text) if text else 0.0}
        if segment["match"] != "new":
            source_unit = segment["source_unit"]
            rank = segment["source_rank"]
            source_text = index.texts[source_unit][segment["source_start"] : segment["source_end"]]
            row |= {"source": index.symbols[rank], "source_date": index.dates[rank],
                    "source_para": index.unit_para[source_unit], "source_start": segment["source_start"],
                    "source_end": segment["source_end"], "source_text": source_text,
                    "edit": segment.get("edit", ""), "distance": segment.get("distance", 0)}
            if segment["match"] == "exact":  # who else holds it: filled in by _add_holders
                row["probe"] = row["text"] if end - start >= index.n else segment["match_text"]
        rows.append(row)
    return rows


def _table(rows: list[dict], symbol: str) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=PROVENANCE_COLUMNS[1:])
    table.insert(0, "symbol", symbol)
    table = table.astype(
        {"symbol": "str", "start": "int64", "end": "int64", "length": "int64", "text": "str", "match": "str",
         "source": "str", "source_date": "datetime64[us]", "source_para": "Int64", "source_start": "Int64",
         "source_end": "Int64", "source_text": "str", "edit": "str", "distance": "Int64", "latest": "str",
         "n_sources": "Int64", "para_chars": "int64", "share_reused": "float64"}
    )
    return table[PROVENANCE_COLUMNS]


def _add_holders(index: _Corpus, rows: list[dict], target_rank: int) -> None:
    """Give each exact segment its latest holder and number of holders (in place), all segments at once."""
    holders = index.holders([row["probe"] for row in rows if "probe" in row], target_rank)
    for row in rows:
        if "probe" in row:
            ranks = holders[row.pop("probe")]
            row |= {"latest": index.symbols[ranks[-1]], "n_sources": len(ranks)}


def provenance(
    corpus: pd.DataFrame,
    symbol: str,
    min_chars: int = 10,
    max_edits: int = 3,
    seed_chars: int = 4,
    candidates: int = 8,
) -> pd.DataFrame:
    """Return where the text of one document of a corpus comes from, one row per segment of each paragraph.

    ``corpus`` is a paragraph table (``helpers.load_corpus``: symbol, date, para, text; statements and
    resolutions alike). Each paragraph of ``symbol`` is cut into consecutive segments that together cover it:

    - ``exact``: text that an earlier document holds in a passage of ``min_chars`` or more characters,
      attributed to the earliest such document;
    - ``near``: a passage of ``min_chars`` or more characters that an earlier paragraph holds with at most
      ``max_edits`` characters changed (``max_edits=0`` switches near-verbatim search off);
    - ``new``: text no earlier document holds.

    Columns: symbol, para, start, end, length, text (``paragraph[start:end]``), match (exact/near/new),
    source (symbol of the earliest document holding the segment), source_date, source_para, source_start,
    source_end, source_text (the text in the source), edit (how the segment differs from the source:
    ``作战→战斗``, ``+X``, ``-X``; "" when exact), distance (characters changed), latest (the most recent
    earlier document holding the exact segment: the likely direct source; for a segment shorter than
    ``min_chars``, of the whole match it belongs to), n_sources (earlier documents holding it), para_chars
    and share_reused (share of the paragraph's characters in exact or near segments). Source columns are
    missing for new text; latest and n_sources only for exact segments. Sorted by para, start.
    """
    n = _check_n(min_chars, "min_chars")
    if max_edits < 0:
        raise DataError(f"max_edits must be 0 (exact passages only) or more; got {max_edits!r}.")
    index = _Corpus(corpus, n)
    target = index.rank_of(symbol)
    near = None
    if max_edits > 0:
        seed = _check_n(seed_chars, "seed_chars")
        near = {"seeds": _Seeds(index.texts, seed), "max_edits": max_edits, "candidates": candidates}
    rows = [row for unit in index.units_of(target).tolist() for row in _paragraph_rows(index, unit, target, near)]
    _add_holders(index, rows, target)
    return _table(rows, index.symbols[target])


def _reused_runs(index: _Corpus, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (document rank, earliest source rank, length) of each run of reused characters with one source in
    paragraphs ``lo:hi`` (a block of the corpus: small arrays that stay in cache)."""
    n, shingles, never = index.n, index.shingles, np.iinfo(np.int64).max
    w_lo, w_hi = index.windows.window_range(lo)[0], index.windows.window_range(hi)[0]
    starts = shingles.starts[lo : hi + 1] - shingles.starts[lo]
    joined = int(starts[-1])  # characters of the block's paragraphs, each followed by a separator
    owner = shingles.owner[w_lo:w_hi]
    earliest = index.first_rank[index.windows.codes[w_lo:w_hi]]
    values = np.full(joined + n, never, dtype=np.int64)  # at each window's start: its earlier source, if any
    values[n - 1 + starts[owner - lo] + shingles.position[w_lo:w_hi]] = np.where(
        earliest < index.unit_rank[owner], earliest, never
    )
    # the earliest source of a character: the minimum over the n windows covering it (never on separators)
    covering = values[:joined].copy()
    for shift in range(1, n):
        np.minimum(covering, values[shift : shift + joined], out=covering)
    # runs of characters with one source inside one paragraph (a separator is a run of its own)
    boundaries = np.concatenate([starts, starts[1:] - 1])
    cuts = np.union1d(np.flatnonzero(covering[1:] != covering[:-1]) + 1, boundaries)
    cuts = cuts[cuts < joined]
    length = np.diff(np.append(cuts, joined))
    unit = np.searchsorted(starts, cuts, "right") - 1
    source = covering[cuts]
    reused = (cuts != starts[unit + 1] - 1) & (source != never)
    return index.unit_rank[unit[reused] + lo], source[reused], length[reused]


def reuse_over_time(corpus: pd.DataFrame, min_chars: int = 10) -> pd.DataFrame:
    """Return, for every document of a corpus, how much of its text an earlier document already held.

    Exact passages of ``min_chars`` or more characters, as in ``provenance`` (near-verbatim search is left
    out: it is per document). Columns: symbol, date, n_chars, reused_chars, share_reused, main_source (the
    earliest source of most reused characters; ties to the earlier source; <NA> if nothing is reused),
    n_sources (distinct earliest sources). One row per document in date order. Computed for all documents
    at once: a sliding minimum over the earliest holder of each window, linear in the corpus.
    """
    n = _check_n(min_chars, "min_chars")
    index = _Corpus(corpus, n)
    shingles = index.shingles
    runs = [_reused_runs(index, lo, hi) for lo, hi in pairwise(blocks_of(np.diff(shingles.starts) - 1, _BLOCK_CHARS))]
    run_rank, run_source, run_length = (np.concatenate([run[k] for run in runs]) for k in range(3))
    n_docs = len(index.symbols)
    n_chars = np.bincount(index.unit_rank, weights=np.diff(shingles.starts) - 1, minlength=n_docs).astype(np.int64)
    pairs = pd.DataFrame({"rank": run_rank, "source": run_source, "count": run_length})
    counts = pairs.groupby(["rank", "source"], sort=True)["count"].sum().reset_index()
    reused = np.bincount(counts["rank"], weights=counts["count"], minlength=n_docs).astype(np.int64)
    counts = counts.sort_values(["rank", "count", "source"], ascending=[True, False, True], kind="stable")
    main = counts.drop_duplicates("rank").set_index("rank")["source"]
    distinct = counts.groupby("rank").size()
    ranks = pd.RangeIndex(n_docs)
    main_source = pd.Series(
        [index.symbols[int(r)] for r in main.reindex(ranks).dropna()], index=main.reindex(ranks).dropna().index
    ).reindex(ranks)
    table = pd.DataFrame(
        {
            "symbol": pd.Series(index.symbols, dtype="str"),
            "date": pd.Series(index.dates, dtype="datetime64[us]"),
            "n_chars": n_chars.astype("int64"),
            "reused_chars": reused.astype("int64"),
            "share_reused": np.divide(reused, n_chars, out=np.zeros(n_docs), where=n_chars > 0),
            "main_source": main_source.astype("str").to_numpy(),
            "n_sources": distinct.reindex(ranks, fill_value=0).astype("int64").to_numpy(),
        }
    )
    return table[REUSE_COLUMNS]


def leading_document(
    rows: pd.DataFrame, docs: pd.DataFrame, column: str = "source", latest_first: bool = False, per_para: bool = False
):
    """Return the document of ``column`` (source or latest) holding most characters (``length``) of
    provenance ``rows``; ties go to the earlier document of ``docs`` (``helpers.documents``: symbol, rank), or
    to the more recent one with ``latest_first``. One symbol (None if ``rows`` is empty), or with ``per_para``
    a Series para -> symbol."""
    keys = ["para", column] if per_para else [column]
    sums = rows.groupby(keys)["length"].sum().rename("chars").reset_index()
    sums["order"] = sums[column].map(docs.set_index("symbol")["rank"]) * (-1 if latest_first else 1)
    ranked = sums.sort_values([*keys[:-1], "chars", "order"], ascending=[*[True] * (len(keys) - 1), False, True])
    if per_para:
        return ranked.drop_duplicates("para").set_index("para")[column]
    return None if ranked.empty else ranked.iloc[0][column]
