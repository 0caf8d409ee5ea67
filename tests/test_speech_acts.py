"""Speech acts and modal words: S/PRST/2021/1 facts, the word rules, whose act a verb is, and table shapes.

Sentences written here are test fixtures composed for the rules (测试样例), not UN text; the only UN text used
is the shipped S/PRST/2021/1.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import helpers
from helpers import DataError, modal_words, speech_act_scale, speech_acts
from helpers.ingest import council_verbs
from helpers.ingest.registry import PROJECT_DATA
from helpers.ingest.statements import opening_verb

ACT_DTYPES = {
    "symbol": "str", "para": "int64", "verb": "str", "surface": "str", "start": "int64", "end": "int64",
    "force": "str", "force_rank": "int64", "english": "str", "own": "bool", "object": "str",
}
MODAL_DTYPES = {"symbol": "str", "para": "int64", "word": "str", "start": "int64", "end": "int64", "kind": "str",
                "own": "bool"}


@pytest.fixture(scope="module")
def statement() -> pd.DataFrame:
    return helpers.load_statement("S/PRST/2021/1")


@pytest.fixture(scope="module")
def acts(statement) -> pd.DataFrame:
    return speech_acts(statement)


def fixture_table(*texts: str) -> pd.DataFrame:
    """A paragraph table of composed test sentences (测试样例), one paragraph each."""
    return pd.DataFrame({"symbol": "TEST/FIXTURE", "para": range(1, len(texts) + 1), "text": list(texts)})


def found(text: str) -> list[tuple[str, str, bool]]:
    """(verb, surface, own) of each act in one composed sentence."""
    table = speech_acts(fixture_table(text))
    return list(zip(table["verb"], table["surface"], table["own"], strict=True))


def modals(text: str) -> list[tuple[str, bool]]:
    table = modal_words(fixture_table(text))
    return list(zip(table["word"], table["own"], strict=True))


# ---------------------------------------------------------------- S/PRST/2021/1


def test_the_statement_makes_no_demand_request_call_or_condemnation_of_its_own(acts):
    own = acts[acts["own"]]
    assert not own["verb"].isin(["谴责", "强烈谴责", "敦促", "呼吁", "促请", "吁请", "要求", "请", "决定"]).any()
    assert own["force_rank"].min() == 5  # its strongest own act is an encouragement
    assert sorted(own.loc[own["force"] == "encouragement", "para"]) == [12, 14, 16]


def test_decide_appears_only_inside_recalls_of_resolution_1373(statement, acts):
    decided = acts[acts["verb"] == "决定"]
    assert decided["para"].tolist() == [1, 8]
    assert not decided["own"].any()
    texts = statement.set_index("para")["text"]
    for row in decided.itertuples():
        sentence_so_far = texts[row.para][: row.start]
        assert "第1373(2001)号决议" in sentence_so_far
        recall = acts[(acts["para"] == row.para) & (acts["verb"] == "回顾")].iloc[0]
        assert recall["own"] and recall["start"] < row.start
    assert texts[1][decided.iloc[0]["start"] - 2 : decided.iloc[0]["end"]] == "其中决定"
    assert decided["object"].tolist() == [
        "设立反恐怖主义委员会",
        "所有会员国应确保将参与资助、策划、准备或实施恐怖主义行为或支持恐怖主义行为的任何人绳之以法",
    ]


def test_what_the_statement_does_not_do_of_its_own(acts):
    not_own = acts.loc[~acts["own"], ["para", "verb"]]
    assert list(not_own.itertuples(index=False, name=None)) == [
        (1, "决定"), (6, "致力于"), (8, "决定"), (17, "特别指出"),
    ]


def test_each_paragraph_opens_with_its_first_own_act(statement, acts):
    """Two mechanisms agree: the paragraph table's opening verb is the first own act of each paragraph."""
    first = acts[acts["own"]].groupby("para")["verb"].first()
    operative = statement[statement["kind"] == "operative"].set_index("para")["opening"]
    assert first.to_dict() == operative.to_dict()


def test_acts_after_a_comma_in_a_list_of_acts_are_the_councils(acts):
    para_7 = acts[acts["para"] == 7]
    assert list(zip(para_7["surface"], para_7["own"], strict=True)) == [
        ("还重申", True), ("特别指出", True), ("指出", True), ("还指出", True),
    ]
    assert para_7.iloc[0]["verb"] == "重申"
    welcome = acts[(acts["para"] == 1) & (acts["verb"] == "欢迎")].iloc[0]  # 其中决定…，在这方面欢迎…
    assert welcome["own"]
    condolences = acts[(acts["para"] == 2) & (acts["verb"] == "表示哀悼")].iloc[0]
    assert condolences["own"] and condolences["object"] == "恐怖主义受害者家属"


