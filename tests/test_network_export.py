"""The citation network of a corpus (GraphML and CSV) and the exports of its tables (CSV, Parquet, dictionary).

Corpora here are test fixtures (测试样例, see series_fixtures.py), not UN text.
"""

from __future__ import annotations

import subprocess
import sys

import networkx as nx
import pandas as pd
import pytest
from series_fixtures import corpus_table, write_corpus

import helpers
from helpers.analysis.network import EDGE_COLUMNS, NODE_COLUMNS
from helpers.tools.export import DICTIONARY_NAME, MEANINGS

DOCUMENTS = {
    # impossible numbers and years (2099), so never real documents
    "S/RES/9001(2099)": ("2099-01-10", ["安全理事会测试样例：回顾第1373(2001)号决议和第1373号决议。"]),
    "S/PRST/2099/1": ("2099-02-01", ["安全理事会测试样例：回顾第9001(2099)号决议和第1373(2001)号决议。",
                                     "安全理事会测试样例：注意到S/2020/372号文件和S/PRST/2099/1。"]),
    "S/PRST/2099/2": ("2099-03-01", ["安全理事会测试样例：回顾S/PRST/2099/1号主席声明和大会第60/288号决议。"]),
}


def test_citation_network_nodes_and_edges():
    corpus = corpus_table(DOCUMENTS)
    nodes, edges = helpers.citation_network(helpers.extract_citations(corpus), corpus)
    assert nodes.columns.tolist() == NODE_COLUMNS and edges.columns.tolist() == EDGE_COLUMNS
    assert nodes["id"].tolist() == [
        "S/RES/9001(2099)", "S/PRST/2099/1", "S/PRST/2099/2",  # the corpus, by date
        "S/RES/1373(2001)", "A/RES/60/288", "S/2020/372",  # cited only: by date, then undated by id
    ]
    assert nodes["in_corpus"].tolist() == [True, True, True, False, False, False]
    assert nodes["doc_type"].tolist() == ["resolution", "statement", "statement", "resolution", "other", "document"]
    assert nodes.loc[3, "date"] == pd.Timestamp("2001-09-28") and nodes.loc[3, "label"] == "1373(2001)"
    assert pd.isna(nodes.loc[4, "date"]) and pd.isna(nodes.loc[4, "year"])
    as_list = edges.values.tolist()
    # 第1373号决议 without a year joins 1373 (2001); S/PRST/2099/1 citing itself is left out
    assert as_list == [
        ["S/RES/9001(2099)", "S/RES/1373(2001)", 2, "resolution"],
        ["S/PRST/2099/1", "S/RES/9001(2099)", 1, "resolution"],
        ["S/PRST/2099/1", "S/RES/1373(2001)", 1, "resolution"],
        ["S/PRST/2099/1", "S/2020/372", 1, "document"],
        ["S/PRST/2099/2", "S/PRST/2099/1", 1, "document"],
        ["S/PRST/2099/2", "A/RES/60/288", 1, "resolution"],
    ]
    assert nodes.set_index("id").loc["S/RES/1373(2001)", "cited_by"] == 2
    assert nodes.set_index("id").loc["S/PRST/2099/1", "cites"] == 3


