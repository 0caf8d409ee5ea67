"""Traditional script: a statement in traditional characters loads, analysed through a simplified view."""

from __future__ import annotations

import opencc
import pandas as pd
import pytest

from helpers import (
    add_statement,
    detect_script,
    extract_citations,
    load_corpus,
    load_statement,
    opening_profile,
    read_metadata,
    statement_from_text,
    token_table,
)

# A short statement written in traditional characters for these tests: 測試樣例 / test fixture, not UN text.
TRADITIONAL_FIXTURE = """安全理事會主席聲明
2099年1月2日，在安全理事會第9999次會議上，安全理事會主席就安理會審議的題為“測試樣例議題”的項目，
代表安理會發表聲明如下：
“安全理事會重申，本段是為軟件測試編寫的測試樣例文本，不是聯合國文本，
並回顧第1373(2001)號決議。
“安全理事會強調，測試樣例的段落應當在導入之後保持原樣。”
"""


@pytest.fixture(scope="module")
def traditional_raw(raw_text) -> str:
    """The shipped S/PRST/2021/1 converted to traditional characters by OpenCC s2t (no text invented)."""
    return opencc.OpenCC("s2t").convert(raw_text)


def test_script_is_detected():
    assert detect_script(TRADITIONAL_FIXTURE) == "zh-Hant"
    assert detect_script(load_statement()["text"].str.cat()) == "zh-Hans"
    assert detect_script("Distr.: General") == detect_script("") == "zh-Hans"


def test_the_shipped_statement_in_traditional_characters_gives_the_same_analysis(traditional_raw):
    shipped = load_statement()
    table = statement_from_text(traditional_raw, symbol="S/PRST/2021/1", date="2021-01-12", source="hant.txt")
    assert table.attrs["script"] == "zh-Hant"
    pd.testing.assert_frame_equal(table, shipped)  # text is the simplified view: identical rows
    pd.testing.assert_frame_equal(opening_profile(table), opening_profile(shipped))
    pd.testing.assert_frame_equal(extract_citations(table), extract_citations(shipped))
    pd.testing.assert_frame_equal(token_table(table, progress=False), token_table(shipped, progress=False))
    to_traditional = opencc.OpenCC("s2t")
    assert table.attrs["original_text"] == [to_traditional.convert(text) for text in shipped["text"]]
    assert table.attrs["original_text"][1].startswith("“安全理事會回顧第1373(2001)號決議")


def test_a_traditional_fixture_loads_instead_of_being_refused():
    table = statement_from_text(TRADITIONAL_FIXTURE, symbol="S/PRST/2099/1", date=None, source="fixture.txt")
    assert table["kind"].tolist() == ["chapeau", "operative", "operative"]
    assert table["opening"].tolist()[1:] == ["重申", "强调"]
    assert table.loc[1, "text"] == "“安全理事会重申，本段是为软件测试编写的测试样例文本，不是联合国文本，并回顾第1373(2001)号决议。"
    assert table.attrs["original_text"][1] == "“安全理事會重申，本段是為軟件測試編寫的測試樣例文本，不是聯合國文本，並回顧第1373(2001)號決議。"
    assert table.attrs["headings"] == ["安全理事会主席声明"]
    assert extract_citations(table).query("kind == 'resolution'")["key"].tolist() == ["S/RES/1373(2001)"]


def test_a_simplified_statement_keeps_its_text_as_original():
    shipped = load_statement()
    assert shipped.attrs["script"] == "zh-Hans"
    assert shipped.attrs["original_text"] == shipped["text"].tolist()


def test_importing_a_traditional_statement_records_its_script_and_keeps_the_raw_text(tmp_path, traditional_raw):
    source = tmp_path / "hant.txt"
    source.write_text(TRADITIONAL_FIXTURE, encoding="utf-8")
    row = add_statement(source, symbol="S/PRST/2099/1", corpus=tmp_path / "corpus")
    assert row["script"] == "zh-Hant" and row["extraction"] == "txt"
    assert row["agenda_item"] == "测试样例议题" and row["meeting"] == "S/PV.9999" and row["date"] == "2099-01-02"
    assert (tmp_path / "corpus" / row["file"]).read_bytes() == source.read_bytes()
    assert read_metadata(tmp_path / "corpus")["script"].tolist() == ["zh-Hant"]
    corpus = load_corpus(tmp_path / "corpus")
    assert set(corpus["script"]) == {"zh-Hant"}
    assert corpus.loc[2, "original_text"] == "“安全理事會強調，測試樣例的段落應當在導入之後保持原樣。”"
    assert corpus.loc[2, "text"] == "“安全理事会强调，测试样例的段落应当在导入之后保持原样。”"
    other = tmp_path / "shipped-hant.txt"
    other.write_text(traditional_raw, encoding="utf-8")
    add_statement(other, symbol="S/PRST/2021/1", corpus=tmp_path / "corpus")
    both = load_corpus(tmp_path / "corpus")
    assert both[both["symbol"] == "S/PRST/2021/1"]["text"].tolist() == load_statement()["text"].tolist()
