"""Series over time: term trends, speech-act force per document, citations each document adds.

Corpora and tables here are test fixtures (测试样例, see series_fixtures.py), not UN text.
"""

from __future__ import annotations

import io
import warnings

import matplotlib
import pandas as pd
import pytest
from series_fixtures import FIXTURE_SENTENCES, corpus_table

import helpers
from helpers.analysis.series import NEW_CITATION_COLUMNS, TREND_COLUMNS

matplotlib.use("Agg")


def series_corpus() -> pd.DataFrame:
    """Three statements and a resolution over three years (test fixtures)."""
    return corpus_table(
        {
            "S/PRST/9001/1": ("9001-02-01", [FIXTURE_SENTENCES[0], "测试样例：回顾第1373(2001)号决议。"]),
            "S/RES/9002(9001)": ("9001-06-01", ["测试样例：回顾第1373(2001)号和第2178(2014)号决议。"]),
            "S/PRST/9002/1": ("9002-03-01", ["测试样例：注意到S/2020/372号文件，回顾第2178(2014)号决议。"]),
            "S/PRST/9003/1": ("9003-03-01", [FIXTURE_SENTENCES[5]]),
        }
    )


def token_rows(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """A hand-built token table (symbol, para, position, token, kind) of (symbol, token, kind) rows."""
    table = pd.DataFrame(rows, columns=["symbol", "token", "kind"])
    table.insert(1, "para", 1)
    table.insert(2, "position", table.groupby("symbol").cumcount())
    return table


def test_term_trends_counts_per_10k_running_tokens_by_year():
    tokens = token_rows(
        [("S/PRST/9001/1", "甲", "word"), ("S/PRST/9001/1", "乙", "word"), ("S/PRST/9001/1", "。", "punct"),
         ("S/RES/9002(9001)", "甲", "word"), ("S/RES/9002(9001)", "2001", "number"),
         ("S/PRST/9002/1", "乙", "word"), ("S/PRST/9002/1", "乙", "word")]
    )
    trends = helpers.term_trends(tokens, series_corpus(), terms=["甲", "乙"])
    assert trends.columns.tolist() == TREND_COLUMNS
    assert trends[["term", "year"]].values.tolist() == [
        ["甲", 9001], ["甲", 9002], ["甲", 9003], ["乙", 9001], ["乙", 9002], ["乙", 9003]
    ]
    assert trends["count"].tolist() == [2, 0, 0, 1, 2, 0]
    assert trends["tokens"].tolist() == [4, 2, 0] * 2  # punctuation is not a running token
    assert trends["documents"].tolist() == [2, 1, 1] * 2  # 9003 has a document but no tokens
    assert trends["per_10k"].tolist() == [5000.0, 0.0, 0.0, 2500.0, 10000.0, 0.0]


def test_term_trends_picks_the_most_frequent_terms_and_uses_the_term_column():
    tokens = token_rows(
        [("S/PRST/9001/1", "作战人员", "word"), ("S/PRST/9002/1", "战斗人员", "word"),
         ("S/PRST/9002/1", "丙", "word"), ("S/PRST/9003/1", "丁", "word")]
    )
    top = helpers.term_trends(tokens, series_corpus(), top=2)
    assert top["term"].unique().tolist() == ["丁", "丙"]  # ties broken by term
    merged = tokens.assign(term=tokens["token"].replace({"战斗人员": "作战人员"}))
    trends = helpers.term_trends(merged, series_corpus(), top=1)
    assert trends["term"].unique().tolist() == ["作战人员"] and trends["count"].sum() == 2


def test_term_trends_on_a_real_token_table_and_its_errors():
    corpus = series_corpus()
    trends = helpers.term_trends(helpers.token_table(corpus, progress=False), corpus, terms=["安全理事会"])
    assert trends["count"].tolist() == [1, 0, 1]
    with pytest.raises(helpers.DataError, match="missing column.*kind"):
        helpers.term_trends(pd.DataFrame({"symbol": [], "token": []}), corpus)
    with pytest.raises(helpers.DataError, match="S/PRST/9999/1 not in the corpus"):
        helpers.term_trends(token_rows([("S/PRST/9999/1", "甲", "word")]), corpus)


def speech_act_table() -> pd.DataFrame:
    """A small hand-built table with the columns of helpers.speech_acts (test fixture, not found in text)."""
    rows = [
        ("S/PRST/9001/1", 1, "重申", "重申", 0, 2, "recall", 6, "reaffirms", True, "…"),
        ("S/PRST/9001/1", 2, "决定", "决定", 5, 7, "decision", 1, "decides", False, "…"),
        ("S/RES/9002(9001)", 1, "决定", "决定", 5, 7, "decision", 1, "decides", True, "…"),
        ("S/RES/9002(9001)", 1, "促请", "促请", 9, 11, "call", 3, "calls upon", True, "…"),
        ("S/PRST/9002/1", 1, "鼓励", "鼓励", 5, 7, "encouragement", 4, "encourages", True, "…"),
        ("S/PRST/9002/1", 1, "重申", "还重申", 9, 12, "recall", 6, "reaffirms", True, "…"),
    ]
    columns = ["symbol", "para", "verb", "surface", "start", "end", "force", "force_rank", "english", "own", "object"]
    return pd.DataFrame(rows, columns=columns)


def test_force_over_time_per_document():
    force = helpers.force_over_time(speech_act_table(), series_corpus())
    assert force["symbol"].tolist() == ["S/PRST/9001/1", "S/RES/9002(9001)", "S/PRST/9002/1", "S/PRST/9003/1"]
    assert force.columns.tolist()[-4:] == ["decision", "call", "encouragement", "recall"]  # strongest first
    assert force["n_acts"].tolist() == [1, 2, 2, 0]
    assert force["strongest_force"].tolist()[:3] == ["recall", "decision", "encouragement"]
    assert pd.isna(force["strongest_force"].iloc[3]) and pd.isna(force["mean_force_rank"].iloc[3])
    assert force["mean_force_rank"].tolist()[:3] == [6.0, 2.0, 5.0]
    assert force["decision"].tolist() == [0, 1, 0, 0]  # the recalled 决定 of 9001/1 is not its own
    assert force["doc_type"].tolist() == ["statement", "resolution", "statement", "statement"]
    everything = helpers.force_over_time(speech_act_table(), series_corpus(), own_only=False)
    assert everything["decision"].tolist() == [1, 1, 0, 0]
    with pytest.raises(helpers.DataError, match="missing column.*force_rank"):
        helpers.force_over_time(speech_act_table().drop(columns="force_rank"), series_corpus())


def test_new_citations_each_document_adds():
    corpus = series_corpus()
    added = helpers.new_citations(helpers.extract_citations(corpus), corpus, kinds=["resolution", "document"])
    assert added.columns.tolist() == NEW_CITATION_COLUMNS
    assert added[["symbol", "key", "later_documents"]].values.tolist() == [
        ["S/PRST/9001/1", "S/RES/1373(2001)", 1],
        ["S/RES/9002(9001)", "S/RES/2178(2014)", 1],
        ["S/PRST/9002/1", "S/2020/372", 0],
    ]
    assert added["date"].tolist()[0] == pd.Timestamp("9001-02-01")


def test_series_charts_render_chinese_deterministically():
    import matplotlib.pyplot as plt

    helpers.use_chinese_font()
    tokens = token_rows([("S/PRST/9001/1", "甲", "word"), ("S/PRST/9002/1", "乙", "word")])
    trends = helpers.term_trends(tokens, series_corpus(), terms=["甲", "乙"])
    force = helpers.force_over_time(speech_act_table(), series_corpus())
    for draw, table in ((helpers.plot_term_trends, trends), (helpers.plot_force_over_time, force)):
        images = []
        for _ in range(2):
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                ax = draw(table, title="测试样例")
                buffer = io.BytesIO()
                ax.figure.savefig(buffer, format="png", metadata={"Software": None})
                plt.close(ax.figure)
            images.append(buffer.getvalue())
        assert images[0] == images[1]


def test_force_over_time_takes_the_real_speech_act_table():
    corpus = series_corpus()
    acts = helpers.speech_acts(corpus)
    force = helpers.force_over_time(acts, corpus)
    assert force["symbol"].tolist() == ["S/PRST/9001/1", "S/RES/9002(9001)", "S/PRST/9002/1", "S/PRST/9003/1"]
    own = acts[acts["own"]]
    assert force["n_acts"].sum() == len(own) > 0
    assert force.set_index("symbol").loc["S/PRST/9003/1", "strongest_force"] == "decision"  # 决定继续积极处理
