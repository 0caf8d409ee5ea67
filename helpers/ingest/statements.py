"""Loading presidential statements (and resolutions, see resolutions.py) into a paragraph table."""

from __future__ import annotations

import dataclasses
import os
import re
import shlex
from functools import cache, lru_cache
from pathlib import Path

import pandas as pd

from helpers.errors import DataError
from helpers.ingest.council_verbs import speech_act_forms, speech_act_table
from helpers.ingest.registry import data_dir, restore_hint, verify
from helpers.ingest.script import original_paragraphs, script_view
from helpers.ingest.symbols import document_kind, normalise_symbol, refusal, symbol_order
from helpers.ingest.text import CleanedText, clean, decode
from helpers.ingest.unicode import normalise_unicode

DEFAULT_SYMBOL = "S/PRST/2021/1"
PARAGRAPH_COLUMNS = ["symbol", "date", "lang", "para", "kind", "number", "opening", "text", "n_chars"]
_COUNCIL = re.compile(r"^[“「\"]?(?:安全理事会|安理会)")
_ADVERBS = re.compile(r"^(?:还|又|也|再次|同时|进一步|仍然)")
_CLAUSE_END = re.compile(r"[，。；：,]")


def complete_metadata(table: pd.DataFrame, root: Path) -> pd.DataFrame:
    """Return statements.csv's table with the columns that a file written before they existed lacks:
    script "zh-Hans" (traditional text was refused then), extraction "pdf" when the PDF is kept beside the
    text file else "txt", index_check "" (no mismatch forced)."""
    table = table.copy()
    if "script" not in table.columns:
        table["script"] = "zh-Hans"
    if "extraction" not in table.columns:
        has_pdf = [(root / file).with_suffix(".pdf").is_file() for file in table["file"]]
        table["extraction"] = pd.Series(["pdf" if pdf else "txt" for pdf in has_pdf], index=table.index, dtype="str")
    if "index_check" not in table.columns:
        table["index_check"] = ""
    return table


@lru_cache(maxsize=16)
def _read_metadata_file(path: Path, _mtime_ns: int, _size: int) -> pd.DataFrame:
    try:
        table = complete_metadata(pd.read_csv(path, dtype=str, keep_default_na=False), path.parent)
    except (ValueError, UnicodeDecodeError) as error:  # pandas' ParserError is a ValueError
        raise DataError(f"{path}: not a readable CSV table ({str(error).splitlines()[0]}); correct or restore it.") from None
    missing = [column for column in ("symbol", "date", "lang", "file") if column not in table.columns]
    if missing:
        raise DataError(f"{path}: the column(s) {', '.join(missing)} are missing; correct or restore the file.")
    dates = pd.to_datetime(table["date"], format="%Y-%m-%d", errors="coerce")
    if dates.isna().any():
        row = int(dates.isna().to_numpy().argmax())
        raise DataError(
            f"{path}: line {row + 2}: the date {table['date'][row]!r} of {table['symbol'][row]} is not a date; "
            "write it as YYYY-MM-DD in that line."
        )
    table["date"] = dates
    table["_order"] = symbol_order(table["symbol"])
    return table.sort_values(["date", "_order", "symbol"], ignore_index=True).drop(columns="_order")


