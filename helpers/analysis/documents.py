"""The documents of a corpus table, in the order series and provenance use: date, then symbol.

Works on any paragraph table with symbol and date columns (statements, resolutions, other S/ documents
alike); nothing here assumes an S/PRST symbol.
"""

from __future__ import annotations

import pandas as pd

from helpers.errors import DataError
from helpers.ingest.symbols import document_kind, symbol_order

DOCUMENT_COLUMNS = ["symbol", "date", "year", "doc_type", "rank"]


def documents(corpus: pd.DataFrame) -> pd.DataFrame:
    """Return one row per document of a paragraph table, in date order.

    Columns: symbol, date, year (int), doc_type (the table's doc_type column, else
    ``helpers.document_kind`` of the symbol: statement, resolution, document; "other" for symbols of other
    organs), rank (0 = earliest). Sorted by date, then year and number of S/PRST symbols, then symbol.
    """
    missing = [column for column in ("symbol", "date") if column not in corpus.columns]
    if missing:
        raise DataError(
            f"corpus table: missing column(s) {', '.join(missing)}; pass helpers.load_corpus(...) "
            "(one row per paragraph: symbol, date, para, text)."
        )
    columns = ["symbol", "date", *(["doc_type"] if "doc_type" in corpus.columns else [])]
    table = corpus[columns].drop_duplicates("symbol").copy()
    table["symbol"] = table["symbol"].astype("str")
    table["date"] = pd.to_datetime(table["date"]).astype("datetime64[us]")
    if table["date"].isna().any():
        undated = ", ".join(table.loc[table["date"].isna(), "symbol"].head(5))
        raise DataError(f"corpus table: no date for {undated}; give every document a date in statements.csv.")
    table["_key"] = symbol_order(table["symbol"])
    table = table.sort_values(["date", "_key", "symbol"], kind="stable", ignore_index=True)
    table["year"] = table["date"].dt.year.astype("int64")
    if "doc_type" not in table.columns:
        table["doc_type"] = table["symbol"].map(lambda symbol: document_kind(symbol) or "other").astype("str")
    table["rank"] = pd.RangeIndex(len(table), dtype="int64")
    return table[DOCUMENT_COLUMNS]
