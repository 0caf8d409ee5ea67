"""Security Council document symbols: what kind of document a symbol names, how symbols sort, and which
kinds a corpus can hold.

A corpus holds presidential statements (``S/PRST/2021/1``) and resolutions (``S/RES/1373(2001)``). Other
Security Council documents (``S/2020/372``, a letter; reports; meeting records) are recognised, so that
citations of them can be listed, but not imported: they are not texts the Council adopts, and their layouts
(letters with signatures and enclosures, reports with tables and annexes) are not ones the cleaner knows.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

STATEMENT_SYMBOL = re.compile(r"S/PRST/(\d{4})/(\d{1,3})")
RESOLUTION_SYMBOL = re.compile(r"S/RES/(\d{1,4})(?:\((\d{4})\))?")
"""A resolution: ``S/RES/1373(2001)``; citations may give ``S/RES/1373`` without its year."""
OTHER_DOCUMENT = re.compile(r"S/[A-Z0-9][A-Z0-9.]*(?:/[A-Z0-9.()]+)*", re.IGNORECASE)
DOCUMENT_KINDS = ("statement", "resolution", "document")
"""What ``document_kind`` returns for a Security Council symbol; a corpus imports the first two."""
_OTHER_ORGANS = {"A/HRC/": "the Human Rights Council", "A/": "the General Assembly",
                 "E/": "the Economic and Social Council", "ST/": "the Secretariat"}


def normalise_symbol(symbol: str) -> str:
    """Return a symbol in UN form: ' s/prst/2021/1 ' -> 'S/PRST/2021/1', 'S/RES/1373 (2001)' ->
    'S/RES/1373(2001)'; full-width forms (Ｓ／ＲＥＳ, （２００１）) become ASCII (NFKC)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(symbol))).upper()


def document_kind(symbol: str) -> str | None:
    """Return what a (normalised) symbol names: "statement" (S/PRST/YYYY/N), "resolution" (S/RES/N(YYYY) or
    S/RES/N), "document" (any other Security Council symbol: S/2020/372, S/PV.8000, …), or None (a malformed
    S/PRST or S/RES symbol, or the symbol of another organ such as A/RES/60/288)."""
    if STATEMENT_SYMBOL.fullmatch(symbol):
        return "statement"
    if RESOLUTION_SYMBOL.fullmatch(symbol):
        return "resolution"
    if symbol.upper().startswith(("S/PRST/", "S/RES/")):
        return None
    return "document" if OTHER_DOCUMENT.fullmatch(symbol) else None


def refusal(symbol: str, given: str | None = None) -> str | None:
    """Return why a corpus cannot hold the document of ``symbol`` (one line, naming it as ``given``, the value as
    the user typed it, when there is one), or None if it can.

    Statements and resolutions with their year are imported; everything else gets its reason.
    """
    shown = symbol if given is None else given
    kind = document_kind(symbol)
    if kind == "statement" or (kind == "resolution" and RESOLUTION_SYMBOL.fullmatch(symbol)[2]):
        return None
    if kind == "resolution":
        return f"{shown}: a resolution is imported with its year; write it as S/RES/N(YYYY), e.g. S/RES/1373(2001)."
    if kind == "document":
        return (f"{shown}: not imported: a corpus holds presidential statements (S/PRST/…) and resolutions "
                "(S/RES/…); other Security Council documents (letters, reports, records) are not texts the Council "
                "adopts and their layouts are not ones the cleaner knows.")
    if symbol.upper().startswith("S/PRST/"):
        return f"{shown!r} is not a presidential statement symbol; write it as S/PRST/YYYY/N."
    if symbol.upper().startswith("S/RES/"):
        return f"{shown!r} is not a resolution symbol; write it as S/RES/N(YYYY)."
    organ = next((name for prefix, name in _OTHER_ORGANS.items() if symbol.upper().startswith(prefix)), None)
    if organ is not None:
        return f"{shown}: a document of {organ}, not of the Security Council; not imported."
    return f"{shown!r} is not a Security Council document symbol; write S/PRST/YYYY/N or S/RES/N(YYYY)."


def symbol_order(symbols: pd.Series) -> pd.Series:
    """Return a sort key per symbol: statements by year and number (year * 1000 + number, so S/PRST/2021/2
    sorts before S/PRST/2021/10), then resolutions by number (10**7 + number), then anything else (10**9);
    break ties by the symbol itself. Used after the date, so it only orders documents of one day."""
    statement = symbols.str.extract(f"^{STATEMENT_SYMBOL.pattern}$").astype("float64")
    resolution = symbols.str.extract(f"^{RESOLUTION_SYMBOL.pattern}$")[0].astype("float64")
    key = (statement[0] * 1000 + statement[1]).fillna(10**7 + resolution)
    return key.fillna(10**9).astype("int64")
