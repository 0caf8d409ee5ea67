"""Citation extraction: normalised keys, bodies and abbreviations, counts, and the facts of S/PRST/2021/1.

Strings written in Chinese below are short test fixtures made up for these tests, not UN text,
except where a test loads the shipped statement.
"""

from __future__ import annotations

from collections import Counter

import matplotlib
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import helpers
from helpers.analysis.citations import CITATION_COLUMNS, citation_aliases, resolution_key

matplotlib.use("Agg")
PROPERTY = settings(max_examples=100, deadline=None)


def keys(text: str, kind: str | None = None) -> list[str]:
    found = helpers.extract_citations(text)
    return (found if kind is None else found[found["kind"] == kind])["key"].tolist()


@pytest.fixture(scope="module")
def statement() -> pd.DataFrame:
    return helpers.load_statement("S/PRST/2021/1")


@pytest.fixture(scope="module")
def citations(statement) -> pd.DataFrame:
    return helpers.extract_citations(statement)


# ---------------------------------------------------------------- keys (test fixtures)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("回顾第1373(2001)号决议", ["S/RES/1373(2001)"]),
        ("第1373(2001)、2178(2014)和2462(2019)号决议", ["S/RES/1373(2001)", "S/RES/2178(2014)", "S/RES/2462(2019)"]),
        ("第1267(1999)号、第1989(2011)号和第2253(2015)号决议", ["S/RES/1267(1999)", "S/RES/1989(2011)", "S/RES/2253(2015)"]),
        ("第1373（2001）号决议", ["S/RES/1373(2001)"]),
        ("第 1373 (2001) 号决议", ["S/RES/1373(2001)"]),
        ("第\n1373(2001)号决\n议", ["S/RES/1373(2001)"]),
        ("第1373号决议", ["S/RES/1373"]),
        ("第1373(2001)號決議", ["S/RES/1373(2001)"]),
        ("大会第60/288号决议", ["A/RES/60/288"]),
        ("大会第60/288号和第61/1号决议", ["A/RES/60/288", "A/RES/61/1"]),
        ("第60/288号决议", ["A/RES/60/288"]),
        ("人权理事会第16/18号决议", ["A/HRC/RES/16/18"]),
        ("经社理事会第2004/1号决议", ["E/RES/2004/1"]),
        ("安理会第1540(2004)号决议和大会第60/288号决议", ["S/RES/1540(2004)", "A/RES/60/288"]),
    ],
)
def test_resolution_keys(text, expected):
    assert keys(text, "resolution") == expected


def test_resolution_key_of_one_member():
    assert resolution_key("第 1373 （2001） 号") == "S/RES/1373(2001)"
    assert resolution_key("60 / 288", "大会") == "A/RES/60/288"
    assert resolution_key("0042") == "S/RES/42"


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("见S/2020/372号文件和S/PRST/2005/64", "document", ["S/2020/372", "S/PRST/2005/64"]),
        ("A/RES/60/288与S/2021/48", "document", ["S/2021/48"]),  # A/RES/… is a resolution (test_resolution_keys)
        ("见S/\n2020/372号文件", "document", ["S/2020/372"]),
        ("S/RES系列和A/B", "document", []),
        ("根据《宪章》和《联合国宪章》", "instrument", ["《联合国宪章》", "《联合国宪章》"]),
        ("执行《全球反恐战略》", "instrument", ["《联合国全球反恐战略》"]),
        ("执行《联合国全球\n反恐战略》", "instrument", ["《联合国全球反恐战略》"]),
        ("一份《测试公约》", "instrument", ["《测试公约》"]),
        ("https://undocs.org/ch/S/RES/1373(2001)", "url", ["S/RES/1373(2001)"]),
        ("https://undocs.org/S/RES/1373%282001%29", "url", ["S/RES/1373(2001)"]),
        ("https://example.org/page", "url", ["https://example.org/page"]),
        ("安理会与反恐委员会和安全理事会", "body", ["安全理事会", "反恐怖主义委员会", "安全理事会"]),
        ("安全理事会主席代表安理会", "body", ["安全理事会主席", "安全理事会"]),
        ("反恐怖主义委\n员会", "body", ["反恐怖主义委员会"]),
    ],
)
def test_keys_of_other_kinds(text, kind, expected):
    assert keys(text, kind) == expected


@pytest.mark.parametrize(
    "text",
    ["2021年1月12日", "2001年9月11日", "第5026次会议", "第15段", "第2页和第3条"],
)
def test_not_citations(text):
    assert keys(text) == []


