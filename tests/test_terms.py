"""Term analyses: stopwords, frequencies, n-grams, keywords, keyness, KWIC, collocations, dispersion, plots."""

from __future__ import annotations

import math
from collections import Counter

import matplotlib
import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency

import helpers

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

# Test fixture: three short paragraphs written for these tests, not UN text.
FIXTURE = pd.DataFrame(
    {
        "symbol": ["TEST/1"] * 3,
        "para": [1, 2, 3],
        "text": [
            "会员国打击恐怖主义，会员国合作。",
            "民间社会合作打击恐怖主义和暴力极端主义。",
            "第1373(2001)号决议要求会员国合作。",
        ],
    }
)


@pytest.fixture(scope="module")
def fixture_tokens() -> pd.DataFrame:
    return helpers.token_table(FIXTURE)


@pytest.fixture(scope="module")
def statement() -> pd.DataFrame:
    return helpers.load_statement("S/PRST/2021/1")


@pytest.fixture(scope="module")
def statement_tokens(statement) -> pd.DataFrame:
    return helpers.token_table(statement)


def test_fixture_segmentation(fixture_tokens):
    assert fixture_tokens.groupby("para")["token"].agg(list).to_dict() == {
        1: ["会员国", "打击", "恐怖主义", "，", "会员国", "合作", "。"],
        2: ["民间社会", "合作", "打击", "恐怖主义", "和", "暴力极端主义", "。"],
        3: ["第1373(2001)号决议", "要求", "会员国", "合作", "。"],
    }


def test_stopwords_keep_the_formula_quantifiers():
    generic = helpers.generic_stopwords()
    assert {"一切", "所有", "任何", "的"} <= generic
    words = helpers.stopwords()
    assert {"一切", "所有", "任何"}.isdisjoint(words)
    assert {"的", "和", "安全理事会", "安理会"} <= words
    assert "安全理事会" not in helpers.stopwords(domain=False)


def test_term_frequencies(fixture_tokens):
    table = helpers.term_frequencies(fixture_tokens)
    assert list(table.columns) == ["term", "count", "per_10k", "paragraphs"]
    top = table.head(3).to_dict("records")
    # 15 running tokens (punctuation dropped); ties broken by term (code point order).
    assert top == [
        {"term": "会员国", "count": 3, "per_10k": round(3 * 10_000 / 15, 2), "paragraphs": 2},
        {"term": "合作", "count": 3, "per_10k": 2000.0, "paragraphs": 3},
        {"term": "恐怖主义", "count": 2, "per_10k": round(2 * 10_000 / 15, 2), "paragraphs": 2},
    ]
    assert "，" not in set(table["term"]) and "第1373(2001)号决议" in set(table["term"])
    without = helpers.term_frequencies(fixture_tokens, stopwords={"和"})
    assert "和" in set(table["term"]) and "和" not in set(without["term"])


def test_frequencies_are_sorted_and_match_plain_counts(statement, statement_tokens):
    table = helpers.term_frequencies(statement_tokens)
    assert table.equals(table.sort_values(["count", "term"], ascending=[False, True], ignore_index=True))
    text = "\n".join(statement["text"])
    # Every 恐怖主义 of the text is inside exactly one token, whole or within a longer term.
    assert statement_tokens["token"].str.count("恐怖主义").sum() == text.count("恐怖主义")
    longer = ["反恐怖主义委员会", "外国恐怖主义作战人员", "联合国反恐怖主义办公室"]
    bare = text.count("恐怖主义") - sum(text.count(term) for term in longer)
    assert table.set_index("term").loc["恐怖主义", "count"] == bare


def test_ngrams(fixture_tokens):
    bigrams = helpers.ngrams(fixture_tokens, 2)
    assert bigrams.head(3).to_dict("records") == [
        {"ngram": "会员国 合作", "n": 2, "count": 2, "paragraphs": 2},
        {"ngram": "打击 恐怖主义", "n": 2, "count": 2, "paragraphs": 2},
        {"ngram": "会员国 打击", "n": 2, "count": 1, "paragraphs": 1},
    ]
    # Punctuation breaks a run: no bigram across "，".
    assert "恐怖主义 会员国" not in set(bigrams["ngram"])
    trigrams = helpers.ngrams(fixture_tokens, 3, stopwords={"和"})
    assert "恐怖主义 和 暴力极端主义" not in set(trigrams["ngram"])
    assert set(trigrams["n"]) == {3}
    with pytest.raises(helpers.DataError):
        helpers.ngrams(fixture_tokens, 0)


