"""Test fixtures: statements drawn the way the UN lays out its Chinese documents, as PDFs and as the plain text
extraction tools make of the same pages.

The layout follows issue 9 ("The layout to reproduce"). Page 1: 联合国 (after an emblem placeholder) at the left and
the symbol at the right on one baseline; 安全理事会 at the left and ``Distr.: General`` at the right on one baseline;
the English date, ``Chinese`` and ``Original: …`` below in the right column; the centred title; at the bottom the job
number with the language letter and two processing dates on one baseline, the barcode ``*2100460*`` and, on the
barcode's baseline or not at all, 请回收. Pages 2 and on: the symbol as running header (left on even pages, right on
odd ones) and the page number and job number on one baseline (``2/3 21-00460`` on even pages, ``21-00460 3/3`` on
odd ones). Footnotes: a superscript marker drawn right after the word it annotates, a rule, and the footnotes at the
page bottom. Paragraphs run across page breaks; operative paragraphs start with “ and are indented.

reportlab cannot embed the Noto Sans SC OpenType (CFF) font, so the Chinese text uses reportlab's built-in CID
font STSong-Light (Adobe-GB1, not embedded), whose text the PDF engines map back to Unicode.

Everything drawn from ``layout`` is a TEST FIXTURE written for the tests (its text says 测试样例), never UN text;
``seed_document`` draws the shipped S/PRST/2021/1 text (``data/raw/S_PRST_2021_1.zh.txt``) as it is.
"""

from __future__ import annotations

import io
import random
import re
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

CJK = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(CJK))
WIDTH, HEIGHT = A4
MARGIN = 72
TITLE = "安全理事会主席声明"
BODY_SIZE, LEADING = 12, 16
NOTE_SIZE, NOTE_LEADING = 9, 12
BODY_TOP = HEIGHT - 90  # first body baseline, pages 2 and on
COVER_BODY_TOP = HEIGHT - 200  # first body baseline of page 1, below the cover block
NOTES_BOTTOM = 104  # baseline of the last footnote line
COVER_LINES = 6  # body lines the cover block takes from page 1
MARKER = re.compile(r"\[\^(\d+)\]")  # a footnote marker in fixture text: 决议[^1]，


@dataclass(frozen=True)
class Cover:
    """What a document prints outside its text: symbol, job number, dates, original language, recycling mark."""

    symbol: str = "S/PRST/2099/1"
    job: str = "99-00001"
    english_date: str = "2 January 2099"
    original: str = "English"
    processed: tuple[str, str] = ("020199", "030199")
    recycle: bool = True  # 请回收 on the barcode's baseline (else absent)

    @property
    def barcode(self) -> str:
        return "*" + self.job.replace("-", "") + "*"


@dataclass
class Line:
    """One body line; ``text`` writes footnote markers as ``[^n]``. style: title, first (indented) or cont."""

    text: str
    style: str = "cont"


@dataclass
class Page:
    lines: list[Line] = field(default_factory=list)
    notes: list[tuple[int | None, str]] = field(default_factory=list)  # (number or None for a bare link, text)


@dataclass
class Document:
    """A statement laid out on pages: what is drawn, and what an import must give back."""

    cover: Cover
    pages: list[Page]
    paragraphs: list[str]  # chapeau then operative paragraphs, markers written [^n]

    @property
    def expected_paragraphs(self) -> list[str]:
        """The paragraph texts an import must give: the drawn paragraphs without markers and without spaces
        next to Chinese text."""
        return [_expected_text(paragraph) for paragraph in self.paragraphs]

    @property
    def expected_notes(self) -> list[tuple[int | None, str]]:
        """The footnotes an import must set aside, in order: ``(number or None, text)``."""
        return [note for page in self.pages for note in page.notes]

    @property
    def expected_markers(self) -> dict[int, tuple[int, int]]:
        """Footnote number -> (index of the paragraph holding its marker (0 = chapeau), offset in its text)."""
        return {int(match.group(1)): (index, len(_expected_text(paragraph[: match.start()])))
                for index, paragraph in enumerate(self.paragraphs) for match in MARKER.finditer(paragraph)}


