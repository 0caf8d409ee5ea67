"""The validation tables the notebooks end their data-entry sections with."""

from __future__ import annotations

import pytest

from helpers.tools.validation import validation_table


def test_passing_checks_make_a_table():
    table = validation_table([("rows", 19, 19), ("symbol", "S/PRST/2021/1", "S/PRST/2021/1"), ("tokens", [1, 2], [1, 2])])
    assert table.columns.tolist() == ["check", "expected", "found", "ok"]
    assert table["ok"].tolist() == [True, True, True]
    assert table.loc[2, "expected"] == "2 items"


def test_a_failed_check_is_named_with_both_values():
    with pytest.raises(AssertionError, match=r"validation failed: rows: expected 19, found 18$"):
        validation_table([("symbol", "a", "a"), ("rows", 19, 18)])


def test_long_text_is_compared_whole_and_shown_by_length():
    text = "安" * 100
    assert validation_table([("text", text, text)]).loc[0, "found"] == "100 characters"
    with pytest.raises(AssertionError, match=r"found '100 characters' \(first difference at position 99\)"):
        validation_table([("text", text, text[:-1] + "全")])
