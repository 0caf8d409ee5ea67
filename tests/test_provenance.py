"""Where the agreed language comes from: provenance of a document's paragraphs, reuse over time, the chart.

Corpora here are generated test fixtures (测试样例, see series_fixtures.py), built so that the right
provenance is known by construction; none of it is UN text.
"""

from __future__ import annotations

import io
import warnings
from collections import Counter
from unittest import mock

import matplotlib
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from series_fixtures import FIXTURE_SENTENCES, corpus_table

import helpers
from helpers.analysis import provenance as provenance_module
from helpers.analysis.provenance import PROVENANCE_COLUMNS, REUSE_COLUMNS, provenance, reuse_over_time
from helpers.analysis.shingles import Shingles, exact_maximal_matches, maximal_matches

matplotlib.use("Agg")

# Test fixture passages (测试样例), not UN text.
PASSAGE = "测试样例：安全理事会重申必须加强国际合作以打击一切形式的测试样例行为"
EXTRA = "并呼吁各方充分遵守测试样例义务"
FIGHTERS_OLD = "测试样例外国作战人员的威胁日益加剧，各国应当加强边境管控。"
FIGHTERS_NEW = "测试样例外国战斗人员的威胁日益加剧，各国应当加强边境管控。"


def chain_corpus() -> pd.DataFrame:
    """A (a resolution, 9001) holds PASSAGE; B (9002) copies it and adds EXTRA; C (9003) copies B's paragraph."""
    return corpus_table(
        {
            "S/PRST/9003/1": ("9003-05-01", [FIXTURE_SENTENCES[0], PASSAGE + "，" + EXTRA + "。", FIGHTERS_NEW]),
            "S/RES/9001(9001)": ("9001-03-01", [FIXTURE_SENTENCES[1], PASSAGE + "。", FIGHTERS_OLD]),
            "S/PRST/9002/1": ("9002-02-01", [FIXTURE_SENTENCES[2], PASSAGE + "，" + EXTRA + "。"]),
        }
    )


def test_earliest_source_of_a_passage_copied_twice():
    table = provenance(chain_corpus(), "S/PRST/9003/1", max_edits=0)
    assert table.columns.tolist() == PROVENANCE_COLUMNS
    para2 = table[table["para"] == 2]
    reused = para2[para2["match"] == "exact"]
    first = reused.iloc[0]
    assert first["text"] == PASSAGE and first["source"] == "S/RES/9001(9001)"  # A, not B
    assert first["latest"] == "S/PRST/9002/1" and first["n_sources"] == 2  # the direct source is B
    assert first["source_date"] == pd.Timestamp("9001-03-01") and first["source_para"] == 2
    second = reused.iloc[1]
    assert second["text"] == "，" + EXTRA + "。" and second["source"] == "S/PRST/9002/1"  # only B holds it
    assert second["n_sources"] == 1
    assert para2["share_reused"].eq(1.0).all()
    # paragraph 1 is new text: one segment, no source
    para1 = table[table["para"] == 1]
    assert para1["match"].tolist() == ["new"] and para1["source"].isna().all()
    assert para1["share_reused"].eq(0.0).all()


def test_segments_tile_every_paragraph_and_point_into_their_sources():
    corpus = chain_corpus()
    table = provenance(corpus, "S/PRST/9003/1")
    texts = corpus.set_index(["symbol", "para"])["text"]
    for para, group in table.groupby("para"):
        paragraph = texts[("S/PRST/9003/1", para)]
        assert group["start"].tolist() == [0, *group["end"].tolist()[:-1]]
        assert group["end"].iloc[-1] == len(paragraph) == group["para_chars"].iloc[0]
        assert "".join(group["text"]) == paragraph
    for row in table[table["match"] != "new"].itertuples():
        source = texts[(row.source, row.source_para)]
        assert source[row.source_start : row.source_end] == row.source_text
        if row.match == "exact":
            assert row.source_text == row.text and row.edit == "" and row.distance == 0


