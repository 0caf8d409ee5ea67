"""Loading presidential statements into a paragraph table."""

from __future__ import annotations

import os
import re
from functools import cache, lru_cache
from pathlib import Path

import pandas as pd

from helpers.errors import DataError
from helpers.ingest.registry import PROJECT_DATA, data_dir, verify
from helpers.ingest.text import CleanedText, clean, decode

DEFAULT_SYMBOL = "S/PRST/2021/1"
PARAGRAPH_COLUMNS = ["symbol", "date", "lang", "para", "kind", "opening", "text", "n_chars"]
SYMBOL_PATTERN = re.compile(r"S/PRST/(\d{4})/(\d{1,3})")
_COUNCIL = re.compile(r"^[“「\"]?(?:安全理事会|安理会)")
_ADVERBS = re.compile(r"^(?:还|又|也|再次|同时|进一步|仍然)")
_CLAUSE_END = re.compile(r"[，。；：,]")


def symbol_order(symbols: pd.Series) -> pd.Series:
    """Return year * 1000 + number of each S/PRST symbol, so S/PRST/2021/2 sorts before S/PRST/2021/10.

    A symbol of another form gets 10**9 (sorts last); break such ties by the symbol itself.
    """
    parts = symbols.str.extract(SYMBOL_PATTERN.pattern).astype("float64")
    return (parts[0] * 1000 + parts[1]).fillna(10**9).astype("int64")


@lru_cache(maxsize=16)
def _read_metadata_file(path: Path, _mtime_ns: int, _size: int) -> pd.DataFrame:
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table["date"] = pd.to_datetime(table["date"], format="%Y-%m-%d")
    table["_order"] = symbol_order(table["symbol"])
    return table.sort_values(["date", "_order", "symbol"], ignore_index=True).drop(columns="_order")


def read_metadata(root: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Return the table of statements a data folder holds.

    Columns: symbol, date (datetime64), lang, file (relative to the folder), agenda_item, meeting,
    procedure, presidency; sorted by date, then year and number of the symbol. The file is read once
    and re-read only when it changes.
    """
    path = data_dir(root) / "statements.csv"
    if not path.is_file():
        raise DataError(f"{path}: the statements table is missing; a data folder needs statements.csv.")
    stat = path.stat()
    return _read_metadata_file(path.resolve(), stat.st_mtime_ns, stat.st_size).copy()


def known_symbols(root: str | os.PathLike[str] | None = None) -> list[str]:
    """Return the symbols of the statements in a data folder, in date order."""
    return read_metadata(root)["symbol"].tolist()


def normalise_symbol(symbol: str) -> str:
    """Return a symbol in UN form: ' s/prst/2021/1 ' -> 'S/PRST/2021/1'."""
    return re.sub(r"\s+", "", str(symbol)).upper()


@cache
def opening_verbs() -> tuple[str, ...]:
    """Return the opening verbs of data/opening_verbs.csv, longest first."""
    verbs = pd.read_csv(PROJECT_DATA / "opening_verbs.csv", dtype=str)["verb"]
    return tuple(sorted(verbs, key=lambda verb: (-len(verb), verb)))


def opening_verb(paragraph: str) -> str | None:
    """Return the verb phrase after 安全理事会 that opens an operative paragraph, or None.

    A verb straight after the subject wins (还重申 -> 重申); otherwise the first known verb of
    two or more characters in the first clause (向…家属表示哀悼 -> 表示哀悼).
    """
    match = _COUNCIL.match(paragraph)
    if match is None:
        return None
    rest = _ADVERBS.sub("", paragraph[match.end():])
    clause = _CLAUSE_END.split(rest, maxsplit=1)[0]
    for verb in opening_verbs():
        if clause.startswith(verb):
            return verb
    found = [(clause.find(verb), verb) for verb in opening_verbs() if len(verb) > 1 and verb in clause]
    return min(found, key=lambda item: (item[0], -len(item[1])))[1] if found else None


def _is_chapeau(paragraph: str) -> bool:
    return "发表声明如下" in paragraph or paragraph.endswith(("：", ":"))


def paragraph_table(cleaned: CleanedText, source: str) -> pd.DataFrame:
    """Return the paragraphs of cleaned text as rows: para (0 = chapeau), kind, opening, text, n_chars.

    Raises DataError naming ``source`` when no paragraph of a presidential statement is found.
    """
    paragraphs = cleaned.paragraphs
    if not any(_COUNCIL.match(p) or "安全理事会" in p for p in paragraphs):
        raise DataError(
            f"{source}: no paragraphs of a presidential statement found "
            "(expected a chapeau ending in 发表声明如下： and paragraphs opening with “安全理事会…)."
        )
    rows = []
    chapeau_index = next((i for i, p in enumerate(paragraphs) if _is_chapeau(p)), None)
    if chapeau_index is not None:
        rows.append({"para": 0, "kind": "chapeau", "opening": None, "text": paragraphs[chapeau_index]})
        paragraphs = paragraphs[chapeau_index + 1 :]
    for number, paragraph in enumerate(paragraphs, start=1):
        rows.append({"para": number, "kind": "operative", "opening": opening_verb(paragraph), "text": paragraph})
    table = pd.DataFrame(rows, columns=["para", "kind", "opening", "text"])
    table["opening"] = table["opening"].astype("str")
    table.loc[table["kind"] == "chapeau", "opening"] = pd.NA
    table["n_chars"] = table["text"].str.len()
    return table


def read_text_file(path: str | os.PathLike[str]) -> tuple[str, str]:
    """Return ``(text, encoding)`` of a statement text file; DataError if missing, empty or undecodable."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: file not found.")
    data = path.read_bytes()
    if not data.strip():
        raise DataError(f"{path}: the file is empty; it should hold the text of one statement.")
    return decode(data, source=str(path))