def test_tfidf_keywords(fixture_tokens):
    table = helpers.tfidf_keywords(fixture_tokens, top=1)
    assert list(table.columns) == ["symbol", "para", "rank", "term", "tfidf"]
    # Paragraph 1 repeats 会员国; paragraphs 2 and 3 hold terms found nowhere else (ties -> term order).
    assert table["term"].tolist() == ["会员国", "和", "第1373(2001)号决议"]
    assert (table["tfidf"] > 0).all() and (table["tfidf"] <= 1).all()


def test_textrank_keywords():
    # Test fixture: 合作 co-occurs with every other word, so it is the hub of the graph.
    hub = pd.DataFrame({"symbol": "T", "para": [1, 2, 3], "text": ["会员国合作", "民间社会合作", "私营部门合作"]})
    table = helpers.textrank_keywords(helpers.token_table(hub), window=2)
    assert table["term"].tolist() == ["合作", "会员国", "民间社会", "私营部门"]
    assert table["score"].iloc[0] == 1.0 and table["score"].iloc[1] < 1.0
    assert table["count"].tolist() == [3, 1, 1, 1]


def test_keyness_matches_scipy_log_likelihood():
    target = Counter({"恐怖主义": 10, "的": 40, "会员国": 5, "其他": 45})
    reference = Counter({"恐怖主义": 5, "的": 600, "会员国": 0, "其他": 395})
    table = helpers.keyness(target, reference).set_index("term")
    for term in target:
        a, b = target[term], reference[term]
        observed = np.array([[a, 100 - a], [b, 1000 - b]])
        g2, p, _, _ = chi2_contingency(observed, correction=False, lambda_="log-likelihood")
        assert abs(abs(table.loc[term, "g2"]) - g2) < 1e-3, term
        assert math.isclose(table.loc[term, "p_value"], p, rel_tol=1e-3)
    assert table.loc["恐怖主义", "g2"] > 0 and table.loc["的", "g2"] < 0
    assert table.loc["恐怖主义", "log_ratio"] == round(math.log2((10 / 100) / (5 / 1000)), 4)
    assert table.loc["会员国", "log_ratio"] == round(math.log2((5 / 100) / (0.5 / 1000)), 4)


def test_keyness_order_terms_and_errors():
    target = pd.Series({"甲": 3, "乙": 3, "丙": 1})
    reference = Counter({"甲": 1, "乙": 1, "丁": 9})
    table = helpers.keyness(target, reference)
    assert list(table.columns) == ["term", "count_target", "count_reference", "g2", "p_value", "log_ratio"]
    assert table["term"].tolist()[:2] == ["乙", "甲"]  # equal g2: term order
    assert table["g2"].is_monotonic_decreasing
    assert "丁" in set(table["term"]) and "丁" not in set(helpers.keyness(target, reference, terms="target")["term"])
    with pytest.raises(helpers.DataError, match="terms must be"):
        helpers.keyness(target, reference, terms="all")
    with pytest.raises(helpers.DataError, match=">= 0"):
        helpers.keyness(Counter({"甲": -1}), reference)


def test_wordfreq_reference_is_general_chinese():
    reference = helpers.wordfreq_reference(["安全理事会"])
    assert reference.idxmax() == "的"
    assert 9e7 < reference.attrs["size"] < 1.1e8
    assert reference.min() >= 0 and reference["安全理事会"] > 0  # estimated from 安全 + 理事会
    assert reference["安全理事会"] < reference["理事会"]


def test_wordfreq_reference_says_where_each_count_comes_from():
    """The list is not a corpus: some words are missing (estimated from their parts) and some have an entry that
    wordfreq's own lookup would not use (its tokenizer splits them), e.g. 强调指出 -> 强调 | 指出."""
    reference = helpers.wordfreq_reference(["安全理事会", "强调指出", "恐怖主义"])
    assert reference.attrs["status"] == {"安全理事会": "estimated", "强调指出": "split", "恐怖主义": "listed"}
    assert list(reference.attrs["lookup"]) == ["强调指出"]
    assert reference.attrs["lookup"]["强调指出"] > 100 * reference["强调指出"]  # the two numbers disagree


