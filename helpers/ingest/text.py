"""Cleaning of statement text extracted from UN PDFs.

The PDF text has hard line breaks inside words, footnote hyperlinks in the middle of sentences,
spaces around numbers, page headers and footers, and a cover block. ``clean`` removes those layout
artefacts and nothing else: every Han character and punctuation mark of the body is kept, in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from helpers.errors import DataError

# Lines that are page furniture, not text. Each pattern matches a whole stripped line.
_ENGLISH_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
LAYOUT_LINE_PATTERNS: dict[str, re.Pattern[str]] = {
    "footnote_url": re.compile(r"(?:\d{1,2}\s+)?https?://\S+"),
    "job_number": re.compile(r"\d{2}-\d{5}\s*\([A-Z]\)(?:\s+\d{6})*(?:\s+\*\d{7,}\*)?"),
    "barcode": re.compile(r"\*\d{7,}\*"),
    "page_marker": re.compile(r"\d{1,3}\s*/\s*\d{1,3}"),
    # S/PRST/2021/1, or a resolution's S/RES/1373 (2001); after 联合国 on the cover
    "symbol_header": re.compile(
        r"(?:联\s*合\s*国\s*)?S\s*/\s*(?:PRST\s*/\s*\d{4}\s*/\s*\d{1,3}|RES\s*/\s*\d{1,4}\s*[(（]\s*\d{4}\s*[)）])"
    ),
    "un_header": re.compile(r"联\s*合\s*国"),
    "distribution": re.compile(r"Distr\.?\s*:?\s*(?:General|Limited|Restricted)"),
    "english_date": re.compile(rf"\d{{1,2}}\s+(?:{_ENGLISH_MONTHS})\s+\d{{4}}"),
    "language": re.compile(r"Chinese|Original\s*:\s*[A-Za-z]+"),
}
# The organ's name stands alone on the cover page; inside the text it never fills a whole line.
COVER_ONLY_PATTERNS: dict[str, re.Pattern[str]] = {"organ": re.compile(r"安\s*全\s*理\s*事\s*会")}

_OPENING_QUOTES = "“「『\""
_TERMINAL_PUNCTUATION = "。：:！？；”」』\""
_PUNCTUATION = set("，。、：；！？“”「」『』《》（）()〔〕【】—…·,.;:!?")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_TITLE = re.compile(r"(?:安全理事会)?主席声明")
_SPACE = re.compile(r"[ \t\u00a0\u3000\u2000-\u200b\u202f\u205f\ufeff]+")


@dataclass
class CleanedText:
    """The result of cleaning: the text plus what was set aside.

    ``text`` has one paragraph per line. ``footnotes`` are the footnote hyperlinks, in order.
    ``removed`` lists every removed line as ``(kind, line)``; ``headings`` are the heading lines
    (such as 安全理事会主席声明), which stay in ``text`` as lines of their own. ``lines`` are the lines
    of text that remain once page furniture is removed, before they are joined into paragraphs (the
    paragraphs of a resolution are built from them).
    """

    text: str
    footnotes: list[str] = field(default_factory=list)
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


def _is_heading(line: str, typical_length: float) -> bool:
    """A heading is a line of Han text with no punctuation that is the title (安全理事会主席声明) or
    much shorter than the wrapped lines around it."""
    if len(line) > 20 or re.search(r"[\u4e00-\u9fff]", line) is None or any(ch in _PUNCTUATION for ch in line):
        return False
    return _TITLE.fullmatch(line) is not None or len(line) < 0.5 * typical_length


def _join(left: str, right: str) -> str:
    """Join a wrapped line to the next: no space, except between two Latin words."""
    if left and right and left[-1].isascii() and left[-1].isalpha() and right[0].isascii() and right[0].isalpha():
        return left + " " + right
    return left + right


def normalise_spaces(paragraph: str) -> str:
    """Remove spaces inside Chinese text (第 1373 号 -> 第1373号); keep one before a Latin word or number
    that follows Latin text (``12 January 2021``)."""
    parts = _SPACE.split(paragraph.strip())
    out = parts[0]
    for part in parts[1:]:
        if out and part and out[-1].isascii() and _ASCII_WORD.match(part[0]):
            out += " " + part
        else:
            out += part
    return out


def clean(raw: str) -> CleanedText:
    """Clean PDF-extracted statement text; return a CleanedText (one paragraph per line in ``.text``).

    Paragraph breaks are found where a line ending in terminal punctuation (。：；！？”) is followed by a
    line opening a quotation (“), and around heading lines. Wrapped lines are joined without a space.
    """
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
    lengths = sorted(len(_SPACE.sub("", line)) for line in lines if line.strip())
    typical_length = lengths[len(lengths) // 2] if lengths else 0
    result = CleanedText(text="")
    paragraphs: list[str] = []
    current = ""
    seen_text = False
    for raw_line in lines:
        line = _SPACE.sub(" ", raw_line).strip()
        if not line:
            continue
        kind = _layout_kind(line, in_cover=not seen_text)
        if kind is not None:
            result.removed.append((kind, raw_line))
            if kind == "footnote_url":
                result.footnotes.append(line.split()[-1])
            continue
        seen_text = True
        result.lines.append(line)
        if _is_heading(line, typical_length) and (not current or current.endswith(tuple(_TERMINAL_PUNCTUATION))):
            paragraphs.append(current)
            current = ""
            result.headings.append(line)
            paragraphs.append(line)
            continue
        starts_paragraph = line[0] in _OPENING_QUOTES and current.endswith(tuple(_TERMINAL_PUNCTUATION))
        if starts_paragraph:
            paragraphs.append(current)
            current = line
        else:
            current = _join(current, line)
    if current:
        paragraphs.append(current)
    result.text = "\n".join(normalise_spaces(p) for p in paragraphs if p)
    return result


def clean_text(raw: str) -> str:
    """Return the cleaned text of a statement: paragraphs separated by one newline."""
    return clean(raw).text
