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


def statement_text(symbol: str, date: str, paragraphs: list[str]) -> str:
    """The raw text of a test fixture statement: title, chapeau, paragraphs each opening with “ (as the
    cleaner expects of a statement's paragraphs)."""
    year, month, day = (int(part) for part in date.split("-"))
    chapeau = f"在{year}年{month}月{day}日安全理事会测试样例会议上，安全理事会主席代表安理会发表声明如下："
    return "测试样例 安全理事会主席声明\n\n" + "\n\n".join([chapeau, *(f"“{p}" for p in paragraphs)]) + "\n"


def resolution_text(symbol: str, date: str, paragraphs: list[str]) -> str:
    """The raw text of a test fixture resolution: title 第N(YYYY)号决议, adoption line, 安全理事会，, the first
    paragraph as a preambular one (ending in ，), the others numbered operative paragraphs."""
    year, month, day = (int(part) for part in date.split("-"))
    number = symbol.removeprefix("S/RES/")
    head = [f"第{number}号决议", f"{year}年{month}月{day}日安全理事会测试样例会议通过", "安全理事会，"]
    first, *rest = paragraphs
    body = [first.rstrip("。") + "，", *(f"{k}. {p}" for k, p in enumerate(rest, start=1))]
    return "\n".join([*head, *body]) + "\n"


def write_corpus(folder, documents: dict[str, tuple[str, list[str]]]) -> None:
    """Write a corpus folder (data/ layout: statements.csv, registry.txt, raw/) of test fixture documents."""
    from pathlib import Path

    from helpers.ingest.registry import register

    folder = Path(folder)
    (folder / "raw").mkdir(parents=True, exist_ok=True)
    rows = []
    for symbol, (date, paragraphs) in documents.items():
        name = "raw/" + symbol.replace("/", "_").replace("(", "_").replace(")", "") + ".zh.txt"
        writer = resolution_text if symbol.startswith("S/RES/") else statement_text
        (folder / name).write_text(writer(symbol, date, paragraphs), encoding="utf-8")
        register(folder / name, folder)
        rows.append({"symbol": symbol, "date": date, "lang": "zh", "file": name, "agenda_item": "测试样例议题",
                     "meeting": "", "procedure": "test fixture", "presidency": ""})
    pd.DataFrame(rows).to_csv(folder / "statements.csv", index=False, lineterminator="\n")


def generated_documents(count: int, seed: int = 0) -> dict[str, tuple[str, list[str]]]:
    """``count`` documents recombined from the operative paragraphs of the shipped S/PRST/2021/1 and the
    fixture sentences (every third one a resolution, S/RES/…(2099)): a random selection in random order."""
    import random

    from helpers.ingest.statements import load_statement

    shipped = load_statement()
    operative = shipped.loc[shipped["kind"] == "operative", "text"].str.lstrip("“").tolist()
    rng = random.Random(seed)
    documents = {}
    for number in range(1, count + 1):
        paragraphs = rng.sample(operative, rng.randint(2, 6)) + rng.sample(FIXTURE_SENTENCES, 2)
        rng.shuffle(paragraphs)
        symbol = f"S/RES/{9000 + number}(2099)" if number % 3 == 0 else f"S/PRST/2099/{number}"  # impossible numbers
        date = pd.Timestamp("2099-01-01") + pd.Timedelta(days=number)
        documents[symbol] = (date.strftime("%Y-%m-%d"), paragraphs)
    return documents
