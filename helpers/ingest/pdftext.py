"""Text of a UN PDF, extracted with pdfplumber, and checks that bytes really are a whole PDF."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pdfplumber

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


def pdf_text(path: str | os.PathLike[str], *, require_text: bool = True) -> str:
    """Return the text of every page of a PDF, pages joined by a form feed, lines by newlines.

    Raises DataError naming the file when it is missing, not a PDF, truncated or damaged, or (unless
    ``require_text`` is False) has no text (a scanned image).
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: file not found.")
    if (problem := pdf_problem(path.read_bytes())) is not None:
        raise DataError(f"{path}: {problem}; give a whole UN .pdf or a .txt file.")
    try:
        with quiet_logs("pdfminer"), pdfplumber.open(path) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except Exception as error:  # pdfminer raises many types for damaged files; all mean the same here
        raise DataError(f"{path}: cannot read the PDF ({type(error).__name__}); it is damaged, get a fresh copy.") from None
    text = "\f".join(pages)
    if require_text and not text.strip():
        raise DataError(f"{path}: the PDF has no text layer (a scanned image?); give a PDF with text or a .txt file.")
    return text