def _expected_text(text: str) -> str:
    return re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", MARKER.sub("", text)).strip()


def _units(paragraph: str) -> list[str]:
    """Split text into the units a line break may fall between, as Chinese typesetting does: Han characters one
    by one, runs of Latin letters and digits (``1373(2001)``, ``S/2020/372``) whole, each marker glued to the unit
    before it, opening punctuation (“《) to the unit after it and closing punctuation (，。”》) to the one before,
    so that no line starts with a closing mark or ends with an opening one."""
    closing = r"[，。、；：！？”’）》」』]"
    return re.findall(rf"[“‘（《「『]*(?:[A-Za-z0-9/().:\-]+|.)(?:\[\^\d+\])?(?:{closing}(?:\[\^\d+\])?)*", paragraph)


def _ems(unit: str) -> float:
    """Width of a unit in ems: 1 for a Han character or full-width punctuation, 1/2 for a Latin letter or digit."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in MARKER.sub("", unit))


def wrap(paragraph: str, width: int, indent: int = 2) -> list[Line]:
    """Wrap a paragraph into lines of at most ``width`` ems (at least one unit each), the first ``indent`` ems
    narrower (it is indented)."""
    lines: list[Line] = []
    current, used, room = "", 0.0, width - indent
    for unit in _units(paragraph):
        if current and used + _ems(unit) > room:
            lines.append(Line(current, "cont" if lines else "first"))
            current, used, room = "", 0.0, width
        current, used = current + unit, used + _ems(unit)
    if current:
        lines.append(Line(current, "cont" if lines else "first"))
    return lines


def _note_height(count: int) -> float:
    return 0 if count == 0 else 10 + NOTE_LEADING * count  # rule + footnote lines


def layout(paragraphs: list[str], notes: dict[int, str], *, width: int = 30, page_lines: int = 36,
           cover: Cover | None = None) -> Document:
    """Lay out a title and paragraphs (chapeau first) on pages of at most ``page_lines`` body lines.

    A footnote goes to the bottom of the page that holds its marker; a line that would not leave room for its
    footnotes starts a new page. Page 1 holds ``COVER_LINES`` fewer lines (the cover block).
    """
    lines = [Line(TITLE, "title")] + [line for paragraph in paragraphs for line in wrap(paragraph, width)]
    pages = [Page()]
    for line in lines:
        page = pages[-1]
        numbers = [int(n) for n in MARKER.findall(line.text)]
        top = COVER_BODY_TOP if len(pages) == 1 else BODY_TOP
        capacity = page_lines - (COVER_LINES if len(pages) == 1 else 0)
        lowest = top - LEADING * len(page.lines)
        fits = lowest - LEADING > NOTES_BOTTOM + _note_height(len(page.notes) + len(numbers))
        if page.lines and (len(page.lines) >= capacity or not fits):
            page = Page()
            pages.append(page)
        page.lines.append(line)
        page.notes.extend((n, notes[n]) for n in numbers)
    return Document(cover or Cover(), pages, list(paragraphs))


def seed_document(raw_text: str, numbered: bool = False) -> Document:
    """The shipped S/PRST/2021/1 on its three pages, with its line wrapping.

    The extracted text shows where the pages break: lines 26 and 64 (counting non-empty lines) start with the
    space a page break leaves, and the link https://undocs.org/ch/S/RES/1373(2001) stands alone, without a number,
    between them: at the bottom of page 2. ``numbered=True`` draws a variant (not the real layout): a marker 1
    after the first 第 1373(2001)号决议 and the link as footnote 1 at the bottom of page 1.
    """
    raw_lines = [line.strip() for line in raw_text.splitlines() if line.strip()]
    link = next(line for line in raw_lines if line.startswith("https://"))
    body = [line for line in raw_lines if line != link]
    styles = ["title" if line == TITLE else "first" if line.startswith(("“", "2021 年")) else "cont" for line in body]
    lines = [Line(text, style) for text, style in zip(body, styles, strict=True)]
    after_link = raw_lines.index(link)
    pages = [Page(lines[:25]), Page(lines[25:after_link], [(None, link)]), Page(lines[after_link:])]
    if numbered:
        pages[1].notes = []
        first = next(line for line in pages[0].lines if "1373(2001)号决议" in line.text)
        first.text = first.text.replace("1373(2001)号决议", "1373(2001)号决议[^1]", 1)
        pages[0].notes = [(1, link)]
    paragraphs = []
    for line in lines[1:]:
        if line.style == "first":
            paragraphs.append(line.text)
        else:
            paragraphs[-1] += line.text
    cover = Cover("S/PRST/2021/1", "21-00460", "12 January 2021", "English", ("130121", "140121"))
    return Document(cover, pages, paragraphs)


# ------------------------------------------------------------------------------------------------ the PDF


def _draw_text(pdf: canvas.Canvas, x: float, y: float, text: str, size: float) -> None:
    """Draw a body line: text runs in the CJK font, each marker as a superscript right after the run before it."""
    for piece in re.split(r"(\[\^\d+\])", text):
        if not piece:
            continue
        if (marker := MARKER.fullmatch(piece)) is not None:
            pdf.setFont(CJK, size * 0.6)
            pdf.drawString(x, y + size * 0.35, marker.group(1))
            x += pdfmetrics.stringWidth(marker.group(1), CJK, size * 0.6)
        else:
            pdf.setFont(CJK, size)
            pdf.drawString(x, y, piece)
            x += pdfmetrics.stringWidth(piece, CJK, size)


def _draw_cover(pdf: canvas.Canvas, cover: Cover) -> None:
    pdf.circle(MARGIN + 12, HEIGHT - 56, 12)  # emblem placeholder (a drawing, no text)
    pdf.setFont(CJK, 16)
    pdf.drawString(MARGIN + 30, HEIGHT - 62, "联合国")
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawRightString(WIDTH - MARGIN, HEIGHT - 62, cover.symbol)
    pdf.setFont(CJK, 18)
    pdf.drawString(MARGIN, HEIGHT - 104, "安全理事会")
    pdf.setFont("Helvetica", 9)
    right = WIDTH - MARGIN - 110
    for row, text in enumerate(["Distr.: General", cover.english_date, "Chinese", f"Original: {cover.original}"]):
        pdf.drawString(right, HEIGHT - 104 - 11 * row, text)


def _draw_furniture(pdf: canvas.Canvas, cover: Cover, number: int, count: int) -> None:
    if number == 1:
        pdf.setFont("Helvetica", 8)
        for x, text in zip((MARGIN, MARGIN + 80, MARGIN + 130), (f"{cover.job} (C)", *cover.processed), strict=True):
            pdf.drawString(x, 78, text)
        pdf.setFont("Helvetica", 10)
        pdf.drawString(MARGIN, 58, cover.barcode)
        if cover.recycle:
            pdf.setFont(CJK, 8)
            pdf.drawRightString(WIDTH - MARGIN, 58, "请回收")
        return
    pdf.setFont("Helvetica-Bold", 9)
    header = pdf.drawString if number % 2 == 0 else pdf.drawRightString
    header(MARGIN if number % 2 == 0 else WIDTH - MARGIN, HEIGHT - 50, cover.symbol)
    pdf.setFont("Helvetica", 8)
    left, right = (f"{number}/{count}", cover.job) if number % 2 == 0 else (cover.job, f"{number}/{count}")
    pdf.drawString(MARGIN, 40, left)
    pdf.drawRightString(WIDTH - MARGIN, 40, right)


def _draw_notes(pdf: canvas.Canvas, notes: list[tuple[int | None, str]]) -> None:
    y = NOTES_BOTTOM + NOTE_LEADING * (len(notes) - 1)
    if any(number is not None for number, _ in notes):
        pdf.line(MARGIN, y + NOTE_LEADING, MARGIN + 144, y + NOTE_LEADING)  # the footnote rule
    for number, text in notes:
        x = MARGIN
        if number is not None:
            pdf.setFont("Helvetica", NOTE_SIZE)
            pdf.drawString(x, y, str(number))
            x += 14
        if text.startswith("http"):
            pdf.setFont("Helvetica", NOTE_SIZE - 1)
            pdf.drawString(x, y, text)
        else:
            _draw_text(pdf, x, y, text, NOTE_SIZE)
        y -= NOTE_LEADING


def render(document: Document) -> bytes:
    """Return the PDF bytes of a laid-out document (deterministic: same document, same bytes)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    count = len(document.pages)
    for number, page in enumerate(document.pages, start=1):
        if number == 1:
            _draw_cover(pdf, document.cover)
        y = COVER_BODY_TOP if number == 1 else BODY_TOP
        for line in page.lines:
            if line.style == "title":
                pdf.setFont(CJK, 14)
                pdf.drawCentredString(WIDTH / 2, y, line.text)
            else:
                _draw_text(pdf, MARGIN + (2 * BODY_SIZE if line.style == "first" else 0), y, line.text, BODY_SIZE)
            y -= LEADING
        _draw_notes(pdf, page.notes)
        _draw_furniture(pdf, document.cover, number, count)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


