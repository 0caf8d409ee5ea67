"""Test fixtures: resolutions (and statements that cite them) laid out like UN Chinese documents, as PDFs
and as the plain text that extraction gives.

Every text here is written for the tests (测试样例, "test fixture"), never UN text; only symbols, dates and
meeting numbers, which are facts, may be real. The layout follows UN Chinese resolutions: on the cover
``联合国`` and the symbol on one baseline, ``安全理事会`` and ``Distr.: General`` on one baseline (so extraction
gives ``安全理事会 Distr.: General`` as one line), then the English date, ``Chinese``, ``Original: English``;
the title ``第N(YYYY)号决议``, the adoption line, ``安全理事会，``, then paragraphs wrapped at a fixed number of
characters with a two-character indent on each first line; operative numbers ``1.`` and sub-paragraph letters
``(a)`` before the text, after a tab, or on a line of their own (``number_style``). Pages 2 on carry the
symbol as a header; every page a footer with the job number and the page marker (on two baselines, as the
statement fixtures of statement_pdfs.py draw them).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

CJK = "STSong-Light"  # reportlab's built-in CID font (not embedded); pdfplumber maps it back to Unicode
pdfmetrics.registerFont(UnicodeCIDFont(CJK))
WIDTH, HEIGHT = A4
LINE = 20
CHAR = 12  # points per character at 12 pt
NUMBER_STYLES = ("space", "tab", "alone")
_LATIN = re.compile(r"[A-Za-z0-9/.()]")


@dataclass(frozen=True)
class Paragraph:
    """One row of the paragraph table a fixture must import to: kind, number as printed (None if none), text."""

    kind: str
    number: str | None
    text: str


# A resolution written for the tests (测试样例), not UN text. No comma inside a preambular paragraph is
# followed by a verb that opens paragraphs, so a paragraph boundary is never ambiguous whatever the wrap width.
FIXTURE_BODY = [
    Paragraph("preambular", None, "重申本测试样例决议只用于检查导入程序，其中的文字是为软件测试编写的，不是联合国文本，"),
    Paragraph("preambular", None, "又回顾其第9900(2098)号决议和S/2099/100号文件所述的测试样例，"),
    Paragraph("preambular", None, "深为关切测试样例的段落在导入时可能被合并，或者在换行处被错误地拆分，"),
    Paragraph("preambular", None, "认识到每个测试样例都应当覆盖序言部分段落、执行部分段落和分段，"),
    Paragraph("preambular", None, "根据《测试样例宪章》第七章采取行动，"),
    Paragraph("operative", "1", "决定所有测试样例应当："),
    Paragraph("sub", "(a)", "保持每个执行部分段落的编号，包括单独成行的编号；"),
    Paragraph("sub", "(b)", "保持每个分段的字母；"),
    Paragraph("operative", "2", "吁请测试样例的读者注意，这些段落是为检查导入程序而编写的，并不是联合国文本，"
                                "也不能作为联合国文本引用；"),
    Paragraph("operative", "3", "决定继续积极处理此案。"),
]
SUBJECT = Paragraph("chapeau", None, "安全理事会，")


def title(symbol: str) -> str:
    """第N(YYYY)号决议 for S/RES/N(YYYY)."""
    number, year = symbol.removeprefix("S/RES/").rstrip(")").split("(")
    return f"第{number}({year})号决议"


def adoption_line(date_zh: str, meeting: int | None) -> str:
    """2001年9月28日安全理事会第4385次会议通过 (without 第…次会议 when there was no meeting)."""
    return f"{date_zh}安全理事会{f'第{meeting}次会议' if meeting else ''}通过"


@dataclass(frozen=True)
class Line:
    """A printed line: an optional paragraph number, its text, and whether it is a paragraph's first line."""

    text: str
    number: str | None = None
    first: bool = False


def wrap(paragraphs: list[Paragraph], width: int) -> list[Line]:
    """Wrap paragraphs into lines of ``width`` characters, the first line of each two characters shorter
    (the indent), the number before it. As in print, a run of Latin letters and digits (a symbol such as
    S/PRST/2099/1, a number) is not broken: the line ends before it."""
    lines = []
    for paragraph in paragraphs:
        text, first = paragraph.text, True
        while text or first:
            size = width - 2 if first else width
            start = size
            while 0 < start < len(text) and _LATIN.match(text[start - 1]) and _LATIN.match(text[start]):
                start -= 1
            size = start or size
            lines.append(Line(text[:size], paragraph.number if first else None, first))
            text, first = text[size:], False
    return lines


def resolution_lines(symbol: str, date_zh: str, meeting: int | None, body: list[Paragraph], width: int) -> list[Line]:
    """The printed lines of a fixture resolution after its cover: title, adoption line, then the body."""
    return [Line(title(symbol)), Line(adoption_line(date_zh, meeting)), *wrap([SUBJECT, *body], width)]


def _marker(number: str) -> str:
    return number if number.startswith("(") else f"{number}."