def read_metadata(root: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Return the table of statements a data folder holds.

    Columns: symbol, date (datetime64), lang, file (relative to the folder), agenda_item, meeting,
    procedure, presidency, script (zh-Hans/zh-Hant), extraction (txt/pdf/ocr), index_check ("" or the
    mismatch with the index accepted by ``--force``); a file without the last three gets them filled
    (``complete_metadata``). Sorted by date, then year and number of the symbol. The file is read once
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


@cache
def opening_verbs() -> tuple[str, ...]:
    """Return the written forms of the verbs of data/speech_acts.csv, longest first."""
    return tuple(sorted(speech_act_forms(), key=lambda verb: (-len(verb), verb)))


def opening_verb(paragraph: str) -> str | None:
    """Return the verb phrase after 安全理事会 that opens an operative paragraph, or None.

    A verb straight after the subject wins (还重申 -> 重申); otherwise the first known verb of
    two or more characters in the first clause (向…家属表示哀悼 -> 表示哀悼). The verbs are those of
    data/speech_acts.csv; another written form gives its canonical verb (表示感谢 -> 感谢).
    """
    match = _COUNCIL.match(paragraph)
    return None if match is None else leading_verb(paragraph[match.end():])


def verb_at_start(text: str) -> str | None:
    """Return the canonical verb of data/speech_acts.csv a text starts with, after an adverb (还重申 -> 重申),
    or None."""
    rest = _ADVERBS.sub("", text)
    return next((speech_act_forms()[verb] for verb in opening_verbs() if rest.startswith(verb)), None)


def leading_verb(text: str) -> str | None:
    """Return the canonical verb that opens a clause whose subject is understood: ``verb_at_start``, else
    the first known verb of two or more characters in its first clause, else None."""
    if (verb := verb_at_start(text)) is not None:
        return verb
    clause = _CLAUSE_END.split(_ADVERBS.sub("", text), maxsplit=1)[0]
    canonical = speech_act_forms()
    found = [(clause.find(verb), verb) for verb in opening_verbs() if len(verb) > 1 and verb in clause]
    return canonical[min(found, key=lambda item: (item[0], -len(item[1])))[1]] if found else None


def _is_chapeau(paragraph: str) -> bool:
    return "发表声明如下" in paragraph or paragraph.endswith(("：", ":"))


def paragraph_table(cleaned: CleanedText, source: str) -> pd.DataFrame:
    """Return the paragraphs of cleaned text as rows: para (0 = chapeau), kind, number (always missing:
    a statement prints no paragraph numbers), opening, text, n_chars.

    ``attrs["footnotes"]`` holds the cleaned text's footnotes, each marker placed by the table's para number.
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
    first = 0
    if chapeau_index is not None:
        rows.append({"para": 0, "kind": "chapeau", "opening": None, "text": paragraphs[chapeau_index]})
        first = chapeau_index + 1
    for number, paragraph in enumerate(paragraphs[first:], start=1):
        rows.append({"para": number, "kind": "operative", "opening": opening_verb(paragraph), "text": paragraph})
    table = pd.DataFrame(rows, columns=["para", "kind", "opening", "text"])
    table.insert(2, "number", pd.Series(pd.NA, index=table.index, dtype="str"))
    table["opening"] = table["opening"].astype("str")
    table.loc[table["kind"] == "chapeau", "opening"] = pd.NA
    table["n_chars"] = table["text"].str.len()
    para_of = {index: index - first + 1 for index in range(first, len(paragraphs))}
    if chapeau_index is not None:
        para_of[chapeau_index] = 0
    table.attrs["footnotes"] = [
        dataclasses.replace(note, para=para_of[note.para]) if note.para in para_of
        else dataclasses.replace(note, para=None, offset=None)
        for note in cleaned.footnotes
    ]
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


def statement_from_text(
    raw: str, *, symbol: str, date: str | None, lang: str = "zh", source: str, script: str | None = None
) -> pd.DataFrame:
    """Normalise, clean and return the paragraph table of raw statement text (columns PARAGRAPH_COLUMNS).

    A resolution symbol (S/RES/N(YYYY)) gets the paragraph table of ``resolution_table``. The raw text is
    first normalised (``normalise_unicode``); a text in traditional characters (``script`` "zh-Hant", detected
    when None) is cleaned and analysed through its simplified view, so ``text`` is always simplified.
    ``attrs`` carries symbol, source, footnotes (``helpers.Footnote``: number, text, and the para and offset
    of its marker), headings (and, for a resolution, its adoption facts), removed (the cleaner's removed lines, ``(kind, line)``, as analysed: simplified for
    zh-Hant), unicode_changes (``UnicodeChange`` list, positions in ``raw``), script ("zh-Hans"/"zh-Hant")
    and original_text (each row's paragraph in the script as written).
    """
    normalised = normalise_unicode(raw)
    view = script_view(normalised.text, script)
    cleaned = clean(view.view)
    if document_kind(symbol) == "resolution":
        from helpers.ingest.resolutions import resolution_table  # it builds on this module's leading_verb

        table = resolution_table(cleaned, source, symbol)
    else:
        table = paragraph_table(cleaned, source)
    table.insert(0, "symbol", symbol)
    table.insert(1, "date", pd.to_datetime(date) if date else pd.NaT)
    table.insert(2, "lang", lang)
    attrs = table.attrs
    table = table[PARAGRAPH_COLUMNS]
    table.attrs = {"symbol": symbol, "source": source, "footnotes": cleaned.footnotes, "headings": cleaned.headings,
                   "removed": cleaned.removed, "unicode_changes": normalised.changes, "script": view.script,
                   "original_text": original_paragraphs(view, table["text"].tolist())}
    table.attrs |= attrs  # footnotes placed by para; a resolution's headings (title, adoption line) and adoption facts
    return table


def statement_record(symbol: str, root: str | os.PathLike[str] | None = None) -> pd.Series:
    """Return the metadata row of a statement; DataError listing the known symbols if it is unknown."""
    metadata = read_metadata(root)
    match = metadata[metadata["symbol"] == normalise_symbol(symbol)]
    if match.empty:
        known = ", ".join(metadata["symbol"])
        if (reason := refusal(normalise_symbol(symbol), given=symbol)) is not None:  # no symbol a corpus holds
            raise DataError(f"{reason} Known documents: {known}.")
        command = f"python -m helpers add FILE --symbol {shlex.quote(normalise_symbol(symbol))} --corpus {shlex.quote(str(data_dir(root)))}"
        raise DataError(f"unknown symbol {symbol!r}; known statements: {known}. To add it from a .txt or .pdf: `{command}`.")
    return match.iloc[0]


def raw_statement(symbol: str = DEFAULT_SYMBOL, root: str | os.PathLike[str] | None = None) -> str:
    """Return the raw text of a statement exactly as stored, after verifying its checksum."""
    root = data_dir(root)
    return _verified_text(root, statement_record(symbol, root), None)


def _verified_text(root: Path, row: pd.Series, registry: dict[str, str] | None) -> str:
    path = root / row["file"]
    if not path.is_file():
        raise DataError(f"{path}: file not found for {row['symbol']}; {restore_hint(root)}")
    verify(path, root, registry)
    return read_text_file(path)[0]


def document_table(root: Path, row: pd.Series, registry: dict[str, str] | None = None) -> pd.DataFrame:
    """Return the paragraph table of the document of one metadata row (``read_metadata``) of a corpus
    folder, after checking its raw file against ``registry`` (read from the folder when None)."""
    raw = _verified_text(root, row, registry)
    return statement_from_text(
        raw, symbol=row["symbol"], date=row["date"].strftime("%Y-%m-%d"), lang=row["lang"], source=row["file"],
        script=row["script"] or None,
    )


def load_statement(symbol: str = DEFAULT_SYMBOL, root: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Return one statement as a paragraph table, one row per paragraph.

    Columns: symbol, date, lang, para (0 = chapeau, 1..N operative), kind (chapeau/operative),
    number (the paragraph number as printed; missing for a statement, which prints none), opening (verb
    after 安全理事会), text, n_chars. A resolution (S/RES/N(YYYY)) has the rows of ``resolution_table``:
    kinds chapeau, preambular, operative, sub, annex. The raw file is checked against the checksum
    registry first. ``attrs["footnotes"]`` holds the footnotes set aside from the text (``helpers.Footnote``); the other
    ``attrs`` are those of ``statement_from_text`` (script as recorded in statements.csv).
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
    glosses = speech_act_table().set_index("verb")["english"]
    profile.insert(1, "english", profile["verb"].map(glosses))
    return profile.sort_values(["count", "verb"], ascending=[False, True], ignore_index=True)
