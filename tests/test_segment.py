"""Segmentation: citations and UN terms come out whole, jieba is set up quietly, rjieba agrees."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import helpers
from helpers.analysis import segment
from helpers.analysis.citations import citation_spans

# Terms that must come out of S/PRST/2021/1 as single tokens at every occurrence.
GOLDEN_TERMS = [
    "安全理事会",
    "安理会",
    "反恐怖主义委员会",
    "反恐委员会",
    "反恐执行局",
    "联合国反恐怖主义办公室",
    "反恐办",
    "外国恐怖主义作战人员",
    "暴力极端主义",
    "冠状病毒病",
    "大流行",
    "会员国",
    "民间社会",
    "国际人道法",
    "国际人权法",
    "国际难民法",
    "私营部门",
    "利益攸关方",
    "国际社会",
    "基本自由",
    "主席声明",
]
GOLDEN_CITATIONS = [
    "S/2020/372",
    "第1373(2001)号决议",
    "2178(2014)",
    "2462(2019)号决议",
    "1540(2004)号决议",
    "《联合国宪章》",
    "《联合国全球反恐战略》",
    "《全球反恐战略》",
    "《全球反恐协调契约》",
]


@pytest.fixture(scope="module")
def statement() -> pd.DataFrame:
    return helpers.load_statement("S/PRST/2021/1")


@pytest.fixture(scope="module")
def text(statement) -> str:
    return "\n".join(statement["text"])


@pytest.fixture(scope="module")
def tokens(text) -> list[str]:
    return helpers.tokenize(text)


def test_golden_terms_and_citations_are_single_tokens(text, tokens):
    missing = [term for term in GOLDEN_TERMS + GOLDEN_CITATIONS if term not in tokens]
    assert missing == []
    # A list of resolutions gives one token per member; the first keeps 第, the last keeps 号决议.
    assert "第1373(2001)" in tokens
    audit = helpers.segmentation_audit(text, GOLDEN_TERMS + GOLDEN_CITATIONS)
    assert (audit["occurrences"] > 0).all()
    # 安全理事会 is whole everywhere, and alone everywhere but in the chapeau, where the longer entity name
    # 安全理事会主席 (the President, an entity of data/un_entities.csv) is one token.
    assert audit.loc[~audit["project_whole"], "term"].tolist() == ["安全理事会"]
    assert tokens.count("安全理事会主席") == 1 and tokens.count("安全理事会") == text.count("安全理事会") - 1


def test_the_audit_says_which_occurrences_sit_inside_longer_terms(text):
    audit = helpers.segmentation_audit(text, ["安全理事会主席", "安全理事会", "执行局", "反恐执行局"]).set_index("term")
    # 安全理事会 once inside the President's name (the chapeau), 19 times on its own, each one token.
    assert audit.loc["安全理事会", ["occurrences", "inside_longer", "longer"]].tolist() == [20, 1, "安全理事会主席"]
    assert audit.loc["执行局", ["occurrences", "inside_longer", "longer"]].tolist() == [6, 4, "反恐执行局"]
    assert audit["project_whole"].all()
    assert audit.loc["安全理事会主席", ["inside_longer", "longer"]].tolist() == [0, ""]


def test_the_audit_counts_a_term_broken_on_its_own_as_broken():
    # Test fixture (测试样例), not UN text: 人权 is whole inside 国际人权法 but glued to 尊重 by plain jieba's 尊重人权.
    sample = "测试样例：国际人权法。尊重人权。"
    audit = helpers.segmentation_audit(sample, ["人权", "国际人权法", "不在文中"]).set_index("term")
    assert audit.loc["人权", ["occurrences", "inside_longer", "longer"]].tolist() == [2, 1, "国际人权法"]
    assert audit.loc["人权", "default_jieba"] == "尊重人权" and not audit.loc["人权", "default_whole"]
    assert audit.loc["人权", "project"] == "人权" and audit.loc["人权", "project_whole"]
    assert audit.loc["不在文中", ["occurrences", "project_whole", "project"]].tolist() == [0, False, ""]
    alone_inside = helpers.segmentation_audit("安全理事会主席", ["安全理事会", "安全理事会主席"]).set_index("term")
    assert alone_inside.loc["安全理事会", ["inside_longer", "project_whole"]].tolist() == [1, False]


def test_plain_jieba_shreds_what_the_pipeline_keeps(text):
    """The audit is not vacuous: default jieba cuts these terms and every citation."""
    audit = helpers.segmentation_audit(text, GOLDEN_TERMS + GOLDEN_CITATIONS).set_index("term")
    broken = ["安全理事会", "反恐怖主义委员会", "外国恐怖主义作战人员", "冠状病毒病", "大流行", "民间社会"]
    assert not audit.loc[broken + GOLDEN_CITATIONS, "default_whole"].any()
    assert audit.loc["安全理事会", "default_jieba"] == "安全 | 理事会"
    assert audit.loc["S/2020/372", "default_jieba"] == "S | / | 2020 | / | 372"


def test_every_citation_span_is_exactly_one_token(statement):
    table = helpers.token_table(statement)
    for para, paragraph in zip(statement["para"], statement["text"], strict=True):
        spans = citation_spans(paragraph)
        found = table[(table["para"] == para) & (table["kind"] == "citation")]
        assert found["token"].tolist() == [span.surface for span in spans]
        assert list(zip(found["start"], found["end"], strict=True)) == [(s.start, s.end) for s in spans]


def test_url_and_spaced_citations_stay_whole():
    # Test fixture written for this test, not UN text.
    sample = "见 https://undocs.org/ch/S/RES/1373(2001) 以及第 2178 (2014) 号决议和S/PRST/2005/64。"
    tokens = helpers.tokenize(sample)
    assert "https://undocs.org/ch/S/RES/1373(2001)" in tokens
    assert "第2178(2014)号决议" in tokens
    assert "S/PRST/2005/64" in tokens


def test_lexicon_terms_come_out_whole_on_their_own():
    lexicon = helpers.read_lexicon()
    for row in lexicon.itertuples():
        tokens = helpers.tokenize(row.term)
        if row.kind == "split":
            assert tokens != [row.term], row.term
        else:
            assert tokens == [row.term], row.term


def test_lexicon_has_the_required_entries_and_its_paragraph_references_hold(statement):
    lexicon = helpers.read_lexicon()
    assert set(GOLDEN_TERMS) <= set(lexicon["term"]) | set(helpers.entity_names()["name"])
    assert not set(lexicon["term"]) & set(helpers.entity_names()["name"]), "one place for each name"
    assert lexicon["term"].is_monotonic_increasing and lexicon["term"].is_unique
    assert set(lexicon["kind"]) <= set(segment.LEXICON_KINDS)
    texts = statement.set_index("para")["text"]
    for term, justification in zip(lexicon["term"], lexicon["justification"], strict=True):
        for numbers in re.findall(r"paragraphs? (\d+(?:(?:,| and) \d+)*)", justification):
            for number in map(int, re.findall(r"\d+", numbers)):
                assert term in texts[number], f"{term}: not in paragraph {number}"


def test_split_entry_keeps_human_rights_countable(tokens, text):
    assert "尊重人权" not in tokens
    assert tokens.count("人权") == text.count("人权") - text.count("国际人权法")


@pytest.mark.parametrize("backend", ["jieba", "rjieba"])
def test_split_words_are_never_tokens_even_when_the_hmm_makes_them_up(backend, statement):
    split = set(helpers.read_lexicon().query("kind == 'split'")["term"])
    assert {"使受", "时需"} <= split
    tokens = [token for text in statement["text"] for token in helpers.tokenize(text, backend=backend)]
    assert not split & set(tokens)
    # Test fixture written for this test, not UN text: the modal 需 stays a token of its own.
    assert helpers.tokenize("各国行为时需相互合作", backend=backend)[-3:] == ["时", "需", "相互合作"]


def test_guessed_words_are_the_tokens_no_dictionary_lists(statement):
    table = helpers.token_table(statement)
    guessed = helpers.guessed_words(table)
    assert guessed.columns.tolist() == ["token", "count", "paragraphs"]
    # 中所列 of the chapeau (…号文件中所列程序) is jieba's HMM gluing 中 to 所列: the kind of non-word this shows.
    assert "中所列" in set(guessed["token"])
    plain = segment.jieba_module().dt
    plain.initialize()
    lexicon = helpers.read_lexicon()
    listed = (set(lexicon.loc[lexicon["freq"] > 0, "term"]) | set(helpers.speech_act_words())
              | set(helpers.entity_names()["name"]) | {word for word, freq in plain.FREQ.items() if freq})
    words = table.loc[(table["kind"] == "word") & table["token"].str.fullmatch(r"[\u4e00-\u9fff]{2,}"), "token"]
    assert set(guessed["token"]) == set(words) - listed
    assert guessed["count"].tolist() == [int((table["token"] == token).sum()) for token in guessed["token"]]
    assert guessed.equals(guessed.sort_values(["count", "token"], ascending=[False, True]).reset_index(drop=True))
    assert helpers.guessed_words(table.iloc[:0]).empty


def test_guessed_words_needs_a_token_table(statement):
    with pytest.raises(helpers.DataError, match="guessed_words needs a token table from helpers.token_table"):
        helpers.guessed_words(statement)


def test_bad_lexicon_is_a_data_error(tmp_path):
    path = tmp_path / "lexicon.csv"
    path.write_text("term,freq,pos,kind,justification,variant_of\n安全理事会,-5,nt,organ,,\n", encoding="utf-8")
    with pytest.raises(helpers.DataError, match="lexicon.csv: .*kind must be one of.*freq must be"):
        helpers.read_lexicon(path)
    with pytest.raises(helpers.DataError, match="missing"):
        helpers.read_lexicon(tmp_path / "absent.csv")


def test_rjieba_backend_gives_the_same_tokens(statement, text, tokens):
    assert helpers.tokenize(text, backend="rjieba") == tokens
    jieba_table = helpers.token_table(statement)
    rjieba_table = helpers.token_table(statement, backend="rjieba")
    pd.testing.assert_frame_equal(jieba_table, rjieba_table)


def test_unknown_backend_and_bad_table_are_data_errors():
    with pytest.raises(helpers.DataError, match="unknown segmentation backend 'thulac'"):
        helpers.tokenize("安全理事会", backend="thulac")
    with pytest.raises(helpers.DataError, match="missing"):
        helpers.token_table(pd.DataFrame({"para": [1]}))


def test_token_table_columns_offsets_and_kinds(statement):
    table = helpers.token_table(statement)
    assert list(table.columns) == segment.TOKEN_COLUMNS
    assert set(table["kind"]) == set(segment.TOKEN_KINDS)
    texts = statement.set_index("para")["text"]
    for row in table.itertuples():
        assert "".join(texts[row.para][row.start : row.end].split()) == row.token
    positions = table.groupby("para")["position"].agg(list)
    assert all(p == list(range(len(p))) for p in positions)
    assert table["token"].str.strip().eq(table["token"]).all() and (table["token"] != "").all()
    assert table.loc[table["token"] == "，", "kind"].eq("punct").all()
    assert table.loc[table["token"] == "2021", "kind"].eq("number").all()


_CHARS = st.sampled_from(list("安全理事会恐怖主义大流行病第号决议年，。、《》()（）“” \n\tS/0123456789abc"))


@given(st.text(_CHARS, max_size=40))
def test_tokens_rebuild_the_text_without_whitespace(sample):
    tokens = helpers.tokenize(sample)
    assert "".join(tokens) == "".join(sample.split())
    assert all(token and not any(ch.isspace() for ch in token) for token in tokens)


def test_progress_bar_only_when_asked(statement, capsys):
    helpers.token_table(statement, progress=False)
    assert capsys.readouterr().err == ""
    helpers.token_table(statement.head(2), progress=True)
    assert "segmenting" in capsys.readouterr().err
    helpers.token_table(statement)  # not a terminal, short work: quiet
    assert capsys.readouterr().err == ""


def test_jieba_is_set_up_quietly_with_a_user_cache(tmp_path):
    """A fresh process: no stderr, warnings as errors, jieba's cache in the user cache dir, none in TMPDIR."""
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), TMPDIR=str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    code = (
        "import logging, helpers; "
        "print(helpers.tokenize('安全理事会重申')); "
        "from helpers.analysis import segment; "
        "print(logging.getLogger('jieba').level >= logging.WARNING, segment.jieba_module().dt.tmp_dir)"
    )
    result = subprocess.run([sys.executable, "-W", "error", "-c", code], env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == "['安全理事会', '重申']"
    assert lines[1] == f"True {tmp_path / 'cache' / 'prst-zh'}"
    assert (Path(tmp_path) / "cache" / "prst-zh" / "jieba.cache").is_file()
    assert list((tmp_path / "tmp").iterdir()) == []
