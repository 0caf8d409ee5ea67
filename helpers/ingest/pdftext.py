"""Text of a UN PDF, and checks that bytes really are a whole PDF.

Two engines read the text layer. ``pypdfium2`` (PDFium, the default) is about ten times faster than ``pdfplumber``
(pdfminer, pure Python) and gives the same paragraph tables on the project's UN-layout fixtures, so imports use it;
``pdfplumber`` stays as the reference the benchmark (``benchmarks/bench_import.py``) and the tests compare it with.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import pairwise
from pathlib import Path

import pypdfium2

from helpers.errors import DataError

PDF_MAGIC = b"%PDF-"
_TAIL = 2048  # a PDF ends with %%EOF (possibly followed by a line break or a little padding)


@contextmanager
def quiet_logs(*names: str) -> Iterator[None]:
    """Silence the warnings of the named loggers for the duration (pdfminer reports every damaged object
    it skips, urllib3 every retry); the caller reports what matters in one line."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def pdf_problem(data: bytes) -> str | None:
    """Return what is wrong with bytes that should be a PDF (not a PDF, an HTML page, truncated), or None."""
    if not data.startswith(PDF_MAGIC):
        start = data[:200].lstrip().lower()
        what = "an HTML page" if start.startswith((b"<!doctype html", b"<html")) else "not a PDF"
        return f"{what} (it does not start with %PDF-)"
    if b"%%EOF" not in data[-_TAIL:]:
        return "a truncated PDF (no %%EOF at its end)"
    return None


def _lines_of_runs(runs: list[tuple[float, float, float, float, str]]) -> list[str]:
    """Assemble text runs ``(left, bottom, right, top, text)`` of one page into lines, top to bottom.

    Taller runs found the lines; a run joins the line whose height holds its vertical middle, so a superscript
    footnote marker stays on its line (决议1，) and two columns on one baseline make one line (安全理事会 Distr.:
    General). Within a line, runs go left to right, with a space where the gap between two runs is wider than a
    quarter of the taller one's height (a word space). Written
    here because PDFium's own line breaking (``get_text_range``) cuts a line at a superscript and can run the
    last line of text into the footnotes below it.
    """
    lines: list[list] = []  # [bottom, top, runs]
    for run in sorted(runs, key=lambda run: run[1] - run[3]):
        middle = (run[1] + run[3]) / 2
        line = next((line for line in lines if line[0] <= middle <= line[1]), None)
        if line is None:
            lines.append([run[1], run[3], [run]])
        else:
            line[2].append(run)
    out = []
    for _, _, members in sorted(lines, key=lambda line: -(line[0] + line[1])):
        members.sort(key=lambda run: run[0])
        text = members[0][4]
        for before, run in pairwise(members):
            gap = run[0] - before[2]
            text += (" " if gap > 0.25 * max(before[3] - before[1], run[3] - run[1]) else "") + run[4]
        out.append(text)
    return out


def pdfium_pages(path: Path) -> list[str]:
    """Return the text of each page of a PDF read with PDFium (pypdfium2): lines joined by newlines."""
    pages = []
    document = pypdfium2.PdfDocument(path)
    try:
        for page in document:
            textpage = page.get_textpage()
            runs = []
            for index in range(textpage.count_rects()):
                left, bottom, right, top = textpage.get_rect(index)
                if text := textpage.get_text_bounded(left, bottom, right, top).strip():
                    runs.append((left, bottom, right, top, text))
            textpage.close()
            page.close()
            pages.append("\n".join(_lines_of_runs(runs)))
    finally:
        document.close()
    return pages


def pdfplumber_pages(path: Path) -> list[str]:
    """Return the text of each page of a PDF read with pdfplumber (pdfminer): the reference engine."""
    import pdfplumber  # only the benchmark and the tests use it

    with quiet_logs("pdfminer"), pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


ENGINES: dict[str, Callable[[Path], list[str]]] = {"pypdfium2": pdfium_pages, "pdfplumber": pdfplumber_pages}


def pdf_text(path: str | os.PathLike[str], engine: str = "pypdfium2", *, require_text: bool = True) -> str:
    """Return the text of every page of a PDF, pages joined by a form feed, lines by newlines.

    ``engine``: "pypdfium2" (default) or "pdfplumber" (see ``ENGINES``). Raises DataError naming the file when
    it is missing, not a PDF, truncated or damaged, or (unless ``require_text`` is False) has no text (a
    scanned image).
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r}; use one of {', '.join(ENGINES)}")
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: file not found.")
    if (problem := pdf_problem(path.read_bytes())) is not None:
        raise DataError(f"{path}: {problem}; give a whole UN .pdf or a .txt file.")
    try:
        pages = ENGINES[engine](path)
    except Exception as error:  # the engines raise many types for damaged files; all mean the same here
        raise DataError(f"{path}: cannot read the PDF ({type(error).__name__}); it is damaged, get a fresh copy.") from None
    text = "\f".join(pages)
    if require_text and not text.strip():
        raise DataError(f"{path}: the PDF has no text layer (a scanned image?); give a PDF with text or a .txt file.")
    return text
