"""English for English readers: glosses of Chinese terms, citations and n-grams for tables and chart labels.

Glosses come from data tables, tried in order (``GLOSS_SOURCES``): the project glossary ``data/glossary.csv``
(term, english, source: the document that uses the official English name, or "project gloss"), then the English
names of the UN entities (``data/un_entities.csv``, every name and alias), of the cited instruments, and the glosses
of the Council's verbs (every written form, each a token) and modal words. Another table is one more line in
``GLOSS_SOURCES``: the first source that knows a term gives its gloss. Citations are glossed by their key
(``第1373(2001)号决议`` -> "resolution 1373 (2001)"); an n-gram (words joined by spaces) by its words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

import pandas as pd

from helpers.errors import DataError
from helpers.ingest.registry import PROJECT_DATA, read_reference_table

GLOSSARY_FILE = PROJECT_DATA / "glossary.csv"


def _csv_table(path: Path, term_column: str, english_column: str) -> Callable[[], pd.DataFrame]:
    """A gloss source reading two columns of a CSV file."""

    def load() -> pd.DataFrame:
        table = _glossary() if path == GLOSSARY_FILE else read_reference_table(path, [term_column, english_column], exact=False)
        return pd.DataFrame({"term": table[term_column], "english": table[english_column]})

    return load


def _entity_table() -> pd.DataFrame:
    """Every name and alias of data/un_entities.csv with the entity's English name."""
    from helpers.analysis.entities import entity_names

    names = entity_names()
    return pd.DataFrame({"term": names["name"], "english": names["english"]})


def _speech_act_table() -> pd.DataFrame:
    """Every verb of data/speech_acts.csv and each of its written forms (表示欢迎, 深感关切) with the verb's English."""
    from helpers.ingest.council_verbs import speech_act_forms, speech_act_table

    table = speech_act_table()
    english = dict(zip(table["verb"], table["english"], strict=True))
    forms = speech_act_forms()
    return pd.DataFrame({"term": list(forms), "english": [english[verb] for verb in forms.values()]})


GLOSS_SOURCES: tuple[Callable[[], pd.DataFrame], ...] = (
    _csv_table(GLOSSARY_FILE, "term", "english"),
    _entity_table,
    _csv_table(PROJECT_DATA / "citation_aliases.csv", "alias", "english"),
    _speech_act_table,
    _csv_table(PROJECT_DATA / "modal_words.csv", "word", "english"),
)
"""Where glosses come from, first wins: functions returning a table with columns term and english."""

_RESOLUTION = re.compile(r"S/RES/(\d+)(?:\((\d{4})\))?")
_RESOLUTION_TOKEN = re.compile(r"第?(\d{1,4})\((\d{4})\)(?:号决议|号)?")
_ASSEMBLY = re.compile(r"A/RES/(\d+/\d+)")
_ABBREVIATION = re.compile(r"\(([A-Z][A-Z0-9-]*[A-Z0-9])\)")


def read_glossary() -> pd.DataFrame:
    """Return ``data/glossary.csv``: term, english, source (sorted by term); DataError naming the file if it
    is missing or malformed."""
    return _glossary().copy()


@cache
def _glossary() -> pd.DataFrame:
    table = read_reference_table(GLOSSARY_FILE, ["term", "english", "source"], "the glossary")
    if table["term"].duplicated().any():
        repeated = ", ".join(sorted(table.loc[table["term"].duplicated(), "term"].unique()))
        raise DataError(f"{GLOSSARY_FILE}: each term once; repeated: {repeated}.")
    empty = table[(table["english"] == "") | (table["source"] == "")]
    if len(empty):
        raise DataError(f"{GLOSSARY_FILE}: term {empty['term'].iloc[0]!r} needs an english gloss and a source.")
    return table.sort_values("term", ignore_index=True)


@cache
def _lookup() -> dict[str, str]:
    """Every known term -> its English, the first source of GLOSS_SOURCES winning."""
    known: dict[str, str] = {}
    for source in GLOSS_SOURCES:
        table = source()
        for term, english in zip(table["term"], table["english"], strict=True):
            if isinstance(english, str) and english:
                known.setdefault(str(term), english)
    return known


def _citation_gloss(term: str) -> str:
    """Gloss of a citation key or of a citation as written (a token of the token table)."""
    from helpers.analysis.citations import extract_citations

    term = term.strip()
    if match := _RESOLUTION.fullmatch(term) or _RESOLUTION_TOKEN.fullmatch(term):
        return f"resolution {match[1]}" + (f" ({match[2]})" if match[2] else "")
    if match := _ASSEMBLY.fullmatch(term):
        return f"General Assembly resolution {match[1]}"
    found = extract_citations(term)
    if len(found) != 1 or found["surface"].iloc[0] != term:
        return ""
    key = found["key"].iloc[0]
    if key != term:
        return _citation_gloss(key) if found["kind"].iloc[0] in ("resolution", "url") else _lookup().get(key, "")
    return f"document {key}" if found["kind"].iloc[0] == "document" else ""


def _one(term: str) -> str:
    known = _lookup()
    if term in known:
        return known[term]
    if " " in term.strip():  # an n-gram: its words, glossed one by one
        parts = [_one(part) for part in term.split()]
        return " · ".join(part or "?" for part in parts) if any(parts) else ""
    return _citation_gloss(term)


def short_gloss(english: str) -> str:
    """Return a gloss short enough for a chart label: the abbreviation in brackets if there is one
    ("Counter-Terrorism Committee (CTC)" -> "CTC"), else the text before " / " or " (" ("stress / emphasize" ->
    "stress")."""
    if match := _ABBREVIATION.search(english):
        return match[1]
    return re.split(r" / | \(", english, maxsplit=1)[0].strip()


def gloss(terms: Iterable[str], short: bool = False) -> pd.Series:
    """Return the English gloss of each term, in the order given (index: the terms); "" when none is known.

    A term is looked up in ``GLOSS_SOURCES``; a citation (``第1373(2001)号决议``, ``S/RES/1373(2001)``,
    ``S/2020/372``, ``《宪章》``) is glossed by its key; an n-gram ("恐怖主义 行为") word by word, joined by " · ".
    ``short=True`` gives chart-label glosses (see ``short_gloss``).
    """
    terms = [str(term) for term in terms]
    values = [_one(term) for term in terms]
    if short:
        values = [" · ".join(short_gloss(part) for part in value.split(" · ")) if value else "" for value in values]
    return pd.Series(values, index=pd.Index(terms, dtype="str"), dtype="str", name="english")


def with_english(table: pd.DataFrame, column: str = "term", name: str = "english") -> pd.DataFrame:
    """Return a copy of ``table`` with an English gloss of ``column`` inserted right after it (see ``gloss``)."""
    if column not in table.columns:
        raise DataError(f"with_english: the table has no column {column!r}; columns: {', '.join(map(str, table.columns))}.")
    result = table.drop(columns=[name], errors="ignore")
    result.insert(result.columns.get_loc(column) + 1, name, gloss(result[column]).to_numpy())
    return result


def bilingual_labels(terms: Iterable[str]) -> list[str]:
    """Return chart labels "term gloss" (the short gloss; the term alone when none is known)."""
    terms = [str(term) for term in terms]
    return [f"{term} {english}".strip() for term, english in zip(terms, gloss(terms, short=True), strict=True)]
