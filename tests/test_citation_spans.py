"""Citation spans: the one place where resolutions, symbols, titles and URLs are found."""

from __future__ import annotations

from collections import Counter

import pytest

import helpers
from helpers.analysis.citations import citation_spans


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("第1373(2001)号决议", ["第1373(2001)号决议"]),
        ("第1373(2001)、2178(2014)和2462(2019)号决议", ["第1373(2001)", "2178(2014)", "2462(2019)号决议"]),
        ("第1267(1999)号、第1989(2011)号和第2253(2015)号决议", ["第1267(1999)号", "第1989(2011)号", "第2253(2015)号决议"]),
        ("第1373（2001）号决议", ["第1373（2001）号决议"]),
        ("第 1373 (2001) 号决议", ["第 1373 (2001) 号决议"]),
        ("第\n\n1373(2001)号决议", ["第\n\n1373(2001)号决议"]),
        ("第1373号决议", ["第1373号决议"]),
        ("第1373(2001)號決議", ["第1373(2001)號決議"]),
        ("大会第60/288号决议", ["大会第60/288号决议"]),
        ("S/2020/372号文件", ["S/2020/372"]),
        ("《全球反恐战略》", ["《全球反恐战略》"]),
        ("https://undocs.org/ch/S/RES/1373(2001)", ["https://undocs.org/ch/S/RES/1373(2001)"]),
        ("2021年1月12日第5026次会议第15段", []),
    ],
)
def test_spans(text, surfaces):
    spans = citation_spans(text)
    assert [s.surface for s in spans] == surfaces
    assert all(text[s.start : s.end] == s.surface for s in spans)


def test_statement_counts_before_and_after_cleaning():
    raw = helpers.raw_statement()
    for text, urls in ((raw, 1), (helpers.clean_text(raw), 0)):
        kinds = Counter(span.kind for span in citation_spans(text))
        assert kinds == Counter(resolution=12, instrument=6, document=1, url=urls)
