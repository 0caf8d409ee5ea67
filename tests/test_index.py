"""The statement index (data/prst_index.csv) and its topics (data/topics.csv)."""

from __future__ import annotations

import pandas as pd
import pytest

import helpers.ingest.index
from helpers import DataError, load_index, topic_of, topic_rules, topic_symbols
from helpers.ingest.registry import PROJECT_DATA, read_registry, sha256


@pytest.fixture(scope="module")
def index() -> pd.DataFrame:
    return load_index()


def test_shape_dtypes_and_symbols(index):
    assert len(index) == 1048
    assert index.columns.tolist() == [*helpers.ingest.index.INDEX_COLUMNS, "topic"]
    assert index["symbol"].is_unique
    assert str(index["year"].dtype) == "int64" and str(index["number"].dtype) == "int64"
    assert index["date"].dtype.kind == "M" and index["date"].notna().all()
    assert index["date"].min() == pd.Timestamp("1994-01-07") and index["date"].max() == pd.Timestamp("2022-06-03")
    parts = index["symbol"].str.extract(r"^S/PRST/(\d{4})/(\d{1,3})$").astype("int64")
    assert (parts[0] == index["year"]).all() and (parts[1] == index["number"]).all()
    assert (index["date"].dt.year == index["year"]).all()
    assert index.groupby("year").size().loc[2022] == 4


def test_meetings_missing_only_for_statements_without_a_meeting(index):
    without = index[index["meeting"].isna()]
    assert len(without) == 17
    assert set(without["year"]) == {2020, 2021}
    assert "S/PRST/2021/1" in set(without["symbol"])
    assert index["meeting"].dropna().str.match(r"S/PV\.\d{4}").all()


def test_the_55_terrorism_statements(index):
    terrorism = index[index["topic"] == "terrorism"]
    assert len(terrorism) == 55
    assert terrorism["symbol"].iloc[0] == "S/PRST/2002/10" and terrorism["symbol"].iloc[-1] == "S/PRST/2021/1"
    by_word = index[index["agenda_item"].str.contains("terror", case=False)]
    assert terrorism["symbol"].tolist() == by_word["symbol"].tolist()
    assert topic_symbols("terrorism") == terrorism["symbol"].tolist()


def test_index_is_a_registered_byte_copy():
    assert read_registry(PROJECT_DATA)["prst_index.csv"] == sha256(PROJECT_DATA / "prst_index.csv")


def test_every_topic_rule_groups_some_statements(index):
    counts = index["topic"].value_counts()
    assert set(topic_rules()["topic"]) <= set(counts.index)
    assert counts["other"] < 0.02 * len(index)
    assert counts.index[0] == "Africa"


@pytest.mark.parametrize(
    ("agenda_item", "topic"),
    [
        ("Peace and security — terrorist acts: Pakistan", "terrorism"),
        ("Peace and security — nuclear tests by India", "non-proliferation"),
        ("Maintenance of peace and security of Ukraine", "Europe and Central Asia"),
        ("Middle East — UNDOF", "Middle East"),
        ("International Tribunal — Rwanda & Yugoslavia", "international tribunals"),
        ("The question concerning the Democratic Republic of the Congo", "Africa"),
        ("Nobel Peace Prize", "other"),
        ("恐怖主义行为对国际和平与安全造成的威胁", "terrorism"),
        ("妇女与和平与安全", "women and peace and security"),
    ],
)
def test_first_matching_rule_wins(agenda_item, topic):
    assert topic_of(pd.Series([agenda_item])).tolist() == [topic]


def test_missing_agenda_item_has_no_topic():
    assert topic_of(pd.Series([None, "Haiti"], dtype="str")).isna().tolist() == [True, False]


def test_unknown_topic_lists_the_topics():
    with pytest.raises(DataError, match=r"unknown topic 'terror'; topics of the index: .*terrorism"):
        topic_symbols("terror")


def test_altered_index_is_refused(tmp_path, monkeypatch):
    copy = tmp_path / "prst_index.csv"
    copy.write_bytes((PROJECT_DATA / "prst_index.csv").read_bytes().replace(b"2021-01-12", b"2021-01-13"))
    (tmp_path / "registry.txt").write_text((PROJECT_DATA / "registry.txt").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(helpers.ingest.index, "INDEX_FILE", copy)
    monkeypatch.setattr(helpers.ingest.index, "PROJECT_DATA", tmp_path)
    with pytest.raises(DataError, match=r"prst_index\.csv: checksum mismatch"):
        load_index()


def test_bad_topic_rule_names_its_line(tmp_path, monkeypatch):
    rules = tmp_path / "topics.csv"
    rules.write_text("pattern,topic\nterror,terrorism\n(unclosed,broken\n", encoding="utf-8")
    monkeypatch.setattr(helpers.ingest.index, "TOPICS_FILE", rules)
    with pytest.raises(DataError, match=r"topics\.csv: line 3: '\(unclosed' is not a valid regular expression"):
        topic_of(pd.Series(["Haiti"]))
