"""Cleaning of statement text extracted from UN PDFs.

The PDF text has hard line breaks inside words, page furniture (a cover block, running headers, page and job
numbers, barcodes), footnotes at page bottoms with their markers glued to the text as digits, link lines, and
spaces around numbers. ``clean`` removes those layout artefacts and nothing else: every Han character and
punctuation mark of the body is kept, in order. The layout it knows is that of UN Chinese documents (see issue 9):

- page 1: 联合国 and the symbol on one baseline, 安全理事会 and ``Distr.: General`` on one baseline (an
  extraction tool gives each pair as one line, in either order, or as two lines), the English date, ``Chinese``,
  ``Original: English``; at the bottom ``21-00460 (C)    130121    140121``, the barcode ``*2100460*`` and 请回收;
- pages 2 and on: the symbol as running header, and ``2/3 21-00460`` (even pages) or ``21-00460 3/3`` (odd);
- footnotes: ``1 https://…`` or ``1 见…`` lines at a page bottom, each marker a digit glued to the word before it
  (``第1373(2001)号决议1，``); a link alone on a line, without a number, is kept aside as an unnumbered footnote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from helpers.errors import DataError

# The symbol a document prints on its cover and page headers: S/PRST/2021/1, or a resolution's S/RES/1373 (2001)
# (keep it without capturing groups); every furniture pattern that holds a symbol is built from it.
DOCUMENT_SYMBOL = r"S\s*/\s*(?:PRST\s*/\s*\d{4}\s*/\s*\d{1,3}|RES\s*/\s*\d{1,4}\s*[(（]\s*\d{4}\s*[)）])"
_JOB = r"\d{2}-\d{5}"
_PAGE = r"\d{1,3}\s*/\s*\d{1,3}"
_UN = r"联\s*合\s*国"
_ORGAN = r"安\s*全\s*理\s*事\s*会"
_RECYCLE = r"请\s*回\s*收"
_DISTRIBUTION = r"Distr\.?\s*:?\s*(?:General|Limited|Restricted)"
_ENGLISH_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


def _either_side(core: str, other: str) -> str:
    """A line holding ``core``, with ``other`` (the other column of its baseline) before it, after it or not at all."""
    return rf"(?:(?:{other}\s*)?{core}|{core}\s*{other})"


# Lines that are page furniture, not text. Each pattern matches a whole stripped line.
LAYOUT_LINE_PATTERNS: dict[str, re.Pattern[str]] = {
    "footnote_url": re.compile(r"(?:\d{1,3}\s*)?https?://\S+"),
    "job_number": re.compile(rf"{_JOB}\s*\([A-Z]\)(?:\s+\d{{6}})*(?:\s+\*\d{{7,}}\*)?"),
    "processing_dates": re.compile(r"\d{6}(?:\s+\d{6})?"),
    "barcode": re.compile(_either_side(r"\*\d{7,}\*", _RECYCLE)),
    "recycle": re.compile(_RECYCLE),
    "page_footer": re.compile(rf"{_PAGE}\s+{_JOB}|{_JOB}(?:\s+{_PAGE})?"),
    "page_marker": re.compile(_PAGE),
    "symbol_header": re.compile(_either_side(DOCUMENT_SYMBOL, _UN)),
    "un_header": re.compile(_UN),
    "distribution": re.compile(_either_side(_DISTRIBUTION, _ORGAN)),
    "english_date": re.compile(rf"\d{{1,2}}\s+(?:{_ENGLISH_MONTHS})\s+\d{{4}}"),
    "language": re.compile(r"Chinese|Original\s*:\s*[A-Za-z]+"),
}
# The organ's name stands alone on the cover page; inside the text it never fills a whole line.
COVER_ONLY_PATTERNS: dict[str, re.Pattern[str]] = {"organ": re.compile(_ORGAN)}
# Furniture printed at the bottom of a page: such a line ends a page (as a form feed does).
PAGE_END_KINDS = frozenset({"job_number", "processing_dates", "barcode", "recycle", "page_footer", "page_marker"})

# A footnote line at a page bottom: its number, then its text (not a number of the text: 1 月, 4和5段, 1.).
_NUMBER_UNITS = "年月日号次段条款项章节届个名点人岁倍万亿千百天周时位例轮%"
_FOOTNOTE_START = re.compile(rf"(\d{{1,3}})(?!\d)\s*(?![{_NUMBER_UNITS}和至及与或/.\-:：,，。、；)）(（])(\S.*)")
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_MARKER_AFTER = _HAN + "）)》”」』】〕"  # a marker is glued to the end of a word or citation
_MARKER_NOT_AFTER = "第和至及与或"  # …but 第4, 4和5 are numbers of the text
_MARKER_NOT_BEFORE = rf"\d{_NUMBER_UNITS}/.\-:：(（"
_SENTINEL = "\x00"  # stands where a marker was, until the paragraphs are built

_OPENING_QUOTES = "“「『\""
_TERMINAL_PUNCTUATION = "。：:！？；”」』\""
_PUNCTUATION = set("，。、：；！？“”「」『』《》（）()〔〕【】—…·,.;:!?")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_TITLE = re.compile(r"(?:安全理事会)?主席声明")
_SPACE = re.compile(r"[ \t\u00a0\u3000\u2000-\u200b\u202f\u205f\ufeff]+")


@dataclass(frozen=True)
class Footnote:
    """A footnote set aside from the text.

    ``number`` is None for a link that stands alone on a line without a number. ``text`` is the URL or the
    footnote's text. ``para`` and ``offset`` locate its marker (None when the text has none): in
    ``CleanedText.footnotes`` ``para`` indexes ``CleanedText.paragraphs``; in a paragraph table's
    ``attrs["footnotes"]`` it is the table's ``para`` number. ``offset`` is the character of that paragraph's
    text the marker stood before.
    """

    number: int | None
    text: str
    para: int | None = None
    offset: int | None = None


@dataclass
class CleanedText:
    """The result of cleaning: the text plus what was set aside.

    ``text`` has one paragraph per line. ``footnotes`` are the footnotes (``Footnote``), in order.
    ``removed`` lists every removed line as ``(kind, line)``, in the order of the input; ``headings`` are the
    heading lines (such as 安全理事会主席声明), which stay in ``text`` as lines of their own. ``lines`` are the
    lines of text that remain once page furniture and footnotes are set aside (markers removed), before they are
    joined into paragraphs (the paragraphs of a resolution are built from them).
    """

    text: str
    footnotes: list[Footnote] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        """The non-heading lines of ``text``."""
        headings = set(self.headings)
        return [line for line in self.text.split("\n") if line and line not in headings]


def decode(data: bytes, source: str = "text") -> tuple[str, str]:
    """Return ``(text, encoding)`` for file bytes: UTF-8 (with or without BOM), else GB18030/GBK.

    Raises DataError naming ``source`` when neither decoding gives Chinese text.
    """
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8-sig" or re.search(r"[\u4e00-\u9fff]", text):
            return text, "utf-8" if encoding == "utf-8-sig" else encoding
    raise DataError(
        f"{source}: cannot decode the file as UTF-8 or GB18030/GBK. "
        "Save it as UTF-8 text (or import the PDF with `python -m helpers add`)."
    )


def _layout_kind(line: str, in_cover: bool) -> str | None:
    """Return the kind of page furniture a stripped line is, or None for text."""
    patterns = LAYOUT_LINE_PATTERNS | (COVER_ONLY_PATTERNS if in_cover else {})
    for kind, pattern in patterns.items():
        if pattern.fullmatch(line):
            return kind
    return None


def _marker(number: int) -> re.Pattern[str]:
    """A footnote marker ``number`` glued to the end of a word or citation (决议1，), not a number of the text."""
    return re.compile(
        rf"(?<=[{_MARKER_AFTER}])(?<![{_MARKER_NOT_AFTER}])[ \t]?{number}(?!\d)(?=\s*(?:$|[^{_MARKER_NOT_BEFORE}\s]))"
    )


def _find_markers(text: str, numbers: list[int], required: set[int]) -> dict[int, tuple[int, int]] | None:
    """Return ``{number: (start, end)}`` of the markers of ``numbers`` (ascending) in ``text`` (a page's lines,
    joined by newlines), searched in reading order; a number without a marker is left out, or gives None when it
    is ``required``."""
    found: dict[int, tuple[int, int]] = {}
    start = 0
    for number in numbers:
        match = _marker(number).search(text, start)
        if match is None:
            if number in required:
                return None
            continue
        found[number] = match.span()
        start = match.end()
    return found


@dataclass
class _Page:
    """One page: its text lines ``(input line, stripped text, raw line)`` and its URL footnotes
    ``(input line, number or None, url)``."""

    lines: list[tuple[int, str, str]] = field(default_factory=list)
    urls: list[tuple[int, int | None, str]] = field(default_factory=list)


def _pages(raw: str, removed: list[tuple[int, str, str]]) -> list[_Page]:
    """Split raw text into pages (at form feeds, and after the furniture that ends a page); append every furniture
    line to ``removed`` as ``(input line, kind, raw line)``."""
    pages, seen_text = [_Page()], False
    lines = raw.replace(_SENTINEL, "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for index, raw_line in enumerate(lines):
        for part, raw_part in enumerate(raw_line.split("\f")):
            if part:
                pages.append(_Page())
            line = _SPACE.sub(" ", raw_part).strip()
            if not line:
                continue
            kind = _layout_kind(line, in_cover=not seen_text)
            if kind is None:
                seen_text = True
                pages[-1].lines.append((index, line, raw_part))
                continue
            removed.append((index, kind, raw_part))
            if kind == "footnote_url":
                number, url = re.fullmatch(r"(?:(\d+)\s*)?(\S+)", line).groups()
                pages[-1].urls.append((index, int(number) if number else None, url))
            if kind in PAGE_END_KINDS:
                pages.append(_Page())
    return [page for page in pages if page.lines or page.urls]


def _footnote_block(page: _Page, last: int) -> tuple[int, list[tuple[int, str, list[int]]]]:
    """Find the footnotes written as text lines at the bottom of a page.

    Returns ``(start, notes)``: the page's text lines from ``start`` on are footnotes; ``notes`` holds ``(number,
    text, line indexes)``. A block runs down to the page end; its numbers go up from above ``last`` (the last
    footnote number met before); each footnote starts a line (``1 见…``) and may go on over the next lines. The
    first line of a block is told from a line of text starting with a number by the markers glued to the text
    above it (in the order of the footnotes down the page): the block's first footnote has its marker, or the
    page's footnotes, links included, are the next ones after ``last`` and one of them has its marker.
    No block: ``(len(page.lines), [])``.
    """
    texts = [text for _, text, _ in page.lines]
    url_numbers = [(index, number) for index, number, _ in page.urls if number is not None]
    for start, line in enumerate(texts):
        match = _FOOTNOTE_START.fullmatch(line)
        if match is None or int(match.group(1)) <= last:
            continue
        notes: list[tuple[int, str, list[int]]] = []
        for index in range(start, len(texts)):
            match = _FOOTNOTE_START.fullmatch(texts[index])
            if match is not None and (not notes or int(match.group(1)) > notes[-1][0]):
                notes.append((int(match.group(1)), match.group(2), [index]))
            elif match is not None:
                break  # numbers go up within a block
            else:
                number, text, indexes = notes[-1]
                notes[-1] = (number, _join(text, texts[index]), [*indexes, index])
        else:
            # The page's footnotes, links included, in the order they stand down the page.
            numbers = [n for _, n in sorted([(page.lines[lines[0]][0], n) for n, _, lines in notes] + url_numbers)]
            next_numbers = numbers == list(range(last + 1, last + 1 + len(numbers)))
            markers = _find_markers("\n".join(texts[:start]), numbers, set())
            if markers and (next_numbers or notes[0][0] in markers):
                return start, notes
    return len(texts), []


def _set_footnotes_aside(pages: list[_Page], removed: list[tuple[int, str, str]]) -> tuple[list[str], list[tuple[int, int | None, str]], list[int]]:
    """Take the footnotes off every page and replace their markers in the text by a sentinel.

    Returns the body's text lines, the footnotes ``(input line, number, text)`` in input order, and the numbers
    whose marker was found, in the order their sentinels stand in the text.
    """
    body: list[str] = []
    notes: list[tuple[int, int | None, str]] = []
    marked: list[int] = []
    last = 0
    for page in pages:
        start, block = _footnote_block(page, last)
        for number, text, indexes in block:
            notes.append((page.lines[indexes[0]][0], number, text))
            removed.extend((page.lines[i][0], "footnote", page.lines[i][2]) for i in indexes)
        notes.extend(page.urls)
        numbers = sorted({n for _, n, _ in page.urls if n is not None} | {n for n, _, _ in block})
        text = "\n".join(text for _, text, _ in page.lines[:start])
        markers = _find_markers(text, numbers, set()) or {}
        for begin, end in sorted(markers.values(), reverse=True):
            text = text[:begin] + _SENTINEL + text[end:]
        marked.extend(markers)
        last = max([last, *numbers])
        body.extend(text.split("\n") if start else [])
    return body, sorted(notes, key=lambda note: note[0]), marked


def _is_heading(line: str, typical_length: float) -> bool:
    """A heading is a line of Han text with no punctuation that is the title (安全理事会主席声明) or
    much shorter than the wrapped lines around it."""
    if len(line) > 20 or re.search(r"[\u4e00-\u9fff]", line) is None or any(ch in _PUNCTUATION for ch in line):
        return False
    return _TITLE.fullmatch(line) is not None or len(line) < 0.5 * typical_length


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_SENTINEL).endswith(tuple(_TERMINAL_PUNCTUATION))


def _join(left: str, right: str) -> str:
    """Join a wrapped line to the next: no space, except between two Latin words."""
    end = left.rstrip(_SENTINEL)[-1:]
    if end.isascii() and end.isalpha() and right[:1].isascii() and right[:1].isalpha():
        return left + " " + right
    return left + right


def statement_paragraphs(lines: list[str]) -> tuple[list[str], list[str]]:
    """Return ``(paragraphs, headings)`` of the body lines of a presidential statement (furniture removed).

    A paragraph starts where a line opening a quotation (“) follows a line ending in terminal punctuation
    (。：；！？”), and around heading lines (the title, or a short line of Han text without punctuation); other
    lines are wrapped lines of the paragraph before, joined without a space. ``paragraphs`` includes the headings.
    """
    lengths = sorted(len(_SPACE.sub("", line)) for line in lines)
    typical_length = lengths[len(lengths) // 2] if lengths else 0
    paragraphs: list[str] = []
    headings: list[str] = []
    current = ""
    for line in lines:
        if _is_heading(line, typical_length) and (not current or _ends_sentence(current)):
            paragraphs += [current, line]
            headings.append(line)
            current = ""
        elif line[0] in _OPENING_QUOTES and _ends_sentence(current):
            paragraphs.append(current)
            current = line
        else:
            current = _join(current, line)
    paragraphs.append(current)
    return [p for p in paragraphs if p], headings


def normalise_spaces(paragraph: str) -> str:
    """Remove spaces inside Chinese text (第 1373 号 -> 第1373号); keep one before a Latin word or number
    that follows Latin text (``12 January 2021``)."""
    parts = _SPACE.split(paragraph.strip())
    out = parts[0]
    for part in parts[1:]:
        before = out.rstrip(_SENTINEL)[-1:]  # a removed footnote marker is not text
        if before and part and before.isascii() and _ASCII_WORD.match(part[0]):
            out += " " + part
        else:
            out += part
    return out


def clean(raw: str) -> CleanedText:
    """Clean PDF-extracted statement text; return a CleanedText (one paragraph per line in ``.text``).

    Page furniture (cover block, headers, footers, job numbers, barcodes) is removed; footnotes (numbered lines
    at a page bottom, and links alone on a line) are set aside with their numbers, and their markers taken out of
    the text; the rest is cut into paragraphs by ``statement_paragraphs`` and spaces inside Chinese text removed.
    """
    removed: list[tuple[int, str, str]] = []
    lines, notes, marked = _set_footnotes_aside(_pages(raw, removed), removed)
    paragraphs, headings = statement_paragraphs(lines)
    positions: dict[int, tuple[int, int]] = {}
    texts, heading_set, index = [], set(headings), 0
    for paragraph in map(normalise_spaces, paragraphs):
        while _SENTINEL in paragraph:
            offset = paragraph.index(_SENTINEL)
            positions[marked[len(positions)]] = (index, offset)
            paragraph = paragraph[:offset] + paragraph[offset + 1 :]
        texts.append(paragraph)
        index += paragraph not in heading_set
    footnotes = [Footnote(number, text, *positions.get(number, (None, None))) for _, number, text in notes]
    return CleanedText(
        text="\n".join(texts),
        footnotes=footnotes,
        removed=[(kind, line) for _, kind, line in sorted(removed, key=lambda item: item[0])],
        headings=headings,
        lines=[line.replace(_SENTINEL, "") for line in lines],
    )


def clean_text(raw: str) -> str:
    """Return the cleaned text of a statement: paragraphs separated by one newline."""
    return clean(raw).text
