"""The shipped data: raw text registered, metadata as documented."""

from __future__ import annotations

import pytest

import helpers
from helpers.ingest.registry import PROJECT_DATA, read_reference_table, read_registry, sha256
from helpers.ingest.statements import read_metadata


def test_every_registered_file_matches_its_checksum():
    registry = read_registry(PROJECT_DATA)
    assert "raw/S_PRST_2021_1.zh.txt" in registry
    for name, digest in registry.items():
        assert sha256(PROJECT_DATA / name) == digest, name


def test_every_raw_file_is_registered():
    registered = set(read_registry(PROJECT_DATA))
    raw_files = {p.relative_to(PROJECT_DATA).as_posix() for p in (PROJECT_DATA / "raw").iterdir()}
    assert raw_files <= registered


def test_metadata_of_the_first_statement():
    row = read_metadata().set_index("symbol").loc["S/PRST/2021/1"]
    assert row["date"].strftime("%Y-%m-%d") == "2021-01-12"
    assert row["lang"] == "zh"
    assert row["agenda_item"] == "恐怖主义行为对国际和平与安全造成的威胁"
    assert "S/2020/372" in row["procedure"] and "written procedure" in row["procedure"]
    assert row["presidency"] == "Tunisia"
    assert row["meeting"] == ""


def test_resolution_subjects_use_names_of_their_time():
    """A subject names a body as it was called when the resolution was adopted: ISIL (Da'esh) entered the
    sanctions regime's name with resolution 2253 (2015), so an earlier resolution names it only as "later"."""
    from helpers import read_resolutions

    table = read_resolutions()
    for row in table.itertuples():
        if row.year < 2015 and ("ISIL" in row.subject or "Da'esh" in row.subject):
            assert "later" in row.subject, f"resolution {row.number} ({row.year}): {row.subject}"


def test_reference_tables_are_read_in_one_place_with_one_line_errors(tmp_path):
    table_file = tmp_path / "table.csv"
    table_file.write_text("term,english\n安理会,\n", encoding="utf-8")
    table = read_reference_table(table_file, ["term", "english"])
    assert table.to_dict("records") == [{"term": "安理会", "english": ""}]  # empty stays "", never NaN
    assert list(read_reference_table(table_file, ["term"], exact=False).columns) == ["term", "english"]
    with pytest.raises(helpers.DataError, match=r"table\.csv: columns must be term; found term, english\.$"):
        read_reference_table(table_file, ["term"])
    with pytest.raises(helpers.DataError, match=r"table\.csv: columns must be at least term, source"):
        read_reference_table(table_file, ["term", "source"], exact=False)
    with pytest.raises(helpers.DataError, match=r"absent\.csv: the lexicon is missing; check the path given\.$"):
        read_reference_table(tmp_path / "absent.csv", ["term"], "the lexicon", hint="check the path given.")
    table_file.write_bytes(b"term,english\n\xff\xfe,\n")
    with pytest.raises(helpers.DataError, match=r"table\.csv: not a readable UTF-8 CSV"):
        read_reference_table(table_file, ["term", "english"])
