"""Comparison functions: similarity matrices, shared passages, citation overlap, opening verbs.

Every text in this file is a test fixture written for the tests (short, made-up strings), not UN text.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import helpers
from helpers.analysis.compare import (
    char_ngram_jaccard,
    citation_jaccard,
    citations_by_statement,
    comparison_units,
    corpus_passages,
    group_tokens,
    keyness_against_rest,
    opening_profiles,
    passage_reuse,
    recurring_passages,
    shared_passages,
    similarity_pairs,
    tfidf_similarity,
    unit_labels,
)

# ---------------------------------------------------------------------------------------------
# Similarity


def test_tfidf_similarity_known_values():
    # test fixture: token lists, not UN text
    tokens = {"p": ["甲", "乙"], "q": ["甲", "丙"], "r": ["丁"], "s": ["甲", "乙"]}
    similarity = tfidf_similarity(tokens)
    assert list(similarity.index) == list(similarity.columns) == ["p", "q", "r", "s"]
    # smoothed idf: 甲 in 3 of 4 documents, 乙 in 2, 丙 in 1
    idf = {k: math.log(5 / (1 + df)) + 1 for k, df in {"甲": 3, "乙": 2, "丙": 1}.items()}
    expected = idf["甲"] ** 2 / math.hypot(idf["甲"], idf["乙"]) / math.hypot(idf["甲"], idf["丙"])
    assert similarity.loc["p", "q"] == pytest.approx(expected)
    assert similarity.loc["p", "s"] == pytest.approx(1.0)
    assert similarity.loc["p", "r"] == 0.0
    assert np.allclose(similarity.to_numpy(), similarity.to_numpy().T)


def test_tfidf_similarity_among_some_labels_keeps_the_weights_of_all():
    # test fixture: token lists, not UN text; 甲 is in 3 of 4 texts, so its weight comes from all four
    tokens = {"p": ["甲", "乙"], "q": ["甲", "丙"], "r": ["丁"], "s": ["甲", "乙"]}
    full = tfidf_similarity(tokens)
    some = tfidf_similarity(tokens, among=["q", "p"])
    assert list(some.index) == list(some.columns) == ["q", "p"]
    pd.testing.assert_frame_equal(some, full.loc[["q", "p"], ["q", "p"]])
    assert some.loc["p", "q"] != pytest.approx(tfidf_similarity({k: tokens[k] for k in ("p", "q")}).loc["p", "q"])
    with pytest.raises(helpers.DataError, match="unknown label.*x"):
        tfidf_similarity(tokens, among=["p", "x"])


def test_tfidf_similarity_uses_tokens_as_given():
    # test fixture: multi-character tokens must not be split or lower-cased
    similarity = tfidf_similarity(pd.Series([["恐怖", "AB"], ["恐", "怖", "ab"]], index=["x", "y"]))
    assert similarity.loc["x", "y"] == 0.0


def test_similarity_errors():
    with pytest.raises(helpers.DataError, match="no tokens"):
        tfidf_similarity({"a": [], "b": []})
    with pytest.raises(helpers.DataError, match="repeated: a"):
        char_ngram_jaccard(pd.Series(["xy", "yz"], index=["a", "a"]))
    with pytest.raises(helpers.DataError, match="n must be"):
        char_ngram_jaccard(["xy"], n=0)


def test_char_ngram_jaccard_known_value():
    jaccard = char_ngram_jaccard({"a": "abcd", "b": "bcde", "c": "x"}, n=2)
    assert jaccard.loc["a", "b"] == pytest.approx(2 / 4)  # {ab,bc,cd} vs {bc,cd,de}
    assert jaccard.loc["a", "a"] == 1.0
    assert jaccard.loc["a", "c"] == 0.0
    assert np.isnan(jaccard.loc["c", "c"])  # no 2-gram in a 1-character text


@given(st.lists(st.text(alphabet="abc测", max_size=8), min_size=1, max_size=5), st.integers(1, 3))
def test_char_ngram_jaccard_matches_python_sets(texts, n):
    jaccard = char_ngram_jaccard(texts, n=n)
    grams = [{t[i : i + n] for i in range(len(t) - n + 1)} for t in texts]
    for i, j in itertools.product(range(len(texts)), repeat=2):
        union = grams[i] | grams[j]
        expected = len(grams[i] & grams[j]) / len(union) if union else np.nan
        assert jaccard.iloc[i, j] == pytest.approx(expected, nan_ok=True)


def test_similarity_pairs_sorted_with_ties_in_label_order():
    matrix = pd.DataFrame(
        [[1.0, 0.5, 0.2], [0.5, 1.0, 0.5], [0.2, 0.5, 1.0]], index=["z", "y", "x"], columns=["z", "y", "x"]
    )
    pairs = similarity_pairs(matrix)
    assert pairs.to_dict("list") == {
        "a": ["z", "y", "z"],
        "b": ["y", "x", "x"],
        "similarity": [0.5, 0.5, 0.2],
    }


# ---------------------------------------------------------------------------------------------
# Shared passages


def brute_force_passages(a: str, b: str, n: int) -> set[tuple[int, int, int]]:
    """Maximal exact matches by their definition: (start_a, start_b, length) over every candidate."""
    found = set()
    for i, j in itertools.product(range(len(a)), range(len(b))):
        for length in range(n, min(len(a) - i, len(b) - j) + 1):
            if a[i : i + length] != b[j : j + length]:
                break
            left_blocked = i == 0 or j == 0 or a[i - 1] != b[j - 1]
            right_blocked = i + length == len(a) or j + length == len(b) or a[i + length] != b[j + length]
            if left_blocked and right_blocked:
                found.add((i, j, length))
    return found


def as_triples(table: pd.DataFrame) -> list[tuple[int, int, int]]:
    return list(zip(table["start_a"], table["start_b"], table["length"], strict=True))


def test_shared_passages_known_answer():
    # test fixture: made-up strings; 共同语句甲乙 is shared once whole and once in part
    a = "前文共同语句甲乙后文"
    b = "开头共同语句甲乙中间共同语句结尾"
    table = shared_passages(a, b, min_chars=4)
    assert table.to_dict("records") == [
        {"start_a": 2, "end_a": 8, "start_b": 2, "end_b": 8, "length": 6, "passage": "共同语句甲乙"},
        {"start_a": 2, "end_a": 6, "start_b": 10, "end_b": 14, "length": 4, "passage": "共同语句"},
    ]
    for row in table.itertuples():
        assert a[row.start_a : row.end_a] == b[row.start_b : row.end_b] == row.passage


def test_shared_passages_are_maximal_not_greedy_blocks():
    # test fixture: difflib's matching blocks would report only one of the two occurrences of "abcd"
    table = shared_passages("abcdXabcd", "abcd", min_chars=3)
    assert as_triples(table) == [(0, 0, 4), (5, 0, 4)]
    assert shared_passages("abc", "xyz", min_chars=1).empty
    assert as_triples(shared_passages("same text", "same text", min_chars=2)) == [(0, 0, 9)]
    assert shared_passages("ab", "ab", min_chars=3).empty


@given(st.text(alphabet="ab甲", max_size=12), st.text(alphabet="ab甲", max_size=12), st.integers(1, 4))
def test_shared_passages_match_brute_force(a, b, n):
    table = shared_passages(a, b, min_chars=n)
    triples = as_triples(table)
    assert len(triples) == len(set(triples))
    assert set(triples) == brute_force_passages(a, b, n)
    assert list(table["length"]) == sorted(table["length"], reverse=True)


def test_shared_passages_rejects_bad_minimum():
    with pytest.raises(helpers.DataError, match="min_chars"):
        shared_passages("ab", "ab", min_chars=0)


# test fixture: three made-up texts; 共同的固定说法 recurs in all three, 另一个短语 in two
TEXTS = pd.Series(
    {
        "t1": "第一句话包含共同的固定说法，然后另一个短语结束。",
        "t2": "这里也有共同的固定说法以及另一个短语。",
        "t3": "只有共同的固定说法。",
        "t4": "毫无关系的内容。",
    }
)


def test_corpus_passages_equal_pairwise_shared_passages():
    table = corpus_passages(TEXTS, min_chars=4)
    for a, b in itertools.combinations(TEXTS.index, 2):
        pair = table[(table["a"] == a) & (table["b"] == b)].drop(columns=["a", "b"]).reset_index(drop=True)
        expected = shared_passages(TEXTS[a], TEXTS[b], min_chars=4)
        assert as_triples(pair) == as_triples(expected), (a, b)
    assert "t4" not in set(table["a"]) | set(table["b"])
    assert list(table.columns) == ["a", "b", "start_a", "end_a", "start_b", "end_b", "length", "passage"]


def test_passage_reuse_scores():
    reuse = passage_reuse(TEXTS, min_chars=4)
    assert list(zip(reuse["a"], reuse["b"], strict=True)) == [("t2", "t3"), ("t1", "t3"), ("t1", "t2")]
    t2_t3 = reuse.iloc[0]
    # the shared passage extends one character to the left: 有共同的固定说法 (8 characters)
    assert t2_t3["covered_b"] == 8 and t2_t3["chars_b"] == len(TEXTS["t3"]) == 10
    assert t2_t3["reuse"] == pytest.approx(8 / 10)  # t3 is the shorter text
    t1_t2 = reuse.iloc[2]
    assert t1_t2["n_passages"] == 2 and t1_t2["longest"] == 7
    assert t1_t2["reuse"] == pytest.approx((7 + 5) / len(TEXTS["t2"]))


def test_passage_reuse_of_identical_texts_is_one():
    reuse = passage_reuse(["重复的测试文本", "重复的测试文本"], min_chars=3)
    assert reuse["reuse"].tolist() == [1.0]


def test_recurring_passages():
    table = recurring_passages(TEXTS, min_chars=4)
    assert table[["passage", "n_texts", "occurrences", "texts"]].to_dict("records") == [
        {"passage": "共同的固定说法", "n_texts": 3, "occurrences": 3, "texts": "t1, t2, t3"},
        {"passage": "有共同的固定说法", "n_texts": 2, "occurrences": 2, "texts": "t2, t3"},
        {"passage": "另一个短语", "n_texts": 2, "occurrences": 2, "texts": "t1, t2"},
    ]


# ---------------------------------------------------------------------------------------------
# Citations and opening verbs

# test fixture: a citation table in the shape of helpers.extract_citations
CITATIONS = pd.DataFrame(
    {
        "symbol": ["S/A", "S/A", "S/A", "S/B", "S/B", "S/C"],
        "kind": ["resolution", "resolution", "document", "resolution", "resolution", "instrument"],
        "key": ["1", "2", "S/9", "2", "3", "《公约》"],
    }
)


def test_citation_matrix_and_jaccard():
    matrix = citations_by_statement(CITATIONS, symbols=["S/A", "S/B", "S/C", "S/D"])
    assert list(matrix.columns) == ["2", "1", "3"]  # cited by two statements first
    assert matrix.loc["S/A"].tolist() == [1, 1, 0]
    assert matrix.loc["S/D"].tolist() == [0, 0, 0]
    jaccard = citation_jaccard(CITATIONS, symbols=["S/A", "S/B", "S/C"])
    assert jaccard.loc["S/A", "S/B"] == pytest.approx(1 / 3)
    assert jaccard.loc["S/A", "S/C"] == 0.0
    assert np.isnan(jaccard.loc["S/C", "S/C"])
    everything = citations_by_statement(CITATIONS, kind=None)
    assert list(everything.index) == ["S/A", "S/B", "S/C"] and everything.to_numpy().sum() == 6


def test_citation_matrix_errors():
    with pytest.raises(helpers.DataError, match="missing column"):
        citations_by_statement(CITATIONS.drop(columns="key"))
    with pytest.raises(helpers.DataError, match="S/B"):
        citations_by_statement(CITATIONS, symbols=["S/A"])


def test_opening_profiles_match_single_statement_profile():
    statement = helpers.load_statement()
    profiles = opening_profiles(statement)
    single = helpers.opening_profile(statement).set_index("verb")["count"]
    assert list(profiles.index) == ["S/PRST/2021/1"]
    assert profiles.loc["S/PRST/2021/1"].to_dict() == single.to_dict()
    assert profiles.sum(axis=1).item() == 18


def test_opening_profiles_side_by_side():
    # test fixture: a paragraph table of two made-up statements
    table = pd.DataFrame(
        {
            "symbol": ["T/1", "T/1", "T/1", "T/2", "T/2"],
            "kind": ["chapeau", "operative", "operative", "operative", "operative"],
            "opening": [None, "重申", None, "回顾", "重申"],
        }
    )
    profiles = opening_profiles(table)
    assert list(profiles.columns) == ["重申", "(none)", "回顾"]
    assert profiles.to_numpy().tolist() == [[1, 1, 0], [1, 0, 1]]


# ---------------------------------------------------------------------------------------------
# Units


def fixture_corpus() -> pd.DataFrame:
    # test fixture: a two-statement paragraph table with made-up text
    return pd.DataFrame(
        {
            "symbol": ["T/2", "T/2", "T/1", "T/1", "T/1"],
            "date": pd.to_datetime(["2020-02-01"] * 2 + ["2020-01-01"] * 3),
            "para": [1, 2, 0, 2, 1],
            "kind": ["operative", "operative", "chapeau", "operative", "operative"],
            "text": ["乙一", "乙二", "序言", "甲二", "甲一"],
        }
    )


def test_comparison_units_statement_and_paragraph_levels():
    statements = comparison_units(fixture_corpus())
    assert statements.attrs["unit"] == "statement"
    assert statements["text"].to_dict() == {"T/1": "甲一\n甲二", "T/2": "乙一\n乙二"}
    paragraphs = comparison_units(helpers.load_statement())
    assert paragraphs.attrs["unit"] == "paragraph"
    assert list(paragraphs.index) == [f"¶{n}" for n in range(1, 19)]


def test_group_tokens():
    corpus = fixture_corpus()
    # test fixture: tokens of the fixture corpus, one row per token
    tokens = pd.DataFrame(
        {
            "symbol": ["T/1", "T/1", "T/1", "T/1", "T/2"],
            "para": [2, 1, 1, 0, 1],
            "position": [0, 1, 0, 0, 0],
            "token": ["甲二", "一", "甲", "序言", "乙一"],
        }
    )
    by_statement = group_tokens(tokens, comparison_units(corpus))
    assert by_statement.to_dict() == {"T/1": ["甲", "一", "甲二"], "T/2": ["乙一"]}
    one = corpus[corpus["symbol"] == "T/1"]
    by_paragraph = group_tokens(tokens, comparison_units(one))
    assert by_paragraph.to_dict() == {"¶1": ["甲", "一"], "¶2": ["甲二"]}


def test_unit_labels_and_citations_per_paragraph():
    corpus = fixture_corpus()
    # test fixture: citations found in the fixture corpus
    cited = pd.DataFrame(
        {
            "symbol": ["T/1", "T/1", "T/1", "T/2"],
            "para": [0, 1, 2, 1],
            "kind": ["resolution"] * 4,
            "key": ["9", "7", "8", "7"],
        }
    )
    labels = unit_labels(cited, comparison_units(corpus))
    assert labels.isna().tolist() == [True, False, False, False] and labels[1:].tolist() == [
        "T/1",
        "T/1",
        "T/2",
    ]
    one = comparison_units(corpus[corpus["symbol"] == "T/1"])
    cited["unit"] = unit_labels(cited, one)
    assert cited["unit"].isna().tolist() == [True, False, False, True]
    matrix = citations_by_statement(cited.dropna(subset=["unit"]), symbols=list(one.index), by="unit")
    assert matrix.index.name == "unit" and matrix.to_dict("index") == {
        "¶1": {"7": 1, "8": 0},
        "¶2": {"7": 0, "8": 1},
    }


def test_keyness_against_rest_counts_target_and_reference():
    # test fixture: token lists of three made-up units
    unit_tokens = pd.Series({"u1": ["甲", "甲", "甲", "乙"], "u2": ["乙", "丙"], "u3": ["乙", "丙", "丙"]})
    table = keyness_against_rest(unit_tokens, "u1")
    counts = table.set_index("term")[["count_target", "count_reference"]]
    assert counts.to_dict("index") == {
        "甲": {"count_target": 3, "count_reference": 0},
        "乙": {"count_target": 1, "count_reference": 2},
        "丙": {"count_target": 0, "count_reference": 3},
    }
    assert table["term"].iloc[0] == "甲"  # the target's key word comes first
    expected = helpers.keyness(Counter({"甲": 3, "乙": 1}), Counter({"乙": 2, "丙": 3}))
    pd.testing.assert_frame_equal(table, expected)
    with pytest.raises(helpers.DataError, match="unknown unit 'u9'"):
        keyness_against_rest(unit_tokens, "u9")
    with pytest.raises(helpers.DataError, match="at least two units"):
        keyness_against_rest(unit_tokens[["u1"]], "u1")


# ---------------------------------------------------------------------------------------------
# At scale: shingle index, candidate pairs, nearest neighbours (test fixtures, not UN text)


def _brute_force_passages(texts: list[str], n: int) -> list[tuple]:
    """Every maximal match of every pair, from the characters alone (no index, no candidate filter)."""
    from helpers.analysis.shingles import exact_maximal_matches

    rows = []
    for i, j in itertools.combinations(range(len(texts)), 2):
        for s, t, length in exact_maximal_matches(texts[i], texts[j], n).tolist():
            rows.append((i, j, s, s + length, t, t + length, length, texts[i][s : s + length]))
    return rows


@given(st.lists(st.text(alphabet="甲乙丙", max_size=20), min_size=1, max_size=6), st.integers(1, 4))
def test_corpus_passages_equal_brute_force(texts, n):
    table = corpus_passages(texts, min_chars=n)
    assert [tuple(row) for row in table.itertuples(index=False)] == _brute_force_passages(texts, n)


def test_passages_of_chosen_pairs_only():
    # test fixture texts
    texts = pd.Series(["测试样例甲乙丙丁戊", "测试样例甲乙丙丁戊", "测试样例甲乙丙丁己", "无关文本"], index=list("wxyz"))
    everything = passage_reuse(texts, min_chars=4)
    chosen = passage_reuse(texts, min_chars=4, pairs=[("y", "w"), ("w", "y"), ("x", "z"), ("x", "x")])
    assert chosen[["a", "b"]].values.tolist() == [["w", "y"]]  # x–z share nothing; x–x is no pair
    expected = everything[(everything["a"] == "w") & (everything["b"] == "y")].reset_index(drop=True)
    pd.testing.assert_frame_equal(chosen, expected)
    with pytest.raises(helpers.DataError, match="unknown label 'q'"):
        corpus_passages(texts, pairs=[("w", "q")])


def _fixture_units(count: int) -> pd.DataFrame:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from series_fixtures import corpus_table, generated_documents

    return comparison_units(corpus_table(generated_documents(count)))


def test_nearest_neighbours_exact_equals_the_full_matrices():
    units = _fixture_units(40)
    tokens = pd.Series({label: list(text) for label, text in units["text"].items()})
    table = helpers.nearest_neighbours(units["text"], k=3, tokens=tokens, method="exact")
    assert table.columns.tolist() == ["a", "b", "rank", "jaccard", "cosine"]
    jaccard = char_ngram_jaccard(units["text"], n=3)
    cosine = tfidf_similarity(tokens)
    order = {label: i for i, label in enumerate(units.index)}
    for label, group in table.groupby("a", sort=False):
        row = jaccard.loc[label].drop(label)
        best = sorted(row.index, key=lambda other: (-row[other], order[other]))[:3]
        assert group["b"].tolist() == best and group["rank"].tolist() == [1, 2, 3]
        assert np.allclose(group["jaccard"], row[best]) and np.allclose(group["cosine"], cosine.loc[label, best])
    assert table["a"].unique().tolist() == units.index.tolist()


def test_nearest_neighbours_minhash_is_reproducible_and_finds_most_neighbours():
    units = _fixture_units(300)
    exact = helpers.nearest_neighbours(units["text"], k=5, method="exact")
    approximate = helpers.nearest_neighbours(units["text"], k=5, method="minhash")
    pd.testing.assert_frame_equal(approximate, helpers.nearest_neighbours(units["text"], k=5, method="minhash"))
    found = exact.merge(approximate, on=["a", "b"], how="inner")
    assert len(found) / len(exact) >= 0.6  # measured 0.7 on this flat fixture corpus (see bench_scale.py)
    assert np.allclose(found["jaccard_x"], found["jaccard_y"])  # candidates are ranked by exact Jaccard
    with pytest.raises(helpers.DataError, match="unknown method"):
        helpers.nearest_neighbours(units["text"], method="fast")
