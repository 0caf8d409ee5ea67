"""Export a corpus's tables as CSV and Parquet with a data dictionary, for R, a spreadsheet or another tool.

``export_corpus`` (``python -m helpers export --corpus DIR --out DIR``) writes the paragraph, token, citation
and speech-act tables and the citation network; ``export_tables`` writes any named tables. Beside them,
``data_dictionary.csv`` lists every column of every table: its type and meaning. ``read_export`` reads a
table back with its types, equal to the table written.

CSV files are UTF-8 with a byte-order mark (so spreadsheet programs read the Chinese text as UTF-8; R's readr
and pandas skip the mark), ``\\n`` line ends, missing values as empty fields. Parquet files are written by
pyarrow and keep pandas types. Everything is written to a staging folder first and moved into place at the
end, so a failed export leaves the output folder as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from helpers.errors import DataError

FORMATS = ("csv", "parquet")
DICTIONARY_NAME = "data_dictionary.csv"
DICTIONARY_COLUMNS = ["table", "column", "type", "pandas_dtype", "meaning"]

MEANINGS: dict[str, str] = {
    # paragraphs (helpers.load_corpus)
    "paragraphs.symbol": "UN document symbol (S/PRST/2021/1, S/RES/1373(2001))",
    "paragraphs.date": "date of the document",
    "paragraphs.lang": "language of the text (zh)",
    "paragraphs.para": "paragraph number in the document (0 = chapeau of a statement)",
    "paragraphs.kind": "kind of paragraph: chapeau, operative; in resolutions also preambular, sub, annex",
    "paragraphs.number": "the paragraph number as printed (1, (a)); empty for statements, which print none",
    "paragraphs.opening": "verb after 安全理事会 that opens the paragraph, if any",
    "paragraphs.text": "cleaned text of the paragraph",
    "paragraphs.n_chars": "characters in the paragraph text",
    "paragraphs.meeting": "record of the meeting (S/PV.NNNN); empty without a meeting",
    "paragraphs.agenda_item": "agenda item in English, from the index of statements",
    "paragraphs.agenda_item_zh": "agenda item in Chinese, as the document gives it",
    "paragraphs.topic": "topic of the agenda item (data/topics.csv)",
    "paragraphs.doc_type": "statement or resolution, from the symbol",
    "paragraphs.script": "script of the text as written: zh-Hans (simplified) or zh-Hant (traditional)",
    "paragraphs.original_text": "the paragraph in the script as written (equal to text for zh-Hans)",
    # tokens (helpers.token_table)
    "tokens.symbol": "document symbol",
    "tokens.para": "paragraph number",
    "tokens.position": "0-based position of the token in its paragraph",
    "tokens.token": "the token as segmented (citations whole, whitespace removed)",
    "tokens.term": "canonical form of the token (merged spelling variants)",
    "tokens.kind": "word, number, citation or punct",
    "tokens.start": "offset of the token's first character in the paragraph text",
    "tokens.end": "offset after the token's last character in the paragraph text",
    # citations (helpers.extract_citations)
    "citations.symbol": "citing document",
    "citations.para": "paragraph of the citation (empty for a footnote)",
    "citations.kind": "resolution, document, instrument, body or url",
    "citations.key": "normalised key of what is cited (S/RES/1373(2001), 《联合国宪章》, a body's name)",
    "citations.surface": "the citation as written",
    "citations.start": "offset of the citation in the paragraph text (or in the footnote)",
    "citations.end": "offset after the citation",
    "citations.footnote": "footnote number when the citation is a footnote link",
    "citations.entity": "id of the UN entity in data/un_entities.csv (bodies)",
    "citations.entity_kind": "kind of that entity (UN body, operation, agency, group of states, …)",
    "citations.english": "English name of the body or instrument, when known",
    # speech acts (helpers.speech_acts)
    "speech_acts.symbol": "document symbol",
    "speech_acts.para": "paragraph number",
    "speech_acts.verb": "canonical verb of the act (重申 for 还重申)",
    "speech_acts.surface": "the verb as written",
    "speech_acts.start": "offset of the verb in the paragraph text",
    "speech_acts.end": "offset after the verb",
    "speech_acts.force": "force category on the scale of data/speech_acts.csv",
    "speech_acts.force_rank": "rank of the force, 1 = strongest",
    "speech_acts.english": "English gloss of the verb",
    "speech_acts.own": "True when the Council performs the act in this text, False inside a recalled or quoted act",
    "speech_acts.object": "what the act is about: the text after the verb to the end of its clause",
    # network (helpers.citation_network)
    "network_nodes.id": "document symbol",
    "network_nodes.label": "short label (1373(2001) for a resolution)",
    "network_nodes.doc_type": "statement, resolution, document (Security Council); other (another organ's document)",
    "network_nodes.date": "date of the document, when known",
    "network_nodes.year": "year of the document, when known",
    "network_nodes.in_corpus": "True for documents of the corpus, False for documents only cited",
    "network_nodes.cites": "number of documents it cites",
    "network_nodes.cited_by": "number of corpus documents citing it",
    "network_edges.source": "citing document",
    "network_edges.target": "cited document",
    "network_edges.count": "number of citations",
    "network_edges.kind": "citation kinds joined by + (resolution, document, url)",
}
"""Meaning of each exported column, keyed ``table.column``."""


def _type(dtype) -> str:
    """A portable name for a pandas dtype (what R or a spreadsheet should read the column as)."""
    kind = pd.api.types
    if kind.is_bool_dtype(dtype):
        return "boolean"
    if kind.is_integer_dtype(dtype):
        return "integer"
    if kind.is_float_dtype(dtype):
        return "float"
    if kind.is_datetime64_any_dtype(dtype):
        return "date"
    return "string"


def data_dictionary(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Return table, column, type (string, integer, float, boolean, date), pandas_dtype (to read it back
    exactly) and meaning of every column, tables in the order given, columns in table order. A column
    without an entry in MEANINGS says so."""
    rows = [
        (name, str(column), _type(table[column].dtype), str(table[column].dtype),
         MEANINGS.get(f"{name}.{column}", "(no description yet: see the function that makes this table)"))
        for name, table in tables.items()
        for column in table.columns
    ]
    return pd.DataFrame(rows, columns=DICTIONARY_COLUMNS, dtype="str")


