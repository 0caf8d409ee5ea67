"""Citation forms as Council texts write them, and the UN entity table shared by citations and segmentation.

Every Chinese sentence below is a short test fixture composed for these tests (测试样例), not UN text; each
imitates one form of citation and asserts the exact kind and key found.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import helpers
from helpers.analysis import entities
from helpers.analysis.citations import citation_spans, segment_spans
from helpers.analysis.segment import speech_act_words

PROPERTY = settings(max_examples=200, deadline=None)


def found(text: str, kind: str | None = None) -> list[tuple[str, str]]:
    table = helpers.extract_citations(text)
    rows = table if kind is None else table[table["kind"] == kind]
    return list(zip(rows["kind"], rows["key"], strict=True))


# ---------------------------------------------------------------- resolutions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a date before each member of a list: every member is found
        ("回顾其1999年10月15日第1267(1999)号、2000年12月19日第1333(2000)号……和2002年12月20日第1452(2002)号决议",
         ["S/RES/1267(1999)", "S/RES/1333(2000)", "S/RES/1452(2002)"]),
        ("回顾其2001年9月28日第1373(2001)号、2014年9月24日第2178(2014)号和2019年3月28日第2462(2019)号决议",
         ["S/RES/1373(2001)", "S/RES/2178(2014)", "S/RES/2462(2019)"]),
        ("回顾大会2006年9月8日第60/288号决议", ["A/RES/60/288"]),
        # General Assembly sessions in Roman numerals
        ("遵循第2625(XXV)号决议", ["A/RES/2625(XXV)"]),
        ("大会第3314（XXIX）号决议和第1373(2001)号决议", ["A/RES/3314(XXIX)", "S/RES/1373(2001)"]),
        # no 第
        ("维持2609(2021)号决议第4和5段", ["S/RES/2609(2021)"]),
        ("执行2178(2014)和2396(2017)号决议", ["S/RES/2178(2014)", "S/RES/2396(2017)"]),
        # a resolution written as a symbol
        ("执行S/RES/2396(2017)", ["S/RES/2396(2017)"]),
        ("执行S/RES/2396 (2017)和S/RES/2462（2019）", ["S/RES/2396(2017)", "S/RES/2462(2019)"]),
        ("见A/RES/60/288", ["A/RES/60/288"]),
        # traditional characters
        ("回顧第1373(2001)號決議", ["S/RES/1373(2001)"]),
    ],
)
def test_resolution_forms(text, expected):
    assert found(text, "resolution") == [("resolution", key) for key in expected]
    assert {kind for kind, _ in found(text)} <= {"resolution", "body"}  # 大会 before a date is a body of its own


@pytest.mark.parametrize(
    "text",
    [
        "2021年1月12日", "第8000次会议", "第15段", "第4和5段", "测试样例第3条第2款", "2009年第1号", "第5026次会议第15段",
        "第2和第3页", "有15号和16号两个", "第4(b)段",
    ],
)
def test_dates_meetings_and_paragraph_references_are_not_citations(text):
    assert found(text) == []


def test_date_list_spans_leave_the_dates_out():
    text = "回顾其1999年10月15日第1267(1999)号和2000年12月19日第1333(2000)号决议"
    assert [span.surface for span in citation_spans(text)] == ["第1267(1999)号", "第1333(2000)号决议"]
    assert "2000年12月19日" in text[citation_spans(text)[0].end : citation_spans(text)[1].start]


def test_symbol_resolution_is_one_token_and_kind_resolution():
    text = "安理会执行S/RES/2396 (2017)。"
    assert [(s.kind, s.surface) for s in citation_spans(text)] == [("resolution", "S/RES/2396 (2017)")]
    assert "S/RES/2396(2017)" in helpers.tokenize(text)


# ---------------------------------------------------------------- bodies


def bodies(text: str) -> list[tuple[str, object, object]]:
    table = helpers.extract_citations(text)
    rows = table[table["kind"] == "body"]
    return list(zip(rows["key"], rows["entity"].fillna("-"), rows["entity_kind"].fillna("-"), strict=True))


def test_a_committee_named_by_role_is_a_body_and_its_resolution_a_citation():
    text = "测试样例：第1267(1999)号决议所设委员会与第1540(2004)号决议所设委员会开会。"
    assert found(text, "resolution") == [("resolution", "S/RES/1267(1999)"), ("resolution", "S/RES/1540(2004)")]
    assert bodies(text) == [
        ("第1267(1999)、1989(2011)和2253(2015)号决议所设委员会", "committee-1267", "un_body"),
        ("第1540(2004)号决议所设委员会", "committee-1540", "un_body"),
    ]


def test_a_list_names_one_body_per_committee_and_unlisted_committees_get_a_key_of_their_own():
    text = "测试样例：第1373(2001)、1267(1999)、1989(2011)和2253(2015)号决议所设各个委员会；第9998(2030)号决议所设专家小组。"
    assert bodies(text) == [
        ("反恐怖主义委员会", "ctc", "un_body"),
        ("第1267(1999)、1989(2011)和2253(2015)号决议所设委员会", "committee-1267", "un_body"),
        ("第9998(2030)号决议所设专家小组", "-", "un_body"),
    ]
    table = helpers.extract_citations(text)
    assert table["english"].iloc[-1] == "Panel of Experts established pursuant to resolution 9998 (2030)"


def test_the_official_name_of_a_committee_is_one_body():
    text = ("测试样例：安全理事会关于伊拉克和黎凡特伊斯兰国(达伊沙)、基地组织及相关个人、团体、企业和实体的第1267(1999)、"
            "1989(2011)和2253(2015)号决议所设委员会")
    assert bodies(text) == [("第1267(1999)、1989(2011)和2253(2015)号决议所设委员会", "committee-1267", "un_body")]
    assert len(found(text, "resolution")) == 3


def test_a_committee_named_by_its_name_after_a_resolution_is_not_counted_twice():
    assert bodies("测试样例：第1373(2001)号决议所设反恐怖主义委员会") == [("反恐怖主义委员会", "ctc", "un_body")]


@pytest.mark.parametrize(
    ("text", "abbreviation"),
    [
        ("测试样例：反恐怖主义委员会执行局(下称“反恐执行局”)开展工作，反恐执行局提交报告。", "反恐执行局"),
        ("测试样例：反恐怖主义委员会执行局（以下简称“反恐执行局”）开展工作，反恐执行局提交报告。", "反恐执行局"),
        ("测试样例：反恐怖主义委员会执行局(“反恐执行局”)开展工作，反恐执行局提交报告。", "反恐执行局"),
    ],
)
def test_a_definition_with_xiacheng_is_one_mention_and_teaches_the_abbreviation(text, abbreviation):
    assert bodies(text) == [("反恐怖主义委员会执行局", "cted", "un_body")] * 2
    definitions = helpers.abbreviation_definitions(text)
    assert definitions[["full_form", "abbreviation", "key"]].values.tolist() == [
        ["反恐怖主义委员会执行局", abbreviation, "反恐怖主义委员会执行局"]
    ]


def test_a_definition_with_xiacheng_of_an_unlisted_body_names_it_in_other_paragraphs():
    table = pd.DataFrame({"symbol": "S/TEST/1", "para": [1, 2],
                          "text": ["测试样例：测试审查小组(下称“审查组”)成立。", "审查组开会。"]})
    result = helpers.extract_citations(table)
    assert result[["para", "surface", "key"]].values.tolist() == [[1, "审查小组", "审查小组"], [2, "审查组", "审查小组"]]
    assert result["entity"].isna().all()


@pytest.mark.parametrize(
    ("text", "kind", "key"),
    [
        ("依照《聯合國憲章》", "instrument", "《联合国宪章》"),
        ("依照《憲章》", "instrument", "《联合国宪章》"),
        ("反恐怖主義委員會", "body", "反恐怖主义委员会"),
        ("大會", "body", "大会"),
        ("安全理事會主席", "body", "安全理事会主席"),
        ("《測試公約》", "instrument", "《测试公约》"),
    ],
)
def test_traditional_forms_get_the_simplified_keys(text, kind, key):
    assert found(text) == [(kind, key)]
    table = helpers.extract_citations(text)
    assert text[table["start"].iloc[0] : table["end"].iloc[0]] == table["surface"].iloc[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("测试样例：联阿安全部队和联合国脱离接触观察员部队", [("联合国阿卜耶伊临时安全部队", "unisfa", "operation"),
                                                 ("联合国脱离接触观察员部队", "undof", "operation")]),
        ("测试样例：非索特派团", [("非洲联盟驻索马里特派团", "amisom", "operation")]),
        ("测试样例：国际民用航空组织(国际民航组织)与国际民航组织", [("国际民用航空组织", "icao", "agency")] * 2),
        ("测试样例：联合国毒品和犯罪问题办事处和卫生组织",
         [("联合国毒品和犯罪问题办公室", "unodc", "agency"), ("世界卫生组织", "who", "agency")]),
        ("测试样例：伊拉克和黎凡特伊斯兰国(伊黎伊斯兰国，也称为达伊沙)、基地组织和塔利班",
         [("伊拉克和黎凡特伊斯兰国", "isil", "listed_group"), ("基地组织", "al-qaida", "listed_group"),
          ("塔利班", "taliban", "listed_group")]),
        ("测试样例：伊黎伊斯兰国(达伊沙)", [("伊拉克和黎凡特伊斯兰国", "isil", "listed_group")]),
        ("测试样例：非洲联盟(非盟)和欧盟", [("非洲联盟", "african-union", "non_un_organisation"),
                                 ("欧洲联盟", "european-union", "non_un_organisation")]),
        ("测试样例：77国集团和不结盟运动", [("77国集团", "g77", "member_state_group"),
                                 ("不结盟运动", "nam", "member_state_group")]),
        ("测试样例：秘书长和安理会", [("秘书长", "secretary-general", "un_body"), ("安全理事会", "security-council", "un_body")]),
    ],
)
def test_entities_of_every_kind(text, expected):
    assert bodies(text) == expected


def test_bodies_carry_english_names():
    table = helpers.extract_citations("测试样例：反恐办和联黎部队")
    assert table[["entity", "english"]].values.tolist() == [
        ["unoct", "United Nations Office of Counter-Terrorism"], ["unifil", "United Nations Interim Force in Lebanon"],
    ]


def test_bodies_by_kind_groups_every_kind_with_ids_english_and_roles():
    # Test fixture (测试样例), not UN text: bodies of every kind, committees named by role (one listed, one not)
    # and a body the entity table does not hold, defined in brackets.
    paragraphs = pd.DataFrame({"symbol": "S/TEST/1", "para": [1, 2], "text": [
        "测试样例：安理会、非索特派团、国际民航组织、77国集团、非洲联盟(非盟)和基地组织；第1540(2004)号决议所设委员会。",
        "测试样例：安全理事会、非盟、第9998(2030)号决议所设专家小组和测试审查小组(下称“审查组”)；审查组。",
    ]})
    table = helpers.bodies_by_kind(helpers.extract_citations(paragraphs))
    assert table.columns.tolist() == ["kind", "entity", "key", "english", "mentions", "by_role", "named_as", "paragraphs"]
    rows = table[["kind", "entity", "key", "mentions", "by_role", "named_as", "paragraphs"]].values.tolist()
    assert rows == [
        ["un_body", "security-council", "安全理事会", 2, 0, "安全理事会 ×1, 安理会 ×1", "1, 2"],
        ["un_body", "committee-1540", "第1540(2004)号决议所设委员会", 1, 1, "所设委员会 (by role) ×1", "1"],
        ["un_body", "", "第9998(2030)号决议所设专家小组", 1, 1, "所设专家小组 (by role) ×1", "2"],
        ["operation", "amisom", "非洲联盟驻索马里特派团", 1, 0, "非索特派团 ×1", "1"],
        ["agency", "icao", "国际民用航空组织", 1, 0, "国际民航组织 ×1", "1"],
        ["member_state_group", "g77", "77国集团", 1, 0, "77国集团 ×1", "1"],
        ["non_un_organisation", "african-union", "非洲联盟", 2, 0, "非洲联盟 ×1, 非盟 ×1", "1, 2"],
        ["listed_group", "al-qaida", "基地组织", 1, 0, "基地组织 ×1", "1"],
        ["unlisted", "", "审查小组", 2, 0, "审查小组 ×1, 审查组 ×1", "2"],
    ]
    english = table.set_index("key")["english"]
    assert english["非洲联盟驻索马里特派团"] == "African Union Mission in Somalia (authorized by the Council)"
    assert english["第9998(2030)号决议所设专家小组"] == "Panel of Experts established pursuant to resolution 9998 (2030)"
    assert english["审查小组"] == ""
    kinds = helpers.entity_kinds()
    assert kinds["kind"].tolist() == list(entities.ENTITY_KINDS)
    assert kinds["label"].tolist() == ["UN body", "operation", "agency", "member-state group", "non-UN organisation",
                                       "listed group"]


def test_bodies_by_kind_of_a_text_without_bodies_and_of_the_shipped_statement():
    empty = helpers.bodies_by_kind(helpers.extract_citations("测试样例：第1373(2001)号决议。"))
    assert empty.empty and empty.columns.tolist()[:3] == ["kind", "entity", "key"]
    table = helpers.bodies_by_kind(helpers.extract_citations(helpers.load_statement()))
    assert set(table["kind"]) == {"un_body"}
    by_role = table[table["by_role"] > 0].set_index("entity")["by_role"].to_dict()
    # ¶16: 第1373(2001)、1267(1999)、1989(2011)、2253(2015)和1540(2004)号决议所设各个委员会 names three committees by role.
    assert by_role == {"ctc": 1, "committee-1267": 1, "committee-1540": 1}
    assert table["mentions"].sum() == 36 and table.set_index("entity").loc["security-council", "mentions"] == 22


# ---------------------------------------------------------------- the entity table


def test_entity_table_is_valid_and_covers_every_kind():
    table = helpers.un_entities()
    assert list(table.columns) == entities.ENTITY_COLUMNS
    assert set(table["kind"]) == set(entities.ENTITY_KINDS)
    assert table["id"].is_unique
    names = helpers.entity_names()
    assert names["name"].is_unique
    assert set(names["entity"]) == set(table["id"])
    # every committee named after resolutions is established by the first of them
    for row in table[table["name_zh"].str.contains("号决议所设")].itertuples():
        first = row.name_zh.removeprefix("第").split("、")[0].split("和")[0].split("号")[0]
        assert row.established_by.split("|")[0] == f"S/RES/{first}", row.id


def test_citation_aliases_take_bodies_from_the_entity_table():
    aliases = helpers.citation_aliases()
    bodies_ = aliases[aliases["kind"] == "body"]
    assert len(bodies_) == len(helpers.entity_names())
    assert bodies_.set_index("alias").loc["反恐办", "key"] == "联合国反恐怖主义办公室"
    for kind, group in aliases.groupby("kind"):
        assert set(group["key"]) <= set(group["alias"]), kind


def test_a_broken_entity_table_is_a_data_error(tmp_path, monkeypatch):
    path = tmp_path / "un_entities.csv"
    path.write_text(
        "id,kind,name_zh,aliases,name_en,established_by,source\n"
        "A b,organ,安全理事会,安理会,,S/RES/1,\n"
        "x,un_body,安理会,,X,,Y\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(entities, "ENTITIES_FILE", path)
    entities._entity_table.cache_clear()
    try:
        with pytest.raises(helpers.DataError, match=r"un_entities.csv: every id .*kind must be one of.*name_en.*"
                                                    r"established_by.*one entity only: 安理会"):
            helpers.un_entities()
        path.unlink()
        with pytest.raises(helpers.DataError, match="un_entities.csv: the UN entity table is missing"):
            helpers.un_entities()
    finally:
        monkeypatch.undo()
        entities._entity_table.cache_clear()


# ---------------------------------------------------------------- segmentation


NAMES = sorted(helpers.entity_names()["name"])
STATEMENT = "".join(helpers.load_statement()["text"])
# Random context: pieces of the shipped statement, or random Han characters and Chinese punctuation.
CONTEXT = st.one_of(
    st.tuples(st.integers(0, len(STATEMENT)), st.integers(0, 12)).map(lambda p: STATEMENT[p[0] : p[0] + p[1]]),
    st.text(st.one_of(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), st.sampled_from("，。、；（）“”\n ")),
            max_size=8),
)


def _cuts(tokens_with_offsets, start: int, end: int) -> bool:
    """True when a token boundary falls strictly inside [start, end)."""
    return any(start < s < end or start < e < end for _, _, s, e in tokens_with_offsets)


@PROPERTY
@given(st.sampled_from(NAMES), CONTEXT, CONTEXT)
def test_every_entity_name_comes_out_whole_in_random_contexts(name, left, right):
    from helpers.analysis.segment import _segments

    text = left + name + right
    start, end = len(left), len(left) + len(name)
    view = entities.simplified_view(text)
    # Only the leftmost of two overlapping names (or a citation) can be kept whole: skip those contexts.
    assume(not any(
        other != name and (s < start < s + len(other) or s < end < s + len(other))
        for other in NAMES for s in _find_all(view, other)
    ))
    assume(not any(s.start < end and start < s.end for s in citation_spans(text)))
    for backend in ("jieba", "rjieba"):
        assert not _cuts(_segments(text, backend), start, end), (backend, text)


def _find_all(text: str, word: str) -> list[int]:
    starts, index = [], text.find(word)
    while index >= 0:
        starts.append(index)
        index = text.find(word, index + 1)
    return starts


REPORTING_VERBS = ["特别指出", "着重指出", "强调指出", "认识到", "意识到", "注意到", "表示关切", "表示严重关切", "深表关切",
                   "深为关切", "深感关切", "表示哀悼", "表示支持", "强烈谴责", "再次申明"]
# What stands before and after a reporting verb in Council texts (test fixtures, not UN text).
BEFORE = ["安全理事会", "安理会", "并", "还", "，", "；", "“安全理事会", "安理会再次", "此外", "测试样例："]
AFTER = ["，", "会员国", "必须", "恐怖主义", "的是", "所有国家", "需要", "各方", "反恐执行局", "这一点"]


@pytest.mark.parametrize("verb", REPORTING_VERBS)
def test_reporting_verbs_are_one_token_in_their_contexts(verb):
    from helpers.ingest.council_verbs import speech_act_forms

    assert verb in speech_act_forms(), "the Council's verbs are listed in data/speech_acts.csv"
    for before in BEFORE:
        for after in AFTER:
            for backend in ("jieba", "rjieba"):
                assert verb in helpers.tokenize(before + verb + after, backend=backend), (before, verb, after)


def test_every_multi_character_speech_act_verb_and_form_is_a_dictionary_word():
    from helpers.analysis.segment import VERB_FREQ, jieba_module
    from helpers.ingest.council_verbs import speech_act_forms

    verbs = speech_act_words()
    assert sorted(verbs) == sorted(form for form in speech_act_forms() if len(form) > 1)
    assert {"特别指出", "表示关切", "最强烈地谴责", "深为关切地注意到", "深感关切", "再次申明", "将继续"} <= set(verbs)
    assert min(verbs.values()) == VERB_FREQ
    plain = jieba_module().dt
    plain.initialize()
    # a word jieba already counts higher keeps its own count; every other verb gets VERB_FREQ
    assert verbs == {verb: max(VERB_FREQ, plain.FREQ.get(verb, 0)) for verb in verbs}
    assert verbs["决定"] > VERB_FREQ and verbs["特别指出"] == VERB_FREQ


def test_no_verb_is_listed_in_the_lexicon_too():
    lexicon = helpers.read_lexicon()
    assert "verb" not in set(lexicon["kind"])
    assert not set(lexicon["term"]) & set(speech_act_words()), "one place for each verb: data/speech_acts.csv"


def test_a_verb_row_in_the_lexicon_is_a_data_error(tmp_path):
    path = tmp_path / "un_lexicon.csv"
    # Test fixture: a lexicon with a verb row, which belongs in data/speech_acts.csv.
    path.write_text("term,freq,pos,kind,justification,variant_of\n特别指出,20000,v,verb,test fixture,\n", encoding="utf-8")
    with pytest.raises(helpers.DataError, match=r"un_lexicon.csv: verbs \(特别指出\) belong in data/speech_acts.csv"):
        helpers.read_lexicon(path)


SPEECH_ACT_WORDS = sorted(speech_act_words())
STATEMENT_TOKENS = sorted(set(helpers.tokenize(STATEMENT)))
# Random context: runs of the words of the shipped statement (as the pipeline cuts it), punctuation and the
# fixture words above, in any order.
WORD_CONTEXT = st.lists(st.sampled_from(STATEMENT_TOKENS + BEFORE + AFTER + list("，。；：、“”（）\n")), max_size=6).map("".join)


@PROPERTY
@given(st.sampled_from(SPEECH_ACT_WORDS), WORD_CONTEXT, WORD_CONTEXT)
def test_every_speech_act_verb_and_form_is_one_token_in_random_contexts(verb, left, right):
    from helpers.analysis.segment import _segments
    from helpers.ingest.council_verbs import speech_act_forms, speech_act_table, split_list

    # Strings the verb table itself says make the verb another word (申请 is not 请, 决定性 is not 决定).
    rules = speech_act_table().set_index("verb").loc[speech_act_forms()[verb]]
    assume(not left.endswith(split_list(rules["not_after"])) and not right.startswith(split_list(rules["not_before"])))
    text = left + verb + right
    start, end = len(left), len(left) + len(verb)
    # A citation or an entity name that overlaps the verb is kept whole first: not this test's subject.
    assume(not any(s < end and start < e for s, e, _ in segment_spans(text)))
    for backend in ("jieba", "rjieba"):
        assert not _cuts(_segments(text, backend), start, end), (backend, text)


def test_variants_are_one_term_with_the_surface_kept():
    table = pd.DataFrame({"symbol": "S/TEST/1", "para": [1, 2],
                          "text": ["测试样例：外国恐怖主义作战人员。", "测试样例：外国恐怖主义战斗人员和国际人道主义法。"]})
    tokens = helpers.token_table(table)
    fighters = tokens[tokens["term"] == "外国恐怖主义作战人员"]
    assert fighters["token"].tolist() == ["外国恐怖主义作战人员", "外国恐怖主义战斗人员"]
    assert tokens.loc[tokens["token"] == "国际人道主义法", "term"].tolist() == ["国际人道法"]
    frequencies = helpers.term_frequencies(tokens).set_index("term")
    assert frequencies.loc["外国恐怖主义作战人员", "count"] == 2 and frequencies.loc["外国恐怖主义作战人员", "paragraphs"] == 2
    assert "外国恐怖主义战斗人员" not in frequencies.index


def test_entity_tokens_in_a_traditional_text_stay_whole():
    assert helpers.tokenize("反恐怖主義委員會和聯合國反恐怖主義辦公室") == ["反恐怖主義委員會", "和", "聯合國反恐怖主義辦公室"]


def test_data_readme_states_the_entity_table_as_it_is():
    import re

    from helpers.ingest.registry import PROJECT_DATA

    readme = (PROJECT_DATA / "README.md").read_text(encoding="utf-8")
    section = readme.split("## `un_entities.csv`")[1].split("How it was compiled")[0]
    table = helpers.un_entities()
    assert f"{len(table)} entities in six kinds" in section
    stated = {kind: int(count) for kind, count in re.findall(r"`(\w+)` (\d+)", section)}
    assert stated == table.groupby("kind").size().to_dict()


def test_a_role_with_a_date_and_a_bracketed_name_is_one_body():
    text = "测试样例：安全理事會歡迎第1373號決議(2001年9月28日)所設委員會(反恐怖主義委員會)主席的簡報。"
    assert bodies(text) == [("安全理事会", "security-council", "un_body"), ("反恐怖主义委员会", "ctc", "un_body")]
    assert found(text, "resolution") == [("resolution", "S/RES/1373")]
