"""A generated corpus of statements and a resolution whose provenance is known by construction, for the test that
executes notebooks 04 and 05 on it.

TEST FIXTURES (测试样例), not UN text: every sentence below was written for the tests and says so (测试样例); the
symbols use numbers and years no real document has (resolution 9001 (2097), statements of 2098 and 2099).

By construction:
- the resolution (2097) holds ``OPERATIVE`` and ``AGREED`` as operative paragraphs;
- S/PRST/2098/1 copies ``AGREED`` word for word (a statement copying a resolution's operative paragraph);
- S/PRST/2099/1, the statement the notebooks focus on, copies ``AGREED`` too and ``OPERATIVE`` with one verb changed
  (促请 → 鼓励), and cites the resolution: ``AGREED`` is first said in the resolution (earliest source) and last before
  it in S/PRST/2098/1 (the likely direct source); ``OPERATIVE`` is near-verbatim from the resolution, edit 促请→鼓励;
- S/PRST/2099/2 cites S/PRST/2099/1.

``FILLERS`` are 32 earlier documents (2096) recombined from paragraphs of the shipped S/PRST/2021/1 and the fixture
sentences (``series_fixtures.generated_documents``), so that the notebooks take the paths they take for large corpora
(more than 30 documents compared, a network of more than 40 nodes); none holds the passages above.
"""

from __future__ import annotations

import pandas as pd
from series_fixtures import FIXTURE_SENTENCES, generated_documents

RESOLUTION = "S/RES/9001(2097)"
EARLIER = "S/PRST/2098/1"
FOCUS = "S/PRST/2099/1"
LATER = "S/PRST/2099/2"

# Test fixture sentences (测试样例), written for the tests, not UN text.
OPERATIVE = "测试样例甲：安全理事会促请各会员国加强国际合作，以打击一切形式的测试样例行为，并交流测试样例信息。"
AGREED = "测试样例乙：各国应当冻结测试样例资产，并向委员会报告所采取的测试样例措施。"
CHANGED = OPERATIVE.replace("促请", "鼓励")

DOCUMENTS = {
    RESOLUTION: ("2097-01-10", [FIXTURE_SENTENCES[1], OPERATIVE, AGREED, FIXTURE_SENTENCES[5]]),
    EARLIER: ("2098-02-01", [FIXTURE_SENTENCES[0], AGREED]),
    FOCUS: ("2099-03-01", [FIXTURE_SENTENCES[2], CHANGED, AGREED, "测试样例丙：安全理事会回顾第9001(2097)号决议和第1373(2001)号决议。"]),
    LATER: ("2099-06-01", [FIXTURE_SENTENCES[3], "测试样例丁：安全理事会回顾S/PRST/2099/1号主席声明。"]),
}


def _fillers(count: int = 32) -> dict[str, tuple[str, list[str]]]:
    """Generated documents renamed into 2096 (S/PRST/2096/N, every third S/RES/(8000+N)(2096)), a day apart."""
    fillers = {}
    for number, (_, paragraphs) in enumerate(generated_documents(count, seed=3).values(), start=1):
        symbol = f"S/RES/{8000 + number}(2096)" if number % 3 == 0 else f"S/PRST/2096/{number}"
        fillers[symbol] = ((pd.Timestamp("2096-01-01") + pd.Timedelta(days=number)).strftime("%Y-%m-%d"), paragraphs)
    return fillers


FILLERS = _fillers()
CORPUS = {**FILLERS, **DOCUMENTS}
"""Every document of the generated corpus: the fillers, then the four documents of known provenance."""