def test_kwic_by_tokens_and_chars(statement, fixture_tokens):
    by_tokens = helpers.kwic(FIXTURE, "恐怖主义", window=2)
    assert list(by_tokens.columns) == ["symbol", "para", "position", "left", "keyword", "right"]
    assert by_tokens[["para", "left", "keyword", "right"]].values.tolist() == [
        [1, "会员国打击", "恐怖主义", "，会员国"],
        [2, "合作打击", "恐怖主义", "和暴力极端主义"],
    ]
    assert helpers.kwic(fixture_tokens, "恐怖主义", window=2).equals(by_tokens)
    assert helpers.kwic(FIXTURE, "打击恐怖主义", window=1)["keyword"].tolist() == ["打击恐怖主义"] * 2
    assert helpers.kwic(FIXTURE, "恐怖主义$|^会员", regex=True)["keyword"].tolist() == [
        "会员国", "恐怖主义", "会员国", "恐怖主义", "会员国"]
    # Characters see 人权 inside 国际人权法 too; tokens do not.
    chars = helpers.kwic(statement, "人权", by="chars", window=3)
    tokens = helpers.kwic(statement, "人权")
    assert len(chars) == 3 and len(tokens) == 2
    assert chars[["para", "left", "keyword", "right"]].values.tolist() == [
        [7, "据国际", "人权", "法、国"],
        [7, "出，对", "人权", "、基本"],
        [11, "时尊重", "人权", "和基本"],
    ]
    assert chars.equals(chars.sort_values(["para", "position"], ignore_index=True))
    with pytest.raises(helpers.DataError, match="by must be"):
        helpers.kwic(FIXTURE, "会员国", by="words")


def test_kwic_counts_agree_with_the_text(statement):
    text = "\n".join(statement["text"])
    assert len(helpers.kwic(statement, "会员国", by="chars")) == text.count("会员国")
    assert len(helpers.kwic(statement, "会员国")) == text.count("会员国")


def test_collocations(fixture_tokens):
    table = helpers.collocations(fixture_tokens, "会员国", window=2, min_count=1)
    assert list(table.columns) == ["collocate", "count", "count_collocate", "log_dice", "pmi"]
    row = table.set_index("collocate").loc["合作"]
    # 合作 falls within two running tokens of 会员国 in paragraphs 1 and 3 (once each).
    assert row["count"] == 2 and row["count_collocate"] == 3
    assert row["log_dice"] == round(14 + math.log2(2 * 2 / (3 + 3)), 3)
    assert row["pmi"] == round(math.log2(2 * 15 / (3 * 3 * 4)), 3)
    assert (table["count"] <= table["count_collocate"]).all()
    assert helpers.collocations(fixture_tokens, "会员国", window=2, min_count=2)["collocate"].tolist() == ["合作"]


def test_dispersion(statement_tokens):
    hits = helpers.dispersion(statement_tokens, ["人权", "民间社会", "互联网"])
    assert hits.groupby("term", sort=False).size().to_dict() == {"人权": 2, "民间社会": 2, "互联网": 2}
    running = statement_tokens[statement_tokens["kind"] != "punct"].reset_index(drop=True)
    assert (running.loc[hits["offset"], "token"].to_numpy() == hits["term"].to_numpy()).all()
    assert hits.attrs["n_tokens"] == len(running)
    assert [para for para, _ in hits.attrs["para_offsets"]] == list(range(19))