def plain_text(lines: list[Line], symbol: str, english_date: str, number_style: str, per_page: int = 24,
               job: str = "99-99999 (C)", spaced: bool = False) -> str:
    """The text extraction gives for the PDF of ``render_pdf``: cover lines (two columns on one line), the
    lines, page headers and footers; pages separated by a form feed. ``spaced`` puts a space on each side of
    every run of Latin letters and digits in the text lines, as some extraction tools do (第 1373(2001)号)."""
    printed_symbol = symbol.replace("(", " (")
    out = []
    for number, page in enumerate(_pages(lines, per_page), start=1):
        rows = ([f"联合国 {printed_symbol}", "安全理事会 Distr.: General", english_date, "Chinese", "Original: English"]
                if number == 1 else [printed_symbol])
        for line in page:
            if spaced:
                line = Line(re.sub(r"([A-Za-z0-9/.()]+)", r" \1 ", line.text), line.number, line.first)
            if line.number is None:
                rows.append(line.text)
            elif number_style == "alone":
                rows += [_marker(line.number), line.text]
            else:
                rows.append(f"{_marker(line.number)}{' ' if number_style == 'space' else chr(9)}{line.text}")
        rows += [job, f"{number}/{len(_pages(lines, per_page))}"]
        out.append("\n".join(rows))
    return "\f".join(out)


def _pages(lines: list[Line], per_page: int) -> list[list[Line]]:
    first = per_page - 6
    pages = [lines[:first]] + [lines[i : i + per_page] for i in range(first, len(lines), per_page)]
    return [page for page in pages if page] or [[]]


def render_pdf(lines: list[Line], symbol: str, english_date: str, number_style: str = "space", per_page: int = 24,
               job: str = "99-99999 (C)", cover_on_one_baseline: bool = True) -> bytes:
    """Return PDF bytes laid out as the module docstring says. ``number_style`` "alone" draws a paragraph
    number 6 pt above its line, so extraction puts it on a line of its own. ``cover_on_one_baseline=False``
    draws 安全理事会 above Distr.: General (for statements: their cleaner learns the one-baseline cover in the
    layout work of issue 9)."""
    printed_symbol = symbol.replace("(", " (") if symbol.startswith("S/RES/") else symbol
    pages = _pages(lines, per_page)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    for number, page in enumerate(pages, start=1):
        if number == 1:
            pdf.setFont(CJK, 16)
            pdf.drawString(72, HEIGHT - 60, "联合国")
            pdf.setFont("Helvetica-Bold", 14)
            pdf.drawRightString(WIDTH - 72, HEIGHT - 60, printed_symbol)
            # 14 pt and 12 pt on one baseline: their tops are close enough for pdfplumber to make one line
            pdf.setFont(CJK, 14)
            pdf.drawString(72, HEIGHT - 100 if cover_on_one_baseline else HEIGHT - 82, "安全理事会")
            pdf.setFont("Helvetica", 12)
            pdf.drawString(WIDTH - 180, HEIGHT - 100, "Distr.: General")
            pdf.setFont("Helvetica", 9)
            for row, text in enumerate([english_date, "Chinese", "Original: English"], start=1):
                pdf.drawString(WIDTH - 180, HEIGHT - 102 - 12 * row, text)
            y = HEIGHT - 190
        else:
            pdf.setFont("Helvetica-Bold", 9)
            pdf.drawString(72, HEIGHT - 50, printed_symbol)
            y = HEIGHT - 90
        for line in page:
            pdf.setFont(CJK, 12)
            x = 72 + (2 * CHAR if line.first else 0)
            if line.number is not None:
                marker_y = y + 6 if number_style == "alone" else y
                pdf.drawString(x, marker_y, _marker(line.number))
                x += 3 * CHAR
            pdf.drawString(x, y, line.text)
            y -= LINE
        pdf.setFont("Helvetica", 8)
        pdf.drawString(72, 56, job)
        pdf.drawRightString(WIDTH - 72, 40, f"{number}/{len(pages)}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


# A statement written for the tests (测试样例), not UN text, citing resolutions, a document and a General
# Assembly resolution. Format with {citations}: the resolutions it cites, e.g. 第9901(2099)号和第9902(2099)号决议.
STATEMENT_PARAGRAPHS = [
    "{date}，在安全理事会第{meeting}次会议上，安全理事会主席就安理会审议的题为“测试样例议题”的项目，代表安理会发表声明如下：",
    "“安全理事会回顾其{citations}，并回顾S/2099/100号文件，本段是为软件测试编写的样例文本，不是联合国文本。",
    "“安全理事会注意到大会第99/1号决议，测试样例的段落应当在导入之后保持原样。”",
]


def statement_lines(citations: str, date_zh: str = "2099年1月2日", meeting: int = 9999, width: int = 30) -> list[Line]:
    """The printed lines of a fixture statement: its title, then its paragraphs wrapped at ``width``."""
    texts = [paragraph.format(date=date_zh, meeting=meeting, citations=citations) for paragraph in STATEMENT_PARAGRAPHS]
    return [Line("安全理事会主席声明"), *wrap([Paragraph("", None, text) for text in texts], width)]
