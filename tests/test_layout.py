"""Statements laid out the way the UN lays out its Chinese documents come back as exactly the paragraphs drawn
(issue 9): cover lines with two columns, footers, job numbers, barcodes, running headers, footnotes and markers.

Texts below marked 测试样例 are test fixtures written for these tests, not UN text; S/PRST/2021/1 is the shipped one.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from un_layout import SHAPES, TITLE, Cover, fixture_statement, layout, render, seed_document, text_shape

from helpers import (
    Footnote,
    add_statement,
    clean,
    extract_citations,
    load_corpus,
    load_statement,
    statement_from_text,
)
from helpers.ingest.pdftext import ENGINES, pdf_text
from helpers.tools.cli import main

LINK = "https://undocs.org/ch/S/RES/1373(2001)"


def imported(raw: str) -> pd.DataFrame:
    return statement_from_text(raw, symbol="S/PRST/2099/1", date=None, source="fixture")


def assert_drawn(table: pd.DataFrame, document) -> None:
    """The table holds exactly the paragraphs drawn; the title is found; every footnote is kept aside with its
    number, and its marker is placed where it was drawn."""
    assert table["text"].tolist() == document.expected_paragraphs
    assert table["kind"].tolist() == ["chapeau"] + ["operative"] * (len(document.paragraphs) - 1)
    assert table["para"].tolist() == list(range(len(document.paragraphs)))
    assert table.attrs["headings"] == [TITLE]
    notes = table.attrs["footnotes"]
    assert [(note.number, note.text) for note in notes] == document.expected_notes
    assert {note.number: (note.para, note.offset) for note in notes if note.para is not None} == document.expected_markers


@st.composite
def documents(draw) -> object:
    """A generated test fixture statement on 1–5 pages: wrap width, page length and footnote positions vary."""
    rng = draw(st.randoms(use_true_random=False))
    paragraphs, notes = fixture_statement(rng, draw(st.integers(1, 8)), draw(st.sampled_from([0.0, 0.1, 0.3])))
    cover = Cover(recycle=draw(st.booleans()), original=draw(st.sampled_from(["English", "French", "Chinese"])))
    document = layout(paragraphs, notes, width=draw(st.integers(10, 36)), page_lines=draw(st.integers(8, 40)), cover=cover)
    assume(len(document.pages) <= 5)
    return document


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_property_every_plain_text_shape_gives_the_paragraphs_drawn(document):
    for columns, form_feed in SHAPES:
        assert_drawn(imported(text_shape(document, columns, form_feed)), document)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_property_a_pdf_gives_the_paragraphs_drawn(document):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fixture.pdf"
        path.write_bytes(render(document))
        assert_drawn(imported(pdf_text(path)), document)


# ------------------------------------------------------------------------------ S/PRST/2021/1 in UN layout


@pytest.fixture(scope="module", params=[False, True], ids=["link-line", "numbered-footnote"])
def seed(request, raw_text):
    return seed_document(raw_text, numbered=request.param)


def test_the_seed_document_is_the_shipped_statement(seed):
    shipped = load_statement("S/PRST/2021/1")
    assert seed.expected_paragraphs == shipped["text"].tolist()
    assert len(seed.pages) == 3


def test_shipped_statement_in_un_layout_imports_to_the_19_rows_of_load_statement(seed, tmp_path, capsys):
    pdf = tmp_path / "S_PRST_2021_1.pdf"
    pdf.write_bytes(render(seed))
    corpus = tmp_path / "corpus"
    assert main(["add", str(pdf), "--corpus", str(corpus)]) == 0  # symbol and date read from the PDF
    assert capsys.readouterr().out.startswith("S/PRST/2021/1: added")
    shipped = load_statement("S/PRST/2021/1")
    imported_statement = load_statement("S/PRST/2021/1", corpus)
    pd.testing.assert_frame_equal(imported_statement, shipped, check_exact=True)
    pd.testing.assert_frame_equal(load_corpus(corpus)[shipped.columns.tolist()], shipped, check_exact=True)
    assert imported_statement.attrs["headings"] == [TITLE]
    if seed.expected_markers:  # the variant: marker 1 after the first 第1373(2001)号决议, its link at the page bottom
        assert imported_statement.attrs["footnotes"] == [Footnote(1, LINK, 1, 22)]
        assert imported_statement.loc[1, "text"][:23] == "“安全理事会回顾第1373(2001)号决议，"
    else:  # as in the real document: the link alone on a line, no number, no marker (issue 11)
        assert imported_statement.attrs["footnotes"] == [Footnote(None, LINK)]


@pytest.mark.parametrize(("columns", "form_feed"), SHAPES)
def test_shipped_statement_plain_text_shapes(seed, columns, form_feed):
    table = statement_from_text(text_shape(seed, columns, form_feed), symbol="S/PRST/2021/1", date=None, source="x")
    assert len(table) == 19
    assert_drawn(table, seed)


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_every_engine_gives_the_same_tables(engine, raw_text, tmp_path):
    import random

    documents_drawn = [seed_document(raw_text, numbered=True)] + [
        layout(*fixture_statement(random.Random(n), 6), width=24 + n, page_lines=14) for n in range(3)
    ]
    for number, document in enumerate(documents_drawn):
        path = tmp_path / f"{number}.pdf"
        path.write_bytes(render(document))
        assert_drawn(imported(pdf_text(path, engine=engine)), document)


def test_a_text_file_in_reversed_column_order_is_added_with_its_symbol(raw_text, tmp_path):
    path = tmp_path / "statement.txt"
    path.write_text(text_shape(seed_document(raw_text), "reversed", form_feed=False), encoding="utf-8")
    row = add_statement(path, corpus=tmp_path / "corpus")
    assert row["symbol"] == "S/PRST/2021/1" and row["date"] == "2021-01-12"
    assert load_corpus(tmp_path / "corpus")["text"].tolist() == load_statement("S/PRST/2021/1")["text"].tolist()


# ------------------------------------------------------------------------------------- the cleaner's rules
# Short page layouts written for these tests (测试样例), not UN text.


def test_cover_lines_with_two_columns_in_either_order():
    for cover in (["联合国 S/PRST/2099/9", "安全理事会 Distr.: General"], ["S/PRST/2099/9 联合国", "Distr.: General 安全理事会"],
                  ["联合国", "S/PRST/2099/9", "安全理事会", "Distr.: General"]):
        raw = "\n".join([*cover, "3 March 2099", "Chinese", "Original: French", TITLE, "测试样例，代表安理会发表声明如下：",
                         "“安全理事会测试样例。”"])
        result = clean(raw)
        assert result.text.split("\n") == [TITLE, "测试样例，代表安理会发表声明如下：", "“安全理事会测试样例。”"], cover
        assert result.headings == [TITLE]
        assert len(result.removed) == len(cover) + 3


def test_footers_job_numbers_and_barcodes_are_removed_and_end_a_page():
    raw = "\n".join([
        TITLE, "测试样例，代表安理会发表声明如下：", "“安全理事会测试样例第一段，在这一页",
        "21-00460 (C)    130121    140121", "*2100460* 请回收",
        "S/PRST/2099/9", "结束。", "“安全理事会测试样例第二段。", "2/3 21-00460",
        "S/PRST/2099/9", "“安全理事会测试样例第三段，", "21-00460 3/3",
        "S/PRST/2099/9", "跨页结束。", "请回收 *2100460*", "21-00460 4/5", "5/5 21-00460", "21-00460", "*2100460*", "请回收",
    ])
    result = clean(raw)
    assert result.text.split("\n") == [
        TITLE, "测试样例，代表安理会发表声明如下：", "“安全理事会测试样例第一段，在这一页结束。", "“安全理事会测试样例第二段。",
        "“安全理事会测试样例第三段，跨页结束。",
    ]
    assert [kind for kind, _ in result.removed] == [
        "job_number", "barcode", "symbol_header", "page_footer", "symbol_header", "page_footer", "symbol_header",
        "barcode", "page_footer", "page_footer", "page_footer", "barcode", "recycle",
    ]


def test_a_paragraph_right_after_a_footer_is_not_merged_into_the_one_before():
    # Issue 9: with the footer kept, 4 paragraphs instead of 5.
    raw = "\n".join([
        TITLE, "测试样例，代表安理会发表声明如下：", "“安全理事会测试样例一。", "“安全理事会测试样例二，专家评估是",
        "2/3 21-00460", "S/PRST/2099/9", "测试样例的核心职能。", "21-00460 3/3", "“安全理事会测试样例三。", "“安全理事会测试样例四。”",
    ])
    table = imported(raw)
    assert table["text"].tolist() == [
        "测试样例，代表安理会发表声明如下：", "“安全理事会测试样例一。", "“安全理事会测试样例二，专家评估是测试样例的核心职能。",
        "“安全理事会测试样例三。", "“安全理事会测试样例四。”",
    ]


def test_markers_are_removed_and_numbers_of_the_text_are_kept():
    raw = "\n".join([
        TITLE, "2021 年 1 月 12 日，在第 8000 次会议上，代表安理会发表声明如下：",
        "“安全理事会回顾第 1373(2001)号决议1，第4和5段，以及1. 测试样例2。", "“安全理事会测试样例，2021年1",
        "月12日，第4和5段。", "1 https://undocs.org/ch/S/RES/1373(2001)", "2 测试样例脚注，见第3号文件。", "2/2 21-00460",
    ])
    result = clean(raw)
    assert result.paragraphs == [
        "2021年1月12日，在第8000次会议上，代表安理会发表声明如下：",
        "“安全理事会回顾第1373(2001)号决议，第4和5段，以及1.测试样例。",
        "“安全理事会测试样例，2021年1月12日，第4和5段。",
    ]
    assert result.footnotes == [Footnote(1, LINK, 1, 22), Footnote(2, "测试样例脚注，见第3号文件。", 1, 37)]
    assert result.removed[-3:] == [("footnote_url", "1 https://undocs.org/ch/S/RES/1373(2001)"),
                                   ("footnote", "2 测试样例脚注，见第3号文件。"), ("page_footer", "2/2 21-00460")]


def test_a_footnote_over_two_lines_and_one_per_page():
    raw = "\n".join([
        TITLE, "测试样例，代表安理会发表声明如下：", "“安全理事会测试样例公约1，第一页", "1 测试样例脚注一，", "第二行。", "2/2 21-00460",
        "S/PRST/2099/9", "的文字。", "“安全理事会测试样例2。”", "2 测试样例脚注二。", "21-00460 3/3",
    ])
    result = clean(raw)
    assert result.paragraphs == ["测试样例，代表安理会发表声明如下：", "“安全理事会测试样例公约，第一页的文字。", "“安全理事会测试样例。”"]
    assert result.footnotes == [Footnote(1, "测试样例脚注一，第二行。", 1, 12), Footnote(2, "测试样例脚注二。", 2, 10)]


def test_a_line_of_text_starting_with_a_number_at_a_page_bottom_is_not_a_footnote():
    raw = "\n".join([
        TITLE, "测试样例，代表安理会发表声明如下：", "“安全理事会测试样例1，日期为2021年", "1 月 12 日，见第4和", "5 段测试样例。",
        "1 测试样例脚注。", "2/3 21-00460", "S/PRST/2099/9", "“安全理事会测试样例，第", "4和5段，共", "12 国参加。”", "21-00460 3/3",
    ])
    result = clean(raw)
    assert result.paragraphs == [
        "测试样例，代表安理会发表声明如下：", "“安全理事会测试样例，日期为2021年1月12日，见第4和5段测试样例。",
        "“安全理事会测试样例，第4和5段，共12国参加。”",
    ]
    assert result.footnotes == [Footnote(1, "测试样例脚注。", 1, 10)]


def test_a_numbered_link_without_a_marker_is_kept_aside_without_a_place():
    raw = "\n".join([TITLE, "测试样例，代表安理会发表声明如下：", "“安全理事会测试样例。”", "1 https://undocs.org/ch/S/2099/1"])
    assert clean(raw).footnotes == [Footnote(1, "https://undocs.org/ch/S/2099/1")]


def test_footnotes_are_numbered_down_the_page():
    # 3 国 ends the text; the links 1 and 2 below it: 3, 1, 2 down the page is not a block of footnotes.
    raw = "\n".join([
        TITLE, "测试样例，代表安理会发表声明如下：", "“安全理事会测试样例1，测试样例2，共", "3 国参加。”",
        "1 https://undocs.org/ch/S/2099/1", "2 https://undocs.org/ch/S/2099/2", "21-00460 3/3",
    ])
    result = clean(raw)
    assert result.paragraphs == ["测试样例，代表安理会发表声明如下：", "“安全理事会测试样例，测试样例，共3国参加。”"]
    assert [(note.number, note.para, note.offset) for note in result.footnotes] == [(1, 1, 10), (2, 1, 15)]


def test_a_footnote_whose_marker_cannot_be_told_is_still_kept_aside():
    # After a Latin word a digit may be part of it (Annex1), so that marker stays; footnote 2's marker is found, and
    # the page's footnotes are the next numbers, so both lines are footnotes.
    raw = "\n".join([TITLE, "测试样例，代表安理会发表声明如下：", "“安全理事会测试样例 Annex1，测试样例2。”", "1 测试样例脚注一。",
                     "2 测试样例脚注二。", "21-00460 3/3"])
    result = clean(raw)
    assert result.paragraphs == ["测试样例，代表安理会发表声明如下：", "“安全理事会测试样例Annex1，测试样例。”"]
    assert result.footnotes == [Footnote(1, "测试样例脚注一。"), Footnote(2, "测试样例脚注二。", 1, 21)]


def test_a_page_ending_in_a_line_that_starts_with_a_number_keeps_it_without_a_marker():
    raw = "\n".join([TITLE, "测试样例，代表安理会发表声明如下：", "“安全理事会测试样例00", "1《测试样例公约》。”", "21-00460 3/3"])
    result = clean(raw)
    assert result.paragraphs == ["测试样例，代表安理会发表声明如下：", "“安全理事会测试样例001《测试样例公约》。”"]
    assert result.footnotes == []




def test_footnote_links_reach_the_citation_table_with_their_numbers():
    table = pd.DataFrame({"symbol": "S/PRST/2099/1", "para": [0, 1], "text": ["测试样例。", "“安全理事会测试样例。”"]})
    table.attrs = {"footnotes": [Footnote(None, "https://undocs.org/S/RES/2(1946)"),
                                 Footnote(None, "https://undocs.org/S/RES/3(1946)", 1, 3),
                                 Footnote(2, "测试样例脚注，不是链接。", 1, 5), Footnote(3, "https://undocs.org/S/RES/4(1946)", 1, 7)]}
    found = extract_citations(table)
    links = found[found["kind"] == "url"]
    assert links["key"].tolist() == ["S/RES/2(1946)", "S/RES/3(1946)", "S/RES/4(1946)"]
    assert links["footnote"].tolist() == [pd.NA, pd.NA, 3] and links["para"].isna().all()
