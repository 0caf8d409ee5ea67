"""Unicode on import: look-alike code points from PDF extraction mapped to what the text means, every change listed."""

from __future__ import annotations

import unicodedata

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st
from statement_pdfs import fixture_lines

from helpers import (
    add_statement,
    load_corpus,
    load_statement,
    normalise_unicode,
    statement_from_text,
    tokenize,
    unicode_changes_table,
)
from helpers.ingest.unicode import UnicodeChange, radical_ideographs

CHINESE_PUNCTUATION = "，。、：；！？“”‘’《》（）〔〕【】—…·"


def test_kangxi_radicals_become_ideographs_and_segment_as_words():
    raw = "“安全理事会重申，⼀切形式和表现的恐怖主义都是犯罪⾏为。"  # ⼀ U+2F00, ⾏ U+2F8F
    result = normalise_unicode(raw)
    assert result.text == "“安全理事会重申，一切形式和表现的恐怖主义都是犯罪行为。"
    assert result.changes == [UnicodeChange("kangxi_radical", 1, 10, "⼀", "一"),
                              UnicodeChange("kangxi_radical", 1, 26, "⾏", "行")]
    assert "一切" in tokenize(result.text)
    assert "⼀" not in tokenize(raw)[0]  # the tokenizer itself does not normalise; import does


def test_a_statement_with_kangxi_radicals_segments_like_the_shipped_one(raw_text):
    shipped = load_statement()
    radicals = raw_text.replace("一", "\u2f00").replace("行", "\u2f8f")
    assert radicals != raw_text
    table = statement_from_text(radicals, symbol="S/PRST/2021/1", date="2021-01-12", source="radicals.txt")
    assert table["text"].tolist() == shipped["text"].tolist()
    assert "一切" in tokenize(table.loc[3, "text"])
    changes = unicode_changes_table(table.attrs["unicode_changes"])
    assert set(changes["kind"]) == {"kangxi_radical"}
    assert len(changes) == raw_text.count("一") + raw_text.count("行")
    lines = radicals.split("\n")
    assert all(lines[c.line - 1][c.column - 1] == c.before for c in changes.itertuples())


def test_the_radicals_supplement_needs_the_unicode_table():
    table = radical_ideographs()
    assert len(table) == 114
    assert unicodedata.normalize("NFKC", "⺠") == "⺠"  # NFKC misses it; the table does not
    assert normalise_unicode("人⺠⻓期⻔⻥⻳").text == "人民长期门鱼龟"


def test_compatibility_ideographs_become_unified():
    compatibility = "\uf900\uf9d8"  # CJK COMPATIBILITY IDEOGRAPH-F900 and -F9D8
    result = normalise_unicode(f"决{compatibility}")
    assert result.text == "决" + unicodedata.normalize("NFC", compatibility)
    assert result.changes[0].kind == "compatibility_ideograph" and result.changes[0].before == compatibility
    assert normalise_unicode("\ufa0e").changes == []  # U+FA0E is a unified ideograph in the compatibility block


def test_full_width_symbols_and_citations_become_ascii_but_chinese_punctuation_stays():
    raw = "见Ｓ／ＰＲＳＴ／２０２１／１号文件，第１３７３（２００１）号决议；（反恐执行局）：“Ｓ／ＰＶ．８０００”。"
    result = normalise_unicode(raw)
    assert result.text == "见S/PRST/2021/1号文件，第1373(2001)号决议；（反恐执行局）：“S/PV.8000”。"
    assert [(c.kind, c.before, c.after) for c in result.changes] == [
        ("fullwidth", "Ｓ／ＰＲＳＴ／２０２１／１", "S/PRST/2021/1"),
        ("fullwidth", "１３７３（２００１）", "1373(2001)"),
        ("fullwidth", "Ｓ／ＰＶ．８０００", "S/PV.8000"),
    ]


