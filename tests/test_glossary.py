"""English glosses: every word of the shipped statement has one, sources are honest, citations and n-grams are
glossed by their parts, and another table can be added in one line."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import helpers
import helpers.analysis.glossary as glossary
from helpers import DataError


def test_every_word_and_citation_of_the_shipped_statement_has_a_gloss():
    tokens = helpers.token_table(helpers.load_statement())
    terms = tokens.loc[tokens["kind"].isin(["word", "citation"]), "token"].unique()
    glosses = helpers.gloss(terms)
    assert not glosses[glosses == ""].index.tolist()


def test_every_verb_and_written_form_of_the_council_has_a_gloss():
    """Each verb and form of data/speech_acts.csv is a token (helpers.analysis.segment), so tables need its English;
    a form takes its verb's."""
    from helpers.analysis.segment import speech_act_words

    verbs = list(speech_act_words())
    glosses = helpers.gloss(verbs)
    assert not glosses[glosses == ""].index.tolist()
    assert glosses["深感关切"] == "deeply concerned"  # the English of 深为关切 in data/speech_acts.csv


def test_a_council_verb_has_one_english_gloss_the_one_of_speech_acts_csv():
    """One place holds a verb's English: glossary.csv has no row for a form of data/speech_acts.csv, so the paragraph
    table, the opening profile and the speech-act table of notebook 01 gloss 着重指出 alike."""
    from helpers.ingest.council_verbs import speech_act_forms, speech_act_table

    forms = speech_act_forms()
    assert not sorted(set(forms) & set(helpers.read_glossary()["term"]))
    english = dict(zip(speech_act_table()["verb"], speech_act_table()["english"], strict=True))
    glosses = helpers.gloss(list(forms))
    assert {form: glosses[form] for form in forms} == {form: english[verb] for form, verb in forms.items()}
    assert glosses["着重指出"] == "underlines"


def test_sources_name_a_document_or_say_project_gloss():
    table = helpers.read_glossary()
    assert table.columns.tolist() == ["term", "english", "source"]
    assert table["term"].tolist() == sorted(table["term"])
    document = re.compile(r"Charter of the United Nations|S/RES/\d+\(\d{4}\)|A/RES/\d+/\d+|S/96/Rev\.7")
    for term, source in zip(table["term"], table["source"], strict=True):
        assert source == "project gloss" or document.search(source), f"{term}: source {source!r}"
    official = table[table["source"] != "project gloss"]
    assert set(official["term"]) >= {"安全理事会", "反恐怖主义委员会", "反恐执行局", "外国恐怖主义作战人员", "《联合国宪章》"}


@pytest.mark.parametrize(
    ("term", "english"),
    [
        ("第1373(2001)号决议", "resolution 1373 (2001)"),
        ("2178(2014)", "resolution 2178 (2014)"),  # a member of a list, as the token table has it
        ("S/RES/1373(2001)", "resolution 1373 (2001)"),  # a citation key
        ("第2462号决议", "resolution 2462"),
        ("大会第60/288号决议", "General Assembly resolution 60/288"),
        ("S/2020/372", "document S/2020/372"),
        ("《宪章》", "the Charter (Charter of the United Nations)"),
        ("恐怖主义 行为", "terrorism · act(s)"),  # an n-gram, word by word
        ("恐怖主义 测试样例", "terrorism · ?"),
        ("测试样例", ""),  # unknown
    ],
)
def test_gloss_of_terms_citations_and_ngrams(term, english):
    assert helpers.gloss([term])[term] == english


def test_short_glosses_and_bilingual_labels_for_charts():
    assert glossary.short_gloss("Counter-Terrorism Committee (CTC)") == "CTC"
    assert glossary.short_gloss("stress / emphasize") == "stress"
    assert glossary.short_gloss("coronavirus disease (COVID-19)") == "COVID-19"
    assert helpers.bilingual_labels(["会员国", "测试样例"]) == ["会员国 Member States", "测试样例"]


def test_with_english_puts_the_gloss_after_the_term_column():
    table = pd.DataFrame({"term": ["恐怖主义", "测试样例"], "count": [2, 1]})
    glossed = helpers.with_english(table)
    assert glossed.columns.tolist() == ["term", "english", "count"]
    assert glossed["english"].tolist() == ["terrorism", ""]
    assert "english" not in table.columns
    with pytest.raises(DataError, match="no column 'keyword'"):
        helpers.with_english(table, "keyword")


def test_another_gloss_table_is_one_line_and_the_first_table_wins(tmp_path, monkeypatch):
    """(The entity table of data/un_entities.csv is such a line: its names are glossed, e.g. 非盟 below.)"""
    assert helpers.gloss(["非盟"]).iloc[0] == "African Union"
    extra = tmp_path / "entities.csv"  # test fixture, not project data
    extra.write_text("name_zh,name_en\n测试样例机构,Test Fixture Body\n安全理事会,should not win\n", encoding="utf-8")
    monkeypatch.setattr(glossary, "GLOSS_SOURCES", (*glossary.GLOSS_SOURCES, glossary._csv_table(extra, "name_zh", "name_en")))
    glossary._lookup.cache_clear()
    try:
        assert helpers.gloss(["测试样例机构", "安全理事会"]).tolist() == ["Test Fixture Body", "Security Council"]
    finally:
        glossary._lookup.cache_clear()


def test_a_glossary_without_a_source_is_refused(tmp_path, monkeypatch):
    broken = tmp_path / "glossary.csv"
    broken.write_text("term,english,source\n测试样例,test fixture,\n", encoding="utf-8")
    monkeypatch.setattr(glossary, "GLOSSARY_FILE", broken)
    glossary._glossary.cache_clear()
    try:
        with pytest.raises(DataError, match=r"glossary\.csv: term '测试样例' needs an english gloss and a source"):
            helpers.read_glossary()
    finally:
        glossary._glossary.cache_clear()