def test_modal_words_of_the_statement(statement):
    words = modal_words(statement)
    assert words["kind"].value_counts().sort_index().to_dict() == {
        "necessity": 4, "obligation": 4, "possibility": 3, "prohibition": 2,
    }
    shall = words[words["word"] == "应"]
    assert shall[["para", "own"]].values.tolist() == [[8, False]]  # inside the recalled decision of 1373
    assert words["own"].sum() == len(words) - 1
    texts = statement.set_index("para")["text"]
    assert "应对这一祸害" in texts[18] and 18 not in set(shall["para"])
    assert "不可开脱" in texts[3] and 3 not in set(words["para"])


def test_offsets_point_at_the_surface(statement, acts):
    texts = statement.set_index("para")["text"]
    for row in acts.itertuples():
        assert texts[row.para][row.start : row.end] == row.surface
        forms = council_verbs.speech_act_forms()
        assert any(row.surface.endswith(form) and verb == row.verb for form, verb in forms.items())


# ---------------------------------------------------------------- word rules (composed test fixtures)

FALSE_POSITIVES = [
    ("请", "测试样例：安理会审议了会员国的申请。", "安理会请秘书长报告。"),
    ("请", "测试样例：安理会接受了邀请。", "安理会请各方合作。"),
    ("请", "测试样例：应该国政府的请求，安理会开会。", "安理会还请秘书长报告。"),
    ("请", "测试样例：秘书长提请安理会注意此事。", "安理会请秘书长提交报告。"),
    ("要求", "测试样例：各方未能满足安理会的要求。", "安理会要求各方停火。"),
    ("要求", "测试样例：秘书长按要求提交报告。", "安理会要求各方遵守。"),
    ("决定", "测试样例：安理会欢迎大会的决定。", "安理会决定延长任务期限。"),
    ("决定", "测试样例：这是决定性的一步。", "安理会决定继续处理此案。"),
    ("决定", "测试样例：安理会审议了决定草案。", "安理会决定设立委员会。"),
    ("决定", "测试样例：安理会作出决定。", "安理会决定派团。"),
    ("呼吁", "测试样例：安理会收到一份呼吁书。", "安理会呼吁各方克制。"),
    ("呼吁", "测试样例：各国响应秘书长的呼吁。", "安理会呼吁各国合作。"),
    ("谴责", "测试样例：这种行为受到谴责。", "安理会谴责这种行为。"),
    ("欢迎", "测试样例：该倡议受欢迎。", "安理会欢迎该倡议。"),
    ("授权", "测试样例：特派团的任务授权到期。", "安理会授权特派团采取行动。"),
    ("鼓励", "测试样例：各国受到鼓励。", "安理会鼓励各国合作。"),
]


@pytest.mark.parametrize(("verb", "negative", "positive"), FALSE_POSITIVES)
def test_a_word_that_only_looks_like_the_act_is_not_counted(verb, negative, positive):
    assert verb not in [v for v, _, _ in found(negative)]
    assert (verb, True) in [(v, own) for v, _, own in found(positive)]


MODAL_FALSE_POSITIVES = [
    ("应", "测试样例：各国合作应对威胁。", "测试样例：各国应合作。"),
    ("应", "测试样例：各国响应号召。", "测试样例：各国应予合作。"),
    ("应", "测试样例：各国作出相应安排。", "测试样例：所有会员国应确保合作。"),
    ("应", "测试样例：各国适应新情况。", "测试样例：各方应停火。"),
    ("应", "测试样例：各国保障供应。", "测试样例：各国应提供资料。"),
    ("应", "测试样例：各国推广应用技术。", "测试样例：各国应采取措施。"),
    ("应", "测试样例：秘书长应邀出席。", "测试样例：秘书长应出席。"),
    ("应", "测试样例：委员会发挥应有作用。", "测试样例：委员会应发挥作用。"),
    ("应", "测试样例：应利比亚政府的请求，安理会开会。", "测试样例：利比亚政府应满足的要求，安理会开会。"),
    ("可", "测试样例：各国实现可持续发展。", "测试样例：委员会可请专家协助。"),
    ("可", "测试样例：这是不可开脱的罪行。", "测试样例：各国可酌情报告。"),
    ("可", "测试样例：安理会认可这一作用。", "测试样例：委员会可邀请专家。"),
    ("可能", "测试样例：各国尽可能合作。", "测试样例：冲突可能加剧。"),
    ("需", "测试样例：各国提供必需物资。", "测试样例：各国需相互合作。"),
    ("需", "测试样例：满足人道主义需求。", "测试样例：各方需停止攻击。"),
    ("需", "测试样例：提供所需资源。", "测试样例：会员国需加强合作。"),
    ("需要", "测试样例：满足人民的需要。", "测试样例：全面方针需要有多边行动。"),
    ("宜", "测试样例：安理会讨论有关事宜。", "测试样例：各国宜加强合作。"),
]