def test_a_citation_inside_another_is_not_counted_twice():
    # A body name inside a title, a symbol inside a URL: one citation each.
    found = helpers.extract_citations("《安全理事会暂行议事规则》与https://undocs.org/ch/S/2020/372")
    assert found["kind"].tolist() == ["instrument", "url"]


# ---------------------------------------------------------------- bodies and abbreviations (test fixtures)


def test_abbreviations_defined_in_the_text():
    text = "委员会赞扬反恐怖主义委员会及其执行局(反恐执行局)和联合国反恐怖主义办公室（反恐办）；国际人道法(人道法)；年份(2001)。"
    found = helpers.abbreviation_definitions(text)
    assert found[["full_form", "abbreviation", "key"]].values.tolist() == [
        ["反恐怖主义委员会及其执行局", "反恐执行局", "反恐怖主义委员会执行局"],
        ["联合国反恐怖主义办公室", "反恐办", "联合国反恐怖主义办公室"],
    ]
    for start, end, full, abbreviation in zip(found["start"], found["end"], found["full_form"], found["abbreviation"], strict=True):
        assert text[start:end].startswith(full) and abbreviation in text[start:end]


def test_a_definition_counts_once_and_a_and_its_b_counts_both():
    text = "联合国反恐怖主义办公室(反恐办)与反恐办；反恐怖主义委员会及其执行局(反恐执行局)。"
    assert keys(text, "body") == [
        "联合国反恐怖主义办公室", "联合国反恐怖主义办公室", "反恐怖主义委员会", "反恐怖主义委员会执行局",
    ]


def test_a_definition_in_the_text_wins_over_the_alias_table():
    text = "测试反恐怖主义办事处(反恐办)成立，反恐办开会。"  # made-up body
    assert keys(text, "body") == ["反恐怖主义办事处", "反恐怖主义办事处"]
    assert keys("反恐办开会。", "body") == ["联合国反恐怖主义办公室"]


def test_a_definition_applies_to_the_whole_statement():
    table = pd.DataFrame({"symbol": "S/TEST/1", "para": [1, 2], "text": ["审查组将开会。", "国际审查小组(审查组)成立。"]})
    found = helpers.extract_citations(table)
    assert found[["para", "surface", "key"]].values.tolist() == [[1, "审查组", "国际审查小组"], [2, "国际审查小组", "国际审查小组"]]


def test_footnotes_of_several_statements():
    table = pd.DataFrame({"symbol": ["S/TEST/2", "S/TEST/1"], "para": [1, 1], "text": ["第1号决议", "第2号决议"]})
    table.attrs = {"footnotes": {"S/TEST/1": ["https://undocs.org/S/RES/2(1946)"]}}
    found = helpers.extract_citations(table)
    assert found[["symbol", "key"]].values.tolist() == [
        ["S/TEST/2", "S/RES/1"], ["S/TEST/1", "S/RES/2"], ["S/TEST/1", "S/RES/2(1946)"],
    ]
    assert found["para"].isna().tolist() == [False, False, True]


def test_alias_table_is_consistent():
    table = citation_aliases()
    assert not table.duplicated(["kind", "alias"]).any()
    for kind, group in table.groupby("kind"):
        canonical = set(group.loc[group["alias"] == group["key"], "key"])
        assert set(group["key"]) <= canonical, kind
        assert (group.groupby("key")["english"].nunique() == 1).all(), kind


# ---------------------------------------------------------------- the shipped statement


def test_statement_citations_table(citations):
    assert list(citations.columns) == ["symbol", "para", *CITATION_COLUMNS[:5], "footnote", *CITATION_COLUMNS[5:]]
    body = citations[citations["para"].notna()]
    assert body.sort_values(["para", "start"]).index.tolist() == body.index.tolist()
    assert citations["para"].isna().tolist() == [False] * len(body) + [True]


def test_statement_resolutions(citations):
    body = citations[citations["para"].notna() & (citations["kind"] == "resolution")]
    assert len(body) == 12
    assert Counter(body["key"]) == Counter(
        {"S/RES/1373(2001)": 6, "S/RES/2178(2014)": 1, "S/RES/2462(2019)": 1, "S/RES/1267(1999)": 1,
         "S/RES/1989(2011)": 1, "S/RES/2253(2015)": 1, "S/RES/1540(2004)": 1}
    )
    assert body.loc[body["key"] == "S/RES/1373(2001)", "para"].tolist() == [1, 8, 9, 14, 14, 16]
    footnotes = citations[citations["para"].isna()]
    assert footnotes[["kind", "key", "surface", "footnote"]].values.tolist() == [
        ["url", "S/RES/1373(2001)", "https://undocs.org/ch/S/RES/1373(2001)", pd.NA]
    ]  # a link alone on a line, not a numbered footnote (issue 11)


