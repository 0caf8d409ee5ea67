"""Unicode normalisation of statement text on import: the characters PDF extraction gets wrong, made right.

Text extracted from CJK PDFs carries look-alike code points: Kangxi Radicals (U+2F00–U+2FD5, ``⼀`` for ``一``)
and CJK Radicals Supplement (U+2E80–U+2EF3) instead of the unified ideographs, CJK compatibility ideographs,
full-width Latin letters and digits in symbols and citations (``Ｓ／ＰＲＳＴ／２０２１／１``), zero-width
characters and soft hyphens. ``normalise_unicode`` maps each to what the document means and lists every
change; private-use characters (which no table can map) are kept and reported.

Why not ``unicodedata.normalize("NFKC", text)``: it would also turn the Chinese full-width punctuation
(，：；（）) into ASCII and misses most of the Radicals Supplement. So NFKC/NFC is applied per character,
only to the blocks where it is right, and the supplement is mapped by Unicode's EquivalentUnifiedIdeograph
data (``data/cjk_radicals_supplement.csv``).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

import pandas as pd

from helpers.errors import DataError
from helpers.ingest.registry import PROJECT_DATA, restore_hint, sha256, verify

RADICALS_FILE = PROJECT_DATA / "cjk_radicals_supplement.csv"
CHANGE_COLUMNS = ["kind", "line", "column", "before", "after"]

_KANGXI = "\u2f00-\u2fd5"
_SUPPLEMENT = "\u2e80-\u2ef3"
_COMPATIBILITY = "\uf900-\ufaff\U0002f800-\U0002fa1f"
_INVISIBLE = "\u00ad\u200b-\u200d\u2060\ufeff"  # soft hyphen, zero-width space/non-joiner/joiner, word joiner, BOM
_PRIVATE_USE = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
_WIDE_ALNUM = "０-９Ａ-Ｚａ-ｚ"
_ALNUM = f"0-9A-Za-z{_WIDE_ALNUM}"
# Full-width letters and digits anywhere; the full-width / . - only between letters or digits (a symbol such
# as Ｓ／ＰＶ．８０００); full-width brackets only around a year (１３７３（２００１）). Chinese punctuation
# elsewhere (，：；“”（反恐执行局）) is never touched. Invisible characters between count as absent (they are
# removed too), so that normalising twice changes nothing more (Ａ．\u200bＡ).
_FULLWIDTH = (
    rf"[{_WIDE_ALNUM}]+|(?<=[{_ALNUM}])[{_INVISIBLE}]*[／．－](?=[{_INVISIBLE}]*[{_ALNUM}])"
    rf"|（(?:[{_INVISIBLE}]*[0-9０-９]){{4}}[{_INVISIBLE}]*）"
)
_INVISIBLE_RUN = re.compile(f"[{_INVISIBLE}]+")
# A cheap first look (no look-behind): most texts have none of these, and then nothing more is done.
_ANY_CANDIDATE = re.compile(
    rf"[{_KANGXI}{_SUPPLEMENT}{_COMPATIBILITY}{_INVISIBLE}{_PRIVATE_USE}{_WIDE_ALNUM}／．－]|（[0-9０-９]"
)
_CANDIDATES = re.compile(
    rf"(?P<fullwidth>{_FULLWIDTH})|(?P<char>[{_KANGXI}{_SUPPLEMENT}{_COMPATIBILITY}{_INVISIBLE}{_PRIVATE_USE}])"
)


class UnicodeChange(NamedTuple):
    """One change made by ``normalise_unicode``: kind, line and column (1-based, in the text as given),
    the characters before and after. Private-use characters are reported with ``after == before``."""

    kind: str
    line: int
    column: int
    before: str
    after: str


@dataclass
class NormalisedText:
    """The normalised text and the list of changes, in order of position."""

    text: str
    changes: list[UnicodeChange] = field(default_factory=list)


@cache
def _supplement_table(digest: str) -> dict[str, str]:
    table = pd.read_csv(RADICALS_FILE, dtype=str, keep_default_na=False)
    if list(table.columns) != ["radical_code_point", "radical", "ideograph_code_point", "ideograph"]:
        raise DataError(f"{RADICALS_FILE}: unexpected columns {','.join(table.columns)}; {restore_hint(PROJECT_DATA)}")
    return dict(zip(table["radical"], table["ideograph"], strict=True))


def radical_ideographs() -> dict[str, str]:
    """Return ``{radical: unified ideograph}`` for the CJK Radicals Supplement (Unicode's
    EquivalentUnifiedIdeograph data in data/cjk_radicals_supplement.csv, checked against data/registry.txt)."""
    if not RADICALS_FILE.is_file():
        raise DataError(f"{RADICALS_FILE}: the radicals table is missing; {restore_hint(PROJECT_DATA)}")
    verify(RADICALS_FILE, PROJECT_DATA)
    return _supplement_table(sha256(RADICALS_FILE))


def _kind_and_replacement(char: str, supplement: dict[str, str]) -> tuple[str, str]:
    code = ord(char)
    if 0x2F00 <= code <= 0x2FD5:
        return "kangxi_radical", unicodedata.normalize("NFKC", char)
    if 0x2E80 <= code <= 0x2EF3:
        return "radical_supplement", supplement.get(char, char)
    if 0xF900 <= code <= 0xFAFF or 0x2F800 <= code <= 0x2FA1F:
        return "compatibility_ideograph", unicodedata.normalize("NFC", char)  # 12 of the block are unified: unchanged
    if char == "\u00ad":
        return "soft_hyphen", ""
    if char in "\u200b\u200c\u200d\u2060\ufeff":
        return "zero_width", ""
    return "private_use", char


def normalise_unicode(text: str) -> NormalisedText:
    """Return the text with look-alike code points replaced (see the module docstring) and every change listed.

    Adjacent changes of one kind are listed together (``Ｓ／ＰＲＳＴ／２０２１／１`` is one change). Ordinary
    CJK text and punctuation are never changed, and normalising twice changes nothing more.
    """
    matches = list(_CANDIDATES.finditer(text)) if _ANY_CANDIDATE.search(text) else []
    if not matches:
        return NormalisedText(text)
    supplement = radical_ideographs()
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    pieces: list[str] = []
    changes: list[UnicodeChange] = []
    last_end = 0  # end of the previous change, to merge adjacent ones of one kind
    done = 0
    for match in matches:
        before = match.group()
        if match.lastgroup == "fullwidth":
            kind, after = "fullwidth", unicodedata.normalize("NFKC", _INVISIBLE_RUN.sub("", before))
        else:
            kind, after = _kind_and_replacement(before, supplement)
        if after == before and kind != "private_use":
            continue
        pieces.append(text[done : match.start()])
        pieces.append(after)
        done = match.end()
        if changes and changes[-1].kind == kind and last_end == match.start():
            previous = changes[-1]
            changes[-1] = previous._replace(before=previous.before + before, after=previous.after + after)
        else:
            line = bisect.bisect_right(line_starts, match.start())
            changes.append(UnicodeChange(kind, line, match.start() - line_starts[line - 1] + 1, before, after))
        last_end = match.end()
    pieces.append(text[done:])
    return NormalisedText("".join(pieces), changes)


def unicode_changes_table(changes: list[UnicodeChange]) -> pd.DataFrame:
    """Return changes as a table: kind, line, column (int), before, after; in order of position."""
    table = pd.DataFrame(changes, columns=CHANGE_COLUMNS)
    return table.astype({"kind": "str", "line": "int64", "column": "int64", "before": "str", "after": "str"})
