"""Scanned PDFs: refused without --ocr naming the pages; with --ocr read by RapidOCR (default, a pip package
with its models inside) or Tesseract (chi_sim), and cleaned.

The Tesseract tests take the ``tesseract`` fixture (conftest.py): without Debian's tesseract-ocr and
tesseract-ocr-chi-sim they are skipped with the install command; in CI (CI=true) that is a failure.
"""

from __future__ import annotations

import io
import re
import sys

import pypdfium2
import pytest
from scanned_pdfs import SERIF, scanned_pdf
from statement_pdfs import fixture_lines, render_pdf

from helpers import (
    DataError,
    add_statement,
    load_corpus,
    ocr_pages,
    pdf_text,
    read_metadata,
    statement_from_text,
)
from helpers.ingest.ocr import (
    INSTALL_COMMAND,
    RAPIDOCR_INSTALL_COMMAND,
    check_engine,
    check_tesseract,
    describe_pages,
    fix_ocr_punctuation,
    pages_without_text,
)
from helpers.tools.cli import main

SANS = SERIF.with_name("NotoSansSC-Regular.otf")


def merged_pdf(*documents: bytes) -> bytes:
    """Return one PDF with the pages of each document in turn (pypdfium2)."""
    merged = pypdfium2.PdfDocument.new()
    for data in documents:
        merged.import_pages(pypdfium2.PdfDocument(data))
    buffer = io.BytesIO()
    merged.save(buffer)
    return buffer.getvalue()


def test_pages_without_text_are_named():
    assert pages_without_text("text\f \n\fmore\f") == [2, 4]
    assert describe_pages([2], 3) == "page 2 of 3"
    assert describe_pages([1, 2, 3], 3) == "pages 1–3 of 3"
    assert describe_pages([1, 3, 4, 6], 6) == "pages 1, 3–4 and 6 of 6"


def test_ascii_punctuation_beside_chinese_becomes_full_width():
    assert fix_ocr_punctuation("2021年1月12日, 依照程序:\n“安全理事会重申;一切?") == "2021年1月12日，依照程序：\n“安全理事会重申；一切？"
    assert fix_ocr_punctuation("Distr.: General, 12 January 2021; S/PV.8000") == "Distr.: General, 12 January 2021; S/PV.8000"


def test_a_scanned_pdf_is_refused_naming_its_pages_and_the_option(tmp_path, capsys):
    scanned = tmp_path / "scan.pdf"
    scanned.write_bytes(scanned_pdf(fixture_lines(1), "S/PRST/2099/1", "2 January 2099", per_page=6))
    corpus = tmp_path / "corpus"
    assert main(["add", str(scanned), "--corpus", str(corpus)]) == 2
    assert capsys.readouterr().err == (
        f"error: {scanned}: pages 1–2 of 2 have no text layer (a scanned image); "
        "import it with --ocr (OCR), or give a .txt file.\n"
    )
    assert not corpus.exists()


def test_a_pdf_with_scanned_pages_after_text_names_those_pages(tmp_path, raw_text):
    text_pages = render_pdf(raw_text.splitlines()[:40], "S/PRST/2021/1", "12 January 2021")
    mixed = tmp_path / "mixed.pdf"
    mixed.write_bytes(merged_pdf(text_pages, scanned_pdf(raw_text.splitlines()[40:], "S/PRST/2021/1", "12 January 2021")))
    assert pages_without_text(pdf_text(mixed, require_text=False)) == [2, 3]
    with pytest.raises(DataError, match=r"mixed\.pdf: pages 2–3 of 3 have no text layer \(a scanned image\); import it with --ocr"):
        add_statement(mixed, corpus=tmp_path / "corpus")


def test_add_ocr_reads_a_scanned_statement_into_the_corpus(tmp_path, capsys):
    # The default engine (RapidOCR), for real: pages -> RapidOCR -> cleaner -> corpus; its accuracy on
    # S/PRST/2021/1 in two typefaces is measured by benchmarks/bench_ocr.py.
    lines = fixture_lines(1, date="2099年1月2日", meeting=9999)
    scanned = tmp_path / "scan.pdf"
    scanned.write_bytes(scanned_pdf(lines, "S/PRST/2099/1", "2 January 2099", typeface=SANS))
    corpus = tmp_path / "corpus"
    assert main(["add", str(scanned), "--ocr", "--symbol", "S/PRST/2099/1", "--corpus", str(corpus)]) == 0
    assert capsys.readouterr().out.startswith("S/PRST/2099/1: added raw/S_PRST_2099_1.zh.txt")
    row = read_metadata(corpus).iloc[0]
    assert (row["extraction"], row["script"], row["date"].strftime("%Y-%m-%d"), row["meeting"]) == (
        "ocr", "zh-Hans", "2099-01-02", "S/PV.9999")
    assert (corpus / "raw/S_PRST_2099_1.zh.pdf").read_bytes() == scanned.read_bytes()
    ocr_text = (corpus / "raw/S_PRST_2099_1.zh.txt").read_text(encoding="utf-8")
    assert ocr_text == ocr_pages(scanned, [1])[1].rstrip("\n")  # the raw file is the OCR text, as read
    imported = load_corpus(corpus)
    expected = statement_from_text("\n".join(lines), symbol="S/PRST/2099/1", date=None, source="fixture")
    assert imported["kind"].tolist() == ["chapeau", "operative", "operative"]
    assert imported["text"].tolist()[1:] == expected["text"].tolist()[1:]  # read without a single error
    assert imported["opening"].tolist()[1:] == ["重申", "强调"]
    assert imported.loc[0, "text"].endswith(expected.loc[0, "text"])