def test_a_changed_word_is_a_near_verbatim_match_with_the_edit():
    table = provenance(chain_corpus(), "S/PRST/9003/1")
    para3 = table[table["para"] == 3]
    assert para3["match"].tolist() == ["near"]
    row = para3.iloc[0]
    assert row["source"] == "S/RES/9001(9001)" and row["source_text"] == FIGHTERS_OLD
    assert row["edit"] == "作战→战斗" and row["distance"] == 2
    assert row["share_reused"] == 1.0
    # exact only: the two halves are shorter than 10 characters on one side, so only the tail is reused
    exact = provenance(chain_corpus(), "S/PRST/9003/1", max_edits=0)
    assert not (exact["match"] == "near").any()
    assert exact.loc[exact["para"] == 3, "share_reused"].iloc[0] < 1.0


def test_a_changed_verb_inside_a_long_copied_passage():
    corpus = corpus_table(
        {
            "S/PRST/9001/1": ("9001-01-01", ["测试样例：安全理事会重申必须加强国际合作以打击一切形式的测试样例行为。"]),
            "S/PRST/9001/2": ("9001-02-01", ["测试样例：安全理事会强调必须加强国际合作以打击一切形式的测试样例行为。"]),
        }
    )
    table = provenance(corpus, "S/PRST/9001/2")
    assert table["match"].tolist() == ["near"]
    assert table["edit"].item() == "重申→强调" and table["source"].item() == "S/PRST/9001/1"


def test_earlier_means_date_then_symbol_and_the_first_document_has_no_source():
    corpus = chain_corpus()
    first = provenance(corpus, "S/RES/9001(9001)")
    assert set(first["match"]) == {"new"} and first["share_reused"].eq(0).all()
    same_day = corpus_table({"S/PRST/9001/2": ("9001-01-01", [PASSAGE]), "S/PRST/9001/10": ("9001-01-01", [PASSAGE])})
    assert provenance(same_day, "S/PRST/9001/10")["source"].tolist() == ["S/PRST/9001/2"]  # 2 before 10
    assert set(provenance(same_day, "S/PRST/9001/2")["match"]) == {"new"}


def test_errors_name_the_symbol_and_the_columns():
    with pytest.raises(helpers.DataError, match="S/PRST/9999/9.*not in the corpus"):
        provenance(chain_corpus(), "S/PRST/9999/9")
    with pytest.raises(helpers.DataError, match="missing column.*date"):
        provenance(chain_corpus().drop(columns="date"), "S/PRST/9003/1")
    with pytest.raises(helpers.DataError, match="min_chars"):
        provenance(chain_corpus(), "S/PRST/9003/1", min_chars=0)


def _brute_force_sources(corpus: pd.DataFrame, symbol: str, n: int) -> dict[int, list]:
    """Per paragraph of ``symbol``, the earliest earlier document whose paragraphs hold an n-character window
    covering each character (None: new), by looking at every window of every earlier paragraph."""
    order = corpus.drop_duplicates("symbol").sort_values(["date", "symbol"], kind="stable")["symbol"].tolist()
    earlier = order[: order.index(symbol)]
    result = {}
    for row in corpus[corpus["symbol"] == symbol].itertuples():
        text = row.text
        found: list = [None] * len(text)
        for source in earlier:
            paragraphs = corpus.loc[corpus["symbol"] == source, "text"].tolist()
            for start in range(len(text) - n + 1):
                window = text[start : start + n]
                if any(window in p for p in paragraphs):
                    for k in range(start, start + n):
                        found[k] = found[k] or source
        result[row.para] = found
    return result


documents = st.lists(st.lists(st.text(alphabet="甲乙丙丁", min_size=0, max_size=24), min_size=1, max_size=3),
                     min_size=1, max_size=5)


