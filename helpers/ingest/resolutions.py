"""The paragraph table of a Security Council resolution, built from the lines the cleaner leaves.

A Chinese resolution reads: the cover (as for a statement), the title ``第1373(2001)号决议``, the adoption
line ``2001年9月28日安全理事会第4385次会议通过``, the subject ``安全理事会，`` on a line of its own, then
preambular paragraphs (no number; they open with a verb or an adjective such as 重申, 深为关切, 认识到 and
end with a comma), operative paragraphs numbered ``1.``, ``2.`` (the number may stand alone on its line),
lettered sub-paragraphs ``(a)``, ``(b)``, section headings in long resolutions and sometimes an annex (附件).
Extracted text has lost the indentation that marks a new paragraph, so paragraphs are found from what the
text itself shows (why no library does this: it depends on these conventions of UN Chinese resolutions):

- a line opening with ``N.`` or ``(x)`` starts a paragraph when the text before it ends a clause, and a
  line that is only such a number always does (the paragraph's text follows on the next line);
- before the first operative paragraph, a line starts a preambular paragraph when the one before it ends
  with ，；。 and either the line opens with a known verb (data/speech_acts.csv, or 根据 as in
  根据《联合国宪章》第七章采取行动) or the line before it is short (a paragraph's last line);
- a short line without closing punctuation followed by a numbered paragraph is a section heading;
- a resolution with a single operative paragraph leaves it unnumbered: a last paragraph ending in 。 after
  preambular ones is operative.

What these rules cannot see: a preambular paragraph that opens with a word the table does not list, right
after a paragraph whose last line is full, is joined to it; a preambular line that ends at a comma inside a
paragraph and is followed by a listed verb (…，\n重申…) starts a paragraph too early. Tables, and numbered
paragraphs of an annex written as ``一、`` or ``A.``, are not recognised.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

import pandas as pd

from helpers.errors import DataError
from helpers.ingest.statements import leading_verb, verb_at_start
from helpers.ingest.symbols import RESOLUTION_SYMBOL
from helpers.ingest.text import CleanedText, _join, normalise_spaces

RESOLUTION_KINDS = ("chapeau", "preambular", "operative", "sub", "annex")
"""Kinds of the rows of a resolution's paragraph table, in reading order."""
TITLE = re.compile(r"第\s*(\d{1,4})\s*[(（]\s*(\d{4})\s*[)）]\s*号\s*决\s*议")
ADOPTION = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.{0,30}通\s*过")
"""The adoption line: 2001年9月28日安全理事会第4385次会议通过 (date, and meeting when there was one)."""
SUBJECT = re.compile(r"安\s*全\s*理\s*事\s*会\s*[，,]")
OPERATIVE_NUMBER = re.compile(r"(\d{1,3})\s*[.．](?!\d)\s*(.*)")
SUB_NUMBER = re.compile(r"([(（]\s*(?:[a-z]{1,2}|[ivx]{1,5})\s*[)）])\s*(.*)")
ANNEX = re.compile(r"附\s*件(?:\s*[一二三四五六七八九十\dA-Z]{1,3})?")
_CLAUSE_ENDS = tuple("，；。：,;:！？”") + ("和", "及", "或")  # a list item may end with 和/及/或
_PREAMBLE_ENDS = tuple("，；。,;")
_ACTING_UNDER = "根据"  # 根据《联合国宪章》第七章采取行动，


def _compact_length(line: str) -> int:
    return len(re.sub(r"\s+", "", line))


def _typical_length(lines: list[str]) -> int:
    """The length of a full line: the most common line length (the longer one on a tie)."""
    counts = Counter(_compact_length(line) for line in lines)
    return max(counts, key=lambda length: (counts[length], length)) if counts else 0


def _front_matter(lines: list[str], source: str, symbol: str) -> tuple[int, int, str, str]:
    """Return (index of the title line, of the first body line, title, adoption line or "") after checking
    that the title names ``symbol``."""
    start = next((i for i, line in enumerate(lines) if TITLE.fullmatch(line)), None)
    if start is None:
        raise DataError(
            f"{source}: no resolution title (第N(YYYY)号决议 on a line of its own) found; "
            f"check that the file is the resolution {symbol}."
        )
    title = TITLE.fullmatch(lines[start])
    printed = f"S/RES/{int(title[1])}({title[2]})"
    if printed != symbol:
        raise DataError(f"{source}: the title is {normalise_spaces(lines[start])} ({printed}), not {symbol}; "
                        "check the file and the symbol.")
    adoption = ""
    body = start + 1
    if body < len(lines) and ADOPTION.fullmatch(lines[body]):
        adoption = normalise_spaces(lines[body])
        body += 1
    return start, body, normalise_spaces(lines[start]), adoption


