"""Generated corpora of statements and resolutions for the series, provenance and export tests.

TEST FIXTURES (测试样例), not UN text: every fixture sentence below was written for the tests and is labelled
as such; documents mix them with paragraphs of the shipped S/PRST/2021/1 only where a test says so. Symbols
use the impossible years 9001… so they can never be mistaken for real documents.
"""

from __future__ import annotations

import pandas as pd

# Test fixture sentences (测试样例), written for the tests, not UN text.
FIXTURE_SENTENCES = [
    "测试样例一：安全理事会重申各会员国必须加强边境管控以防止测试样例人员流动。",
    "测试样例二：安全理事会鼓励各区域组织交流测试样例信息并提供能力建设援助。",
    "测试样例三：安全理事会表示关切测试样例网络被用于招募和筹措资金。",
    "测试样例四：安全理事会请秘书长在测试样例期限内提交一份书面报告。",
    "测试样例五：安全理事会欢迎测试样例委员会开展的工作并注意到其建议。",
    "测试样例六：安全理事会决定继续积极处理测试样例问题。",
]


def paragraph_rows(symbol: str, date: str, paragraphs: list[str], kind: str = "operative") -> list[dict]:
    """Rows of a paragraph table for one document (para 1…)."""
    return [
        {"symbol": symbol, "date": pd.Timestamp(date), "para": number, "kind": kind, "text": text}
        for number, text in enumerate(paragraphs, start=1)
    ]


def corpus_table(documents: dict[str, tuple[str, list[str]]]) -> pd.DataFrame:
    """A paragraph table (symbol, date, para, kind, text) of ``{symbol: (date, paragraphs)}``; resolutions
    (S/RES/…) get kind operative like statements: provenance treats every document alike."""
    rows = [row for symbol, (date, paragraphs) in documents.items() for row in paragraph_rows(symbol, date, paragraphs)]
    table = pd.DataFrame(rows)
    return table.astype({"symbol": "str", "kind": "str", "text": "str", "para": "int64"})