def test_invisible_characters_are_removed_and_listed():
    raw = "安全\u200b理事会\n“安\u00ad全\ufeff理\u200d事会"
    result = normalise_unicode(raw)
    assert result.text == "安全理事会\n“安全理事会"
    assert result.changes == [
        UnicodeChange("zero_width", 1, 3, "\u200b", ""),
        UnicodeChange("soft_hyphen", 2, 3, "\u00ad", ""),
        UnicodeChange("zero_width", 2, 5, "\ufeff", ""),
        UnicodeChange("zero_width", 2, 7, "\u200d", ""),
    ]


def test_private_use_characters_are_kept_and_reported_with_their_position():
    raw = "安全理事会\n主席\ue000\ue001声明"
    result = normalise_unicode(raw)
    assert result.text == raw
    assert result.changes == [UnicodeChange("private_use", 2, 3, "\ue000\ue001", "\ue000\ue001")]
    table = unicode_changes_table(result.changes)
    assert table.columns.tolist() == ["kind", "line", "column", "before", "after"]
    assert table["line"].dtype == "int64"


def test_the_raw_file_stays_as_received_and_the_corpus_holds_the_normalised_text(tmp_path):
    # Test fixture (not UN text) with two Kangxi radicals and a full-width symbol.
    lines = fixture_lines(1)
    first = next(i for i, line in enumerate(lines) if line.startswith("“安全理事会重申"))  # 0-based
    lines[first] = lines[first].replace("重申", "重申⼀切").replace("本段", "Ｓ／ＰＲＳＴ／２０９９／１本段")
    source = tmp_path / "radicals.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    row = add_statement(source, symbol="S/PRST/2099/1", corpus=tmp_path / "corpus")
    assert (tmp_path / "corpus" / row["file"]).read_bytes() == source.read_bytes()
    corpus = load_corpus(tmp_path / "corpus")
    assert corpus.loc[1, "text"].startswith("“安全理事会重申一切，S/PRST/2099/1本段")
    changes = load_statement("S/PRST/2099/1", tmp_path / "corpus").attrs["unicode_changes"]
    assert [(c.kind, c.line) for c in changes] == [("kangxi_radical", first + 1), ("fullwidth", first + 1)]


def test_ordinary_text_is_returned_as_is():
    assert normalise_unicode("") .changes == []
    shipped = load_statement()
    assert all(normalise_unicode(text).text == text for text in shipped["text"])
    assert normalise_unicode("Distr.: General 12 January 2021 (C) S/PRST/2021/1").changes == []


ORDINARY = st.text(
    st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.sampled_from(CHINESE_PUNCTUATION + "\u3000 \n"),
        st.characters(min_codepoint=0x20, max_codepoint=0x7E, exclude_characters="0123456789"),
    ),
    max_size=60,
)
LOOK_ALIKES = st.sampled_from(
    ["\u2f00", "\u2f8f", "⺠", "⻳", "\uf900", "\ufa0e", "Ｓ", "／", "２", "（", "）", "．", "－", "\u200b", "\u00ad",
     "\ufeff", "\ue000", "1", "0"]
)


@given(ORDINARY)
def test_ordinary_cjk_text_and_punctuation_are_never_touched(text):
    result = normalise_unicode(text)
    assert result.text == text and result.changes == []


@given(st.lists(st.one_of(ORDINARY, LOOK_ALIKES), max_size=12).map("".join))
def test_normalising_twice_changes_nothing_more(text):
    once = normalise_unicode(text)
    twice = normalise_unicode(once.text)
    assert twice.text == once.text
    assert all(change.kind == "private_use" for change in twice.changes)
    assert len(once.text) == len(text) - sum(len(c.before) - len(c.after) for c in once.changes)


def test_changes_reach_the_paragraph_table(raw_text):
    table = statement_from_text(raw_text.replace("“安全理事会回顾第", "“安全理事会回顾第\u200b"),
                                symbol="S/PRST/2021/1", date=None, source="zw.txt")
    assert table.attrs["unicode_changes"] == [UnicodeChange("zero_width", 9, 11, "\u200b", "")]
    pd.testing.assert_frame_equal(table.drop(columns="date"), load_statement().drop(columns="date"))