# ------------------------------------------------------------------------------------ the plain-text shapes

SHAPES = [(columns, form_feed) for columns in ("joined", "reversed", "split") for form_feed in (True, False)]


def _columns(left: str, right: str, columns: str) -> list[str]:
    """Two columns of one baseline as an extraction tool emits them: one line either way round, or two lines."""
    return {"joined": [f"{left} {right}"], "reversed": [f"{right} {left}"], "split": [left, right]}[columns]


def text_shape(document: Document, columns: str = "joined", form_feed: bool = True) -> str:
    """Return the document's pages as plain text, the way an extraction tool emits them.

    ``columns``: the two columns of one baseline (联合国 | symbol, 安全理事会 | Distr.: General, the barcode |
    请回收) as one line left first ("joined"), right first ("reversed"), or as two lines ("split"); footers are
    one line (page number and job number in the order of the page, or reversed). Markers become digits glued to
    the text; footnotes are ``1 text`` lines. ``form_feed``: pages separated by a form feed (pdftotext, and
    ``helpers.pdf_text``) or by a plain line break (text copied out of a viewer).
    """
    cover, count = document.cover, len(document.pages)
    pages = []
    for number, page in enumerate(document.pages, start=1):
        lines = []
        if number == 1:
            lines += _columns("联合国", cover.symbol, columns) + _columns("安全理事会", "Distr.: General", columns)
            lines += [cover.english_date, "Chinese", f"Original: {cover.original}"]
        else:
            lines.append(cover.symbol)
        lines += [MARKER.sub(r"\1", line.text) for line in page.lines]
        lines += [text if n is None else f"{n} " + MARKER.sub(r"\1", text) for n, text in page.notes]
        if number == 1:
            lines.append(f"{cover.job} (C)    {cover.processed[0]}    {cover.processed[1]}")
            lines += _columns(cover.barcode, "请回收", columns) if cover.recycle else [cover.barcode]
        else:
            marker = f"{number}/{count}"
            pair = (marker, cover.job) if number % 2 == 0 else (cover.job, marker)
            lines.append(" ".join(pair if columns != "reversed" else pair[::-1]))
        pages.append("\n".join(lines))
    return ("\f" if form_feed else "\n").join(pages) + "\n"


