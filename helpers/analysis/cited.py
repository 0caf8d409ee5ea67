"""What the documents of a corpus cite, and which of the cited documents the corpus lacks.

``fetch --cited`` and ``fetch --with-cited`` fetch what this lists as "fetch"; the rest are listed with
the reason they are not fetched.
"""

from __future__ import annotations

import os

import pandas as pd

from helpers.analysis.citations import extract_citations
from helpers.ingest.index import year_of_resolution
from helpers.ingest.registry import data_dir
from helpers.ingest.statements import known_symbols, load_statement
from helpers.ingest.symbols import RESOLUTION_SYMBOL, document_kind, normalise_symbol, refusal

CITED_COLUMNS = ["symbol", "kind", "cited_by", "action", "detail"]
_CITING_KINDS = ("resolution", "document", "url")


def _complete(symbol: str) -> tuple[str, str]:
    """Return (symbol, note): a resolution cited without its year gets the year of the resolution index."""
    match = RESOLUTION_SYMBOL.fullmatch(symbol)
    if match is None or match[2]:
        return symbol, ""
    year = year_of_resolution(int(match[1]))
    if year is None:
        return symbol, ""
    return f"{symbol}({year})", f" (cited as {symbol}; year from data/resolution_index.csv)"


def cited_documents(symbols: list[str], corpus: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Return the documents that the corpus documents ``symbols`` cite, one row per cited document.

    Columns: symbol (normalised; a resolution cited without its year gets it from data/resolution_index.csv),
    kind ("statement", "resolution", "document" for other Security Council documents, "other" for documents
    of other organs such as A/RES/60/288), cited_by (the citing symbols, comma-separated), action ("fetch",
    "in corpus", or "skip" for what a corpus cannot hold) and detail (why, one line naming the symbol).
    Citations are those of ``helpers.extract_citations`` (resolutions, document symbols, undocs.org links).
    Rows in the order the documents are first cited; a citing symbol that is not in the corpus raises
    DataError (via ``load_statement``).
    """
    root = data_dir(corpus)
    present = set(known_symbols(root))
    cited: dict[str, dict[str, str]] = {}
    for citing in dict.fromkeys(normalise_symbol(symbol) for symbol in symbols):
        citations = extract_citations(load_statement(citing, root))
        keys = citations.loc[citations["kind"].isin(_CITING_KINDS), "key"]
        for key in keys:
            if key.startswith(("http://", "https://")):  # a link to something other than a UN document
                continue
            symbol, note = _complete(normalise_symbol(key))
            if symbol == citing:
                continue
            if symbol in cited:
                if citing not in cited[symbol]["cited_by"].split(", "):
                    cited[symbol]["cited_by"] += f", {citing}"
                continue
            kind = document_kind(symbol)
            reason = refusal(symbol)
            if kind == "resolution" and reason is not None:
                reason = (f"{symbol}: cited without its year, and data/resolution_index.csv does not list "
                          f"resolution {symbol.removeprefix('S/RES/')}; fetch it as {symbol}(YYYY).")
            if symbol in present:
                action, detail = "in corpus", f"{symbol}: already in the corpus, skipped."
            elif reason is None:
                action, detail = "fetch", f"{symbol}: cited by {citing}{note}"
            else:
                action, detail = "skip", reason if reason.startswith(symbol) else f"{symbol}: {reason}"
            cited[symbol] = {"symbol": symbol, "kind": kind or "other", "cited_by": citing, "action": action,
                             "detail": detail}
    return pd.DataFrame(list(cited.values()), columns=CITED_COLUMNS, dtype="str")
