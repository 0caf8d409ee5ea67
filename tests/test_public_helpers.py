"""Direct tests of small public helpers that the larger tests only reach indirectly."""

from __future__ import annotations

import pandas as pd

import helpers
from helpers.ingest.registry import PROJECT_DATA, sha256


def test_software_versions_lists_python_first_and_marks_missing_packages():
    table = helpers.software_versions(("pandas", "no-such-package-prst"))
    assert table.columns.tolist() == ["package", "version"]
    assert table["package"].tolist() == ["python", "pandas", "no-such-package-prst"]
    assert table.loc[1, "version"] == pd.__version__
    assert table.loc[2, "version"] == "not installed"


def test_data_checksums_match_the_files():
    table = helpers.data_checksums()
    assert table["file"].tolist() == sorted(table["file"])
    for name, digest in table.itertuples(index=False):
        assert sha256(PROJECT_DATA / name) == digest


def test_statement_from_text_builds_the_paragraph_table_without_the_registry():
    # Test fixture (statement-shaped text written for this test), not UN text.
    raw = "安全理事会主席声明\n测试日期，代表安理会发表声明如下：\n“安全理事会重申测试。\n“安全理事会回顾测试。”\n"
    table = helpers.statement_from_text(raw, symbol="S/PRST/2099/1", date="2099-01-02", source="fixture")
    assert table["para"].tolist() == [0, 1, 2]
    assert table["opening"].iloc[1:].tolist() == ["重申", "回顾"]
    assert set(table["date"]) == {pd.Timestamp("2099-01-02")}
    assert table.attrs["headings"] == ["安全理事会主席声明"]


def test_default_jieba_cut_is_plain_jieba_and_shreds_citations():
    tokens = helpers.default_jieba_cut("安理会 第1373(2001)号决议")
    assert " " not in tokens
    assert "第1373(2001)号决议" not in tokens  # what the project pipeline exists to prevent
    assert "第1373(2001)号决议" in helpers.tokenize("安理会 第1373(2001)号决议")


def test_han_terms_counts_word_tokens_with_han_characters_only():
    statement = helpers.load_statement()
    counts = helpers.han_terms(helpers.token_table(statement))
    assert counts["恐怖主义"] == 35  # 43 in the text, 8 of them inside longer names (notebook 02)
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in term) for term in counts)
    assert not any(term.startswith(("第", "S/", "《")) and term.endswith(("决议", "》")) for term in counts)
