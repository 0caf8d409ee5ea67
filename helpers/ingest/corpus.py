"""A corpus folder of statements: read all of them at once, and import new ones from a .txt or a UN .pdf.

A corpus folder has the layout of the project's ``data/`` (the default corpus): ``statements.csv``
(metadata, one row per statement), ``registry.txt`` (checksums) and ``raw/`` (the texts, never edited).
Resolutions (S/RES/N(YYYY)) are held the same way, one row each in ``statements.csv``.
"""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.errors import DataError
from helpers.ingest.index import index_entry, load_index, load_resolution_index, topic_of
from helpers.ingest.ocr import DEFAULT_OCR_ENGINE, pages_without_text, scanned_pages_error, with_ocr
from helpers.ingest.pdftext import PDF_MAGIC, pdf_text
from helpers.ingest.registry import (
    REGISTRY_NAME,
    corpus_lock,
    data_dir,
    read_registry,
    register_all,
    unwritable,
    write_atomic,
)
from helpers.ingest.statements import (
    PARAGRAPH_COLUMNS,
    complete_metadata,
    document_table,
    read_metadata,
    read_text_file,
    statement_from_text,
)
from helpers.ingest.symbols import document_kind, normalise_symbol, refusal, symbol_order
from helpers.ingest.text import DOCUMENT_SYMBOL, LAYOUT_LINE_PATTERNS, Footnote
from helpers.ingest.unicode import normalise_unicode, unicode_changes_table
from helpers.parallel import PIECE_DOCUMENTS, map_in_order, worker_count

METADATA_COLUMNS = ["symbol", "date", "lang", "file", "agenda_item", "meeting", "procedure", "presidency",
                    "script", "extraction", "index_check"]
LEGACY_METADATA_COLUMNS = METADATA_COLUMNS[:8]
"""The columns of a statements.csv written before script, extraction and index_check existed (still read)."""
CORPUS_COLUMNS = [*PARAGRAPH_COLUMNS, "meeting", "agenda_item", "agenda_item_zh", "topic", "doc_type", "script",
                  "original_text"]
MAX_CHARS = 100_000
"""The longest text accepted as one statement (``--max-chars`` raises it); S/PRST/2021/1 has 2,450."""
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MEETING = re.compile(r"第\s*(\d{3,5})\s*次会议")
_TITLED = re.compile(r"题为“([^”]+)”")
_QUOTED = re.compile(r"“([^”]+)”")
_WRITTEN_PROCEDURE = "S/2020/372"


class CorpusFootnotes(Mapping):
    """The footnotes of a corpus, ``symbol -> tuple of helpers.Footnote`` (documents without footnotes left out):
    ``load_corpus(...).attrs["footnotes"]``, the form ``helpers.extract_citations`` reads for many documents.

    Read-only. pandas deep-copies a table's ``attrs`` at every operation on it; a deep copy of this mapping is the
    mapping itself, so a corpus of thousands of documents does not copy every footnote at every step.
    """

    def __init__(self, footnotes: Mapping[str, Iterable[Footnote]] | None = None) -> None:
        self._notes = {str(symbol): tuple(notes) for symbol, notes in (footnotes or {}).items() if notes}

    def __getitem__(self, symbol: str) -> tuple[Footnote, ...]:
        return self._notes[symbol]

    def __iter__(self) -> Iterator[str]:
        return iter(self._notes)

    def __len__(self) -> int:
        return len(self._notes)

    def __deepcopy__(self, memo: dict) -> CorpusFootnotes:
        return self

    def __repr__(self) -> str:
        return f"CorpusFootnotes({self._notes!r})"


def _load_documents(
    job: tuple[Path, pd.DataFrame, dict[str, str]],
) -> tuple[pd.DataFrame, dict[str, list[Footnote]]] | None:
    """Paragraph tables of some metadata rows of a corpus folder, concatenated, with each document's footnotes
    (``{symbol: footnotes}``); None for no rows."""
    root, rows, registry = job
    tables, footnotes = [], {}
    for _, row in rows.iterrows():
        table = document_table(root, row, registry)
        footnotes[row["symbol"]] = table.attrs["footnotes"]
        tables.append(table.assign(script=table.attrs["script"], original_text=table.attrs["original_text"]))
    return (pd.concat(tables, ignore_index=True), footnotes) if tables else None


