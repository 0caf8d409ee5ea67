"""A series of documents over time: term trends, speech-act force per document, citations each adds.

Every function takes the tables the rest of the package makes for a corpus (``helpers.load_corpus``,
``helpers.token_table``, ``helpers.extract_citations``, ``helpers.speech_acts``) and orders documents by date,
then symbol (``helpers.analysis.documents``); statements and resolutions are treated alike.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from helpers.analysis.citations import CITATION_KINDS
from helpers.analysis.documents import documents
from helpers.analysis.terms import RUNNING_KINDS, TERM_KINDS
from helpers.errors import DataError

TREND_COLUMNS = ["term", "year", "count", "per_10k", "tokens", "documents"]
NEW_CITATION_COLUMNS = ["symbol", "date", "kind", "key", "count", "later_documents"]
SPEECH_ACT_COLUMNS = ("symbol", "para", "verb", "force", "force_rank", "own")


def _require(table: pd.DataFrame, columns: Iterable[str], what: str, hint: str) -> None:
    missing = [column for column in columns if column not in table.columns]
    if missing:
        raise DataError(f"{what}: missing column(s) {', '.join(missing)}; pass {hint}.")


def term_trends(
    tokens: pd.DataFrame,
    corpus: pd.DataFrame,
    terms: Iterable[str] | None = None,
    top: int = 10,
    stopwords: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Return how often terms occur, year by year, per 10,000 running tokens.

    ``tokens`` is ``helpers.token_table(corpus)``; when it has a ``term`` column (the canonical form of
    merged variants) that is counted, else ``token``. ``terms`` names the terms to follow; by default the
    ``top`` most frequent words and citations of the whole series (``stopwords`` left out; ties by term).
    Columns: term, year, count, per_10k (count per 10,000 running tokens of that year: words, numbers and
    citations), tokens (running tokens of the year), documents (documents of the year in ``corpus``, those
    without tokens included). One row per term and year of the corpus, zeros included; sorted by the
    order of the terms (given, or most frequent first), then year.
    """
    _require(tokens, ["symbol", "token", "kind"], "token table", "helpers.token_table(corpus)")
    ordered = documents(corpus)
    column = "term" if "term" in tokens.columns else "token"
    year_of = dict(zip(ordered["symbol"], ordered["year"], strict=True))
    unknown = sorted(set(tokens["symbol"].astype(str)) - set(year_of))
    if unknown:
        raise DataError(f"token table: symbol(s) {', '.join(unknown[:5])} not in the corpus table; use the same corpus for both.")
    running = tokens[tokens["kind"].isin(RUNNING_KINDS)]
    years = running["symbol"].astype(str).map(year_of)
    per_year = years.value_counts().rename("tokens")
    content = running[running["kind"].isin(TERM_KINDS)]
    if stopwords:
        content = content[~content[column].isin(frozenset(stopwords))]
    if terms is None:
        totals = content[column].value_counts()
        totals = totals.rename_axis("term").reset_index().sort_values(["count", "term"], ascending=[False, True])
        terms = totals["term"].head(top).tolist()
    terms = list(dict.fromkeys(str(term) for term in terms))
    chosen = content[content[column].isin(terms)]
    counts = chosen.groupby([chosen[column].astype(str), years[chosen.index]]).size()
    all_years = sorted(ordered["year"].unique().tolist())
    grid = pd.MultiIndex.from_product([terms, all_years], names=["term", "year"])
    table = counts.reindex(grid, fill_value=0).rename("count").reset_index()
    table["tokens"] = table["year"].map(per_year).fillna(0).astype("int64")
    table["documents"] = table["year"].map(ordered["year"].value_counts()).astype("int64")
    table["per_10k"] = np.where(table["tokens"] > 0, table["count"] * 10_000 / table["tokens"].where(table["tokens"] > 0, 1), 0.0)
    table["per_10k"] = table["per_10k"].round(2)
    table = table.astype({"term": "str", "year": "int64", "count": "int64", "per_10k": "float64"})
    return table[TREND_COLUMNS]


