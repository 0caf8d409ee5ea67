"""Resolutions as corpus documents: their paragraph table (preambular, operative, sub), import through `add`
(PDF and .txt) beside statements, and refusals. Every resolution text here is a test fixture (测试样例) from
resolution_docs.py; only symbols, dates and meetings may be real."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from resolution_docs import (
    FIXTURE_BODY,
    NUMBER_STYLES,
    SUBJECT,
    Line,
    Paragraph,
    plain_text,
    render_pdf,
    resolution_lines,
    wrap,
)
from snapshots import snapshot

from helpers import (
    DataError,
    add_statement,
    clean,
    document_kind,
    load_corpus,
    load_statement,
    pdf_text,
    resolution_table,
    statement_from_text,
)
from helpers.ingest.corpus import file_stem
from helpers.ingest.registry import read_registry, sha256
from helpers.ingest.symbols import refusal, symbol_order
from helpers.tools.cli import main

SYMBOL = "S/RES/9901(2099)"
EXPECTED = [SUBJECT, *FIXTURE_BODY]


def rows(table: pd.DataFrame) -> list[Paragraph]:
    return [Paragraph(kind, None if pd.isna(number) else number, text)
            for kind, number, text in zip(table["kind"], table["number"], table["text"], strict=True)]


def fixture_text(width: int = 30, style: str = "space", per_page: int = 24, symbol: str = SYMBOL,
                 date_zh: str = "2099年1月2日", meeting: int | None = 9999, body: list[Paragraph] = FIXTURE_BODY,
                 spaced: bool = False) -> str:
    lines = resolution_lines(symbol, date_zh, meeting, body, width)
    return plain_text(lines, symbol, "2 January 2099", style, per_page=per_page, spaced=spaced)


# ---------------------------------------------------------------- symbols


@pytest.mark.parametrize(
    ("symbol", "kind"),
    [("S/PRST/2021/1", "statement"), ("S/RES/1373(2001)", "resolution"), ("S/RES/1373", "resolution"),
     ("S/2020/372", "document"), ("S/PV.8000", "document"), ("S/25344", "document"), ("A/RES/60/288", None),
     ("S/PRST/X", None), ("S/RES/12a", None), ("三", None)],
)
def test_document_kind(symbol, kind):
    assert document_kind(symbol) == kind


def test_symbols_of_resolutions_are_normalised_filed_and_sorted():
    assert file_stem("S/RES/1373(2001)", "zh") == "S_RES_1373_2001.zh"
    assert file_stem("S/PRST/2021/1", "zh") == "S_PRST_2021_1.zh"
    order = symbol_order(pd.Series(["S/RES/10(1946)", "S/PRST/2021/10", "S/RES/9(1946)", "S/2020/372", "S/PRST/2021/2"]))
    assert order.tolist() == [10**7 + 10, 2021 * 1000 + 10, 10**7 + 9, 10**9, 2021 * 1000 + 2]
    assert refusal("S/RES/1373(2001)") is None and refusal("S/PRST/2021/1") is None
    assert refusal("S/2020/372").startswith("S/2020/372: not imported: a corpus holds presidential statements")


# ---------------------------------------------------------------- the paragraph table


@settings(max_examples=60, deadline=None)
@given(width=st.integers(14, 45), style=st.sampled_from(NUMBER_STYLES), per_page=st.integers(8, 40), spaced=st.booleans())
def test_paragraphs_kinds_and_numbers_whatever_the_wrapping(width, style, per_page, spaced):
    text = fixture_text(width, style, per_page, spaced=spaced)
    table = statement_from_text(text, symbol=SYMBOL, date=None, source="fixture")
    assert rows(table) == EXPECTED
    assert table["para"].tolist() == list(range(len(EXPECTED)))
    assert table.attrs["headings"] == ["第9901(2099)号决议", "2099年1月2日安全理事会第9999次会议通过"]
    assert table.attrs["adoption"] == "2099年1月2日安全理事会第9999次会议通过"


def test_the_table_of_a_resolution():
    table = statement_from_text(fixture_text(), symbol=SYMBOL, date="2099-01-02", source="fixture")
    assert table.columns.tolist() == ["symbol", "date", "lang", "para", "kind", "number", "opening", "text", "n_chars"]
    assert table["kind"].tolist() == ["chapeau"] + ["preambular"] * 5 + ["operative", "sub", "sub", "operative", "operative"]
    assert table["number"].fillna("").tolist() == ["", "", "", "", "", "", "1", "(a)", "(b)", "2", "3"]
    assert table["opening"].fillna("").tolist() == ["", "重申", "回顾", "深为关切", "认识到", "", "决定", "", "", "吁请", "决定"]
    assert (table["n_chars"] == table["text"].str.len()).all()
    assert str(table["number"].dtype) == "str" and str(table["opening"].dtype) == "str"
    assert set(table["symbol"]) == {SYMBOL} and set(table["date"]) == {pd.Timestamp("2099-01-02")}


def test_cover_lines_before_the_title_are_set_aside():
    cleaned = clean(fixture_text())
    # two columns of one baseline, as extraction gives them: page furniture, like a statement's cover
    assert ("distribution", "安全理事会 Distr.: General") in cleaned.removed
    assert cleaned.lines[0] == "第9901(2099)号决议"
    resolution_table(cleaned, "fixture", SYMBOL)


def test_a_short_last_line_ends_a_preambular_paragraph_that_opens_with_an_unknown_word():
    body = [
        Paragraph("preambular", None, "重申这是测试样例的第一段，"),
        Paragraph("preambular", None, "测试样例第二段不以已知动词开头，但上一行较短，"),
        Paragraph("operative", "1", "决定继续积极处理此测试样例。"),
    ]
    table = statement_from_text(fixture_text(width=30, body=body), symbol=SYMBOL, date=None, source="fixture")
    assert rows(table) == [SUBJECT, *body]


def test_section_headings_an_annex_and_a_single_unnumbered_operative_paragraph():
    def printed(*paragraphs: Paragraph) -> list[str]:
        return [f"{line.number}. {line.text}" if line.number else line.text for line in wrap(list(paragraphs), 16)]

    body = [
        Paragraph("preambular", None, "重申这是为软件测试编写的测试样例，"),
        Paragraph("operative", "1", "决定测试样例的第一段应当保持原样；"),
        Paragraph("operative", "2", "决定测试样例的第二段也应当保持原样，见附件。"),
        Paragraph("annex", "1", "测试样例附件的第一段是编了号的段落。"),
        Paragraph("annex", None, "测试样例附件的第二段没有编号，不是联合国文本。"),
    ]
    text = "\n".join(["第9901(2099)号决议", "2099年1月2日安全理事会第9999次会议通过", "安全理事会，",
                      *printed(*body[:2]), "测试样例措施", *printed(body[2]), "附件", *printed(*body[3:])])
    table = statement_from_text(text, symbol=SYMBOL, date=None, source="fixture")
    assert rows(table) == [SUBJECT, *body]
    assert table.attrs["headings"][2:] == ["测试样例措施", "附件"]
    # a list of short names, each number alone on its line: a name is the paragraph's text, never a heading
    listed = statement_from_text(text + "\n3.\n测试样例实体甲\n4.\n测试样例实体乙", symbol=SYMBOL, date=None, source="fixture")
    assert rows(listed)[-2:] == [Paragraph("annex", "3", "测试样例实体甲"), Paragraph("annex", "4", "测试样例实体乙")]
    single = "\n".join(["第9902(2099)号决议", "2099年1月3日安全理事会第9998次会议通过", "安全理事会，",
                        "审议了测试样例的申请，", "建议测试样例大会接纳该测试样例。"])
    table = statement_from_text(single, symbol="S/RES/9902(2099)", date=None, source="fixture")
    assert table["kind"].tolist() == ["chapeau", "preambular", "operative"]
    assert table["number"].isna().all() and table["opening"].isna().tolist() == [True, True, True]  # no verb listed


@pytest.mark.parametrize(
    ("text", "symbol", "message"),
    [
        ("安全理事会，\n重申测试样例，\n1. 决定测试样例。", SYMBOL,
         r"^fixture: no resolution title \(第N\(YYYY\)号决议 on a line of its own\) found; check that the file is "
         r"the resolution S/RES/9901\(2099\)\.$"),
        ("第9902(2099)号决议\n安全理事会，\n1. 决定测试样例。", SYMBOL,
         r"^fixture: the title is 第9902\(2099\)号决议 \(S/RES/9902\(2099\)\), not S/RES/9901\(2099\); check the file"),
        ("第9901(2099)号决议\n2099年1月2日安全理事会第9999次会议通过", SYMBOL,
         r"^fixture: the resolution S/RES/9901\(2099\) has a title but no paragraphs after it"),
    ],
)
def test_texts_that_are_not_the_resolution_are_refused(text, symbol, message):
    with pytest.raises(DataError, match=message):
        statement_from_text(text, symbol=symbol, date=None, source="fixture")


# ---------------------------------------------------------------- import with add


@pytest.fixture(scope="module", params=["space", "alone"])
def resolution_pdf(request, tmp_path_factory) -> Path:
    lines = resolution_lines(SYMBOL, "2099年1月2日", 9999, FIXTURE_BODY, 26)
    path = tmp_path_factory.mktemp("pdf") / "resolution.pdf"
    path.write_bytes(render_pdf(lines, SYMBOL, "2 January 2099", number_style=request.param, per_page=14))
    return path


def test_a_resolution_pdf_is_imported_beside_a_statement(resolution_pdf, data_copy):
    assert pdf_text(resolution_pdf).splitlines()[:2] == ["联合国 S/RES/9901 (2099)", "安全理事会 Distr.: General"]
    row = add_statement(resolution_pdf, corpus=data_copy)  # the symbol is read from the cover
    assert row.to_dict() == {
        "symbol": SYMBOL, "date": "2099-01-02", "lang": "zh", "file": "raw/S_RES_9901_2099.zh.txt", "agenda_item": "",
        "meeting": "S/PV.9999", "procedure": "meeting", "presidency": "", "script": "zh-Hans", "extraction": "pdf",
        "index_check": "",
    }
    registry = read_registry(data_copy)
    assert registry["raw/S_RES_9901_2099.zh.pdf"] == sha256(resolution_pdf)
    assert (data_copy / "raw/S_RES_9901_2099.zh.txt").read_text(encoding="utf-8") == pdf_text(resolution_pdf)
    corpus = load_corpus(data_copy)
    assert corpus["symbol"].unique().tolist() == ["S/PRST/2021/1", SYMBOL]  # by date
    resolution = corpus[corpus["symbol"] == SYMBOL]
    assert rows(resolution) == EXPECTED
    assert set(resolution["doc_type"]) == {"resolution"} and set(corpus.loc[corpus["para"].index[:19], "doc_type"]) == {"statement"}
    assert set(resolution["meeting"]) == {"S/PV.9999"} and resolution["agenda_item"].isna().all()
    assert load_statement(SYMBOL, data_copy).attrs["headings"][0] == "第9901(2099)号决议"


def test_a_txt_resolution_with_the_symbol_written_as_printed(tmp_path):
    path = tmp_path / "resolution.txt"
    path.write_text(fixture_text(style="tab"), encoding="utf-8")
    row = add_statement(path, symbol="S/RES/9901 (2099)", corpus=tmp_path / "corpus")
    assert row["symbol"] == SYMBOL and row["file"] == "raw/S_RES_9901_2099.zh.txt"
    assert (tmp_path / "corpus/raw/S_RES_9901_2099.zh.txt").read_bytes() == path.read_bytes()
    assert rows(load_corpus(tmp_path / "corpus")) == EXPECTED


def test_statements_and_resolutions_of_one_day_sort_by_kind_then_number(tmp_path):
    corpus = tmp_path / "corpus"
    for number in (9910, 9902):
        symbol = f"S/RES/{number}(2099)"
        path = tmp_path / f"{number}.txt"
        path.write_text(fixture_text(symbol=symbol), encoding="utf-8")
        add_statement(path, corpus=corpus)
    statement = tmp_path / "statement.txt"
    lines = [Line("安全理事会主席声明"), *wrap([Paragraph("", None, text) for text in (
        "2099年1月2日，在安全理事会第9999次会议上，安全理事会主席代表安理会发表声明如下：",
        "“安全理事会回顾测试样例，本段不是联合国文本。”")], 30)]
    statement.write_text("\n".join(line.text for line in lines), encoding="utf-8")
    add_statement(statement, symbol="S/PRST/2099/1", corpus=corpus)
    assert load_corpus(corpus)["symbol"].unique().tolist() == ["S/PRST/2099/1", "S/RES/9902(2099)", "S/RES/9910(2099)"]
    assert (corpus / "statements.csv").read_text(encoding="utf-8").splitlines()[1].startswith("S/PRST/2099/1,")


def test_the_adoption_line_must_agree_with_the_resolution_index(tmp_path, capsys):
    path = tmp_path / "s_res_1373.txt"
    path.write_text(fixture_text(symbol="S/RES/1373(2001)", date_zh="2001年9月29日", meeting=4386), encoding="utf-8")
    corpus = tmp_path / "corpus"
    assert main(["add", str(path), "--corpus", str(corpus)]) == 2
    assert capsys.readouterr().err == (
        f"error: {path}: the adoption line gives 2001-09-29 and meeting S/PV.4386, the index lists S/RES/1373(2001) "
        "on 2001-09-28 at meeting S/PV.4385; check the file and --symbol, or pass --force to import it anyway\n"
    )
    assert not corpus.exists()
    path.write_text(fixture_text(symbol="S/RES/1373(2001)", date_zh="2001年9月28日", meeting=4385), encoding="utf-8")
    assert main(["add", str(path), "--corpus", str(corpus)]) == 0
    assert capsys.readouterr().out.startswith("S/RES/1373(2001): added raw/S_RES_1373_2001.zh.txt to ")
    table = load_corpus(corpus)
    assert set(table["date"]) == {pd.Timestamp("2001-09-28")} and set(table["meeting"]) == {"S/PV.4385"}
    assert set(table["agenda_item"]) == {"Peace and security — terrorist acts"} and set(table["topic"]) == {"terrorism"}


def test_a_resolution_adopted_without_a_meeting(tmp_path):
    path = tmp_path / "s_res_2560.txt"
    path.write_text(fixture_text(symbol="S/RES/2560(2020)", date_zh="2020年12月29日", meeting=8999), encoding="utf-8")
    with pytest.raises(DataError, match=r"meeting S/PV\.8999, the index lists S/RES/2560\(2020\) on 2020-12-29 without a meeting"):
        add_statement(path, corpus=tmp_path / "corpus")
    forced = add_statement(path, corpus=tmp_path / "forced", force=True)
    assert forced["index_check"].startswith("forced: the adoption line gives 2020-12-29 and meeting S/PV.8999")
    path.write_text(fixture_text(symbol="S/RES/2560(2020)", date_zh="2020年12月29日", meeting=None), encoding="utf-8")
    row = add_statement(path, corpus=tmp_path / "corpus")
    assert (row["date"], row["meeting"], row["procedure"]) == ("2020-12-29", "", "")
    assert load_corpus(tmp_path / "corpus")["meeting"].isna().all()


def test_refusals_are_one_line_and_write_nothing(resolution_pdf, data_copy, capsys):
    before = snapshot(data_copy)
    cases = [
        (["--symbol", "S/RES/9902(2099)"], "the document is S/RES/9901(2099), not S/RES/9902(2099)"),
        (["--symbol", "S/2020/372"], "S/2020/372: not imported: a corpus holds presidential statements (S/PRST/…) and "
                                     "resolutions (S/RES/…); other Security Council documents (letters, reports, "
                                     "records) are not texts the Council adopts"),
        (["--symbol", "S/RES/9901"], "S/RES/9901: a resolution is imported with its year; write it as S/RES/N(YYYY)"),
    ]
    for options, message in cases:
        assert main(["add", str(resolution_pdf), "--corpus", str(data_copy), *options]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and message in err, err
    assert main(["add", str(resolution_pdf), "--corpus", str(data_copy)]) == 0
    capsys.readouterr()
    assert main(["add", str(resolution_pdf), "--corpus", str(data_copy)]) == 2
    assert capsys.readouterr().err.startswith("error: S/RES/9901(2099) is already in the corpus")
    assert set(snapshot(data_copy)) - set(before) == {"raw/S_RES_9901_2099.zh.txt", "raw/S_RES_9901_2099.zh.pdf"}
