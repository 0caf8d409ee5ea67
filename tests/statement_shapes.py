"""Statements of unusual shapes, for the test that every notebook reports on any statement a corpus can hold.

Every text here is a test fixture written for the project (测试样例), not UN text: it has the layout of a
presidential statement (a chapeau ending in 发表声明如下：, paragraphs opening with “安全理事会 and a verb) so that the
importer takes it, and says in its own words that it is a test sample. Symbols and dates are in 2099, which no real
statement has.
"""

from __future__ import annotations

from pathlib import Path

from helpers import add_statement

# Verbs from data/opening_verbs.csv, of every strength, so the fifty paragraphs give every analysis something.
_VERBS = ["重申", "回顾", "强调", "决定", "要求", "促请", "鼓励", "欢迎", "注意到", "表示关切", "谴责", "请", "赞扬", "呼吁"]


def _one_paragraph() -> str:
    """No chapeau, one paragraph, no citation, no meeting (the date comes from --date)."""
    return "“安全理事会重申，本段是测试样例，不是联合国文本。”\n"


def _fifty_paragraphs() -> str:
    """A chapeau with a meeting and fifty paragraphs; citations only of resolutions data/resolutions.csv does not
    list (numbers and years no resolution has), of a document and of an instrument; some paragraphs open without
    安全理事会."""
    lines = ["安全理事会主席声明", "2099年1月20日，在安全理事会第9990次会议上，安全理事会主席就安理会审议的题为“测试样例议题”的项目，代表安理会发表声明如下："]
    for number in range(1, 51):
        verb = _VERBS[number % len(_VERBS)]
        if number % 10 == 0:
            text = f"“安全理事会{verb}第2998(2098)号决议和第2997(2097)号决议，本段是测试样例第{number}段。"
        elif number % 7 == 0:
            text = f"“安全理事会{verb}会员国执行第2999(2099)号决议和S/2099/100号文件，本段是测试样例第{number}段。"
        elif number % 9 == 0:
            text = f"“测试样例第{number}段没有以安全理事会开头，但提到安理会和《联合国宪章》。"
        else:
            text = f"“安全理事会{verb}，会员国应当合作，本段是测试样例第{number}段。"
        lines.append(text)
    lines[-1] += "”"
    return "\n".join(lines) + "\n"


def _unknown_resolutions() -> str:
    """No meeting; cites only resolutions that data/resolutions.csv does not list."""
    return (
        "安全理事会主席声明\n"
        "2099年1月30日，安全理事会主席就安理会审议的题为“测试样例：未知决议”的项目，代表安理会发表声明如下：\n"
        "“安全理事会回顾其第2997(2097)号决议，其中决定测试样例的事项。\n"
        "“安全理事会重申第2996(2096)和2995(2095)号决议，本段是测试样例。\n"
        "“安全理事会请秘书长提交测试样例报告。”\n"
    )


def _traditional() -> str:
    """Traditional script throughout (安全理事會, 發表聲明如下); names bodies of every kind of data/un_entities.csv,
    one of them a committee named by role."""
    return (
        "安全理事會主席聲明\n"
        "2099年2月10日，在安全理事會第9991次會議上，安全理事會主席就安理會審議的題為“測試樣例議題”的項目，代表安理會發表聲明如下：\n"
        "“安全理事會重申，本段是測試樣例，不是聯合國文本。\n"
        "“安全理事會在本測試樣例中提到第1540(2004)號決議所設委員會、聯阿安全部隊、國際民航組織、77國集團、非洲聯盟和基地組織。\n"
        "“安全理事會回顧第1373(2001)號決議，並強調測試樣例的第三段。”\n"
    )


SHAPES = {
    # name: (symbol, text, --date when the text has no chapeau date)
    "one-paragraph": ("S/PRST/2099/1", _one_paragraph(), "2099-01-10"),
    "fifty-paragraphs": ("S/PRST/2099/2", _fifty_paragraphs(), None),
    "unknown-resolutions": ("S/PRST/2099/3", _unknown_resolutions(), None),
    "traditional": ("S/PRST/2099/4", _traditional(), None),
}


def add_shapes(corpus: Path, names: list[str], scratch: Path) -> dict[str, str]:
    """Add the statements ``names`` (keys of SHAPES) to a corpus folder with ``helpers.add_statement`` (the
    importer users run); return {name: symbol}. ``scratch`` holds the .txt files given to the importer."""
    scratch.mkdir(parents=True, exist_ok=True)
    symbols = {}
    for name in names:
        symbol, text, date = SHAPES[name]
        source = scratch / f"{name}.txt"
        source.write_text(text, encoding="utf-8")
        add_statement(source, symbol=symbol, corpus=corpus, date=date)
        symbols[name] = symbol
    return symbols