def force_over_time(acts: pd.DataFrame, corpus: pd.DataFrame, own_only: bool = True) -> pd.DataFrame:
    """Return the force of what each document does, one row per document in date order.

    ``acts`` is a speech-act table (``helpers.speech_acts``: symbol, para, verb, force, force_rank, own …);
    with ``own_only`` only the acts the document itself performs count (not verbs inside recalled acts).
    Columns: symbol, date, year, doc_type, n_acts, mean_force_rank (NaN without acts; lower is stronger),
    strongest_force and strongest_rank (the strongest act; <NA> without acts), then one count column per
    force found in ``acts`` (named by its label, strongest first). Documents without acts keep zeros.
    """
    _require(acts, SPEECH_ACT_COLUMNS, "speech-act table", "helpers.speech_acts(corpus)")
    ordered = documents(corpus)
    unknown = sorted(set(acts["symbol"].astype(str)) - set(ordered["symbol"]))
    if unknown:
        raise DataError(f"speech-act table: symbol(s) {', '.join(unknown[:5])} not in the corpus table; use the same corpus for both.")
    rows = acts[acts["own"].astype(bool)] if own_only else acts
    rows = rows.assign(symbol=rows["symbol"].astype(str), force=rows["force"].astype(str),
                       force_rank=rows["force_rank"].astype("int64"))
    scale = rows[["force", "force_rank"]].drop_duplicates().sort_values(["force_rank", "force"])
    table = ordered[["symbol", "date", "year", "doc_type"]].copy()
    grouped = rows.groupby("symbol")
    table["n_acts"] = table["symbol"].map(grouped.size()).fillna(0).astype("int64")
    table["mean_force_rank"] = table["symbol"].map(grouped["force_rank"].mean()).astype("float64")
    strongest = rows.sort_values(["force_rank", "force"]).drop_duplicates("symbol").set_index("symbol")
    table["strongest_force"] = table["symbol"].map(strongest["force"]).astype("str")
    table["strongest_rank"] = table["symbol"].map(strongest["force_rank"]).astype("Int64")
    counts = pd.crosstab(rows["symbol"], rows["force"]) if len(rows) else pd.DataFrame()
    for force in scale["force"]:
        table[force] = table["symbol"].map(counts[force]).fillna(0).astype("int64")
    return table.reset_index(drop=True)


def new_citations(citations: pd.DataFrame, corpus: pd.DataFrame, kinds: Iterable[str] | None = None) -> pd.DataFrame:
    """Return the citations each document adds to the series: keys cited for the first time in it.

    ``citations`` is ``helpers.extract_citations(corpus)`` (symbol, kind, key …); ``kinds`` keeps only those
    kinds (all by default). Columns: symbol, date, kind, key, count (citations of the key in that
    document), later_documents (how many later documents of the corpus cite it again). One row per key,
    at the document that cites it first; sorted by document order, then kind (resolution, document,
    instrument, body, url), then key.
    """
    _require(citations, ["symbol", "kind", "key"], "citation table", "helpers.extract_citations(corpus)")
    ordered = documents(corpus)
    rank = dict(zip(ordered["symbol"], ordered["rank"], strict=True))
    rows = citations[citations["symbol"].notna()]
    rows = rows.assign(symbol=rows["symbol"].astype(str), kind=rows["kind"].astype(str), key=rows["key"].astype(str))
    if kinds is not None:
        rows = rows[rows["kind"].isin(list(kinds))]
    unknown = sorted(set(rows["symbol"]) - set(rank))
    if unknown:
        raise DataError(f"citation table: symbol(s) {', '.join(unknown[:5])} not in the corpus table; use the same corpus for both.")
    per_document = rows.groupby(["kind", "key", "symbol"]).size().rename("count").reset_index()
    per_document["rank"] = per_document["symbol"].map(rank)
    per_document = per_document.sort_values(["kind", "key", "rank"], ignore_index=True)
    later = per_document.groupby(["kind", "key"])["rank"].transform("size") - 1
    first = per_document.assign(later_documents=later).drop_duplicates(["kind", "key"])
    first["date"] = first["symbol"].map(ordered.set_index("symbol")["date"])
    first["_kind"] = first["kind"].map({kind: i for i, kind in enumerate(CITATION_KINDS)}).fillna(len(CITATION_KINDS))
    first = first.sort_values(["rank", "_kind", "kind", "key"], ignore_index=True)
    first = first.astype({"symbol": "str", "kind": "str", "key": "str", "count": "int64", "later_documents": "int64"})
    return first[NEW_CITATION_COLUMNS]