# ------------------------------------------------------------------------------- generated fixture text

# Words and numbers of generated fixture statements (test fixtures, not UN text). The numbers are the ones a
# marker remover must not eat: a resolution, a date, a meeting, paragraph numbers, a document symbol.
FIXTURE_WORDS = ["测试样例", "会员国", "合作", "执行工作", "委员会", "国际和平与安全", "区域组织", "技术援助", "能力建设",
                 "受害者", "民间社会", "恐怖主义", "夹具文本", "《测试样例公约》", "反恐执行局(测试)"]
FIXTURE_NUMBERS = ["第1373(2001)号决议", "2021年1月12日", "第8000次会议", "第4和5段", "S/2020/372号文件"]
FIXTURE_CHAPEAU = "2099年1月2日，在安全理事会第9999次会议上，安全理事会主席就安理会审议的题为“测试样例议题”的项目，代表安理会发表声明如下："


def fixture_statement(rng: random.Random, paragraphs: int, marker_rate: float = 0.15) -> tuple[list[str], dict[int, str]]:
    """Return ``(paragraphs, footnotes)`` of a generated test fixture statement: the chapeau and ``paragraphs``
    operative paragraphs (“安全理事会重申，… 。), markers ``[^n]`` after about ``marker_rate`` of the words, and
    each footnote a link or a line of fixture text.

    A marker never stands right before a number: after extraction 区域组织[^5]2021年 reads 区域组织52021年, which no
    reader can split (real documents put markers before punctuation or a word).
    """
    notes: dict[int, str] = {}

    def clause() -> str:
        pieces = [rng.choice(FIXTURE_WORDS + FIXTURE_NUMBERS) for _ in range(rng.randint(1, 4))]
        out = ""
        for piece, after in zip(pieces, [*pieces[1:], "，"], strict=True):
            out += piece
            if rng.random() < marker_rate and not after[0].isdigit():
                number = len(notes) + 1
                notes[number] = rng.choice([f"https://undocs.org/ch/S/RES/{1000 + number}(2099)",
                                            f"测试样例脚注{number}，见第{number}号文件。"])
                out += f"[^{number}]"
        return out

    body = [FIXTURE_CHAPEAU]
    for index in range(paragraphs):
        verb = rng.choice(["重申", "强调", "回顾", "欢迎"])
        clauses = "，".join(clause() for _ in range(rng.randint(1, 6)))
        body.append(f"“安全理事会{verb}，{clauses}" + ("。”" if index == paragraphs - 1 else "。"))
    return body, notes


