"""The index of every resolution (data/resolution_index.csv) and the script that builds it from the UN
library's tables (scripts/build_resolution_index.py), tried on small tables written here as test fixtures."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest

from helpers import load_resolution_index, read_resolutions, resolution_timeline
from helpers.ingest.index import RESOLUTION_INDEX_COLUMNS, index_entry, year_of_resolution
from helpers.ingest.registry import PROJECT_DATA, read_registry, sha256

SCRIPT = PROJECT_DATA.parent / "scripts" / "build_resolution_index.py"


@pytest.fixture(scope="module")
def index() -> pd.DataFrame:
    return load_resolution_index()


@pytest.fixture(scope="module")
def builder():
    spec = importlib.util.spec_from_file_location("build_resolution_index", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_every_resolution_to_june_2022(index):
    assert index.columns.tolist() == [*RESOLUTION_INDEX_COLUMNS, "topic"]
    assert len(index) == 2638 and index["symbol"].is_unique
    assert set(range(1, 2641)) - set(index["number"]) == {666, 695}  # see data/README.md
    assert (index["symbol"] == "S/RES/" + index["number"].astype(str) + "(" + index["year"].astype(str) + ")").all()
    assert (index["date"].dt.year == index["year"]).all()
    by_number = index.sort_values("number")
    assert by_number["date"].is_monotonic_increasing  # resolutions are numbered in order of adoption
    counts = index.groupby("year").size()
    assert (counts[1946], counts[2001], counts[2014], counts[2022]) == (15, 52, 63, 23)
    assert index["meeting"].dropna().str.fullmatch(r"S/PV\.\d+.*").all()
    without = index[index["meeting"].isna()]
    assert len(without) == 52 and set(without["year"]) == {2020, 2021}  # adopted without a meeting (COVID-19)


def test_it_agrees_with_the_resolutions_the_statement_cites(index):
    listed = read_resolutions().merge(index, on="symbol", suffixes=("", "_index"))
    assert len(listed) == 7
    assert (listed["adopted"] == listed["date"]).all()
    entry = index_entry("S/RES/1373(2001)")
    assert (entry["date"], entry["meeting"], entry["topic"]) == (pd.Timestamp("2001-09-28"), "S/PV.4385", "terrorism")
    assert index_entry("S/RES/9901(2099)") is None and year_of_resolution(2462) == 2019 and year_of_resolution(9999) is None


def test_it_is_registered():
    assert read_registry(PROJECT_DATA)["resolution_index.csv"] == sha256(PROJECT_DATA / "resolution_index.csv")


def test_cited_resolutions_missing_from_resolutions_csv_get_their_dates():
    timeline = resolution_timeline(pd.DataFrame({"kind": ["resolution"] * 3,
                                                 "key": ["S/RES/2617(2021)", "S/RES/1373", "S/RES/9999"]}))
    assert timeline["symbol"].tolist()[:2] == ["S/RES/1373(2001)", "S/RES/2617(2021)"]
    assert timeline["adopted"].tolist()[:2] == [pd.Timestamp("2001-09-28"), pd.Timestamp("2021-12-30")]
    assert timeline["subject"].isna().tolist() == [False, True, True]
    assert pd.isna(timeline["adopted"].iloc[2]) and pd.isna(timeline["year"].iloc[2])


# A test fixture: two tables in the library's layout (reverse chronological order, hand-written HTML with its
# faults), not the library's text. Years 2098-2099 and resolution numbers 9901-9908 are not real.
TABLE_2099 = """<table class="tablefont">
<tr><th colspan="5">Meetings conducted by the Security Council in 2099</th></tr>
<tr><th>Meeting Record</th><th>Date</th><th>Press Release</th><th>Topic</th><th>Outcome / Vote</th></tr>
<tr><td><a href="#">S/PV.9910</a></td><td>30 Dec.</td><td>SC/1</td><td>Test fixture topic A</td>
    <td><a href="#">S/RES/9908 (2098)</a><br> 15-0-0</td></tr>
<tr><th rowspan="2"><a href="#">S/PV.9909</a></th><th rowspan="2">29 + 30 December</th>
    <td>SC/2</td><td>Test fixture topic B</td><td><a href="#">S/RES/9906 (2099)</a> 15-0-0</td></tr>
<tr><td>SC/2</td><td>Test fixture topic C</td><td><a href="#">S/RES/9907 (2099)</a> 15-0-0
<tr><td><a href="#">S/PV.9907</a></td><td>1 March</td><td>SC/4</td><td>Test fixture topic F</td>
    <td><a href="#">S/RES/9903 (2099)</a> misprint</td></tr>