def _check_formats(formats: Iterable[str]) -> list[str]:
    formats = list(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise DataError(f"unknown export format {', '.join(unknown) or '(none)'}; use csv and/or parquet.")
    return formats


def export_tables(
    tables: Mapping[str, pd.DataFrame], out_dir: str | os.PathLike[str], formats: Iterable[str] = FORMATS,
    extra: Mapping[str, bytes] | None = None,
) -> list[Path]:
    """Write each table as ``NAME.csv`` and/or ``NAME.parquet`` into ``out_dir`` with ``data_dictionary.csv``
    beside them (``extra`` adds files by name, e.g. a GraphML file); return the paths written, sorted.

    Files of the same names are replaced; other files in ``out_dir`` are left alone. Nothing is written
    unless every file could be made.
    """
    formats = _check_formats(formats)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise DataError(f"{out}: exists and is not a folder; give --out a folder to write the tables into.")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".export-", dir=out) as staging:
        stage = Path(staging)
        for name, table in tables.items():
            if "csv" in formats:
                frame = table.copy()
                for column in frame.columns:
                    if pd.api.types.is_datetime64_any_dtype(frame[column]):
                        frame[column] = frame[column].dt.strftime("%Y-%m-%d")
                frame.to_csv(stage / f"{name}.csv", index=False, encoding="utf-8-sig", lineterminator="\n")
            if "parquet" in formats:
                frame = table.copy(deep=False)
                frame.attrs = {}  # the data only: pyarrow would try to store attrs (footnotes …) as JSON
                frame.to_parquet(stage / f"{name}.parquet", engine="pyarrow", index=False)
        data_dictionary(tables).to_csv(stage / DICTIONARY_NAME, index=False, encoding="utf-8-sig", lineterminator="\n")
        for name, data in (extra or {}).items():
            (stage / name).write_bytes(data)
        written = []
        for path in sorted(stage.iterdir()):
            target = out / path.name
            path.replace(target)
            written.append(target)
    return sorted(written)


def read_export(out_dir: str | os.PathLike[str], name: str, fmt: str = "parquet") -> pd.DataFrame:
    """Read an exported table back with the types of its data dictionary (CSV) or of the file (Parquet)."""
    out = Path(out_dir)
    path = out / f"{name}.{_check_formats([fmt])[0]}"
    if not path.is_file():
        raise DataError(f"{path}: not found; export the corpus first (python -m helpers export --out {out}).")
    dictionary = pd.read_csv(out / DICTIONARY_NAME, dtype=str, encoding="utf-8-sig")
    dtypes = dict(dictionary.loc[dictionary["table"] == name, ["column", "pandas_dtype"]].itertuples(index=False))
    if fmt == "parquet":
        table = pd.read_parquet(path, engine="pyarrow")
        for column, dtype in dtypes.items():
            if dtype == "object":  # text in a generic column comes back as str
                table[column] = table[column].astype(object)
        return table
    table = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8-sig")
    for column, dtype in dtypes.items():
        values = table[column]
        if dtype.startswith("datetime64"):
            table[column] = pd.to_datetime(values, format="%Y-%m-%d").astype(dtype)
        elif dtype in ("bool", "boolean"):
            table[column] = values.map({"True": True, "False": False}).astype(dtype)
        elif dtype == "object":
            table[column] = values.astype(object)
        elif dtype != "str":
            table[column] = values.astype("float64" if dtype.startswith("float") else "Int64").astype(dtype)
    return table


def corpus_tables(corpus_dir: str | os.PathLike[str] | None = None) -> dict[str, pd.DataFrame]:
    """Return the tables of a corpus folder: paragraphs, tokens, citations, speech_acts (when the package
    has ``helpers.speech_acts``), network_nodes and network_edges."""
    from helpers.analysis.citations import extract_citations
    from helpers.analysis.network import citation_network
    from helpers.analysis.segment import token_table
    from helpers.ingest.corpus import load_corpus

    corpus = load_corpus(corpus_dir)
    tables = {
        "paragraphs": corpus,
        "tokens": token_table(corpus, progress=False),
        "citations": extract_citations(corpus),
    }
    try:
        from helpers.analysis.speech_acts import speech_acts
    except ImportError:  # the speech-act module is not in this version of the package
        speech_acts = None
    if speech_acts is not None:
        tables["speech_acts"] = speech_acts(corpus)
    tables["network_nodes"], tables["network_edges"] = citation_network(tables["citations"], corpus)
    return tables


def export_corpus(
    corpus_dir: str | os.PathLike[str] | None, out_dir: str | os.PathLike[str], formats: Iterable[str] = FORMATS
) -> list[Path]:
    """Export every table of a corpus folder (``corpus_tables``) and its citation network as GraphML
    (``network.graphml``, for Gephi) into ``out_dir``; return the paths written."""
    from helpers.analysis.network import graphml_bytes

    tables = corpus_tables(corpus_dir)
    graphml = graphml_bytes(tables["network_nodes"], tables["network_edges"])
    return export_tables(tables, out_dir, formats, extra={"network.graphml": graphml})
