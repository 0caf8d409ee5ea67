"""The index of every presidential statement 1994–2022 (data/prst_index.csv), of every resolution
1946–2022 (data/resolution_index.csv), and their topics.

Topics come from the rules in data/topics.csv (regular expression -> topic, first match wins), so the
grouping of agenda items can be read and changed without touching code.
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

from helpers.errors import DataError
from helpers.ingest.registry import PROJECT_DATA, restore_hint, sha256, verify

INDEX_FILE = PROJECT_DATA / "prst_index.csv"
TOPICS_FILE = PROJECT_DATA / "topics.csv"
OTHER_TOPIC = "other"
INDEX_COLUMNS = ["symbol", "year", "number", "date", "meeting", "agenda_item", "source_table"]


@cache
def _topic_rules(digest: str) -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    table = pd.read_csv(TOPICS_FILE, dtype=str, keep_default_na=False)
    if list(table.columns) != ["pattern", "topic"]:
        raise DataError(f"{TOPICS_FILE}: expected the columns pattern,topic; found {','.join(table.columns)}.")
    rules = []
    for line, (pattern, topic) in enumerate(zip(table["pattern"], table["topic"], strict=True), start=2):
        if not pattern or not topic:
            raise DataError(f"{TOPICS_FILE}: line {line} needs both a pattern and a topic.")
        try:
            rules.append((pattern, topic, re.compile(pattern, re.IGNORECASE)))
        except re.error as error:
            raise DataError(f"{TOPICS_FILE}: line {line}: {pattern!r} is not a valid regular expression ({error}).") from None
    return tuple(rules)


def topic_rules() -> pd.DataFrame:
    """Return the topic rules of data/topics.csv in the order they are tried: pattern, topic."""
    rules = _topic_rules(sha256(TOPICS_FILE))
    return pd.DataFrame({"pattern": [r[0] for r in rules], "topic": [r[1] for r in rules]}, dtype="str")


def topic_of(agenda_items: pd.Series) -> pd.Series:
    """Return the topic of each agenda item (English or Chinese): the topic of the first rule of
    data/topics.csv whose pattern occurs in it (case-insensitive), else "other"; missing stays missing."""
    items = agenda_items.astype("str")
    topics = pd.Series(pd.NA, index=items.index, dtype="str")
    for _, topic, pattern in _topic_rules(sha256(TOPICS_FILE)):
        todo = topics.isna() & items.notna()
        if not todo.any():
            break
        hits = items[todo].map(lambda item, pattern=pattern: pattern.search(item) is not None).astype(bool)
        topics[hits[hits].index] = topic
    topics[topics.isna() & items.notna()] = OTHER_TOPIC
    return topics


@cache
def _load_index(digest: str) -> pd.DataFrame:
    table = pd.read_csv(INDEX_FILE, dtype=str, keep_default_na=False)
    if list(table.columns) != INDEX_COLUMNS:
        raise DataError(f"{INDEX_FILE}: expected the columns {','.join(INDEX_COLUMNS)}; {restore_hint(PROJECT_DATA)}")
    table["year"] = table["year"].astype("int64")
    table["number"] = table["number"].astype("int64")
    table["date"] = pd.to_datetime(table["date"], format="%Y-%m-%d")
    table["meeting"] = table["meeting"].replace("", pd.NA)
    table["topic"] = topic_of(table["agenda_item"])
    return table.sort_values(["date", "year", "number"], ignore_index=True)


def load_index() -> pd.DataFrame:
    """Return every presidential statement 1994–2022 of data/prst_index.csv, one row per symbol.

    Columns: symbol, year (int), number (int), date (datetime64), meeting (S/PV.NNNN; missing when the
    statement was adopted without a meeting, e.g. by written procedure), agenda_item (English, as the UN
    library lists it), source_table, topic (from data/topics.csv). Sorted by date, then year and number.
    The file is checked against data/registry.txt first.
    """
    if not INDEX_FILE.is_file():
        raise DataError(f"{INDEX_FILE}: the statement index is missing; {restore_hint(PROJECT_DATA)}")
    verify(INDEX_FILE, PROJECT_DATA)
    return _load_index(sha256(INDEX_FILE)).copy()


def topic_symbols(topic: str) -> list[str]:
    """Return the symbols of every indexed statement of a topic, in date order; DataError listing the
    topics if there is none."""
    index = load_index()
    symbols = index.loc[index["topic"] == topic, "symbol"].tolist()
    if not symbols:
        known = ", ".join(sorted(index["topic"].unique()))
        raise DataError(f"unknown topic {topic!r}; topics of the index: {known}.")
    return symbols


RESOLUTION_INDEX_FILE = PROJECT_DATA / "resolution_index.csv"
RESOLUTION_INDEX_COLUMNS = ["symbol", "number", "year", "date", "meeting", "agenda_item", "source_table"]


@cache
def _load_resolution_index(digest: str) -> pd.DataFrame:
    table = pd.read_csv(RESOLUTION_INDEX_FILE, dtype=str, keep_default_na=False)
    if list(table.columns) != RESOLUTION_INDEX_COLUMNS:
        raise DataError(f"{RESOLUTION_INDEX_FILE}: expected the columns {','.join(RESOLUTION_INDEX_COLUMNS)}; "
                        f"{restore_hint(PROJECT_DATA)}")
    table = table.astype({"number": "int64", "year": "int64"})
    table["date"] = pd.to_datetime(table["date"], format="%Y-%m-%d")
    table["meeting"] = table["meeting"].replace("", pd.NA)
    table["topic"] = topic_of(table["agenda_item"])
    return table.sort_values(["date", "number"], ignore_index=True)


def load_resolution_index() -> pd.DataFrame:
    """Return every Security Council resolution 1946 - June 2022 of data/resolution_index.csv, one row each.

    Columns: symbol (S/RES/N(YYYY)), number (int), year (int), date (datetime64, adoption), meeting (S/PV.NNNN;
    missing when adopted without a meeting), agenda_item (English, as the UN library lists the meeting's
    topic), source_table, topic (from data/topics.csv). Sorted by date, then number. Checked against
    data/registry.txt first.
    """
    if not RESOLUTION_INDEX_FILE.is_file():
        raise DataError(f"{RESOLUTION_INDEX_FILE}: the resolution index is missing; {restore_hint(PROJECT_DATA)}")
    verify(RESOLUTION_INDEX_FILE, PROJECT_DATA)
    return _load_resolution_index(sha256(RESOLUTION_INDEX_FILE)).copy()


def index_entry(symbol: str) -> pd.Series | None:
    """Return the index row of a statement (data/prst_index.csv) or resolution (data/resolution_index.csv),
    or None when neither index lists the symbol."""
    index = load_resolution_index() if symbol.startswith("S/RES/") else load_index()
    match = index[index["symbol"] == symbol]
    return None if match.empty else match.iloc[0]


def year_of_resolution(number: int) -> int | None:
    """Return the year of resolution ``number`` from the resolution index, or None if it is not listed."""
    index = load_resolution_index()
    match = index.loc[index["number"] == number, "year"]
    return None if match.empty else int(match.iloc[0])