<tr><td><a href="#">S/PV.9908</a></td><td>2 February</td><td>SC/3</td><td>Test fixture topic D</td>
    <td><a href="#">S/RES/9905 (2099)</a><br><a href="#">S/PRST/2099/1</a></td></tr>
<tr><td></td><td></td><td>SC/3</td><td>Test fixture topic E</td><td><a href="#">S/RES/9904(2099)</a></td></tr>
<tr><td><a href="#">S/PV.9906</a></td><td>20 January</td><td>SC/5</td><td>Test fixture topic F</td>
    <td><a href="#">S/RES/9903 (2099)</a></td></tr>
<tr><td><a href="#">S/PV.9905</a></td><td>10 January</td><td>SC/6</td><td>Test fixture topic G</td>
    <td><a href="#">S/RES/9902 (2099)</a></td></tr>
<tr><td><a href="#">S/PV.9905</a></td><td>10 January</td><td>SC/6</td><td>Test fixture topic G</td>
    <td><a href="#">S/RES/9902 (2099)</a></td></tr>
<tr><td>--</td><td>5 January</td><td>SC/7</td><td>Test fixture topic H</td><td><a href="#">S/RES/9901 (2099)</a></td></tr>
<tr><td><a href="#">S/PV.9904</a></td><td>4 January</td><td>SC/8</td><td>Test fixture topic I</td><td>--</td></tr>
</table>"""


def test_the_builder_reads_the_tables_faults_and_all(builder, tmp_path):
    (tmp_path / "scact2099_table_en.html").write_text(TABLE_2099, encoding="utf-8")
    rows, notes, listed = builder.build(tmp_path)
    assert [(r["symbol"], r["date"], r["meeting"], r["agenda_item"]) for r in rows] == [
        ("S/RES/9901(2099)", "2099-01-05", "", "Test fixture topic H"),          # no meeting
        ("S/RES/9902(2099)", "2099-01-10", "S/PV.9905", "Test fixture topic G"),  # listed twice: kept once
        ("S/RES/9903(2099)", "2099-01-20", "S/PV.9906", "Test fixture topic F"),  # the listing that fits 9902..9904
        ("S/RES/9904(2099)", "2099-02-02", "S/PV.9908", "Test fixture topic E"),  # empty cells: the meeting above
        ("S/RES/9905(2099)", "2099-02-02", "S/PV.9908", "Test fixture topic D"),
        ("S/RES/9906(2099)", "2099-12-30", "S/PV.9909", "Test fixture topic B"),  # two days: the last
        ("S/RES/9907(2099)", "2099-12-30", "S/PV.9909", "Test fixture topic C"),  # rowspan, unclosed row
        ("S/RES/9908(2099)", "2099-12-30", "S/PV.9910", "Test fixture topic A"),  # year misprinted, "Dec."
    ]
    assert any("S/RES/9908 (2098) printed with the year 2098 in the table of 2099" in note for note in notes)
    assert any(note.startswith("S/RES/9903(2099): also listed for S/PV.9907 (2099-03-01") for note in notes)
    assert notes[-1] == "numbers 1..9908 not in the index: " + ", ".join(map(str, range(1, 9901)))
    assert [item.outcome for item in listed if "PRST" in item.outcome] == ["S/RES/9905 (2099) S/PRST/2099/1"]
    csv = builder.to_csv(rows)
    assert csv.splitlines()[0] == ",".join(RESOLUTION_INDEX_COLUMNS) and len(csv.splitlines()) == 9


def test_the_builder_refuses_a_row_it_cannot_date(builder, tmp_path):
    (tmp_path / "scact2099_table_en.html").write_text(
        "<table><tr><td>S/PV.1</td><td>sometime</td><td>Test fixture</td><td>S/RES/9901 (2099)</td></tr></table>",
        encoding="utf-8")
    with pytest.raises(SystemExit, match=r"a row names 'S/RES/9901 \(2099\)' without a date"):
        builder.build(tmp_path)


def test_the_script_is_not_needed_at_run_time():
    helpers_source = "\n".join(p.read_text(encoding="utf-8") for p in (PROJECT_DATA.parent / "helpers").rglob("*.py"))
    assert "scact" not in helpers_source and "build_resolution_index" not in helpers_source
    assert Path(SCRIPT).is_file()
