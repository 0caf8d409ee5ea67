"""Import benchmark (not a test): PDF engines side by side, then 1,000 three-page PDFs imported end to end.

The PDFs are TEST FIXTURES drawn by ``tests/un_layout.py`` (UN Chinese page layout: cover block, running headers,
footers, footnotes with superscript markers; text made of 测试样例 fixture words, not UN text), generated into a
temporary folder and deleted afterwards; symbols S/PRST/9001/1 … (an impossible year, as in bench_scale.py).

1. Engines: each engine reads the same sample of PDFs, drawn with footnotes on most pages (a marker after about
   one word in ten; the PDFs imported end to end have one in fifty). The benchmark prints pages per second, how
   many of the paragraph tables are identical to the text drawn (paragraphs, footnotes and marker places), and
   the speed ratio to pdfplumber. Engines: PDFium through pypdfium2 with lines assembled by the project (the
   default of ``helpers.pdf_text``), pdfplumber (the former default), PDFium's own line breaking
   (``get_text_range``), and poppler's ``pdftotext`` in its default and ``-raw`` modes when the Debian binary is
   installed.
2. End to end: ``helpers.add_statement`` imports every PDF into one new corpus folder, as ``fetch`` does (one
   after the other: a corpus is written by one process at a time); the benchmark prints the total (wall and CPU
   seconds), the seconds spent reading PDFs, cleaning, and writing the corpus (raw files, checksum registry,
   statements.csv), and the time of the first and last hundred imports.

CPU seconds are printed beside wall seconds because on a shared machine the wall time also counts waiting for a
core. The fixtures use reportlab's built-in CID font STSong-Light, which is not embedded: PDFium maps it to a system
font for every document, so it reads them about three times slower than PDFs that embed their fonts, as UN PDFs do.

Run with ``make bench`` or ``.venv/bin/python benchmarks/bench_import.py`` (``--count 1000 --sample 40``).
Target: 1,000 PDFs imported in under 60 s on a 2-core machine. A benchmark, not a test: the figures depend on the
machine and its load.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the fixture generator lives with the tests

TARGET_COUNT, TARGET_SECONDS = 1000, 60
SYNTHETIC_YEAR = 9001


def synthetic_symbol(number: int) -> str:
    """Symbol of fixture statement ``number`` (1-based): 100 per (impossible) year from 9001."""
    return f"S/PRST/{SYNTHETIC_YEAR + (number - 1) // 100}/{(number - 1) % 100 + 1}"


def _draw(number: int, marker_rate: float = 0.02) -> tuple[bytes, list[str], list[tuple[int | None, str]], dict]:
    from un_layout import Cover, fixture_document, render

    cover = Cover(synthetic_symbol(number), f"99-{number:05d}", recycle=number % 2 == 0)
    document = fixture_document(random.Random(number), 3, cover, marker_rate=marker_rate)
    return render(document), document.expected_paragraphs, document.expected_notes, document.expected_markers


def generate(folder: Path, count: int, marker_rate: float) -> list[tuple[Path, list[str], list, dict]]:
    """Write ``count`` three-page fixture PDFs into ``folder``, with a footnote marker after about ``marker_rate``
    of the words; return (path, paragraphs, footnotes, markers) of each."""
    with multiprocessing.Pool(2) as pool:
        drawn = pool.starmap(_draw, [(number, marker_rate) for number in range(1, count + 1)], chunksize=20)
    folder.mkdir()
    fixtures = []
    for number, (pdf, paragraphs, notes, markers) in enumerate(drawn, start=1):
        path = folder / f"fixture_{number:04d}.pdf"
        path.write_bytes(pdf)
        fixtures.append((path, paragraphs, notes, markers))
    return fixtures


def engines() -> dict[str, Callable[[Path], str]]:
    """The engines compared: name -> function returning the text of a PDF (pages joined by form feeds)."""
    import pypdfium2

    from helpers.ingest.pdftext import pdf_text

    def pdfium_own_lines(path: Path) -> str:
        document = pypdfium2.PdfDocument(path)
        try:
            return "\f".join(page.get_textpage().get_text_range() for page in document)
        finally:
            document.close()

    found = {
        "pypdfium2 (default)": pdf_text,
        "pdfplumber": lambda path: pdf_text(path, engine="pdfplumber"),
        "pypdfium2 get_text_range": pdfium_own_lines,
    }
    if shutil.which("pdftotext"):
        def pdftotext(*options: str) -> Callable[[Path], str]:
            command = ["pdftotext", *options, "-enc", "UTF-8"]
            return lambda path: subprocess.run([*command, str(path), "-"], capture_output=True, text=True, check=True).stdout

        found["pdftotext"] = pdftotext()
        found["pdftotext -raw"] = pdftotext("-raw")
    return found


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (pdftotext runs as a child process)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def faithful(text: str, paragraphs: list[str], notes: list, markers: dict) -> bool:
    """Whether the paragraph table of extracted text is the text drawn: paragraphs, footnotes, marker places."""
    from helpers import DataError, statement_from_text

    try:
        table = statement_from_text(text, symbol="S/PRST/9001/1", date=None, source="fixture")
    except DataError:
        return False
    footnotes = table.attrs["footnotes"]
    return (
        table["text"].tolist() == paragraphs
        and [(note.number, note.text) for note in footnotes] == notes
        and {note.number: (note.para, note.offset) for note in footnotes if note.para is not None} == markers
    )


def compare_engines(fixtures: list) -> None:
    print(f"\nEngines on the same {len(fixtures)} PDFs ({3 * len(fixtures)} pages, footnotes on most pages), each read once:")
    print(f"{'engine':26s} {'s':>7s} {'CPU s':>7s} {'pages/s':>8s} {'identical tables':>17s} {'speed vs pdfplumber':>20s}")
    results = {}
    for name, read in engines().items():
        seconds, cpu, same = 0.0, 0.0, 0
        for path, paragraphs, notes, markers in fixtures:
            start, start_cpu = time.perf_counter(), cpu_seconds()
            text = read(path)
            seconds += time.perf_counter() - start
            cpu += cpu_seconds() - start_cpu
            same += faithful(text, paragraphs, notes, markers)
        results[name] = (seconds, cpu, same)
    reference = results["pdfplumber"][0]
    for name, (seconds, cpu, same) in results.items():
        pages = 3 * len(fixtures) / seconds
        print(f"{name:26s} {seconds:7.2f} {cpu:7.2f} {pages:8.1f} {same:>8d} of {len(fixtures):<6d} "
              f"{reference / seconds:19.1f}x")


def import_all(fixtures: list, corpus: Path) -> float:
    """Import every fixture with add_statement; print the time per stage. Returns the total seconds."""
    import helpers.ingest.corpus as corpus_module

    stages = {"read PDF": "pdf_text", "clean": "statement_from_text", "write corpus": "_commit"}
    spent = dict.fromkeys(stages, 0.0)
    for stage, name in stages.items():
        original = getattr(corpus_module, name)

        def timed(*args, _original=original, _stage=stage, **kwargs):
            start = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                spent[_stage] += time.perf_counter() - start

        setattr(corpus_module, name, timed)
    each = []
    start, start_cpu = time.perf_counter(), cpu_seconds()
    for path, *_ in fixtures:
        before = time.perf_counter()
        corpus_module.add_statement(path, corpus=corpus)
        each.append(time.perf_counter() - before)
    total, cpu = time.perf_counter() - start, cpu_seconds() - start_cpu
    print(f"\nEnd to end: {len(fixtures)} PDFs ({3 * len(fixtures)} pages) imported into one corpus in {total:.1f} s "
          f"({len(fixtures) / total:.1f} PDFs/s; {cpu:.1f} CPU s, one core):")
    for stage, seconds in spent.items():
        print(f"  {stage:13s} {seconds:7.1f} s  {100 * seconds / total:5.1f}%")
    other = total - sum(spent.values())
    print(f"  {'other':13s} {other:7.1f} s  {100 * other / total:5.1f}%  (statements.csv read, symbol and date checks)")
    hundred = min(100, len(each))
    print(f"  first {hundred} imports {sum(each[:hundred]):.1f} s, last {hundred} {sum(each[-hundred:]):.1f} s")
    return total


def check_corpus(fixtures: list, corpus: Path, sample: int = 20) -> None:
    from helpers import load_statement, read_metadata

    assert len(read_metadata(corpus)) == len(fixtures), "not every PDF was imported"
    for index in random.Random(0).sample(range(len(fixtures)), min(sample, len(fixtures))):
        assert load_statement(synthetic_symbol(index + 1), corpus)["text"].tolist() == fixtures[index][1]
    print(f"  checked: statements.csv has {len(fixtures)} rows; {min(sample, len(fixtures))} statements read back as drawn")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=TARGET_COUNT, help="PDFs imported end to end (default 1000)")
    parser.add_argument("--sample", type=int, default=40, help="PDFs read by every engine (default 40)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-import-") as folder:
        folder = Path(folder)
        start = time.perf_counter()
        sample = generate(folder / "sample", args.sample, marker_rate=0.1)
        fixtures = generate(folder / "pdf", args.count, marker_rate=0.02)
        print(f"generated {len(sample) + len(fixtures)} three-page fixture PDFs in {time.perf_counter() - start:.1f} s "
              f"(not timed below); load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        compare_engines(sample)
        total = import_all(fixtures, folder / "corpus")
        check_corpus(fixtures, folder / "corpus")
    if args.count == TARGET_COUNT:
        verdict = "met" if total < TARGET_SECONDS else "NOT met"
        print(f"target: {TARGET_COUNT} PDFs in under {TARGET_SECONDS} s on 2 cores: {verdict} ({total:.1f} s wall)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