def test_plots_draw_chinese_without_warnings(statement_tokens):
    helpers.use_chinese_font()
    frequencies = helpers.term_frequencies(statement_tokens, stopwords=helpers.stopwords())
    fig, axes = plt.subplots(3, 1, figsize=(6, 9))
    helpers.frequency_bars(frequencies, top=5, ax=axes[0])
    helpers.dispersion_plot(statement_tokens, ["人权", "民间社会"], ax=axes[1])
    helpers.word_cloud(frequencies, max_words=20, ax=axes[2], width=300, height=150)
    assert [t.get_text() for t in axes[0].get_yticklabels()] == helpers.bilingual_labels(frequencies["term"].head(5))
    assert axes[0].get_yticklabels()[0].get_text() == f"{frequencies['term'].iloc[0]} terrorism"
    assert [t.get_text() for t in axes[1].get_yticklabels()] == ["人权 human rights", "民间社会 civil society"]
    assert axes[2].images and axes[2].images[0].get_array().shape == (150, 300, 3)
    fig.canvas.draw()  # a missing glyph would raise here (warnings are errors in the test suite)
    plt.close(fig)


# Test fixture (测试样例), not UN text: the term 外国恐怖主义作战人员 written in both of its known forms.
VARIANTS = pd.DataFrame(
    {
        "symbol": ["TEST/2"] * 3,
        "para": [1, 2, 3],
        "text": [
            "测试样例：会员国打击外国恐怖主义作战人员。",
            "测试样例：会员国打击外国恐怖主义战斗人员。",
            "测试样例：外国恐怖主义战斗人员流动，会员国合作。",
        ],
    }
)
FIGHTERS, VARIANT = "外国恐怖主义作战人员", "外国恐怖主义战斗人员"


def test_every_count_takes_known_variants_as_one_term():
    tokens = helpers.token_table(VARIANTS)
    assert tokens["token"].tolist().count(VARIANT) == 2  # the surface is kept
    assert helpers.term_frequencies(tokens).set_index("term").loc[FIGHTERS, "count"] == 3
    bigrams = helpers.ngrams(tokens, 2).set_index("ngram")
    assert bigrams.loc[f"打击 {FIGHTERS}", "count"] == 2 and f"打击 {VARIANT}" not in bigrams.index
    keywords = helpers.tfidf_keywords(tokens, top=5)
    assert VARIANT not in set(keywords["term"]) and FIGHTERS in set(keywords["term"])
    textrank = helpers.textrank_keywords(tokens).set_index("term")
    assert textrank.loc[FIGHTERS, "count"] == 3 and VARIANT not in textrank.index
    assert helpers.han_terms(tokens)[FIGHTERS] == 3 and VARIANT not in helpers.han_terms(tokens)
    collocates = helpers.collocations(tokens, VARIANT, min_count=1).set_index("collocate")  # a variant finds its term
    assert collocates.loc["会员国", ["count", "count_collocate"]].tolist() == [3, 3]
    assert helpers.collocations(tokens, "会员国", min_count=1).set_index("collocate").loc[FIGHTERS, "count"] == 3
    where = helpers.dispersion(tokens, [VARIANT])
    assert where["term"].tolist() == [FIGHTERS] * 3 and where["para"].tolist() == [1, 2, 3]
    lines = helpers.kwic(tokens, FIGHTERS, window=1)
    assert lines["keyword"].tolist() == [FIGHTERS, VARIANT, VARIANT]  # found as a term, shown as written
    assert helpers.kwic(tokens, VARIANT, window=1)["para"].tolist() == [1, 2, 3]


def test_term_variants_shows_where_a_merge_happened():
    merged = helpers.term_variants(helpers.token_table(VARIANTS))
    assert merged.columns.tolist() == ["term", "count", "merged", "written", "variants"]
    assert merged.to_dict("records") == [
        {"term": FIGHTERS, "count": 3, "merged": 2, "written": f"{VARIANT} ×2, {FIGHTERS} ×1", "variants": VARIANT}
    ]


def test_term_variants_of_a_text_in_one_form_or_without_such_terms(statement_tokens, fixture_tokens):
    one_form = helpers.term_variants(statement_tokens)
    # S/PRST/2021/1 writes both of its terms that have known variants in one form only: nothing was merged.
    assert one_form[["term", "count", "merged"]].values.tolist() == [[FIGHTERS, 4, 0], ["国际人道法", 1, 0]]
    assert one_form.set_index("term").loc["国际人道法", "variants"] == "国际人道主义法"
    none = helpers.term_variants(fixture_tokens)
    assert none.empty and none.columns.tolist() == ["term", "count", "merged", "written", "variants"]