@settings(max_examples=60, deadline=None)
@given(documents, st.integers(2, 5))
def test_exact_provenance_equals_brute_force(paragraph_lists, n):
    # test fixture: random texts over four characters, dated one day apart (symbols sort with the dates)
    corpus = corpus_table(
        {f"S/PRST/9001/{k + 1}": (f"9001-01-{k + 1:02d}", paragraphs) for k, paragraphs in enumerate(paragraph_lists)}
    )
    reuse = reuse_over_time(corpus, min_chars=n).set_index("symbol")
    with mock.patch.object(provenance_module, "_BLOCK_CHARS", 7):  # block by block: the same table
        pd.testing.assert_frame_equal(reuse_over_time(corpus, min_chars=n).set_index("symbol"), reuse)
    for symbol in corpus["symbol"].unique():
        table = provenance(corpus, symbol, min_chars=n, max_edits=0)
        expected = _brute_force_sources(corpus, symbol, n)
        for para, sources in expected.items():
            got: list = [None] * len(sources)
            for row in table[(table["para"] == para) & (table["match"] == "exact")].itertuples():
                got[row.start : row.end] = [row.source] * row.length
            assert got == sources
        assert reuse.loc[symbol, "reused_chars"] == int(table.loc[table["match"] == "exact", "length"].sum())
        # the main source has most reused characters (ties to the earlier document), counted from the brute force
        chars_by_source = Counter(source for sources in expected.values() for source in sources if source)
        order = corpus.sort_values(["date", "symbol"])["symbol"].drop_duplicates().tolist()
        main = min(chars_by_source, key=lambda s: (-chars_by_source[s], order.index(s)), default=None)
        assert (reuse.loc[symbol, "main_source"] if chars_by_source else None) == main
        assert reuse.loc[symbol, "n_sources"] == len(chars_by_source)
        assert reuse.loc[symbol, "n_chars"] == sum(len(sources) for sources in expected.values())


def test_reuse_over_time_of_the_chain():
    reuse = reuse_over_time(chain_corpus())
    assert reuse.columns.tolist() == REUSE_COLUMNS
    assert reuse["symbol"].tolist() == ["S/RES/9001(9001)", "S/PRST/9002/1", "S/PRST/9003/1"]
    assert reuse["reused_chars"].iloc[0] == 0 and pd.isna(reuse["main_source"].iloc[0])
    b = reuse.iloc[1]
    assert b["reused_chars"] == len(PASSAGE) and b["main_source"] == "S/RES/9001(9001)" and b["n_sources"] == 1
    c = reuse.iloc[2]
    assert c["n_sources"] == 2 and c["main_source"] == "S/RES/9001(9001)"
    assert 0 < c["share_reused"] < 1


def test_reuse_over_time_gives_a_tie_to_the_earlier_source():
    # test fixture: the third document takes 12 characters from each earlier one; the earlier one is its main source
    first, second = "甲乙丙丁戊己庚辛壬癸子丑", "寅卯辰巳午未申酉戌亥天地"
    corpus = corpus_table({
        "S/PRST/9001/2": ("9001-01-02", [first + "。"]),
        "S/PRST/9001/1": ("9001-01-01", [second + "，"]),
        "S/PRST/9001/3": ("9001-01-03", [first + "、" + second]),
    })
    reuse = reuse_over_time(corpus).set_index("symbol")
    assert reuse.loc["S/PRST/9001/3", ["reused_chars", "n_sources", "main_source"]].tolist() == [24, 2, "S/PRST/9001/1"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="ab测", max_size=12), max_size=8), st.integers(1, 4), st.integers(1, 20))
def test_shingles_hashed_in_blocks_equal_one_pass(texts, n, block_chars):
    one_pass = Shingles.of(texts, n, block_chars=10**9)
    in_blocks = Shingles.of(texts, n, block_chars=block_chars)
    for field in ("starts", "hashes", "owner", "position"):
        assert np.array_equal(getattr(one_pass, field), getattr(in_blocks, field)), field
    assert one_pass.hashes.tolist() == [hash_of for text in texts for hash_of in _window_hashes(text, n)]