def test_statement_documents_and_instruments(citations):
    documents = citations[citations["kind"] == "document"]
    assert documents[["para", "key"]].values.tolist() == [[0, "S/2020/372"]]
    instruments = citations[citations["kind"] == "instrument"]
    assert Counter(instruments["key"]) == Counter({"《联合国宪章》": 3, "《联合国全球反恐战略》": 2, "《全球反恐协调契约》": 1})
    strategy = instruments[instruments["key"] == "《联合国全球反恐战略》"]
    assert strategy["surface"].tolist() == ["《联合国全球反恐战略》", "《全球反恐战略》"]


def test_statement_bodies(citations):
    # Counted by hand in the text: 安全理事会 opens all 18 paragraphs, is named again in paragraph 1 and
    # shortened to 安理会 twice in the chapeau and once in paragraph 9; 安全理事会主席 (the President, an
    # office) once in the chapeau; the Counter-Terrorism Committee in paragraphs 1 (twice, once as
    # 反恐委员会) and 14 (twice); its Executive Directorate in paragraph 14 (defined, then twice) and 15;
    # the Office of Counter-Terrorism in paragraph 15 (defined, then 反恐办). Paragraph 16 names three
    # committees by role, 第1373(2001)、1267(1999)、1989(2011)、2253(2015)和1540(2004)号决议所设各个委员会: the
    # Counter-Terrorism Committee (1373), the committee of resolutions 1267/1989/2253 and the 1540 Committee.
    bodies = citations[citations["kind"] == "body"]
    committee_1267 = "第1267(1999)、1989(2011)和2253(2015)号决议所设委员会"
    assert Counter(bodies["key"]) == Counter(
        {"安全理事会": 22, "安全理事会主席": 1, "反恐怖主义委员会": 5, "反恐怖主义委员会执行局": 4, "联合国反恐怖主义办公室": 2,
         committee_1267: 1, "第1540(2004)号决议所设委员会": 1}
    )
    by_role = bodies[(bodies["para"] == 16) & (bodies["key"] != "安全理事会")]
    assert by_role[["surface", "entity", "entity_kind"]].values.tolist() == [
        ["所设各个委员会", "ctc", "un_body"], ["所设各个委员会", "committee-1267", "un_body"],
        ["所设各个委员会", "committee-1540", "un_body"],
    ]
    assert set(bodies["entity_kind"]) == {"un_body"} and bodies["entity"].notna().all()
    assert bodies.loc[bodies["key"] == "反恐怖主义委员会执行局", "english"].unique().tolist() == [
        "Counter-Terrorism Committee Executive Directorate"
    ]
    council = bodies[bodies["key"] == "安全理事会"]
    assert council.loc[council["surface"] == "安理会", "para"].tolist() == [0, 0, 9]
    assert (council.groupby("para").size().drop([0, 1, 9]) == 1).all()
    assert bodies.loc[bodies["key"] == "反恐怖主义委员会执行局", "para"].tolist() == [14, 14, 14, 15]


def test_statement_abbreviation_definitions(statement):
    found = helpers.abbreviation_definitions(statement)
    assert found[["para", "full_form", "abbreviation", "key"]].values.tolist() == [
        [14, "反恐怖主义委员会及其执行局", "反恐执行局", "反恐怖主义委员会执行局"],
        [15, "联合国反恐怖主义办公室", "反恐办", "联合国反恐怖主义办公室"],
    ]


def test_spans_point_into_their_paragraph(statement, citations):
    texts = statement.set_index("para")["text"]
    for para, start, end, surface in citations[["para", "start", "end", "surface"]].itertuples(index=False):
        source = statement.attrs["footnotes"][0].text if pd.isna(para) else texts[para]
        assert source[start:end] == surface


def test_raw_text_cleaned_text_and_table_agree(raw_text, citations):
    from_table = Counter(zip(citations["kind"], citations["key"], strict=True))
    from_clean = Counter(zip(*helpers.extract_citations(helpers.clean_text(raw_text))[["kind", "key"]].T.values, strict=True))
    from_raw = Counter(zip(*helpers.extract_citations(raw_text)[["kind", "key"]].T.values, strict=True))
    # The heading 安全理事会主席声明 is a line of the text but not a paragraph; the footnote URL sits in the raw text.
    heading = Counter({("body", "安全理事会主席"): 1})
    assert from_raw == from_table + heading
    assert from_clean == from_table + heading - Counter({("url", "S/RES/1373(2001)"): 1})


