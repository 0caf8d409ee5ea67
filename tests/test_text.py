"""Cleaning: nothing of the text is lost or added; layout artefacts are removed."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.ingest.text import Footnote, clean, clean_text, decode, normalise_spaces

WHITESPACE = re.compile(r"\s+")


def without_whitespace(text: str) -> str:
    return WHITESPACE.sub("", text)


def expected_content(raw: str, removed: list[tuple[str, str]]) -> str:
    """The raw text minus the removed lines, with all whitespace removed."""
    removed_lines = [line for _kind, line in removed]
    kept = []
    for line in raw.split("\n"):
        if line in removed_lines:
            removed_lines.remove(line)
            continue
        kept.append(line)
    return without_whitespace("\n".join(kept))


def test_cleaning_keeps_every_character_of_the_statement(raw_text):
    result = clean(raw_text)
    assert without_whitespace(result.text) == expected_content(raw_text, result.removed)
    assert [kind for kind, _ in result.removed] == ["footnote_url"]


def test_footnote_url_is_kept_aside_and_the_sentence_is_joined(raw_text):
    result = clean(raw_text)
    # A link alone on a line, without a number or a marker: an unnumbered footnote (issue 11).
    assert result.footnotes == [Footnote(None, "https://undocs.org/ch/S/RES/1373(2001)")]
    assert "以确保联合国与会员国有效互动" in result.text
    assert "http" not in result.text


def test_paragraphs_are_one_per_line(raw_text):
    lines = clean_text(raw_text).split("\n")
    assert lines[0] == "安全理事会主席声明"
    assert lines[1].startswith("2021年1月12日，") and lines[1].endswith("发表声明如下：")
    assert len(lines) == 20
    assert all(line.startswith("“安全理事会") for line in lines[2:])
    assert lines[-1].endswith("应对这一祸害。”")


def test_words_broken_across_lines_are_rejoined(raw_text):
    text = clean_text(raw_text)
    for word in ["反恐怖主义委员会", "国际和平与安全", "暴力极端主义", "民间社会", "第1373(2001)号决议", "S/2020/372号文件"]:
        assert word in text


def test_spaces_inside_chinese_text_are_removed_but_kept_between_latin_words():
    assert normalise_spaces("第 1373 (2001) 号决议") == "第1373(2001)号决议"
    assert normalise_spaces(" 2021 年 1 月 12 日") == "2021年1月12日"
    assert normalise_spaces("Distr.: General 12 January") == "Distr.: General 12 January"


def test_un_cover_block_headers_and_footers_are_removed():
    # Test fixture written for this test (layout of a UN PDF page), not UN text.
    raw = "\n".join(
        [
            "联合国 S/PRST/2099/9",
            "安全理事会",
            "Distr.: General",
            "3 March 2099",
            "Chinese",
            "Original: English",
            "安全理事会主席声明",
            "测试日期，安全理事会主席代表安理会发表声明如下：",
            "“安全理事会测试第一段，这一行在",
            "99-12345 (C) 030399 030399",
            "*9912345*",
            "S/PRST/2099/9",
            "2/3",
            "中间断开。",
            "“安全理事会测试第二段。”",
        ]
    )
    result = clean(raw)
    assert result.text.split("\n") == [
        "安全理事会主席声明",
        "测试日期，安全理事会主席代表安理会发表声明如下：",
        "“安全理事会测试第一段，这一行在中间断开。",
        "“安全理事会测试第二段。”",
    ]
    kinds = [kind for kind, _ in result.removed]
    assert kinds == [
        "symbol_header", "organ", "distribution", "english_date", "language", "language",
        "job_number", "barcode", "symbol_header", "page_marker",
    ]
    assert without_whitespace(result.text) == expected_content(raw, result.removed)


def test_letter_spaced_cover_lines_are_removed():
    # Test fixture (cover layout with letter spacing, as some PDF extractions give it), not UN text.
    raw = "联 合 国  S / PRST / 2099 / 9\n安 全 理 事 会\n安全理事会主席声明\n测试，发表声明如下：\n“安全理事会测试。”\n"
    result = clean(raw)
    assert [kind for kind, _ in result.removed] == ["symbol_header", "organ"]
    assert result.text.split("\n")[0] == "安全理事会主席声明"


def test_decode_reads_utf8_with_bom_and_gb18030():
    text = "“安全理事会重申。”"
    assert decode(("\ufeff" + text).encode("utf-8")) == (text, "utf-8")
    assert decode(text.encode("gb18030")) == (text, "gb18030")
    assert decode(text.encode("gbk")) == (text, "gb18030")


# Property test: PDF-like layouts of generated paragraphs (test fixtures, not UN text).
HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
SENTENCE = st.text(alphabet=st.one_of(HAN, st.sampled_from("，、《》()0123456789")), min_size=1, max_size=40)
LAYOUT_LINES = ["21-00460 (C)", "*2100460*", "2/3", "S/PRST/2021/1", "https://undocs.org/ch/S/RES/1373(2001)"]


@st.composite
def pdf_layouts(draw):
    paragraphs = ["安全理事会主席代表安理会发表声明如下："] + [
        "“安全理事会" + draw(SENTENCE) + "。" for _ in range(draw(st.integers(1, 5)))
    ]
    width = draw(st.integers(8, 40))
    lines = []
    for paragraph in paragraphs:
        chunks = [paragraph[i : i + width] for i in range(0, len(paragraph), width)]
        for chunk in chunks:
            lines.append(draw(st.sampled_from(["", " "])) + chunk + draw(st.sampled_from(["", " "])))
            lines.append("")
            if draw(st.integers(0, 9)) == 0:
                lines.append(draw(st.sampled_from(LAYOUT_LINES)))
    return paragraphs, "\n".join(lines)


@settings(max_examples=150, deadline=None)
@given(pdf_layouts())
def test_property_cleaning_recovers_paragraphs_and_loses_nothing(layout):
    paragraphs, raw = layout
    result = clean(raw)
    assert without_whitespace(result.text) == expected_content(raw, result.removed)
    assert result.text.split("\n") == paragraphs
