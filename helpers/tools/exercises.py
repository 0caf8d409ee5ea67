"""Checks a student runs after each exercise: ``helpers.check("01.2", answer, statement=statement)``.

Each check recomputes what the exercise asks for from the data it is given (so it holds for any statement the
notebook shows) and compares the student's answer with it. It prints one line when the answer is right; otherwise
it raises AssertionError with a hint that never contains the answer. An answer still holding the placeholder of the
student copy (``...`` or an empty string) fails with "no answer yet". Written answers (why…?) cannot be marked by
code: their check only asks for a few sentences, and the notebook's teacher reads them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

import pandas as pd

from helpers.errors import DataError
from helpers.tools import pilot

_CHECKS: dict[str, Callable[..., str | None]] = {}
_WORDS = re.compile(r"[A-Za-z]+|[\u3400-\u9fff]")
MIN_WORDS = 15
"""Written answers need this many words (an English word or a Chinese character counts as one)."""


def _exercise(name: str):
    def register(function: Callable[..., str | None]) -> Callable[..., str | None]:
        _CHECKS[name] = function
        return function

    return register


def _unanswered(answer: Any) -> bool:
    if answer is Ellipsis or (isinstance(answer, str) and not answer.strip()):
        return True
    if isinstance(answer, tuple):
        return any(_unanswered(part) for part in answer)
    return False


def check(exercise: str, answer: Any, **given: Any) -> None:
    """Check the answer to an exercise; print "Exercise N: correct." or raise AssertionError with a hint.

    ``exercise`` is the number shown in the notebook ("01.2"); ``answer`` what the exercise asks you to store (a
    tuple when it asks for several values); ``given`` the tables the check needs, as the check cell passes them.
    In pilot mode (``make lab PILOT=1``) each call appends its outcome, never the answer, to the pilot log.
    """
    if exercise not in _CHECKS:
        raise DataError(f"unknown exercise {exercise!r}; known: {', '.join(sorted(_CHECKS))}.")
    if _unanswered(answer):
        pilot.record("no answer", exercise)
        raise AssertionError(f"Exercise {exercise}: no answer yet; replace the ... (or the empty text) above with your "
                             "answer, run that cell, then this one.")
    hint = _CHECKS[exercise](answer, **given)
    pilot.record("not yet" if hint else "correct", exercise)
    if hint:
        raise AssertionError(f"Exercise {exercise}: not yet. {hint}")
    print(f"Exercise {exercise}: correct.")


def exercises() -> list[str]:
    """Return the numbers of every exercise that has a check, sorted."""
    return sorted(_CHECKS)


# --- shared comparisons ------------------------------------------------------------------------------


def _written(text: Any, what: str) -> str | None:
    if not isinstance(text, str):
        return f"{what} should be text (a string in quotes)."
    if len(_WORDS.findall(text)) < MIN_WORDS:
        return f"{what} is too short: write two sentences, in English or Chinese ({MIN_WORDS} words at least)."
    return None


def _same_list(answer: Any, expected: list, what: str) -> str | None:
    if not isinstance(answer, list | tuple | pd.Series):
        return f"{what} should be a list."
    answer = [int(value) if isinstance(value, int | float) and not isinstance(value, bool) else value for value in answer]
    if answer == list(expected):
        return None
    if sorted(map(str, answer)) == sorted(map(str, expected)):
        return f"{what} has the right items in the wrong order."
    return f"{what}: some items are missing or extra; look again at the condition."


def _close(answer: Any, expected: float, what: str, tolerance: float = 1e-3) -> str | None:
    if not isinstance(answer, int | float) or isinstance(answer, bool):
        return f"{what} should be a number."
    return None if math.isclose(answer, expected, rel_tol=tolerance, abs_tol=tolerance) else f"{what} is not right yet."


def _running(tokens: pd.DataFrame) -> pd.DataFrame:
    return tokens[tokens["kind"].isin(["word", "number", "citation"])]


# --- 00 · words of the method -----------------------------------------------------------------------------


@_exercise("00.1")
def _jaccard_by_hand(answer, **_):
    a, b = {1373, 2178, 2462}, {1373, 1267}
    return _close(answer, len(a & b) / len(a | b), "jaccard_ab")


@_exercise("00.2")
def _times(answer, **_):
    if not isinstance(answer, tuple) or len(answer) != 2:
        return "give two numbers."
    return _close(answer[0], 2.0**5, "times_5") or _close(answer[1], 2.0**-2, "times_minus_2")


@_exercise("00.3")
def _longest_formula(answer, statement):
    from helpers.analysis.compare import recurring_passages

    formula, why = answer
    texts = statement.loc[statement["kind"] == "operative"].set_index("para")["text"]
    passages = recurring_passages(texts, min_chars=6).sort_values(["length", "passage"], ascending=[False, True])
    expected = passages["passage"].iloc[0] if len(passages) else None
    if formula != expected:
        if expected is None:
            return "no passage of 6 or more characters recurs in this statement; the answer is None."
        if not isinstance(formula, str):
            return "longest_formula should be text (or None when nothing recurs)."
        return "longest_formula is not the longest passage that recurs in two or more operative paragraphs."
    return _written(why, "why")


@_exercise("00.4")
def _g2_halves(answer, tokens, term):
    from helpers.analysis.terms import keyness

    running = _running(tokens[tokens["para"] > 0])
    paras = sorted(running["para"].unique())
    if len(paras) < 2:
        return None if answer is None else "with one operative paragraph there are no halves: store None."
    first = running[running["para"].isin(paras[: len(paras) // 2])]["token"]
    second = running[running["para"].isin(paras[len(paras) // 2 :])]["token"]
    table = keyness(Counter(first), Counter(second)).set_index("term")
    return _close(answer, abs(float(table.loc[term, "g2"])), "g2_halves")


# --- 01 · the statement -------------------------------------------------------------------------------


@_exercise("01.1")
def _long_paragraphs(answer, statement):
    operative = statement[statement["kind"] == "operative"]
    expected = operative.loc[operative["n_chars"] > operative["n_chars"].median(), "para"].tolist()
    return _same_list(answer, expected, "long_paragraphs")


@_exercise("01.2")
def _member_states(answer, statement):
    expected = [int(para) for para, text in zip(statement["para"], statement["text"], strict=True) if "会员国" in text]
    return _same_list(answer, expected, "member_state_paragraphs")


@_exercise("01.3")
def _who_decides(answer, acts):
    decisions, who = answer
    if not isinstance(decisions, pd.DataFrame):
        return "decisions should be rows of the speech-act table (a DataFrame)."
    expected = acts[acts["verb"] == "决定"]
    if sorted(zip(decisions["para"], decisions["start"], strict=True)) != sorted(
        zip(expected["para"], expected["start"], strict=True)
    ):
        return "decisions should hold every row of the speech-act table whose verb is 决定, and only those."
    return _written(who, "who_decides")


@_exercise("01.4")
def _cleaner(answer, **_):
    from helpers.ingest.text import clean_text

    sample, cleaned = answer
    if not isinstance(sample, str) or not isinstance(cleaned, str):
        return "sample and cleaned_sample should both be text."
    if not re.search(r"[\u3400-\u9fff]\n+[\u3400-\u9fff]", sample):
        return "sample needs a line break inside a word (between two Chinese characters)."
    if not re.search(r"[^\s\d] \d+ [^\s\d]", sample):
        return "sample needs a space on each side of a number."
    if cleaned != clean_text(sample):
        return "cleaned_sample should be what helpers.clean_text returns for sample."
    if "".join(sample.split()) != "".join(cleaned.split()):
        return "a character other than whitespace was lost or added."
    return None


# --- 02 · terms ---------------------------------------------------------------------------------------


@_exercise("02.1")
def _term_places(answer, tokens, term):
    if not isinstance(answer, dict):
        return "top_term_places should be a dict {paragraph: count}."
    expected = tokens[tokens["term"] == term].groupby("para").size().to_dict()
    given = {int(key): int(value) for key, value in answer.items()}
    return None if given == {int(k): int(v) for k, v in expected.items()} else "some paragraphs or counts are not right."


@_exercise("02.2")
def _stopword_change(answer, tokens):
    from helpers.analysis.terms import generic_stopwords, stopwords, term_frequencies

    come_in, drop_out = answer
    generic = set(term_frequencies(tokens, stopwords=generic_stopwords())["term"].head(20))
    project = set(term_frequencies(tokens, stopwords=stopwords())["term"].head(20))
    return _same_list(come_in, sorted(generic - project), "come_in") or _same_list(
        drop_out, sorted(project - generic), "drop_out"
    )


@_exercise("02.3")
def _obligations(answer, modals):
    own, recalled, reading = answer
    obligations = modals[modals["kind"] == "obligation"] if len(modals) else modals
    expected_own = int(obligations["own"].sum()) if len(obligations) else 0
    if own != expected_own or recalled != len(obligations) - expected_own:
        return "count the modal words of kind 'obligation', split by the own column."
    return _written(reading, "reading")


@_exercise("02.4")
def _unsure_key_words(answer, tokens):
    from helpers.analysis.terms import han_terms, keyness, stopwords, wordfreq_reference

    target = han_terms(tokens)
    reference = wordfreq_reference(target)
    table = keyness(target, reference, terms="target")
    top = table[~table["term"].isin(stopwords())].head(30)
    expected = sorted(term for term in top["term"] if reference.attrs["status"][term] != "listed")
    return _same_list(answer, expected, "unsure_key_words")


# --- 03 · citations -------------------------------------------------------------------------------------


@_exercise("03.1")
def _uncited(answer, citations, statement):
    cited = citations[citations["para"].notna() & citations["kind"].isin(["resolution", "document", "instrument"])]
    operative = statement.loc[statement["kind"] == "operative", "para"]
    return _same_list(answer, sorted(set(operative) - set(cited["para"].astype(int))), "uncited_paragraphs")


@_exercise("03.2")
def _per_paragraph(answer, citations):
    if not isinstance(answer, pd.DataFrame):
        return "per_paragraph should be a table (a DataFrame)."
    in_body = citations[citations["para"].notna()]
    expected = pd.crosstab(in_body["para"].astype(int), in_body["kind"])
    given = answer.copy()
    try:
        given.index = given.index.astype(int)
    except (TypeError, ValueError):
        return "the rows of per_paragraph should be paragraph numbers."
    try:
        pd.testing.assert_frame_equal(given, expected, check_names=False, check_dtype=False, check_index_type=False,
                                      check_column_type=False)
    except AssertionError:
        return "rows should be the paragraphs that cite something, columns the kinds, cells the counts."
    return None


@_exercise("03.3")
def _recalled_texts(answer, acts, citations):
    recalled, why = answer
    if not isinstance(recalled, dict):
        return "recalled_texts should be a dict {paragraph: [keys]}."
    texts = citations[citations["para"].notna() & citations["kind"].isin(["resolution", "document", "instrument"])]
    paragraphs = sorted(set(acts.loc[acts["own"] & (acts["force"] == "recall"), "para"]))
    expected = {int(p): sorted(set(texts.loc[texts["para"] == p, "key"])) for p in paragraphs}
    if not all(isinstance(keys, list | tuple) for keys in recalled.values()):
        return "each value of recalled_texts should be a list of keys."
    if {int(p): sorted(keys) for p, keys in recalled.items()} != expected:
        return "look for acts of force 'recall' whose own is True, and the texts (not bodies) cited in their paragraphs."
    return _written(why, "why_restate")


@_exercise("03.4")
def _my_sentence(answer, **_):
    from helpers.analysis.citations import extract_citations

    sentence, found = answer
    if not isinstance(sentence, str) or not isinstance(found, pd.DataFrame):
        return "my_sentence should be text and my_citations the table extract_citations returns."
    keys = extract_citations(sentence)["key"].tolist()
    if found["key"].tolist() != keys:
        return "my_citations should be helpers.extract_citations(my_sentence)."
    wanted = {
        "a Security Council resolution without a year": any(re.fullmatch(r"S/RES/\d+", key) for key in keys),
        "a General Assembly resolution": any(key.startswith("A/RES/") for key in keys),
        "a document symbol": any(re.fullmatch(r"S/\d{4}/\d+", key) for key in keys),
        "《全球反恐战略》": "《联合国全球反恐战略》" in keys,
    }
    missing = [what for what, ok in wanted.items() if not ok]
    return f"the sentence should also cite {', '.join(missing)}." if missing else None


# --- 04 · comparisons ---------------------------------------------------------------------------------


@_exercise("04.1")
def _recurring_6(answer, units):
    from helpers.analysis.compare import recurring_passages

    if not isinstance(answer, int):
        return "n_recurring_6 should be a whole number."
    return None if answer == len(recurring_passages(units["text"], min_chars=6)) else "n_recurring_6 is not right yet."


@_exercise("04.2")
def _long_pauses(answer, series):
    pauses = series[series["interval"] > 365].sort_values(["interval", "symbol"], ascending=[False, True])
    return _same_list(answer, pauses["symbol"].tolist(), "long_pauses")


@_exercise("04.3")
def _without_meeting(answer, index):
    by_year, why = answer
    if not isinstance(by_year, dict):
        return "without_meeting_by_year should be a dict {year: count}."
    expected = {int(y): int(n) for y, n in index[index["meeting"].isna()].groupby("year").size().items()}
    if {int(y): int(n) for y, n in by_year.items()} != expected:
        return "some years or counts are not right (count the rows whose meeting is missing)."
    return _written(why, "why_no_meeting")


@_exercise("04.4")
def _closest(answer, unit_tokens, units):
    from helpers.analysis.compare import nearest_neighbours, passage_reuse

    if len(units) < 4:
        return None if answer is None else "with fewer than four units, store None."
    if not isinstance(answer, pd.DataFrame) or list(answer.columns) != ["jaccard", "cosine", "reuse"]:
        return "closest should be a DataFrame with the columns jaccard, cosine and reuse."
    biggest = unit_tokens.map(len).idxmax()
    neighbours = nearest_neighbours(units["text"], k=10, tokens=unit_tokens)
    nearest = neighbours[neighbours["a"] == biggest].head(3)
    if list(answer.index) != nearest["b"].tolist():
        return "the three units are not the three nearest neighbours of the unit with the most tokens (nearest first)."
    reuse = passage_reuse(units["text"], min_chars=8, pairs=[(biggest, other) for other in nearest["b"]])
    shares = [float(reuse.loc[(reuse["a"] == other) | (reuse["b"] == other), "reuse"].sum()) for other in nearest["b"]]
    for column, expected in (("jaccard", nearest["jaccard"]), ("cosine", nearest["cosine"]), ("reuse", shares)):
        if not all(math.isclose(a, b, abs_tol=1e-6) for a, b in zip(answer[column], expected, strict=True)):
            return f"the {column} column is not right yet."
    return None


# --- 05 · where the language comes from ---------------------------------------------------------------


def _verb_change(example_table) -> tuple[str, str] | None:
    """The (old, new) verbs of the first near-verbatim edit of the example that swaps two verbs of the scale."""
    from helpers.analysis.speech_acts import speech_act_scale

    if example_table is None:
        return None
    verbs = set(speech_act_scale()["verb"])
    for edit in example_table.loc[example_table["match"] == "near", "edit"]:
        for part in edit.split("; "):
            old, _, new = part.partition("→")
            if old in verbs and new in verbs:
                return old, new
    return None


@_exercise("05.1")
def _example_matches(answer, example_table):
    if example_table is None:
        return None if answer is None else "this statement gives no example: store None."
    if not isinstance(answer, dict):
        return "match_chars should be a dict {match: characters}."
    expected = {str(match): int(n) for match, n in example_table.groupby("match")["length"].sum().items()}
    try:
        given = {str(match): int(n) for match, n in answer.items()}
    except (TypeError, ValueError):
        return "the values of match_chars should be numbers of characters."
    if set(given) != set(expected):
        return "match_chars should have one key per kind of match in the example (exact, near, new), and only those."
    return None if given == expected else "some counts are not right yet: add up the length column by match."


@_exercise("05.2")
def _changed_verb(answer, example_table):
    from helpers.analysis.speech_acts import speech_act_scale

    verb, ranks, why = answer
    expected = _verb_change(example_table)
    if expected is None:
        if verb is not None or ranks is not None:
            return "the example has no edit that changes a verb of the scale: store None in both."
        return _written(why, "what_it_signals")
    if not isinstance(verb, tuple | list) or tuple(verb) != expected:
        return "changed_verb should be the pair (old verb, new verb) read in the near-verbatim edit, old first."
    scale = speech_act_scale().set_index("verb")["force_rank"]
    if not isinstance(ranks, tuple | list) or [int(r) if isinstance(r, int | float) else r for r in ranks] != [
        int(scale[expected[0]]), int(scale[expected[1]])
    ]:
        return "force_ranks should be the force_rank of each verb in helpers.speech_act_scale(), old first."
    return _written(why, "what_it_signals")


@_exercise("05.3")
def _reuse_by_type(answer, reuse):
    if not isinstance(answer, dict):
        return "reuse_by_type should be a dict {doc_type: mean share}."
    expected = reuse.groupby("doc_type")["share_reused"].mean()
    if sorted(map(str, answer)) != sorted(expected.index):
        return "reuse_by_type should have one key per kind of document in reuse, and only those."
    for kind, value in expected.items():
        hint = _close(answer[kind], float(value), f"the mean share of {kind}s", tolerance=1e-6)
        if hint:
            return hint
    return None


@_exercise("05.4")
def _sources(answer, table, docs):
    if not isinstance(answer, tuple | list) or len(answer) != 2:
        return "sources should be a pair (earliest, direct)."
    from helpers.analysis.provenance import leading_document

    earliest = leading_document(table[table["match"] != "new"], docs, "source")
    direct = leading_document(table[table["match"] == "exact"], docs, "latest", latest_first=True)
    if answer[0] != earliest:
        return "the first symbol is not the source of most reused characters (exact and near; ties: earlier document)."
    if answer[1] != direct:
        return "the second symbol is not the latest of most exactly reused characters (ties: more recent document)."
    return None