def test_bad_input_names_what_to_pass():
    with pytest.raises(helpers.DataError, match="expected a string or a paragraph table"):
        helpers.extract_citations(42)
    with pytest.raises(helpers.DataError, match=r"missing column\(s\) para"):
        helpers.extract_citations(pd.DataFrame({"text": ["第1373号决议"]}))
    with pytest.raises(helpers.DataError, match="missing column"):
        helpers.citation_matrix(helpers.extract_citations("第1373号决议"))


# ---------------------------------------------------------------- counting


def test_counts_are_sorted_with_a_tie_breaker(citations):
    counts = helpers.citation_counts(citations)
    assert counts.iloc[0].tolist() == ["body", "安全理事会", 22]
    assert counts.iloc[1].tolist() == ["resolution", "S/RES/1373(2001)", 6]
    ordered = counts.sort_values(["count", "key", "kind"], ascending=[False, True, True], ignore_index=True)
    pd.testing.assert_frame_equal(counts, ordered)
    only = helpers.citation_counts(citations, kinds=["instrument"])
    assert only["key"].tolist() == ["《联合国宪章》", "《联合国全球反恐战略》", "《全球反恐协调契约》"]


def test_matrix(statement, citations):
    matrix = helpers.citation_matrix(citations, kinds=["resolution"], paragraphs=statement["para"])
    assert matrix.index.tolist() == list(range(19))
    assert matrix.columns[0] == "S/RES/1373(2001)"
    assert matrix.to_numpy().sum() == 12
    assert matrix.loc[14, "S/RES/1373(2001)"] == 2 and matrix.loc[16].sum() == 5
    full = helpers.citation_matrix(citations)
    assert full.to_numpy().sum() == (citations["para"].notna()).sum()
    kind_of = citations[citations["para"].notna()].drop_duplicates("key").set_index("key")["kind"]
    assert list(dict.fromkeys(kind_of[full.columns])) == [
        "resolution", "document", "instrument", "body",
    ]


def test_cocitation_graph(citations):
    graph = helpers.cocitation_graph(citations)
    assert graph.number_of_nodes() == 7
    assert graph.nodes["S/RES/1373(2001)"]["count"] == 6
    assert graph.nodes["S/RES/1373(2001)"]["paragraphs"] == [1, 8, 9, 14, 16]
    # paragraph 9 links three resolutions, paragraph 16 five: 3 + 10 pairs, one shared (1373 appears in both).
    edges = helpers.cocitation_edges(graph)
    assert len(edges) == 13 and (edges["weight"] == 1).all()
    assert graph.degree["S/RES/1373(2001)"] == 6


def test_resolution_table():
    table = helpers.read_resolutions()
    assert table["number"].tolist() == [1267, 1373, 1540, 1989, 2178, 2253, 2462]
    assert (table["adopted"].dt.year == table["year"]).all()
    assert (table["symbol"] == "S/RES/" + table["number"].astype(str) + "(" + table["year"].astype(str) + ")").all()
    adopted = dict(zip(table["number"], table["adopted"].dt.strftime("%Y-%m-%d"), strict=True))
    assert adopted[1373] == "2001-09-28" and adopted[2178] == "2014-09-24" and adopted[1540] == "2004-04-28"
    assert table["subject"].str.len().gt(10).all()


def test_every_cited_resolution_has_context():
    for symbol in helpers.known_symbols():
        timeline = helpers.resolution_timeline(helpers.extract_citations(helpers.load_statement(symbol)))
        assert timeline["subject"].notna().all(), symbol
        assert (timeline["key"] == timeline["symbol"]).all(), symbol


def test_timeline_joins_on_the_number(citations):
    timeline = helpers.resolution_timeline(citations)
    assert timeline["year"].tolist() == [1999, 2001, 2004, 2011, 2014, 2015, 2019]
    assert timeline.loc[timeline["number"] == 1373, "paragraphs"].item() == "1, 8, 9, 14, 16"
    no_year = helpers.resolution_timeline(helpers.extract_citations("第1373号决议和第9999号决议"))
    assert no_year["key"].tolist() == ["S/RES/1373", "S/RES/9999"]
    assert no_year["year"].tolist()[0] == 2001 and pd.isna(no_year["year"].tolist()[1])


def test_plots_render_chinese_labels_deterministically(citations):
    import matplotlib.pyplot as plt

    helpers.use_chinese_font()
    ax = helpers.plot_citation_matrix(helpers.citation_matrix(citations))
    assert "安全理事会 Security Council" in [label.get_text() for label in ax.get_xticklabels()]  # with its gloss
    ax = helpers.plot_resolution_timeline(helpers.resolution_timeline(citations), statement=("S/PRST/2021/1", "2021-01-12"))
    assert len(ax.texts) == 8
    graph = helpers.cocitation_graph(citations)
    first = helpers.draw_cocitation_graph(graph).collections[-1].get_offsets()
    second = helpers.draw_cocitation_graph(graph).collections[-1].get_offsets()
    assert (first == second).all()
    plt.close("all")


