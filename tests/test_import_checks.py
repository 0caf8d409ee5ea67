"""Checks on import: the chapeau against the index, a bound on size, the statements.csv schema, --dry-run,
and every refusal of add/fetch: one line naming the file and what to do, the corpus byte-identical."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from scanned_pdfs import scanned_pdf
from snapshots import snapshot
from statement_pdfs import fixture_lines

import helpers.ingest.corpus
from helpers import DataError, add_statement, load_corpus, read_metadata
from helpers.ingest.corpus import LEGACY_METADATA_COLUMNS, METADATA_COLUMNS, index_mismatch
from helpers.tools.cli import main

BRIEF_EXAMPLE = (
    r"other\.txt: the chapeau gives 2003-10-16 and meeting S/PV\.4843, the index lists S/PRST/2021/1 on 2021-01-12 "
    r"without a meeting; check the file and --symbol, or pass --force to import it anyway"
)


def fixture(path: Path, n: int = 1, date: str = "2003年10月16日", meeting: int = 4843) -> Path:
    """Write test fixture statement ``n`` (statement_pdfs.FIXTURE_LINES, not UN text) with a given chapeau."""
    path.write_text("\n".join(fixture_lines(n, date=date, meeting=meeting)) + "\n", encoding="utf-8")
    return path


def test_a_chapeau_that_contradicts_the_index_is_refused_naming_both(tmp_path):
    other = fixture(tmp_path / "other.txt")
    with pytest.raises(DataError, match=BRIEF_EXAMPLE):
        add_statement(other, symbol="S/PRST/2021/1", corpus=tmp_path / "corpus")
    assert not (tmp_path / "corpus").exists()
    with pytest.raises(DataError, match=r"the chapeau gives 2003-10-16 and meeting S/PV\.4843, the index lists "
                                        r"S/PRST/2002/10 on 2002-04-15 at meeting S/PV\.4513;"):
        add_statement(other, symbol="S/PRST/2002/10", corpus=tmp_path / "corpus")
    same_day = fixture(tmp_path / "same-day.txt", date="2002年4月15日", meeting=4514)  # right date, wrong meeting
    with pytest.raises(DataError, match=r"gives 2002-04-15 and meeting S/PV\.4514, the index lists S/PRST/2002/10 on "
                                        r"2002-04-15 at meeting S/PV\.4513"):
        add_statement(same_day, symbol="S/PRST/2002/10", corpus=tmp_path / "corpus")
    assert not (tmp_path / "corpus").exists()


def test_force_imports_a_mismatch_knowingly_and_the_document_keeps_its_own_facts(data_copy, tmp_path):
    other = fixture(tmp_path / "other.txt")
    row = add_statement(other, symbol="S/PRST/2002/10", corpus=data_copy, force=True)
    assert row["index_check"] == ("forced: the chapeau gives 2003-10-16 and meeting S/PV.4843, the index lists "
                                  "S/PRST/2002/10 on 2002-04-15 at meeting S/PV.4513")
    assert read_metadata(data_copy).set_index("symbol").loc["S/PRST/2002/10", "index_check"] == row["index_check"]
    statement = load_corpus(data_copy).query("symbol == 'S/PRST/2002/10'")
    assert set(statement["date"]) == {pd.Timestamp("2003-10-16")}
    assert set(statement["meeting"]) == {"S/PV.4843"}  # the chapeau's, not the index's S/PV.4513
    assert set(statement["topic"]) == {"terrorism"}  # what the document does not say still comes from the index


def test_facts_that_agree_with_the_index_are_accepted(tmp_path):
    agreeing = fixture(tmp_path / "agreeing.txt", date="2003年4月4日", meeting=4734)  # index: S/PV.4734 (Resumption 1)+Corr.2
    row = add_statement(agreeing, symbol="S/PRST/2003/3", corpus=tmp_path / "corpus")
    assert row["index_check"] == "" and row["meeting"] == "S/PV.4734"
    assert index_mismatch("S/PRST/2003/3", "2003-04-04", "") == ""  # no meeting in the chapeau: nothing to compare
    assert index_mismatch("S/PRST/2099/1", "2003-04-04", "S/PV.1") == ""  # not in the index: its chapeau is believed
    assert index_mismatch("S/PRST/2021/1", "2021-01-12", "S/PV.8000") != ""  # the index lists no meeting


def test_a_date_given_on_the_command_line_is_checked_too(tmp_path):
    undated = tmp_path / "undated.txt"
    lines = fixture_lines(3)
    lines[1] = "安全理事会主席代表安理会发表声明如下："
    del lines[2]
    undated.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DataError, match=r"undated\.txt: --date gives 2003-01-01 and the chapeau no meeting, the index "
                                        r"lists S/PRST/2002/10 on 2002-04-15"):
        add_statement(undated, symbol="S/PRST/2002/10", corpus=tmp_path / "corpus", date="2003-01-01")


def test_a_text_over_the_bound_is_refused_with_its_size(tmp_path, capsys):
    big = tmp_path / "big.txt"
    lines = fixture_lines(1, date="2099年1月2日", meeting=9999)
    padding = "“安全理事会重申，本段是为测试大小上限而重复的夹具文本。\n" * 3500  # test fixture, not UN text
    big.write_text("\n".join(lines) + "\n" + padding, encoding="utf-8")
    size = len(big.read_text(encoding="utf-8"))
    assert size > 100_000
    corpus = tmp_path / "corpus"
    assert main(["add", str(big), "--symbol", "S/PRST/2099/1", "--corpus", str(corpus)]) == 2
    err = capsys.readouterr().err
    assert err == (f"error: {big}: the text has {size:,} characters, over the bound of 100,000 for one statement; "
                   f"check that it is one statement, or pass --max-chars {size} to raise the bound\n")
    assert not corpus.exists()
    assert main(["add", str(big), "--symbol", "S/PRST/2099/1", "--corpus", str(corpus), "--max-chars", str(size)]) == 0
    assert load_corpus(corpus)["para"].max() == 3502


def test_statements_csv_has_the_new_columns_and_an_old_one_still_loads(data_copy, tmp_path):
    assert pd.read_csv(data_copy / "statements.csv", dtype=str).columns.tolist() == METADATA_COLUMNS
    old = pd.read_csv(data_copy / "statements.csv", dtype=str, keep_default_na=False)[LEGACY_METADATA_COLUMNS]
    old.to_csv(data_copy / "statements.csv", index=False, lineterminator="\n")
    shutil.copy(data_copy / "raw" / "S_PRST_2021_1.zh.txt", tmp_path / "kept.txt")
    metadata = read_metadata(data_copy)
    assert metadata.columns.tolist() == METADATA_COLUMNS
    assert metadata[["script", "extraction", "index_check"]].values.tolist() == [["zh-Hans", "txt", ""]]
    pd.testing.assert_frame_equal(load_corpus(data_copy), load_corpus())
    add_statement(fixture(tmp_path / "f.txt", date="2099年1月2日", meeting=9999), symbol="S/PRST/2099/1", corpus=data_copy)
    written = pd.read_csv(data_copy / "statements.csv", dtype=str, keep_default_na=False)
    assert written.columns.tolist() == METADATA_COLUMNS
    assert written["script"].tolist() == ["zh-Hans", "zh-Hans"]


def test_an_old_statements_csv_with_a_pdf_beside_the_text_says_pdf(tmp_path):
    corpus = tmp_path / "corpus"
    add_statement(fixture(tmp_path / "f.txt", date="2099年1月2日", meeting=9999), symbol="S/PRST/2099/1", corpus=corpus)
    (corpus / "raw" / "S_PRST_2099_1.zh.pdf").write_bytes(b"%PDF-1.4 test fixture\n%%EOF\n")
    table = pd.read_csv(corpus / "statements.csv", dtype=str, keep_default_na=False)[LEGACY_METADATA_COLUMNS]
    table.to_csv(corpus / "statements.csv", index=False, lineterminator="\n")
    assert read_metadata(corpus)["extraction"].tolist() == ["pdf"]


def test_dry_run_prints_what_it_would_import_and_writes_nothing(data_copy, tmp_path, capsys):
    source = tmp_path / "preview.txt"
    lines = fixture_lines(7, date="2099年1月2日", meeting=9999)
    first = next(i for i, line in enumerate(lines) if line.startswith("“安全理事会重申"))  # 0-based
    lines[first] = lines[first].replace("重申", "重申⼀切")  # ⼀ U+2F00, a Kangxi radical
    lines.insert(first + 1, "S/PRST/2099/7")  # page header
    lines.insert(first + 2, "2/3")  # page number
    source.write_text("\n".join(lines), encoding="utf-8")
    for corpus in (data_copy, tmp_path / "not-yet"):
        before = snapshot(corpus)
        assert main(["add", "--dry-run", str(source), "--symbol", "S/PRST/2099/7", "--corpus", str(corpus)]) == 0
        assert snapshot(corpus) == before
    assert not (tmp_path / "not-yet").exists()
    out = capsys.readouterr().out
    assert f"{source}: would add S/PRST/2099/7 to {tmp_path / 'not-yet'} (dry run: nothing written)" in out
    assert "paragraph table (3 rows):" in out
    assert "   1  operative       " in out and "重申      “安全理事会重申一切，本段" in out
    assert "removed lines (2):\n  page_marker: 2/3\n  symbol_header: S/PRST/2099/7\n" in out  # by kind
    assert f"Unicode changes (1):\n  line {first + 1}, column 9: kangxi_radical '⼀' -> '一'" in out
    assert "  script: zh-Hans\n  extraction: txt\n  index_check: \n" in out


def refusals(tmp_path: Path) -> list[tuple[list[str], str]]:
    """Command lines that must be refused, and what the one line must say (a regular expression)."""
    other = fixture(tmp_path / "other.txt")
    big = tmp_path / "big.txt"
    big.write_text("\n".join(fixture_lines(2)) + "\n" + "“安全理事会重申，测试夹具。\n" * 20, encoding="utf-8")
    scanned = tmp_path / "scanned.pdf"
    scanned.write_bytes(scanned_pdf(fixture_lines(3), "S/PRST/2099/3", "2 January 2099", per_page=6))
    return [
        (["add", str(other), "--symbol", "S/PRST/2002/10"], r"other\.txt: .* pass --force"),
        (["add", str(big), "--symbol", "S/PRST/2099/2", "--max-chars", "300"], r"big\.txt: the text has .* --max-chars"),
        (["add", str(scanned)], r"scanned\.pdf: pages 1–2 of 2 have no text layer .*--ocr"),
        (["add", str(other), "--symbol", "S/PRST/2002/10", "--dry-run"], r"other\.txt: .* pass --force"),
    ]


@pytest.mark.parametrize("case", range(4))
def test_every_refusal_is_one_line_and_leaves_the_corpus_byte_identical(data_copy, tmp_path, capsys, case):
    command, message = refusals(tmp_path)[case]
    for corpus in (data_copy, tmp_path / "not-yet"):
        before = snapshot(corpus)
        assert main([*command, "--corpus", str(corpus)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("error: "), err
        assert re.search(message, err), err
        assert snapshot(corpus) == before
    assert not (tmp_path / "not-yet").exists()


def test_ocr_without_tesseract_is_one_line_with_the_install_command(data_copy, tmp_path, capsys, monkeypatch):
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-tesseract-here"))
    scanned = tmp_path / "scanned.pdf"
    scanned.write_bytes(scanned_pdf(fixture_lines(3), "S/PRST/2099/3", "2 January 2099"))
    before = snapshot(data_copy)
    assert main(["add", str(scanned), "--ocr-engine", "tesseract", "--corpus", str(data_copy)]) == 2
    assert capsys.readouterr().err == (
        f"error: {scanned}: --ocr needs the Tesseract OCR program; install it with: "
        "apt-get install tesseract-ocr tesseract-ocr-chi-sim\n"
    )
    assert snapshot(data_copy) == before


def test_a_failed_write_after_the_checks_is_still_undone(data_copy, tmp_path, monkeypatch):
    before = snapshot(data_copy)
    real = helpers.ingest.corpus.write_atomic

    def failing(path, data):
        if path.name == "statements.csv":
            raise OSError("disk full (simulated)")
        real(path, data)

    monkeypatch.setattr(helpers.ingest.corpus, "write_atomic", failing)
    with pytest.raises(DataError, match=r"cannot write to this corpus folder \(disk full \(simulated\)\)"):
        add_statement(fixture(tmp_path / "other.txt"), symbol="S/PRST/2002/10", corpus=data_copy, force=True)
    assert snapshot(data_copy) == before
