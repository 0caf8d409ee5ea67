"""Loading S/PRST/2021/1 into the paragraph table, and clear errors for bad input."""

from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers import DataError, load_statement
from helpers.ingest.registry import register
from helpers.ingest.statements import opening_verb


@pytest.fixture(scope="module")
def statement() -> pd.DataFrame:
    return load_statement("S/PRST/2021/1")


def test_chapeau_and_eighteen_operative_paragraphs(statement):
    assert len(statement) == 19
    assert list(statement.columns) == ["symbol", "date", "lang", "para", "kind", "number", "opening", "text", "n_chars"]
    assert statement["number"].isna().all() and str(statement["number"].dtype) == "str"  # a statement prints none
    assert statement["para"].tolist() == list(range(19))
    assert statement["kind"].value_counts().to_dict() == {"operative": 18, "chapeau": 1}
    assert statement.loc[0, "text"].endswith("代表安理会发表声明如下：")
    assert set(statement["symbol"]) == {"S/PRST/2021/1"}
    assert set(statement["date"]) == {pd.Timestamp("2021-01-12")}
    assert set(statement["lang"]) == {"zh"}
    assert (statement["n_chars"] == statement["text"].str.len()).all()


def test_paragraph_15_is_intact_and_no_url_remains(statement):
    assert "以确保联合国与会员国有效互动" in statement.loc[15, "text"]
    assert not statement["text"].str.contains("http").any()
    assert statement.attrs["footnotes"] == [helpers.Footnote(None, "https://undocs.org/ch/S/RES/1373(2001)")]
    assert statement.attrs["headings"] == ["安全理事会主席声明"]


def test_opening_verbs(statement):
    assert statement["opening"].iloc[1:].tolist() == [
        "回顾", "表示哀悼", "重申", "强调", "强调", "重申", "重申", "回顾", "重申",
        "着重指出", "重申", "特别指出", "表示关切", "赞扬", "特别指出", "重申", "回顾", "将继续",
    ]
    assert pd.isna(statement.loc[0, "opening"])


def test_opening_verb_rules():
    assert opening_verb("“安全理事会还重申，会员国") == "重申"
    assert opening_verb("“安全理事会向受害者家属表示哀悼，") == "表示哀悼"
    assert opening_verb("“安理会欢迎") == "欢迎"
    assert opening_verb("不是安理会的段落") is None


def test_symbol_is_normalised():
    assert load_statement(" s/prst/2021/1 ")["symbol"].iloc[0] == "S/PRST/2021/1"


def test_unknown_symbol_lists_known_ones():
    with pytest.raises(DataError, match=r"unknown symbol 'S/PRST/2099/1'; known statements: S/PRST/2021/1"):
        load_statement("S/PRST/2099/1")


@pytest.mark.parametrize("given", ['S/PRST/2021/1"; rm -rf x; echo "', "S/PRST/21", "A/RES/60/288"])
def test_a_value_that_is_no_symbol_a_corpus_holds_says_so_without_suggesting_add(given):
    with pytest.raises(DataError) as error:
        load_statement(given)
    assert "Known documents: S/PRST/2021/1." in str(error.value) and "helpers add" not in str(error.value)


def test_missing_file_is_named(data_copy):
    (data_copy / "raw" / "S_PRST_2021_1.zh.txt").unlink()
    with pytest.raises(DataError, match=r"S_PRST_2021_1\.zh\.txt: file not found"):
        load_statement(root=data_copy)


def test_checksum_mismatch_is_an_error(data_copy):
    path = data_copy / "raw" / "S_PRST_2021_1.zh.txt"
    path.write_bytes(path.read_bytes().replace("回顾".encode(), "回忆".encode(), 1))
    with pytest.raises(DataError, match=r"S_PRST_2021_1\.zh\.txt: checksum mismatch"):
        load_statement(root=data_copy)


def test_empty_file_is_named(data_copy):
    path = data_copy / "raw" / "S_PRST_2021_1.zh.txt"
    path.write_bytes(b"  \n")
    register(path, data_copy)
    with pytest.raises(DataError, match=r"S_PRST_2021_1\.zh\.txt: the file is empty"):
        load_statement(root=data_copy)


def test_gb18030_file_is_decoded_to_the_same_table(data_copy, statement):
    path = data_copy / "raw" / "S_PRST_2021_1.zh.txt"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    register(path, data_copy)
    pd.testing.assert_frame_equal(load_statement(root=data_copy), statement)


def test_undecodable_file_is_named(data_copy):
    path = data_copy / "raw" / "S_PRST_2021_1.zh.txt"
    path.write_bytes(bytes(range(128, 256)) * 4)
    register(path, data_copy)
    with pytest.raises(DataError, match=r"S_PRST_2021_1\.zh\.txt: cannot decode the file as UTF-8 or GB18030"):
        load_statement(root=data_copy)


def test_text_without_paragraphs_is_named(data_copy):
    path = data_copy / "raw" / "S_PRST_2021_1.zh.txt"
    path.write_text("This is an English test fixture, not a statement.\n", encoding="utf-8")
    register(path, data_copy)
    with pytest.raises(DataError, match=r"no paragraphs of a presidential statement found"):
        load_statement(root=data_copy)


def test_unregistered_file_is_refused(data_copy):
    (data_copy / "registry.txt").write_text("", encoding="utf-8")
    with pytest.raises(DataError, match=r"not in the checksum registry"):
        load_statement(root=data_copy)


def test_public_api_is_exported():
    for name in helpers.__all__:
        assert getattr(helpers, name) is not None
