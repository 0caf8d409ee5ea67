"""Build data/resolution_index.csv from the UN Dag Hammarskjöld Library tables of Security Council meetings.

Usage: python scripts/build_resolution_index.py FOLDER [OUT]

FOLDER holds the library's tables "Meetings conducted by the Security Council in YYYY"
(``scactYYYY_table_en.html``, 1946-2022, the 2020 COVID-19 table included); OUT defaults to the project's
data/resolution_index.csv. A developer's tool (standard library only): the project never needs the tables
at run time.

The tables are hand-written HTML: some rows lack ``</td>`` or ``</tr>``; several outcomes of one meeting
share its meeting and date cells through ``rowspan`` or follow in rows whose first cells are empty. The
reader (Python's html.parser) closes an open cell or row when the next one starts, repeats spanned cells in
the rows they span, and lets a row without a date continue the meeting above it. Every ``S/RES/N (YYYY)``
named in a row becomes one index row with that row's meeting, date and topic.

Checks, printed (the build stops if one fails): each year's count equals the number of distinct resolution
numbers in the raw text of its tables; symbols are unique; numbers grow with the date; the same reading of
the rows gives every statement of data/prst_index.csv its date and meeting. Corrections, printed: a year
misprinted in a symbol (the table's year wins); a symbol listed at two meetings keeps the meeting whose
date fits between its neighbouring numbers, and the other listing (a misprint of a number the tables do not
list) is left out.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

PROJECT_DATA = Path(__file__).resolve().parents[1] / "data"
COLUMNS = ["symbol", "number", "year", "date", "meeting", "agenda_item", "source_table"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
RESOLUTION = re.compile(r"S/RES/(\d{1,4})\s*\((\d{4})\)")
STATEMENT = re.compile(r"S/PRST/\d{4}/\d{1,3}")
MEETING = re.compile(r"S/PV\.\d+.*")
# "21 December", "1 Sep.", and meetings over two days (the last day is taken): "29 + 30 March", "14-15 October"
DAY_MONTH = re.compile(rf"(?:\d{{1,2}}\s*[-+/]\s*)?(\d{{1,2}})\s+({'|'.join(MONTHS)})[a-z]*\.?")
NOT_TOPIC = re.compile(r"--|SC/\d+.*|(?:Part \d+:\s*)?Webcast.*|S/\d{4}/\d+.*")
TABLE_NAME = re.compile(r"scact(\d{4})(?:_\w+?)?_table_en\.html")


@dataclass
class Cell:
    text: str  # visible text, whitespace (line breaks included) collapsed to one space
    rowspan: int = 1


@dataclass
class TableRows(HTMLParser):
    """The rows of cells of a tolerant reading of one HTML table."""

    rows: list[list[Cell]] = field(default_factory=list)
    _row: list[Cell] | None = None
    _cell: list[str] | None = None
    _rowspan: int = 1

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def _close_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            self._row.append(Cell(" ".join("".join(self._cell).split()), self._rowspan))
        self._cell = None

    def _close_row(self) -> None:
        self._close_cell()
        if self._row is not None:
            self.rows.append(self._row)
        self._row = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self._close_row()
            self._row = []
        elif tag in ("td", "th"):
            self._close_cell()
            if self._row is None:
                self._row = []
            self._cell = []
            self._rowspan = int(dict(attrs).get("rowspan") or 1)
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._close_cell()
        elif tag in ("tr", "table"):
            self._close_row()

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def close(self) -> None:
        super().close()
        self._close_row()


def table_rows(html: str) -> list[list[str]]:
    """Return the rows of a library table as cell texts, spanned cells repeated in the rows they span."""
    parser = TableRows()
    parser.feed(html)
    parser.close()
    rows, carried = [], []  # carried: (cell, rows left) spanning down from an earlier row
    for row in parser.rows:
        carried = [(cell, left) for cell, left in carried if left > 0]
        rows.append([cell.text for cell, _ in carried] + [cell.text for cell in row])
        carried = [(cell, left - 1) for cell, left in carried] + [(cell, cell.rowspan - 1) for cell in row if cell.rowspan > 1]
    return rows


@dataclass(frozen=True)
class Listing:
    """One outcome cell's text with the date, meeting and topic of its row."""

    outcome: str
    date: str
    day: str  # the date cell as printed
    meeting: str
    topic: str
    source_table: str


def listings(path: Path) -> list[Listing]:
    """Return every row of a table that names an outcome (S/RES or S/PRST), in the table's order."""
    match = TABLE_NAME.fullmatch(path.name)
    if match is None:
        raise SystemExit(f"{path}: not a table scactYYYY[_name]_table_en.html")
    year = int(match[1])
    found, meeting, day = [], "", ""
    for texts in table_rows(path.read_text(encoding="utf-8")):
        at = next((i for i, text in enumerate(texts) if DAY_MONTH.fullmatch(text)), None)
        if at is not None:
            meeting, day = (texts[0] if at and MEETING.fullmatch(texts[0]) else ""), texts[at]
        outcome = " ".join(text for text in texts if RESOLUTION.search(text) or STATEMENT.search(text))
        if not outcome:
            continue
        if at is None and (texts[0] or not day):  # only a row with empty leading cells continues the one above
            raise SystemExit(f"{path}: a row names {outcome!r} without a date it can take from above: {texts}")
        # The topic is the first cell after the date that is not a press release, webcast or letter.
        topic = next((text for text in texts[0 if at is None else at + 1 :]
                      if text and not NOT_TOPIC.fullmatch(text) and text not in outcome), "")
        parts = DAY_MONTH.fullmatch(day)
        when = date(year, MONTHS.index(parts[2]) + 1, int(parts[1]))
        found.append(Listing(outcome, when.isoformat(), day, meeting, topic, path.name))
    return found


