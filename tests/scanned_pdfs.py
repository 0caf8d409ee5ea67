"""Scanned statements for the OCR tests and benchmark: image-only PDFs, pages drawn as 300 dpi bitmaps.

reportlab's PDFs name a CJK font they do not embed, which pdfium cannot draw without a system font, so the
pages are drawn here with Pillow in Noto Serif SC (a Song typeface like the UN's; SIL OFL 1.1, shipped by the
pip package pylopdf-fonts-zh-cn), thresholded to black and white as a scanner would, and saved as a PDF of
images only: no text layer, like a statement of the 1990s.
"""

from __future__ import annotations

import io
from pathlib import Path

import pylopdf_fonts_zh_cn
from PIL import Image, ImageDraw, ImageFont

DPI = 300
A4_POINTS = (595, 842)
SERIF = Path(pylopdf_fonts_zh_cn.__file__).with_name("NotoSerifSC-Regular.otf")
# One piece of text on a page: x, y (points from the top left), size (points), text, anchor ("la" left, "ra" right).
Piece = tuple[float, float, float, str, str]


def page_layout(lines: list[str], symbol: str, english_date: str, job: str = "99-99999 (C)",
                per_page: int = 30) -> list[list[Piece]]:
    """Return what each page shows, in reading order: the cover block (联合国 and the symbol, 安全理事会,
    distribution, English date, language), the lines as given (a line opening with “ indented), the symbol as
    page header from page 2 on, and the job number and page marker n/N at the foot of every page."""
    width, height = A4_POINTS
    body = [line.strip() for line in lines if line.strip()]
    first = per_page - 4
    chunks = [body[:first]] + [body[i : i + per_page] for i in range(first, len(body), per_page)]
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        if number == 1:
            pieces = [(72, 50, 16, "联合国", "la"), (width - 72, 50, 14, symbol, "ra"), (72, 88, 18, "安全理事会", "la")]
            pieces += [(width - 180, 118 + 11 * row, 9, text, "la")
                       for row, text in enumerate(["Distr.: General", english_date, "Chinese", "Original: English"])]
            y = 200
        else:
            pieces, y = [(72, 40, 9, symbol, "la")], 90
        for line in chunk:
            pieces.append((96 if line.startswith("“") else 72, y, 12, line, "la"))
            y += 22
        pieces += [(72, height - 66, 8, job, "la"), (width - 72, height - 50, 8, f"{number}/{len(chunks)}", "ra")]
        pages.append(pieces)
    return pages


def drawn_text(pages: list[list[Piece]]) -> str:
    """Return every piece of text the pages show, one per line, in reading order."""
    return "\n".join(piece[3] for page in pages for piece in page)


def scanned_pages(pages: list[list[Piece]], typeface: Path = SERIF) -> list[Image.Image]:
    """Return the pages drawn in ``typeface`` at 300 dpi, thresholded to black and white."""
    scale = DPI / 72
    images = []
    for pieces in pages:
        image = Image.new("L", (round(A4_POINTS[0] * scale), round(A4_POINTS[1] * scale)), 255)
        draw = ImageDraw.Draw(image)
        for x, y, size, text, anchor in pieces:
            font = ImageFont.truetype(str(typeface), round(size * scale))
            draw.text((x * scale, y * scale), text, font=font, fill=0, anchor=anchor)
        images.append(image.point(lambda value: 255 if value > 160 else 0, mode="1"))
    return images


def image_only_pdf(images: list[Image.Image]) -> bytes:
    """Return a PDF holding the page images and nothing else (no text layer)."""
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", resolution=DPI, save_all=True, append_images=images[1:])
    return buffer.getvalue()


def scanned_pdf(lines: list[str], symbol: str, english_date: str, typeface: Path = SERIF, **layout) -> bytes:
    """Return an image-only PDF of the statement ``lines`` (see ``page_layout``) drawn in ``typeface``."""
    return image_only_pdf(scanned_pages(page_layout(lines, symbol, english_date, **layout), typeface))
