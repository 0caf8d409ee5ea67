"""OCR of scanned PDF pages (pages without a text layer), on 300 dpi page images: RapidOCR (default) or Tesseract.

The default engine is RapidOCR (pip package ``rapidocr`` on onnxruntime; its PP-OCRv6 Chinese detection and
recognition models ship inside the wheel, so it reads offline): on S/PRST/2021/1 drawn as an image-only PDF it
reads the paragraphs without an error (100.00%) in Noto Serif SC and Noto Sans SC, Tesseract 96.3% and 98.2%
(``benchmarks/bench_ocr.py``). RapidOCR is the optional extra ``ocr`` (``pip install "prst-zh[ocr]"``; the project's
own environment installs it). Tesseract stays as ``engine="tesseract"`` (``--ocr-engine tesseract``).

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
# 66666-66); wider detection boxes (unclip ratio 2.0, default 1.6) keep a paragraph's opening “ and brackets; a
# lower box threshold (0.3, default 0.5) keeps faint small marks, such as a closing ” alone after 。 at a line end.
RAPIDOCR_PARAMS = {"Global.use_cls": False, "Det.unclip_ratio": 2.0, "Det.box_thresh": 0.3, "Global.log_level": "warning"}
# rapidocr_text scales the page down as RapidOCR's pipeline does (its reduce_max_side, largest side 2000 px, about
# 170 dpi for A4), so a span it reads again is read at the scale of the boxes RapidOCR read itself.
RAPIDOCR_MAX_SIDE = 2000
# A span read again is widened to the right by this many line heights, so its last mark is not at the crop's edge.
RAPIDOCR_SPAN_MARGIN = 0.25
RAPIDOCR_TEXT_SCORE = 0.5  # RapidOCR's default: a box read alone with a lower score is left out
RAPIDOCR_INSTALL_COMMAND = 'pip install "prst-zh[ocr]"'
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
        raise DataError(f"{source}: --ocr needs RapidOCR (the optional extra [ocr]); install it with: "
                        f"{RAPIDOCR_INSTALL_COMMAND} (in a checkout: make env), or use --ocr-engine tesseract.") from None


@functools.cache
def _rapidocr():
    """The RapidOCR engine with the project's settings, loaded once (models from the wheel)."""
    from rapidocr import RapidOCR

    return RapidOCR(params=RAPIDOCR_PARAMS)


def _text_lines(boxes: list[tuple]) -> list[list[tuple]]:
    """Group ``(top, bottom, left, right, …)`` boxes into text lines, top to bottom, each left to right: boxes
    that overlap vertically by more than half the smaller height share a line."""
    lines: list[list[tuple]] = []
    for box in sorted(boxes, key=lambda box: ((box[0] + box[1]) / 2, box[2])):
        if lines:
            top, bottom = min(b[0] for b in lines[-1]), max(b[1] for b in lines[-1])
            if min(bottom, box[1]) - max(top, box[0]) > 0.5 * min(bottom - top, box[1] - box[0]):
                lines[-1].append(box)
                continue
        lines.append([box])
    return [sorted(line, key=lambda box: (box[2], box[3])) for line in lines]


def _line_spans(line: list[tuple]) -> list[list[tuple]]:
    """Split the boxes of one line, left to right, into spans: boxes less than the line's height apart share a
    span (two columns on one baseline stay apart)."""
    height = max(box[1] - box[0] for box in line)
    spans: list[list[tuple]] = []
    for box in line:
        if spans and box[2] - max(b[3] for b in spans[-1]) < height:
            spans[-1].append(box)
        else:
            spans.append([box])
    return spans


def rapidocr_text(image) -> str:
    """Return the text RapidOCR reads on a page image, one line per text line, top to bottom.

    RapidOCR gives boxes, not lines: boxes that overlap by more than half their height form a line, and boxes of
    a line less than a line height apart form a span. A span of one box is taken as RapidOCR read it (dropped
    when its score is under RAPIDOCR_TEXT_SCORE, RapidOCR's own filter); a span of several boxes is read again
    as one crop, so that a mark the detector boxed alone, such as a closing ” after 。 at a line end (read alone
    as 99, or dropped for its low score), is read in its line. Spans are joined by a space (two columns on one
    baseline, as Tesseract gives them). Written here because the library has no line grouping.
    """
    import numpy
    from rapidocr.utils.process_img import get_rotate_crop_image, reduce_max_side

    engine = _rapidocr()
    # Scaled down as RapidOCR's pipeline scales a page, so a span's crop is read at the size of the others.
    page = numpy.array(image.convert("RGB"))
    pixels, ratio_y, ratio_x = reduce_max_side(page, RAPIDOCR_MAX_SIDE)
    found = engine(pixels, use_det=True, use_cls=False, use_rec=True, text_score=0.0)
    if found.boxes is None or not len(found.boxes):
        return ""
    boxes = [(min(y for _, y in box), max(y for _, y in box), min(x for x, _ in box), max(x for x, _ in box), text, score)
             for box, text, score in zip(found.boxes.tolist(), found.txts, found.scores, strict=True)]
    text = ""
    for line in _text_lines(boxes):
        read = []
        for span in _line_spans(line):
            if len(span) == 1:
                if span[0][5] >= RAPIDOCR_TEXT_SCORE:
                    read.append(span[0][4])
                continue
            top, bottom = min(b[0] for b in span) * ratio_y, max(b[1] for b in span) * ratio_y
            left = span[0][2] * ratio_x
            right = min(max(b[3] for b in span) * ratio_x + RAPIDOCR_SPAN_MARGIN * (bottom - top), page.shape[1] - 1)
            corners = numpy.array([[left, top], [right, top], [right, bottom], [left, bottom]], dtype=numpy.float32)
            result = engine(get_rotate_crop_image(page, corners), use_det=False, use_cls=False, use_rec=True)
            read.append("".join(result.txts or ()))
        if read:
            text += " ".join(read) + "\n"
    return text


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
