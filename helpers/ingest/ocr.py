"""OCR of scanned PDF pages (pages without a text layer): Tesseract, model chi_sim, on 300 dpi page images.

Pages are rendered with pypdfium2 and read by the Tesseract program (Debian packages ``tesseract-ocr`` and
``tesseract-ocr-chi-sim``) through pytesseract, which finds the program, passes the image and reports a
missing program or model as an exception we can turn into one line; nothing of that is worth writing by hand.
The text it returns goes through the same cleaner as any extracted text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from helpers.errors import DataError

OCR_LANGUAGE = "chi_sim"
OCR_DPI = 300
OCR_PAGE_SEGMENTATION = 6
INSTALL_COMMAND = "apt-get install tesseract-ocr tesseract-ocr-chi-sim"
_CJK = r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef“”‘’]"
# Tesseract's chi_sim model gives ASCII , : ; ! ? where Chinese text has ，：；！？ (always full width in UN
# Chinese after or before a Han character); brackets and quotes are left as read.
_ASCII_PUNCTUATION = re.compile(rf"(?<={_CJK})[ \t]*([,:;!?])[ \t]*|[ \t]*([,:;!?])[ \t]*(?={_CJK})")
_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}


def pages_without_text(text: str) -> list[int]:
    """Return the numbers (1-based) of the pages of extracted PDF text (pages separated by a form feed)
    that hold no text at all."""
    return [number for number, page in enumerate(text.split("\f"), start=1) if not page.strip()]


def describe_pages(pages: list[int], total: int) -> str:
    """Return "page 2 of 3", "pages 1–3 of 3" or "pages 1, 3 and 5 of 6" for sorted page numbers."""
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    parts = [str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"{'page' if len(pages) == 1 else 'pages'} {listed} of {total}"


def scanned_pages_error(path: Path, pages: list[int], total: int) -> DataError:
    """Return the one-line refusal of a PDF whose ``pages`` have no text layer."""
    verb = "has" if len(pages) == 1 else "have"
    return DataError(
        f"{path}: {describe_pages(pages, total)} {verb} no text layer (a scanned image); "
        "import it with --ocr (Tesseract OCR), or give a .txt file."
    )


def check_tesseract(source: Path | str) -> None:
    """Raise DataError naming ``source`` unless the tesseract program and its chi_sim model are installed."""
    import pytesseract

    try:
        languages = pytesseract.get_languages(config="")
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError):
        languages = None
    if languages is None:
        raise DataError(f"{source}: --ocr needs the Tesseract OCR program; install it with: {INSTALL_COMMAND}")
    if OCR_LANGUAGE not in languages:
        raise DataError(f"{source}: --ocr needs Tesseract's {OCR_LANGUAGE} model; install it with: {INSTALL_COMMAND}")


def page_images(path: str | os.PathLike[str], pages: list[int], dpi: int = OCR_DPI) -> Iterator:
    """Yield a greyscale PIL image of each page (1-based numbers) of a PDF, rendered at ``dpi`` by pypdfium2."""
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        for number in pages:
            page = document[number - 1]
            try:
                yield page.render(scale=dpi / 72, grayscale=True).to_pil()
            finally:
                page.close()
    finally:
        document.close()


def fix_ocr_punctuation(text: str) -> str:
    """Return OCR text with ASCII , : ; ! ? beside Chinese characters made full width (，：；！？)."""
    return _ASCII_PUNCTUATION.sub(lambda match: _FULL_WIDTH[match.group(1) or match.group(2)], text)


def ocr_pages(path: str | os.PathLike[str], pages: list[int], dpi: int = OCR_DPI) -> dict[int, str]:
    """Return ``{page number: text}`` read by Tesseract (chi_sim, ``dpi``) from the given pages of a PDF.

    Raises DataError naming the file when Tesseract or its model is missing, or the page cannot be read.
    """
    import pytesseract

    path = Path(path)
    check_tesseract(path)
    texts = {}
    try:
        for number, image in zip(pages, page_images(path, pages, dpi), strict=True):
            text = pytesseract.image_to_string(image, lang=OCR_LANGUAGE, config=f"--dpi {dpi} --psm {OCR_PAGE_SEGMENTATION}")
            texts[number] = fix_ocr_punctuation(text)
    except pytesseract.TesseractError as error:
        raise DataError(f"{path}: Tesseract could not read a page ({error.message.strip() or error.status}).") from None
    return texts


def with_ocr(path: str | os.PathLike[str], text: str, dpi: int = OCR_DPI) -> tuple[str, list[int]]:
    """Return extracted PDF text with every page that has no text layer replaced by its OCR text, and the
    numbers of those pages (pages stay separated by a form feed)."""
    pages = text.split("\f")
    missing = pages_without_text(text)
    for number, page_text in ocr_pages(path, missing, dpi).items():
        pages[number - 1] = page_text.rstrip("\n")
    return "\f".join(pages), missing