@pytest.mark.parametrize(("word", "negative", "positive"), MODAL_FALSE_POSITIVES)
def test_a_word_that_only_looks_modal_is_not_counted(word, negative, positive):
    assert word not in [w for w, _ in modals(negative)]
    assert word in [w for w, _ in modals(positive)]


def test_longer_modal_words_win():
    assert modals("测试样例：各国可以合作，也可能不合作，应当尽可能合作，不应当拖延。") == [
        ("可以", True), ("可能", True), ("应当", True), ("尽可能", True), ("不应当", True),
    ]


# ---------------------------------------------------------------- whose act (composed test fixtures)


def test_acts_after_the_council_and_in_a_list_are_its_own():
    assert found("测试样例：安理会强调各方必须合作，鼓励各国捐助，并在这方面请秘书长报告。") == [
        ("强调", "强调", True), ("鼓励", "鼓励", True), ("请", "请", True),
    ]
    assert found("测试样例：安全理事会再次重申其立场并强调合作。") == [
        ("重申", "再次重申", True), ("强调", "强调", True),
    ]


def test_a_verb_after_qizhong_or_inside_a_cited_resolution_is_recalled():
    assert found("测试样例：安理会回顾第2178(2014)号决议，其中除其他外决定各国应防止流动，并请秘书长报告。") == [
        ("回顾", "回顾", True), ("决定", "决定", False), ("请", "请", False),
    ]
    assert found("测试样例：安理会回顾其在第2178(2014)号决议中要求各方停火，在这方面敦促各方合作。") == [
        ("回顾", "回顾", True), ("要求", "要求", False), ("敦促", "敦促", True),
    ]
    assert modals("测试样例：安理会回顾其在第2178(2014)号决议中决定，所有会员国应确保合作。") == [("应", False)]
    assert modals("测试样例：安理会回顾其第2178(2014)号决议。所有会员国应确保合作。") == [("应", True)]


def test_a_recall_ends_at_the_sentence_or_when_the_council_speaks_again():
    text = "测试样例：安理会回顾秘书长在报告中强调合作；鼓励各国合作，安理会还请各方报告。"
    assert found(text) == [("回顾", "回顾", True), ("强调", "强调", False), ("鼓励", "鼓励", True),
                           ("请", "还请", True)]


def test_a_quoted_verb_is_not_the_councils_act():
    text = "“测试样例：安理会强调，“各国必须谴责恐怖主义”，并敦促各国合作。”"
    assert found(text) == [("强调", "强调", True), ("谴责", "谴责", False), ("敦促", "敦促", True)]
    assert modals(text) == [("必须", False)]
    table = speech_acts(fixture_table(text))
    assert table.loc[0, "object"] == "“各国必须谴责恐怖主义”"


def test_a_verb_inside_a_title_is_not_an_act():
    assert found("测试样例：安理会欢迎《关于决定的宣言》。") == [("欢迎", "欢迎", True)]


def test_a_verb_with_another_subject_or_as_the_object_of_an_act_is_not_the_councils():
    assert found("测试样例：安理会欢迎秘书长决定设立办公室，并请秘书长报告。") == [
        ("欢迎", "欢迎", True), ("决定", "决定", False), ("请", "请", True),
    ]
    assert found("测试样例：安理会重申其决心，并强调合作。") == [
        ("重申", "重申", True), ("决心", "决心", False), ("强调", "强调", True),
    ]


def test_prepositional_phrase_before_an_expression_verb():
    table = speech_acts(fixture_table("测试样例：安理会对受害者家属深表哀悼，并对各国表示支持。"))
    assert table[["verb", "own", "object"]].values.tolist() == [
        ["表示哀悼", True, "受害者家属"], ["表示支持", True, "各国"],
    ]