def statement_from_text(raw: str, *, symbol: str, date: str | None, lang: str = "zh", source: str) -> pd.DataFrame:
    """Clean raw statement text and return its paragraph table (columns PARAGRAPH_COLUMNS).

    ``attrs`` carries symbol, source, footnotes (URLs set aside) and headings.
    """
    cleaned = clean(raw)
    table = paragraph_table(cleaned, source)
    table.insert(0, "symbol", symbol)
    table.insert(1, "date", pd.to_datetime(date) if date else pd.NaT)
    table.insert(2, "lang", lang)
    table = table[PARAGRAPH_COLUMNS]
    table.attrs = {"symbol": symbol, "source": source, "footnotes": cleaned.footnotes, "headings": cleaned.headings}
    return table


def statement_record(symbol: str, root: str | os.PathLike[str] | None = None) -> pd.Series:
    """Return the metadata row of a statement; DataError listing the known symbols if it is unknown."""
    metadata = read_metadata(root)
    match = metadata[metadata["symbol"] == normalise_symbol(symbol)]
    if match.empty:
        known = ", ".join(metadata["symbol"])
        raise DataError(f"unknown symbol {symbol!r}; known statements: {known}. Add one with `python -m helpers add`.")
    return match.iloc[0]


def raw_statement(symbol: str = DEFAULT_SYMBOL, root: str | os.PathLike[str] | None = None) -> str:
    """Return the raw text of a statement exactly as stored, after verifying its checksum."""
    root = data_dir(root)
    return _verified_text(root, statement_record(symbol, root), None)


def _verified_text(root: Path, row: pd.Series, registry: dict[str, str] | None) -> str:
    path = root / row["file"]
    if not path.is_file():
        raise DataError(f"{path}: file not found for {row['symbol']}; restore data/ from the repository.")
    verify(path, root, registry)
    return read_text_file(path)[0]


def document_table(root: Path, row: pd.Series, registry: dict[str, str] | None = None) -> pd.DataFrame:
    """Return the paragraph table of the document of one metadata row (``read_metadata``) of a corpus
    folder, after checking its raw file against ``registry`` (read from the folder when None)."""
    raw = _verified_text(root, row, registry)
    return statement_from_text(
        raw, symbol=row["symbol"], date=row["date"].strftime("%Y-%m-%d"), lang=row["lang"], source=row["file"]
    )


def load_statement(symbol: str = DEFAULT_SYMBOL, root: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Return one statement as a paragraph table, one row per paragraph.

    Columns: symbol, date, lang, para (0 = chapeau, 1..N operative), kind (chapeau/operative),
    opening (verb after 安全理事会), text, n_chars. The raw file is checked against the checksum
    registry first. ``attrs["footnotes"]`` holds the footnote URLs removed from the text.
    """
    root = data_dir(root)
    return document_table(root, statement_record(symbol, root))


def opening_profile(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Return the opening verbs of the operative paragraphs: verb, english, count, paragraphs.

    Sorted by count (descending) then verb; ``paragraphs`` lists the paragraph numbers.
    """
    operative = paragraphs[paragraphs["kind"] == "operative"]
    grouped = operative.groupby("opening", dropna=False)["para"]
    profile = pd.DataFrame({"count": grouped.size(), "paragraphs": grouped.agg(lambda s: ", ".join(map(str, sorted(s))))})
    profile = profile.rename_axis("verb").reset_index()
    glosses = pd.read_csv(PROJECT_DATA / "opening_verbs.csv", dtype=str).set_index("verb")["english"]
    profile.insert(1, "english", profile["verb"].map(glosses))
    return profile.sort_values(["count", "verb"], ascending=[False, True], ignore_index=True)