def _window_hashes(text: str, n: int) -> list[int]:
    """The hash of each window of one text, computed alone (the definition the corpus arrays must follow)."""
    return [int(Shingles.of([text[p : p + n]], n, block_chars=10**9).hashes[0]) for p in range(len(text) - n + 1)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab测", max_size=30), st.text(alphabet="ab测", max_size=30), st.integers(1, 5))
def test_maximal_matches_from_hashes_equal_seed_and_extend(a, b, n):
    from unittest import mock

    shingles = Shingles.of([a, b], n)
    expected = exact_maximal_matches(a, b, n).tolist()
    # the exact fallback is for hash collisions only: the vectorised path must be right on its own
    with mock.patch("helpers.analysis.shingles.exact_maximal_matches", side_effect=AssertionError("fallback used")):
        found = maximal_matches(a, b, shingles.of_text(0), shingles.of_text(1), n)
    assert found.tolist() == expected


def test_plot_provenance_is_deterministic_and_shows_chinese():
    import matplotlib.pyplot as plt

    helpers.use_chinese_font()
    table = provenance(chain_corpus(), "S/PRST/9003/1")
    images = []
    for _ in range(2):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            ax = helpers.plot_provenance(table, title="测试样例 S/PRST/9003/1")
            buffer = io.BytesIO()
            ax.figure.savefig(buffer, format="png", metadata={"Software": None})
            plt.close(ax.figure)
        images.append(buffer.getvalue())
    assert images[0] == images[1]
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert labels == ["S/RES/9001(9001)", "S/PRST/9002/1", "近似 (near-verbatim)", "新文本 (new)"]
    widths = np.array([patch.get_width() for patch in ax.patches])
    assert widths.sum() == pytest.approx(3.0)  # three paragraphs, each bar sums to its whole length


def test_a_later_text_reusing_the_shipped_statement():
    shipped = helpers.load_statement()
    paragraph = next(t for t in shipped["text"] if "外国恐怖主义作战人员" in t)
    edited = paragraph.replace("外国恐怖主义作战人员", "外国恐怖主义战斗人员", 1)
    # test fixture document dated 2099: one paragraph of S/PRST/2021/1 with a changed word, one fixture sentence
    later = corpus_table({"S/PRST/2099/1": ("2099-01-01", [edited, FIXTURE_SENTENCES[3]])})
    corpus = pd.concat([shipped[["symbol", "date", "para", "kind", "text"]], later], ignore_index=True)
    table = provenance(corpus, "S/PRST/2099/1")
    first = table[table["para"] == 1]
    assert first["match"].tolist() == ["near"] and first["share_reused"].iloc[0] == 1.0
    assert first["source"].iloc[0] == "S/PRST/2021/1" and first["edit"].iloc[0] == "作战→战斗"
    assert first["source_text"].iloc[0] == paragraph
    assert table.loc[table["para"] == 2, "match"].tolist() == ["new"]
    assert set(provenance(corpus, "S/PRST/2021/1")["match"]) == {"new"}  # nothing earlier in this corpus


def test_leading_document_sums_characters_and_breaks_ties_by_date():
    # provenance rows written for this test: documents A (earliest) to C
    docs = pd.DataFrame({"symbol": ["A", "B", "C"], "rank": [0, 1, 2]})
    rows = pd.DataFrame({"para": [1, 1, 1, 2, 2], "source": ["B", "C", "C", "A", "B"], "length": [10, 4, 6, 5, 5]})
    assert helpers.leading_document(rows, docs) == "B"  # A 5, B 15, C 10 characters
    assert helpers.leading_document(rows[rows["para"] == 2], docs) == "A"  # tie 5-5: the earlier
    assert helpers.leading_document(rows[rows["para"] == 2], docs, latest_first=True) == "B"
    assert helpers.leading_document(rows.iloc[:0], docs) is None
    assert helpers.leading_document(rows, docs, per_para=True).to_dict() == {1: "B", 2: "A"}  # para 1: B 10 = C 10