def fixture_document(rng: random.Random, pages: int, cover: Cover, marker_rate: float = 0.15) -> Document:
    """Return a generated test fixture statement laid out on exactly ``pages`` pages (30 ems a line, 36 lines a
    page): as many paragraphs as end on those pages."""
    while True:
        seed = rng.random()
        draft = layout(*fixture_statement(random.Random(seed), 20 * pages, marker_rate), cover=cover)
        last_lines = [i for i, line in enumerate(line for page in draft.pages[:pages] for line in page.lines)
                      if line.style == "first"]  # a paragraph ends before the next one starts
        fitting = len(last_lines) - 1 if len(draft.pages) > pages else len(draft.paragraphs)
        if fitting >= 2:
            document = layout(*fixture_statement(random.Random(seed), fitting - 1, marker_rate), cover=cover)
            if len(document.pages) == pages:
                return document


# ----------------------------------------------------------------------- the short fixture of other tests

# A short statement written for these tests (a test fixture, not UN text). Format with symbol-specific values:
# {date} {meeting} {n}.
FIXTURE_PARAGRAPHS = [
    "{date}，在安全理事会第{meeting}次会议上，安全理事会主席就安理会审议的题为“测试夹具议题{n}”的项目，代表安理会发表声明如下：",
    "“安全理事会重申，本段是为软件测试编写的夹具文本第{n}号，不是联合国文本，只用于检查导入和下载。",
    "“安全理事会强调，测试夹具的段落应当在导入之后保持原样。”",
]


def fixture_paragraphs(n: int, date: str = "2099年1月2日", meeting: int = 9999) -> list[str]:
    """Return the paragraphs of test fixture statement number ``n`` (chapeau first)."""
    return [p.format(date=date, meeting=meeting, n=n) for p in FIXTURE_PARAGRAPHS]


def fixture_lines(n: int, date: str = "2099年1月2日", meeting: int = 9999) -> list[str]:
    """Return test fixture statement ``n`` as text lines: the title, then each paragraph wrapped at 30 characters."""
    return [TITLE] + [line.text for p in fixture_paragraphs(n, date, meeting) for line in wrap(p, 30, indent=0)]


def blank_pdf() -> bytes:
    """Return a one-page PDF with no text at all (like a scanned page without OCR)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.rect(72, 72, 200, 200)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