def test_network_files_round_trip_and_are_reproducible(tmp_path):
    corpus = corpus_table(DOCUMENTS)
    nodes, edges = helpers.citation_network(helpers.extract_citations(corpus), corpus)
    first = helpers.write_citation_network(nodes, edges, tmp_path / "a")
    second = helpers.write_citation_network(nodes, edges, tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    graph = nx.read_graphml(tmp_path / "a" / "network.graphml")
    assert list(graph.nodes) == nodes["id"].tolist()
    assert graph.nodes["S/RES/1373(2001)"]["date"] == "2001-09-28" and graph.nodes["S/RES/1373(2001)"]["in_corpus"] is False
    assert graph.edges["S/RES/9001(2099)", "S/RES/1373(2001)"]["count"] == 2
    assert pd.read_csv(tmp_path / "a" / "edges.csv")["count"].tolist() == edges["count"].tolist()


def test_export_corpus_round_trip(tmp_path):
    write_corpus(tmp_path / "corpus", DOCUMENTS)
    out = tmp_path / "out"
    written = helpers.export_corpus(tmp_path / "corpus", out)
    names = sorted(p.name for p in written)
    tables = ["citations", "network_edges", "network_nodes", "paragraphs", "speech_acts", "tokens"]
    assert names == sorted([DICTIONARY_NAME, "network.graphml", *(f"{t}.{f}" for t in tables for f in ("csv", "parquet"))])
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no staging folder left
    corpus = helpers.load_corpus(tmp_path / "corpus")
    assert len(expected_acts := helpers.speech_acts(corpus)) >= 3 and expected_acts["verb"].isin(["回顾", "注意到"]).all()
    expected = {"paragraphs": corpus, "tokens": helpers.token_table(corpus, progress=False),
                "citations": helpers.extract_citations(corpus), "speech_acts": helpers.speech_acts(corpus)}
    for name, table in expected.items():
        for fmt in ("csv", "parquet"):
            pd.testing.assert_frame_equal(helpers.read_export(out, name, fmt), table.reset_index(drop=True))
    dictionary = pd.read_csv(out / DICTIONARY_NAME, dtype=str, encoding="utf-8-sig")
    assert set(dictionary["table"]) == set(tables)
    undocumented = dictionary[~(dictionary["table"] + "." + dictionary["column"]).isin(set(MEANINGS))]
    assert undocumented.empty, undocumented
    assert (out / "paragraphs.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 mark for spreadsheets
    assert dictionary.set_index(["table", "column"]).loc[("paragraphs", "date"), "type"] == "date"


def test_export_command_and_its_errors(tmp_path):
    write_corpus(tmp_path / "corpus", DOCUMENTS)
    command = [sys.executable, "-m", "helpers", "export", "--corpus", str(tmp_path / "corpus"),
               "--out", str(tmp_path / "out"), "--format", "csv"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "file(s)" in done.stdout and (tmp_path / "out" / "tokens.csv").is_file()
    assert not (tmp_path / "out" / "tokens.parquet").exists()
    (tmp_path / "file").write_text("x")
    bad = subprocess.run([*command[:6], "--out", str(tmp_path / "file")], capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "not a folder" in bad.stderr
    with pytest.raises(helpers.DataError, match="unknown export format"):
        helpers.export_tables({"t": pd.DataFrame({"a": [1]})}, tmp_path / "x", formats=["xlsx"])
    assert not (tmp_path / "x").exists() or not any((tmp_path / "x").iterdir())


def _png(draw) -> tuple[bytes, object]:
    """Draw with every warning an error (a missing glyph warns); return the PNG bytes and the Axes."""
    import io
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    helpers.use_chinese_font()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = draw()
        buffer = io.BytesIO()
        ax.figure.savefig(buffer, format="png", metadata={"Software": None})
        plt.close(ax.figure)
    return buffer.getvalue(), ax


def test_citation_network_chart_places_documents_in_time_and_lanes():
    corpus = corpus_table(DOCUMENTS)
    nodes, edges = helpers.citation_network(helpers.extract_citations(corpus), corpus)
    first, ax = _png(lambda: helpers.plot_citation_network(nodes, edges, focus="S/PRST/2099/1", title="测试样例"))
    assert first == _png(lambda: helpers.plot_citation_network(nodes, edges, focus="S/PRST/2099/1", title="测试样例"))[0]
    lanes = [label.get_text() for label in ax.get_yticklabels()]
    assert lanes == ["决议 resolutions", "主席声明 statements", "其他安理会文件 other S/ documents", "其他机关文件 other organs"]
    labels = {text.get_text() for text in ax.texts}
    assert set(nodes["label"]) <= labels and "日期不详 date unknown" in labels  # A/RES/60/288 has no known date
    assert len(ax.patches) == len(edges)  # one arrow per edge
    _, part = _png(lambda: helpers.plot_citation_network(nodes.iloc[:2], edges, focus=None))
    assert len(part.patches) == 1  # only the edge between the two documents drawn


def test_reuse_over_time_chart_marks_kinds_and_the_focus():
    corpus = corpus_table(DOCUMENTS)
    reuse = helpers.reuse_over_time(corpus)
    image, ax = _png(lambda: helpers.plot_reuse_over_time(reuse, focus="S/PRST/2099/2", title="测试样例"))
    assert image == _png(lambda: helpers.plot_reuse_over_time(reuse, focus="S/PRST/2099/2", title="测试样例"))[0]
    assert [text.get_text() for text in ax.get_legend().get_texts()] == ["决议 resolutions", "主席声明 statements"]
    assert [text.get_text() for text in ax.texts] == ["S/PRST/2099/2"]
