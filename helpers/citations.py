"""Citations in Chinese UN text: where they are (spans), before anything else cuts the text.

``citation_spans`` is the one place that finds resolutions, document symbols, 《…》 titles and URLs;
the tokenizer keeps each span as one token and the citation counts normalise them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WS = r"\s*"
_NUMBER = r"\d{1,4}"
_YEAR = rf"(?:{_WS}[(（]{_WS}(?:19|20)\d{{2}}{_WS}[)）])"
_HAO = r"[号號]"
_RESOLUTION_WORD = rf"[决決]{_WS}[议議]"
_JOINER = rf"{_WS}(?:、|，|,|和|及|以及|与|與){_WS}"
# One member of a list of resolution numbers: [第] 1373 [(2001)] [号]
_MEMBER = rf"(?:第{_WS})?{_NUMBER}{_YEAR}?(?:{_WS}{_HAO})?"
_GA_MEMBER = rf"(?:第{_WS})?\d{{1,3}}{_WS}/{_WS}\d{{1,4}}(?:{_WS}{_HAO})?"

RESOLUTION_LIST = re.compile(
    rf"(?P<ga>大会{_WS})?(?:第{_WS})(?:{_GA_MEMBER}|{_MEMBER})(?:{_JOINER}(?:{_GA_MEMBER}|{_MEMBER}))*{_WS}{_HAO}?{_WS}{_RESOLUTION_WORD}"
)
"""A run of resolution numbers ending in 号决议: 第1373(2001)、2178(2014)和2462(2019)号决议."""
RESOLUTION_MEMBER = re.compile(rf"{_GA_MEMBER}|{_MEMBER}")
DOCUMENT_SYMBOL = re.compile(
    r"(?<![A-Za-z0-9/])(?:S|A|E|ST)(?:/(?:[A-Z][A-Za-z]{0,5}(?:\.\d+)?|\d{1,5}(?:\(\d{4}\))?))+(?![A-Za-z0-9])"
)
"""UN document symbols: S/2020/372, S/PRST/2005/64, A/RES/60/288, S/RES/1373(2001)."""
TITLE = re.compile(r"《[^《》\n]{1,80}》")
URL = re.compile(r"https?://[A-Za-z0-9._~:/?#\[\]@!$&'()*+;=%-]+")

# When spans overlap, the earlier kind in this tuple wins (a URL contains a document symbol).
KINDS = ("url", "instrument", "resolution", "document")


@dataclass(frozen=True, order=True)
class Span:
    """A citation's place in a text: ``text[start:end] == surface``."""

    start: int
    end: int
    kind: str
    surface: str


def _resolution_spans(text: str) -> list[Span]:
    """Return one span per resolution in each 号决议 run; the last member keeps 号决议."""
    spans = []
    for run in RESOLUTION_LIST.finditer(text):
        members = list(RESOLUTION_MEMBER.finditer(text, run.start("ga") if run["ga"] else run.start(), run.end()))
        for index, member in enumerate(members):
            start = run.start() if index == 0 else member.start()
            end = run.end() if index == len(members) - 1 else member.end()
            spans.append(Span(start, end, "resolution", text[start:end]))
    return spans


def citation_spans(text: str) -> list[Span]:
    """Return the non-overlapping citation spans of a text, in order of position.

    Kinds: ``url``, ``instrument`` (《…》 titles), ``resolution`` (each resolution of a list gets its
    own span) and ``document`` (UN document symbols).
    """
    candidates = [Span(m.start(), m.end(), "url", m.group()) for m in URL.finditer(text)]
    candidates += [Span(m.start(), m.end(), "instrument", m.group()) for m in TITLE.finditer(text)]
    candidates += _resolution_spans(text)
    candidates += [Span(m.start(), m.end(), "document", m.group()) for m in DOCUMENT_SYMBOL.finditer(text)]
    chosen: list[Span] = []
    for span in sorted(candidates, key=lambda s: (KINDS.index(s.kind), s.start)):
        if all(span.end <= other.start or span.start >= other.end for other in chosen):
            chosen.append(span)
    return sorted(chosen)
