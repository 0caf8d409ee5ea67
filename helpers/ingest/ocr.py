"""OCR of scanned PDF pages (pages without a text layer), on 300 dpi page images: RapidOCR (default) or Tesseract.

The default engine is RapidOCR (pip package ``rapidocr`` on onnxruntime; its PP-OCRv6 Chinese detection and
recognition models ship inside the wheel, so it reads offline): on S/PRST/2021/1 drawn as an image-only PDF it
reaches 99.95% character accuracy in both Noto Serif SC and Noto Sans SC, Tesseract 96.3% and 98.2%
(``benchmarks/bench_ocr.py``). Tesseract stays as ``engine="tesseract"``.

Pages are rendered with pypdfium2. With Tesseract they are read by the Tesseract program (Debian packages ``tesseract-ocr`` and
``tesseract-ocr-chi-sim``) through pytesseract, which finds the program, passes the image and reports a
missing program or model as an exception we can turn into one line; nothing of that is worth writing by hand.
The text it returns goes through the same cleaner as any extracted text.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from pathlib import Path

from helpers.errors import DataError

OCR_ENGINES = ("rapidocr", "tesseract")
DEFAULT_OCR_ENGINE = "rapidocr"
# Pages of a PDF come upright, so RapidOCR's 180° classifier is off (it turned the small footer 99-99999 into
# 66666-66); wider detection boxes (unclip ratio 2.0, default 1.6) keep a paragraph's opening “ and brackets.
RAPIDOCR_PARAMS = {"Global.use_cls": False, "Det.unclip_ratio": 2.0, "Global.log_level": "warning"}
RAPIDOCR_INSTALL_COMMAND = "pip install rapidocr==3.10.0 onnxruntime==1.32.0"
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
        "import it with --ocr (OCR), or give a .txt file."
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


def check_rapidocr(source: Path | str) -> None:
    """Raise DataError naming ``source`` unless RapidOCR and onnxruntime can be imported."""
    try:
        import onnxruntime  # noqa: F401
        from rapidocr import RapidOCR  # noqa: F401
    except ImportError:
        raise DataError(f"{source}: --ocr needs RapidOCR; install it with: {RAPIDOCR_INSTALL_COMMAND}") from None


@functools.cache
def _rapidocr():
    """The RapidOCR engine with the project's settings, loaded once (models from the wheel)."""
    from rapidocr import RapidOCR

    return RapidOCR(params=RAPIDOCR_PARAMS)


def rapidocr_text(image) -> str:
    """Return the text RapidOCR reads on a page image, one line per text line, top to bottom.

    RapidOCR gives boxes, not lines: boxes that overlap by more than half their height form one line, read
    left to right and joined by a space (two columns on one baseline, as Tesseract gives them). Written here
    because the library has no line grouping.
    """
    import numpy

    result = _rapidocr()(numpy.array(image.convert("RGB")))
    if result.boxes is None:
        return ""
    boxes = sorted(
        ((min(y for _, y in box), max(y for _, y in box), min(x for x, _ in box), text)
         for box, text in zip(result.boxes.tolist(), result.txts, strict=True)),
        key=lambda box: ((box[0] + box[1]) / 2, box[2]),
    )
    lines: list[list[tuple]] = []
    for box in boxes:
        if lines:
            top, bottom = min(b[0] for b in lines[-1]), max(b[1] for b in lines[-1])
            if min(bottom, box[1]) - max(top, box[0]) > 0.5 * min(bottom - top, box[1] - box[0]):
                lines[-1].append(box)
                continue
        lines.append([box])
    return "".join(" ".join(box[3] for box in sorted(line, key=lambda b: (b[2], b[3]))) + "\n" for line in lines)


def check_engine(engine: str, source: Path | str) -> None:
    """Raise DataError naming ``source`` unless the OCR ``engine`` (one of OCR_ENGINES) is installed."""
    if engine not in OCR_ENGINES:
        raise DataError(f"{source}: unknown OCR engine {engine!r}; use one of: {', '.join(OCR_ENGINES)}")
    (check_rapidocr if engine == "rapidocr" else check_tesseract)(source)


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


def ocr_pages(path: str | os.PathLike[str], pages: list[int], dpi: int = OCR_DPI,
              engine: str = DEFAULT_OCR_ENGINE) -> dict[int, str]:
    """Return ``{page number: text}`` read by ``engine`` (RapidOCR, or Tesseract chi_sim) from the given pages
    of a PDF rendered at ``dpi``.

    Raises DataError naming the file when the engine or its model is missing, or the page cannot be read.
    """
    import pytesseract

    path = Path(path)
    check_engine(engine, path)
    texts = {}
    try:
        for number, image in zip(pages, page_images(path, pages, dpi), strict=True):
            if engine == "rapidocr":
                texts[number] = fix_ocr_punctuation(rapidocr_text(image))
                continue
            text = pytesseract.image_to_string(image, lang=OCR_LANGUAGE, config=f"--dpi {dpi} --psm {OCR_PAGE_SEGMENTATION}")
            texts[number] = fix_ocr_punctuation(text)
    except pytesseract.TesseractError as error:
        raise DataError(f"{path}: Tesseract could not read a page ({error.message.strip() or error.status}).") from None
    return texts


def with_ocr(path: str | os.PathLike[str], text: str, dpi: int = OCR_DPI,
             engine: str = DEFAULT_OCR_ENGINE) -> tuple[str, list[int]]:
    """Return extracted PDF text with every page that has no text layer replaced by its OCR text, and the
    numbers of those pages (pages stay separated by a form feed)."""
    pages = text.split("\f")
    missing = pages_without_text(text)
    for number, page_text in ocr_pages(path, missing, dpi, engine).items():
        pages[number - 1] = page_text.rstrip("\n")
    return "\f".join(pages), missing