def load_corpus(path: str | os.PathLike[str] | None = None, workers: int | None = None) -> pd.DataFrame:
    """Return every statement of a corpus folder as one paragraph table.

    ``path`` is a corpus folder (default: $PRST_DATA_DIR, else the project's ``data/``). Columns: those of
    ``load_statement`` (symbol, date, lang, para, kind, opening, text, n_chars), then meeting (from the
    chapeau as recorded in statements.csv, else from the index; missing without a meeting), agenda_item
    (English, from the index; missing for statements it does not list), agenda_item_zh (from the chapeau),
    topic (from the index, else from the Chinese agenda item), doc_type ("statement" or "resolution", from
    the symbol), script (zh-Hans/zh-Hant) and original_text (the paragraph in the script as written; equal
    to ``text`` for zh-Hans). Resolutions take agenda_item and topic from data/resolution_index.csv. The
    document's own facts (date, meeting) always win over the index's. Sorted by date, symbol (statements by
    year and number, then resolutions by number) and para. Every raw file is checked against the corpus
    registry (read once) and cleaned as ``load_statement`` does; ``workers`` processes share the documents
    (default: all cores from PARALLEL_MIN_DOCUMENTS documents, see ``helpers.parallel``), with the same
    result as one. ``attrs["footnotes"]`` holds each document's footnotes (``CorpusFootnotes``: symbol ->
    ``helpers.Footnote``s), so that ``helpers.extract_citations(corpus)`` finds their links as it does for one
    statement.
    """
    root = data_dir(path)
    metadata = read_metadata(root)
    registry = read_registry(root) if (root / REGISTRY_NAME).is_file() else None  # None: verify says it is missing
    workers = worker_count(workers, len(metadata))
    pieces = max(workers * 4, -(-len(metadata) // PIECE_DOCUMENTS))
    bounds = np.linspace(0, len(metadata), pieces + 1).astype(int) if len(metadata) else []
    jobs = [(root, metadata.iloc[a:b], registry) for a, b in zip(bounds[:-1], bounds[1:], strict=True) if b > a]
    loaded = [piece for piece in map_in_order(_load_documents, jobs, workers) if piece is not None]
    tables = [table for table, _ in loaded]
    if not tables:
        return pd.DataFrame({column: pd.Series(dtype="str") for column in CORPUS_COLUMNS}).astype(
            {"date": "datetime64[us]", "para": "int64", "n_chars": "int64"}
        )
    corpus = pd.concat(tables, ignore_index=True)
    corpus.attrs = {}
    corpus = corpus.astype({"script": "str", "original_text": "str"})
    index = pd.concat([load_index(), load_resolution_index()]).set_index("symbol")
    own = metadata.set_index("symbol")
    symbols = corpus["symbol"]
    own_meeting = symbols.map(own["meeting"]).replace("", pd.NA)
    corpus["meeting"] = own_meeting.fillna(symbols.map(index["meeting"]))
    corpus["agenda_item"] = symbols.map(index["agenda_item"])
    corpus["agenda_item_zh"] = symbols.map(own["agenda_item"]).replace("", pd.NA)
    corpus["topic"] = symbols.map(index["topic"]).fillna(topic_of(corpus["agenda_item_zh"]))
    corpus["doc_type"] = symbols.map({symbol: document_kind(symbol) for symbol in symbols.unique()}).astype("str")
    corpus["_key"] = symbol_order(symbols)
    corpus = corpus.sort_values(["date", "_key", "symbol", "para"], ignore_index=True)[CORPUS_COLUMNS]
    corpus.attrs = {"footnotes": CorpusFootnotes({s: notes for _, found in loaded for s, notes in found.items()})}
    return corpus


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
    """Return the symbol printed on a cover or page header line of extracted text (``S/PRST/2021/1`` or
    ``S/RES/1373 (2001)`` alone on a line, or beside 联合国 on the cover), normalised (``S/RES/1373(2001)``), or None.
    Symbols cited inside sentences are not taken."""
    header = LAYOUT_LINE_PATTERNS["symbol_header"]
    for line in raw.splitlines():
        line = line.strip()
        if header.fullmatch(line):
            return normalise_symbol(re.search(DOCUMENT_SYMBOL, line).group())
    return None


def file_stem(symbol: str, lang: str) -> str:
    """Return the file name stem of a document in raw/: S/PRST/2021/1, zh -> S_PRST_2021_1.zh;
    S/RES/1373(2001) -> S_RES_1373_2001.zh."""
    return f"{re.sub(r'[/()]+', '_', symbol).strip('_')}.{lang}"


def _read_input(path: Path, ocr: bool | str) -> tuple[str, bytes | None, str]:
    """Return (raw text, PDF bytes or None, extraction "txt"/"pdf"/"ocr") of a file to import.

    A PDF page without a text layer is refused, naming the pages, unless ``ocr``: then it is read by OCR, with
    the engine ``ocr`` names ("rapidocr", "tesseract"), or the default engine when ``ocr`` is True.
    """
    if not path.is_file():
        raise DataError(f"{path}: file not found.")
    with path.open("rb") as handle:
        is_pdf = handle.read(len(PDF_MAGIC)) == PDF_MAGIC
    if is_pdf or path.suffix.lower() == ".pdf":
        text = pdf_text(path, require_text=False)
        if not (missing := pages_without_text(text)):
            return text, path.read_bytes(), "pdf"
        if not ocr:
            raise scanned_pages_error(path, missing, text.count("\f") + 1)
        return with_ocr(path, text, engine=DEFAULT_OCR_ENGINE if ocr is True else ocr)[0], path.read_bytes(), "ocr"
    if path.suffix.lower() != ".txt":
        raise DataError(f"{path}: cannot import a {path.suffix or 'file without extension'}; give a .txt or a UN .pdf.")
    return read_text_file(path)[0], None, "txt"


def _resolve_symbol(path: Path, raw: str, symbol: str | None, extraction: str) -> str:
    """Return the document's symbol: ``symbol`` (checked against the one printed on the cover or headers), else
    the printed one. Text read by OCR may misread the printed digits (2099/70 as 2099/170), so a given symbol is
    not checked against it; the checks of date and meeting against the index still apply."""
    printed = document_symbol(normalise_unicode(raw).text)
    if symbol is None:
        if printed is None:
            raise DataError(f"{path}: no symbol S/PRST/YYYY/N or S/RES/N (YYYY) on a cover or header line; "
                            "pass --symbol S/PRST/YYYY/N (or S/RES/N(YYYY)).")
        return printed
    symbol = normalise_symbol(symbol)
    if (reason := refusal(symbol)) is not None:
        raise DataError(reason)
    if printed is not None and printed != symbol and extraction != "ocr":
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
    if (entry := index_entry(symbol)) is not None:
        return entry["date"].strftime("%Y-%m-%d")
    raise DataError(f"{path}: no date in the chapeau (YYYY年M月D日) and {symbol} is not in the index; pass --date YYYY-MM-DD.")


def index_mismatch(symbol: str, date: str, meeting: str) -> str:
    """Return how a document's date and meeting contradict the index entry of ``symbol`` (data/prst_index.csv
    for a statement, data/resolution_index.csv for a resolution; e.g. "the index lists S/PRST/2021/1 on
    2021-01-12 without a meeting"), or "" when they agree, when a fact is not given ("") or when the index
    does not list the symbol. Meetings compare by number (S/PV.4845 matches the index's S/PV.4845
    (Resumption 1))."""
    entry = index_entry(symbol)
    if entry is None:
        return ""
    listed_date = entry["date"].strftime("%Y-%m-%d")
    listed_meeting = "" if pd.isna(entry["meeting"]) else entry["meeting"]
    number = re.match(r"S/PV\.\d+", listed_meeting)
    if (not date or date == listed_date) and (not meeting or (number is not None and meeting == number.group(0))):
        return ""
    at = f"at meeting {listed_meeting}" if listed_meeting else "without a meeting"
    return f"the index lists {symbol} on {listed_date} {at}"


def read_corpus_metadata(root: Path) -> pd.DataFrame:
    """Return statements.csv of a corpus folder as text columns (empty table if the folder is new); a file
    with the columns of before script, extraction and index_check gets them filled (``complete_metadata``)."""
    path = root / "statements.csv"
    if not path.is_file():
        return pd.DataFrame({column: pd.Series(dtype="str") for column in METADATA_COLUMNS})
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(table.columns) not in (METADATA_COLUMNS, LEGACY_METADATA_COLUMNS):
        raise DataError(f"{path}: expected the columns {','.join(METADATA_COLUMNS)}; found {','.join(table.columns)}.")
    return complete_metadata(table, root)


def _pad(text: str, width: int) -> str:
    """Return ``text`` padded with spaces to ``width`` terminal columns (a Chinese character takes two)."""
    columns = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
    return text + " " * max(0, width - columns)


@dataclass
class PlannedImport:
    """What importing a file would do: the ``row`` for statements.csv, the paragraph ``table`` (with the
    attrs of ``statement_from_text``: removed lines, Unicode changes, script) and the ``files`` to write
    (path in the corpus -> bytes)."""

    source: Path
    root: Path
    row: dict[str, str]
    table: pd.DataFrame
    files: dict[Path, bytes]

    def describe(self) -> str:
        """Return a preview for a person: the row, the paragraph table, every removed line by kind and every
        Unicode change (what ``add --dry-run`` prints)."""
        written = [target.relative_to(self.root).as_posix() for target in self.files]
        lines = [f"{self.source}: would add {self.row['symbol']} to {self.root} (dry run: nothing written)",
                 f"files: {', '.join([*written, REGISTRY_NAME, 'statements.csv'])}", "", "statements.csv row:"]
        lines += [f"  {column}: {self.row[column]}" for column in METADATA_COLUMNS]
        lines += ["", f"paragraph table ({len(self.table)} rows):", "para  kind       n_chars  opening   text"]
        for row in self.table.itertuples(index=False):
            opening = "" if pd.isna(row.opening) else row.opening
            lines.append(f"{row.para:>4}  {row.kind:<9}  {row.n_chars:>7}  {_pad(opening, 8)}  {row.text}")
        removed = sorted(self.table.attrs["removed"], key=lambda item: item[0])  # stable: file order per kind
        lines += ["", f"removed lines ({len(removed)}):"] + [f"  {kind}: {line.strip()}" for kind, line in removed]
        changes = unicode_changes_table(self.table.attrs["unicode_changes"])
        lines += ["", f"Unicode changes ({len(changes)}):"]
        lines += [f"  line {c.line}, column {c.column}: {c.kind} {c.before!r} -> {c.after!r}"
                  for c in changes.itertuples(index=False)]
        return "\n".join(lines)


def plan_import(
    path: str | os.PathLike[str],
    *,
    symbol: str | None = None,
    corpus: str | os.PathLike[str] | None = None,
    lang: str = "zh",
    date: str | None = None,
    ocr: bool | str = False,
    force: bool = False,
    max_chars: int | None = None,
) -> PlannedImport:
    """Return what importing a .txt or UN .pdf would write (see ``add_statement``), writing nothing.

    Raises DataError, with one line naming the file and what to do, for every refusal of ``add_statement``.
    """
    path = Path(path)
    root = data_dir(corpus)
    raw, pdf_bytes, extraction = _read_input(path, ocr)
    max_chars = MAX_CHARS if max_chars is None else max_chars
    if len(raw) > max_chars:
        raise DataError(f"{path}: the text has {len(raw):,} characters, over the bound of {max_chars:,} for one "
                        f"statement; check that it is one statement, or pass --max-chars {len(raw)} to raise the bound")
    symbol = _resolve_symbol(path, raw, symbol, extraction)
    metadata = read_corpus_metadata(root)
    if symbol in set(metadata["symbol"]):
        raise _already_there(symbol, root, metadata)
    table = statement_from_text(raw, symbol=symbol, date=None, lang=lang, source=str(path))
    if document_kind(symbol) == "resolution":  # date and meeting from the adoption line
        said = table.attrs["adoption"]
    else:
        chapeau = table.loc[table["kind"] == "chapeau", "text"]
        said = chapeau.iloc[0] if len(chapeau) else ""
    try:
        facts = chapeau_facts(said)
    except DataError as error:
        raise DataError(f"{path}: {error}") from None
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
        "script": table.attrs["script"],
        "extraction": extraction,
        "index_check": "",
    }
    if mismatch := index_mismatch(symbol, row["date"], row["meeting"]):
        meeting = f"meeting {row['meeting']}" if row["meeting"] else "no meeting"
        where = "the adoption line" if document_kind(symbol) == "resolution" else "the chapeau"
        given = f"--date gives {row['date']} and {where} {meeting}" if date else f"{where} gives {row['date']} and {meeting}"
        if not force:
            raise DataError(f"{path}: {given}, {mismatch}; check the file and --symbol, or pass --force to import it anyway")
        row["index_check"] = f"forced: {given}, {mismatch}"
    files = {root / text_file: raw.encode("utf-8") if pdf_bytes is not None else path.read_bytes()}
    if pdf_bytes is not None:
        files[root / f"raw/{stem}.pdf"] = pdf_bytes
    return PlannedImport(path, root, row, table, files)


def add_statement(
    path: str | os.PathLike[str],
    *,
    symbol: str | None = None,
    corpus: str | os.PathLike[str] | None = None,
    lang: str = "zh",
    date: str | None = None,
    ocr: bool | str = False,
    force: bool = False,
    max_chars: int | None = None,
) -> pd.Series:
    """Import one statement (or resolution) from a .txt or a UN .pdf into a corpus folder; return its new
    metadata row.

    Writes ``raw/<S_PRST_YYYY_N>.<lang>.txt`` (``raw/S_RES_N_YYYY.<lang>.txt`` for a resolution; the text as received, or as ``pdf_text`` extracts it from a
    PDF, or as OCR reads the pages without a text layer when ``ocr``: True for the default engine RapidOCR, or
    an engine name, "rapidocr" or "tesseract"), keeps the PDF beside it, registers
    their checksums and adds a row to statements.csv (created for a new folder). Symbol: ``symbol``, else
    the one on the PDF's cover or header lines. Date, meeting and agenda item: from the chapeau (a
    resolution's date and meeting from its adoption line; its agenda item is left empty, the text prints
    none); the date falls back to ``date`` and then the index. The row also records script (zh-Hans/zh-Hant), extraction
    (txt/pdf/ocr) and index_check. Refused with DataError, writing nothing: a symbol already present, a
    text that does not clean into a statement, a text over ``max_chars`` characters (default MAX_CHARS),
    a PDF page without text (unless ``ocr``), a chapeau whose date or meeting contradicts the index
    (unless ``force``, which records the mismatch in index_check).
    """
    planned = plan_import(path, symbol=symbol, corpus=corpus, lang=lang, date=date, ocr=ocr, force=force,
                          max_chars=max_chars)
    _commit(planned.root, planned.files, [planned.row])
    return pd.Series(planned.row)


def _already_there(symbol: str, root: Path, metadata: pd.DataFrame) -> DataError:
    existing = metadata.loc[metadata["symbol"] == symbol, "file"].iloc[0]
    return DataError(f"{symbol} is already in the corpus {root} ({existing}); remove its row from statements.csv to replace it.")


def _commit(root: Path, files: dict[Path, bytes], rows: list[dict[str, str]]) -> None:
    """Under the corpus lock: write the raw files, register them (one registry write) and add ``rows`` to
    statements.csv, re-read under the lock so that concurrent writers keep each other's rows. On any failure,
    Ctrl-C included, undo all of it. DataError if a symbol is already there or the folder cannot be written."""
    with corpus_lock(root):
        metadata = read_corpus_metadata(root)
        for row in rows:
            if row["symbol"] in set(metadata["symbol"]):
                raise _already_there(row["symbol"], root, metadata)
        registry = root / REGISTRY_NAME
        before = {target: target.read_bytes() if target.is_file() else None for target in [*files, registry]}
        try:
            (root / "raw").mkdir(parents=True, exist_ok=True)
            for target, data in files.items():
                write_atomic(target, data)
            register_all(files, root)
            metadata = pd.concat([metadata, pd.DataFrame(rows, columns=METADATA_COLUMNS)], ignore_index=True)
            metadata = metadata.assign(_key=symbol_order(metadata["symbol"]))
            metadata = metadata.sort_values(["date", "_key", "symbol"], ignore_index=True)[METADATA_COLUMNS]
            write_atomic(root / "statements.csv", metadata.to_csv(index=False, lineterminator="\n").encode("utf-8"))
        except BaseException as error:
            for target, data in before.items():
                with contextlib.suppress(OSError):  # undo what can be undone; the first error is the one to report
                    if data is None:
                        target.unlink(missing_ok=True)
                    else:
                        write_atomic(target, data)
            if isinstance(error, OSError):
                raise unwritable(root, error) from None
            raise