def test_resolution_paragraphs():
    table = speech_acts(fixture_table(
        "测试样例：重申其对该国主权的承诺，",
        "深为关切地注意到局势恶化，",
        "1. 决定所有国家应冻结资金；",
        "2．要求各方立即停火；",
        "(a) 请秘书长每六个月报告一次；",
        "3.\t强烈谴责一切袭击，并呼吁各方克制；",
    ))
    assert table[["para", "verb", "force", "own"]].values.tolist() == [
        [1, "重申", "affirmation", True],
        [2, "深为关切", "concern", True],
        [3, "决定", "decision", True],
        [4, "要求", "demand", True],
        [5, "请", "request", True],
        [6, "强烈谴责", "condemnation", True],
        [6, "呼吁", "call", True],
    ]
    assert table.loc[2, "object"] == "所有国家应冻结资金"
    assert table.loc[1, "surface"] == "深为关切地注意到"


def test_traditional_text_after_simplification():
    """OpenCC t2s leaves 著重指出 as written (checked with opencc 1.4.2); it is a form of 着重指出."""
    assert found("“测试样例：安全理事会著重指出，有必要加强合作。") == [("着重指出", "著重指出", True)]


# ---------------------------------------------------------------- shapes and order


def test_empty_and_actless_tables_keep_columns_and_dtypes():
    for table in (fixture_table(), fixture_table("测试样例：没有任何行为动词。", "")):
        for result, dtypes in ((speech_acts(table), ACT_DTYPES), (modal_words(table), MODAL_DTYPES)):
            assert result.empty
            assert result.dtypes.astype(str).to_dict() == dtypes


def test_columns_dtypes_and_order_over_many_statements(statement):
    many = pd.concat(
        [statement.assign(symbol=symbol) for symbol in ("S/PRST/9001/3", "S/PRST/9001/1", "S/PRST/9001/2")],
        ignore_index=True,
    ).iloc[::-1]  # paragraphs in reverse: the result is still sorted by para and start within a statement
    assert len(many) == 57
    acts = speech_acts(many)
    assert list(acts.columns) == list(ACT_DTYPES)
    assert acts.dtypes.astype(str).to_dict() == ACT_DTYPES
    assert list(dict.fromkeys(acts["symbol"])) == ["S/PRST/9001/2", "S/PRST/9001/1", "S/PRST/9001/3"]
    for _, group in acts.groupby("symbol", sort=False):
        assert list(zip(group["para"], group["start"], strict=True)) == sorted(zip(group["para"], group["start"],
                                                                                   strict=True))
    single = speech_acts(statement)
    assert len(acts) == 3 * len(single)
    words = modal_words(many)
    assert list(words.columns) == list(MODAL_DTYPES)
    assert words.dtypes.astype(str).to_dict() == MODAL_DTYPES


def test_the_corpus_and_a_table_without_symbol(statement):
    corpus = helpers.load_corpus()
    assert speech_acts(corpus).drop(columns="symbol").equals(speech_acts(statement).drop(columns="symbol"))
    bare = statement[["para", "text"]].copy()
    bare.attrs = {"symbol": "S/PRST/2021/1"}
    assert set(speech_acts(bare)["symbol"]) == {"S/PRST/2021/1"}
    bare.attrs = {}
    assert speech_acts(bare)["symbol"].isna().all()


def test_a_table_without_text_is_refused_in_one_line():
    with pytest.raises(DataError, match=r"^speech_acts: the paragraph table lacks column 'text'; pass a table from"):
        speech_acts(pd.DataFrame({"para": [1]}))
    with pytest.raises(DataError, match=r"^modal_words: column 'para' must hold paragraph numbers"):
        modal_words(pd.DataFrame({"para": ["one"], "text": ["测试样例"]}))


# ---------------------------------------------------------------- arbitrary text

FRAGMENTS = st.sampled_from([
    "安全理事会", "安理会", "其中", "号决议中", "第1373(2001)号决议", "，", "。", "；", "“", "”", "《", "》", "并",
    "在这方面", "还", "再次", "向", "对", "的", "申", "请", "决定", "要求", "呼吁", "书", "重申", "强调指出", "表示关切",
    "表示哀悼", "应", "应对", "可", "可能", "不可", "需", "需要", "必须", "宜", "1. ", "(a)", "地", "中", "了",
    "在", "上", "时", "方面", "为此",
])


@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=3)), max_size=40).map("".join))
def test_offsets_hold_and_nothing_raises_on_any_text(text):
    table = fixture_table(text)
    acts = speech_acts(table)
    for row in acts.itertuples():
        assert text[row.start : row.end] == row.surface
        assert row.object in text or row.object == ""
        assert 1 <= row.force_rank <= speech_act_scale()["force_rank"].max()
    for row in modal_words(table).itertuples():
        assert text[row.start : row.end] == row.word


# ---------------------------------------------------------------- the tables