def _paragraphs(lines: list[str]) -> tuple[list[dict[str, str | None]], list[str]]:
    """Return (rows with kind, number and text, headings) for the body lines of a resolution."""
    rows: list[dict[str, str | None]] = []
    headings: list[str] = []
    typical = _typical_length(lines)
    section = "preambular"
    previous = ""  # the line before, "" at the start or after a heading

    def start(kind: str, number: str | None, text: str) -> None:
        rows.append({"kind": kind, "number": number, "text": text})

    for index, line in enumerate(lines):
        current = rows[-1]["text"] if rows else ""
        if rows and not current:  # a number alone on its line: this line is its text, whatever it looks like
            rows[-1]["text"] = previous = line
            continue
        clause_ended = not rows or current.endswith(_CLAUSE_ENDS)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        operative, sub = OPERATIVE_NUMBER.fullmatch(line), SUB_NUMBER.fullmatch(line)
        if (operative or sub) and not (operative or sub)[2]:
            clause_ended = True  # a number alone on its line starts a paragraph whatever ends the one before
        if ANNEX.fullmatch(line) and clause_ended:
            section, previous = "annex", ""
            headings.append(normalise_spaces(line))
            continue
        if (clause_ended and operative is None and sub is None and not line.endswith(_CLAUSE_ENDS)
                and _compact_length(line) < typical - 2 and OPERATIVE_NUMBER.fullmatch(following)
                and section != "preambular"):
            headings.append(normalise_spaces(line))  # a section heading between operative paragraphs
            previous = ""
            continue
        if operative is not None and clause_ended:
            if section == "preambular":
                section = "operative"
            start("annex" if section == "annex" else "operative", operative[1], operative[2])
        elif sub is not None and clause_ended:
            start("annex" if section == "annex" else "sub", re.sub(r"\s+", "", sub[1]), sub[2])
        elif section != "operative" and (not rows or (
            current.endswith(_PREAMBLE_ENDS)
            and (verb_at_start(line) is not None or line.startswith(_ACTING_UNDER)
                 or _compact_length(previous) < typical - 2)
        )):
            start("preambular" if section == "preambular" else "annex", None, line)
        else:
            rows[-1]["text"] = _join(current, line)
        previous = line
    for row in rows:
        row["text"] = normalise_spaces(row["text"])
    rows = [row for row in rows if row["text"]]
    if rows and section == "preambular" and rows[-1]["text"].endswith("。"):
        rows[-1]["kind"] = "operative"  # a resolution of one operative paragraph leaves it unnumbered
    return rows, headings


def resolution_table(cleaned: CleanedText, source: str, symbol: str) -> pd.DataFrame:
    """Return the paragraphs of a cleaned resolution as rows: para, kind, number, opening, text, n_chars.

    para 0 is the chapeau, the subject 安全理事会，; then every paragraph in reading order. kind is one of
    ``RESOLUTION_KINDS``: preambular (number missing), operative (number "1", "2", …), sub (number "(a)",
    "(b)", … as printed, belonging to the operative paragraph above it) or annex (number as printed, if
    any). opening is the known verb that opens a preambular, operative or sub-paragraph (重申, 决定, …).
    The title and the adoption line are not rows: ``attrs["headings"]`` lists them (with any section
    headings) and ``attrs["adoption"]`` holds the adoption line. Lines before the title are the cover.

    Raises DataError naming ``source`` when the title is missing or names another resolution than
    ``symbol``, or when no paragraph follows it.
    """
    if RESOLUTION_SYMBOL.fullmatch(symbol) is None:
        raise DataError(f"{symbol!r} is not a resolution symbol; write it as S/RES/N(YYYY).")
    lines = cleaned.lines
    start, body, title, adoption = _front_matter(lines, source, symbol)
    cleaned.removed += [("cover", line) for line in lines[:start]]
    rows = []
    if body < len(lines) and (subject := SUBJECT.match(lines[body])) is not None:
        rows.append({"kind": "chapeau", "number": None, "text": normalise_spaces(subject.group())})
        rest = lines[body][subject.end():].strip()
        lines = [*([rest] if rest else []), *lines[body + 1 :]]
    else:
        lines = lines[body:]
    paragraphs, headings = _paragraphs(lines)
    rows += paragraphs
    if not paragraphs:
        raise DataError(f"{source}: the resolution {symbol} has a title but no paragraphs after it; check the file.")
    table = pd.DataFrame(rows, columns=["kind", "number", "text"]).astype({"number": "str"})
    table.insert(0, "para", range(len(table)) if rows[0]["kind"] == "chapeau" else range(1, len(table) + 1))
    opens = table["kind"].isin(["preambular", "operative", "sub"])
    table["opening"] = table["text"].where(opens).map(leading_verb, na_action="ignore").astype("str")
    table["n_chars"] = table["text"].str.len()
    table = table[["para", "kind", "number", "opening", "text", "n_chars"]]
    # Footnote markers are placed by statement paragraph; a resolution's rows are built otherwise, so its
    # footnotes are kept aside without a place.
    footnotes = [dataclasses.replace(note, para=None, offset=None) for note in cleaned.footnotes]
    table.attrs = {"headings": [title, *([adoption] if adoption else []), *headings], "adoption": adoption,
                   "footnotes": footnotes}
    return table