def resolution_rows(listed: list[Listing]) -> tuple[list[dict[str, str]], list[str]]:
    """Return (one dict per listing of a resolution, notes on misprinted years)."""
    rows, notes = [], []
    for item in listed:
        year = int(item.date[:4])
        for resolution in RESOLUTION.finditer(item.outcome):
            number = int(resolution[1])
            if int(resolution[2]) != year:  # a resolution bears the year of its adoption
                notes.append(f"{item.source_table}: {resolution[0]} printed with the year {resolution[2]} in the "
                             f"table of {year}: taken as S/RES/{number}({year})")
            if not re.fullmatch(r"\d+ \w+\.?", item.day):
                notes.append(f"{item.source_table}: S/RES/{number}({year}) at a meeting dated {item.day!r}: "
                             f"dated {item.date}, its last day")
            rows.append({
                "symbol": f"S/RES/{number}({year})", "number": str(number), "year": str(year), "date": item.date,
                "meeting": item.meeting, "agenda_item": item.topic, "source_table": item.source_table,
            })
    return rows, notes


def build(folder: Path) -> tuple[list[dict[str, str]], list[str], list[Listing]]:
    """Return (index rows sorted by number, notes on what was corrected or left out, every listing)."""
    listed = [item for path in sorted(folder.glob("scact*_table_en.html")) for item in listings(path)]
    candidates, notes = resolution_rows(listed)
    by_symbol: dict[str, list[dict[str, str]]] = {}
    for row in candidates:
        same = by_symbol.setdefault(row["symbol"], [])
        if any((other["meeting"], other["date"]) == (row["meeting"], row["date"]) for other in same):
            notes.append(f"{row['symbol']}: listed twice for {row['meeting']} ({row['date']}); kept once")
        else:
            same.append(row)
    single = {int(rows[0]["number"]): rows[0]["date"] for rows in by_symbol.values() if len(rows) == 1}
    index = []
    for symbol, rows in by_symbol.items():
        if len(rows) == 1:
            index.append(rows[0])
            continue
        # The same symbol at two meetings: keep the listing whose date lies between those of its neighbours.
        number = int(rows[0]["number"])
        low = max((when for n, when in single.items() if n < number), default="")
        high = min((when for n, when in single.items() if n > number), default="9999")
        fitting = [row for row in rows if low <= row["date"] <= high]
        if len(fitting) != 1:
            raise SystemExit(f"{symbol}: listed at {len(rows)} meetings and the numbering does not decide")
        index.append(fitting[0])
        notes += [
            f"{symbol}: also listed for {row['meeting']} ({row['date']}, {row['source_table']}), outside "
            f"{low}..{high} where its neighbours put it: a misprint of another number, left out"
            for row in rows if row is not fitting[0]
        ]
    index.sort(key=lambda row: int(row["number"]))
    top = int(index[-1]["number"])
    missing = sorted(set(range(1, top + 1)) - {int(row["number"]) for row in index})
    notes.append(f"numbers 1..{top} not in the index: {', '.join(map(str, missing)) or 'none'}")
    return index, notes, listed


def check(index: list[dict[str, str]], listed: list[Listing], folder: Path) -> list[str]:
    """Return one line per year comparing the index with the raw tables; SystemExit if a check fails."""
    in_text: dict[int, set[str]] = {}  # year -> resolution numbers anywhere in the text of its tables
    for path in sorted(folder.glob("scact*_table_en.html")):
        year = int(TABLE_NAME.fullmatch(path.name)[1])
        in_text.setdefault(year, set()).update(m[1] for m in RESOLUTION.finditer(path.read_text(encoding="utf-8")))
    per_year = Counter(int(row["year"]) for row in index)
    lines, failures = [], []
    for year in sorted(in_text):
        differs = len(in_text[year]) != per_year[year]
        lines.append(f"{year}: {per_year[year]} resolutions in the index, {len(in_text[year])} distinct numbers "
                     f"in the tables{'  <-- differs' if differs else ''}")
        failures += [f"count of {year}"] if differs else []
    if len({row["symbol"] for row in index}) != len(index):
        failures.append("duplicate symbols")
    failures += [f"{row['symbol']} dated {row['date']}" for row in index if row["year"] != row["date"][:4]]
    failures += [f"{b['symbol']} before {a['symbol']}" for a, b in zip(index, index[1:], strict=False) if b["date"] < a["date"]]
    statements = {}
    for item in listed:
        for symbol in STATEMENT.findall(item.outcome):
            statements.setdefault(symbol, set()).add((item.date, item.meeting))
    with (PROJECT_DATA / "prst_index.csv").open(encoding="utf-8", newline="") as handle:
        known = list(csv.DictReader(handle))
    agree = [row for row in known if (row["date"], row["meeting"]) in statements.get(row["symbol"], set())]
    lines.append(f"statements: {len(agree)} of the {len(known)} in data/prst_index.csv get its date and meeting "
                 "from the same reading of the rows")
    failures += [f"{row['symbol']}: {sorted(statements.get(row['symbol'], []))} in the tables, "
                 f"{row['date']} {row['meeting']} in prst_index.csv" for row in known if row not in agree]
    if failures:
        raise SystemExit("\n".join(lines) + "\ncheck failed: " + "; ".join(failures))
    return lines


def to_csv(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    folder = Path(argv[1])
    out = Path(argv[2]) if len(argv) == 3 else PROJECT_DATA / "resolution_index.csv"
    index, notes, listed = build(folder)
    for line in [*check(index, listed, folder), *notes]:
        print(line)
    out.write_text(to_csv(index), encoding="utf-8")
    print(f"{len(index)} resolutions written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
