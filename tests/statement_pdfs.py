"""Render statements to PDFs laid out like UN documents, for the import and download tests.

reportlab cannot embed the Noto Sans SC OpenType (CFF) font, so the Chinese text uses reportlab's built-in
CID font STSong-Light (Adobe-GB1, not embedded), whose text pdfplumber maps back to Unicode.
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

CJK = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(CJK))
WIDTH, HEIGHT = A4
LINE = 22
TOP = HEIGHT - 90
BOTTOM = 100

# A short statement written for these tests (a test fixture, not UN text), already wrapped into lines
# of at most 30 characters as in a UN PDF. Format with symbol-specific values: {date} {meeting} {n}.
FIXTURE_LINES = [
    "安全理事会主席声明",
    "{date}，在安全理事会第{meeting}次会议上，安全理事会主席就安理会",
    "审议的题为“测试夹具议题{n}”的项目，代表安理会发表声明如下：",
    "“安全理事会重申，本段是为软件测试编写的夹具文本第{n}号，不是联合",
    "国文本，只用于检查导入和下载。",
    "“安全理事会强调，测试夹具的段落应当在导入之后保持原样。”",
]


def fixture_lines(n: int, date: str = "2099年1月2日", meeting: int = 9999) -> list[str]:
    """Return the lines of test fixture statement number ``n``."""
    return [line.format(date=date, meeting=meeting, n=n) for line in FIXTURE_LINES]


def render_pdf(lines: list[str], symbol: str, english_date: str, job: str = "99-99999 (C)", per_page: int = 26) -> bytes:
    """Return PDF bytes: a UN-like cover block (联合国, symbol, 安全理事会, distribution, date, language),
    the lines wrapped as given (paragraphs indented), a page header with the symbol from page 2 on, and
    a footer with the job number and page marker n/N on every page. URL lines are set as footnotes."""
    body = [line.strip() for line in lines if line.strip()]
    first_page = per_page - 4
    pages = [body[:first_page]] + [body[i : i + per_page] for i in range(first_page, len(body), per_page)]
    pages = [page for page in pages if page] or [[]]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    for number, page in enumerate(pages, start=1):
        if number == 1:
            pdf.setFont(CJK, 16)
            pdf.drawString(72, HEIGHT - 60, "联合国")
            pdf.setFont("Helvetica-Bold", 14)
            pdf.drawRightString(WIDTH - 72, HEIGHT - 60, symbol)
            pdf.setFont(CJK, 18)
            pdf.drawString(72, HEIGHT - 100, "安全理事会")
            pdf.setFont("Helvetica", 9)
            for row, text in enumerate(["Distr.: General", english_date, "Chinese", "Original: English"]):
                pdf.drawString(WIDTH - 180, HEIGHT - 125 - 11 * row, text)
            y = TOP - 4 * LINE
        else:
            pdf.setFont("Helvetica-Bold", 9)
            pdf.drawString(72, HEIGHT - 50, symbol)
            y = TOP
        for line in page:
            if line.startswith("http"):
                pdf.setFont("Helvetica", 7)
                pdf.drawString(72, y, line)
            else:
                pdf.setFont(CJK, 12)
                pdf.drawString(96 if line.startswith("“") else 72, y, line)
            y -= LINE
        pdf.setFont("Helvetica", 8)
        pdf.drawString(72, 56, job)
        pdf.drawRightString(WIDTH - 72, 40, f"{number}/{len(pages)}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def blank_pdf() -> bytes:
    """Return a one-page PDF with no text at all (like a scanned page without OCR)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.rect(72, 72, 200, 200)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
