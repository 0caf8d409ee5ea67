"""Importing a UN-like PDF: the shipped statement rendered to a PDF here comes back as the same paragraphs."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from statement_pdfs import blank_pdf, render_pdf

from helpers import DataError, add_statement, load_corpus, load_statement, pdf_text
from helpers.ingest.registry import read_registry, sha256
from helpers.tools.cli import main


@pytest.fixture(scope="module")
def statement_pdf(tmp_path_factory, raw_text) -> Path:
    """S/PRST/2021/1 as a PDF: its raw lines (the UN line wrapping) with a cover block, headers, footers."""
    path = tmp_path_factory.mktemp("pdf") / "statement.pdf"
    path.write_bytes(render_pdf(raw_text.splitlines(), "S/PRST/2021/1", "12 January 2021"))
    return path


def test_pdf_text_reads_the_chinese_and_the_page_furniture(statement_pdf):
    text = pdf_text(statement_pdf)
    lines = text.replace("\f", "\n").splitlines()
    # Two columns on one baseline come out as one line, as in real UN PDFs (issue 9).
    assert lines[:5] == ["联合国 S/PRST/2021/1", "安全理事会 Distr.: General", "12 January 2021", "Chinese", "Original: English"]
    assert "安全理事会主席声明" in lines
    assert "“安全理事会回顾第 1373(2001)号决议，其中决定设立反恐怖主义委员" in lines
    assert text.count("\f") == 2  # three pages
    assert lines.count("S/PRST/2021/1") == 2 and "2/3 99-99999" in lines and "99-99999 3/3" in lines
    assert "99-99999 (C) 020199 030199" in lines and "*9999999* 请回收" in lines


def test_imported_pdf_gives_the_paragraphs_of_load_statement(statement_pdf, tmp_path):
    corpus = tmp_path / "corpus"
    row = add_statement(statement_pdf, corpus=corpus)  # symbol read from the cover
    assert row["symbol"] == "S/PRST/2021/1"
    assert row["date"] == "2021-01-12"
    assert row["agenda_item"] == "恐怖主义行为对国际和平与安全造成的威胁"
    assert row["meeting"] == "" and row["procedure"] == "written procedure (S/2020/372)"
    imported = load_corpus(corpus)
    shipped = load_statement("S/PRST/2021/1")
    assert imported["text"].tolist() == shipped["text"].tolist()
    pd.testing.assert_frame_equal(imported[shipped.columns.tolist()], shipped, check_exact=True)
    own = load_statement("S/PRST/2021/1", corpus).attrs["footnotes"]  # the corpus keeps each document's footnotes
    assert dict(imported.attrs["footnotes"]) == ({"S/PRST/2021/1": tuple(own)} if own else {})
    registry = read_registry(corpus)
    assert set(registry) == {"raw/S_PRST_2021_1.zh.pdf", "raw/S_PRST_2021_1.zh.txt"}
    assert (corpus / "raw/S_PRST_2021_1.zh.pdf").read_bytes() == statement_pdf.read_bytes()
    assert (corpus / "raw/S_PRST_2021_1.zh.txt").read_text(encoding="utf-8") == pdf_text(statement_pdf)
    assert registry["raw/S_PRST_2021_1.zh.pdf"] == sha256(statement_pdf)


def test_a_pdf_wrapped_at_other_points_gives_the_same_paragraphs(tmp_path):
    shipped = load_statement("S/PRST/2021/1")
    lines = ["安全理事会主席声明"]
    for paragraph in shipped["text"]:
        lines += [paragraph[i : i + 24] for i in range(0, len(paragraph), 24)]
    path = tmp_path / "rewrapped.pdf"
    path.write_bytes(render_pdf(lines, "S/PRST/2021/1", "12 January 2021"))
    add_statement(path, corpus=tmp_path / "corpus")
    assert load_corpus(tmp_path / "corpus")["text"].tolist() == shipped["text"].tolist()


def test_add_command_imports_once_then_refuses(statement_pdf, tmp_path, capsys):
    corpus = tmp_path / "corpus"
    assert main(["add", str(statement_pdf), "--corpus", str(corpus)]) == 0
    assert capsys.readouterr().out.startswith("S/PRST/2021/1: added raw/S_PRST_2021_1.zh.txt to ")
    before = {p.name: p.read_bytes() for p in corpus.rglob("*") if p.is_file()}
    assert main(["add", str(statement_pdf), "--corpus", str(corpus), "--symbol", "S/PRST/2021/1"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: S/PRST/2021/1 is already in the corpus") and "\n" not in err
    assert {p.name: p.read_bytes() for p in corpus.rglob("*") if p.is_file()} == before


def test_symbol_on_the_cover_must_agree_with_the_option(statement_pdf, tmp_path):
    with pytest.raises(DataError, match=r"the document is S/PRST/2021/1, not S/PRST/2021/2"):
        add_statement(statement_pdf, symbol="S/PRST/2021/2", corpus=tmp_path / "corpus")
    assert not (tmp_path / "corpus").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("page.pdf", b"<!DOCTYPE html><html><body>Error</body></html>", r"page\.pdf: an HTML page \(it does not start with %PDF-\); give a whole UN \.pdf"),
        ("letter.pdf", b"Dear colleague", r"letter\.pdf: not a PDF \(it does not start with %PDF-\)"),
        ("corrupt.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage\n%%EOF\n", r"corrupt\.pdf: cannot read the PDF"),
        ("blank.pdf", None, r"blank\.pdf: page 1 of 1 has no text layer \(a scanned image\); import it with --ocr"),
        ("notes.docx", b"PK\x03\x04", r"notes\.docx: cannot import a \.docx; give a \.txt or a UN \.pdf"),
    ],
)
def test_bad_files_get_one_clear_line_and_write_nothing(tmp_path, capsys, name, content, message):
    path = tmp_path / name
    path.write_bytes(blank_pdf() if content is None else content)
    corpus = tmp_path / "corpus"
    assert main(["add", str(path), "--corpus", str(corpus)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert re.search(message, err), err
    assert not corpus.exists()


def test_truncated_pdf_is_refused(statement_pdf, tmp_path):
    path = tmp_path / "half.pdf"
    path.write_bytes(statement_pdf.read_bytes()[: statement_pdf.stat().st_size // 2])
    with pytest.raises(DataError, match=r"half\.pdf: a truncated PDF \(no %%EOF at its end\)"):
        add_statement(path, corpus=tmp_path / "corpus")


def test_missing_file_is_named(tmp_path):
    with pytest.raises(DataError, match=r"nowhere\.pdf: file not found"):
        add_statement(tmp_path / "nowhere.pdf", corpus=tmp_path / "corpus")
