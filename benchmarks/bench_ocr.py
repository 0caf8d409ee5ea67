"""OCR benchmark (not a test): character accuracy of ``add --ocr`` on S/PRST/2021/1 drawn as a scanned PDF.

The shipped text of S/PRST/2021/1 is drawn line by line, in its UN line wrapping, on A4 pages at 300 dpi in
black and white with a UN-like cover, page headers and footers (``tests/scanned_pdfs.py``), saved as a PDF of
images only, and read back by the project's OCR path (pypdfium2 page images, the OCR engine, the cleaner) with each engine
in turn: RapidOCR (the default, ``--ocr-engine rapidocr``) and Tesseract chi_sim (``--ocr-engine tesseract``).
Two typefaces, both shipped by the pip package pylopdf-fonts-zh-cn: Noto Serif SC, a Song face like the one UN
Chinese documents are set in, and Noto Sans SC.

Printed per engine and typeface, measured side by side in one run:
- page accuracy: 1 − CER of the OCR text of the pages against all the text drawn on them (cover, headers and
  footers included), spaces and line breaks ignored (what the engine gets right);
- statement accuracy: 1 − CER of the paragraphs of the imported statement (joined by line breaks) against
  those of ``load_statement`` (what the analyses see: OCR plus cleaning), the rows found and the rows equal;
- seconds per page of OCR (wall clock, and CPU time with Tesseract's), and the characters most often misread;
then per typeface the ratios RapidOCR / Tesseract of the errors and of the seconds per page.
CER is the Levenshtein distance (rapidfuzz) divided by the length of the reference. Target: statement accuracy
of at least 99%. An engine that is not installed is named with its install command and left out.

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
    from helpers.ingest.ocr import (
        DEFAULT_OCR_ENGINE,
        OCR_DPI,
        OCR_ENGINES,
        OCR_LANGUAGE,
        check_engine,
        with_ocr,
    )
    from helpers.ingest.pdftext import pdf_text
    from helpers.ingest.registry import PROJECT_DATA

    engines = []
    for engine in OCR_ENGINES:
        try:
            check_engine(engine, "bench_ocr")
            engines.append(engine)
        except helpers.DataError as error:
            print(f"{engine} left out: {error}")
    raw = (PROJECT_DATA / "raw" / "S_PRST_2021_1.zh.txt").read_text(encoding="utf-8")
    layout = scanned_pdfs.page_layout(raw.splitlines(), "S/PRST/2021/1", "12 January 2021")
    drawn = re.sub(r"\s+", "", scanned_pdfs.drawn_text(layout))
    reference = helpers.load_statement()["text"].tolist()
    shipped = "\n".join(reference)
    print(f"Engines: {', '.join(engines)} (default: {DEFAULT_OCR_ENGINE}); {OCR_DPI} dpi; Tesseract model {OCR_LANGUAGE}; "
          f"S/PRST/2021/1: {len(drawn):,} characters drawn on {len(layout)} pages, {len(shipped):,} in its paragraphs")
    results = {}
    with tempfile.TemporaryDirectory(prefix="prst-bench-ocr-") as tmp:
        for font in args.fonts:
            path = Path(tmp) / f"scanned-{font}.pdf"
            typeface = scanned_pdfs.SERIF.with_name(font)
            path.write_bytes(scanned_pdfs.image_only_pdf(scanned_pdfs.scanned_pages(layout, typeface)))
            empty = pdf_text(path, require_text=False)
            for engine in engines:
                start, cpu = time.perf_counter(), _cpu_seconds()
                text, pages = with_ocr(path, empty, engine=engine)
                seconds = (time.perf_counter() - start) / len(pages)
                cpu_seconds = (_cpu_seconds() - cpu) / len(pages)
                table = helpers.statement_from_text(text, symbol="S/PRST/2021/1", date=None, source=str(path))
                statement = "\n".join(table["text"])
                equal = sum(a == b for a, b in zip(table["text"], reference, strict=False))
                page_accuracy = accuracy(re.sub(r"\s+", "", text), drawn)
                statement_accuracy = accuracy(statement, shipped)
                worst = ", ".join(f"{char if not char.isspace() else repr(char)} ×{n}"
                                  for char, n in misread(statement, shipped).most_common(5))
                print(f"{engine:9s} {font}: {len(pages)} pages, {seconds:.1f} s per page ({cpu_seconds:.1f} s CPU); "
                      f"page accuracy {page_accuracy:.2%}; statement accuracy {statement_accuracy:.2%} "
                      f"({len(table)} rows of {len(reference)}, {equal} equal); most misread: {worst or 'none'}", flush=True)
                results[engine, font] = (statement_accuracy, seconds)
    for font in args.fonts:
        if ("rapidocr", font) in results and ("tesseract", font) in results:
            (rapid, rapid_seconds), (tess, tess_seconds) = results["rapidocr", font], results["tesseract", font]
            errors = (1 - rapid) / (1 - tess) if tess < 1 else float("nan")
            print(f"{font}: RapidOCR / Tesseract: statement errors ×{errors:.2f}, seconds per page ×{rapid_seconds / tess_seconds:.2f}")
    for (engine, font), (value, _) in results.items():
        verdict = "meets" if value >= TARGET else "misses"
        default = " (default engine)" if engine == DEFAULT_OCR_ENGINE else ""
        print(f"target {TARGET:.0%} statement accuracy: {engine}{default} on {font} {verdict} it ({value:.2%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