# ---------------------------------------------------------------- properties

# Short test fixtures, one operative-style paragraph each (they open with “ like the statement's paragraphs).
FIXTURES = [
    "“安理会回顾第1373(2001)号决议和大会第60/288号决议。",
    "“委员会注意到第1267(1999)号、第1989(2011)号和第2253(2015)号决议。",
    "“理事会欢迎S/2020/372号文件和S/PRST/2005/64。",
    "“会员国应遵守《联合国宪章》和《全球反恐战略》。",
    "“联合国反恐怖主义办公室(反恐办)与反恐委员会合作，反恐办继续开展工作。",
    "“安全理事会主席代表安理会发言，提及第2178(2014)、2462(2019)号决议。",
    "“大会第61/1号决议提到反恐怖主义委员会及其执行局(反恐执行局)。",
]


def counts(text: str) -> Counter:
    found = helpers.extract_citations(text)
    return Counter(zip(found["kind"], found["key"], strict=True))


def not_between_latin_letters(left: str, right: str) -> bool:
    """The cleaner joins wrapped Latin words with a space (by design), so no line break goes there."""
    return not (left.isascii() and left.isalpha() and right.isascii() and right.isalpha())


def next_to_chinese(left: str, right: str) -> bool:
    """Where a PDF puts spaces: between Chinese and Latin or digits, never inside a Latin word or number."""
    return not (left.isascii() and right.isascii())


@st.composite
def broken_citation(draw, line_break_allowed):
    """A text of fixtures and the same text with whitespace inserted inside one of its citations.

    Line breaks go where ``line_break_allowed(left, right)``; spaces only next to Chinese.
    """
    text = "\n".join(draw(st.lists(st.sampled_from(FIXTURES), min_size=1, max_size=4)))
    found = helpers.extract_citations(text)
    choices = []
    for start, end in zip(found["start"], found["end"], strict=True):
        for position in range(start + 1, end):
            left, right = text[position - 1], text[position]
            if line_break_allowed(left, right):
                choices += [(position, "\n"), (position, "\n\n"), (position, " \n ")]
            if next_to_chinese(left, right):
                choices += [(position, " "), (position, "\u3000")]
    assume(choices)
    position, insert = draw(st.sampled_from(choices))
    return text, text[:position] + insert + text[position:]


@PROPERTY
@given(broken_citation(not_between_latin_letters))
def test_counts_survive_line_breaks_and_spaces_after_cleaning(pair):
    text, broken = pair
    assert counts(helpers.clean_text(broken)) == counts(helpers.clean_text(text)) == counts(text)


@PROPERTY
@given(broken_citation(next_to_chinese))
def test_counts_survive_whitespace_next_to_chinese_without_cleaning(pair):
    text, broken = pair
    assert counts(broken) == counts(text)


PIECES = [*FIXTURES, "第", "号", "號", "决议", "決議", "(", "（", ")", "）", "2001", "60/288", " ", "\n", "、", "和",
          "《", "》", "反恐", "办", "S/", "/", "https://undocs.org/ch/", "安理", "会", "(反恐办)"]


@PROPERTY
@given(st.one_of(st.text(), st.lists(st.sampled_from(PIECES)).map("".join)))
def test_extraction_never_raises_and_spans_point_at_their_surface(text):
    found = helpers.extract_citations(text)
    assert list(found.columns) == CITATION_COLUMNS
    assert found["kind"].isin(["resolution", "document", "instrument", "body", "url"]).all()
    for start, end, surface in found[["start", "end", "surface"]].itertuples(index=False):
        assert text[start:end] == surface
    # In order and never overlapping.
    assert (found["end"].iloc[:-1].to_numpy() <= found["start"].iloc[1:].to_numpy()).all()
    helpers.abbreviation_definitions(text)


@PROPERTY
@given(st.lists(st.one_of(st.text(max_size=30), st.sampled_from(FIXTURES)), min_size=1, max_size=4))
def test_paragraph_tables_point_at_their_paragraphs(texts):
    table = pd.DataFrame({"symbol": "S/TEST/1", "para": range(len(texts)), "text": texts})
    found = helpers.extract_citations(table)
    for para, start, end, surface in found[["para", "start", "end", "surface"]].itertuples(index=False):
        assert texts[para][start:end] == surface
    assert found[["para", "start"]].apply(tuple, axis=1).is_monotonic_increasing