def test_the_scale():
    scale = speech_act_scale()
    assert list(scale.columns) == ["verb", "force", "force_rank", "english", "note"]
    assert scale.equals(scale.sort_values(["force_rank", "verb"], ignore_index=True))
    ranks = scale.drop_duplicates("force").set_index("force")["force_rank"]
    assert list(ranks.index[:5]) == ["decision", "demand", "request", "call", "encouragement"]
    assert list(ranks.index[-2:]) == ["welcome_note", "recall"]
    required = ("决定 要求 促请 吁请 呼吁 敦促 鼓励 欢迎 请 注意到 表示关切 表示严重关切 深表关切 谴责 强烈谴责 重申 回顾 强调 "
                "强调指出 着重指出 特别指出 认识到 确认 赞扬 表示支持 表示哀悼 申明 指出 决心 将继续").split()
    assert set(required) <= set(scale["verb"])
    scale.loc[0, "verb"] = "changed"  # a copy: the cached table is untouched
    assert speech_act_scale().loc[0, "verb"] != "changed"


def test_the_readme_scale_agrees_with_the_table():
    readme = (PROJECT_DATA / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| `(\w+)` \| ([^|]+) \|", readme, flags=re.MULTILINE)
    scale = speech_act_scale()
    assert {force: int(rank) for rank, force, _ in rows} == scale.drop_duplicates("force").set_index("force")[
        "force_rank"].to_dict()
    for _, force, verbs in rows:
        listed = {verb.strip() for verb in verbs.replace("…", "").split(",") if verb.strip()}
        assert listed <= set(scale.loc[scale["force"] == force, "verb"]), force


def test_opening_verbs_come_from_the_speech_act_table():
    assert opening_verb("“安理会表示感谢，测试样例") == "感谢"
    assert opening_verb("“安理会著重指出，测试样例") == "着重指出"
    assert opening_verb("“安全理事会向受害者家属表示哀悼，测试样例") == "表示哀悼"
    english = helpers.opening_profile(helpers.load_statement()).set_index("verb")["english"]
    assert english["将继续"] == "will continue" and english.notna().all()


def _write(path, header, *rows):
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("rows", "message"), [
    (["决定,decision,1,decides,,,,", "决定,demand,2,demands,,,,"], r"决定 listed more than once"),
    (["决定,decision,1,decides,裁定,,,", "裁定,decision,1,rules,,,,"], r"裁定 listed more than once"),
    (["决定,decision,1,decides,,,,", "授权,decision,2,authorizes,,,,"], r"force 'decision' has more than one"),
    (["决定,decision,1,decides,,,,", "回顾,recall,3,recalls,,,,"], r"force_rank must run 1\.\.2"),
    (["决定,decision,one,decides,,,,"], r"force_rank must be a whole number"),
    (["决定,decision,1,,,,,"], r"row 2 lacks a verb, force or english gloss"),
])
def test_a_broken_speech_act_table_is_named(tmp_path, monkeypatch, rows, message):
    path = _write(tmp_path / "speech_acts.csv", ",".join(council_verbs.SPEECH_ACT_FILE_COLUMNS), *rows)
    monkeypatch.setattr(council_verbs, "SPEECH_ACTS_FILE", path)
    with pytest.raises(DataError, match=rf"speech_acts\.csv: {message}"):
        council_verbs.speech_act_table.__wrapped__()


def test_a_broken_modal_table_is_named(tmp_path, monkeypatch):
    path = _write(tmp_path / "modal_words.csv", ",".join(council_verbs.MODAL_FILE_COLUMNS),
                  "应,obligation,shall,,,", "应,obligation,should,,,")
    monkeypatch.setattr(council_verbs, "MODAL_WORDS_FILE", path)
    with pytest.raises(DataError, match=r"modal_words\.csv: 应 listed more than once"):
        council_verbs.modal_word_table.__wrapped__()
    monkeypatch.setattr(council_verbs, "MODAL_WORDS_FILE", tmp_path / "missing.csv")
    with pytest.raises(DataError, match=r"missing\.csv: the table is missing"):
        council_verbs.modal_word_table.__wrapped__()


def test_not_own_reasons_tell_an_object_from_a_recall(statement):
    acts = speech_acts(statement)
    reasons = helpers.not_own_reasons(acts)
    assert (reasons[acts["own"]] == "").all() and (reasons[~acts["own"]] != "").all()
    by_para = dict(zip(acts.loc[~acts["own"], "para"], reasons[~acts["own"]], strict=True))
    assert by_para == {1: "recall, quotation or another subject", 6: "object of another act",
                       8: "recall, quotation or another subject", 17: "recall, quotation or another subject"}