def test_ocr_pages_are_read_at_300_dpi(tesseract, tmp_path, monkeypatch):
    import pytesseract

    seen = []
    real = pytesseract.image_to_string

    def spy(image, **options):
        seen.append((image.size, image.mode, options))
        return real(image, **options)

    monkeypatch.setattr(pytesseract, "image_to_string", spy)
    scanned = tmp_path / "scan.pdf"
    scanned.write_bytes(scanned_pdf(fixture_lines(2), "S/PRST/2099/2", "2 January 2099", typeface=SANS))
    text = ocr_pages(scanned, [1], engine="tesseract")[1]
    assert re.search(r"安全理事会强调，测试夹具的段落应当在导入之后保持原样", text)
    assert seen == [((2480, 3508), "L", {"lang": "chi_sim", "config": "--dpi 300 --psm 6"})]  # A4 at 300 dpi


def test_a_missing_model_is_named_with_the_install_command(monkeypatch, tmp_path):
    import pytesseract

    monkeypatch.setattr(pytesseract, "get_languages", lambda config="": ["eng", "osd"])
    with pytest.raises(DataError, match=rf"scan\.pdf: --ocr needs Tesseract's chi_sim model; install it with: {INSTALL_COMMAND}"):
        check_tesseract(tmp_path / "scan.pdf")


def test_add_ocr_without_the_ocr_extra_names_the_install_command(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "rapidocr", None)  # import rapidocr now fails as if the extra were not installed
    scanned = tmp_path / "scan.pdf"
    scanned.write_bytes(scanned_pdf(fixture_lines(1), "S/PRST/2099/1", "2 January 2099", typeface=SANS))
    corpus = tmp_path / "corpus"
    assert main(["add", str(scanned), "--ocr", "--corpus", str(corpus)]) == 2
    assert capsys.readouterr().err == (
        f"error: {scanned}: --ocr needs RapidOCR (the optional extra [ocr]); install it with: "
        'pip install "prst-zh[ocr]" (in a checkout: make env), or use --ocr-engine tesseract.\n'
    )
    assert not corpus.exists()


def test_add_ocr_engine_tesseract_reads_with_tesseract(tesseract, tmp_path, monkeypatch, capsys):
    import pytesseract

    import helpers.ingest.ocr

    calls = []
    real = pytesseract.image_to_string
    monkeypatch.setattr(pytesseract, "image_to_string", lambda *a, **k: calls.append(k["lang"]) or real(*a, **k))
    monkeypatch.setattr(helpers.ingest.ocr, "rapidocr_text", lambda image: pytest.fail("RapidOCR was used"))
    lines = fixture_lines(1, date="2099年1月2日", meeting=9999)
    scanned = tmp_path / "scan.pdf"
    scanned.write_bytes(scanned_pdf(lines, "S/PRST/2099/1", "2 January 2099", typeface=SANS))
    corpus = tmp_path / "corpus"
    assert main(["add", str(scanned), "--ocr", "--ocr-engine", "tesseract", "--symbol", "S/PRST/2099/1",
                 "--corpus", str(corpus)]) == 0
    assert calls == ["chi_sim"]
    assert load_corpus(corpus)["opening"].tolist()[1:] == ["重申", "强调"]


@pytest.mark.parametrize("typeface", [SERIF, SANS], ids=["serif", "sans"])
def test_rapidocr_reads_the_fixture_scan_the_same_on_every_run(tmp_path, typeface):
    lines = fixture_lines(3)
    scanned = tmp_path / "scan.pdf"
    scanned.write_bytes(scanned_pdf(lines, "S/PRST/2099/3", "2 January 2099", typeface=typeface))
    first, second = ocr_pages(scanned, [1]), ocr_pages(scanned, [1])
    assert first == second
    imported = statement_from_text("\f".join(first.values()), symbol="S/PRST/2099/3", date=None, source="scan")
    expected = statement_from_text("\n".join(lines), symbol="S/PRST/2099/3", date=None, source="fixture")
    assert imported["text"].tolist() == expected["text"].tolist()


def test_a_missing_or_unknown_engine_is_named_with_what_to_do(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "rapidocr", None)  # import rapidocr now fails as if not installed
    with pytest.raises(DataError, match=rf"scan\.pdf: --ocr needs RapidOCR \(the optional extra \[ocr\]\); install it with: {re.escape(RAPIDOCR_INSTALL_COMMAND)} "):
        check_engine("rapidocr", tmp_path / "scan.pdf")
    with pytest.raises(DataError, match=r"scan\.pdf: unknown OCR engine 'easyocr'; use one of: rapidocr, tesseract$"):
        check_engine("easyocr", tmp_path / "scan.pdf")
