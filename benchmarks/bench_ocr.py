"""OCR benchmark (not a test): character accuracy of ``add --ocr`` on S/PRST/2021/1 drawn as a scanned PDF.

The shipped text of S/PRST/2021/1 is drawn line by line, in its UN line wrapping, on A4 pages at 300 dpi in
black and white with a UN-like cover, page headers and footers (``tests/scanned_pdfs.py``), saved as a PDF of
images only, and read back by the project's OCR path (pypdfium2 page images, Tesseract chi_sim, the cleaner).
Two typefaces, both shipped by the pip package pylopdf-fonts-zh-cn: Noto Serif SC, a Song face like the one UN
Chinese documents are set in, and Noto Sans SC.

Printed per typeface, measured in one run:
- page accuracy: 1 − CER of the OCR text of the pages against all the text drawn on them (cover, headers and
  footers included), spaces and line breaks ignored (what Tesseract gets right);
- statement accuracy: 1 − CER of the paragraphs of the imported statement (joined by line breaks) against
  those of ``load_statement`` (what the analyses see: OCR plus cleaning), the rows found and the rows equal;
- seconds per page of OCR (wall clock, and CPU time with Tesseract's), and the characters most often misread.
CER is the Levenshtein distance (rapidfuzz) divided by the length of the reference. Target: statement accuracy
of at least 99%. Needs Tesseract with chi_sim (``apt-get install tesseract-ocr tesseract-ocr-chi-sim``).

Run with ``make bench`` or ``.venv/bin/python benchmarks/bench_ocr.py``.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

TARGET = 0.99


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (Tesseract runs as a child process)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def accuracy(found: str, reference: str) -> float:
    """Return 1 − CER of ``found`` against ``reference``."""
    return 1 - Levenshtein.distance(found, reference) / len(reference)


def misread(found: str, reference: str) -> Counter[str]:
    """Return how often each reference character was replaced or dropped (from a character alignment)."""
    counts: Counter[str] = Counter()
    matcher = difflib.SequenceMatcher(None, reference, found, autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            counts.update(reference[i1:i2])
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fonts", nargs="+", default=["NotoSerifSC-Regular.otf", "NotoSansSC-Regular.otf"])
    args = parser.parse_args()

    import scanned_pdfs

    import helpers
    from helpers.ingest.ocr import OCR_DPI, OCR_LANGUAGE, check_tesseract, with_ocr
    from helpers.ingest.pdftext import pdf_text
    from helpers.ingest.registry import PROJECT_DATA

    try:
        check_tesseract("bench_ocr")
    except helpers.DataError as error:
        print(f"skipped: {error}")
        return 0
    import pytesseract

    raw = (PROJECT_DATA / "raw" / "S_PRST_2021_1.zh.txt").read_text(encoding="utf-8")
    layout = scanned_pdfs.page_layout(raw.splitlines(), "S/PRST/2021/1", "12 January 2021")
    drawn = re.sub(r"\s+", "", scanned_pdfs.drawn_text(layout))
    shipped = "\n".join(helpers.load_statement()["text"])
    print(f"Tesseract {pytesseract.get_tesseract_version()}, model {OCR_LANGUAGE}, {OCR_DPI} dpi; "
          f"S/PRST/2021/1: {len(drawn):,} characters drawn on {len(layout)} pages, {len(shipped):,} in its paragraphs")
    results = []
    with tempfile.TemporaryDirectory(prefix="prst-bench-ocr-") as tmp:
        for font in args.fonts:
            path = Path(tmp) / "scanned.pdf"
            typeface = scanned_pdfs.SERIF.with_name(font)
            path.write_bytes(scanned_pdfs.image_only_pdf(scanned_pdfs.scanned_pages(layout, typeface)))
            empty = pdf_text(path, require_text=False)
            start, cpu = time.perf_counter(), _cpu_seconds()
            text, pages = with_ocr(path, empty)
            seconds = (time.perf_counter() - start) / len(pages)
            cpu_seconds = (_cpu_seconds() - cpu) / len(pages)
            table = helpers.statement_from_text(text, symbol="S/PRST/2021/1", date=None, source=str(path))
            statement = "\n".join(table["text"])
            reference = helpers.load_statement()["text"].tolist()
            equal = sum(a == b for a, b in zip(table["text"], reference, strict=False))
            page_accuracy = accuracy(re.sub(r"\s+", "", text), drawn)
            statement_accuracy = accuracy(statement, shipped)
            worst = ", ".join(f"{char if not char.isspace() else repr(char)} ×{n}"
                              for char, n in misread(statement, shipped).most_common(5))
            print(f"{font}: {len(pages)} pages, {seconds:.1f} s per page ({cpu_seconds:.1f} s CPU, Tesseract included); "
                  f"page accuracy {page_accuracy:.2%}; "
                  f"statement accuracy {statement_accuracy:.2%} ({len(table)} rows of {len(reference)}, "
                  f"{equal} equal); most misread: {worst}")
            results.append((font, statement_accuracy))
    for font, value in results:
        verdict = "meets" if value >= TARGET else "misses"
        print(f"target {TARGET:.0%} statement accuracy: {font} {verdict} it ({value:.2%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
