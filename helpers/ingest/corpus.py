"""A corpus folder of statements: read all of them at once, and import new ones from a .txt or a UN .pdf.

A corpus folder has the layout of the project's ``data/`` (the default corpus): ``statements.csv``
(metadata, one row per statement), ``registry.txt`` (checksums) and ``raw/`` (the texts, never edited).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.errors import DataError
from helpers.ingest.index import load_index, topic_of
from helpers.ingest.pdftext import PDF_MAGIC, pdf_text
from helpers.ingest.registry import REGISTRY_NAME, data_dir, read_registry, register
from helpers.ingest.statements import (
    PARAGRAPH_COLUMNS,
    SYMBOL_PATTERN,
    document_table,
    normalise_symbol,
    read_metadata,
    read_text_file,
    statement_from_text,
    symbol_order,
)
from helpers.ingest.text import LAYOUT_LINE_PATTERNS
from helpers.parallel import PIECE_DOCUMENTS, map_in_order, worker_count

METADATA_COLUMNS = ["symbol", "date", "lang", "file", "agenda_item", "meeting", "procedure", "presidency"]
CORPUS_COLUMNS = [*PARAGRAPH_COLUMNS, "meeting", "agenda_item", "agenda_item_zh", "topic"]
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MEETING = re.compile(r"第\s*(\d{3,5})\s*次会议")
_TITLED = re.compile(r"题为“([^”]+)”")
_QUOTED = re.compile(r"“([^”]+)”")
_WRITTEN_PROCEDURE = "S/2020/372"


def _load_documents(job: tuple[Path, pd.DataFrame, dict[str, str]]) -> pd.DataFrame | None:
    """Paragraph tables of some metadata rows of a corpus folder, concatenated (None for no rows)."""
    root, rows, registry = job
    tables = [document_table(root, row, registry) for _, row in rows.iterrows()]
    return pd.concat(tables, ignore_index=True) if tables else None


def load_corpus(path: str | os.PathLike[str] | None = None, workers: int | None = None) -> pd.DataFrame:
    """Return every statement of a corpus folder as one paragraph table.

    ``path`` is a corpus folder (default: $PRST_DATA_DIR, else the project's ``data/``). Columns: those of
    ``load_statement`` (symbol, date, lang, para, kind, opening, text, n_chars), then meeting (from the
    index, else from the chapeau; missing without a meeting), agenda_item (English, from the index;
    missing for statements it does not list), agenda_item_zh (from the chapeau) and topic (from the index,
    else from the Chinese agenda item). Sorted by date, symbol (year, number) and para. Every raw file is
    checked against the corpus registry (read once) and cleaned as ``load_statement`` does; ``workers``
    processes share the documents (default: all cores from PARALLEL_MIN_DOCUMENTS documents, see
    ``helpers.parallel``), with the same result as one.
    """
    root = data_dir(path)
    metadata = read_metadata(root)
    registry = read_registry(root)
    workers = worker_count(workers, len(metadata))
    pieces = max(workers * 4, -(-len(metadata) // PIECE_DOCUMENTS))
    bounds = np.linspace(0, len(metadata), pieces + 1).astype(int) if len(metadata) else []
    jobs = [(root, metadata.iloc[a:b], registry) for a, b in zip(bounds[:-1], bounds[1:], strict=True) if b > a]
    tables = [table for table in map_in_order(_load_documents, jobs, workers) if table is not None]
    if not tables:
        return pd.DataFrame({column: pd.Series(dtype="str") for column in CORPUS_COLUMNS}).astype(
            {"date": "datetime64[us]", "para": "int64", "n_chars": "int64"}
        )
    corpus = pd.concat(tables, ignore_index=True)
    corpus.attrs = {}
    index = load_index().set_index("symbol")
    own = metadata.set_index("symbol")
    symbols = corpus["symbol"]
    own_meeting = symbols.map(own["meeting"]).replace("", pd.NA)
    corpus["meeting"] = symbols.map(index["meeting"]).where(symbols.isin(index.index), own_meeting)
    corpus["agenda_item"] = symbols.map(index["agenda_item"])
    corpus["agenda_item_zh"] = symbols.map(own["agenda_item"]).replace("", pd.NA)
    corpus["topic"] = symbols.map(index["topic"]).fillna(topic_of(corpus["agenda_item_zh"]))
    corpus["_key"] = symbol_order(symbols)
    corpus = corpus.sort_values(["date", "_key", "symbol", "para"], ignore_index=True)
    return corpus[CORPUS_COLUMNS]


def chapeau_facts(chapeau: str) -> dict[str, str]:
    """Return what a chapeau says about its statement: date (ISO, or ""), meeting ("S/PV.NNNN" or ""),
    agenda_item (the title in “…”, or "") and procedure ("meeting", "written procedure (S/2020/372)" or "")."""
    facts = {"date": "", "meeting": "", "agenda_item": "", "procedure": ""}
    if (match := _DATE.search(chapeau)) is not None:
        year, month, day = (int(part) for part in match.groups())
        try:
            facts["date"] = pd.Timestamp(year=year, month=month, day=day).strftime("%Y-%m-%d")
        except ValueError:
            raise DataError(f"the chapeau gives {match.group(0)}, which is not a date; check the text.") from None
    if (match := _MEETING.search(chapeau)) is not None:
        facts["meeting"] = f"S/PV.{match.group(1)}"
        facts["procedure"] = "meeting"
    elif _WRITTEN_PROCEDURE in chapeau:
        facts["procedure"] = f"written procedure ({_WRITTEN_PROCEDURE})"
    if (match := _TITLED.search(chapeau) or _QUOTED.search(chapeau)) is not None:
        facts["agenda_item"] = match.group(1)
    return facts


def document_symbol(raw: str) -> str | None:
    """Return the symbol printed on a cover or page header line of extracted text (``S/PRST/2021/1`` alone
    on a line, or after 联合国), or None. Symbols cited inside sentences are not taken."""
    header = LAYOUT_LINE_PATTERNS["symbol_header"]
    for line in raw.splitlines():
        line = line.strip()
        if header.fullmatch(line):
            return SYMBOL_PATTERN.search(line).group(0)
    return None


def file_stem(symbol: str, lang: str) -> str:
    """Return the file name stem of a statement in raw/: S/PRST/2021/1, zh -> S_PRST_2021_1.zh."""
    return f"{symbol.replace('/', '_')}.{lang}"


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def _read_input(path: Path) -> tuple[str, bytes | None]:
    """Return (raw text, PDF bytes or None) of a file to import."""
    if not path.is_file():
        raise DataError(f"{path}: file not found.")
    with path.open("rb") as handle:
        is_pdf = handle.read(len(PDF_MAGIC)) == PDF_MAGIC
    if is_pdf or path.suffix.lower() == ".pdf":
        return pdf_text(path), path.read_bytes()
    if path.suffix.lower() != ".txt":
        raise DataError(f"{path}: cannot import a {path.suffix or 'file without extension'}; give a .txt or a UN .pdf.")
    return read_text_file(path)[0], None


def _resolve_symbol(path: Path, raw: str, symbol: str | None) -> str:
    printed = document_symbol(raw)
    if symbol is None:
        if printed is None:
            raise DataError(f"{path}: no symbol S/PRST/YYYY/N on a cover or header line; pass --symbol S/PRST/YYYY/N.")
        return printed
    symbol = normalise_symbol(symbol)
    if SYMBOL_PATTERN.fullmatch(symbol) is None:
        raise DataError(f"{symbol!r} is not a presidential statement symbol; write it as S/PRST/YYYY/N.")
    if printed is not None and printed != symbol:
        raise DataError(f"{path}: the document is {printed}, not {symbol}; check the file and the symbol.")
    return symbol


def _statement_date(symbol: str, chapeau_date: str, date: str | None, path: Path) -> str:
    if date:
        try:
            return pd.Timestamp(date).strftime("%Y-%m-%d")
        except ValueError:
            raise DataError(f"--date {date!r} is not a date; write it as YYYY-MM-DD.") from None
    if chapeau_date:
        return chapeau_date
    index = load_index().set_index("symbol")
    if symbol in index.index:
        return index.loc[symbol, "date"].strftime("%Y-%m-%d")
    raise DataError(f"{path}: no date in the chapeau (YYYY年M月D日) and {symbol} is not in the index; pass --date YYYY-MM-DD.")


def read_corpus_metadata(root: Path) -> pd.DataFrame:
    """Return statements.csv of a corpus folder as text columns (empty table if the folder is new)."""
    path = root / "statements.csv"
    if not path.is_file():
        return pd.DataFrame({column: pd.Series(dtype="str") for column in METADATA_COLUMNS})
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(table.columns) != METADATA_COLUMNS:
        raise DataError(f"{path}: expected the columns {','.join(METADATA_COLUMNS)}; found {','.join(table.columns)}.")
    return table


def add_statement(
    path: str | os.PathLike[str],
    *,
    symbol: str | None = None,
    corpus: str | os.PathLike[str] | None = None,
    lang: str = "zh",
    date: str | None = None,
) -> pd.Series:
    """Import one statement from a .txt or a UN .pdf into a corpus folder; return its new metadata row.

    Writes ``raw/<S_PRST_YYYY_N>.<lang>.txt`` (the text as received, or as pdfplumber extracts it from a
    PDF), keeps the PDF beside it, registers their checksums and adds a row to statements.csv (created
    for a new folder). Symbol: ``symbol``, else the one on the PDF's cover or header lines. Date, meeting
    and agenda item: from the chapeau; the date falls back to ``date`` and then the index. Nothing is
    written unless the text cleans into a statement; a symbol already present raises DataError.
    """
    path = Path(path)
    root = data_dir(corpus)
    raw, pdf_bytes = _read_input(path)
    symbol = _resolve_symbol(path, raw, symbol)
    metadata = read_corpus_metadata(root)
    if symbol in set(metadata["symbol"]):
        existing = metadata.loc[metadata["symbol"] == symbol, "file"].iloc[0]
        raise DataError(f"{symbol} is already in the corpus {root} ({existing}); remove its row from statements.csv to replace it.")
    table = statement_from_text(raw, symbol=symbol, date=None, lang=lang, source=str(path))
    chapeau = table.loc[table["kind"] == "chapeau", "text"]
    facts = chapeau_facts(chapeau.iloc[0] if len(chapeau) else "")
    stem = file_stem(symbol, lang)
    text_file = f"raw/{stem}.txt"
    row = {
        "symbol": symbol,
        "date": _statement_date(symbol, facts["date"], date, path),
        "lang": lang,
        "file": text_file,
        "agenda_item": facts["agenda_item"],
        "meeting": facts["meeting"],
        "procedure": facts["procedure"],
        "presidency": "",
    }
    files = {root / text_file: raw.encode("utf-8") if pdf_bytes is not None else path.read_bytes()}
    if pdf_bytes is not None:
        files[root / f"raw/{stem}.pdf"] = pdf_bytes
    _commit(root, files, pd.concat([metadata, pd.DataFrame([row])], ignore_index=True))
    return pd.Series(row)


def _commit(root: Path, files: dict[Path, bytes], metadata: pd.DataFrame) -> None:
    """Write the raw files, register them and write statements.csv; on any failure undo all of it."""
    registry = root / REGISTRY_NAME
    before = {target: target.read_bytes() if target.is_file() else None for target in [*files, registry]}
    try:
        (root / "raw").mkdir(parents=True, exist_ok=True)
        for target, data in files.items():
            _write_atomic(target, data)
            register(target, root)
        metadata = metadata.assign(_key=symbol_order(metadata["symbol"]))
        metadata = metadata.sort_values(["date", "_key", "symbol"], ignore_index=True)[METADATA_COLUMNS]
        _write_atomic(root / "statements.csv", metadata.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    except BaseException:
        for target, data in before.items():
            if data is None:
                target.unlink(missing_ok=True)
            else:
                _write_atomic(target, data)
        raise
