"""The exercise checks: a wrong answer fails with a hint that does not contain the answer, an empty one says "no
answer yet", a right one passes (the notebooks, executed with their solutions, show that for every exercise)."""

from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers.tools.exercises import exercises


@pytest.fixture(scope="module")
def tables():
    from comparison_corpus import DOCUMENTS, FOCUS
    from series_fixtures import corpus_table

    statement = helpers.load_statement()
    tokens = helpers.token_table(statement)
    units = helpers.comparison_units(statement)
    corpus = corpus_table(DOCUMENTS)  # test fixtures of known provenance (comparison_corpus.py)
    return {
        "statement": statement,
        "tokens": tokens,
        "acts": helpers.speech_acts(statement),
        "citations": helpers.extract_citations(statement),
        "modals": helpers.modal_words(statement),
        "units": units,
        "unit_tokens": helpers.group_tokens(tokens, units),
        "provenance": helpers.provenance(corpus, FOCUS),
        "docs": helpers.documents(corpus),
        "reuse": helpers.reuse_over_time(corpus).merge(helpers.documents(corpus)[["symbol", "doc_type"]], on="symbol"),
    }


def wrong_answers(tables):
    """(exercise, a plausible wrong answer, the tables its check needs, the right answer that must not be shown)."""
    statement, tokens, acts, citations = tables["statement"], tables["tokens"], tables["acts"], tables["citations"]
    operative = statement[statement["kind"] == "operative"]
    long_paragraphs = operative.loc[operative["n_chars"] > operative["n_chars"].median(), "para"].tolist()
    why = "Two sentences of an answer written for this test, long enough to pass the length check of written answers."
    return [
        ("00.1", 0.2, {}, "0.25"),
        ("00.2", (32, 4), {}, "0.25"),
        ("01.1", long_paragraphs[:-1], {"statement": statement}, str(long_paragraphs)),
        ("01.1", list(reversed(long_paragraphs)), {"statement": statement}, str(long_paragraphs)),
        ("01.2", [5, 6], {"statement": statement}, "[5, 6, 7"),
        ("01.3", (acts[acts["verb"] == "回顾"], why), {"acts": acts}, "1, 8"),
        ("01.3", (acts[acts["verb"] == "决定"], "too short"), {"acts": acts}, "resolution 1373"),
        ("01.4", ("测试样例没有换行", "测试样例没有换行"), {}, "clean_text("),
        ("02.1", {1: 1}, {"tokens": tokens, "term": "恐怖主义"}, "{0: 1"),
        ("03.1", [2, 3], {"citations": citations, "statement": statement}, "[2, 3, 4"),
        ("03.2", pd.crosstab(citations["kind"], citations["kind"]), {"citations": citations}, "body"),
        ("03.3", ({1: ["S/RES/1373(2001)"]}, why), {"acts": acts, "citations": citations}, "17"),
        ("03.4", ("测试样例：第2178号决议。", helpers.extract_citations("测试样例：第2178号决议。")), {}, "72/284"),
        *comparison_answers(tables, why),
    ]


def comparison_answers(tables, why):
    """Plausible wrong answers to the exercises of notebooks 04 and 05 (on the shipped statement's paragraphs, and on
    the generated corpus of comparison_corpus.py, whose answers are known: 促请→鼓励, earliest S/RES/9001(2097), direct
    S/PRST/2098/1)."""
    from comparison_corpus import EARLIER, RESOLUTION

    units, unit_tokens, table = tables["units"], tables["unit_tokens"], tables["provenance"]
    neighbours = helpers.nearest_neighbours(units["text"], k=10, tokens=unit_tokens)
    biggest = unit_tokens.map(len).idxmax()
    nearest = neighbours[neighbours["a"] == biggest].head(3).set_index("b")[["jaccard", "cosine"]].assign(reuse=0.5)
    swapped = nearest.rename(columns={"jaccard": "cosine", "cosine": "jaccard"})[["jaccard", "cosine", "reuse"]]
    given = {"units": units, "unit_tokens": unit_tokens}
    chars = table.groupby("match")["length"].sum()
    return [
        ("04.4", swapped, given, str(nearest.index[0])),
        ("04.4", nearest.iloc[::-1], given, str(nearest.index[0])),
        ("05.1", {match: int(n) + 1 for match, n in chars.items()}, {"example_table": table}, str(int(chars.iloc[0]))),
        ("05.1", {"exact": int(chars["exact"])}, {"example_table": table}, str(int(chars["exact"]))),
        ("05.2", (("鼓励", "促请"), (5, 3), why), {"example_table": table}, "促请→"),
        ("05.2", (("促请", "鼓励"), (1, 1), why), {"example_table": table}, "(4, 5)"),
        ("05.2", (("促请", "鼓励"), (4, 5), "too short"), {"example_table": table}, "encourag"),
        ("05.3", {"statement": 0.5, "resolution": 0.0}, {"reuse": tables["reuse"]}, "0.4"),
        ("05.4", (EARLIER, RESOLUTION), {"table": table, "docs": tables["docs"]}, RESOLUTION),
        ("05.4", (RESOLUTION, RESOLUTION), {"table": table, "docs": tables["docs"]}, EARLIER),
    ]


def test_the_right_answers_to_the_comparison_exercises_pass(tables, capsys):
    from comparison_corpus import EARLIER, RESOLUTION

    table = tables["provenance"]
    helpers.check("05.1", {m: int(n) for m, n in table.groupby("match")["length"].sum().items()}, example_table=table)
    why = "Two sentences of an answer written for this test, long enough to pass the length check of written answers."
    rank = helpers.speech_act_scale().set_index("verb")["force_rank"]
    helpers.check("05.2", (("促请", "鼓励"), (int(rank["促请"]), int(rank["鼓励"])), why), example_table=table)
    helpers.check("05.4", (RESOLUTION, EARLIER), table=table, docs=tables["docs"])
    assert capsys.readouterr().out.count("correct.") == 3


def test_every_exercise_of_the_notebooks_has_a_check():
    import nbformat

    from helpers.tools.reports import notebooks

    called = set()
    for path in notebooks():
        for cell in nbformat.read(path, as_version=4).cells:
            if "check" in cell.metadata.get("tags", []):
                called.add(cell.source.split('"')[1])
    assert called == set(exercises())


def test_a_wrong_answer_fails_with_a_hint_that_does_not_give_it_away(tables):
    for exercise, answer, given, right in wrong_answers(tables):
        with pytest.raises(AssertionError) as failure:
            helpers.check(exercise, answer, **given)
        message = str(failure.value)
        assert message.startswith(f"Exercise {exercise}: not yet. ") and "\n" not in message, message
        assert right not in message, f"{exercise}: the hint shows the answer: {message}"


@pytest.mark.parametrize("empty", [..., "", (..., "some text"), ([1], "")])
def test_an_empty_answer_says_no_answer_yet(empty):
    with pytest.raises(AssertionError, match=r"^Exercise 01\.1: no answer yet"):
        helpers.check("01.1", empty)


def test_a_right_answer_passes(tables, capsys):
    statement = tables["statement"]
    operative = statement[statement["kind"] == "operative"]
    helpers.check("01.1", operative.loc[operative["n_chars"] > operative["n_chars"].median(), "para"].tolist(),
                  statement=statement)
    assert capsys.readouterr().out == "Exercise 01.1: correct.\n"


def test_an_unknown_exercise_is_named():
    with pytest.raises(helpers.DataError, match=r"unknown exercise '09\.9'; known: 00\.1"):
        helpers.check("09.9", 1)
